# 4 threads write lines to one shared file object, then 4 threads iterate one
# shared reader: the per-file lock keeps the buffers whole, so no line is torn,
# lost or read twice.  (CPython's own TextIOWrapper does not promise this for
# concurrent readers, so shared_file.out states the guarantee, not a CPython run.)
import threading, os
p = "torii_stress_shared_file.txt"
f = open(p, "w")
def work(t):
    for i in range(5000):
        f.write("t%d line %d\n" % (t, i))
        if i % 500 == 0:
            f.flush()
ths = [threading.Thread(target=work, args=(t,)) for t in range(4)]
for th in ths: th.start()
for th in ths: th.join()
f.close()
with open(p) as g:
    lines = g.readlines()
print(len(lines), len(set(lines)), all(l.startswith("t") and l.endswith("\n") for l in lines))
r = open(p)
out = [[] for _ in range(4)]
def rd(t):
    for line in r:
        out[t].append(line)
ths = [threading.Thread(target=rd, args=(t,)) for t in range(4)]
for th in ths: th.start()
for th in ths: th.join()
r.close()
allr = [l for o in out for l in o]
print(len(allr), sorted(allr) == sorted(lines))
os.remove(p)
