# getopt: getopt and gnu_getopt with short and long options, abbreviations,
# '--' and '-', and every GetoptError message.
import getopt
import os


def run(fn, args, short, long=[]):
    try:
        print(fn.__name__, args, '->', fn(args, short, long))
    except getopt.GetoptError as e:
        print(fn.__name__, args, '-> GetoptError', repr(str(e)), repr(e.msg),
              repr(e.opt), e.args)


os.environ.pop('POSIXLY_CORRECT', None)
longs = ['alpha', 'beta=', 'verbose', 'version', 'output=']
for fn in (getopt.getopt, getopt.gnu_getopt):
    run(fn, ['-a', '-b', 'val', 'file1', '-c'], 'ab:c')
    run(fn, ['-abval', 'rest'], 'ab:')
    run(fn, ['-ba', 'x'], 'ab:')
    run(fn, ['-a', '--', '-b', 'x'], 'ab:')
    run(fn, ['-', '-a'], 'a')
    run(fn, [], 'a')
    run(fn, ['file', '-a'], 'a')
    run(fn, ['-x'], 'a')
    run(fn, ['-b'], 'ab:')
    run(fn, ['-:'], 'a:')
    run(fn, ['--alpha', '--beta=1', '--beta', '2', 'arg'], '', longs)
    run(fn, ['--al', '--be=3'], '', longs)
    run(fn, ['--ver'], '', longs)
    run(fn, ['--verb', '--vers'], '', longs)
    run(fn, ['--gamma'], '', longs)
    run(fn, ['--alpha=1'], '', longs)
    run(fn, ['--beta'], '', longs)
    run(fn, ['--output='], '', longs)
    run(fn, ['--out=a=b'], '', longs)
    run(fn, ['--alpha', 'x', '--beta', 'y'], 'a', longs)
    run(fn, ['--single'], '', 'single')
    run(fn, ['--sing=1'], '', 'single=')
    run(fn, ['--a'], '', ['ab', 'ab='])
    run(fn, ['--ab'], '', ['ab', 'abc'])
    run(fn, ['--', '--alpha'], '', longs)
    run(fn, ['-a', 'x', '-b', 'y', '--alpha', 'z'], 'ab:', longs)
    run(fn, ['--=x'], '', longs)

# gnu_getopt: '+' and POSIXLY_CORRECT stop at the first non-option.
run(getopt.gnu_getopt, ['-a', 'file', '-b'], '+ab')
os.environ['POSIXLY_CORRECT'] = '1'
run(getopt.gnu_getopt, ['-a', 'file', '-b'], 'ab')
del os.environ['POSIXLY_CORRECT']
run(getopt.gnu_getopt, ['-a', 'file', '-b'], 'ab')
run(getopt.gnu_getopt, ['x', '--', '-a'], 'a')

print(getopt.error is getopt.GetoptError, issubclass(getopt.GetoptError, Exception))
e = getopt.GetoptError('message')
print(repr(str(e)), repr(e.opt), e.args, repr(e))
e = getopt.GetoptError('message', 'o')
print(repr(str(e)), repr(e.opt), e.args, repr(e))
print(getopt.GetoptError.opt == '', getopt.GetoptError.msg == '')
try:
    getopt.getopt(['-z'], 'a')
except getopt.error as err:
    print('caught as error:', err)
print(sorted(getopt.__all__))

# Argument sequences: the rest is a slice of the input (or the input itself
# when no option was read); values may be any object.
plain = ['a', '-b']
opts, rest = getopt.getopt(plain, 'b')
print(opts, rest, rest is plain)
opts, rest = getopt.getopt(('-b', 'x', 'y'), 'b')
print(opts, rest, type(rest).__name__)
opts, rest = getopt.gnu_getopt(('x', '-b', 'y', '--', '-b'), 'b')
print(opts, rest, type(rest).__name__)
print(getopt.getopt(['-o', None, 'z'], 'o:'))
print(getopt.getopt(['--name', ''], '', ['name=']))
print(getopt.getopt(['-o', ''], 'o:'))
run(getopt.getopt, ['-a'], 'a:a')
run(getopt.getopt, ['--x=1'], '', ['x='])
run(getopt.gnu_getopt, ['-', '-a', '--', '--'], 'a')
