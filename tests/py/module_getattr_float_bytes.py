# PEP 562 module __getattr__, and float() of bytes-like objects.
import lazy as m
print(m.xy, m.y, getattr(m, "xz", None), hasattr(m, "q"))
try:
    m.q
except AttributeError as e:
    print("AttributeError:", e)
from lazy import xab
print(xab)
try:
    from lazy import nope
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
for v in (b"1.5", bytearray(b" -2e3 "), b"inf", b"1_000.5"):
    print(repr(float(v)))
for v in (b"x", bytearray(b"1.2.3"), b""):
    try:
        float(v)
    except ValueError as e:
        print("ValueError:", e)
