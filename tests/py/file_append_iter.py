# Append mode, iterating a file by lines (for, enumerate, list(), next()),
# and files that end with or without a newline.
import os

p = "torii_test_file_append_iter.txt"
with open(p, "w") as f:
    f.write("first\n")
for i in range(3):
    with open(p, "a") as f:
        f.write("appended %d\n" % i)
with open(p, "a") as f:
    f.write("no newline at end")
with open(p) as f:
    for i, line in enumerate(f):
        print(i, repr(line))
with open(p) as f:
    print(list(f))
with open(p) as f:
    print(repr(next(f)), repr(f.readline()), repr(next(f)))
    rest = [line.strip() for line in f]
    print(rest)
    print(list(f), repr(f.read()))
with open(p) as f:
    print(sum(1 for _ in f), max(open(p), key=len))

with open(p, "w") as f:
    pass
with open(p) as f:
    print(list(f), repr(f.read()))
with open(p, "a") as f:
    print(f.tell())
    f.write("x\n\n\ny\n")
with open(p) as f:
    print([l for l in f])
words = {}
with open(p, "w") as f:
    for i in range(50):
        f.write("w%d w%d\n" % (i % 7, i % 3))
with open(p) as f:
    for line in f:
        for w in line.split():
            words[w] = words.get(w, 0) + 1
print(sorted(words.items()))
os.remove(p)
