# str.maketrans, string.Template, f(*x) errors naming the callee, code attributes.
from string import Template

for a in [(), (1,), ({1.5: 2},), ({"ab": 1},), ("ab", "c"), (1, "a"), ("a", 1), ("a", "b", 3),
          ("a", "b", "c", "d"), ({"a": 1}, "b")]:
    try:
        print(str.maketrans(*a))
    except Exception as e:
        print(type(e).__name__, e)
print(str.maketrans({"a": "xyz", 98: None, "c": 5}), "q".maketrans("ab", "cd", "ee"))
print("hello world".translate(str.maketrans("lo", "01", "h")))
try:
    str.maketrans(x=1)
except TypeError as e:
    print(e)

t = Template("$who likes ${what} for $$5 $who")
print(t.substitute(who="tim", what="kung pao"), t.safe_substitute(who="x"), t.get_identifiers(), t.is_valid())
print(Template("a $b").substitute({"b": 1}, b=2), Template("${x}y$x_1").substitute(x=1, x_1=2))
for s in ["$", "ab\ncd $1", "${x", "${}", "x$ y"]:
    try:
        Template(s).substitute(x=1)
    except ValueError as e:
        print(e)
    print(repr(Template(s).safe_substitute()), Template(s).is_valid())
try:
    Template("$nope").substitute()
except KeyError as e:
    print(repr(e))


def va(*a, **k):
    return a, k


class T(tuple):
    pass


print(va(*[1, 2]), va(*(x for x in range(3))), va(*"ab"), va(*{"a": 1}), va(*T((1, 2))), va(*range(2), z=1))
for f in [lambda: va(*5), lambda: va(1, *5), lambda: va(*[1], *5), lambda: va(*5, x=1), lambda: print(*5),
          lambda: [*5], lambda: va(*None), lambda: len(*5)]:
    try:
        f()
    except TypeError as e:
        print(e)


def f(a, b=1, /, c=2, *args, d, e=3, **kw):
    x = 1

    def g():
        return x + a
    return g


c = f.__code__
print(c.co_name, c.co_qualname, c.co_argcount, c.co_posonlyargcount, c.co_kwonlyargcount, c.co_varnames,
      c.co_nlocals, c.co_firstlineno)
print(f(1, d=2).__code__.co_qualname, (lambda: 0).__code__.co_name)
