# type(name, bases, dict), class decorators, __new__, __init_subclass__,
# nested and local classes, closures in methods, class-level code.
def register(cls):
    registry.append(cls.__name__)
    return cls


registry = []


@register
class First:
    pass


@register
class Second(First):
    pass


print(registry, Second.__mro__)

Dyn = type("Dyn", (First,), {"x": 1, "double": lambda self: self.x * 2})
d = Dyn()
print(Dyn.__name__, Dyn.x, d.double(), isinstance(d, First), Dyn.__bases__, type(Dyn))
print(type(5), type("s"), type(Dyn) is type, type(First()) is First)


class Singleton:
    _instance = None

    def __new__(cls, *args):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance.created = 0
        cls._instance.created += 1
        return cls._instance

    def __init__(self, value):
        self.value = value


a = Singleton(1)
b = Singleton(2)
print(a is b, a.value, a.created)


class PluginBase:
    plugins = []

    def __init_subclass__(cls, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        PluginBase.plugins.append(cls.plugin_name)


class CsvPlugin(PluginBase, name="csv"):
    pass


class JsonPlugin(PluginBase):
    pass


print(PluginBase.plugins, CsvPlugin.plugin_name, JsonPlugin.plugin_name)


def make_counter_class(start):
    step = 2

    class Counter:
        initial = start

        def __init__(self):
            self.n = start

        def tick(self):
            self.n += step
            return self.n

    return Counter


C5 = make_counter_class(5)
c = C5()
print(c.tick(), c.tick(), C5.initial, C5.__qualname__)
C0 = make_counter_class(0)
print(C0().tick(), C0 is C5)


class Tree:
    class Node:
        def __init__(self, v, kids=()):
            self.v = v
            self.kids = list(kids)

        def total(self):
            return self.v + sum(k.total() for k in self.kids)

    def __init__(self):
        self.root = Tree.Node(1, [Tree.Node(2), Tree.Node(3, [Tree.Node(4)])])


print(Tree().root.total(), Tree.Node.__qualname__)


class Table:
    rows = []
    for i in range(3):
        rows.append(i * i)
    total = sum(rows)
    del i


print(Table.rows, Table.total, hasattr(Table, "i"))


class Shape:
    def __init__(self):
        self.kind = type(self).__name__

    def __repr__(self):
        return f"{self.kind}()"


class Circle(Shape):
    pass


class Square(Shape):
    pass


print([Circle(), Square(), Shape()])


class Chain:
    def __init__(self):
        self.ops = []

    def add(self, x):
        self.ops.append(x)
        return self


print(Chain().add(1).add(2).add(3).ops)


class WithClassAttrFunc:
    helper = staticmethod(lambda x: x + 1)
    names = [n.upper() for n in ["a", "b"]]


print(WithClassAttrFunc.helper(1), WithClassAttrFunc().helper(2), WithClassAttrFunc.names)


class SelfRef:
    def clone(self):
        return __class__()

    def cls_name(self):
        return __class__.__name__


print(type(SelfRef().clone()).__name__, SelfRef().cls_name())


class Descriptor:
    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return f"{self.name} of {type(obj).__name__}"


class UsesDescriptor:
    field = Descriptor()


print(UsesDescriptor().field, UsesDescriptor.field.name)
