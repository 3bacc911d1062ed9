# unittest's TextTestRunner output at verbosity 0, 1 and 2: passes,
# failures, errors, skips, expected failures, unexpected successes,
# subtests, docstring descriptions, class and module fixture errors,
# cleanups, failfast and buffer.
import io
import re
import sys
import unittest

log = []


def setUpModule():
    log.append('setUpModule')


def tearDownModule():
    log.append('tearDownModule')


def helper(x):
    return {'a': 1}[x]


class Mixed(unittest.TestCase):
    def test_ok(self):
        self.assertEqual(2 + 2, 4)

    def test_fail(self):
        self.assertEqual([1, 2, 3], [1, 2, 4])

    def test_error(self):
        helper('b')

    def test_doc(self):
        """First line of the doc.

        More text."""
        self.fail('explicit failure')

    @unittest.skip('not today')
    def test_skipped(self):
        pass

    @unittest.skipIf(True, 'condition held')
    def test_skip_if(self):
        pass

    @unittest.skipUnless(True, 'never shown')
    def test_skip_unless(self):
        pass

    def test_skip_inside(self):
        self.skipTest('decided at run time')

    @unittest.expectedFailure
    def test_xfail(self):
        self.assertIn('z', 'abc')

    @unittest.expectedFailure
    def test_xpass(self):
        pass

    def test_subtests(self):
        for i in range(4):
            with self.subTest(i=i):
                self.assertLess(i, 2)

    def test_subtest_msg(self):
        with self.subTest('labelled', a=1, b='x'):
            raise ValueError('in subtest')
        with self.subTest():
            self.assertTrue(False)

    def test_chained(self):
        try:
            helper('c')
        except KeyError as e:
            raise RuntimeError('wrapped') from e


class Fixtures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        log.append('setUpClass')
        cls.addClassCleanup(log.append, 'class cleanup')

    @classmethod
    def tearDownClass(cls):
        log.append('tearDownClass')

    def setUp(self):
        log.append('setUp ' + self._testMethodName)
        self.addCleanup(log.append, 'cleanup 1 ' + self._testMethodName)
        self.addCleanup(log.append, 'cleanup 2 ' + self._testMethodName)

    def tearDown(self):
        log.append('tearDown ' + self._testMethodName)

    def test_a(self):
        log.append('test_a')

    def test_b(self):
        log.append('test_b')
        self.fail('b fails')


class BrokenSetUpClass(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        raise OSError('no resource')

    def test_never(self):
        log.append('never')


class BrokenTearDown(unittest.TestCase):
    def tearDown(self):
        raise TypeError('teardown broke')

    def test_passes_but(self):
        pass

    def test_bad_cleanup(self):
        def cleanup():
            raise ValueError('cleanup broke')
        self.addCleanup(cleanup)


@unittest.skip('whole class')
class SkippedClass(unittest.TestCase):
    def test_one(self):
        pass


def clean(text):
    text = re.sub(r'Ran (\d+) tests? in \d+\.\d+s', r'Ran \1 tests in T', text)
    return re.sub(r'File ".*/', 'File "', text)


def run(classes, verbosity, **kw):
    stream = io.StringIO()
    loader = unittest.TestLoader()
    suite = unittest.TestSuite(loader.loadTestsFromTestCase(c) for c in classes)
    result = unittest.TextTestRunner(stream=stream, verbosity=verbosity, **kw).run(suite)
    print(clean(stream.getvalue()))
    print('result:', result.testsRun, len(result.failures), len(result.errors),
          len(result.skipped), len(result.expectedFailures),
          len(result.unexpectedSuccesses), result.wasSuccessful())
    print('-' * 30)
    return result


for v in (0, 1, 2):
    print('### verbosity', v)
    run([Mixed], v)

log.clear()
run([Fixtures, BrokenSetUpClass, BrokenTearDown, SkippedClass], 2)
print('\n'.join(log))

print('### all pass')
run([Fixtures], 1)
r = run([SkippedClass], 1)
print([(str(t), reason) for t, reason in r.skipped])

print('### failfast')
run([Mixed], 2, failfast=True)


class Noisy(unittest.TestCase):
    def test_quiet_pass(self):
        print('hidden output')

    def test_loud_fail(self):
        print('shown output')
        sys.stderr.write('shown error')
        self.fail('noisy')


print('### buffer')
saved = sys.stdout, sys.stderr
out = io.StringIO()
sys.stdout = sys.stderr = out
try:
    stream = io.StringIO()
    unittest.TextTestRunner(stream=stream, verbosity=2, buffer=True).run(
        unittest.defaultTestLoader.loadTestsFromTestCase(Noisy))
finally:
    sys.stdout, sys.stderr = saved
print(clean(stream.getvalue()))
print(repr(out.getvalue()))

print('### result API')
res = unittest.TestResult()
t = Mixed('test_ok')
t.run(res)
print(res.testsRun, res.wasSuccessful(), res.shouldStop)
Mixed('test_fail')(res)
print(res.testsRun, res.wasSuccessful(), res.failures[0][0], clean(res.failures[0][1]))
print(t.id(), str(t), repr(t), t.shortDescription(), Mixed('test_doc').shortDescription())
print(t == Mixed('test_ok'), t == Mixed('test_fail'), t.countTestCases())
try:
    Mixed('test_nothing')
except ValueError as e:
    print('ValueError', e)
sub = unittest.TestSuite([Mixed('test_ok'), Mixed('test_fail')])
print(sub.countTestCases(), list(sub))
ft = unittest.FunctionTestCase(lambda: None, description='a function')
print(str(ft), ft.shortDescription())
res = unittest.TestResult()
ft.run(res)
print(res.testsRun, res.wasSuccessful())
