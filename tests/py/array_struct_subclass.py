# Subclasses of array.array and struct.Struct: construction (a __new__ that
# picks the type code, an __init__ with more arguments), instance attributes,
# reprs with the subclass's name, results of operators are plain arrays,
# read-only attributes.
import array, struct
class A(array.array):
    pass
a = A('i', [1, 2])
print(repr(a), type(a).__name__, isinstance(a, array.array), a + a, type(a + a).__name__, type(a[:1]).__name__, a * 2, type(a.__copy__()).__name__)
a.x = 5
print(a.x, len(a), a.tolist(), memoryview(a).tolist())
class B(array.array):
    def __new__(cls, data, tag=None):
        self = super().__new__(cls, 'd', data)
        self.tag = tag
        return self
b = B([1.5, 2.5], tag='t')
print(b, b.tag)
try: A('i', [1], x=1)
except TypeError as e: print(e)
class S(struct.Struct):
    pass
s = S('<i')
print(repr(s), s.pack(3), s.size, type(s).__name__)
class S2(struct.Struct):
    def __init__(self, fmt, name):
        super().__init__(fmt)
        self.name = name
try:
    s2 = S2('<h', 'n'); print(s2.name, s2.size)
except TypeError as e: print('TypeError', e)
import struct, array
for o in [struct.Struct('i'), array.array('i')]:
    try: o.x = 1
    except AttributeError as e: print(e)
    try: del o.typecode
    except AttributeError as e: print(e)
