# stress: four threads share one compiled pattern (and the module's pattern
# cache) and match, search, substitute and split with it at the same time;
# every thread must get exactly the results a lone thread gets.
import re
import threading

PAT = re.compile(r'(?P<name>[a-zé]+)=(?P<val>\d+)(?:;|$)', re.I)
WORDS = ['alpha', 'Beta', 'gamma', 'délta', 'EPS']
N = 4
ROUNDS = 300
results = [None] * N


def line(t, i):
    return ';'.join('%s=%d' % (WORDS[(t + i + k) % len(WORDS)], t * 1000 + i * 7 + k) for k in range(4))


def work(t):
    total = 0
    names = {}
    subs = 0
    for i in range(ROUNDS):
        s = line(t, i)
        for m in PAT.finditer(s):
            total += int(m.group('val'))
            names[m['name'].lower()] = names.get(m['name'].lower(), 0) + 1
        r, n = PAT.subn(r'\g<val>:\1', s)
        subs += n + len(r)
        if PAT.fullmatch(s.split(';')[0]) is None:
            raise AssertionError('fullmatch failed')
        parts = re.split(r'[;=]', s)
        subs += len(parts)
        if re.search(r'(\d+)(?=;|$)', s).group(1) != s.split('=')[1].split(';')[0]:
            raise AssertionError('search mismatch')
        if i % 50 == 0:
            re.purge()
    results[t] = (total, sorted(names.items()), subs)


threads = [threading.Thread(target=work, args=(t,)) for t in range(N)]
for th in threads:
    th.start()
for th in threads:
    th.join()
for t in range(N):
    print(t, results[t])
