print([1].__len__(), "ab".__len__(), {}.__contains__(1), (1).__add__(2), [1].__getitem__(0), (5).__radd__(1), (2.0).__mul__(3), (1).__add__(1.5))
it = iter([1])
print(it.__next__())
class L(list):
    def __len__(self): return super().__len__() + 10
    def __getitem__(self, i): return list.__getitem__(self, i) * 2
l = L([1,2]); print(len(l), l[1], l.__eq__([1,2]), (3).__eq__(3), (3).__lt__("a"), hash(5) == (5).__hash__())
class D(dict):
    def __setitem__(self, k, v): super().__setitem__(k, v * 2)
d = D(); d["a"] = 1; print(d)
class I:
    def __add__(self, o): return 100
print(hasattr(5, "__iter__"), hasattr([], "__iter__"), hasattr(iter([]), "__next__"))
print((-3).__abs__(), (3).__neg__(), "x".__repr__(), (3).__str__(), [1].__iter__().__next__(), (5).__bool__(), {1: 2}.__len__())
print([1, 2].__contains__(2), (1, 2).__getitem__(-1), range(5).__len__(), "abc".__getitem__(1), {1}.__or__({2}), (1).__float__(), (2.5).__int__())
class E(Exception):
    def __str__(self): return "E:" + Exception.__str__(self)
print(str(E("x")), E("x").__repr__())
x = [3]; x.__setitem__(0, 4); x.__delitem__(0); print(x)
it.__next__()
