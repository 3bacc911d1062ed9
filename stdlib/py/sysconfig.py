# sysconfig: torii's installation paths (the install schemes) and build
# configuration variables, written after CPython 3.13's documented
# behaviour; the values describe torii (free-threaded or GIL build).
"""Access to the interpreter's configuration: install paths and build
variables."""

import os
import sys
import threading

__all__ = ['get_config_h_filename', 'get_config_var', 'get_config_vars',
           'get_makefile_filename', 'get_path', 'get_path_names', 'get_paths',
           'get_platform', 'get_python_version', 'get_scheme_names', 'parse_config_h']

_SCHEME_KEYS = ('stdlib', 'platstdlib', 'purelib', 'platlib', 'include', 'scripts', 'data')


def _scheme(stdlib, platstdlib, purelib, platlib, include, platinclude, scripts, data):
    paths = dict(stdlib=stdlib, platstdlib=platstdlib, purelib=purelib, platlib=platlib,
                 include=include, platinclude=platinclude, scripts=scripts, data=data)
    if platinclude is None:
        del paths['platinclude']
    return paths


_VERSIONED = '{implementation_lower}{py_version_short}{abi_thread}'
_NT_USER = '{userbase}/{implementation}{py_version_nodot_plat}'


def _posix_prefix():
    return _scheme('{installed_base}/{platlibdir}/' + _VERSIONED,
                   '{platbase}/{platlibdir}/' + _VERSIONED,
                   '{base}/lib/' + _VERSIONED + '/site-packages',
                   '{platbase}/{platlibdir}/' + _VERSIONED + '/site-packages',
                   '{installed_base}/include/{implementation_lower}{py_version_short}{abiflags}',
                   '{installed_platbase}/include/{implementation_lower}{py_version_short}{abiflags}',
                   '{base}/bin', '{base}')


def _nt():
    return _scheme('{installed_base}/Lib', '{base}/Lib', '{base}/Lib/site-packages',
                   '{base}/Lib/site-packages', '{installed_base}/Include',
                   '{installed_base}/Include', '{base}/Scripts', '{base}')


_INSTALL_SCHEMES = {
    'posix_prefix': _posix_prefix(),
    'posix_home': _scheme('{installed_base}/lib/{implementation_lower}',
                          '{base}/lib/{implementation_lower}',
                          '{base}/lib/{implementation_lower}',
                          '{base}/lib/{implementation_lower}',
                          '{installed_base}/include/{implementation_lower}',
                          '{installed_base}/include/{implementation_lower}',
                          '{base}/bin', '{base}'),
    'nt': _nt(),
    'posix_venv': _posix_prefix(),
    'nt_venv': _nt(),
    'venv': _posix_prefix(),
    'posix_user': _scheme('{userbase}/{platlibdir}/' + _VERSIONED,
                          '{userbase}/{platlibdir}/' + _VERSIONED,
                          '{userbase}/lib/' + _VERSIONED + '/site-packages',
                          '{userbase}/lib/' + _VERSIONED + '/site-packages',
                          '{userbase}/include/' + _VERSIONED, None,
                          '{userbase}/bin', '{userbase}'),
    'nt_user': _scheme(_NT_USER, _NT_USER, _NT_USER + '/site-packages',
                       _NT_USER + '/site-packages', _NT_USER + '/Include', None,
                       _NT_USER + '/Scripts', '{userbase}'),
    'osx_framework_user': _scheme('{userbase}/lib/{implementation_lower}',
                                  '{userbase}/lib/{implementation_lower}',
                                  '{userbase}/lib/{implementation_lower}/site-packages',
                                  '{userbase}/lib/{implementation_lower}/site-packages',
                                  '{userbase}/include/{implementation_lower}{py_version_short}',
                                  None, '{userbase}/bin', '{userbase}'),
}

_PY_VERSION = '%d.%d.%d' % tuple(sys.version_info[:3])
_PY_VERSION_SHORT = '%d.%d' % tuple(sys.version_info[:2])
_PY_VERSION_SHORT_NO_DOT = '%d%d' % tuple(sys.version_info[:2])

_GIL_DISABLED = not sys._is_gil_enabled()
_ABIFLAGS = sys.abiflags
_EXECUTABLE = os.path.realpath(sys.executable) if sys.executable else ''
_PREFIX = os.path.normpath(sys.prefix)
_EXEC_PREFIX = os.path.normpath(sys.exec_prefix)
_BASE_PREFIX = os.path.normpath(sys.base_prefix)
_BASE_EXEC_PREFIX = os.path.normpath(sys.base_exec_prefix)
_PROJECT_BASE = os.path.dirname(_EXECUTABLE) if _EXECUTABLE else os.getcwd()
_MULTIARCH = sys.implementation._multiarch
_CACHE_TAG = sys.implementation.cache_tag

_CONFIG_VARS = None
_CONFIG_VARS_LOCK = threading.RLock()


def _getuserbase():
    base = os.environ.get('PYTHONUSERBASE')
    return base if base else os.path.expanduser(os.path.join('~', '.local'))


def _init_config_vars():
    import struct
    abi_thread = 't' if _GIL_DISABLED else ''
    libdest = os.path.join(_PREFIX, 'lib', 'python' + _PY_VERSION_SHORT + abi_thread)
    include = os.path.join(_PREFIX, 'include', 'python' + _PY_VERSION_SHORT + _ABIFLAGS)
    soabi = '%s%s-%s' % (_CACHE_TAG, _ABIFLAGS, _MULTIARCH)
    libpl = os.path.join(libdest, 'config-%s%s-%s' % (_PY_VERSION_SHORT, _ABIFLAGS, _MULTIARCH))
    cvars = {
        # the install schemes' variables
        'prefix': _PREFIX, 'exec_prefix': _EXEC_PREFIX,
        'py_version': _PY_VERSION, 'py_version_short': _PY_VERSION_SHORT,
        'py_version_nodot': _PY_VERSION_SHORT_NO_DOT,
        'installed_base': _BASE_PREFIX, 'base': _PREFIX,
        'installed_platbase': _BASE_EXEC_PREFIX, 'platbase': _EXEC_PREFIX,
        'projectbase': _PROJECT_BASE, 'platlibdir': sys.platlibdir,
        'implementation': 'Python', 'implementation_lower': 'python',
        'abiflags': _ABIFLAGS, 'abi_thread': abi_thread, 'py_version_nodot_plat': '',
        'userbase': _getuserbase(), 'srcdir': libpl,
        # the build's (what its Makefile and pyconfig.h would say)
        'VERSION': _PY_VERSION_SHORT, 'LDVERSION': _PY_VERSION_SHORT + _ABIFLAGS,
        'ABIFLAGS': _ABIFLAGS, 'SOABI': soabi, 'EXT_SUFFIX': '.' + soabi + '.so',
        'SHLIB_SUFFIX': '.so', 'MULTIARCH': _MULTIARCH, 'MACHDEP': sys.platform,
        'HOST_GNU_TYPE': '%s-pc-%s-gnu' % (os.uname().machine, sys.platform),
        'Py_GIL_DISABLED': int(_GIL_DISABLED), 'Py_DEBUG': 0, 'Py_TRACE_REFS': 0,
        'Py_ENABLE_SHARED': 0, 'PY_ENABLE_SHARED': 0, 'WITH_PYMALLOC': 0, 'HAVE_FORK': 1,
        'SIZEOF_VOID_P': struct.calcsize('P'), 'SIZEOF_SIZE_T': struct.calcsize('N'),
        'SIZEOF_LONG': struct.calcsize('l'), 'SIZEOF_INT': struct.calcsize('i'),
        'EXE': '', 'BINDIR': os.path.join(_PREFIX, 'bin'), 'LIBDIR': os.path.join(_PREFIX, 'lib'),
        'INCLUDEDIR': os.path.join(_PREFIX, 'include'), 'INCLUDEPY': include,
        'CONFINCLUDEPY': include, 'LIBDEST': libdest, 'BINLIBDEST': libdest, 'LIBPL': libpl,
        'DESTSHARED': os.path.join(libdest, 'lib-dynload'),
        'SCRIPTDIR': os.path.join(_PREFIX, 'lib'), 'LIBPC': os.path.join(_PREFIX, 'lib', 'pkgconfig'),
        'MANDIR': os.path.join(_PREFIX, 'share', 'man'), 'LDLIBRARY': '', 'LIBRARY': '',
        'CC': 'gcc', 'CXX': 'g++', 'AR': 'ar', 'CCSHARED': '-fPIC', 'LDSHARED': 'gcc -shared',
        'BLDSHARED': 'gcc -shared', 'CFLAGS': '', 'OPT': '', 'LDFLAGS': '', 'LIBS': '',
        'SYSLIBS': '-lm', 'LINKFORSHARED': '', 'MACOSX_DEPLOYMENT_TARGET': '',
        'PYTHON': 'python', 'PYTHONFRAMEWORK': '', 'ANDROID_API_LEVEL': 0,
        'TZPATH': '/usr/share/zoneinfo:/usr/lib/zoneinfo:/usr/share/lib/zoneinfo:/etc/zoneinfo',
    }
    if sys.byteorder == 'big':
        cvars['WORDS_BIGENDIAN'] = 1
    return cvars


def get_config_vars(*args):
    """The dict of configuration variables; with names, a list of their
    values (None for unknown ones)."""
    global _CONFIG_VARS
    if _CONFIG_VARS is None:
        with _CONFIG_VARS_LOCK:
            if _CONFIG_VARS is None:
                _CONFIG_VARS = _init_config_vars()
    if args:
        return [_CONFIG_VARS.get(name) for name in args]
    return _CONFIG_VARS


def get_config_var(name):
    """One configuration variable's value, or None."""
    return get_config_vars().get(name)


def get_scheme_names():
    """The install schemes' names, sorted."""
    return tuple(sorted(_INSTALL_SCHEMES))


def get_path_names():
    """The names of the paths each scheme defines."""
    return _SCHEME_KEYS


def get_preferred_scheme(key):
    """The scheme for 'prefix', 'home' or 'user' installs."""
    if key == 'prefix' and _PREFIX != _BASE_PREFIX:
        return 'venv'
    return {'prefix': 'posix_prefix', 'home': 'posix_home', 'user': 'posix_user'}[key]


def get_default_scheme():
    """The scheme this interpreter installs to."""
    return get_preferred_scheme('prefix')


def _subst_vars(template, local_vars):
    try:
        return template.format(**local_vars)
    except KeyError as missing:
        try:
            return template.format(**os.environ)
        except KeyError:
            raise AttributeError(f'{missing}') from None


def get_paths(scheme=get_default_scheme(), vars=None, expand=True):
    """The paths of an install scheme, name -> path; `vars` (extended
    with the configuration variables) fills the templates, and expand=False
    returns the templates themselves."""
    if not expand:
        return _INSTALL_SCHEMES[scheme]
    if vars is None:
        vars = {}
    for key, value in get_config_vars().items():
        vars.setdefault(key, value)
    return {key: os.path.normpath(_subst_vars(os.path.expanduser(template), vars))
            for key, template in _INSTALL_SCHEMES[scheme].items()}


def get_path(name, scheme=get_default_scheme(), vars=None, expand=True):
    """One path of an install scheme, as get_paths() gives it."""
    return get_paths(scheme, vars, expand)[name]


def get_platform():
    """The platform wheels and build directories are named by, e.g.
    'linux-x86_64'."""
    if '_PYTHON_HOST_PLATFORM' in os.environ:
        return os.environ['_PYTHON_HOST_PLATFORM']
    u = os.uname()
    osname = u.sysname.lower().replace('/', '')
    machine = u.machine.replace(' ', '_').replace('/', '-')
    if osname == 'linux':
        return f'{osname}-{machine}'
    return f'{osname}-{u.release}-{machine}'


def get_python_version():
    """'major.minor', e.g. '3.13'."""
    return _PY_VERSION_SHORT


def is_python_build(check_home=None):
    """Whether this interpreter runs from its source tree (never for torii)."""
    if check_home is not None:
        import warnings
        warnings.warn("check_home argument is deprecated and ignored.",
                      DeprecationWarning, stacklevel=2)
    return False


def get_config_h_filename():
    """Where pyconfig.h would be."""
    return os.path.join(get_path('platinclude'), 'pyconfig.h')


def get_makefile_filename():
    """Where the build's Makefile would be."""
    return os.path.join(get_config_var('LIBPL'), 'Makefile')


def parse_config_h(fp, vars=None):
    """The #define'd (and commented-out #undef'd, as 0) names of a
    pyconfig.h-style file, added to `vars` (a new dict by default)."""
    import re
    if vars is None:
        vars = {}
    for line in iter(fp.readline, ''):
        m = re.match(r'#define ([A-Z][A-Za-z0-9_]+) (.*)\n', line)
        if m:
            name, value = m.groups()
            if name != 'MACOSX_DEPLOYMENT_TARGET':
                try:
                    value = int(value)
                except ValueError:
                    pass
            vars[name] = value
            continue
        m = re.match(r'/[*] #undef ([A-Z][A-Za-z0-9_]+) [*]/\n', line)
        if m:
            vars[m.group(1)] = 0
    return vars


def _main():
    """`python -m sysconfig`: the platform, the paths and the variables."""
    print(f'Platform: "{get_platform()}"')
    print(f'Python version: "{get_python_version()}"')
    print(f'Current installation scheme: "{get_default_scheme()}"')
    for title, items in (('Paths', get_paths()), ('Variables', get_config_vars())):
        print()
        print(f'{title}: ')
        for key, value in sorted(items.items()):
            print(f'\t{key} = "{value}"')


if __name__ == '__main__':
    _main()
