"""importlib: the part of the import system a script calls directly.

import_module(name, package=None) imports a module by name, a relative name
(leading dots) resolved against `package`, through builtins.__import__;
invalidate_caches() exists for code that calls it (torii keeps no finder
caches).  Other importlib machinery (finders, loaders, specs) is absent."""
import sys

__all__ = ['import_module', 'invalidate_caches', 'reload']


def import_module(name, package=None):
    """The module `name`, imported if need be (sys.modules caches it)."""
    dots = len(name) - len(name.lstrip('.'))
    if dots:
        if not package:
            raise TypeError("the 'package' argument is required to perform a "
                            "relative import for {!r}".format(name))
        base = package.rsplit('.', dots - 1)
        if len(base) < dots:
            raise ImportError('attempted relative import beyond top-level package')
        name = base[0] + ('.' + name[dots:] if name[dots:] else '')
    __import__(name)
    return sys.modules[name]


def invalidate_caches():
    """Nothing to drop: torii searches sys.path afresh on every import."""


def reload(module):
    """Not supported: torii runs a module's code once per process."""
    raise NotImplementedError("importlib.reload is not supported by torii")
