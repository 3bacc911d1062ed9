# unittest.case: TestCase with its fixtures, cleanups, subtests and
# assertion methods; FunctionTestCase; the skip and expectedFailure
# decorators; module-level cleanups.
import collections
import contextlib
import difflib
import functools
import pprint
import re
import sys
import time
import types
import warnings

from . import result
from .util import (safe_repr, strclass, _common_shorten_repr,
                   _count_diff_all_purpose, _count_diff_hashable)

__unittest = True

_NO_MSG = object()

DIFF_OMITTED = ('\nDiff is %s characters long. '
                'Set self.maxDiff to None to see it.')


class SkipTest(Exception):
    """Raised to skip a test; its argument is the reason shown."""


class _ShouldStop(Exception):
    # ends a test early when failfast stops the run inside a subtest
    pass


class _UnexpectedSuccess(Exception):
    pass


def _record_skip(res, test, reason):
    adder = getattr(res, 'addSkip', None)
    if adder is None:
        warnings.warn('TestResult has no addSkip method, skips not reported',
                      RuntimeWarning, 2)
        res.addSuccess(test)
    else:
        adder(test, reason)


def _record_error(res, test, exc_info):
    if res is None or exc_info is None:
        return
    if issubclass(exc_info[0], test.failureException):
        res.addFailure(test, exc_info)
    else:
        res.addError(test, exc_info)


class _Outcome(object):
    """How the parts of one test (setUp, the method, tearDown, each
    cleanup and subtest) went.  Each part runs inside part(); what it
    raises goes to the result at once."""

    def __init__(self, res=None):
        self.result = res
        self.expecting_failure = False
        self.success = True
        self.expectedFailure = None
        self.result_supports_subtests = hasattr(res, 'addSubTest')

    @contextlib.contextmanager
    def testPartExecutor(self, test_case, subTest=False):
        before = self.success
        self.success = True
        try:
            yield
        except KeyboardInterrupt:
            raise
        except SkipTest as exc:
            self.success = False
            _record_skip(self.result, test_case, str(exc))
        except _ShouldStop:
            pass
        except BaseException:
            info = sys.exc_info()
            if self.expecting_failure:
                self.expectedFailure = info
            else:
                self.success = False
                if subTest:
                    self.result.addSubTest(test_case.test_case, test_case, info)
                else:
                    _record_error(self.result, test_case, info)
            info = None
        else:
            if subTest and self.success:
                self.result.addSubTest(test_case.test_case, test_case, None)
        finally:
            self.success = self.success and before


def _id(obj):
    return obj


def skip(reason):
    """Unconditionally skips the decorated test or class."""
    def mark(item):
        if not isinstance(item, type):
            @functools.wraps(item)
            def skipped(*args, **kwargs):
                raise SkipTest(reason)
            item = skipped
        item.__unittest_skip__ = True
        item.__unittest_skip_why__ = reason
        return item
    if isinstance(reason, types.FunctionType):
        # @skip without arguments
        item, reason = reason, ''
        return mark(item)
    return mark


def skipIf(condition, reason):
    """Skips the decorated test if condition is true."""
    return skip(reason) if condition else _id


def skipUnless(condition, reason):
    """Skips the decorated test unless condition is true."""
    return _id if condition else skip(reason)


def expectedFailure(test_item):
    test_item.__unittest_expecting_failure__ = True
    return test_item


def _enter(cm, add_cleanup):
    # enters context manager cm and has its __exit__ run as a cleanup
    kind = type(cm)
    try:
        enter = kind.__enter__
        leave = kind.__exit__
    except AttributeError:
        raise TypeError(f"'{kind.__module__}.{kind.__qualname__}' object does "
                        f"not support the context manager protocol") from None
    value = enter(cm)
    add_cleanup(leave, cm, None, None, None)
    return value


_module_cleanups = []


def addModuleCleanup(function, /, *args, **kwargs):
    """Registers function to run after the module's tests (tearDownModule)."""
    _module_cleanups.append((function, args, kwargs))


def enterModuleContext(cm):
    return _enter(cm, addModuleCleanup)


def doModuleCleanups():
    """Runs the module cleanups, last added first; re-raises the first error."""
    problems = []
    while _module_cleanups:
        function, args, kwargs = _module_cleanups.pop()
        try:
            function(*args, **kwargs)
        except Exception as exc:
            problems.append(exc)
    if problems:
        raise problems[0]


class _BaseTestCaseContext:

    def __init__(self, test_case):
        self.test_case = test_case

    def _raiseFailure(self, standardMsg):
        text = self.test_case._formatMessage(self.msg, standardMsg)
        raise self.test_case.failureException(text)


def _subclass_of(expected, base):
    if isinstance(expected, tuple):
        return all(_subclass_of(e, base) for e in expected)
    return isinstance(expected, type) and issubclass(expected, base)


class _AssertRaisesBaseContext(_BaseTestCaseContext):

    def __init__(self, expected, test_case, expected_regex=None):
        _BaseTestCaseContext.__init__(self, test_case)
        self.expected = expected
        self.test_case = test_case
        if expected_regex is not None:
            expected_regex = re.compile(expected_regex)
        self.expected_regex = expected_regex
        self.obj_name = None
        self.msg = None

    def handle(self, name, args, kwargs):
        """assertRaises and friends: with a callable, call it in this
        context; without, return the context for a with statement."""
        try:
            if not _subclass_of(self.expected, self._base_type):
                raise TypeError('%s() arg 1 must be %s' % (name, self._base_type_str))
            if not args:
                self.msg = kwargs.pop('msg', None)
                if kwargs:
                    raise TypeError('%r is an invalid keyword argument for '
                                    'this function' % (next(iter(kwargs)),))
                return self
            func, *args = args
            self.obj_name = getattr(func, '__name__', None)
            if self.obj_name is None:
                self.obj_name = str(func)
            with self:
                func(*args, **kwargs)
        finally:
            self = None

    def _expected_name(self):
        return getattr(self.expected, '__name__', None) or str(self.expected)

    def _not_seen(self, verb):
        what = '{} {}'.format(self._expected_name(), verb)
        if self.obj_name:
            what += ' by {}'.format(self.obj_name)
        self._raiseFailure(what)


class _AssertRaisesContext(_AssertRaisesBaseContext):
    """The context manager behind assertRaises and assertRaisesRegex."""

    _base_type = BaseException
    _base_type_str = 'an exception type or tuple of exception types'

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        if exc_type is None:
            self._not_seen('not raised')
        if not issubclass(exc_type, self.expected):
            return False
        self.exception = exc_value.with_traceback(None)
        pattern = self.expected_regex
        if pattern is not None and not pattern.search(str(exc_value)):
            self._raiseFailure('"{}" does not match "{}"'.format(pattern.pattern, str(exc_value)))
        return True

    __class_getitem__ = classmethod(types.GenericAlias)


class _AssertWarnsContext(_AssertRaisesBaseContext):
    """The context manager behind assertWarns and assertWarnsRegex."""

    _base_type = Warning
    _base_type_str = 'a warning type or tuple of warning types'

    def __enter__(self):
        # forget what was already warned, so that the warning fires again
        for mod in list(sys.modules.values()):
            if getattr(mod, '__warningregistry__', None):
                mod.__warningregistry__ = {}
        self.warnings_manager = warnings.catch_warnings(record=True)
        self.warnings = self.warnings_manager.__enter__()
        warnings.simplefilter('always', self.expected)
        return self

    def __exit__(self, exc_type, exc_value, tb):
        self.warnings_manager.__exit__(exc_type, exc_value, tb)
        if exc_type is not None:
            return
        unmatched = None
        for record in self.warnings:
            message = record.message
            if not isinstance(message, self.expected):
                continue
            if self.expected_regex is not None and not self.expected_regex.search(str(message)):
                if unmatched is None:
                    unmatched = message
                continue
            self.warning = message
            self.filename = record.filename
            self.lineno = record.lineno
            return
        if unmatched is not None:
            self._raiseFailure('"{}" does not match "{}"'.format(
                self.expected_regex.pattern, str(unmatched)))
        self._not_seen('not triggered')


_LoggingWatcher = collections.namedtuple('_LoggingWatcher', ['records', 'output'])


class _AssertLogsContext(_BaseTestCaseContext):
    """The context manager behind assertLogs and assertNoLogs."""

    LOGGING_FORMAT = '%(levelname)s:%(name)s:%(message)s'

    def __init__(self, test_case, logger_name, level, no_logs):
        _BaseTestCaseContext.__init__(self, test_case)
        self.logger_name = logger_name
        import logging
        self.level = logging._nameToLevel.get(level, level) if level else logging.INFO
        self.msg = None
        self.no_logs = no_logs

    def __enter__(self):
        import logging

        watcher = _LoggingWatcher([], [])

        class Collector(logging.Handler):
            def emit(self, record):
                watcher.records.append(record)
                watcher.output.append(self.format(record))

        if isinstance(self.logger_name, logging.Logger):
            logger = self.logger = self.logger_name
        else:
            logger = self.logger = logging.getLogger(self.logger_name)
        handler = Collector()
        handler.setLevel(self.level)
        handler.setFormatter(logging.Formatter(self.LOGGING_FORMAT))
        self.watcher = watcher
        self.saved = (logger.handlers[:], logger.level, logger.propagate)
        logger.handlers = [handler]
        logger.setLevel(self.level)
        logger.propagate = False
        if self.no_logs:
            return None
        return watcher

    def __exit__(self, exc_type, exc_value, tb):
        import logging
        self.logger.handlers, level, self.logger.propagate = self.saved
        self.logger.setLevel(level)
        if exc_type is not None:
            return False
        if self.no_logs:
            if self.watcher.records:
                self._raiseFailure('Unexpected logs found: {!r}'.format(self.watcher.output))
        elif not self.watcher.records:
            self._raiseFailure('no logs of level {} or higher triggered on {}'.format(
                logging.getLevelName(self.level), self.logger.name))


class _OrderedChainMap(collections.ChainMap):
    def __iter__(self):
        seen = set()
        for mapping in self.maps:
            for key in mapping:
                if key not in seen:
                    seen.add(key)
                    yield key


class TestCase(object):
    """One test: an instance runs the method named by methodName, between
    setUp and tearDown, and reports to a TestResult."""

    failureException = AssertionError
    longMessage = True
    maxDiff = 80 * 8
    # beyond this length strings are compared without a diff (too slow)
    _diffThreshold = 2 ** 16

    def __init_subclass__(cls, *args, **kwargs):
        cls._classSetupFailed = False
        cls._class_cleanups = []
        super().__init_subclass__(*args, **kwargs)

    def __init__(self, methodName='runTest'):
        self._testMethodName = methodName
        self._outcome = None
        self._testMethodDoc = 'No test'
        try:
            method = getattr(self, methodName)
        except AttributeError:
            if methodName != 'runTest':
                raise ValueError('no such test method in %s: %s' % (self.__class__, methodName))
        else:
            self._testMethodDoc = method.__doc__
        self._cleanups = []
        self._subtest = None
        self._type_equality_funcs = {}
        for kind, name in ((dict, 'assertDictEqual'), (list, 'assertListEqual'),
                           (tuple, 'assertTupleEqual'), (set, 'assertSetEqual'),
                           (frozenset, 'assertSetEqual'), (str, 'assertMultiLineEqual')):
            self.addTypeEqualityFunc(kind, name)

    def addTypeEqualityFunc(self, typeobj, function):
        """assertEqual compares two objects of exactly type typeobj with
        function (or the method of that name)."""
        self._type_equality_funcs[typeobj] = function

    def addCleanup(self, function, /, *args, **kwargs):
        """Registers function to run after tearDown (last added, first run),
        even when setUp fails."""
        self._cleanups.append((function, args, kwargs))

    def enterContext(self, cm):
        return _enter(cm, self.addCleanup)

    @classmethod
    def addClassCleanup(cls, function, /, *args, **kwargs):
        """Registers function to run after tearDownClass."""
        cls._class_cleanups.append((function, args, kwargs))

    @classmethod
    def enterClassContext(cls, cm):
        return _enter(cm, cls.addClassCleanup)

    def setUp(self):
        "Runs before each test method."

    def tearDown(self):
        "Runs after each test method."

    @classmethod
    def setUpClass(cls):
        "Runs once before the class's tests."

    @classmethod
    def tearDownClass(cls):
        "Runs once after the class's tests."

    def countTestCases(self):
        return 1

    def defaultTestResult(self):
        return result.TestResult()

    def shortDescription(self):
        """The first line of the test method's docstring, or None."""
        doc = self._testMethodDoc
        if not doc:
            return None
        return doc.strip().split('\n')[0].strip()

    def id(self):
        return '{}.{}'.format(strclass(self.__class__), self._testMethodName)

    def __eq__(self, other):
        if type(self) is not type(other):
            return NotImplemented
        return self._testMethodName == other._testMethodName

    def __hash__(self):
        return hash((type(self), self._testMethodName))

    def __str__(self):
        return '{} ({}.{})'.format(self._testMethodName, strclass(self.__class__),
                                   self._testMethodName)

    def __repr__(self):
        return '<{} testMethod={}>'.format(strclass(self.__class__), self._testMethodName)

    @contextlib.contextmanager
    def subTest(self, msg=_NO_MSG, **params):
        """Runs the body of the with statement as a subtest: a failure is
        reported with msg and params, and the test goes on after it."""
        outcome = self._outcome
        if outcome is None or not outcome.result_supports_subtests:
            yield
            return
        outer = self._subtest
        if outer is None:
            merged = _OrderedChainMap(params)
        else:
            merged = outer.params.new_child(params)
        self._subtest = _SubTest(self, msg, merged)
        try:
            with outcome.testPartExecutor(self._subtest, subTest=True):
                yield
            if not outcome.success:
                res = outcome.result
                if res is not None and res.failfast:
                    raise _ShouldStop
            elif outcome.expectedFailure:
                # an expected failure ends the test: the rest cannot pass
                raise _ShouldStop
        finally:
            self._subtest = outer

    def _addExpectedFailure(self, res, exc_info):
        adder = getattr(res, 'addExpectedFailure', None)
        if adder is None:
            warnings.warn('TestResult has no addExpectedFailure method, reporting as passes',
                          RuntimeWarning)
            res.addSuccess(self)
        else:
            adder(self, exc_info)

    def _addUnexpectedSuccess(self, res):
        adder = getattr(res, 'addUnexpectedSuccess', None)
        if adder is None:
            warnings.warn('TestResult has no addUnexpectedSuccess method, reporting as failure',
                          RuntimeWarning)
            try:
                raise _UnexpectedSuccess from None
            except _UnexpectedSuccess:
                res.addFailure(self, sys.exc_info())
        else:
            adder(self)

    def _callSetUp(self):
        self.setUp()

    def _callTestMethod(self, method):
        if method() is not None:
            warnings.warn(f'It is deprecated to return a value that is not None '
                          f'from a test case ({method})', DeprecationWarning, stacklevel=3)

    def _callTearDown(self):
        self.tearDown()

    def _callCleanup(self, function, /, *args, **kwargs):
        function(*args, **kwargs)

    def run(self, result=None):
        own_result = result is None
        if own_result:
            result = self.defaultTestResult()
            start = getattr(result, 'startTestRun', None)
            stop = getattr(result, 'stopTestRun', None)
            if start is not None:
                start()
        else:
            stop = None
        result.startTest(self)
        began = time.perf_counter()
        try:
            method = getattr(self, self._testMethodName)
            if (getattr(self.__class__, '__unittest_skip__', False) or
                    getattr(method, '__unittest_skip__', False)):
                why = (getattr(self.__class__, '__unittest_skip_why__', '') or
                       getattr(method, '__unittest_skip_why__', ''))
                _record_skip(result, self, why)
                return result
            expecting = (getattr(self, '__unittest_expecting_failure__', False) or
                         getattr(method, '__unittest_expecting_failure__', False))
            outcome = _Outcome(result)
            try:
                self._outcome = outcome
                with outcome.testPartExecutor(self):
                    self._callSetUp()
                if outcome.success:
                    outcome.expecting_failure = expecting
                    with outcome.testPartExecutor(self):
                        self._callTestMethod(method)
                    outcome.expecting_failure = False
                    with outcome.testPartExecutor(self):
                        self._callTearDown()
                self.doCleanups()
                timer = getattr(result, 'addDuration', None)
                if timer is not None:
                    timer(self, time.perf_counter() - began)
                if outcome.success:
                    if not expecting:
                        result.addSuccess(self)
                    elif outcome.expectedFailure:
                        self._addExpectedFailure(result, outcome.expectedFailure)
                    else:
                        self._addUnexpectedSuccess(result)
                return result
            finally:
                # break the cycles through the exceptions kept
                outcome.expectedFailure = None
                outcome = None
                self._outcome = None
        finally:
            result.stopTest(self)
            if stop is not None:
                stop()

    def doCleanups(self):
        """Runs the cleanups added with addCleanup; False if one failed."""
        outcome = self._outcome or _Outcome()
        while self._cleanups:
            function, args, kwargs = self._cleanups.pop()
            with outcome.testPartExecutor(self):
                self._callCleanup(function, *args, **kwargs)
        return outcome.success

    @classmethod
    def doClassCleanups(cls):
        """Runs the class cleanups; their errors land in cls.tearDown_exceptions."""
        cls.tearDown_exceptions = []
        while cls._class_cleanups:
            function, args, kwargs = cls._class_cleanups.pop()
            try:
                function(*args, **kwargs)
            except Exception:
                cls.tearDown_exceptions.append(sys.exc_info())

    def __call__(self, *args, **kwds):
        return self.run(*args, **kwds)

    def debug(self):
        """Runs the test without a result: exceptions propagate."""
        method = getattr(self, self._testMethodName)
        if (getattr(self.__class__, '__unittest_skip__', False) or
                getattr(method, '__unittest_skip__', False)):
            why = (getattr(self.__class__, '__unittest_skip_why__', '') or
                   getattr(method, '__unittest_skip_why__', ''))
            raise SkipTest(why)
        self._callSetUp()
        self._callTestMethod(method)
        self._callTearDown()
        while self._cleanups:
            function, args, kwargs = self._cleanups.pop()
            self._callCleanup(function, *args, **kwargs)

    def skipTest(self, reason):
        raise SkipTest(reason)

    def fail(self, msg=None):
        raise self.failureException(msg)

    # ---- messages ----

    def _formatMessage(self, msg, standardMsg):
        # the user's msg replaces the standard one, or with longMessage
        # follows it after " : "
        if not self.longMessage:
            return msg or standardMsg
        if msg is None:
            return standardMsg
        return '%s : %s' % (standardMsg, msg)

    def _truncateMessage(self, message, diff):
        limit = self.maxDiff
        if limit is None or len(diff) <= limit:
            return message + diff
        return message + (DIFF_OMITTED % len(diff))

    # ---- assertions ----

    def assertFalse(self, expr, msg=None):
        if expr:
            self.fail(self._formatMessage(msg, '%s is not false' % safe_repr(expr)))

    def assertTrue(self, expr, msg=None):
        if not expr:
            self.fail(self._formatMessage(msg, '%s is not true' % safe_repr(expr)))

    def assertRaises(self, expected_exception, *args, **kwargs):
        """Fails unless the callable (args[0]) raises expected_exception;
        without a callable, a context manager whose `exception` is what
        the with body raised."""
        ctx = _AssertRaisesContext(expected_exception, self)
        try:
            return ctx.handle('assertRaises', args, kwargs)
        finally:
            ctx = None

    def assertWarns(self, expected_warning, *args, **kwargs):
        ctx = _AssertWarnsContext(expected_warning, self)
        return ctx.handle('assertWarns', args, kwargs)

    def assertLogs(self, logger=None, level=None):
        """A context manager that fails unless its body logs at level or
        above on logger; it gives (records, output)."""
        return _AssertLogsContext(self, logger, level, no_logs=False)

    def assertNoLogs(self, logger=None, level=None):
        return _AssertLogsContext(self, logger, level, no_logs=True)

    def _getAssertEqualityFunc(self, first, second):
        if type(first) == type(second):
            how = self._type_equality_funcs.get(type(first))
            if how is not None:
                if isinstance(how, str):
                    how = getattr(self, how)
                return how
        return self._baseAssertEqual

    def _baseAssertEqual(self, first, second, msg=None):
        if not first == second:
            standard = '%s != %s' % _common_shorten_repr(first, second)
            self.fail(self._formatMessage(msg, standard))

    def assertEqual(self, first, second, msg=None):
        compare = self._getAssertEqualityFunc(first, second)
        compare(first, second, msg=msg)

    def assertNotEqual(self, first, second, msg=None):
        if not first != second:
            self.fail(self._formatMessage(msg, '%s == %s' % (safe_repr(first), safe_repr(second))))

    def assertAlmostEqual(self, first, second, places=None, msg=None, delta=None):
        if first == second:
            return
        if delta is not None and places is not None:
            raise TypeError('specify delta or places not both')
        gap = abs(first - second)
        if delta is not None:
            if gap <= delta:
                return
            standard = '%s != %s within %s delta (%s difference)' % (
                safe_repr(first), safe_repr(second), safe_repr(delta), safe_repr(gap))
        else:
            if places is None:
                places = 7
            if round(gap, places) == 0:
                return
            standard = '%s != %s within %r places (%s difference)' % (
                safe_repr(first), safe_repr(second), places, safe_repr(gap))
        self.fail(self._formatMessage(msg, standard))

    def assertNotAlmostEqual(self, first, second, places=None, msg=None, delta=None):
        if delta is not None and places is not None:
            raise TypeError('specify delta or places not both')
        gap = abs(first - second)
        if delta is not None:
            if first != second and gap > delta:
                return
            standard = '%s == %s within %s delta (%s difference)' % (
                safe_repr(first), safe_repr(second), safe_repr(delta), safe_repr(gap))
        else:
            if places is None:
                places = 7
            if first != second and round(gap, places) != 0:
                return
            standard = '%s == %s within %r places' % (safe_repr(first), safe_repr(second), places)
        self.fail(self._formatMessage(msg, standard))

    def _ndiff_of(self, a, b):
        return '\n' + '\n'.join(difflib.ndiff(pprint.pformat(a).splitlines(),
                                             pprint.pformat(b).splitlines()))

    def assertSequenceEqual(self, seq1, seq2, msg=None, seq_type=None):
        """Fails unless the two sequences are equal item by item; the
        message names the first difference and shows an ndiff."""
        if seq_type is None:
            kind = 'sequence'
        else:
            kind = seq_type.__name__
            for which, seq in (('First', seq1), ('Second', seq2)):
                if not isinstance(seq, seq_type):
                    raise self.failureException('%s sequence is not a %s: %s'
                                                % (which, kind, safe_repr(seq)))
        text = None
        try:
            n1 = len(seq1)
        except (TypeError, NotImplementedError):
            text = 'First %s has no length.    Non-sequence?' % kind
        if text is None:
            try:
                n2 = len(seq2)
            except (TypeError, NotImplementedError):
                text = 'Second %s has no length.    Non-sequence?' % kind
        if text is None:
            if seq1 == seq2:
                return
            text = '%ss differ: %s != %s\n' % ((kind.capitalize(),) + _common_shorten_repr(seq1, seq2))
            found = False
            for i in range(min(n1, n2)):
                try:
                    a = seq1[i]
                except (TypeError, IndexError, NotImplementedError):
                    text += '\nUnable to index element %d of first %s\n' % (i, kind)
                    found = True
                    break
                try:
                    b = seq2[i]
                except (TypeError, IndexError, NotImplementedError):
                    text += '\nUnable to index element %d of second %s\n' % (i, kind)
                    found = True
                    break
                if a != b:
                    text += '\nFirst differing element %d:\n%s\n%s\n' % ((i,) + _common_shorten_repr(a, b))
                    found = True
                    break
            if not found:
                if n1 == n2 and seq_type is None and type(seq1) != type(seq2):
                    # equal items in sequences of different types
                    return
                if n1 != n2:
                    longer, shorter, which = (seq1, n2, 'First') if n1 > n2 else (seq2, n1, 'Second')
                    text += '\n%s %s contains %d additional elements.\n' % (which, kind, abs(n1 - n2))
                    try:
                        text += 'First extra element %d:\n%s\n' % (shorter, safe_repr(longer[shorter]))
                    except (TypeError, IndexError, NotImplementedError):
                        text += 'Unable to index element %d of %s %s\n' % (shorter, which.lower(), kind)
            text = self._truncateMessage(text, self._ndiff_of(seq1, seq2))
        self.fail(self._formatMessage(msg, text))

    def assertListEqual(self, list1, list2, msg=None):
        self.assertSequenceEqual(list1, list2, msg, seq_type=list)

    def assertTupleEqual(self, tuple1, tuple2, msg=None):
        self.assertSequenceEqual(tuple1, tuple2, msg, seq_type=tuple)

    def assertSetEqual(self, set1, set2, msg=None):
        """Fails unless the sets are equal; the message lists what each
        has that the other lacks."""
        try:
            only1 = set1.difference(set2)
        except TypeError as e:
            self.fail('invalid type when attempting set difference: %s' % e)
        except AttributeError as e:
            self.fail('first argument does not support set difference: %s' % e)
        try:
            only2 = set2.difference(set1)
        except TypeError as e:
            self.fail('invalid type when attempting set difference: %s' % e)
        except AttributeError as e:
            self.fail('second argument does not support set difference: %s' % e)
        if not only1 and not only2:
            return
        lines = []
        if only1:
            lines.append('Items in the first set but not the second:')
            lines.extend(repr(item) for item in only1)
        if only2:
            lines.append('Items in the second set but not the first:')
            lines.extend(repr(item) for item in only2)
        self.fail(self._formatMessage(msg, '\n'.join(lines)))

    def assertIn(self, member, container, msg=None):
        if member not in container:
            self.fail(self._formatMessage(msg, '%s not found in %s' % (safe_repr(member),
                                                                       safe_repr(container))))

    def assertNotIn(self, member, container, msg=None):
        if member in container:
            self.fail(self._formatMessage(msg, '%s unexpectedly found in %s'
                                          % (safe_repr(member), safe_repr(container))))

    def assertIs(self, expr1, expr2, msg=None):
        if expr1 is not expr2:
            self.fail(self._formatMessage(msg, '%s is not %s' % (safe_repr(expr1), safe_repr(expr2))))

    def assertIsNot(self, expr1, expr2, msg=None):
        if expr1 is expr2:
            self.fail(self._formatMessage(msg, 'unexpectedly identical: %s' % (safe_repr(expr1),)))

    def assertDictEqual(self, d1, d2, msg=None):
        self.assertIsInstance(d1, dict, 'First argument is not a dictionary')
        self.assertIsInstance(d2, dict, 'Second argument is not a dictionary')
        if d1 != d2:
            text = '%s != %s' % _common_shorten_repr(d1, d2)
            text = self._truncateMessage(text, self._ndiff_of(d1, d2))
            self.fail(self._formatMessage(msg, text))

    def assertCountEqual(self, first, second, msg=None):
        """Fails unless the two iterables hold the same items the same
        number of times, in any order."""
        items1, items2 = list(first), list(second)
        try:
            equal = collections.Counter(items1) == collections.Counter(items2)
        except TypeError:
            mismatches = _count_diff_all_purpose(items1, items2)
        else:
            if equal:
                return
            mismatches = _count_diff_hashable(items1, items2)
        if mismatches:
            text = self._truncateMessage('Element counts were not equal:\n', '\n'.join(
                'First has %d, Second has %d:  %r' % m for m in mismatches))
            self.fail(self._formatMessage(msg, text))

    def assertMultiLineEqual(self, first, second, msg=None):
        """Fails unless the strings are equal; the message has a line diff."""
        self.assertIsInstance(first, str, 'First argument is not a string')
        self.assertIsInstance(second, str, 'Second argument is not a string')
        if first == second:
            return
        if len(first) > self._diffThreshold or len(second) > self._diffThreshold:
            self._baseAssertEqual(first, second, msg)
        if not (first.endswith('\n') and second.endswith('\n')):
            # ndiff's hint lines need every line ended: end the last ones
            lines1 = (first + '\n').splitlines(keepends=True)
            lines2 = (second + '\n').splitlines(keepends=True)
        else:
            lines1 = first.splitlines(keepends=True)
            lines2 = second.splitlines(keepends=True)
        text = '%s != %s' % _common_shorten_repr(first, second)
        text = self._truncateMessage(text, '\n' + ''.join(difflib.ndiff(lines1, lines2)))
        self.fail(self._formatMessage(msg, text))

    def assertLess(self, a, b, msg=None):
        if not a < b:
            self.fail(self._formatMessage(msg, '%s not less than %s' % (safe_repr(a), safe_repr(b))))

    def assertLessEqual(self, a, b, msg=None):
        if not a <= b:
            self.fail(self._formatMessage(msg, '%s not less than or equal to %s'
                                          % (safe_repr(a), safe_repr(b))))

    def assertGreater(self, a, b, msg=None):
        if not a > b:
            self.fail(self._formatMessage(msg, '%s not greater than %s' % (safe_repr(a), safe_repr(b))))

    def assertGreaterEqual(self, a, b, msg=None):
        if not a >= b:
            self.fail(self._formatMessage(msg, '%s not greater than or equal to %s'
                                          % (safe_repr(a), safe_repr(b))))

    def assertIsNone(self, obj, msg=None):
        if obj is not None:
            self.fail(self._formatMessage(msg, '%s is not None' % (safe_repr(obj),)))

    def assertIsNotNone(self, obj, msg=None):
        if obj is None:
            self.fail(self._formatMessage(msg, 'unexpectedly None'))

    def assertIsInstance(self, obj, cls, msg=None):
        if not isinstance(obj, cls):
            self.fail(self._formatMessage(msg, '%s is not an instance of %r' % (safe_repr(obj), cls)))

    def assertNotIsInstance(self, obj, cls, msg=None):
        if isinstance(obj, cls):
            self.fail(self._formatMessage(msg, '%s is an instance of %r' % (safe_repr(obj), cls)))

    def assertRaisesRegex(self, expected_exception, expected_regex, *args, **kwargs):
        ctx = _AssertRaisesContext(expected_exception, self, expected_regex)
        return ctx.handle('assertRaisesRegex', args, kwargs)

    def assertWarnsRegex(self, expected_warning, expected_regex, *args, **kwargs):
        ctx = _AssertWarnsContext(expected_warning, self, expected_regex)
        return ctx.handle('assertWarnsRegex', args, kwargs)

    def assertRegex(self, text, expected_regex, msg=None):
        if isinstance(expected_regex, (str, bytes)):
            assert expected_regex, 'expected_regex must not be empty.'
            expected_regex = re.compile(expected_regex)
        if not expected_regex.search(text):
            self.fail(self._formatMessage(msg, "Regex didn't match: %r not found in %r"
                                          % (expected_regex.pattern, text)))

    def assertNotRegex(self, text, unexpected_regex, msg=None):
        if isinstance(unexpected_regex, (str, bytes)):
            unexpected_regex = re.compile(unexpected_regex)
        found = unexpected_regex.search(text)
        if found:
            self.fail(self._formatMessage(msg, 'Regex matched: %r matches %r in %r'
                                          % (found.group(0), unexpected_regex.pattern, text)))


class FunctionTestCase(TestCase):
    """A test made of a plain function, with optional setUp and tearDown
    functions."""

    def __init__(self, testFunc, setUp=None, tearDown=None, description=None):
        super(FunctionTestCase, self).__init__()
        self._setUpFunc = setUp
        self._tearDownFunc = tearDown
        self._testFunc = testFunc
        self._description = description

    def setUp(self):
        if self._setUpFunc is not None:
            self._setUpFunc()

    def tearDown(self):
        if self._tearDownFunc is not None:
            self._tearDownFunc()

    def runTest(self):
        self._testFunc()

    def id(self):
        return self._testFunc.__name__

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return ((self._setUpFunc, self._tearDownFunc, self._testFunc, self._description) ==
                (other._setUpFunc, other._tearDownFunc, other._testFunc, other._description))

    def __hash__(self):
        return hash((type(self), self._setUpFunc, self._tearDownFunc,
                     self._testFunc, self._description))

    def __str__(self):
        return '%s (%s)' % (strclass(self.__class__), self._testFunc.__name__)

    def __repr__(self):
        return '<%s tec=%s>' % (strclass(self.__class__), self._testFunc)

    def shortDescription(self):
        if self._description is not None:
            return self._description
        doc = self._testFunc.__doc__
        return doc and doc.split('\n')[0].strip() or None


class _SubTest(TestCase):
    # one subTest() of a test, as results and reports see it

    def __init__(self, test_case, message, params):
        super().__init__()
        self._message = message
        self.test_case = test_case
        self.params = params
        self.failureException = test_case.failureException

    def runTest(self):
        raise NotImplementedError('subtests cannot be run directly')

    def _subDescription(self):
        words = []
        if self._message is not _NO_MSG:
            words.append('[{}]'.format(self._message))
        if self.params:
            words.append('({})'.format(', '.join('{}={!r}'.format(k, v)
                                                 for k, v in self.params.items())))
        return ' '.join(words) or '(<subtest>)'

    def id(self):
        return '{} {}'.format(self.test_case.id(), self._subDescription())

    def shortDescription(self):
        return self.test_case.shortDescription()

    def __str__(self):
        return '{} {}'.format(self.test_case, self._subDescription())
