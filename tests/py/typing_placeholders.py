from typing import List, Dict, Tuple, Set, Optional, Union, Any, Callable, Iterable, Iterator, Generator, Sequence, Mapping, TypeVar, Generic, NamedTuple, cast, TYPE_CHECKING, overload, Protocol, Final, ClassVar, Literal
import typing as t
print(t.List[int], t.Optional[int], t.Union[int,str], t.Callable[[int], str], t.Dict[str, t.Any], t.Tuple[int, ...], t.Any, t.TypeVar('T'), t.Literal['a', 1], t.List, t.Optional[t.List[int]], t.Union[int], t.Union[int, None], t.Final[int], t.ClassVar[int], t.Iterable[int], t.Set[int], t.Callable[..., int], t.Sequence)
print(t.List[int] == t.List[int], t.get_origin(t.List[int]), t.get_args(t.Dict[str,int]))
T = TypeVar('T')
class Box(Generic[T]):
    def __init__(self, v: T) -> None: self.v = v
    def get(self) -> T: return self.v
print(Box(3).get(), TYPE_CHECKING, cast(int, "x"))
def f(x: List[int], y: Optional[Dict[str, int]] = None) -> Tuple[int, ...]:
    return tuple(x)
print(f([1, 2]))
P = NamedTuple('P', [('x', int), ('y', float)])
p = P(1, 2.0); print(p, p.x, p._fields)
class Proto(Protocol):
    def meth(self) -> int: ...
class Impl(Proto):
    def meth(self): return 5
print(Impl().meth())
class C:
    a: ClassVar[int] = 3
    b: Final = 4
    c: Literal['x']
print(C.__annotations__['c'], C.a)
@overload
def g(x: int) -> int: ...
def g(x): return x
print(g(2))
