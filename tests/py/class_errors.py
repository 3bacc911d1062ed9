# Error messages around classes, matched word for word with CPython.
class C:
    def __init__(self, a, b=2):
        self.a = a

    def m(self, x):
        return x


def attempt(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)


attempt(lambda: C())
attempt(lambda: C(1, 2, 3))
attempt(lambda: C(1, c=3))
attempt(lambda: C(1).m())
attempt(lambda: C(1).m(1, 2))
attempt(lambda: C.m(1))
attempt(lambda: C(1).nope)
attempt(lambda: C.nope)


class NoInit:
    pass


attempt(lambda: NoInit(1))
attempt(lambda: NoInit(x=1))


class A:
    pass


class B(A):
    pass


def bad_mro():
    class X(A, B):
        pass


def dup_base():
    class X(A, A):
        pass


def bad_base():
    class X(bool):
        pass


def not_a_type():
    class X(5):
        pass


attempt(bad_mro)
attempt(dup_base)
attempt(bad_base)


class RetInit:
    def __init__(self):
        return 5


attempt(RetInit)


def super_outside():
    return super()


attempt(lambda: super(int, "x"))
attempt(lambda: super(1, 2))


class P:
    @property
    def ro(self):
        return 1


attempt(lambda: setattr(P(), "ro", 2))
attempt(lambda: delattr(P(), "ro"))


class Sub:
    def __init_subclass__(cls):
        pass


def sub_kw():
    class T(Sub, flag=1):
        pass


attempt(sub_kw)


def plain_kw():
    class U(flag=1):
        pass


attempt(plain_kw)
attempt(lambda: staticmethod())
attempt(lambda: classmethod(1, 2))
attempt(lambda: object.__init__(C(1), 5))
attempt(lambda: type("T", 1, {}))
attempt(lambda: type(1, 2))


class Len:
    def __len__(self):
        return -1


attempt(lambda: len(Len()))


class Hash:
    def __hash__(self):
        return "x"


attempt(lambda: hash(Hash()))


class Unorderable:
    pass


attempt(lambda: Unorderable() < Unorderable())
attempt(lambda: Unorderable() + 1)
attempt(lambda: -Unorderable())
attempt(lambda: Unorderable()())
attempt(lambda: Unorderable()[0])
attempt(lambda: iter(Unorderable()))
