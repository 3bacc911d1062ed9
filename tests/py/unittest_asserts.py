# unittest's assertion methods: each failure message, one by one.
import unittest, warnings, logging

class T(unittest.TestCase):
    def runTest(self):
        pass

t = T()

def show(fn, *args, **kw):
    try:
        fn(*args, **kw)
    except AssertionError as e:
        print(fn.__name__, '->', repr(str(e)))
    except Exception as e:
        print(fn.__name__, 'raised', type(e).__name__, e)
    else:
        print(fn.__name__, 'passed')

show(t.assertEqual, 1, 2)
show(t.assertEqual, 1, 1)
show(t.assertEqual, 'a', 'b', 'custom')
show(t.assertNotEqual, 3, 3)
show(t.assertTrue, 0)
show(t.assertTrue, [], 'why')
show(t.assertFalse, 'x')
show(t.assertIs, 1, None)
show(t.assertIsNot, None, None)
show(t.assertIsNone, 5)
show(t.assertIsNotNone, None)
show(t.assertIn, 'a', 'bcd')
show(t.assertNotIn, 2, [1, 2])
show(t.assertIsInstance, 1, str)
show(t.assertIsInstance, 1, (str, bytes))
show(t.assertNotIsInstance, 1, int)
show(t.assertGreater, 1, 2)
show(t.assertGreaterEqual, 1, 2)
show(t.assertLess, 2, 1)
show(t.assertLessEqual, 2, 1)
show(t.assertAlmostEqual, 1.0, 1.1)
show(t.assertAlmostEqual, 1.0, 1.00000001)
show(t.assertAlmostEqual, 1.0, 1.1, places=3)
show(t.assertAlmostEqual, 1.0, 1.5, delta=0.1)
show(t.assertAlmostEqual, 1.0, 1.5, places=2, delta=0.1)
show(t.assertNotAlmostEqual, 1.0, 1.0)
show(t.assertNotAlmostEqual, 1.0, 1.05, delta=0.1)
show(t.assertNotAlmostEqual, 1.0, 1.00000001, places=3)
show(t.assertRegex, 'hello', 'x+')
show(t.assertNotRegex, 'hello', 'l+')
show(t.assertCountEqual, [1, 2, 2, 'x'], [2, 1, 3])
show(t.assertCountEqual, [1, 2], [2, 1])
show(t.assertListEqual, [1, 2, 3], [1, 5, 3])
show(t.assertListEqual, [1, 2], [1, 2, 3])
show(t.assertListEqual, [1, 2, 3, 4], [1, 2])
show(t.assertTupleEqual, (1, 'a'), (1, 'b'))
show(t.assertSequenceEqual, 'abc', 'abd')
show(t.assertListEqual, (1,), [1])
show(t.assertEqual, [1, [2, 3]], [1, [2, 4]])
show(t.assertDictEqual, {'a': 1, 'b': 2}, {'a': 1, 'b': 3})
show(t.assertEqual, {'a': 1}, {'a': 1, 'c': [1, 2]})
show(t.assertSetEqual, {1, 2}, {2, 3})
show(t.assertSetEqual, {1}, {1, 4})
show(t.assertEqual, frozenset([1]), frozenset())
show(t.assertSetEqual, {1}, [1])
show(t.assertMultiLineEqual, 'one\ntwo\nthree\n', 'one\ntoo\nthree\n')
show(t.assertEqual, 'abc\ndef', 'abc\ndeg')
show(t.assertEqual, 'abcdefgh', 'abcdxfgh')
show(t.assertEqual, 'x' * 100, 'x' * 99 + 'y')
show(t.assertEqual, list(range(50)), list(range(49)) + [0])
show(t.assertEqual, 'a' * 30 + 'b' * 70, 'a' * 30 + 'c' * 70)
show(t.assertEqual, 1, 2, msg='extra')
show(t.fail)
show(t.fail, 'explicit')

t.longMessage = False
show(t.assertEqual, 1, 2, 'only this')
show(t.assertIn, 1, [], 'only mine')
t.longMessage = True

t.maxDiff = 40
show(t.assertEqual, list(range(20)), list(range(1, 21)))
show(t.assertMultiLineEqual, 'a\nb\nc\nd\ne\nf\n', 'a\nB\nc\nD\ne\nF\n')
t.maxDiff = None
show(t.assertEqual, dict.fromkeys(range(12)), dict.fromkeys(range(1, 13)))
t.maxDiff = 80 * 8

# assertRaises in both forms
show(t.assertRaises, ValueError, int, '3')
def boom():
    raise KeyError('k')
show(t.assertRaises, (ValueError, TypeError), int, '3')
try:
    t.assertRaises(ValueError, boom)
except KeyError as e:
    print('KeyError escaped', e)
with t.assertRaises(ZeroDivisionError) as cm:
    1 / 0
print(type(cm.exception).__name__, cm.exception)
try:
    with t.assertRaises(ZeroDivisionError):
        pass
except AssertionError as e:
    print(repr(str(e)))
try:
    with t.assertRaises(ZeroDivisionError, msg='mine'):
        pass
except AssertionError as e:
    print(repr(str(e)))
show(t.assertRaisesRegex, ValueError, 'xyz', int, 'abc')
with t.assertRaisesRegex(ValueError, 'invalid literal') as cm:
    int('abc')
print(cm.exception.args)
try:
    with t.assertRaisesRegex(ValueError, 'zzz'):
        raise ValueError('aaa')
except AssertionError as e:
    print(repr(str(e)))

# warnings and logs
def warn():
    warnings.warn('careful', DeprecationWarning)
show(t.assertWarns, UserWarning, lambda: None)
with t.assertWarns(DeprecationWarning) as cm:
    warn()
print(type(cm.warning).__name__, cm.warning, cm.filename.endswith('unittest_asserts.py'), cm.lineno)
show(t.assertWarnsRegex, DeprecationWarning, 'nope', warn)
with t.assertLogs() as cm:
    logging.getLogger('foo').warning('first %d', 1)
    logging.getLogger('foo.bar').error('second')
print(cm.output)
print([r.getMessage() for r in cm.records])
try:
    with t.assertLogs('quiet', level='INFO'):
        logging.getLogger('quiet').debug('low')
except AssertionError as e:
    print(repr(str(e)))
try:
    with t.assertNoLogs('noisy'):
        logging.getLogger('noisy').warning('oops')
except AssertionError as e:
    print(repr(str(e)))
with t.assertNoLogs('noisy', level='ERROR'):
    logging.getLogger('noisy').warning('fine')
print('done')
