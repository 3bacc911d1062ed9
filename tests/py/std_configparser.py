# configparser: parsing, lookups with fallbacks, interpolation, writing, errors.
import configparser, io, sys

def attempt(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__ + ':', e)

text = """
[DEFAULT]
ServerAliveInterval = 45
Compression = yes
CompressionLevel = 9
ForwardX11 = yes
home = /home/%(user)s

[bitbucket.org]
User = hg
path: %(home)s/repo

[topsecret.server.com]
Port = 50022
ForwardX11 = no
multi = first line
   second line

   third after blank
# a comment
; another
empty =
pct = 100%%
"""
cp = configparser.ConfigParser()
cp.read_string(text)
print(cp.sections(), cp.defaults())
print(cp.options('bitbucket.org'))
print(cp.get('bitbucket.org', 'path'), cp.get('bitbucket.org', 'path', raw=True))
print(cp.get('bitbucket.org', 'USER'), cp['bitbucket.org']['user'], cp['DEFAULT']['compression'])
print(repr(cp.get('topsecret.server.com', 'multi')), repr(cp.get('topsecret.server.com', 'empty')))
print(cp.get('topsecret.server.com', 'pct'), cp.get('topsecret.server.com', 'pct', raw=True))
print(cp.getint('topsecret.server.com', 'port'), cp.getfloat('topsecret.server.com', 'port'),
      cp.getboolean('topsecret.server.com', 'forwardx11'), cp.getboolean('bitbucket.org', 'compression'))
print(cp.getint('x', 'y', fallback=7), cp.getint('bitbucket.org', 'nope', fallback=None),
      cp.get('bitbucket.org', 'nope', fallback='fb'), cp.get('bitbucket.org', 'user', vars={'user': 'v'}))
attempt(cp.getint, 'bitbucket.org', 'user')
attempt(cp.getboolean, 'bitbucket.org', 'user')
attempt(cp.get, 'nosuch', 'x')
attempt(cp.get, 'bitbucket.org', 'Missing')
attempt(cp.get, 'bitbucket.org', 'home', vars={'user': 'me'})
print(cp.has_section('bitbucket.org'), cp.has_section('DEFAULT'), cp.has_option('bitbucket.org', 'compression'),
      cp.has_option('nosuch', 'x'), cp.has_option(None, 'compression'), cp.has_option('DEFAULT', 'user'))
print(cp.items('bitbucket.org', vars={'user': 'zed'}))
print(cp.items('bitbucket.org', raw=True))
print(list(cp.items())[:2], list(cp), len(cp), 'DEFAULT' in cp, 'nosuch' in cp)
sec = cp['topsecret.server.com']
print(sec, sec.name, sec.parser is cp, len(sec), list(sec)[:3], 'port' in sec, sec.getint('port'),
      sec.getint('nope'), sec.getint('nope', 3), sec.getboolean('forwardx11'), sec.get('nope', 'd'))
attempt(lambda: cp['nosuch'])
attempt(lambda: sec['nosuch'])
sec['newkey'] = 'v'
attempt(sec.__setitem__, 'k', 5)
del sec['newkey']
attempt(sec.__delitem__, 'newkey')
attempt(cp.__delitem__, 'DEFAULT')

# changing
cp.add_section('new')
attempt(cp.add_section, 'new')
attempt(cp.add_section, 'DEFAULT')
attempt(cp.add_section, 5)
cp.set('new', 'Key', 'Value')
attempt(cp.set, 'nosec', 'a', 'b')
attempt(cp.set, 'new', 'a', 5)
attempt(cp.set, 'new', 5, 'a')
attempt(cp.set, 'new', 'bad', '100%')
attempt(cp.set, 'new', 'bad', '%(x')
cp.set('new', 'good', '%(key)s and 100%%')
print(cp.get('new', 'good'), cp.remove_option('new', 'good'), cp.remove_option('new', 'good'))
attempt(cp.remove_option, 'nosec', 'x')
print(cp.remove_section('new'), cp.remove_section('new'))
cp['fromdict'] = {'a': 1, 'c': 'x'}
attempt(cp.__setitem__, 'fd2', {'b': None})
print(cp.items('fromdict', raw=True), cp['fromdict']['a'])
out = io.StringIO(); cp.write(out); print(out.getvalue())
out = io.StringIO(); cp.write(out, space_around_delimiters=False); print(out.getvalue()[:60])

# interpolation errors
ip = configparser.ConfigParser()
ip.read_string("[s]\na = %(b)s\nb = %(a)s\nc = %(missing)s\nd = 100%\ne = %(bad\nf = %(c)s\n")
for opt in 'abcdef':
    attempt(ip.get, 's', opt)
e = None
try:
    ip.get('s', 'c')
except configparser.InterpolationMissingOptionError as exc:
    e = exc
print(e.args, e.option, e.section, e.reference, isinstance(e, configparser.InterpolationError))

# extended interpolation
ex = configparser.ConfigParser(interpolation=configparser.ExtendedInterpolation())
ex.read_string("""
[Common]
home_dir: /Users
library_dir: /Library
system_dir: /System
macports_dir: /opt/local
[Frameworks]
Python: 3.2
path: ${Common:system_dir}/Library/Frameworks/
[Arthur]
nickname: Two Sheds
last_name: Jackson
my_dir: ${Common:home_dir}/twosheds
my_pictures: ${my_dir}/Pictures
python_dir: ${Frameworks:path}/Python/Versions/${Frameworks:Python}
cost: $$5
bad1: ${nope}
bad2: ${a:b:c}
bad3: $x
bad4: ${Nosec:x}
""")
for o in ['my_pictures', 'python_dir', 'cost', 'bad1', 'bad2', 'bad3', 'bad4']:
    attempt(ex.get, 'Arthur', o)
attempt(ex.set, 'Arthur', 'z', '$oops')

# raw parser
raw = configparser.RawConfigParser()
raw.read_string('[s]\nx = %(y)s\n')
print(raw.get('s', 'x'))
raw.set('s', 'n', 5); print(raw.get('s', 'n'))
noi = configparser.ConfigParser(interpolation=None)
noi.read_string('[s]\nx = %(y)s %\n'); print(noi.get('s', 'x'))

# parsing errors
for bad in ['x = 1\n', '[a]\n[a]\n', '[a]\nk=1\nk=2\n', '[a]\nno delimiter here\nk=1\nalso bad\n',
            '[a]\n=novalue\n', '  [a]\n']:
    attempt(configparser.ConfigParser().read_string, bad)
attempt(configparser.ConfigParser().read_string, '[a]\nk=1\n', source='file.ini')
attempt(configparser.ConfigParser().read_string, '[a]\n[a]\n', source='file.ini')
nonstrict = configparser.ConfigParser(strict=False)
nonstrict.read_string('[a]\nk=1\n[a]\nk=2\n'); print(nonstrict.get('a', 'k'))
attempt(configparser.ConfigParser().read_dict, {'a': {'k': 1, 'K': 2}})
try:
    configparser.ConfigParser().read_string('[a]\nbad\nworse\n')
except configparser.ParsingError as exc:
    print(exc.errors, exc.source, exc.args)
try:
    configparser.ConfigParser().read_string('oops\n')
except configparser.MissingSectionHeaderError as exc:
    print(exc.lineno, repr(exc.line), exc.source, exc.args)

# options: no value, delimiters, comments
nv = configparser.ConfigParser(allow_no_value=True)
nv.read_string('[mysqld]\nskip-bdb\nuser = mysql\n')
print(nv.get('mysqld', 'skip-bdb'), nv.items('mysqld'))
out = io.StringIO(); nv.write(out); print(out.getvalue())
attempt(nv.read_string, '[x]\nkey\n  continued\n')
d = configparser.ConfigParser(delimiters=('->',), comment_prefixes=('//',), inline_comment_prefixes=('#', ';'))
d.read_string('[s]\na -> 1 # note\nb -> x#y ; z\n// whole\nc=d -> 2\n')
print(d.items('s'))
out = io.StringIO(); d.write(out); print(out.getvalue())
nb = configparser.ConfigParser(empty_lines_in_values=False)
attempt(nb.read_string, '[s]\na = 1\n  2\n\n  3\n')
print(repr(nb.get('s', 'a')), nb.options('s'))
ds = configparser.ConfigParser(default_section='common', defaults={'x': '1'})
ds.read_string('[common]\ny = 2\n[s]\n')
print(ds.items('s'), ds.defaults(), list(ds))
cv = configparser.ConfigParser(converters={'list': lambda v: v.split(',')})
cv.read_string('[s]\nl = a,b,c\n')
print(cv.getlist('s', 'l'), cv['s'].getlist('l'), sorted(cv.converters))
class Case(configparser.ConfigParser):
    def optionxform(self, o): return o
cs = Case(); cs.read_string('[s]\nKey = 1\n'); print(cs.options('s'))
print(configparser.DEFAULTSECT, configparser.MAX_INTERPOLATION_DEPTH)
print(repr(configparser.NoSectionError('s')), configparser.NoOptionError('o', 's').args,
      configparser.DuplicateSectionError('s', 'src', 3), configparser.DuplicateOptionError('s', 'o'),
      configparser.DuplicateOptionError('s', 'o', 'src'), configparser.Error('m').message)
with open('cfg.ini', 'w') as f:
    f.write('[file]\nk = v\n')
fp = configparser.ConfigParser()
print(fp.read(['cfg.ini', 'missing.ini']), fp.read('cfg.ini'), fp.get('file', 'k'))
with open('cfg.ini') as f:
    fp2 = configparser.ConfigParser(); fp2.read_file(f); print(fp2.sections())
fp3 = configparser.ConfigParser(); fp3.read_file(['[a]\n', 'b=c\n']); print(fp3['a']['b'])
attempt(fp3.read_file, ['[a]\n', 'b=c\n'])
