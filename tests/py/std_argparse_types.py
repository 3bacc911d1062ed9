# argparse conversions and objects: type= (int, float, custom callables,
# lambdas, ArgumentTypeError), choices (lists, strings, ranges, dicts),
# FileType, fromfile_prefix_chars, custom Action subclasses, Namespace,
# the reprs, ArgumentError/ArgumentTypeError, version, deprecated options,
# a parser subclass overriding error().
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


def pair(text):
    a, b = text.split(',')
    return int(a), int(b)


def positive(text):
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError('%r is not positive' % text)
    return value


class Upper(argparse.Action):
    """Stores the value(s) upper-cased and says when it is called."""

    def __init__(self, option_strings, dest, nargs=None, **kwargs):
        super().__init__(option_strings, dest, nargs=nargs, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        print('  Upper(%r, %r)' % (option_string, values))
        if isinstance(values, str):
            values = values.upper()
        else:
            values = [v.upper() for v in values]
        setattr(namespace, self.dest, values)


print('== types')
p = argparse.ArgumentParser(prog='t', exit_on_error=False)
p.add_argument('--int', type=int)
p.add_argument('--float', type=float)
p.add_argument('--pair', type=pair)
p.add_argument('--pos', type=positive)
p.add_argument('--hex', type=lambda s: int(s, 16))
p.add_argument('--many', type=int, nargs='+')
for args in [['--int', '10', '--float', '2.5'], ['--int', 'ten'], ['--float', 'x'],
             ['--pair', '1,2'], ['--pair', '1'], ['--pos', '-3'], ['--pos', 'q'],
             ['--hex', 'ff'], ['--hex', 'zz'], ['--many', '1', '2', 'three'],
             ['--int', '-5'], ['--float', '-1.5e3']]:
    run(p, args)

print('== choices')
p = argparse.ArgumentParser(prog='c', exit_on_error=False)
p.add_argument('--mode', choices='abc')
p.add_argument('--n', choices=range(3), type=int, help='n in %(choices)s')
p.add_argument('--d', choices={'k1': 1, 'k2': 2})
p.add_argument('--color', choices=['red', 'green'], default='red')
print(p.format_help(), end='')
for args in [['--mode', 'ab'], ['--mode', 'd'], ['--n', '2'], ['--n', '5'],
             ['--d', 'k3'], ('--d', 'k1'), ['--color', 'blue']]:
    run(p, args)

print('== custom actions')
p = argparse.ArgumentParser(prog='u', exit_on_error=False)
p.add_argument('--up', action=Upper)
p.add_argument('names', action=Upper, nargs='*')
for args in [['--up', 'abc', 'x', 'y'], [], ['q', '--up', 'z']]:
    run(p, args)
print(p._actions[1])

print('== FileType')
with open('input.txt', 'w') as f:
    f.write('file contents\n')
p = argparse.ArgumentParser(prog='f', exit_on_error=False)
p.add_argument('--in', dest='infile', type=argparse.FileType('r'))
p.add_argument('--out', type=argparse.FileType('w', encoding='utf-8'))
ns = p.parse_args(['--in', 'input.txt', '--out', 'output.txt'])
print(ns.infile.read(), end='')
ns.out.write('written\n')
ns.out.close()
ns.infile.close()
with open('output.txt') as f:
    print(f.read(), end='')
print(p.parse_args(['--in', '-']).infile is sys.stdin)
run(p, ['--in', 'no/such/file.txt'])
print(argparse.FileType('r'), argparse.FileType('wb', 0, encoding='utf8'),
      argparse.FileType(), argparse.FileType('a', errors='strict'))

print('== arguments from files')
with open('args.txt', 'w') as f:
    f.write('--pair\n3,4\nname1\n@more.txt\n')
with open('more.txt', 'w') as f:
    f.write('name2\n')
p = argparse.ArgumentParser(prog='ff', exit_on_error=False, fromfile_prefix_chars='@')
p.add_argument('--pair', type=pair)
p.add_argument('names', nargs='*')
for args in [['@args.txt', 'n3'], ['@missing.txt'], ['@']]:
    run(p, args)

print('== Namespace')
n = argparse.Namespace(b=1, a=2, **{'not-an-identifier': 3})
print(n, 'a' in n, 'c' in n, vars(n))
print(n == argparse.Namespace(b=1, a=2, **{'not-an-identifier': 3}),
      n != argparse.Namespace(a=2), n == 1, n != 'x')
n.c = [1]
del n.a
print(repr(n), str(n), argparse.Namespace())
p = argparse.ArgumentParser(prog='n')
p.add_argument('--x', default='dx')
target = argparse.Namespace(x='preset', other=1)
print(p.parse_args([], namespace=target) is target, target)

print('== reprs and errors')
p = argparse.ArgumentParser(prog='prog', description='d')
print(p)
print(p.add_argument('--foo', '-f', type=int, choices=[1, 2], help='h'))
print(p.add_argument('pos', nargs='+', metavar='P'))
print(p.add_argument('--b', action=argparse.BooleanOptionalAction, default=False))
print(argparse.Action(['-x'], 'x'))
e = argparse.ArgumentError(None, 'a message')
print(repr(e), e.args, str(e), e.argument_name, e.message)
e = argparse.ArgumentError(p._actions[1], 'bad')
print(str(e), e.argument_name)
print(str(argparse.ArgumentTypeError('type problem')))
print(issubclass(argparse.ArgumentError, Exception),
      issubclass(argparse.ArgumentTypeError, Exception))
print(argparse.SUPPRESS, argparse.OPTIONAL, argparse.ZERO_OR_MORE,
      argparse.ONE_OR_MORE, argparse.PARSER, argparse.REMAINDER)
print(sorted(argparse.__all__))

print('== version')
p = argparse.ArgumentParser(prog='v')
p.add_argument('-V', '--version', action='version', version='%(prog)s   2.0\n  final')
print(p.format_help(), end='')
run(p, ['-V'])

print('== deprecated')
p = argparse.ArgumentParser(prog='dep')
p.add_argument('--old', deprecated=True)
p.add_argument('pos', nargs='?', deprecated=True)
sub = p.add_subparsers(dest='cmd')
sub.add_parser('run', deprecated=True)
run(p, ['--old', '1', '--old', '2'])
run(p, ['run'])

print('== a subclass overriding error and exit')


class MyParser(argparse.ArgumentParser):
    def error(self, message):
        print('custom error:', message)
        raise SystemExit(7)


p = MyParser(prog='m')
p.add_argument('--i', type=int)
run(p, ['--i', 'x'])
sub = p.add_subparsers()
s = sub.add_parser('go')
print(type(s).__name__)
run(p, ['go', '--bad'])
p = argparse.ArgumentParser(prog='e')
p.print_usage()
p.print_help()
for status, message in [(3, 'bye\n'), (0, None)]:
    try:
        p.exit(status, message)
    except SystemExit as e:
        print('exit', e.code)
try:
    p.error('something bad')
except SystemExit as e:
    print('exit', e.code)
