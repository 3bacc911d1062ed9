# Four threads each start children with subprocess.run(capture_output=True)
# while the others are forking too: every child must get its own pipes and
# arguments, and every result must come back intact (no descriptor leaked
# into the wrong child, no lost output, no SIGPIPE death).
import subprocess
import sys
import threading

ROUNDS = 8
errors = []
counts = [0] * 4
lock = threading.Lock()


def work(k):
    for i in range(ROUNDS):
        tag = f'{k}-{i}'
        kind = i % 4
        if kind == 0:
            r = subprocess.run(['/bin/echo', tag], capture_output=True)
            want = (0, (tag + '\n').encode(), b'')
        elif kind == 1:
            payload = (tag * 5000).encode()
            r = subprocess.run(['/bin/cat'], input=payload, capture_output=True)
            want = (0, payload, b'')
        elif kind == 2:
            r = subprocess.run(['/bin/sh', '-c', f'echo out-{tag}; echo err-{tag} >&2; exit {k + 1}'],
                               capture_output=True, text=True)
            want = (k + 1, f'out-{tag}\n', f'err-{tag}\n')
        else:
            r = subprocess.run([sys.executable, '-c', f'print("py", {k} * 100 + {i})'],
                               capture_output=True)
            want = (0, f'py {k * 100 + i}\n'.encode(), b'')
        got = (r.returncode, r.stdout, r.stderr)
        with lock:
            if got != want:
                errors.append((tag, got[:1], len(got[1] or ''), want[:1]))
            counts[k] += 1


threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print('runs per thread:', counts)
print('errors:', errors)
try:
    subprocess.run(['nosuchprog-in-stress'])
except FileNotFoundError as e:
    print(e)
