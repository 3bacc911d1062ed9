"""collections.abc: abstract base classes for containers and iteration
(Iterable, Sized, Mapping, MutableSequence, ...).

The classes are defined in _collections_abc, which names itself
collections.abc; this module hands on everything it defines, so that the
two behave as the one module they are in CPython.
"""

import _collections_abc


def _copy_names(source, target):
    # torii: `from _collections_abc import *` is not supported yet.  The
    # module's own dunders (__name__, __doc__, __spec__, ...) stay ours,
    # apart from __all__.
    for name in dir(source):
        dunder = name.startswith('__') and name.endswith('__')
        if name == '__all__' or not dunder:
            target[name] = getattr(source, name)


_copy_names(_collections_abc, globals())
del _copy_names, _collections_abc
