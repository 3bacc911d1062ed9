# subprocess: run / Popen / the helpers with pipes, files, DEVNULL, text
# mode, timeouts, signals, exec failures, env, cwd, shell, pass_fds and the
# exceptions' messages.  Children: /bin/sh, /bin/echo, /bin/cat and
# sys.executable -c (deterministic output only).
import os
import signal
import subprocess
import sys
import warnings
from subprocess import PIPE, STDOUT, DEVNULL

PY = sys.executable


def show(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
    else:
        print('->', r)


print(PIPE, STDOUT, DEVNULL)
print(issubclass(subprocess.CalledProcessError, subprocess.SubprocessError),
      issubclass(subprocess.TimeoutExpired, subprocess.SubprocessError),
      issubclass(subprocess.SubprocessError, Exception))

print('--- run')
sys.stdout.flush()   # the child writes to the same stdout
print(subprocess.run(['/bin/echo', 'hello', 'world']))
print(subprocess.run(['/bin/echo', 'hello'], capture_output=True))
print(subprocess.run(['echo', 'via PATH'], stdout=PIPE, text=True))
print(subprocess.run('echo $((6*7)); echo oops >&2; exit 3', shell=True, capture_output=True))
print(subprocess.run(['/bin/sh', '-c', 'echo out; echo err >&2'], stdout=PIPE, stderr=STDOUT))
print(subprocess.run(['/bin/sh', '-c', 'echo out; echo err >&2'], stdout=DEVNULL, stderr=PIPE))
print(subprocess.run(['/bin/cat'], input=b'abc\r\ndef', capture_output=True))
print(subprocess.run(['/bin/cat'], input='abc\r\ndef\rg\n', capture_output=True, text=True))
print(subprocess.run(['/bin/cat'], input='caf\xe9', capture_output=True, encoding='latin-1'))
print(subprocess.run(['/bin/sh', '-c', 'printf "\\377ok"'], capture_output=True, errors='replace'))
print(subprocess.run(['/bin/cat'], input='x', capture_output=True, universal_newlines=True).stdout)
print(subprocess.run(['/bin/cat'], stdin=DEVNULL, capture_output=True).stdout)
print(subprocess.run([PY, '-c', 'print(6 * 7)'], capture_output=True).stdout)
print(subprocess.run([PY, '-c', 'import sys; sys.exit(5)']).returncode)
print(subprocess.run([PY, '-c', 'import sys; print(sys.argv[1:])', 'a', 'b c'], capture_output=True,
                     text=True).stdout, end='')
big = subprocess.run([PY, '-c', 'import sys; sys.stdout.write("x" * 300000)'], capture_output=True)
print('big output', len(big.stdout), big.stdout == b'x' * 300000)
data = bytes(range(256)) * 1000
echoed = subprocess.run(['/bin/cat'], input=data, capture_output=True)
print('big input', echoed.stdout == data, echoed.returncode)
# a child that never reads its input: the broken pipe is not an error
print(subprocess.run(['/bin/sh', '-c', 'exit 0'], input=b'y' * 500000).returncode)
r = subprocess.run(['/bin/sh', '-c', 'exit 2'], capture_output=True)
show(r.check_returncode)
print(repr(subprocess.run(['/bin/echo'], stdout=DEVNULL)))

print('--- errors of run and check_output')
show(lambda: subprocess.run(['/bin/cat'], input=b'x', stdin=PIPE))
show(lambda: subprocess.run(['/bin/echo'], capture_output=True, stdout=PIPE))
show(lambda: subprocess.run(['/bin/echo'], capture_output=True, stderr=DEVNULL))
show(lambda: subprocess.check_output(['/bin/echo'], stdout=PIPE))
show(lambda: subprocess.check_output(['/bin/echo'], check=True))
show(lambda: subprocess.run(['/bin/sh', '-c', 'exit 1'], check=True))
show(lambda: subprocess.run('exit 4', shell=True, check=True))
show(lambda: subprocess.check_call(['/bin/sh', '-c', 'kill -9 $$']))
show(lambda: subprocess.check_call(['/bin/sh', '-c', 'kill -TERM $$']))
show(lambda: subprocess.run(['nosuchprog']))
show(lambda: subprocess.run(['nosuchprog', 'arg'], capture_output=True))
show(lambda: subprocess.run(['/no/such/dir/prog']))
show(lambda: subprocess.run(['./notexec.sh']))
show(lambda: subprocess.run(['/bin/echo'], cwd='/nonexistent-dir'))
show(lambda: subprocess.run(['/bin/echo'], executable='nosuchexe'))
show(lambda: subprocess.run('true', shell=True, executable='/nonexistent/sh'))
show(lambda: subprocess.run([1, 2]))
show(lambda: subprocess.run(['/bin/echo', 'a\0b']))
show(lambda: subprocess.run(['/bin/echo'], env={'A=B': 'x'}))
show(lambda: subprocess.Popen(['/bin/echo'], bufsize='x'))
show(lambda: subprocess.Popen(['/bin/echo'], startupinfo=1))
show(lambda: subprocess.Popen(['/bin/echo'], creationflags=1))
show(lambda: subprocess.Popen(['/bin/echo'], text=True, universal_newlines=False))
show(lambda: subprocess.run())

print('--- exceptions')
e = subprocess.CalledProcessError(2, ['x', 'y'], b'out', b'err')
print(str(e), repr(e), e.returncode, e.cmd, e.output, e.stdout, e.stderr)
e.stdout = 'changed'
print(e.output)
print(subprocess.CalledProcessError(-9, 'cmd'))
print(subprocess.CalledProcessError(-15, 'cmd'))
print(subprocess.CalledProcessError(-200, 'cmd'))
print(subprocess.CalledProcessError(0, 'cmd'))
t = subprocess.TimeoutExpired('cmd', 1.5, output=b'so far')
print(str(t), t.timeout, t.output, t.stdout, t.stderr)
c = subprocess.CompletedProcess(['a'], 0)
print(repr(c), c.stdout, c.stderr)
print(repr(subprocess.CompletedProcess('a', 1, 'o', 'e')))
show(subprocess.CompletedProcess('a', 1, 'o', 'e').check_returncode)
print(subprocess.CompletedProcess[str], subprocess.Popen[bytes])

print('--- timeouts')
try:
    subprocess.run(['/bin/sh', '-c', 'echo partial; exec sleep 10'], capture_output=True, timeout=1)
except subprocess.TimeoutExpired as exc:
    print(exc, exc.stdout, exc.stderr)
p = subprocess.Popen(['/bin/sleep', '10'])
try:
    p.wait(timeout=0.1)
except subprocess.TimeoutExpired as exc:
    print(exc)
print(p.poll())
p.kill()
print(p.wait(), p.returncode, p.poll())
p = subprocess.Popen(['/bin/sh', '-c', 'sleep 0.5; echo finally'], stdout=PIPE)
try:
    p.communicate(timeout=0.05)
except subprocess.TimeoutExpired as exc:
    print('first try:', exc, exc.output)
print('second try:', p.communicate())
show(lambda: p.communicate(b'late'))
show(lambda: subprocess.call(['/bin/sleep', '10'], timeout=0.1))

print('--- Popen')
with subprocess.Popen(['/bin/cat'], stdin=PIPE, stdout=PIPE) as p:
    print(type(p.pid) is int and p.pid > 0, p.args, p.returncode, p.poll())
    print(p.stdin.writable(), p.stdout.readable(), p.stderr)
    p.stdin.write(b'line1\nline2\n')
    p.stdin.write(b'line3')
    p.stdin.close()
    print(p.stdin.closed)
    print(p.stdout.readline(), p.stdout.read(3), list(p.stdout))
print(p.returncode, repr(p), p.stdout.closed)
p = subprocess.Popen(['/bin/cat'], stdin=PIPE, stdout=PIPE, text=True)
print(p.universal_newlines, p.text_mode, p.encoding)
print(p.communicate('one\r\ntwo\rthree\n'))
print(p.returncode)
p = subprocess.Popen(['/bin/sh', '-c', 'printf "a\\r\\nb\\rc\\nd"'], stdout=PIPE, text=True)
print([line for line in p.stdout])
p.wait()
p = subprocess.Popen(['/bin/sh', '-c', 'printf "\\303\\251t\\303\\251\\nsecond"'], stdout=PIPE,
                     encoding='utf-8', bufsize=0)
print(p.stdout.read(2), p.stdout.readline(), p.stdout.read())
p.wait()
p.stdout.close()
p = subprocess.Popen(['/bin/sh', '-c', 'printf "abcdef"'], stdout=PIPE)
print(p.stdout.read(2), p.stdout.read(10), p.stdout.read())
p.wait()
p.stdout.close()
p = subprocess.Popen(['/bin/sleep', '10'])
p.terminate()
print('terminated', p.wait())
p.terminate()
p.kill()
p.send_signal(signal.SIGINT)
p = subprocess.Popen(['/bin/sleep', '10'])
p.send_signal(signal.SIGUSR1)
print('SIGUSR1', p.wait())
long_args = ['/bin/echo'] + ['argument%d' % i for i in range(12)]
p = subprocess.Popen(long_args, stdout=DEVNULL)
print(repr(p))
p.wait()
print(repr(p))
sys.stdout.flush()
print(subprocess.call(['/bin/sh', '-c', 'exit 7']), subprocess.check_call(['/bin/echo', 'checked']))
print(subprocess.check_output(['/bin/echo', 'captured']))
print(subprocess.check_output('echo text', shell=True, text=True), end='')
print(subprocess.check_output(['/bin/cat'], input=None))
print(repr(subprocess.check_output(['/bin/cat'], input=None, text=True)))
print(subprocess.check_output(['/bin/cat'], input=b'in'))

print('--- environment, cwd, shell, executable')
print(subprocess.check_output(['/bin/sh', '-c', 'echo "[$FOO]" "[$BAR]"'], env={'FOO': 'foo'}))
os.environ['TORII_SUBPROCESS_TEST'] = 'inherited'
print(subprocess.check_output(['/bin/sh', '-c', 'echo $TORII_SUBPROCESS_TEST']))
del os.environ['TORII_SUBPROCESS_TEST']
print(subprocess.check_output(['/bin/sh', '-c', 'echo "[$TORII_SUBPROCESS_TEST]"']))
print(subprocess.check_output(['/bin/sh', '-c', 'echo x'], env={'PATH': '/nonexistent'}))
show(lambda: subprocess.check_output(['sh', '-c', 'echo x'], env={'PATH': '/nonexistent'}))
print(subprocess.check_output(['pwd'], cwd='/'))
print(subprocess.check_output([PY, '-c', 'import os; print(os.getcwd())'], cwd=b'/tmp'))
print(subprocess.check_output(['mysh', '-c', 'echo $0'], executable='/bin/sh'))
print(subprocess.check_output('echo $0', shell=True, executable='/bin/sh'))
print(subprocess.check_output(['echo $0 "$1"', 'zero', 'one'], shell=True))
print(subprocess.getoutput('echo a; echo b >&2'))
print(subprocess.getstatusoutput('echo a; exit 4'))
print(subprocess.getstatusoutput('printf "two\\n\\n"'))
print(subprocess.getstatusoutput('nosuchcommand_xyz 2>/dev/null'))
print(subprocess.getoutput(['echo', 'list']))

print('--- descriptors')
with open('out.txt', 'wb') as f:
    subprocess.run(['/bin/echo', 'to a file'], stdout=f)
    subprocess.run(['/bin/sh', '-c', 'echo to fd >&2'], stderr=f.fileno())
with open('out.txt', 'rb') as f:
    print(f.read())
with open('out.txt', 'rb') as f:
    print(subprocess.run(['/bin/cat'], stdin=f, capture_output=True).stdout)
r, w = os.pipe()
print(subprocess.run(['/bin/sh', '-c', 'echo passed >&%d' % w], pass_fds=[w]).returncode)
print(os.read(r, 100))
res = subprocess.run(['/bin/sh', '-c', 'echo leaked >&%d' % w], capture_output=True)
print('closed in child:', res.returncode != 0, res.stdout)
os.set_inheritable(w, True)
res = subprocess.run(['/bin/sh', '-c', 'echo kept >&%d' % w], close_fds=False)
print('close_fds=False:', res.returncode, os.read(r, 100))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    subprocess.run(['/bin/sh', '-c', 'echo both >&%d' % w], close_fds=False, pass_fds=(w,))
print([str(x.message) for x in caught], [x.category.__name__ for x in caught], os.read(r, 100))
os.close(r)
os.close(w)
print(os.get_blocking(0) in (True, False))
r, w = os.pipe()
os.set_blocking(r, False)
print(os.get_blocking(r), os.get_blocking(w))
try:
    os.read(r, 1)
except BlockingIOError as exc:
    print('BlockingIOError', exc.errno)
os.set_blocking(r, True)
print(os.get_blocking(r))
os.close(r)
os.close(w)
code = 'import os; print(os.getsid(0) == os.getpid(), os.getpgid(0) == os.getpid())'
print(subprocess.run([PY, '-c', code], capture_output=True, start_new_session=True).stdout)
print(subprocess.run([PY, '-c', code], capture_output=True, process_group=0).stdout)
print(subprocess.run([PY, '-c', code], capture_output=True).stdout)

print('--- list2cmdline')
for seq in (['a', 'b'], ['a b', 'c'], [''], ['a"b'], ['a\\b'], ['a\\\\"b'], ['a b\\'], ['\\'],
            ['"'], ['x\ty'], [b'bytes', 'str']):
    print(repr(subprocess.list2cmdline(seq)))
sys.stdout.flush()
subprocess.run(['/bin/echo', 'child output after flush'])
print('done')
