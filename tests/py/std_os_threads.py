# os.stat, os.scandir and os.walk from 4 threads at once: each thread's
# results are complete and equal; a scandir iterator shared by the threads
# hands out each entry once; a shared DirEntry's cached stat() is one object.
import os
import threading

os.makedirs("tree/sub")
for i in range(40):
    with open("tree/f%02d" % i, "w") as f:
        f.write("x" * i)
    with open("tree/sub/g%02d" % i, "w") as f:
        f.write("y")

results = [None] * 4
def work(k):
    sizes = 0
    names = None
    for _ in range(25):
        sizes = sum(os.stat(e.path).st_size for e in os.scandir("tree") if e.is_file())
        names = sorted(e.name for e in os.scandir("tree"))
        walked = sum(len(files) for _, _, files in os.walk("tree"))
        lsizes = sum(os.lstat("tree/f%02d" % i).st_size for i in range(40))
    results[k] = (sizes, len(names), walked, lsizes)

threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results)

shared = os.scandir("tree")
seen = [[] for _ in range(4)]
def drain(k):
    for e in shared:
        seen[k].append(e.name)
threads = [threading.Thread(target=drain, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
allnames = sorted(n for s in seen for n in s)
print(len(allnames), len(set(allnames)), allnames[:3])

entry = [e for e in os.scandir("tree") if e.name == "f05"][0]
stats = [None] * 4
def stat_it(k):
    stats[k] = entry.stat()
threads = [threading.Thread(target=stat_it, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(all(s is stats[0] for s in stats), stats[0].st_size)

for top, dirs, files in os.walk("tree", topdown=False):
    for f in files:
        os.remove(os.path.join(top, f))
    os.rmdir(top)
print(os.path.exists("tree"))
