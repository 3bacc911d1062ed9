# argparse corners: conflict resolution that removes an argument, parents
# with groups, nested groups, intermixed parsing, single-dash long options,
# clustered flags, sub-command leftovers, error() that returns, help hooks
# and formatter subclasses, odd nargs and metavars.
import argparse
import sys

sys.stderr = sys.stdout


def run(parser, args, method='parse_args'):
    try:
        print(args, '->', getattr(parser, method)(args))
    except argparse.ArgumentError as e:
        print(args, '-> ArgumentError:', e)
    except SystemExit as e:
        print(args, '-> exit', e.code)
    except Exception as e:
        print(args, '-> EXC', type(e).__name__, e)


def P(**kw):
    kw.setdefault('prog', 'P')
    kw.setdefault('exit_on_error', False)
    return argparse.ArgumentParser(**kw)


print('== resolve removes an argument entirely')
p = P(conflict_handler='resolve')
p.add_argument('-a', '--all', action='store_true', help='old all')
g = p.add_argument_group('G')
g.add_argument('-b', help='b in G')
g.add_argument('-a', '--all', dest='everything', help='new all')
g.add_argument('-b', '--bee', help='new b')
print([a.option_strings for a in p._actions])
print(p.format_help())
run(p, ['-a', '1', '-b', '2'])

print('== parents with titled groups and an exclusive group in a group')
base = argparse.ArgumentParser(add_help=False)
tg = base.add_argument_group('tuning', 'knobs')
tg.add_argument('--speed', type=int, default=1)
ex = tg.add_mutually_exclusive_group()
ex.add_argument('--fast', action='store_true')
ex.add_argument('--slow', action='store_true')
base.add_argument('item')
kid = argparse.ArgumentParser(prog='kid', parents=[base], exit_on_error=False)
print(kid.format_help())
run(kid, ['x', '--fast', '--slow'])
run(kid, ['--speed', '3', 'y'])

print('== intermixed')
p = P()
p.add_argument('--a', action='append')
p.add_argument('xs', nargs='*')
p.add_argument('y', nargs='?', default='Y')
for args in [['1', '--a', 'q', '2', '3'], ['--a', 'z'], ['1', '--', '--a', '2'],
             ['--a', 'q', '--', 'x'], ['1', '--zz', '2']]:
    run(p, args, 'parse_intermixed_args')
    run(p, args, 'parse_known_intermixed_args')
p = P()
g = p.add_mutually_exclusive_group(required=True)
g.add_argument('--on', action='store_true')
g.add_argument('--off', action='store_true')
p.add_argument('--must', required=True)
p.add_argument('n', type=int)
for args in [['3', '--on', '--must', 'm'], ['--on', '4'], ['5', '--must', 'x'],
             ['--must', 'm', '--on']]:
    run(p, args, 'parse_intermixed_args')
p = P()
p.add_argument('x')
g = p.add_mutually_exclusive_group()
g.add_argument('y', nargs='?')
run(p, ['1'], 'parse_intermixed_args')

print('== single-dash long options and clusters')
p = P()
p.add_argument('-verbose', action='store_true')
p.add_argument('-v', action='count', default=0)
p.add_argument('-o')
p.add_argument('-x', nargs=2)
for args in [['-verb'], ['-ve'], ['-vvv'], ['-vo', 'file'], ['-vofile'],
             ['-vo=file'], ['-vx', 'a', 'b'], ['-xab'], ['-x=ab', 'c'],
             ['-verbose=1'], ['-vverbose'], ['-o-v'], ['-o', '-v']]:
    run(p, args)
p = P(allow_abbrev=False)
p.add_argument('-verbose', action='store_true')
p.add_argument('--long', action='store_true')
for args in [['-verb'], ['--lo'], ['--long=x']]:
    run(p, args)

print('== prefix characters')
p = P(prefix_chars='+/')
p.add_argument('+x', action='store_true')
p.add_argument('++yes', '//y')
p.add_argument('rest', nargs='*')
for args in [['+x', '++y', 'v', 'a'], ['//y=3'], ['-x', '+x'], ['++', 'a'],
             ['--', '+x']]:
    run(p, args)
print(p.format_usage())

print('== negative-looking options')
p = P()
p.add_argument('-5', action='store_true', dest='five')
p.add_argument('-n', type=float)
p.add_argument('v', nargs='*')
for args in [['-5'], ['-6'], ['-n', '-7'], ['--', '-5'], ['-n=-1.5']]:
    run(p, args)

print('== sub-commands: leftovers and nesting')
p = P()
p.add_argument('--top', action='store_true')
sub = p.add_subparsers(dest='cmd')
a = sub.add_parser('a', exit_on_error=False)
a.add_argument('--inner')
asub = a.add_subparsers(dest='sub2')
deep = asub.add_parser('deep', exit_on_error=False)
deep.add_argument('z', nargs='?')
deep.set_defaults(top='deep-default')
for args in [['a', '--inner', '1', 'deep', 'zz', '--what'],
             ['a', 'deep', '--top'], ['--top', 'a', 'extra1', 'extra2'],
             ['a', 'nope'], ['a', '--inner']]:
    run(p, args, 'parse_known_args')
    run(p, args)
p = P()
sub = p.add_subparsers(required=True)
sub.add_parser('one')
sub.add_parser('two', aliases=['2'])
run(p, [])
run(p, ['2'])
print(p.format_help())

print('== error() that returns')


class Lenient(argparse.ArgumentParser):
    def error(self, message):
        print('lenient:', message)


p = Lenient(prog='L')
p.add_argument('--n', type=int)
p.add_argument('pos')
for args in [['--n', 'x', 'p'], [], ['a', 'b']]:
    run(p, args, 'parse_known_args')
    run(p, args)

print('== formatter hooks')


class NoMetavarRepeat(argparse.HelpFormatter):
    def _format_action_invocation(self, action):
        if not action.option_strings or action.nargs == 0:
            return super()._format_action_invocation(action)
        return '/'.join(action.option_strings) + ' ' + self._format_args(
            action, self._get_default_metavar_for_optional(action))


class HideCommandLine(argparse.RawDescriptionHelpFormatter):
    def _format_action(self, action):
        parts = super()._format_action(action)
        if action.nargs == argparse.PARSER:
            parts = '\n'.join(parts.split('\n')[1:])
        return parts


class Angle(argparse.HelpFormatter):
    def _metavar_formatter(self, action, default_metavar):
        inner = super()._metavar_formatter(action, default_metavar)
        return lambda n: tuple('<%s>' % m for m in inner(n))

    def _get_default_metavar_for_optional(self, action):
        return action.dest

    def _get_help_string(self, action):
        return (action.help or '') + ' [%(dest)s]'

    def _fill_text(self, text, width, indent):
        return indent + text.upper()


for cls in (NoMetavarRepeat, HideCommandLine, Angle):
    p = argparse.ArgumentParser(prog='fmt', formatter_class=cls, description='some words here',
                                epilog='the end')
    p.add_argument('-f', '--file', help='a file', nargs='+')
    p.add_argument('--mode', choices=['a', 'b'], help='mode %(choices)s')
    p.add_argument('thing', help='the thing')
    s = p.add_subparsers(title='cmds', dest='cmd', help='what to do')
    s.add_parser('go', help='go somewhere', aliases=['g'])
    s.add_parser('stop', help='stop it')
    print(p.format_help())

print('== odd nargs, metavars and help strings')
p = P()
for args, kw in [(['--t'], dict(nargs=3, metavar=('A', 'B', 'C'))),
                 (['--u'], dict(nargs='*', metavar=('X',))),
                 (['--w'], dict(nargs='+', metavar=('Y', 'Z', 'Q'))),
                 (['--r'], dict(nargs=argparse.REMAINDER, metavar=('R', 'S'))),
                 (['--e'], dict(action='store_true', metavar='M')),
                 (['--p'], dict(help='%(default)s|%(type)s|%(dest)s|%(nargs)s', default=3, type=int)),
                 (['--q'], dict(help='%(prog)s %(const)s', nargs='?', const=[1])),
                 (['-z'], dict(nargs=-1)),
                 (['--s'], dict(nargs=2.0)),
                 (['--pc'], dict(help='50%')),
                 (['--dd'], dict(dest='x-y', help='dash dest'))]:
    try:
        act = p.add_argument(*args, **kw)
        print(args, 'ok', act.nargs, act.metavar)
    except (ValueError, TypeError) as e:
        print(args, type(e).__name__, e)
print(p.format_usage())
try:
    print(p.format_help())
except (ValueError, TypeError, KeyError) as e:
    print('help', type(e).__name__, e)
run(p, ['--t', '1', '2', '3', '--r', 'a', '--b', '--', 'c'])
run(p, ['--dd', '4'])
g = p.add_argument_group('loose')
act = g.add_argument('--gg', nargs='x')
print('group accepted', act.nargs)
run(p, ['--gg', '1'])
try:
    p.format_usage()
except ValueError as e:
    print('ValueError', e)

print('== defaults and namespaces')
p = P(argument_default=argparse.SUPPRESS)
p.add_argument('--a', type=int, default='12')
p.add_argument('--b', action='append', default=['x'])
p.add_argument('c', nargs='*', default=argparse.SUPPRESS)
p.set_defaults(zz=1, b=['y'])
ns = argparse.Namespace(a='5')
run(p, [])
print(p.parse_args(['--b', 'q'], namespace=ns), ns)
print(p.get_default('b'), p.get_default('zz'), p.get_default('a'))
p = P()
p.add_argument('--lvl', type=int, choices=[1, 2], default='3')
run(p, [])
run(p, ['--lvl', '2'])
p = P()
p.add_argument('x', nargs='?', type=int, default='notint')
run(p, [])
run(p, ['7'])

print('== usage wrapping with groups')
p = argparse.ArgumentParser(prog='wrap-it', formatter_class=lambda prog: argparse.HelpFormatter(prog, width=50))
g = p.add_mutually_exclusive_group()
for i in range(4):
    g.add_argument('--choice-%d' % i, action='store_true')
p.add_argument('--value', metavar='V' * 10)
g2 = p.add_mutually_exclusive_group(required=True)
g2.add_argument('--left', help=argparse.SUPPRESS)
g2.add_argument('--right')
p.add_argument('files', nargs='+')
p.add_argument('last', nargs='?')
print(p.format_usage())
print(p.format_help())
p = argparse.ArgumentParser(prog='x' * 60, formatter_class=lambda prog: argparse.HelpFormatter(prog, width=70))
for i in range(3):
    p.add_argument('--opt-%d' % i)
for i in range(3):
    p.add_argument('position%d' % i)
print(p.format_usage())
p = argparse.ArgumentParser(prog='y' * 60, formatter_class=lambda prog: argparse.HelpFormatter(prog, width=70), add_help=False)
p.add_argument('only_positional_with_long_name')
p.add_argument('another_positional_with_long_name')
print(p.format_usage())

print('== from files with a custom line splitter')


class Splitter(argparse.ArgumentParser):
    def convert_arg_line_to_args(self, arg_line):
        return arg_line.split()


with open('opts.txt', 'w') as f:
    f.write('--k v1  pos1\n\n--k v2\n')
p = Splitter(prog='S', fromfile_prefix_chars='@+', exit_on_error=False)
p.add_argument('--k', action='append')
p.add_argument('pos', nargs='*')
run(p, ['+opts.txt', 'tail', '@opts.txt'])
run(p, ['', '@'])

print('== reprs')
p = argparse.ArgumentParser(prog='R', usage='%(prog)s x', description=None)
print(repr(p))
sub = p.add_subparsers(dest='c', metavar='CMD')
print(repr(sub))
print(argparse.Namespace(**{'a b': 1, 'c': 2}))
print(repr(argparse.FileType('rb', 100)), repr(argparse.FileType(encoding='latin-1')))
e = argparse.ArgumentError(sub, 'm')
print(e, e.argument_name)
