# unittest.suite: TestSuite, a composite of tests, which also runs the
# class and module fixtures (setUpClass/tearDownClass, setUpModule/
# tearDownModule, their cleanups) as the tests it holds cross classes and
# modules.
import sys

from . import case
from . import util

__unittest = True


def _maybe_call(obj, name):
    method = getattr(obj, name, None)
    if method is not None:
        method()


class BaseTestSuite(object):
    """A list of tests that runs them in order (no fixtures)."""

    _cleanup = True

    def __init__(self, tests=()):
        self._tests = []
        self._removed_tests = 0
        self.addTests(tests)

    def __repr__(self):
        return '<%s tests=%s>' % (util.strclass(self.__class__), list(self))

    def __eq__(self, other):
        if isinstance(other, self.__class__):
            return [t for t in self] == [t for t in other]
        return NotImplemented

    def __iter__(self):
        return iter(self._tests)

    def countTestCases(self):
        total = self._removed_tests
        for test in self:
            if test:
                total += test.countTestCases()
        return total

    def addTest(self, test):
        if not callable(test):
            raise TypeError('{} is not callable'.format(repr(test)))
        if isinstance(test, type) and issubclass(test, (case.TestCase, TestSuite)):
            raise TypeError('TestCases and TestSuites must be instantiated '
                            'before passing them to addTest()')
        self._tests.append(test)

    def addTests(self, tests):
        if isinstance(tests, str):
            raise TypeError('tests must be an iterable of tests, not a string')
        for test in tests:
            self.addTest(test)

    def run(self, result):
        for i, test in enumerate(self):
            if result.shouldStop:
                break
            test(result)
            if self._cleanup:
                self._removeTestAtIndex(i)
        return result

    def _removeTestAtIndex(self, i):
        # drop a test that has run, keeping its count
        try:
            test = self._tests[i]
        except TypeError:
            return
        counter = getattr(test, 'countTestCases', None)
        if counter is not None:
            self._removed_tests += counter()
        self._tests[i] = None

    def __call__(self, *args, **kwds):
        return self.run(*args, **kwds)

    def debug(self):
        """Runs the tests without a result: exceptions propagate."""
        for test in self:
            test.debug()


def _is_test(obj):
    # a single test rather than a suite of them
    try:
        iter(obj)
    except TypeError:
        return True
    return False


class _DebugResult(object):
    # what debug() runs fixtures with: errors are raised, not recorded
    _previousTestClass = None
    _moduleSetUpFailed = False
    shouldStop = False


class TestSuite(BaseTestSuite):
    """A list of tests that also runs the fixtures of their classes and
    modules: setUpClass before a class's first test, tearDownClass after
    its last, and the same for modules."""

    def run(self, result, debug=False):
        outermost = not getattr(result, '_testRunEntered', False)
        if outermost:
            result._testRunEntered = True
        for i, test in enumerate(self):
            if result.shouldStop:
                break
            if _is_test(test):
                # crossing into another class (or module) runs the fixtures
                for step in (self._tearDownPreviousClass, self._handleModuleFixture,
                             self._handleClassSetUp):
                    step(test, result)
                kind = type(test)
                result._previousTestClass = kind
                if getattr(result, '_moduleSetUpFailed', False) or getattr(kind, '_classSetupFailed', False):
                    continue
            if debug:
                test.debug()
            else:
                test(result)
            if self._cleanup:
                self._removeTestAtIndex(i)
        if outermost:
            # the last class and module are torn down by the outermost suite
            self._tearDownPreviousClass(None, result)
            self._handleModuleTearDown(result)
            result._testRunEntered = False
        return result

    def debug(self):
        self.run(_DebugResult(), True)

    def _report(self, result, exc, method_name, parent, info=None):
        # an error outside any test: reported for "METHOD (PARENT)"
        holder = _ErrorHolder('%s (%s)' % (method_name, parent))
        add_skip = getattr(result, 'addSkip', None)
        if add_skip is not None and isinstance(exc, case.SkipTest):
            add_skip(holder, str(exc))
        elif info:
            result.addError(holder, info)
        else:
            result.addError(holder, (type(exc), exc, exc.__traceback__))

    def _handleClassSetUp(self, test, res):
        cls = test.__class__
        if cls == getattr(res, '_previousTestClass', None):
            return
        if res._moduleSetUpFailed or getattr(cls, '__unittest_skip__', False):
            return
        try:
            cls._classSetupFailed = False
        except TypeError:
            pass       # a test that is not a TestCase (a function)
        set_up = getattr(cls, 'setUpClass', None)
        cleanups = getattr(cls, 'doClassCleanups', None)
        if set_up is None:
            return
        _maybe_call(res, '_setupStdout')
        try:
            name = util.strclass(cls)
            try:
                set_up()
            except Exception as e:
                if type(res) is _DebugResult:
                    raise
                try:
                    cls._classSetupFailed = True
                except TypeError:
                    pass
                self._report(res, e, 'setUpClass', name)
                if cleanups is not None:
                    cleanups()
                    for info in cls.tearDown_exceptions:
                        self._report(res, info[1], 'setUpClass', name, info)
        finally:
            _maybe_call(res, '_restoreStdout')

    def _previous_module(self, result):
        cls = getattr(result, '_previousTestClass', None)
        return None if cls is None else cls.__module__

    def _handleModuleFixture(self, test, res):
        previous = self._previous_module(res)
        current = test.__class__.__module__
        if current == previous:
            return
        self._handleModuleTearDown(res)   # of the module before
        res._moduleSetUpFailed = False
        module = sys.modules.get(current)
        if module is None:
            return
        set_up = getattr(module, 'setUpModule', None)
        if set_up is None:
            return
        _maybe_call(res, '_setupStdout')
        try:
            try:
                set_up()
            except Exception as e:
                if type(res) is _DebugResult:
                    raise
                res._moduleSetUpFailed = True   # its tests are not run
                self._report(res, e, 'setUpModule', current)
            if res._moduleSetUpFailed:
                try:
                    case.doModuleCleanups()
                except Exception as e:
                    self._report(res, e, 'setUpModule', current)
        finally:
            _maybe_call(res, '_restoreStdout')

    def _handleModuleTearDown(self, res):
        previous = self._previous_module(res)
        if previous is None or res._moduleSetUpFailed:
            return
        module = sys.modules.get(previous)
        if module is None:
            return
        _maybe_call(res, '_setupStdout')
        try:
            tear_down = getattr(module, 'tearDownModule', None)
            if tear_down is not None:
                try:
                    tear_down()
                except Exception as e:
                    if type(res) is _DebugResult:
                        raise
                    self._report(res, e, 'tearDownModule', previous)
            try:
                case.doModuleCleanups()
            except Exception as e:
                if type(res) is _DebugResult:
                    raise
                self._report(res, e, 'tearDownModule', previous)
        finally:
            _maybe_call(res, '_restoreStdout')

    def _tearDownPreviousClass(self, test, res):
        previous = getattr(res, '_previousTestClass', None)
        if previous is None or test.__class__ == previous:
            return
        if (getattr(previous, '_classSetupFailed', False) or
                getattr(res, '_moduleSetUpFailed', False) or
                getattr(previous, '__unittest_skip__', False)):
            return
        tear_down = getattr(previous, 'tearDownClass', None)
        cleanups = getattr(previous, 'doClassCleanups', None)
        if tear_down is None and cleanups is None:
            return
        _maybe_call(res, '_setupStdout')
        try:
            name = util.strclass(previous)
            if tear_down is not None:
                try:
                    tear_down()
                except Exception as e:
                    if type(res) is _DebugResult:
                        raise
                    self._report(res, e, 'tearDownClass', name)
            if cleanups is not None:
                cleanups()
                for info in previous.tearDown_exceptions:
                    if type(res) is _DebugResult:
                        raise info[1]
                    self._report(res, info[1], 'tearDownClass', name, info)
        finally:
            _maybe_call(res, '_restoreStdout')


class _ErrorHolder(object):
    """Stands for the test in a report of an error outside any test
    (a class or module fixture)."""

    failureException = None

    def __init__(self, description):
        self.description = description

    def id(self):
        return self.description

    def shortDescription(self):
        return None

    def __repr__(self):
        return '<ErrorHolder description=%r>' % (self.description,)

    def __str__(self):
        return self.id()

    def run(self, result):
        pass

    def __call__(self, result):
        return self.run(result)

    def countTestCases(self):
        return 0
