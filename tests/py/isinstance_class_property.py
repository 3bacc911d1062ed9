# isinstance() believes a __class__ that a class overrides (a property or
# a plain class attribute), as CPython does; type() and issubclass do not.
class Target:
    pass


class Pretender:
    @property
    def __class__(self):
        return Target


class Plain:
    __class__ = Target


class Broken:
    @property
    def __class__(self):
        raise AttributeError('no class')


class NotAType:
    __class__ = 42


p = Pretender()
print(isinstance(p, Target), isinstance(p, Pretender), isinstance(p, (int, Target)))
print(type(p).__name__, p.__class__.__name__, issubclass(Pretender, Target))
print(isinstance(Plain(), Target), isinstance(Broken(), Target), isinstance(Broken(), Broken))
print(isinstance(NotAType(), int), isinstance(3, str))


class Failing:
    @property
    def __class__(self):
        raise ValueError('boom')


try:
    isinstance(Failing(), int)
except ValueError as e:
    print('ValueError', e)
