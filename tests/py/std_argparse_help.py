# argparse help output: usage lines (wrapping beside a short program name or
# under a long one, groups bracketed), the positional/options sections, the
# help column (at most 24 in, help on the next line after a long
# invocation), wrapped descriptions and help, %(...)s expansion, argument
# groups, metavar tuples, the formatter classes, width from COLUMNS.
import argparse
import os


def show(parser):
    print(parser.format_usage(), end='')
    print('-' * 20)
    print(parser.format_help(), end='')
    print('=' * 40)


p = argparse.ArgumentParser(prog='prog', description='A program that does things. ' * 6,
                            epilog='And that is all.   Really   all.')
p.add_argument('input', help='the input file')
p.add_argument('output', nargs='?', default='out.txt', help='output (default: %(default)s)')
p.add_argument('-v', '--verbose', action='count', default=0,
               help='increase verbosity level each time this option is given on the command line')
p.add_argument('--a-very-long-option-name-indeed', metavar='VALUE', help='something')
p.add_argument('-n', '--num', type=int, default=3,
               help='number of %(prog)s things, type %(type)s, default %(default)r')
p.add_argument('--choice', choices=['red', 'green', 'blue'], help='one of %(choices)s')
p.add_argument('--pair', nargs=2, metavar=('KEY', 'VAL'))
p.add_argument('--star', nargs='*')
p.add_argument('--plus', nargs='+', metavar='P')
p.add_argument('--opt', nargs='?', const='c')
p.add_argument('--hidden', help=argparse.SUPPRESS)
p.add_argument('--req', required=True, help='required one')
p.add_argument('--percent', help='100%% sure')
p.add_argument('--blank', help='   ')
p.add_argument('rest', nargs=argparse.REMAINDER)
show(p)

# a long program name gets a line of its own
p = argparse.ArgumentParser(prog='a_rather_long_program_name_that_goes_on_and_on_forever_and_ever')
for name in ['alpha', 'beta', 'gamma', 'delta']:
    p.add_argument('--' + name, help=name[0])
p.add_argument('files', nargs='+')
p.add_argument('dest')
show(p)

# many options: the optionals wrap, the positionals start a new line
p = argparse.ArgumentParser(prog='prog')
for i in range(12):
    p.add_argument('--option%d' % i, metavar='X' * i)
for i, nargs in enumerate(['?', '*', '+', None, 2]):
    p.add_argument('pos%d' % i, nargs=nargs)
show(p)

# only positionals, too many for one line
p = argparse.ArgumentParser(prog='prog', add_help=False)
for i in range(14):
    p.add_argument('positional_%d' % i)
show(p)

# mutually exclusive groups and argument groups
p = argparse.ArgumentParser(prog='prog')
g = p.add_mutually_exclusive_group()
g.add_argument('--foo', action='store_true', help='foo')
g.add_argument('--bar', action='store_false', help='bar')
g2 = p.add_mutually_exclusive_group(required=True)
g2.add_argument('-x', metavar='X')
g2.add_argument('-y', type=int)
g2.add_argument('pos', nargs='?')
grp = p.add_argument_group('custom group', 'This group has a description that is long '
                           'enough to need wrapping around at some point in the line.')
grp.add_argument('--in-group', help='in the group')
grp.add_argument('gpos', help='a positional in a group')
p.add_argument_group('empty group')
untitled = p.add_argument_group()
untitled.add_argument('--untitled')
g3 = p.add_mutually_exclusive_group(required=True)
g3.add_argument('--lonely')
show(p)

# the help column: invocations of up to 22 characters keep the help beside
for n in (18, 19, 20, 21, 22, 23):
    p = argparse.ArgumentParser(prog='p', add_help=False)
    p.add_argument('--' + 'o' * (n - 2), action='store_true', help='help text')
    p.add_argument('-s', help='short')
    print(p.format_help(), end='')
print('=' * 40)

p = argparse.ArgumentParser(prog='prog', formatter_class=argparse.RawDescriptionHelpFormatter,
                            description='''\
Some text
    indented   like this
        and more

end''', epilog='  epilog  \n kept')
p.add_argument('--x', help='help   with    spaces\n and newline')
show(p)

p = argparse.ArgumentParser(prog='prog', formatter_class=argparse.RawTextHelpFormatter,
                            description='raw\n  text')
p.add_argument('--x', help='line one\n   line two\n\nline four')
show(p)

p = argparse.ArgumentParser(prog='prog', formatter_class=argparse.ArgumentDefaultsHelpFormatter)
p.add_argument('--x', default=5, help='an x')
p.add_argument('--y', help='a y')
p.add_argument('--z', default=None)
p.add_argument('--w', default='d', help='w with %(default)s already')
p.add_argument('--t', action='store_true', help='a flag')
p.add_argument('p1', help='positional')
p.add_argument('p2', nargs='?', default='q', help='opt positional')
p.add_argument('p3', nargs='*', default=[], help='star positional')
p.add_argument('--s', default=argparse.SUPPRESS, help='suppressed default')
show(p)

p = argparse.ArgumentParser(prog='prog', formatter_class=argparse.MetavarTypeHelpFormatter)
p.add_argument('--x', type=int)
p.add_argument('y', type=float)
show(p)

# explicit width and max_help_position
p = argparse.ArgumentParser(
    prog='prog',
    formatter_class=lambda prog: argparse.HelpFormatter(prog, width=40, max_help_position=10))
p.add_argument('--foo-bar', help='some fairly long help text that wraps')
p.add_argument('-q', help='short')
p.add_argument('files', nargs='*', help='files to process, many of them')
show(p)
p = argparse.ArgumentParser(
    prog='prog', description='narrow ' * 10,
    formatter_class=lambda prog: argparse.HelpFormatter(prog, width=20))
p.add_argument('--thing', help='wrapped in a very narrow column')
show(p)

p = argparse.ArgumentParser(prog='prog', usage='%(prog)s [options] FILE', add_help=False)
p.add_argument('--x')
show(p)

p = argparse.ArgumentParser(prog='prog', prefix_chars='+/')
p.add_argument('+f', '++foo')
p.add_argument('/b', action='store_true')
show(p)

p = argparse.ArgumentParser(prog='prog')
p.add_argument('--flag', action=argparse.BooleanOptionalAction, default=True, help='a flag')
p.add_argument('-b', action=argparse.BooleanOptionalAction)
p.add_argument('--version', action='version', version='%(prog)s 1.0')
p.add_argument('--tup', nargs='*', metavar=('A', 'B'))
p.add_argument('--tup2', nargs='+', metavar=('C', 'D'))
p.add_argument('--choice-star', nargs='*', choices=[1, 2, 3], type=int)
show(p)

# renamed sections, as scripts often do
p = argparse.ArgumentParser(prog='prog', description='%(prog)s renames its sections')
p._positionals.title = 'Arguments'
p._optionals.title = 'Options'
p.add_argument('thing')
show(p)

# width from the COLUMNS environment variable
for columns in ('50', '120', 'junk', '0'):
    os.environ['COLUMNS'] = columns
    p = argparse.ArgumentParser(prog='cols', description='word ' * 30)
    p.add_argument('--something-long', help='help ' * 20)
    p.add_argument('--a', '--b', '--c', '--d', '--e', '--f', '--g', metavar='LONG_METAVAR')
    show(p)
del os.environ['COLUMNS']

# a subclass of HelpFormatter overriding the usual hooks
class Custom(argparse.HelpFormatter):
    def _format_action_invocation(self, action):
        if action.option_strings and action.nargs != 0:
            return ', '.join(action.option_strings) + ' <' + action.dest + '>'
        return super()._format_action_invocation(action)

    def _split_lines(self, text, width):
        return ['> ' + line for line in super()._split_lines(text, width - 2)]

p = argparse.ArgumentParser(prog='prog', formatter_class=Custom)
p.add_argument('-o', '--output', help='where the output goes, a long help text to wrap')
show(p)

# a metavar tuple on a positional: 3.13.0 cannot show its help
p = argparse.ArgumentParser(prog='prog')
p.add_argument('x', nargs=2, metavar=('A', 'B'))
print(p.format_usage(), end='')
try:
    p.format_help()
except ValueError as e:
    print('ValueError', e)
