# sys.implementation, sys.version_info (a struct sequence), sys.hexversion,
# the prefixes, sys.platlibdir, sys.abiflags and the file system encoding.
# Only relations are printed: the values name the implementation and its
# installation, which differ between CPython and torii.
import os
import sys

vi = sys.version_info
print(vi, type(vi))
print(vi.major, vi.minor, vi.micro, vi.releaselevel, vi.serial)
print(vi[:2], vi[0], vi[-1], len(vi), tuple(vi), list(vi))
print(vi >= (3, 8), vi < (4,), vi == (3, 13, 0, 'final', 0), vi > (3, 13), vi[:2] == (3, 13))
print(isinstance(vi, tuple), type(vi).n_fields, type(vi).n_sequence_fields, type(vi).n_unnamed_fields)
print(hash(vi) == hash(tuple(vi)), '%d.%d.%d' % vi[:3], type(vi).__name__, type(vi).__module__)
major, minor, *rest = vi
print(major, minor, rest)
for f in (lambda: type(vi)((1, 2, 3, 4, 5)), lambda: type(vi)()):
    try:
        f()
    except TypeError as e:
        print('TypeError', e)
try:
    vi.major = 4
except AttributeError as e:
    print('AttributeError', e)

print(sys.hexversion, hex(sys.hexversion), type(sys.hexversion).__name__)
print(sys.hexversion == (vi.major << 24 | vi.minor << 16 | vi.micro << 8 | 0xf0 | vi.serial))

impl = sys.implementation
print(type(impl), list(vars(impl)))
print([type(getattr(impl, k)).__name__ for k in vars(impl)])
print(impl.name.islower(), impl.name in ('cpython', 'torii'))
print(impl.cache_tag == '%s-%d%d' % ((impl.name,) + vi[:2]))
print(type(impl.version) is type(vi), impl.version.releaselevel, len(impl.version))
v = impl.version
print(impl.hexversion == (v.major << 24 | v.minor << 16 | v.micro << 8 | 0xf0 | v.serial))
print(impl._multiarch == os.uname().machine + '-linux-gnu')
print(repr(impl) == 'namespace(name=%r, cache_tag=%r, version=%r, hexversion=%r, _multiarch=%r)'
      % (impl.name, impl.cache_tag, impl.version, impl.hexversion, impl._multiarch))
impl.extra = [1]
print(impl.extra, 'extra' in vars(impl), repr(impl).endswith(', extra=[1])'))
del impl.extra
print(hasattr(impl, 'extra'), list(vars(impl)))
try:
    impl.missing
except AttributeError as e:
    print('AttributeError', e)
print(impl == impl, impl != impl)

exe_root = os.path.dirname(os.path.dirname(sys.executable))
for name in ('prefix', 'exec_prefix', 'base_prefix', 'base_exec_prefix'):
    p = getattr(sys, name)
    print(name, type(p).__name__, os.path.isabs(p), p == exe_root, p == sys.prefix)
print(sys.platlibdir, type(sys.abiflags).__name__)
print(sys.abiflags == ('' if sys._is_gil_enabled() else 't'))
print(sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())
for f in (sys.getfilesystemencoding, sys.getfilesystemencodeerrors):
    try:
        f(1)
    except TypeError as e:
        print('TypeError', e)
