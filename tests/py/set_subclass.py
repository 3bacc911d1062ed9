class S(set):
    def __init__(self, it=(), tag='t'):
        super().__init__(it)
        self.tag = tag
    def total(self): return sum(self)
s = S([1, 2, 3], tag='x')
print(sorted(s), s.tag, s.total(), len(s), 2 in s, isinstance(s, set))
s.add(4); print(sorted(s), s.total())
print(type(s | {9}).__name__, type(s & {1}).__name__, type(s.copy()).__name__, sorted(s - {1}))
class F(frozenset): pass
f = F([1, 2]); print(sorted(f), type(f).__name__, hash(f) == hash(frozenset([1, 2])), f == {1, 2})
class Plain(set): pass
p = Plain('abc'); print(sorted(p), repr(Plain()), repr(F()))
print(repr(S([1])))
s.__init__([7]); print(sorted(s))
