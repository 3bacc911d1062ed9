# pprint: layout of nested containers, strings and bytes at many widths,
# indent/depth/compact/sort_dicts/underscore_numbers, saferepr, isreadable,
# isrecursive, collections types, SimpleNamespace, dataclasses.
import collections
import dataclasses
import io
import pprint
import re
import types


def show(label, f):
    try:
        print(label, '->', repr(f()))
    except Exception as e:
        print(label, '-> EXC', type(e).__name__, e)


def mask(s):
    # Recursion markers carry an id: hide it.
    return re.sub(r'id=\d+', 'id=N', s)


nested = {
    'name': 'torii',
    'numbers': list(range(30)),
    'matrix': [[i * j for j in range(6)] for i in range(5)],
    'tuple': (1, 'two', 3.0, None, True, (4, 5), ('single',)),
    'set': {5, 3, 9, 1},
    'frozen': frozenset({3, 1, 2}),
    'empty': [[], {}, (), set(), frozenset(), '', b''],
    'deep': {'a': {'b': {'c': {'d': {'e': [1, 2, {'f': 'g'}]}}}}},
    'text': 'The quick brown fox jumps over the lazy dog. ' * 3,
    'lines': 'first line\nsecond line that is longer\n\nlast',
    'bytes': bytes(range(40)),
    'barray': bytearray(b'hello world, this is a bytearray of some length'),
    'mixed keys': {3: 'int', 'str': 1, (1, 2): 'tuple'},
    'floats': [0.1, 1e100, -2.5, float('inf')],
    'complex': [1j, 2 + 3j],
}

for width in (80, 60, 40, 30, 20, 10, 1):
    print('=== width', width)
    print(pprint.pformat(nested, width=width))

print('=== indent 4')
print(pprint.pformat(nested, indent=4, width=50))
print('=== indent 0')
print(pprint.pformat(nested['matrix'], indent=0, width=20))
print('=== compact')
print(pprint.pformat(nested, compact=True, width=50))
print(pprint.pformat(list(range(100)), compact=True))
print(pprint.pformat([list(range(12)), 'x' * 30, list(range(5))] * 3,
                     compact=True, width=40))
print('=== depth')
for depth in (1, 2, 3):
    print(pprint.pformat(nested['deep'], depth=depth))
    print(pprint.pformat([1, [2, [3, [4]]], (5, (6,)), {7: {8: 9}}], depth=depth))
print(pprint.pformat(nested, depth=1, width=30))
print('=== sort_dicts')
unsorted = {'zebra': 1, 'apple': [1, 2, 3], 'mango': {'y': 1, 'b': 2}}
print(pprint.pformat(unsorted, width=30))
print(pprint.pformat(unsorted, width=30, sort_dicts=False))
print(pprint.pformat(unsorted, sort_dicts=False))
print('=== underscore_numbers')
big = [10 ** 12, 123456789, -98765432109, 12, 1.5e10]
print(pprint.pformat(big, underscore_numbers=True))
print(pprint.pformat(big))
print(pprint.pformat({'n': 10 ** 30}, underscore_numbers=True, width=20))

print('=== strings')
s = ('Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod '
     'tempor incididunt ut labore et dolore magna aliqua.')
for width in (80, 50, 30, 15, 5):
    print(pprint.pformat(s, width=width))
    print(pprint.pformat([s], width=width))
    print(pprint.pformat({'key': s}, width=width))
print(pprint.pformat('a\nbb\nccc dd\n' * 4, width=12))
print(pprint.pformat(['no-spaces-' * 10], width=30))
print(pprint.pformat("it's \"quoted\" text with 'both' kinds of quotes", width=20))
print(pprint.pformat('tab\tseparated\twords and   multiple   spaces', width=15))
print(pprint.pformat(('x' * 50,), width=30))

print('=== bytes')
b = bytes(range(0, 256, 3))
for width in (80, 40, 20, 8):
    print(pprint.pformat(b, width=width))
    print(pprint.pformat([b[:30]], width=width))
print(pprint.pformat(b'abcd', width=1))
print(pprint.pformat(bytearray(b), width=40))
print(pprint.pformat({'ba': bytearray(b'x' * 40)}, width=30))

print('=== collections')
od = collections.OrderedDict((str(i) * 3, i) for i in range(8))
print(pprint.pformat(od, width=40))
print(pprint.pformat(collections.OrderedDict()))
dd = collections.defaultdict(list, {'k%d' % i: [i] * i for i in range(6)})
print(pprint.pformat(dd, width=40))
print(pprint.pformat(collections.defaultdict(int)))
cnt = collections.Counter('abracadabra simsalabim')
print(pprint.pformat(cnt, width=40))
print(pprint.pformat(collections.Counter()))
dq = collections.deque(range(20))
print(pprint.pformat(dq, width=30))
print(pprint.pformat(collections.deque(range(20), maxlen=15), width=30))
print(pprint.pformat(collections.deque()))
cm = collections.ChainMap({'a': 1, 'b': list(range(10))}, {'c': 'x' * 30})
print(pprint.pformat(cm, width=30))
print(pprint.pformat(collections.ChainMap()))

print('=== namespaces')
ns = types.SimpleNamespace(alpha=list(range(20)), beta='text ' * 10,
                           gamma={'x': 1})
print(pprint.pformat(ns, width=40))
print(pprint.pformat(types.SimpleNamespace()))


class SubNS(types.SimpleNamespace):
    pass


print(pprint.pformat(SubNS(a=list(range(15)), b=2), width=30))
mp = types.MappingProxyType({'key%d' % i: i for i in range(10)})
print(pprint.pformat(mp, width=40))


@dataclasses.dataclass
class Point:
    x: int
    y: int
    tags: list = dataclasses.field(default_factory=list)
    secret: str = dataclasses.field(default='s', repr=False)


p = Point(1, 2, ['tag%d' % i for i in range(10)])
print(pprint.pformat(p))
print(pprint.pformat(p, width=30))
print(pprint.pformat([p, Point(3, 4)], width=40))


@dataclasses.dataclass(repr=False)
class NoRepr:
    values: list


print(pprint.pformat(NoRepr(list(range(30))), width=40).startswith('<'))


@dataclasses.dataclass
class OwnRepr:
    values: list

    def __repr__(self):
        return 'OwnRepr(' + 'x' * 40 + ')'


print(pprint.pformat(OwnRepr([1]), width=20))

print('=== subclasses')


class MyList(list):
    pass


class MyDict(dict):
    pass


class ReprList(list):
    def __repr__(self):
        return 'ReprList(...)'


print(pprint.pformat(MyList(range(30)), width=40))
print(pprint.pformat(MyDict(a=list(range(20)), b=2), width=40))
print(pprint.pformat(ReprList(range(30)), width=10))
print(pprint.saferepr(MyList([1, 2])), pprint.saferepr(ReprList([1])))


class MyTuple(tuple):
    pass


print(pprint.pformat(MyTuple(range(20)), width=30))
print(pprint.pformat(frozenset(range(20)), width=30))

print('=== recursion')
rec = [1, 2]
rec.append(rec)
print(mask(pprint.pformat(rec)))
print(mask(pprint.saferepr(rec)))
print(pprint.isrecursive(rec), pprint.isreadable(rec))
drec = {'a': 1}
drec['self'] = drec
print(mask(pprint.pformat(drec)))
print(mask(pprint.pformat([drec, drec], width=20)))
print(mask(pprint.pformat({'x': rec, 'y': list(range(30))})))
shared = [1, 2]
print(pprint.pformat([shared, shared]), pprint.isrecursive([shared, shared]))
nrec = types.SimpleNamespace(a=1)
nrec.me = nrec
print(pprint.pformat(nrec, width=10))

print('=== saferepr / isreadable / isrecursive')
for obj in [1, 'a', [1, 2], {'a': (1, 2)}, object, len, None, 1.5, {1, 2},
            {'a': [1, object]}, (1,), (), [], {}, b'x', 10 ** 20]:
    print(pprint.isreadable(obj), pprint.isrecursive(obj),
          pprint.saferepr(obj) if not isinstance(obj, type) else 'type')
print(pprint.saferepr({'b': 1, 'a': 2}), pprint.saferepr({2: 'x', 1: 'y'}))
pp = pprint.PrettyPrinter()
print(pp.isreadable([1, 2]), pp.isrecursive(rec), pp.isreadable(rec))
print(pp.format([1, {'a': 2}], {}, 0, 0))
print(pp.format([1, [2, [3]]], {}, 2, 0))

print('=== stream / pprint / pp')
out = io.StringIO()
pprint.pprint(nested['matrix'], stream=out, width=30)
print(out.getvalue(), end='')
pprint.pprint({'b': 1, 'a': 2})
pprint.pp({'b': 1, 'a': 2})
pprint.pp({'b': 1, 'a': list(range(30))}, width=40)
pprint.pp({'b': 1, 'a': 2}, sort_dicts=True)
printer = pprint.PrettyPrinter(indent=2, width=30, stream=out)
out.truncate(0)
out.seek(0)
printer.pprint(nested['deep'])
print(out.getvalue(), end='')
print(pprint.PrettyPrinter(width=20).pformat(list(range(10))))
pprint.PrettyPrinter(depth=2).pprint([[[1]]])

print('=== errors')
show('indent -1', lambda: pprint.PrettyPrinter(indent=-1))
show('depth 0', lambda: pprint.PrettyPrinter(depth=0))
show('width 0', lambda: pprint.PrettyPrinter(width=0))
show('width str', lambda: pprint.PrettyPrinter(width='x'))
show('pformat kw', lambda: pprint.pformat([1], 1, 80, None, True))
print(sorted(pprint.__all__))


class Custom(pprint.PrettyPrinter):
    # format() is the hook used for every element.
    def format(self, object, context, maxlevels, level):
        if isinstance(object, str):
            return object.upper(), True, False
        return super().format(object, context, maxlevels, level)


print(Custom(width=20).pformat(['abc', ['def', 'ghi'], {'k': 'v'}]))

print('=== edge cases')
print(pprint.pformat([{}, [], (), ''], indent=4, width=1))
print(pprint.pformat({}, indent=4, width=1))
print(pprint.pformat([], indent=3, width=1))
print(pprint.pformat(b'abcdefgh', width=5))
print(pprint.pformat(b'abcdefgh' * 3, width=14))
print(pprint.pformat([b'abcdefgh' * 3], width=14))
print(pprint.pformat(b'abcdefghi' * 3, width=14))
print(pprint.pformat(b'a\'b"cdefgh' * 3, width=14))
print(pprint.pformat('  leading spaces and\u2003em space\x1cx', width=8))
print(pprint.pformat(collections.ChainMap(), width=1))
print(pprint.pformat(collections.ChainMap({}, {}), width=1))
print(pprint.pformat(collections.deque(range(30), maxlen=40), compact=True, width=30))
print(pprint.pformat([collections.Counter('hello'), collections.defaultdict(
    list, a=[1] * 10)], width=20))
print(pprint.pformat({1: 'a', 'b': 2, None: 3, (1,): 4, 2.5: 5}, width=20))
print(pprint.pformat({3, 'a', None, 2.0, (1,)}, width=10))
od2 = collections.OrderedDict(a=1)
od2['me'] = od2
print(mask(pprint.pformat(od2, width=10)))


@dataclasses.dataclass
class Node:
    name: str
    children: list


root = Node('root', [])
root.children.append(root)
root.children.append(Node('leaf' * 5, []))
print(mask(pprint.pformat(root, width=20)))


class Empty:
    def __repr__(self):
        return ''


print(repr(pprint.isreadable(Empty())), repr(pprint.isreadable([Empty()])),
      repr(pprint.isreadable({1: Empty()})), repr(pprint.saferepr(Empty())))
print(repr(pprint.PrettyPrinter().isreadable({'k': Empty()})))
print(pprint.pformat(list(range(40)), compact=True, indent=3, width=30))
print(pprint.pformat([['x' * 25, 'y'], 'z' * 40, 1, 2, 3], compact=True, width=30))
print(pprint.pformat({'k': ('a' * 10, 'b' * 10, 'c' * 10)}, compact=True, width=25))
print(pprint.pformat([(1,), ('only one long string here',)], width=20))
print(pprint.pformat({'multi': 'line one\nline two is longer\n'}, width=20))
print(pprint.pformat(mp, width=1)[:40])
print(pprint.pformat(frozenset(), width=1), pprint.pformat(set(), width=1))


print(pprint.pformat(True, underscore_numbers=True),
      pprint.pformat(10 ** 8, underscore_numbers=True))


class MyInt(int):
    pass


print(pprint.pformat([MyInt(12345678)], underscore_numbers=True))
print(pprint.pformat({'a': {'b': [1, 2]}}, depth=1), pprint.pformat([[], {}], depth=1))
print(pprint.isreadable([[1]]), pprint.PrettyPrinter(depth=1).isreadable([[1]]))
print(pprint.pformat((), width=1), pprint.pformat((1,), width=1))
