# string.Formatter: parse, get_field, conversions, nesting, hooks, errors.
import string

def attempt(f, *a, **k):
    try:
        r = f(*a, **k)
        print(repr(r if isinstance(r, (str, tuple)) else list(r)))
    except Exception as e:
        print(type(e).__name__ + ':', e)

f = string.Formatter()
for s in ['', 'abc', '{}', 'a{0!r:>5}b', '{{x}}', '}}', '}', '{', 'x{', '{0[}]}', '{a[{]}', '{0:{1}}',
          '{0:{1:{2}}}', '{!r}', '{0!}', '{0!rr}', '{0!r}', '{0!r:}', '{:}', '{0:}}', '{a.b[c]}', '{{{0}}}',
          '{0}}', '{0{}', 'a}b', '{:{}', '{a{b}c}', '{x!r!s}', '{0[a:b]}', '{0:[}', '{ }', '{0', '{0[',
          '{0!', '{0!r', '{0:', '{0:x', 'x{{y}}z{0}', '{0}{1}{2}']:
    print(repr(s), end=' ')
    attempt(lambda: list(f.parse(s)))

class P:
    x = 5
    def __format__(self, spec): return 'P<' + spec + '>'
for a, k in [(('{0}{}', 1, 2), {}), (('{}{0}', 1, 2), {}), (('{0:{1}}', 5, '>3'), {}), (('{:{}}', 5, '>4'), {}),
             (('{0!x}', 1), {}), (('{2}', 1), {}), (('{a}',), {}), (('{0.real}', 3), {}), (('{0[1]}', [5, 6]), {}),
             (('{0:{1:{2}}}', 1, 2, 3), {}), (('{!r:^9}', 'x'), {}), (('{0[0]x}', [1]), {}), (('{0[5]x}', [1]), {}),
             (('{name} is {age:03d}', ), {'name': 'Ann', 'age': 7}), (('{p.x} {p:spec} {p!s:.3}', ), {'p': P()}),
             (('{d[key]} {d[0]} {l[-1]}', ), {'d': {'key': 'v', 0: 'zero'}, 'l': {'-1': 'm'}}),
             (('{0!a} {0!s} {0!r}', 'é'), {}), (('{} {} {}', 1, 2, 3), {}), (('{:{}} {}', 'a', 5, 'c'), {}),
             (('{0.nope}', 1), {}), (('{0..x}', 1), {}), (('{0[]}', [1]), {}), (('{:%Y}', 1), {}),
             (('{0:,.2f}|{0:e}|{1:#x}|{1:b}', 1234.5, 255), {})]:
    print(a[0], end=' -> ')
    attempt(f.format, *a, **k)
print(f.vformat('{0}-{x}', (1,), {'x': 2}), f.get_field('0.real', (5,), {}), f.get_value('k', (), {'k': 9}))
print(f.convert_field('x', None), f.convert_field('x', 'r'), f.format_field(3.14159, '.2f'))
attempt(f.convert_field, 1, 'z')
attempt(f.get_value, 3, (1,), {})

class Strict(string.Formatter):
    def check_unused_args(self, used, args, kwargs):
        extra = set(kwargs) - {k for k in used if isinstance(k, str)}
        if extra:
            raise ValueError('unused: ' + ','.join(sorted(extra)))
    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key not in kwargs:
            return '<' + key + '>'
        return super().get_value(key, args, kwargs)
    def format_field(self, value, spec):
        return super().format_field(value, spec).upper()
    def convert_field(self, value, conv):
        return value * 2 if conv == 'd' else super().convert_field(value, conv)
s = Strict()
print(s.format('{a} {b} {0!d}', 'x', a='hello'))
attempt(s.format, '{a}', a=1, z=2, y=3)
print(s.format('{missing:>9}'))

class Upper(string.Formatter):
    def parse(self, fs):
        for lit, name, spec, conv in super().parse(fs):
            yield lit.upper(), name, spec, conv
print(Upper().format('hi {0} there {1}', 'a', 'b'))
print('{a}-{b}'.format(**{'a': 1, 'b': 2}), string.Formatter().format('{0:{fill}>{w}}', 'x', fill='*', w=4))
attempt(string.Formatter().format, '{0:{1:{2:{3}}}}', 1, 2, 3, 4)
