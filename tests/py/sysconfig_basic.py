# sysconfig differential test: the schemes and their templates, paths
# expanded with made-up variables, the configuration variables' kinds and
# relations to sys, the platform and the helpers.
import io
import os
import sys
import sysconfig as S
import warnings


def show(f, *args, **kw):
    try:
        print(repr(f(*args, **kw)))
    except Exception as e:
        print(type(e).__name__, e)


print(S.__all__)
print(S.get_scheme_names(), S.get_path_names(), S.get_default_scheme())
print(S.get_platform(), S.get_python_version(), S.is_python_build())
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    print(S.is_python_build(True), S.is_python_build(check_home=False))
print([(x.category.__name__, str(x.message), x.filename == __file__) for x in w])
print(S.get_python_version() == '%d.%d' % sys.version_info[:2])
print(S.get_preferred_scheme('prefix'), S.get_preferred_scheme('home'), S.get_preferred_scheme('user'))
show(S.get_preferred_scheme, 'x')

# every scheme's templates, and its paths from made-up variables
fake = {'base': '/a/b/../c', 'platbase': '/p', 'installed_base': '/ib',
        'installed_platbase': '/ipb', 'platlibdir': 'lib64', 'py_version_short': '9.9',
        'abiflags': 't', 'abi_thread': 't', 'userbase': '/u//x/', 'implementation': 'Impl',
        'implementation_lower': 'impl', 'py_version_nodot_plat': '99'}
for scheme in S.get_scheme_names():
    print(scheme, S.get_paths(scheme, expand=False))
    print(scheme, S.get_paths(scheme, dict(fake)))
    print(sorted(S.get_paths(scheme)) == sorted(S.get_paths(scheme, expand=False)))
print(S.get_paths(expand=False) is S.get_paths('posix_prefix', expand=False))
show(S.get_paths, 'nope')
show(S.get_path, 'nope')
show(S.get_path, 'purelib', 'nope')
show(S.get_path, 'scripts', vars={'base': '~/Y'})
show(S.get_path, 'data', 'posix_home', {'base': '/h'})
show(S.get_path, 'include', 'posix_prefix', fake, False)
v = {'base': '/V'}
S.get_paths(vars=v)
print(sorted(v) == sorted(set(S.get_config_vars()) | {'base'}), v['base'])

# paths follow the configuration variables
cv = S.get_config_vars()
paths = S.get_paths()
short, t = cv['py_version_short'], cv['abi_thread']
print(paths['purelib'] == os.path.join(cv['base'], 'lib', 'python' + short + t, 'site-packages'))
print(paths['stdlib'] == os.path.join(cv['installed_base'], cv['platlibdir'], 'python' + short + t))
print(paths['scripts'] == os.path.join(cv['base'], 'bin'), paths['data'] == cv['base'])
print(paths['include'] == os.path.join(cv['installed_base'], 'include', 'python' + short + cv['abiflags']))
print(S.get_path('platlib') == paths['platlib'], S.get_path('purelib', 'posix_prefix') == paths['purelib'])
print(S.get_paths('posix_user')['purelib'] ==
      os.path.join(cv['userbase'], 'lib', 'python' + short + t, 'site-packages'))

# the configuration variables
print(type(cv).__name__, cv is S.get_config_vars())
kinds = {'prefix': str, 'exec_prefix': str, 'py_version': str, 'py_version_short': str,
         'py_version_nodot': str, 'installed_base': str, 'base': str, 'installed_platbase': str,
         'platbase': str, 'projectbase': str, 'platlibdir': str, 'abiflags': str,
         'abi_thread': str, 'py_version_nodot_plat': str, 'implementation': str,
         'implementation_lower': str, 'userbase': str, 'srcdir': str, 'EXT_SUFFIX': str,
         'SOABI': str, 'MULTIARCH': str, 'Py_GIL_DISABLED': int, 'VERSION': str,
         'SIZEOF_VOID_P': int, 'Py_DEBUG': int, 'Py_ENABLE_SHARED': int, 'LIBDIR': str,
         'BINDIR': str, 'INCLUDEPY': str, 'LIBDEST': str, 'BINLIBDEST': str, 'CC': str,
         'HOST_GNU_TYPE': str, 'MACHDEP': str, 'SHLIB_SUFFIX': str, 'LDLIBRARY': str,
         'EXE': str, 'TZPATH': str, 'LIBPL': str, 'DESTSHARED': str, 'LDVERSION': str,
         'CFLAGS': str, 'LDSHARED': str, 'CCSHARED': str, 'AR': str, 'CXX': str,
         'SIZEOF_LONG': int, 'SIZEOF_SIZE_T': int, 'SIZEOF_INT': int, 'HAVE_FORK': int,
         'ABIFLAGS': str, 'Py_TRACE_REFS': int, 'WITH_PYMALLOC': int, 'LIBPC': str,
         'MANDIR': str, 'CONFINCLUDEPY': str, 'OPT': str, 'LDFLAGS': str}
print([k for k, kind in kinds.items() if not isinstance(cv.get(k), kind)])
gil_disabled = 0 if sys._is_gil_enabled() else 1
print(cv['Py_GIL_DISABLED'] == gil_disabled, cv['abiflags'] == ('t' if gil_disabled else ''),
      cv['abi_thread'] == cv['abiflags'], cv['ABIFLAGS'] == cv['abiflags'])
print(cv['py_version'] == '%d.%d.%d' % sys.version_info[:3], cv['VERSION'] == short,
      cv['py_version_nodot'] == '%d%d' % sys.version_info[:2], cv['LDVERSION'] == short + cv['abiflags'])
print(cv['EXT_SUFFIX'] == '.' + cv['SOABI'] + '.so', cv['SOABI'].endswith(cv['abiflags'] + '-' + cv['MULTIARCH']),
      ('%d%d' % sys.version_info[:2] + cv['abiflags']) in cv['SOABI'],
      cv['MULTIARCH'] == os.uname().machine + '-linux-gnu')
print(cv['SIZEOF_VOID_P'] * 8 == sys.maxsize.bit_length() + 1, cv['MACHDEP'] == sys.platform,
      cv['SHLIB_SUFFIX'], repr(cv['EXE']), cv['Py_DEBUG'], cv['Py_TRACE_REFS'], cv['HAVE_FORK'],
      cv['platlibdir'], cv['py_version_nodot_plat'], cv['implementation'], cv['implementation_lower'])
print(cv['base'] == cv['prefix'], cv['platbase'] == cv['exec_prefix'], os.path.isabs(cv['prefix']),
      cv['BINDIR'] == os.path.join(cv['prefix'], 'bin'), cv['LIBDIR'] == os.path.join(cv['prefix'], 'lib'),
      cv['INCLUDEPY'] == paths['include'], cv['LIBDEST'] == paths['stdlib'],
      cv['DESTSHARED'] == os.path.join(cv['LIBDEST'], 'lib-dynload'), cv['LIBPL'].startswith(cv['LIBDEST']))
print(cv['userbase'] == os.environ.get('PYTHONUSERBASE', os.path.expanduser('~/.local')))
print(cv['TZPATH'], cv['HOST_GNU_TYPE'].startswith(os.uname().machine), cv['HOST_GNU_TYPE'].endswith('-linux-gnu'))
print(S.get_config_var('nope'), S.get_config_var('SO'), S.get_config_var('VERSION') == short)
print(S.get_config_vars('VERSION', 'nope', 'SIZEOF_VOID_P') == [short, None, cv['SIZEOF_VOID_P']])
print(S.get_config_vars('nope'), S.get_config_vars('SO', 'nope'))
print(S.get_config_h_filename() == os.path.join(paths['platinclude'], 'pyconfig.h'),
      S.get_makefile_filename() == os.path.join(cv['LIBPL'], 'Makefile'))
print(S.get_platform() == '%s-%s' % (os.uname().sysname.lower(), os.uname().machine))
os.environ['_PYTHON_HOST_PLATFORM'] = 'made-up-platform'
print(S.get_platform())
del os.environ['_PYTHON_HOST_PLATFORM']

# parse_config_h
text = ('/* pyconfig.h */\n#define HAVE_FOO 1\n#define SIZEOF_BAR 8\n#define NAME "x y"\n'
        '/* #undef HAVE_BAZ */\n#define lower 1\n#define MACOSX_DEPLOYMENT_TARGET 10\n'
        '#define EMPTY \n#define TRAIL 1 \n  #define INDENT 1\n#define NO_NEWLINE 2')
print(S.parse_config_h(io.StringIO(text)))
d = {'KEEP': 1}
print(S.parse_config_h(io.StringIO('#define A 1\n'), d) is d, d)
print(S.parse_config_h(io.StringIO('')))
