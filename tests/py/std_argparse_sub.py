# argparse sub-commands (add_subparsers: dest, required, help, title,
# metavar, aliases, set_defaults(func=...), nested commands), parents,
# conflict handlers, and what add_argument rejects.
import argparse
import sys

sys.stderr = sys.stdout   # the sub-parsers' errors, in order with the rest


def run(parser, args):
    try:
        ns = parser.parse_args(args)
    except argparse.ArgumentError as e:
        print(args, '-> ArgumentError:', e)
        return None
    except SystemExit as e:
        print(args, '-> exit', e.code)
        return None
    # functions stored by set_defaults are shown by name
    shown = argparse.Namespace(**{key: getattr(value, '__name__', value)
                                  for key, value in vars(ns).items()})
    print(args, '->', shown)
    return ns


def cmd_add(args):
    return 'added %s' % args.x


def cmd_list(args):
    return 'listed (all=%s)' % args.all


print('== a tool with commands')
p = argparse.ArgumentParser(prog='tool', description='A tool with commands.')
p.add_argument('--global', dest='g', action='store_true', help='a global flag')
sub = p.add_subparsers(dest='command', required=True, help='the command to run')
add = sub.add_parser('add', help='add a thing', aliases=['a', 'plus'],
                     description='Add one thing.')
add.add_argument('x', type=int, help='what to add')
add.set_defaults(func=cmd_add, g='from add')
lst = sub.add_parser('list', help='list the things')
lst.add_argument('--all', action='store_true')
lst.set_defaults(func=cmd_list)
sub.add_parser('quiet')   # no help: not listed under the command list
print(p.format_help(), end='')
print(add.format_help(), end='')
print(lst.format_usage(), end='')
for args in [['add', '1'], ['a', '2', '--global'], ['--global', 'list', '--all'],
             ['plus', 'x'], ['list', 'extra'], [], ['remove'], ['quiet'],
             ['add'], ['list', '-h'], ['--', 'list']]:
    ns = run(p, args)
    if ns is not None and hasattr(ns, 'func'):
        print('   ', ns.func(ns))

print('== titled, with a metavar, not required')
p = argparse.ArgumentParser(prog='git-ish', exit_on_error=False)
p.add_argument('-C', metavar='PATH')
sub = p.add_subparsers(title='commands', description='the commands there are',
                       metavar='COMMAND', help='one of these')
c = sub.add_parser('commit', help='record changes')
c.add_argument('-m', '--message', required=True)
c.add_argument('--amend', action='store_true')
r = sub.add_parser('remote', help='manage remotes')
rsub = r.add_subparsers(dest='action')
radd = rsub.add_parser('add', help='add a remote')
radd.add_argument('name')
radd.add_argument('url')
rsub.add_parser('remove', help='remove a remote').add_argument('name')
print(p.format_help(), end='')
print(r.format_help(), end='')
print(radd.format_usage(), end='')
for args in [[], ['commit', '-m', 'msg'], ['-C', 'dir', 'commit', '--amend', '-m', 'x'],
             ['remote', 'add', 'origin', 'url'], ['remote', 'remove', 'origin'],
             ['remote'], ['remote', 'rename'], ['commit']]:
    run(p, args)

print('== the sub-parsers\' prog includes earlier positionals')
p = argparse.ArgumentParser(prog='prog')
p.add_argument('x')
p.add_argument('--opt')
sub = p.add_subparsers()
s1 = sub.add_parser('s1')
sub.add_parser('s2')
print(p.format_help(), end='')
print(s1.format_usage(), end='')
p = argparse.ArgumentParser(prog='prog', usage='custom %(prog)s')
sub = p.add_subparsers(prog='override')
print(sub.add_parser('zz').format_usage(), end='')
try:
    p.add_subparsers()
except argparse.ArgumentError as e:
    print('ArgumentError:', e)
try:
    sub.add_parser('zz')
except argparse.ArgumentError as e:
    print('ArgumentError:', e)
try:
    sub.add_parser('yy', aliases=['zz'])
except argparse.ArgumentError as e:
    print('ArgumentError:', e)

print('== parents')
parent = argparse.ArgumentParser(add_help=False)
parent.add_argument('--parent-opt', default='po')
pg = parent.add_argument_group('parent group', 'description of the parent group')
pg.add_argument('--in-pg', action='store_true')
pm = parent.add_mutually_exclusive_group()
pm.add_argument('--m1', action='store_true')
pm.add_argument('--m2', action='store_true')
parent.set_defaults(extra=42)
child = argparse.ArgumentParser(prog='child', parents=[parent], description='child parser')
child.add_argument('pos')
print(child.format_help(), end='')
for args in [['x', '--m1', '--m2'], ['x', '--in-pg']]:
    run(child, args)
try:
    argparse.ArgumentParser(parents=[parent, parent])
except argparse.ArgumentError as e:
    print('ArgumentError:', e)
try:
    argparse.ArgumentParser(parents=['nope'])
except TypeError as e:
    print('TypeError:', e)

print('== conflicts')
p = argparse.ArgumentParser(prog='P', conflict_handler='resolve')
p.add_argument('-x', '--ex', help='old')
p.add_argument('-x', help='new')
p.add_argument('-h', help='new h')
print(p.format_help(), end='')
p = argparse.ArgumentParser(prog='P')
for args, kwargs in [(['-h'], {}), (['-h', '--help', '-x'], {})]:
    try:
        p.add_argument(*args, **kwargs)
    except argparse.ArgumentError as e:
        print('ArgumentError:', e)
try:
    argparse.ArgumentParser(conflict_handler='x')
except ValueError as e:
    print('ValueError:', e)

print('== rejected add_argument calls')
p = argparse.ArgumentParser(prog='P')
bad = [
    (['--y'], dict(nargs=3, metavar=('A', 'B'))),
    (['--y'], dict(nargs='x')),
    (['y'], dict(required=True)),
    (['--z'], dict(action='store', nargs=0)),
    (['--z'], dict(action='append', nargs=0)),
    (['--z'], dict(const=1)),
    (['--z'], dict(action='bogus')),
    (['--z'], dict(type='bogus')),
    (['--z'], dict(type=argparse.FileType)),
    (['z'], dict(dest='q')),
    (['--', '-'], {}),
    (['-a', 'b'], {}),
    (['a', 'b'], {}),
    (['x'], dict(nargs=0)),
    (['--c'], dict(action='store_const')),
]
for args, kwargs in bad:
    try:
        p.add_argument(*args, **kwargs)
        print(args, 'accepted')
    except (ValueError, TypeError, argparse.ArgumentError) as e:
        print(args, type(e).__name__, e)
g = p.add_mutually_exclusive_group()
for args, kwargs in [(['--r'], dict(required=True)), (['r'], {})]:
    try:
        g.add_argument(*args, **kwargs)
    except ValueError as e:
        print(args, 'ValueError', e)
