# array.array: construction from each kind of initializer, the item conversions
# of every type code with CPython's OverflowError/TypeError messages, typecodes.
import array
for c in 'bBhHiIlLqQ':
    for v in [2**64, 2**31, 2**15, 300, -1, -300, -2**15-1, -2**31-1, -2**64, 1.5, '1', None]:
        try: array.array(c, [v]); r='ok'
        except Exception as e: r = type(e).__name__ + ': ' + str(e)
        print(c, v, r)
for c in 'fd':
    for v in [1, 1.5, '1', None, 10**400, 1e300]:
        try: a = array.array(c, [v]); r='ok ' + repr(a)
        except Exception as e: r = type(e).__name__ + ': ' + str(e)
        print(c, v, r)
for c in 'uw':
    for v in ['a', 'ab', 1, b'a', '\U0001F600']:
        try: a = array.array(c, [v]); r='ok ' + repr(a)
        except Exception as e: r = type(e).__name__ + ': ' + str(e)
        print(c, v, r)
for args in [('z',), ('bb',), (1,), ('i', 'abc'), ('u', [1]), ('i', b'abc'), ('i', b'abcd'), ('u', 'ab'), ('w', 'ab'), ('b', array.array('i', [1,2])), ('i', array.array('u', 'ab')), ('f', array.array('d', [1.5])), ('u', array.array('w', 'ab')), ('i', 5), ('i', (x for x in range(3))), ('i', range(3)), ('B', bytearray(b'ab')), ('d', memoryview(b'12345678'))]:
    try: a = array.array(*args); r='ok ' + repr(a)
    except Exception as e: r = type(e).__name__ + ': ' + str(e)
    print(args[0], r)
print(array.typecodes)
