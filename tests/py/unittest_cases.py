# unittest corner cases: setUp failing or skipping, nested subtests and
# failfast inside them, assertRaises letting another exception through,
# addTypeEqualityFunc, cleanups after a failure, assertLogs/assertWarns
# records, strings too long to diff, expectedFailure on a class, a
# TestCase with its own __init__.
import unittest, io, re, logging, warnings
class A(unittest.TestCase):
    def setUp(self):
        if self._testMethodName == 'test_setup_fails':
            self.assertEqual('x', 'y')
        if self._testMethodName == 'test_setup_skips':
            raise unittest.SkipTest('from setUp')
    def test_setup_fails(self): pass
    def test_setup_skips(self): pass
    def test_nested(self):
        with self.subTest(a=1):
            with self.subTest(b=2):
                self.fail('deep')
            with self.subTest(a=3, c=4):
                self.fail('over')
    def test_wrong_exc(self):
        with self.assertRaises(KeyError):
            raise ValueError('not key')
    def test_custom_eq(self):
        class P:
            def __init__(self, v): self.v = v
            def __eq__(self, o): return False
            def __repr__(self): return 'P(%r)' % self.v
        def cmp(a, b, msg=None):
            raise self.failureException('custom %r %r' % (a.v, b.v))
        self.addTypeEqualityFunc(P, cmp)
        self.assertEqual(P(1), P(2))
    def test_cleanup_after_fail(self):
        self.addCleanup(lambda: 1/0)
        self.fail('first')
    def test_logs(self):
        with self.assertLogs(level='DEBUG') as cm:
            logging.debug('d %s', 1)
            logging.getLogger('x.y').info('i')
        print(cm.output)
    def test_warns_cm(self):
        with self.assertWarns(UserWarning) as cm:
            warnings.warn('one')
            warnings.warn('two', RuntimeWarning)
        print(len(cm.warnings), str(cm.warning))
    def test_long_str(self):
        self.assertEqual('a' * 70000, 'a' * 69999 + 'b')
    def test_raises_msg(self):
        with self.assertRaises(ValueError, msg='custom'):
            pass
    def test_not_raised_callable(self):
        self.assertRaises(ValueError, len, [])
    def test_returns_value(self):
        return 5
@unittest.expectedFailure
class X(unittest.TestCase):
    def test_x(self): self.fail()
    def test_y(self): pass
class B(unittest.TestCase):
    def __init__(self, methodName='runTest', extra=1):
        super().__init__(methodName)
        self.extra = extra
    def test_b(self): self.assertEqual(self.extra, 1)
s = io.StringIO()
suite = unittest.TestSuite()
for c in (A, X, B):
    suite.addTests(unittest.defaultTestLoader.loadTestsFromTestCase(c))
r = unittest.TextTestRunner(stream=s, verbosity=2).run(suite)
print(re.sub(r'File ".*/', 'File "', re.sub(r'in \d+\.\d+s', 'in T', s.getvalue())))
s = io.StringIO()
r = unittest.TextTestRunner(stream=s, verbosity=2, failfast=True).run(unittest.defaultTestLoader.loadTestsFromName('A.test_nested', __import__('__main__')))
print(re.sub(r'File ".*/', 'File "', re.sub(r'in \d+\.\d+s', 'in T', s.getvalue())))
