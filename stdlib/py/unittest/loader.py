# unittest.loader: TestLoader, which makes suites out of TestCase classes,
# modules, dotted names and directories (discover), and the placeholder
# tests that report what could not be imported or loaded.
import functools
import os
import re
import sys
import traceback
import types
import fnmatch as _fnmatch

from . import case
from . import suite
from . import util

__unittest = True

# a file discovery may import: a module name ending in .py
VALID_MODULE_NAME = re.compile(r'(?i)[a-z_]\w*\.py$')


class _FailedTest(case.TestCase):
    # a test that raises what loading it raised
    _testMethodName = None

    def __init__(self, method_name, exception):
        self._exception = exception
        super().__init__(method_name)

    def __getattr__(self, name):
        if name == self._testMethodName:
            return self._raiser
        raise AttributeError(name)

    def _raiser(self):
        raise self._exception


def _failed_test(name, exc, suite_class, message):
    return suite_class((_FailedTest(name, exc),)), message


def _failed_import(name, suiteClass):
    message = 'Failed to import test module: %s\n%s' % (name, traceback.format_exc())
    return _failed_test(name, ImportError(message), suiteClass, message)


def _failed_load_tests(name, exception, suiteClass):
    message = 'Failed to call load_tests:\n' + traceback.format_exc()
    return _failed_test(name, exception, suiteClass, message)


def _skipped_module(methodname, exception, suiteClass):
    @case.skip(str(exception))
    def testSkipped(self):
        pass
    holder = type('ModuleSkipped', (case.TestCase,), {methodname: testSkipped})
    return suiteClass((holder(methodname),))


def _without_ext(path):
    root, _ = os.path.splitext(path)
    return root


class TestLoader(object):
    """Collects tests: the methods named with testMethodPrefix of TestCase
    classes, sorted with sortTestMethodsUsing and filtered by
    testNamePatterns; what fails to load lands in errors."""

    testMethodPrefix = 'test'
    sortTestMethodsUsing = staticmethod(util.three_way_cmp)   # cmp-style
    testNamePatterns = None
    suiteClass = suite.TestSuite
    _top_level_dir = None

    def __init__(self):
        self.errors = []
        # packages being loaded by discover (against loading one twice)
        self._loading_packages = set()

    def loadTestsFromTestCase(self, testCaseClass):
        """A suite of one test per test method of testCaseClass."""
        if issubclass(testCaseClass, suite.TestSuite):   # a common slip
            raise TypeError('Test cases should not be derived from '
                            'TestSuite. Maybe you meant to derive from '
                            'TestCase?')
        if testCaseClass is case.TestCase or testCaseClass is case.FunctionTestCase:
            names = []
        else:
            names = self.getTestCaseNames(testCaseClass)
            if not names and hasattr(testCaseClass, 'runTest'):
                names = ['runTest']
        return self.suiteClass(map(testCaseClass, names))

    def loadTestsFromModule(self, module, *, pattern=None):
        """A suite of the module's TestCase classes' tests, or what the
        module's load_tests(loader, tests, pattern) makes of them."""
        found = []
        for name in dir(module):
            obj = getattr(module, name)
            if (isinstance(obj, type) and issubclass(obj, case.TestCase) and
                    obj not in (case.TestCase, case.FunctionTestCase)):
                found.append(self.loadTestsFromTestCase(obj))
        tests = self.suiteClass(found)
        hook = getattr(module, 'load_tests', None)
        if hook is None:
            return tests
        try:
            return hook(self, tests, pattern)
        except Exception as e:
            failed, message = _failed_load_tests(module.__name__, e, self.suiteClass)
            self.errors.append(message)
            return failed

    def loadTestsFromName(self, name, module=None):
        """The tests a dotted name names: a module, a TestCase class, a
        test method, a suite, or a callable returning a test or suite;
        relative to module if given."""
        parts = name.split('.')
        failed = message = None
        if module is None:
            left = parts[:]
            while left:
                try:
                    module = __import__('.'.join(left))
                    break
                except ImportError:
                    tail = left.pop()
                    failed, message = _failed_import(tail, self.suiteClass)
                    if not left:
                        self.errors.append(message)
                        return failed
            parts = parts[1:]
        obj = module
        parent = None
        for part in parts:
            try:
                parent = obj
                obj = getattr(obj, part)
            except AttributeError as e:
                if getattr(obj, '__path__', None) is not None and failed is not None:
                    # a package's submodule that failed to import
                    self.errors.append(message)
                    return failed
                failed, message = _failed_test(part, e, self.suiteClass,
                                               'Failed to access attribute:\n%s' % (traceback.format_exc(),))
                self.errors.append(message)
                return failed
        if isinstance(obj, type) and issubclass(obj, case.TestCase):
            return self.loadTestsFromTestCase(obj)
        if type(obj) is types.ModuleType or isinstance(obj, types.ModuleType):
            return self.loadTestsFromModule(obj)
        if (isinstance(obj, types.FunctionType) and isinstance(parent, type) and
                issubclass(parent, case.TestCase)):   # a test method
            method_name = parts[-1]
            test = parent(method_name)
            # a static method is no test method: fall through to calling it
            if not isinstance(getattr(test, method_name), types.FunctionType):
                return self.suiteClass([test])
        elif isinstance(obj, suite.TestSuite):   # a suite object in a module
            return obj
        if not callable(obj):
            raise TypeError("don't know how to make test from: {}".format(obj))
        made = obj()
        if isinstance(made, suite.TestSuite):
            return made
        if isinstance(made, case.TestCase):
            return self.suiteClass([made])
        raise TypeError('calling %s returned %s, not a test' % (obj, made))

    def loadTestsFromNames(self, names, module=None):
        return self.suiteClass([self.loadTestsFromName(name, module) for name in names])

    def getTestCaseNames(self, testCaseClass):
        """The names of testCaseClass's test methods, sorted."""
        prefix = self.testMethodPrefix
        patterns = self.testNamePatterns

        def wanted(attr):
            if not attr.startswith(prefix):
                return False
            if not callable(getattr(testCaseClass, attr)):
                return False
            if patterns is None:
                return True
            full = '%s.%s.%s' % (testCaseClass.__module__, testCaseClass.__qualname__, attr)
            return any(_fnmatch.fnmatchcase(full, p) for p in patterns)

        names = [attr for attr in dir(testCaseClass) if wanted(attr)]
        if self.sortTestMethodsUsing:
            names.sort(key=functools.cmp_to_key(self.sortTestMethodsUsing))
        return names

    def discover(self, start_dir, pattern='test*.py', top_level_dir=None):
        """The tests of every module under start_dir whose file name matches
        pattern, recursing into packages; modules are imported by their
        names relative to top_level_dir (default start_dir), which goes
        on sys.path."""
        saved_top = self._top_level_dir
        if top_level_dir is None:
            top_level_dir = self._top_level_dir if self._top_level_dir is not None else start_dir
        top = os.path.abspath(top_level_dir)
        self._put_on_path(top)
        unimportable = False
        if os.path.isdir(start_dir):
            start_dir = os.path.abspath(start_dir)
            top_level_dir = top
            if start_dir != top_level_dir:
                unimportable = not os.path.isfile(os.path.join(start_dir, '__init__.py'))
        else:
            # a dotted package name
            try:
                __import__(start_dir)
            except ImportError:
                unimportable = True
            else:
                package = sys.modules[start_dir]
                where = getattr(package, '__file__', None)
                if where is None:
                    raise TypeError("don't know how to discover from {!r}".format(package))
                start_dir = os.path.abspath(os.path.dirname(where))
                top_level_dir = os.path.abspath(os.path.join(
                    start_dir, *['..'] * (len(package.__name__.split('.')))))
                self._put_on_path(top_level_dir)
        if unimportable:
            self._top_level_dir = saved_top
            raise ImportError('Start directory is not importable: {!r}'.format(start_dir))
        try:
            found = list(self._find_tests(start_dir, pattern))
        finally:
            self._top_level_dir = saved_top
        return self.suiteClass(found)

    def _put_on_path(self, top):
        # the top-level directory goes first on sys.path and is where
        # module names are counted from
        if top not in sys.path:
            sys.path.insert(0, top)
        self._top_level_dir = top

    def _get_name_from_path(self, where):
        if self._top_level_dir == where:
            return '.'
        rel = os.path.relpath(_without_ext(os.path.normpath(where)), self._top_level_dir)
        assert not os.path.isabs(rel), 'Path must be within the project'
        assert not rel.startswith('..'), 'Path must be within the project'
        return rel.replace(os.path.sep, '.')

    def _get_module_from_name(self, dotted):
        __import__(dotted)
        return sys.modules[dotted]

    def _match_path(self, base, full, pattern):
        return _fnmatch.fnmatch(base, pattern)

    def _find_tests(self, folder, pattern):
        here = self._get_name_from_path(folder)
        if here != '.' and here not in self._loading_packages:
            # folder is itself a package: its own tests first
            tests, go_on = self._find_test_path(folder, pattern)
            if tests is not None:
                yield tests
            if not go_on:
                return
        for entry in sorted(os.listdir(folder)):
            full = os.path.join(folder, entry)
            tests, go_on = self._find_test_path(full, pattern)
            if tests is not None:
                yield tests
            if go_on:
                yield from self._inside_package(self._get_name_from_path(full), self._find_tests,
                                                full, pattern)

    def _inside_package(self, name, produce, *args):
        # what produce(*args) yields, with package `name` marked as being
        # loaded (its own load_tests may call discover on it again)
        self._loading_packages.add(name)
        try:
            yield from produce(*args)
        finally:
            self._loading_packages.discard(name)

    def _import_for_discovery(self, name):
        # (module, None) or (None, the test standing for the failure)
        try:
            return self._get_module_from_name(name), None
        except case.SkipTest as e:
            return None, _skipped_module(name, e, self.suiteClass)
        except:
            failed, message = _failed_import(name, self.suiteClass)
            self.errors.append(message)
            return None, failed

    def _find_test_path(self, full, pattern):
        # (tests or None, whether to look inside full)
        base = os.path.basename(full)
        if os.path.isfile(full):
            if not VALID_MODULE_NAME.match(base) or not self._match_path(base, full, pattern):
                return None, False
            module, failed = self._import_for_discovery(self._get_name_from_path(full))
            if module is None:
                return failed, False
            found = self.loadTestsFromModule(module, pattern=pattern)
            return found, False
        if not os.path.isdir(full) or not os.path.isfile(os.path.join(full, '__init__.py')):
            return None, False
        dotted = self._get_name_from_path(full)
        package, failed = self._import_for_discovery(dotted)
        if package is None:
            return failed, False
        hook = getattr(package, 'load_tests', None)
        tests = list(self._inside_package(dotted, lambda: [self.loadTestsFromModule(
            package, pattern=pattern)]))[0]
        # a package with load_tests loads its own contents
        return tests, hook is None


defaultTestLoader = TestLoader()   # what unittest.main uses by default
