# Container protocols: __len__, __getitem__, __setitem__, __delitem__,
# __contains__, __iter__/__next__, the __getitem__ iteration fallback, and
# subclasses of list and dict.
class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}

    def __len__(self):
        return self.w * self.h

    def __getitem__(self, key):
        x, y = key
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError("grid index out of range")
        return self.cells.get(key, ".")

    def __setitem__(self, key, value):
        self.cells[key] = value

    def __delitem__(self, key):
        del self.cells[key]

    def __contains__(self, value):
        return value in self.cells.values()

    def __iter__(self):
        for y in range(self.h):
            for x in range(self.w):
                yield self[x, y] if False else self.cells.get((x, y), ".")


g = Grid(3, 2)
g[0, 0] = "#"
g[2, 1] = "@"
print(len(g), g[0, 0], g[1, 1], "@" in g, "x" in g, bool(g))
del g[0, 0]
print(g[0, 0], len(g.cells))
try:
    g[5, 5]
except IndexError as e:
    print(e)


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


print(list(Countdown(5)), sum(Countdown(4)), [x * 2 for x in Countdown(3)], max(Countdown(6)))
for i, v in enumerate(Countdown(2)):
    print(i, v)


class Squares:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError(i)
        return i * i


print(list(Squares()), 9 in Squares(), 10 in Squares(), [s for s in Squares() if s % 2])


class Empty:
    def __len__(self):
        return 0


print(bool(Empty()), len(Empty()), "empty" if not Empty() else "full")


class Stack(list):
    def push(self, x):
        self.append(x)

    def peek(self):
        return self[-1]


s = Stack()
s.push(1)
s.push(2)
s.extend([3, 4])
print(s, s.peek(), len(s), s.pop(), s, isinstance(s, list), type(s).__name__)
print(Stack([5, 6]), sorted(Stack([3, 1, 2])), s == [1, 2, 3])


class Counter(dict):
    def __missing__(self, key):
        return 0

    def add(self, key):
        self[key] = self[key] + 1


c = Counter()
for w in "the cat the dog the end".split():
    c.add(w)
print(c["the"], c["zzz"], len(c), sorted(c.items()), isinstance(c, dict))
d2 = Counter(a=1, b=2)
print(d2["a"], d2["q"], sorted(d2))


class NotIter:
    pass


try:
    iter(NotIter())
except TypeError as e:
    print(e)
try:
    len(NotIter())
except TypeError as e:
    print(e)
try:
    NotIter()[0]
except TypeError as e:
    print(e)
try:
    Squares()[0] = 1
except TypeError as e:
    print(e)
try:
    del Squares()[0]
except TypeError as e:
    print(e)
