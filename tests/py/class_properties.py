# property (decorator and call forms, setter, deleter, read-only errors),
# staticmethod and classmethod.
class Temperature:
    def __init__(self, c):
        self._c = c

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v

    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = None

    def _fahrenheit(self):
        return self._c * 9 / 5 + 32

    fahrenheit = property(_fahrenheit, doc="Degrees F.")


t = Temperature(100)
print(t.celsius, t.fahrenheit)
t.celsius = 0
print(t.celsius, t.fahrenheit, Temperature.fahrenheit.__doc__)
try:
    t.celsius = -300
except ValueError as e:
    print(e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print(e)
del t.celsius
print(t.celsius)
try:
    del t.fahrenheit
except AttributeError as e:
    print(e)
print(type(Temperature.celsius).__name__, isinstance(Temperature.celsius, property))


class Old:
    def _get(self):
        return self._v * 2

    def _set(self, v):
        self._v = v

    value = property(_get, _set, doc="the value")
    nothing = property()


o = Old()
o.value = 21
print(o.value, Old.value.__doc__, Old.value.fget is Old._get, Old.nothing.fset)
try:
    o.nothing
except AttributeError as e:
    print(e)


class Util:
    factor = 10

    @staticmethod
    def add(a, b):
        return a + b

    @classmethod
    def scaled(cls, v):
        return v * cls.factor

    @classmethod
    def build(cls):
        return cls()


class Sub(Util):
    factor = 100


u = Util()
print(Util.add(1, 2), u.add(3, 4), Util.scaled(2), u.scaled(3), Sub.scaled(2), Sub().scaled(1))
print(type(Sub.build()).__name__, type(Util.build()).__name__)
print(type(Util.__dict__["add"]).__name__, type(Util.__dict__["scaled"]).__name__)
f = staticmethod(len)
print(f("abc"), Util.__dict__["add"].__func__(5, 6))


class Cached:
    def __init__(self):
        self.calls = 0

    @property
    def data(self):
        self.calls += 1
        return [1, 2, 3]


c = Cached()
print(c.data, c.data, c.calls)
c.__dict__["data"] = "shadow"
print(c.data)
