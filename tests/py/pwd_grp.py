# pwd and grp: what is stable across machines (root's entries, the types,
# field names, errors).
import pwd, grp

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, repr(e), e)

r = pwd.getpwnam('root')
print(r.pw_name, r.pw_uid, r.pw_gid, r.pw_dir, type(r.pw_shell).__name__)
print(type(r), r.n_fields, r.n_sequence_fields, len(r), r[0], r[2], r[-1] == r.pw_shell, r[:3][:1])
print(pwd.getpwuid(0) == r, isinstance(r, tuple), pwd.struct_passwd.__module__, pwd.struct_passwd.__name__)
print(type(pwd.getpwall()).__name__, all(type(x) is pwd.struct_passwd for x in pwd.getpwall()),
      'root' in [p.pw_name for p in pwd.getpwall()])
print(pwd.struct_passwd(('a', 'b', 1, 2, 'c', 'd', 'e')))
print(repr(r).startswith("pwd.struct_passwd(pw_name='root', pw_passwd="))
t(lambda: pwd.struct_passwd(('a',)))
t(lambda: pwd.getpwnam('nosuchuser'))
t(lambda: pwd.getpwuid(99999))
t(lambda: pwd.getpwuid(-1))
t(lambda: pwd.getpwuid(-2))
for v in (2**32 - 1, 2**32, 2**40, 2**63, 2**70, -2**70):
    t(lambda: pwd.getpwuid(v))
t(lambda: pwd.getpwuid('x'))
t(lambda: pwd.getpwuid(1.5))
t(lambda: pwd.getpwnam(1))
t(lambda: pwd.getpwnam('a\0b'))
t(lambda: pwd.getpwnam())
t(lambda: pwd.getpwnam(name='root'))
t(lambda: pwd.getpwall(1))

g = grp.getgrgid(0)
print(g.gr_name, g.gr_gid, type(g.gr_mem).__name__, type(g), g.n_fields, len(g), g[0])
print(grp.getgrnam('root') == g, grp.getgrgid(id=0) == g, grp.getgrnam(name='root') == g)
print(type(grp.getgrall()).__name__, all(type(x) is grp.struct_group for x in grp.getgrall()),
      'root' in [x.gr_name for x in grp.getgrall()])
print(grp.struct_group(('g', 'x', 5, ['a', 'b'])))
t(lambda: grp.getgrnam('nosuchgroup'))
t(lambda: grp.getgrgid(99999))
t(lambda: grp.getgrgid(-5))
for v in (2**32 - 1, 2**32, 2**40, 2**63, 2**70, -2**70):
    t(lambda: grp.getgrgid(v))
t(lambda: grp.getgrgid('x'))
t(lambda: grp.getgrnam(5))
t(lambda: grp.getgrgid())
t(lambda: grp.getgrnam('a\0b'))
print([n for n in dir(pwd) if not n.startswith('_')], [n for n in dir(grp) if not n.startswith('_')])
try:
    pwd.getpwnam('nosuchuser')
except KeyError as e:
    raise
