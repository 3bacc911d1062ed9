import collections, re
print(list[int], dict[str, list[int]], tuple[()], tuple[int, ...], type[int], list['x'], list[collections.deque], collections.deque[int])
print(int | str, int | None, None | int, int | str | int, list[int] | None, (int|str).__args__, int | int)
print(list[int] == list[int], list[int] == list[str], (int|str) == (str|int), hash(int|str) == hash(str|int))
print(list[int]([1,2]), list[int].__origin__, list[int].__args__, list[int].__parameters__, list[int].__name__)
print(isinstance(1, int|str), isinstance(1.0, int|str), issubclass(bool, int|str), isinstance(None, int | None))
for f in (lambda: isinstance(1, list[int]), lambda: int | 3, lambda: 3 | int, lambda: issubclass(int, list[int])):
  try: print(f())
  except Exception as e: print(type(e).__name__, e)
print(type(list[int]), type(int|str), type(int|str).__name__)
class C: pass
print(list[C], C | None, re.Pattern[str], dict[str, int | None], set[frozenset[int]])
class L(list): pass
print(L[int], L[int]([3]))
from dataclasses import dataclass, field
@dataclass
class P:
    xs: list[int] = field(default_factory=list)
    name: str | None = None
    m: dict[str, tuple[int, ...]] = field(default_factory=dict)
print(P(), P.__annotations__)
def f(a: list[int], b: int | None = None) -> dict[str, int]: return {}
print(f([1]))
