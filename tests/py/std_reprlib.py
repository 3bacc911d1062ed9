# reprlib: Repr limits for each type, levels, fillvalue, indent,
# subclass dispatch, reprlib.repr, recursive_repr.
import collections
import reprlib
from reprlib import Repr, recursive_repr


def show(label, f):
    try:
        print(label, '->', f())
    except Exception as e:
        print(label, '-> EXC', type(e).__name__, e)


r = reprlib.repr
print(r(list(range(3))), r(list(range(6))), r(list(range(7))), r([]))
print(r(tuple(range(6))), r(tuple(range(10))), r((1,)), r(()))
print(r(set(range(6))), r(set(range(10))), r(set()))
print(r(frozenset(range(10))), r(frozenset()), r(frozenset([3])))
print(r({'b': 1, 'a': 2}), r({i: i for i in range(10)}), r({}))
print(r(collections.deque(range(10))), r(collections.deque()))
print(r('short'), r('x' * 29), r('x' * 30), r('x' * 31))
print(r('abcdefghijklmnopqrstuvwxyz0123456789'))
print(r("it's a string with ' and \" quotes that is long"))
print(r(2 ** 100), r(2 ** 200), r(-(10 ** 50)), r(12345))
print(r(1.5), r(None), r(True), r(1j))
print(r([[[[[[[[1]]]]]]]]), r([[[[[[1]]]]]]), r({'a': {'b': {'c': {'d': {'e': {'f': {}}}}}}}))
print(r({'a': {'b': {'c': {'d': {'e': {'f': {'g': 1}}}}}}}))
print(r([{}, (), [], set()]))
print(r({1: 'a', 'b': 2}))
print(r({3, 'x', 2.5}) in ("{2.5, 3, 'x'}", "{3, 2.5, 'x'}", "{'x', 2.5, 3}",
                            "{2.5, 'x', 3}", "{3, 'x', 2.5}", "{'x', 3, 2.5}"))


class Long:
    def __repr__(self):
        return 'Long(' + 'z' * 50 + ')'


class Broken:
    def __repr__(self):
        raise RuntimeError('no repr')


print(r(Long()))
print(r(Broken()).startswith('<Broken instance at 0x'))
print(r(len), r(int))

# Custom limits.
a = Repr(maxlist=2, maxstring=10, maxlevel=2, fillvalue='…')
print(a.repr([1, 2, 3]), a.repr('abcdefghijklmn'), a.repr([[[1]]]))
print(a.repr({'k': [1, 2, 3]}))
b = Repr()
b.maxdict = 1
b.maxlong = 10
b.maxother = 12
b.maxtuple = 0
print(b.repr({'a': 1, 'b': 2}), b.repr(10 ** 20), b.repr(Long()), b.repr((1, 2)))
print(Repr(maxstring=3).repr('abcdef'), Repr(maxstring=0).repr('abcdef'),
      Repr(maxlong=2).repr(123456))
print(Repr(maxlevel=0).repr([1]), Repr(maxlevel=0).repr([]),
      Repr(maxlevel=0).repr({'a': 1}), Repr(maxlevel=0).repr({}))
show('bad keyword', lambda: Repr(maxfoo=1))
show('positional', lambda: Repr(3))
attrs = Repr()
print(attrs.maxlevel, attrs.maxtuple, attrs.maxlist, attrs.maxarray,
      attrs.maxdict, attrs.maxset, attrs.maxfrozenset, attrs.maxdeque,
      attrs.maxstring, attrs.maxlong, attrs.maxother, attrs.fillvalue,
      attrs.indent)

# indent
for indent in (4, '-->', 0, ''):
    ri = Repr(indent=indent)
    print(ri.repr([1, [2, 3], {'a': (4,)}, 'x']))
    print(ri.repr([]), ri.repr((5,)), ri.repr(list(range(10))))
print(Repr(indent=2, maxlevel=2).repr([1, [2, [3, [4]]]]))
show('indent -1', lambda: Repr(indent=-1).repr([1]))
show('indent 1.5', lambda: Repr(indent=1.5).repr([1]))
show('indent list', lambda: Repr(indent=[1]).repr([1]))
show('indent bad empty', lambda: Repr(indent=1.5).repr([]))


# Subclasses may add repr_<typename> methods.
class MyRepr(Repr):
    def repr_Long(self, obj, level):
        return '<long>'

    def repr_str(self, obj, level):
        return 'S' + str(len(obj))


m = MyRepr()
print(m.repr([Long(), 'abc', 'de']), m.repr(Long()))


class list(list):      # noqa: shadows the builtin on purpose
    pass


print(reprlib.repr(list(range(10))))
del list


class MyList(__builtins__.list if hasattr(__builtins__, 'list') else type([])):
    pass


print(reprlib.repr(MyList(range(10))))


# recursive_repr
class Node:
    def __init__(self, name):
        self.name = name
        self.children = []

    @recursive_repr()
    def __repr__(self):
        "Node repr"
        return 'Node(%s, %r)' % (self.name, self.children)


n = Node('root')
n.children.append(Node('leaf'))
n.children.append(n)
print(repr(n))
print(Node.__repr__.__name__, Node.__repr__.__qualname__, Node.__repr__.__doc__,
      Node.__repr__.__wrapped__.__name__)


class Other:
    def __init__(self):
        self.me = self

    @recursive_repr('<loop>')
    def __repr__(self):
        return 'Other(%r)' % (self.me,)


print(repr(Other()))
print(sorted(reprlib.__all__))

# More edge cases.
ri = Repr(indent='ab', maxlevel=3)
print(repr(ri.repr1([1, [2]], 4)), repr(ri.repr1([1, 2], 5)), repr(ri.repr1([1], 3)))
print(repr(Repr(indent=True).repr([1, (2,)])))
print(Repr(maxlevel=1).repr([[1], (2,), {3: 4}, set(), {5}]))
print(Repr(maxtuple=1).repr((1,)), Repr(maxtuple=1).repr((1, 2)))
print(Repr(maxother=5).repr(Long()), Repr(maxother=0).repr(Long()))
print(Repr(fillvalue='<->', maxlong=10).repr(-10 ** 30))
print(Repr(maxstring=6).repr('abc\ndef\tghi'))


class NoneHandler(Repr):
    repr_list = None


show('handler None', lambda: NoneHandler().repr([1]))


class OddDict(dict):
    pass


print(reprlib.repr(OddDict(a=1)))
show('recursive_repr on object without name',
     lambda: recursive_repr()(type('C', (), {'__call__': lambda s, x: 1})()))
