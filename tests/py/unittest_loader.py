# unittest's TestLoader: loading from classes, modules and names,
# getTestCaseNames with a prefix, sort function and name patterns,
# load_tests, and discover() over the packages in unittest_loader.files.
import functools
import io
import re
import unittest


def ids(suite):
    out = []
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            out.extend(ids(t))
        else:
            out.append(t.id())
    return out


class Local(unittest.TestCase):
    def test_b(self):
        pass

    def test_a(self):
        pass

    def test_c(self):
        pass

    def runTest(self):
        pass

    not_callable_test = 5
    test_attr = 'not callable'


class OnlyRun(unittest.TestCase):
    def runTest(self):
        pass


loader = unittest.TestLoader()
print(loader.getTestCaseNames(Local))
print(ids(loader.loadTestsFromTestCase(Local)))
print(ids(loader.loadTestsFromTestCase(OnlyRun)))
loader.sortTestMethodsUsing = lambda a, b: (a < b) - (a > b)
print(loader.getTestCaseNames(Local))
loader.sortTestMethodsUsing = None
print(loader.getTestCaseNames(Local))
loader = unittest.TestLoader()
loader.testMethodPrefix = 'check'
import pkg.sub.test_gamma as gamma
print(loader.getTestCaseNames(gamma.GammaTest))
loader = unittest.TestLoader()
loader.testNamePatterns = ['*_a', '*test_c*']
print(loader.getTestCaseNames(Local))

loader = unittest.TestLoader()
import test_alpha
print(ids(loader.loadTestsFromModule(test_alpha)))
import withhook
print(ids(loader.loadTestsFromModule(withhook)))
print(ids(loader.loadTestsFromName('test_alpha')))
print(ids(loader.loadTestsFromName('test_alpha.AlphaTest')))
print(ids(loader.loadTestsFromName('test_alpha.AlphaTest.test_two')))
print(ids(loader.loadTestsFromName('pkg.test_beta.BetaTest.test_beta')))
print(ids(loader.loadTestsFromName('AlphaTest.test_one', test_alpha)))
print(ids(loader.loadTestsFromNames(['test_alpha.AlphaTest.test_one', 'pkg.test_beta'])))
try:
    loader.loadTestsFromName('pkg.test_beta.not_a_test')
except TypeError as e:
    print('TypeError', re.sub(' at 0x[0-9a-f]+', '', str(e)))
bad = loader.loadTestsFromName('test_alpha.Missing')
print(ids(bad), len(loader.errors), loader.errors[-1].splitlines()[0])
try:
    loader.loadTestsFromTestCase(unittest.TestSuite)
except TypeError as e:
    print('TypeError', e)

print('### discover')
for kw in ({}, {'pattern': 'test_g*.py'}, {'pattern': '*_delta.py'}):
    loader = unittest.TestLoader()
    found = loader.discover('.', **kw)
    print(kw, found.countTestCases(), ids(found))
loader = unittest.TestLoader()
found = loader.discover('pkg', top_level_dir='.')
print(ids(found))
try:
    unittest.TestLoader().discover('notpkg', top_level_dir='.')
except ImportError as e:
    print('ImportError', re.sub(r"'.*/", "'", str(e)))

stream = io.StringIO()
result = unittest.TextTestRunner(stream=stream, verbosity=2).run(unittest.TestLoader().discover('.'))
print(re.sub(r'File ".*/', 'File "', re.sub(r'in \d+\.\d+s', 'in T', stream.getvalue())))

print('### suite')
s = unittest.TestSuite()
s.addTest(Local('test_a'))
s.addTests([Local('test_b'), unittest.TestSuite([Local('test_c')])])
print(s.countTestCases(), ids(s))
for bad in (Local, 'test_x', 5):
    try:
        s.addTest(bad) if bad != 'test_x' else s.addTests(bad)
    except TypeError as e:
        print('TypeError', e)
print(unittest.TestSuite([Local('test_a')]) == unittest.TestSuite([Local('test_a')]))
res = unittest.TestResult()
s.run(res)
print(res.testsRun, s.countTestCases(), list(s))
