# platform differential test: uname() and its fields against os.uname(),
# the shape of the python_*() and platform() answers, libc_ver on made-up
# binaries, architecture, os-release parsing and the other systems' stubs.
import os
import platform
import re
import struct
import subprocess
import sys
import tempfile
import warnings


def show(f, *args, **kw):
    try:
        print(repr(f(*args, **kw)))
    except Exception as e:
        print(type(e).__name__, e)


u = platform.uname()
o = os.uname()
print(type(u).__name__, type(u).__module__, len(u), u._fields)
print(tuple(u)[:5] == tuple(o), u.system == o.sysname, u.node == o.nodename,
      u.release == o.release, u.version == o.version, u.machine == o.machine)
print(u[0] == u.system, u[-1] == u.processor, u[5] == u.processor, u[1:3] == (u.node, u.release))
print(u == tuple(u), u == tuple(u)[:5], hash(u) == hash(tuple(u)[:5]), u is platform.uname())
a, b, c, d, e, f = u
print(f == u.processor, isinstance(u.processor, str), list(u._asdict()))
print(repr(u) == "uname_result(system=%r, node=%r, release=%r, version=%r, machine=%r)"
      % tuple(o))
print(platform.system() == o.sysname, platform.node() == o.nodename,
      platform.release() == o.release, platform.version() == o.version,
      platform.machine() == o.machine, platform.processor() == u.processor)

r = platform.uname_result('a', 'b', 'c', 'd', 'e')
print(r, len(r), list(r)[:5], r._replace(node='z'), r._replace(system='S')[0])
print(platform.uname_result._make(['a', 'b', 'c', 'd', 'e']))
show(platform.uname_result, 'a', 'b', 'c', 'd', 'e', 'f')
show(platform.uname_result._make, ['a', 'b'])
show(platform.uname_result, 'a', 'b')
print(r.__reduce__())

# the interpreter
print(platform.python_version(), platform.python_version_tuple())
print(platform.python_version() == '%d.%d.%d' % sys.version_info[:3])
print(platform.python_implementation() in ('CPython', 'Torii'))
build = platform.python_build()
print(type(build).__name__, len(build), [type(x).__name__ for x in build])
print(type(platform.python_compiler()).__name__, type(platform.python_branch()).__name__,
      type(platform.python_revision()).__name__)

# the platform string
p = platform.platform()
print(p.startswith('%s-%s-%s' % (o.sysname, o.release.replace('/', '-'), o.machine)),
      p.endswith('-with-%s%s' % platform.libc_ver()), '--' in p, p == platform.platform())
print(platform.platform(terse=True) == '%s-%s' % (o.sysname, o.release),
      platform.platform(aliased=True) == p, platform.platform(True, True) == platform.platform(terse=1))
print(platform.system_alias('Linux', '1', '2'), platform.system_alias('SunOS', '5.8', 'x'),
      platform.system_alias('SunOS', '4.1', 'v'), platform.system_alias('SunOS', '5', 'v'),
      platform.system_alias('win32', 'x', 'y'), platform.system_alias('IRIX64', '6.5', 'v'))

# the C library
lib, ver = platform.libc_ver()
print(lib, bool(re.fullmatch(r'\d+\.\d+', ver)))
with tempfile.TemporaryDirectory() as tmp:
    cases = {
        'glibc': b'\x00junk GLIBC_2.2.5\x00GLIBC_2.17\x00GLIBC_2.34\x00 GLIBC_PRIVATE libc.so.6 '
                 b'__libc_init' + b'x' * 20000 + b'GLIBC_2.9 libc_r.so.1.2',
        'libc': b'__libc_init libc.so.6 libc.so.5.4 libc_pthread.so',
        'sover': b'libc.so.5 libc.so.6.1 libc.so',
        'threads': b'libc_r.so.7 libc_r.so.8',
        'none': b'nothing to see here',
        'late': b'y' * 40000 + b'GLIBC_2.28\xff\xfeGLIBC_2.30',
        'empty': b'',
    }
    for name, data in cases.items():
        path = os.path.join(tmp, name)
        with open(path, 'wb') as fh:
            fh.write(data)
        print(name, platform.libc_ver(path), platform.libc_ver(path, 'x', '1.0'),
              platform.libc_ver(path, 'glibc', '2.99'))
    try:
        platform.libc_ver(os.path.join(tmp, 'missing'))
    except OSError as e:
        print(type(e).__name__, e.errno, e.filename.endswith('missing'))
    text = os.path.join(tmp, 'text')
    with open(text, 'w') as fh:
        fh.write('plain text\n')
    print(platform.architecture(text), platform.architecture(text, '32bit', 'X'))
    print(platform.architecture(os.path.join(tmp, 'missing')))

bits = '%dbit' % (struct.calcsize('P') * 8)
print(platform.architecture() == (bits, 'ELF'), platform.architecture('/bin/ls'),
      platform.architecture('/bin/ls', '32bit', 'X'), platform.architecture(bits='16bit'))

# os-release
rel = platform.freedesktop_os_release()
print(type(rel).__name__, all(k in rel for k in ('NAME', 'ID', 'PRETTY_NAME')),
      all(isinstance(v, str) for v in rel.values()), rel is not platform.freedesktop_os_release())
rel['NAME'] = 'changed'
print(platform.freedesktop_os_release()['NAME'] != 'changed')
print(platform._parse_os_release(['# c', '', 'NAME="Foo \\"Bar\\""', "ID='x'", 'X=unquoted',
                                  'BAD LINE', 'Y="mismatch\'', 'Z=a\\$b\\\\c\\n', '_U=1',
                                  'lower=2', 'E=', 'Q="a"b"', 'W= spaced ', 'K="a\\`b\\\'c"',
                                  '9X=1', 'A-B=2', 'NAME=Second']))
print(platform._parse_os_release([]))

# other systems: their defaults
print(platform.mac_ver(), platform.win32_ver(), platform.win32_edition(), platform.win32_is_iot())
print(platform.mac_ver('1', ('a', 'b', 'c'), 'm'), platform.win32_ver('r', '', 'c', 'p'))
print(platform.android_ver(), platform.ios_ver())
print(platform.android_ver('14', 34).api_level, platform.ios_ver(release='17').release)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    print(platform.java_ver())
    print(platform.java_ver('1.8', 'v'))
print([(x.category.__name__, str(x.message)) for x in w])

# the command line prints platform()
for args in ([], ['--terse'], ['terse', 'nonaliased'], ['bogus']):
    proc = subprocess.run([sys.executable, '-m', 'platform'] + args, capture_output=True, text=True)
    print(args, proc.returncode, proc.stdout == platform.platform() + '\n', repr(proc.stderr))
print(platform.__version__)
