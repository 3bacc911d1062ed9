from dataclasses import dataclass, field, FrozenInstanceError, fields, asdict
try:
    @dataclass
    class A:
        x: int = 1
        y: int
except TypeError as e: print(e)
try:
    @dataclass
    class B:
        x: list = []
except ValueError as e: print(e)
@dataclass(frozen=True)
class F:
    x: int
f = F(1)
try: f.x = 2
except FrozenInstanceError as e: print(repr(e), isinstance(e, AttributeError))
try: del f.x
except FrozenInstanceError as e: print(repr(e))
try: f.z = 2
except FrozenInstanceError as e: print(repr(e))
nan = float('nan')
@dataclass
class N:
    v: float
n = N(nan); print(n == n, N(nan) == N(nan), n == N(n.v))
try: fields(3)
except TypeError as e: print(e)
try:
    @dataclass(order=True, eq=False)
    class O: x: int
except ValueError as e: print(e)
@dataclass(order=True)
class O2:
    x: int
try: O2(1) < 3
except TypeError as e: print(e)
print(hash(F(3)) == hash((3,)), N.__hash__)
@dataclass
class R:
    a: int
    b: list = field(default_factory=list, repr=False)
    c: str = field(default='q', compare=False)
print(R(1), R(1) == R(1, [], 'z'), R.__match_args__, R.__init__.__qualname__, R.__repr__.__qualname__)
