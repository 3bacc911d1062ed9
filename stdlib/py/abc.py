"""abc: abstract base classes for torii.

An abstract base class is made by ABCMeta (directly, or by deriving from
ABC).  When ABCMeta builds a class it works out which of its attributes are
still abstract -- marked by abstractmethod() in the class itself, or marked
in a base and not overridden since -- and stores their names in
`__abstractmethods__`.  While that set is not empty object.__new__ (see
objects/type.c) refuses to create instances, with CPython's message.

isinstance() and issubclass() against an ABC end up in ABCMeta's
__instancecheck__ / __subclasscheck__, which settle the question by trying,
in turn: what they answered before for the same class, the ABC's
__subclasshook__, the candidate's real MRO, the classes given to register()
and last the ABC's own subclasses.  That is the order CPython uses, so hooks
and registrations interact the same way.  torii's types have no
__subclasses__(), so ABCMeta keeps its own list of them.

Remembered "no" answers are forgotten whenever any register() happens
anywhere (get_cache_token() counts those), "yes" answers are kept.

Threads: the bookkeeping is plain sets, updated without a lock; registering
is expected while classes are being set up, before they are shared.
"""

__all__ = [
    'ABCMeta', 'ABC', 'abstractmethod', 'abstractclassmethod',
    'abstractstaticmethod', 'abstractproperty',
    'get_cache_token', 'update_abstractmethods',
]


def abstractmethod(funcobj):
    """Mark funcobj (a function or descriptor) as abstract.

    A class whose metaclass is ABCMeta cannot be instantiated while such a
    method is defined in it, or inherited and not overridden.  Stack it
    under classmethod, staticmethod or property for those kinds.
    """
    funcobj.__isabstractmethod__ = True
    return funcobj


# The three deprecated spellings.  torii cannot subclass classmethod,
# staticmethod or property yet, so each is a function giving the builtin
# descriptor around a marked callable.

def abstractclassmethod(callable):
    """Deprecated: write @classmethod over @abstractmethod instead."""
    return classmethod(abstractmethod(callable))


def abstractstaticmethod(callable):
    """Deprecated: write @staticmethod over @abstractmethod instead."""
    return staticmethod(abstractmethod(callable))


def abstractproperty(fget=None, fset=None, fdel=None, doc=None):
    """Deprecated: write @property over @abstractmethod instead."""
    if fget is not None:
        abstractmethod(fget)
    return property(fget, fset, fdel, doc)


# Bumped by every successful register(): "is not a subclass" answers
# remembered under an older value are stale.
_registrations = 0


def get_cache_token():
    """A number that changes whenever a virtual subclass is registered
    with any ABC; equal tokens mean cached isinstance() answers hold."""
    return _registrations


def _flagged(obj):
    """Whether obj is abstract.

    Besides obj's own `__isabstractmethod__`, the functions wrapped by a
    classmethod, staticmethod or property are looked at: torii's builtin
    descriptors do not pass the flag on themselves.  Errors while looking
    count as "not abstract".
    """
    inner = [obj]
    for attr in ('__func__', 'fget', 'fset', 'fdel'):
        try:
            inner.append(getattr(obj, attr, None))
        except Exception:
            pass
    for candidate in inner:
        if candidate is None:
            continue
        try:
            if getattr(candidate, '__isabstractmethod__', False):
                return True
        except Exception:
            pass
    return False


def _still_abstract(cls):
    """The names of cls's abstract methods, as a frozenset: those marked
    in its own namespace, plus those its bases list as abstract that cls
    has not replaced by something concrete."""
    found = {key for key, attr in cls.__dict__.items() if _flagged(attr)}
    for base in cls.__bases__:
        for key in getattr(base, '__abstractmethods__', ()):
            if key not in found and _flagged(getattr(cls, key, None)):
                found.add(key)
    return frozenset(found)


# Pattern matching (core/match.c) treats a class as a sequence or mapping
# when an `__abc_tpflags__` on its MRO has bit 1 << 5 or 1 << 6 set;
# collections.abc.Sequence and Mapping declare them.
_SEQUENCE_BIT = 1 << 5
_MAPPING_BIT = 1 << 6


def _match_bits(cls):
    """The sequence/mapping bits the nearest `__abc_tpflags__` on cls's
    MRO sets (attributes of the metaclass do not count)."""
    for klass in getattr(cls, '__mro__', ()):
        if '__abc_tpflags__' in klass.__dict__:
            bits = klass.__dict__['__abc_tpflags__']
            if not isinstance(bits, int):
                return 0
            return bits & (_SEQUENCE_BIT | _MAPPING_BIT)
    return 0


class _Ledger:
    """Everything one ABC remembers (its `_abc_impl` attribute).

    virtual: classes passed to register().  children: the ABC's direct
    subclasses, oldest first.  known / rejected: classes already found to
    be / not to be subclasses; `rejected` is only valid while `epoch`
    equals the module's registration count.

    torii has no weak sets yet, so these keep the classes alive for as
    long as the ABC lives.
    """

    __slots__ = ('virtual', 'children', 'known', 'rejected', 'epoch')

    def __init__(self):
        self.virtual = set()
        self.children = []
        self.known = set()
        self.rejected = set()
        self.epoch = _registrations

    def settle(self, subclass, verdict):
        """Remember the verdict on subclass and return it."""
        if verdict:
            self.known.add(subclass)
        else:
            self.rejected.add(subclass)
        return verdict

    def fresh_rejections(self):
        """The remembered "no" answers, after dropping stale ones."""
        if self.epoch != _registrations:
            self.rejected = set()
            self.epoch = _registrations
        return self.rejected


def _hook_verdict(abc, subclass):
    """True, False or NotImplemented, as abc's __subclasshook__ says."""
    hook = getattr(abc, '__subclasshook__', None)
    if hook is None:
        return NotImplemented
    verdict = hook(subclass)
    if verdict is NotImplemented or verdict is True or verdict is False:
        return verdict
    raise AssertionError("__subclasshook__ must return either False, "
                         "True, or NotImplemented")


class ABCMeta(type):
    """The metaclass of abstract base classes.

    A class made by it may declare abstract methods (see abstractmethod)
    and gain virtual subclasses: any class, even a builtin one, can be
    register()ed and then passes isinstance() and issubclass() tests
    against it without inheriting anything from it.  A __subclasshook__
    class method can also decide such tests on its own.
    """

    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        cls.__abstractmethods__ = _still_abstract(cls)
        cls._abc_impl = _Ledger()
        for parent in bases:
            if isinstance(parent, ABCMeta):
                parent._abc_impl.children.append(cls)
        return cls

    def register(cls, subclass):
        """Make subclass a virtual subclass of this ABC and return it, so
        that this works as a class decorator too."""
        global _registrations
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass     # nothing to add
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        cls._abc_impl.virtual.add(subclass)
        _registrations += 1
        # A class registered as a Sequence or Mapping takes part in
        # sequence or mapping patterns from now on, as in CPython, unless
        # it declares a kind already.  Builtin types refuse the attribute,
        # which is fine: torii knows their kind anyway.
        bits = _match_bits(cls)
        if bits and not _match_bits(subclass):
            try:
                subclass.__abc_tpflags__ = bits
            except (TypeError, AttributeError):
                pass
        return subclass

    def __instancecheck__(cls, instance):
        """isinstance(instance, cls): asks __subclasscheck__ about the
        instance's __class__ and, when that differs, its real type."""
        ledger = cls._abc_impl
        claimed = instance.__class__
        if claimed in ledger.known:
            return True
        actual = type(instance)
        if actual is not claimed:
            return (cls.__subclasscheck__(claimed)
                    or cls.__subclasscheck__(actual))
        if claimed in ledger.fresh_rejections():
            return False
        return cls.__subclasscheck__(claimed)

    def __subclasscheck__(cls, subclass):
        """issubclass(subclass, cls), counting virtual subclasses and the
        answer of __subclasshook__."""
        if not isinstance(subclass, type):
            raise TypeError('issubclass() arg 1 must be a class')
        ledger = cls._abc_impl
        if subclass in ledger.known:
            return True
        if subclass in ledger.fresh_rejections():
            return False
        verdict = _hook_verdict(cls, subclass)
        if verdict is NotImplemented:
            verdict = cls in subclass.__mro__ or any(
                issubclass(subclass, other)
                for other in (*ledger.virtual, *ledger.children))
        return ledger.settle(subclass, verdict)

    def _dump_registry(cls, file=None):
        """Print which ABC this is and the registration count (to file,
        default stdout); for debugging."""
        print(f"Class: {cls.__module__}.{cls.__qualname__}", file=file)
        print(f"Inv. counter: {get_cache_token()}", file=file)

    def _abc_registry_clear(cls):
        """Forget every class register() added (tests use this)."""
        cls._abc_impl.virtual.clear()

    def _abc_caches_clear(cls):
        """Forget the remembered isinstance()/issubclass() answers."""
        ledger = cls._abc_impl
        ledger.known.clear()
        ledger.rejected.clear()


def update_abstractmethods(cls):
    """Work out cls.__abstractmethods__ again, after abstract methods were
    added to or implemented on cls once it existed (class decorators such
    as dataclass do that).  Only affects classes that have the attribute,
    not their subclasses.  Returns cls."""
    if hasattr(cls, '__abstractmethods__'):
        cls.__abstractmethods__ = _still_abstract(cls)
    return cls


class ABC(metaclass=ABCMeta):
    """Derive from this to make an abstract base class without spelling
    out metaclass=ABCMeta."""

    __slots__ = ()

    # torii's object has no __subclasshook__ yet: this stands in for it, so
    # that hooks may defer to super().
    @classmethod
    def __subclasshook__(cls, subclass):
        return NotImplemented
