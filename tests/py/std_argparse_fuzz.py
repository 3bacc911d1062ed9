# argparse, generated cases: parsers built from random mixtures of options
# and positionals (actions, nargs, types, choices, defaults, required,
# mutually exclusive groups, sub-commands, prefix characters, abbreviation
# on or off) parse random command lines, and random help layouts (option
# and metavar lengths, help text, widths, groups, formatter classes) are
# printed.  The random numbers come from a small linear congruential
# generator written here, so that the cases are the same under any runtime.
import argparse
import sys

sys.stderr = sys.stdout


class LCG:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return self.state >> 33

    def below(self, n):
        return self.next() % n

    def chance(self, percent):
        return self.below(100) < percent

    def pick(self, seq):
        return seq[self.below(len(seq))]


R = LCG(20240613)


def run(parser, args, method):
    try:
        print(args, '->', getattr(parser, method)(args))
    except argparse.ArgumentError as e:
        print(args, '-> ArgumentError:', e)
    except SystemExit as e:
        print(args, '-> exit', e.code)
    except Exception as e:
        # e.g. 'append' onto a default of 0
        print(args, '->', type(e).__name__, e)


# -- parsing ------------------------------------------------------------------

OPTION_NAMES = ['-a', '-b', '-c', '--foo', '--foobar', '--fo', '--bar', '-1',
                '--x-y', '-foo', '+p', '++plus']
NARGS = [None, None, None, '?', '*', '+', 1, 2, argparse.REMAINDER, 3]
ACTIONS = ['store', 'store', 'store_const', 'store_true', 'store_false', 'append',
           'append_const', 'count', 'extend', argparse.BooleanOptionalAction]
TOKENS = ['1', '2', '3.5', 'x', 'y', 'a', 'b', '-1', '-2.5', '--', '-x', '--zz',
          '--zz=1', 'r', 'g']


def random_parser():
    kwargs = {'prog': 'P'}
    if R.chance(30):
        kwargs['exit_on_error'] = False
    if R.chance(20):
        kwargs['allow_abbrev'] = False
    plus = R.chance(15)
    if plus:
        kwargs['prefix_chars'] = '-+'
    parser = argparse.ArgumentParser(**kwargs)
    groups = [parser.add_mutually_exclusive_group(required=R.chance(40))
              for _ in range(R.pick([0, 0, 1, 2]))]
    used = set()
    described = []
    for i in range(R.below(6)):
        k = {}
        if R.chance(60):
            pool = [o for o in OPTION_NAMES if o not in used and (plus or '+' not in o)]
            names = []
            for _ in range(R.pick([1, 1, 2])):
                if pool:
                    names.append(pool.pop(R.below(len(pool))))
            used.update(names)
            action = R.pick(ACTIONS)
            if action != 'store':
                k['action'] = action
            if action in ('store', 'append', 'extend'):
                nargs = R.pick(NARGS)
                if nargs is not None:
                    k['nargs'] = nargs
                if nargs == '?' and R.chance(50):
                    k['const'] = 'C'
                if R.chance(30):
                    k['type'] = R.pick([int, float])
                if R.chance(20):
                    k['choices'] = [1, 2] if 'type' in k else ['1', '2', 'x']
            if action in ('store_const', 'append_const'):
                k['const'] = R.pick([1, 'k', None])
            if R.chance(30):
                k['default'] = R.pick([0, 'd', '5', None, argparse.SUPPRESS])
            if R.chance(15):
                k['required'] = True
            if R.chance(20):
                k['dest'] = 'd%d' % R.below(3)
        else:
            names = ['p%d' % i]
            nargs = R.pick(NARGS)
            if nargs is not None:
                k['nargs'] = nargs
            if R.chance(20):
                k['type'] = R.pick([int, float])
            if R.chance(20):
                k['choices'] = ['a', 'b', 'r', 'g']
            if R.chance(30):
                k['default'] = R.pick(['d', '5', None, argparse.SUPPRESS])
            if R.chance(10):
                k['action'] = R.pick(['append', 'extend'])
        container = parser
        if groups and R.chance(40):
            container = R.pick(groups)
        try:
            container.add_argument(*names, **k)
            described.append(names)
        except (ValueError, TypeError, argparse.ArgumentError) as e:
            print('add_argument', names, '->', type(e).__name__, e)
    # an empty group cannot be shown: give each one an option of its own
    for n, group in enumerate(groups):
        if not group._group_actions:
            group.add_argument('--g%d' % n, action='store_true')
    if R.chance(20):
        sk = {}
        if R.chance(50):
            sk['dest'] = 'cmd'
        if R.chance(30):
            sk['required'] = True
        sub = parser.add_subparsers(**sk)
        sub.add_parser('r', exit_on_error=kwargs.get('exit_on_error', True)).add_argument('z')
        sub.add_parser('g').add_argument('--q', action='store_true')
    return parser, described


for case in range(220):
    parser, described = random_parser()
    print(parser.format_help())
    pool = TOKENS + [o for names in described for o in names if o[0] in '-+'] * 2
    pool += [o[:3] for names in described for o in names if o.startswith('--')]
    if R.chance(20):
        pool += ['-ab', '-a1', '-a=1', '--foo=2', '-h']
    for _ in range(6):
        argv = [R.pick(pool) for _ in range(R.below(7))]
        method = 'parse_args'
        if R.chance(30):
            method = R.pick(['parse_known_args', 'parse_intermixed_args'])
        run(parser, argv, method)

# -- help ---------------------------------------------------------------------

WORDS = ('the a quick brown fox jumps over lazy dog-house re-entrant '
         'extraordinarily_long_identifier_name x value %(default)s %(prog)s '
         'file path, option; etc. (see below) e.g.').split()
FORMATTERS = [argparse.HelpFormatter] * 4 + [argparse.RawDescriptionHelpFormatter,
                                             argparse.RawTextHelpFormatter,
                                             argparse.ArgumentDefaultsHelpFormatter]


def text(n):
    return ' '.join(R.pick(WORDS) for _ in range(n))


def plain_text(n):
    # for descriptions and epilogs, which only %(prog)s may appear in
    return text(n).replace('%(default)s', 'default')


def name():
    n = R.pick([1, 1, 3, 5, 8, 12, 20, 30])
    return ''.join(R.pick('abcdefghijklmnop-') for _ in range(n)).strip('-') or 'z'


def formatter(cls, width, max_help_position):
    def make(prog):
        kw = {}
        if width is not None:
            kw['width'] = width
        if max_help_position is not None:
            kw['max_help_position'] = max_help_position
        return cls(prog, **kw)
    return make


def random_help_parser():
    kwargs = {'prog': R.pick(['p', 'prog', 'my-program', 'a' * (10 + R.below(60))])}
    if R.chance(50):
        kwargs['description'] = plain_text(1 + R.below(60))
    if R.chance(30):
        kwargs['epilog'] = plain_text(1 + R.below(40))
    if R.chance(10):
        kwargs['add_help'] = False
    kwargs['formatter_class'] = formatter(R.pick(FORMATTERS),
                                          R.pick([None, None, 20, 30, 40, 50, 60, 79, 100, 120]),
                                          R.pick([None, None, None, 5, 10, 30, 40]))
    parser = argparse.ArgumentParser(**kwargs)
    groups = []
    for _ in range(R.pick([0, 0, 1, 2, 3])):
        if R.chance(50):
            groups.append(parser.add_mutually_exclusive_group(required=R.chance(30)))
        elif R.chance(50):
            groups.append(parser.add_argument_group(text(1 + R.below(3)),
                                                    plain_text(1 + R.below(30))))
        else:
            groups.append(parser.add_argument_group(text(1 + R.below(3))))
    used = set()
    for i in range(R.below(10)):
        k = {}
        if R.chance(70):
            k['help'] = text(R.below(31)) if R.chance(95) else argparse.SUPPRESS
        if R.chance(60):
            names = []
            for _ in range(R.pick([1, 1, 2, 3])):
                n = name()
                n = ('-' if len(n) == 1 else '--') + n
                if n not in used:
                    names.append(n)
            if not names:
                continue
            used.update(names)
            action = R.pick(['store'] * 5 + ['store_true', 'count', 'append',
                                             argparse.BooleanOptionalAction, 'store_const'])
            if action != 'store':
                k['action'] = action
            if action == 'store_const':
                k['const'] = 1
            if action in ('store', 'append'):
                nargs = R.pick([None, None, '?', '*', '+', 1, 2, 3])
                if nargs is not None:
                    k['nargs'] = nargs
                if R.chance(20):
                    if isinstance(nargs, int) and nargs > 1 and R.chance(50):
                        k['metavar'] = tuple(name().upper() for _ in range(nargs))
                    else:
                        k['metavar'] = name().upper()
                if R.chance(15):
                    k['choices'] = ['red', 'green', 'blue'][:1 + R.below(3)]
                if R.chance(20):
                    k['type'] = int
            if R.chance(30):
                k['default'] = R.pick([1, 'dflt', None, 2.5])
            container = R.pick(groups) if groups and R.chance(50) else parser
            if R.chance(10) and container is parser:
                k['required'] = True
        else:
            names = [name().replace('-', '_') + str(i)]
            nargs = R.pick([None, None, '?', '*', '+', 2, '...'])
            if nargs is not None:
                k['nargs'] = nargs
            if R.chance(20) and nargs != 2:
                k['metavar'] = name().upper()
            if R.chance(15):
                k['choices'] = ['aa', 'bb', 'cc'][:1 + R.below(3)]
            if R.chance(20):
                k['default'] = 'dd'
            container = R.pick(groups) if groups and R.chance(15) else parser
        try:
            container.add_argument(*names, **k)
        except (ValueError, TypeError, argparse.ArgumentError) as e:
            print('add_argument ->', type(e).__name__, e)
    for n, group in enumerate(groups):
        if not group._group_actions:
            group.add_argument('--group-filler-%d' % n)
    subparsers = []
    if R.chance(15):
        sk = {}
        if R.chance(50):
            sk['title'] = text(2)
        if R.chance(30):
            sk['description'] = plain_text(10)
        if R.chance(50):
            sk['help'] = text(1 + R.below(10))
        if R.chance(30):
            sk['metavar'] = 'CMD'
        if R.chance(50):
            sk['dest'] = 'cmd'
        sub = parser.add_subparsers(**sk)
        for j in range(1 + R.below(4)):
            kw = {}
            if R.chance(70):
                kw['help'] = text(1 + R.below(15))
            if R.chance(30):
                kw['aliases'] = [name() + str(j)]
            subparser = sub.add_parser(name() + str(j), **kw)
            subparser.add_argument('--sub-opt', help='sub option')
            subparsers.append(subparser)
    return parser, subparsers


def show(parser):
    for format in (parser.format_usage, parser.format_help):
        try:
            print(format(), end='')
        except (ValueError, KeyError, TypeError) as e:
            print('format ->', type(e).__name__, e)
        print('~~~~')


for case in range(160):
    parser, subparsers = random_help_parser()
    show(parser)
    for subparser in subparsers:
        show(subparser)
