# bytes % args (PEP 461) and bytes(x) with __bytes__.


def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


class B:
    def __bytes__(self):
        return b'BB'


class BadB:
    def __bytes__(self):
        return 5


class Raises:
    def __bytes__(self):
        raise KeyError('inside')


t('d', lambda: b'%d' % 5)
t('flags', lambda: b'%-5d|%05d|%+d|% d|%#x|%#o|%X|%#X' % (1, 2, 3, 4, 255, 8, 255, 255))
t('iu', lambda: b'%i|%u|%d' % (3.7, -2.2, True))
t('prec int', lambda: b'%.3d|%8.3x|%-6o|' % (5, 255, 8))
t('neg hex', lambda: b'%x|%o' % (-255, -8))
t('big', lambda: b'%d %x' % (2 ** 80, 2 ** 70))
t('floats', lambda: b'%e|%g|%E|%G|%f|%.2f|%10.3f|%-8.1e|' % (1234.5, 0.00001, 1e30, 1e-30, 1.5, 2.345, 3.14159, 42.0))
t('float flags', lambda: b'%+.1f|% .1f|%08.2f|%#g' % (1.0, 2.0, -3.5, 1.0))
t('s', lambda: b'[%s] [%b]' % (b'ab', bytearray(b'cd')))
t('s view', lambda: b'%-10s|' % memoryview(b'abc'))
t('s width', lambda: b'%10.3s|%-4s|%.0s|' % (b'abcdef', b'x', b'gone'))
t('s dunder', lambda: b'%s' % B())
t('r a', lambda: b'%r %a' % ('\xe9', [1, 'x']))
t('r bytes', lambda: b'%r' % b'x')
t('c', lambda: b'%c%c%c' % (65, b'z', bytearray(b'!')))
t('c width', lambda: b'%5c|%-3c|' % (65, b'z'))
t('star', lambda: b'%*d|%-*d|%.*f|%*s' % (5, 1, 4, 2, 2, 3.14159, -4, b'a'))
t('percent', lambda: b'100%% %s' % b'sure')
t('mapping', lambda: b'%(a)s-%(b)d-%(a)s' % {b'a': b'x', b'b': 7})
t('empty', lambda: b'' % ())
t('no spec tuple', lambda: b'x' % ())
t('mapping unused', lambda: b'x' % {})
t('list as mapping', lambda: b'x' % [])
t('length mod', lambda: b'%ld %hd' % (5, 6))
t('bytearray', lambda: bytearray(b'%d-%s') % (5, b'x'))
t('bytearray type', lambda: type(bytearray(b'%d') % 1).__name__)

t('s str', lambda: b'%s' % 'a')
t('b str', lambda: b'%b' % 'a')
t('s int', lambda: b'%s' % 5)
t('s list', lambda: b'%s' % [1])
t('s dict', lambda: b'%s' % {b'a': 1})
t('s bad dunder', lambda: b'%s' % BadB())
t('s raising dunder', lambda: b'%s' % Raises())
t('c 256', lambda: b'%c' % 256)
t('c -1', lambda: b'%c' % -1)
t('c str', lambda: b'%c' % 'a')
t('c long bytes', lambda: b'%c' % b'ab')
t('too few', lambda: b'%s %s' % (b'a',))
t('too many', lambda: b'%s' % (b'a', b'b'))
t('too many single', lambda: b'x' % 5)
t('bytes arg unused', lambda: b'x' % b'y')
t('unsupported', lambda: b'%y' % 1)
t('unsupported high', lambda: b'\xff%\xff' % 1)
t('str key', lambda: b'%(a)s' % {'a': b'1'})
t('missing key', lambda: b'%(a)s %s' % {b'a': b'1'})
t('incomplete key', lambda: b'%(a' % {b'a': b'1'})
t('needs mapping', lambda: b'%(a)s' % (1,))
t('d str', lambda: b'%d' % 'x')
t('d list', lambda: b'%d %d' % [1, 2])
t('x float', lambda: b'%x' % 1.5)
t('f str', lambda: b'%f' % 'x')
t('star str', lambda: b'%*d' % ('a', 1))
t('incomplete', lambda: b'%' % ())
t('int % bytes', lambda: 5 % b'x')

# str formatting still says "string"
t('str too many', lambda: '%s' % (1, 2))
t('str b', lambda: '%b' % 1)

# bytes() and __bytes__
t('bytes dunder', lambda: bytes(B()))
t('bytes bad dunder', lambda: bytes(BadB()))
t('bytes raising dunder', lambda: bytes(Raises()))
t('bytes view', lambda: bytes(memoryview(b'xyz')[1:]))

