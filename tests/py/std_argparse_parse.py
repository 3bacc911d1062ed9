# argparse parsing: actions, nargs, '--', option clustering, abbreviations,
# negative numbers, explicit values, mutually exclusive groups, required
# arguments, parse_known_args and parse_intermixed_args.  Parsers use
# exit_on_error=False so errors come back as ArgumentError; the last part
# goes through the exiting path with stderr sent to stdout.
import argparse
import sys


def run(parser, args, method='parse_args'):
    try:
        print(args, '->', getattr(parser, method)(args))
    except argparse.ArgumentError as e:
        print(args, '-> ArgumentError:', e)
    except SystemExit as e:
        print(args, '-> exit', e.code)
    except Exception as e:
        print(args, '-> EXC', type(e).__name__, e)


def make(*specs, **kwargs):
    parser = argparse.ArgumentParser(prog='P', exit_on_error=False, **kwargs)
    for args, kw in specs:
        parser.add_argument(*args, **kw)
    return parser


print('== actions')
p = make((['-v', '--verbose'], dict(action='count', default=0)),
         (['-q'], dict(action='store_true')),
         (['--no-color'], dict(action='store_false', dest='color')),
         (['-C'], dict(action='store_const', const='CONST')),
         (['-l'], dict(action='append', default=['base'])),
         (['-a'], dict(action='append_const', const=1, dest='l')),
         (['-e'], dict(action='extend', nargs='+')),
         (['--flag'], dict(action=argparse.BooleanOptionalAction)))
for args in [[], ['-vvv', '-v'], ['-q', '--no-color', '-C'],
             ['-l', 'x', '-a', '-l', 'y'], ['-e', 'a', 'b', '-e', 'c'],
             ['--flag'], ['--no-flag'], ['--no-f'], ['--verbose', '--verb'],
             ['-vq'], ['-qv'], ['-l']]:
    run(p, args)
print(p.parse_args([]).l is p.get_default('l'))

print('== nargs')
p = make((['--two'], dict(nargs=2)), (['--plus'], dict(nargs='+')),
         (['--star'], dict(nargs='*')),
         (['--opt'], dict(nargs='?', const='C', default='D')),
         (['--one'], dict(nargs=1)))
for args in [['--two', 'a', 'b'], ['--two', 'a'], ['--plus'], ['--plus', 'x', 'y'],
             ['--star'], ['--star', '1', '2'], ['--opt'], ['--opt', 'v'],
             ['--one', 'v'], ['--opt', '--star'], ['--two', 'a', 'b', 'c'],
             ['--plus=1'], ['--star=2'], ['--two=1'], ['--opt='], ['--one=z']]:
    run(p, args)

p = make((['first'], {}), (['second'], dict(nargs='?', default='dflt')),
         (['rest'], dict(nargs='*')))
for args in [[], ['a'], ['a', 'b'], ['a', 'b', 'c', 'd']]:
    run(p, args)
p = make((['x'], dict(nargs=2, type=int)), (['y'], dict(nargs='+')))
for args in [['1', '2', 'a'], ['1', '2'], ['1', 'q', 'a'], ['1']]:
    run(p, args)
p = make((['cmd'], {}), (['args'], dict(nargs=argparse.REMAINDER)),
         (['--opt'], {}))
for args in [['run', '--opt', 'x', '-v'], ['--opt', 'o', 'run', 'a', '--opt'],
             ['run', '--', 'a']]:
    run(p, args)

print("== '--'")
p = make((['x'], dict(nargs='*')), (['--o'], {}))
for args in [['--', '-x'], ['a', '--', '--', 'b'], ['a', '--', 'b', '--'],
             ['--'], ['--o', '--', 'a'], ['--o=--', 'a'], ['--', '--o', '1']]:
    run(p, args)
p = make((['a'], {}), (['b'], {}))
run(p, ['x', '--', '--'])
run(p, ['--', '-1', '-2'])

print('== interleaving positionals and options')
p = make((['a'], dict(nargs='*')), (['--x'], {}), (['b'], dict(nargs='?')))
for args in [['1', '--x', 'v', '2'], ['--x', 'v', '1', '2']]:
    run(p, args)
p = make((['a'], dict(nargs='?')), (['--x'], {}), (['b'], {}))
for args in [['--x', 'v', '1'], ['1', '--x', 'v', '2'], ['1', '2', '--x', 'v']]:
    run(p, args)

print('== short options run together')
p = make((['-v'], dict(action='count')), (['-f'], {}),
         (['-q'], dict(action='store_true')))
for args in [['-vvv'], ['-vfVAL'], ['-vf', 'VAL'], ['-f=VAL'], ['-fVAL'],
             ['-vq'], ['-vx'], ['-v=1'], ['-q=x'], ['-f'], ['-vqf'], ['-f', '-v']]:
    run(p, args)

print('== abbreviations')
p = make((['--foo'], {}), (['--foobar'], {}), (['--verbose'], dict(action='store_true')))
for args in [['--fo', '1'], ['--foob=1'], ['--fo=1'], ['--verb'], ['--v'],
             ['--bar'], ['--bar=1'], ['-'], ['-x'], ['a b'], ['--a b']]:
    run(p, args)
p = make((['--foo'], {}), (['--foobar'], {}), allow_abbrev=False)
for args in [['--fo', '1'], ['--foo', '1'], ['--foob=1']]:
    run(p, args)
p = make((['-foo'], {}), (['-foobar'], {}), (['-f'], dict(action='store_true')))
for args in [['-foo', '1'], ['-foob', '1'], ['-fo', '1'], ['-f'], ['-fx'],
             ['-foo=2'], ['-fooba=3']]:
    run(p, args)

print('== negative numbers')
p = make((['-x'], {}), (['n'], dict(nargs='?', type=float)))
for args in [['-1'], ['-x', '-2'], ['-.5'], ['-1e5'], ['-x', '-1', '-2.5']]:
    run(p, args)
p = make((['-1'], dict(dest='one')), (['n'], dict(nargs='?')))
for args in [['-2'], ['-1', '-2'], ['-1', '5'], ['-1.5']]:
    run(p, args)

print('== explicit values')
p = make((['--n'], dict(action='store_const', const=1)),
         (['--s'], {}), (['-t'], {}))
for args in [['--n=1'], ['--s=a=b'], ['--s', '-t'], ['-t', '--s'], ['-t=x'],
             ['-t', 'x y']]:
    run(p, args)

print('== required')
p = make((['x'], dict(type=int)), (['y'], dict(nargs=2, type=float)),
         (['--req'], dict(required=True)))
for args in [[], ['1'], ['a', '1', '2'], ['1', '2', 'b'], ['1', '2', '3'],
             ['--req', 'r', '1', '2', '3', '4']]:
    run(p, args)
p = make((['x'], dict(nargs='*')), (['y'], {}))
run(p, [])
print([a.required for a in p._actions])

print('== mutually exclusive')
p = argparse.ArgumentParser(prog='P', exit_on_error=False)
g = p.add_mutually_exclusive_group()
g.add_argument('-x', nargs='?')
g.add_argument('-y')
g.add_argument('pos', nargs='?', default='d')
for args in [['-x', '-y', '1'], ['-x', '1', '-y', '1'], ['-y', '1', 'p'],
             ['p', '-x', '2'], ['-y', '1']]:
    run(p, args)
p = argparse.ArgumentParser(prog='P', exit_on_error=False)
g = p.add_mutually_exclusive_group(required=True)
g.add_argument('--a', action='store_true')
g.add_argument('--b', action='store_true')
g.add_argument('--c', help=argparse.SUPPRESS)
for args in [[], ['--a'], ['--b', '--a'], ['--c', '1']]:
    run(p, args)

print('== defaults')
p = make((['x'], dict(nargs='?', type=int, default='5')),
         (['--o'], dict(type=int, default='7')),
         (['--c'], dict(nargs='?', const='9', type=int)))
for args in [[], ['1', '--o', '2'], ['--c']]:
    run(p, args)
p = make((['x'], dict(nargs='*', choices=['a', 'b'], default='z')))
run(p, [])
run(p, ['a', 'b'])
p = make((['--q'], dict(nargs='?', const='C', choices=['a'])))
run(p, ['--q'])
p = argparse.ArgumentParser(prog='P', argument_default=argparse.SUPPRESS)
p.add_argument('--a')
p.add_argument('--b', default=1)
p.add_argument('c', nargs='?')
run(p, [])
run(p, ['--a', 'x', 'y'])
p = argparse.ArgumentParser(prog='P', argument_default=5)
p.add_argument('--a')
p.set_defaults(a=7, z=9)
p.add_argument('--z')
run(p, [])
print(p.get_default('a'), p.get_default('z'), p.get_default('nothing'))

print('== parse_known_args')
p = make((['--a'], {}), (['pos'], {}))
for args in [['x', '--b', '1', '-c'], ['--a', '1', 'x', 'y', '--', 'z']]:
    run(p, args, 'parse_known_args')
ns = argparse.Namespace(pre='set', a='keep')
print(p.parse_known_args(['x'], namespace=ns), ns)

print('== parse_intermixed_args')
p = make((['--foo'], {}), (['cmd'], {}), (['rest'], dict(nargs='*', type=int)))
for args in [['doit', '1', '--foo', 'bar', '2', '3'], ['--foo', 'x', 'c'], [],
             ['c', '--foo']]:
    run(p, args, 'parse_intermixed_args')
    run(p, args)
run(p, ['c', '1', '--zz', '2'], 'parse_known_intermixed_args')
p = make((['r'], dict(nargs='...')))
run(p, ['a'], 'parse_intermixed_args')

print('== errors through exit')
sys.stderr = sys.stdout
p = argparse.ArgumentParser(prog='prog')
p.add_argument('-n', type=int)
p.add_argument('--mode', choices=['fast', 'slow'])
p.add_argument('files', nargs='+')
for args in [['-n', 'abc', 'f'], [], ['--mode', 'medium', 'f'], ['f', '--bogus'],
             ['-n'], ['-h', '--bogus']]:
    run(p, args)
