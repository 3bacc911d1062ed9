class M:
    def __mro_entries__(self, bases): return (int,)
class Z(M()): pass
print(Z.__mro__, Z.__orig_bases__[0].__class__.__name__)
class Q(list[int]): pass
print(Q.__mro__, Q.__orig_bases__, Q([1]))
import math
print(len.__module__, math.sqrt.__module__)
