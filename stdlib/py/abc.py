"""abc: abstract base classes (ABCMeta, ABC, abstractmethod and friends).

torii's own implementation of CPython 3.13's abc module.  ABCMeta.__new__
collects the names whose values have a true `__isabstractmethod__` (its own,
and inherited ones not yet implemented) into `__abstractmethods__`; setting
that attribute marks the class abstract (objects/type.c), and object.__new__
refuses to instantiate it with CPython's message.  register() records
virtual subclasses, which isinstance()/issubclass() see through
__instancecheck__/__subclasscheck__ together with __subclasshook__.

Threads: the registry and caches are per class sets; registering is meant to
happen while classes are set up, before they are shared.
"""

__all__ = ['ABCMeta', 'ABC', 'abstractmethod', 'abstractclassmethod',
           'abstractstaticmethod', 'abstractproperty', 'get_cache_token',
           'update_abstractmethods']


def abstractmethod(funcobj):
    """A decorator indicating abstract methods."""
    funcobj.__isabstractmethod__ = True
    return funcobj


# torii cannot subclass classmethod/staticmethod/property yet: these
# deprecated helpers are functions that return the marked descriptor.
def abstractclassmethod(callable):
    """Deprecated: use classmethod with abstractmethod instead."""
    callable.__isabstractmethod__ = True
    return classmethod(callable)


def abstractstaticmethod(callable):
    """Deprecated: use staticmethod with abstractmethod instead."""
    callable.__isabstractmethod__ = True
    return staticmethod(callable)


def abstractproperty(fget=None, fset=None, fdel=None, doc=None):
    """Deprecated: use property with abstractmethod instead."""
    if fget is not None:
        fget.__isabstractmethod__ = True
    return property(fget, fset, fdel, doc)


_abc_invalidation_counter = 0


def get_cache_token():
    """The current ABC cache token (changes with every register())."""
    return _abc_invalidation_counter


def _is_abstract(value):
    try:
        if getattr(value, '__isabstractmethod__', False):
            return True
    except Exception:
        pass
    # staticmethod/classmethod/property around an abstract function
    for attr in ('__func__', 'fget', 'fset', 'fdel'):
        try:
            inner = getattr(value, attr, None)
        except Exception:
            inner = None
        if inner is not None and getattr(inner, '__isabstractmethod__', False):
            return True
    return False


def _compute_abstracts(cls):
    abstracts = set()
    for name, value in cls.__dict__.items():
        if _is_abstract(value):
            abstracts.add(name)
    for base in cls.__bases__:
        for name in getattr(base, '__abstractmethods__', ()) if isinstance(base, ABCMeta) else ():
            value = getattr(cls, name, None)
            if _is_abstract(value):
                abstracts.add(name)
    return frozenset(abstracts)


class ABCMeta(type):
    """Metaclass for defining Abstract Base Classes (ABCs)."""

    def __new__(mcls, name, bases, namespace, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        cls.__abstractmethods__ = _compute_abstracts(cls)
        cls._abc_registry = set()
        return cls

    def register(cls, subclass):
        """Register a virtual subclass of an ABC.  Returns the subclass."""
        global _abc_invalidation_counter
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        cls._abc_registry.add(subclass)
        _abc_invalidation_counter += 1
        return subclass

    def __instancecheck__(cls, instance):
        """Override for isinstance(instance, cls)."""
        subclass = instance.__class__
        if type.__subclasscheck__(cls, subclass):
            return True
        if cls.__subclasscheck__(subclass):
            return True
        subtype = type(instance)
        return subtype is not subclass and cls.__subclasscheck__(subtype)

    def __subclasscheck__(cls, subclass):
        """Override for issubclass(subclass, cls)."""
        if not isinstance(subclass, type):
            raise TypeError('issubclass() arg 1 must be a class')
        hook = getattr(cls, '__subclasshook__', None)
        hook = hook(subclass) if hook is not None else NotImplemented
        if hook is not NotImplemented:
            return bool(hook)
        if type.__subclasscheck__(cls, subclass):
            return True
        for rcls in cls._abc_registry:
            if issubclass(subclass, rcls):
                return True
        return False

    def _dump_registry(cls, file=None):
        print("Class: %s.%s" % (cls.__module__, cls.__qualname__), file=file)
        print("Inv. counter: %s" % get_cache_token(), file=file)


def update_abstractmethods(cls):
    """Recalculate the set of abstract methods of an abstract class."""
    if not hasattr(cls, '__abstractmethods__'):
        return cls
    cls.__abstractmethods__ = _compute_abstracts(cls)
    return cls


class ABC(metaclass=ABCMeta):
    """Helper class that provides a standard way to create an ABC using inheritance."""
    __slots__ = ()

    @classmethod
    def __subclasshook__(cls, subclass):
        return NotImplemented
