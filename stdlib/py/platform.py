# platform: what machine, operating system and Python this is (uname,
# platform(), python_*(), libc_ver, freedesktop_os_release...), written for
# torii after CPython 3.13's documented behaviour, from os.uname() and sys.
"""Identify the underlying platform: operating system, machine, Python."""

import collections
import functools
import os
import re
import sys

__version__ = '1.0.8'


# --- uname --------------------------------------------------------------

uname_result_base = collections.namedtuple(
    "uname_result_base", "system node release version machine")


class uname_result(uname_result_base):
    """os.uname()'s five fields under friendlier names, plus `processor`,
    which is looked up only when first used."""

    _fields = ('system', 'node', 'release', 'version', 'machine', 'processor')

    @property
    def processor(self):
        return _processor()

    def __iter__(self):
        yield from super().__iter__()
        yield self.processor

    @classmethod
    def _make(cls, iterable):
        return cls.__new__(cls, *iterable)

    def __getitem__(self, key):
        return tuple(self)[key]

    def __len__(self):
        return len(tuple(iter(self)))

    def __reduce__(self):
        return uname_result, tuple(self)[:len(uname_result_base._fields)]


def _blank_unknown(value):
    return '' if value == 'unknown' else value


def _command_output(*argv):
    # what a command prints ('' when it cannot be run or fails)
    import subprocess
    try:
        return subprocess.check_output(argv, stderr=subprocess.DEVNULL, text=True,
                                       errors='replace')
    except (OSError, subprocess.CalledProcessError):
        return ''


@functools.cache
def _processor():
    # Linux has no processor name of its own; `uname -p` says 'unknown'
    return _blank_unknown(_command_output('uname', '-p').strip())


@functools.cache
def uname():
    """(system, node, release, version, machine, processor) as a
    uname_result; fields that cannot be found are ''."""
    u = os.uname()
    return uname_result(*map(_blank_unknown, (u.sysname, u.nodename, u.release,
                                              u.version, u.machine)))


def system():
    """The operating system's name, e.g. 'Linux', or ''."""
    return uname().system


def node():
    """The computer's network name, or ''."""
    return uname().node


def release():
    """The operating system's release, e.g. '6.1.0-13-amd64', or ''."""
    return uname().release


def version():
    """The operating system's version string, or ''."""
    return uname().version


def machine():
    """The machine type, e.g. 'x86_64', or ''."""
    return uname().machine


def processor():
    """The processor's name, or '' (as on most Linux systems)."""
    return uname().processor


def system_alias(system, release, version):
    """(system, release, version) under their marketing names: SunOS 5 and
    later becomes Solaris 2..., win32/win16 become Windows."""
    if system == 'SunOS' and release >= '5':
        major, *rest = release.split('.')
        return 'Solaris', '.'.join([str(int(major) - 3)] + rest), version
    if system in ('win32', 'win16'):
        return 'Windows', release, version
    return system, release, version


# --- the interpreter ----------------------------------------------------

@functools.cache
def _sys_version():
    # sys.version is "X.Y.Z (build, date, time) [compiler]" in CPython and
    # "X.Y.Z (torii N.N.N, free-threaded build)" in torii.
    m = re.match(r'([\w.+]+)\s*(?:\(([^)]*)\))?\s*(?:\[([^\]]*)\])?', sys.version)
    parts = [p.strip() for p in (m.group(2) or '').split(',')]
    build = parts[0].lstrip('#')
    date = ' '.join(parts[1:])
    return build, date, (m.group(3) or '').strip()


def python_implementation():
    """The implementation's name: 'CPython', 'PyPy', ... and 'Torii' here."""
    name = sys.implementation.name
    return {'cpython': 'CPython', 'pypy': 'PyPy', 'ironpython': 'IronPython',
            'jython': 'Jython'}.get(name, name.capitalize())


def python_version():
    """'major.minor.patchlevel', e.g. '3.13.0'."""
    return '%d.%d.%d' % tuple(sys.version_info[:3])


def python_version_tuple():
    """(major, minor, patchlevel) as strings."""
    return tuple(str(n) for n in sys.version_info[:3])


def python_build():
    """(build name or number, build date) from sys.version."""
    return _sys_version()[:2]


def python_compiler():
    """The compiler named in sys.version's brackets, or ''."""
    return _sys_version()[2]


def python_branch():
    """The source branch the interpreter was built from, or ''."""
    return getattr(sys, '_git', ('', '', ''))[1]


def python_revision():
    """The source revision the interpreter was built from, or ''."""
    return getattr(sys, '_git', ('', '', ''))[2]


# --- executables and the C library -------------------------------------

def architecture(executable=sys.executable, bits='', linkage=''):
    """(bits, linkage) of an executable (this interpreter by default):
    bits as '64bit' (a pointer's size unless the file says otherwise),
    linkage as 'ELF' or ''."""
    if not bits:
        import struct
        bits = '%dbit' % (struct.calcsize('P') * 8)
    out = ''
    if executable:
        out = _command_output('file', '-b', os.path.realpath(executable))
    if 'executable' not in out and 'shared object' not in out:
        return bits, linkage
    if '32-bit' in out:
        bits = '32bit'
    elif '64-bit' in out:
        bits = '64bit'
    for word, kind in (('ELF', 'ELF'), ('Windows', 'WindowsPE'), ('PE', 'PE'),
                       ('COFF', 'COFF'), ('MS-DOS', 'MSDOS')):
        if word in out:
            return bits, kind
    return bits, linkage


def _version_key(ver):
    return [(100, int(p)) if p.isdigit() else (0, p)
            for p in re.split(r'[._+-]', ver) if p]


_LIBC_MARKS = re.compile(r'(__libc_init)|(GLIBC_([0-9.]+))|(libc(_\w+)?\.so(?:\.(\d[0-9.]*))?)')


def libc_ver(executable=None, lib='', version='', chunksize=16384):
    """(library, version) of the C library: this system's glibc, or, for
    an explicit executable, the newest one its symbols ask for."""
    if not executable:
        try:
            parts = os.confstr('CS_GNU_LIBC_VERSION').split(maxsplit=1)
        except (AttributeError, ValueError, OSError):
            parts = _getconf_libc()
        if len(parts) == 2:
            return tuple(parts)
        executable = sys.executable
        if not executable:
            return lib, version
    # torii's re has no bytes patterns: scan the file's bytes as latin-1
    with open(executable, 'rb') as f:
        text = f.read().decode('latin-1')
    for m in _LIBC_MARKS.finditer(text):
        init, glibc, glibc_ver, so, threads, so_ver = m.groups()
        if init and not lib:
            lib = 'libc'
        elif glibc:
            if lib != 'glibc':
                lib, version = 'glibc', glibc_ver
            elif _version_key(glibc_ver) > _version_key(version):
                version = glibc_ver
        elif so and lib != 'glibc':
            lib = 'libc'
            if so_ver and (not version or _version_key(so_ver) > _version_key(version)):
                version = so_ver
            if threads and version[-len(threads):] != threads:
                version += threads
    return lib, version


@functools.cache
def _getconf_libc():
    # os.confstr stand-in (torii's os has none): getconf prints "glibc 2.36"
    return _command_output('getconf', 'GNU_LIBC_VERSION').strip().split(maxsplit=1)


# --- the platform string ------------------------------------------------

def _platform(*parts):
    # joins the non-empty parts with '-' into one word safe for file names
    text = '-'.join(p.strip() for p in parts if p)
    text = text.replace(' ', '_')
    for ch in '/\\:;"()':
        text = text.replace(ch, '-')
    text = text.replace('unknown', '')
    while '--' in text:
        text = text.replace('--', '-')
    return text.rstrip('-')


@functools.cache
def platform(aliased=False, terse=False):
    """One string naming the platform, e.g.
    'Linux-6.1.0-13-amd64-x86_64-with-glibc2.36'; `aliased` uses
    system_alias(), `terse` keeps only the system and its release (but
    not on Linux, as in CPython)."""
    system, node, release, version, machine, processor = uname()
    if machine == processor:
        processor = ''
    if aliased:
        system, release, version = system_alias(system, release, version)
    if system == 'Linux':                # terse or not, as CPython does
        libc = ''.join(libc_ver())
        return _platform(system, release, machine, processor, 'with', libc)
    if terse:
        return _platform(system, release)
    return _platform(system, release, machine, processor)


# --- other systems' version functions: blank on Linux -------------------

def win32_ver(release='', version='', csd='', ptype=''):
    """Windows' (release, version, csd, ptype): the defaults elsewhere."""
    return release, version, csd, ptype


def win32_edition():
    """Windows' edition: None elsewhere."""
    return None


def win32_is_iot():
    """Whether this is Windows IoT: False elsewhere."""
    return False


def mac_ver(release='', versioninfo=('', '', ''), machine=''):
    """macOS' (release, versioninfo, machine): the defaults elsewhere."""
    return release, versioninfo, machine


def java_ver(release='', vendor='', vminfo=('', '', ''), osinfo=('', '', '')):
    """Jython's Java details: the defaults elsewhere (deprecated)."""
    import warnings
    warnings.warn("'java_ver' is deprecated and slated for removal in Python 3.15",
                  DeprecationWarning, stacklevel=2)
    return release, vendor, vminfo, osinfo


AndroidVer = collections.namedtuple(
    "AndroidVer", "release api_level manufacturer model device is_emulator")
IOSVersionInfo = collections.namedtuple(
    "IOSVersionInfo", "system release model is_simulator")


def android_ver(release='', api_level=0, manufacturer='', model='', device='',
                is_emulator=False):
    """Android's details: the defaults elsewhere."""
    return AndroidVer(release, api_level, manufacturer, model, device, is_emulator)


def ios_ver(system='', release='', model='', is_simulator=False):
    """iOS' details: the defaults elsewhere."""
    return IOSVersionInfo(system, release, model, is_simulator)


# --- /etc/os-release ----------------------------------------------------

_os_release_candidates = ("/etc/os-release", "/usr/lib/os-release")
_os_release_cache = None

_OS_RELEASE_LINE = re.compile(
    r"^(?P<name>[a-zA-Z0-9_]+)=(?P<quote>[\"']?)(?P<value>.*)(?P=quote)$")
_OS_RELEASE_ESCAPE = re.compile(r"\\([\\$\"'`])")


def _parse_os_release(lines):
    """The NAME=value lines of an os-release file as a dict, over the
    defaults NAME, ID and PRETTY_NAME."""
    info = {"NAME": "Linux", "ID": "linux", "PRETTY_NAME": "Linux"}
    for line in lines:
        m = _OS_RELEASE_LINE.match(line)
        if m is not None:
            info[m.group("name")] = _OS_RELEASE_ESCAPE.sub(r"\1", m.group("value"))
    return info


def freedesktop_os_release():
    """The operating system's identification from /etc/os-release (or
    /usr/lib/os-release) as a dict; OSError when neither can be read."""
    global _os_release_cache
    if _os_release_cache is None:
        for candidate in _os_release_candidates:
            try:
                with open(candidate, encoding="utf-8") as f:
                    _os_release_cache = _parse_os_release(f.read().splitlines())
                break
            except OSError:
                pass
        else:
            import errno
            raise OSError(errno.ENOENT, "Unable to read files %s"
                          % ", ".join(_os_release_candidates))
    return _os_release_cache.copy()


def _main(args=None):
    """`python -m platform [--terse] [--nonaliased]`: prints platform()."""
    args = sys.argv[1:] if args is None else args
    terse = 'terse' in args or '--terse' in args
    aliased = 'nonaliased' not in args and '--nonaliased' not in args
    print(platform(aliased, terse))


if __name__ == "__main__":
    _main()
