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
from .util import (safe_repr, strclass, _shortened_reprs,
                   _count_mismatches_by_equality, _count_mismatches_by_hash)

__unittest = True

_NO_MSG = object()

# what len() and [] of a would-be sequence may raise
_NO_LENGTH = (TypeError, NotImplementedError)
_NO_ITEM = _NO_LENGTH + (IndexError,)

DIFF_OMITTED = '\nDiff is %s characters long. Set self.maxDiff to None to see it.'


class SkipTest(Exception):
    """Raised to skip a test; its argument is the reason shown."""


class _ShouldStop(Exception):
    # ends a test early when failfast stops the run inside a subtest
    pass


class _PassedUnexpectedly(Exception):
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
    failed = issubclass(exc_info[0], test.failureException)
    (res.addFailure if failed else res.addError)(test, exc_info)


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
    def testPartExecutor(self, part_of, subTest=False):
        before = self.success
        self.success = True
        try:
            yield
        except KeyboardInterrupt:
            raise
        except SkipTest as exc:
            self.success = False
            _record_skip(self.result, part_of, str(exc))
        except _ShouldStop:
            pass
        except BaseException:
            info = sys.exc_info()
            if self.expecting_failure:
                self.expectedFailure = info
            else:
                self.success = False
                if subTest:
                    self.result.addSubTest(part_of.test_case, part_of, info)
                else:
                    _record_error(self.result, part_of, info)
            info = None
        else:
            if subTest and self.success:
                owner = part_of.test_case
                self.result.addSubTest(owner, part_of, None)
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
    if not isinstance(reason, types.FunctionType):
        return mark
    # @skip without arguments: reason is the test itself
    return skip('')(reason)


def skipIf(condition, reason):
    """Skips the decorated test if condition is true."""
    return skip(reason) if condition else _id


def skipUnless(condition, reason):
    """Skips the decorated test unless condition is true."""
    return _id if condition else skip(reason)


def expectedFailure(test_item):
    """Marks a test that should fail: its failure counts as a success."""
    setattr(test_item, '__unittest_expecting_failure__', True)
    return test_item


def _enter(cm, add_cleanup):
    # enters context manager cm and has its __exit__ run as a cleanup
    kind = type(cm)
    try:
        enter = kind.__enter__
        leave = kind.__exit__
    except AttributeError:
        where = kind.__module__ + '.' + kind.__qualname__
        raise TypeError("'%s' object does not support the context manager protocol"
                        % where) from None
    value = enter(cm)
    add_cleanup(leave, cm, None, None, None)
    return value


_module_cleanups = []


def addModuleCleanup(function, /, *args, **kwargs):
    """Registers function to run after the module's tests (tearDownModule)."""
    _module_cleanups.append((function, args, dict(kwargs)))


def enterModuleContext(cm):
    return _enter(cm, addModuleCleanup)


def doModuleCleanups():
    """Runs the module cleanups, last added first; re-raises the first error."""
    problems = []
    while _module_cleanups:
        fn, fargs, fkw = _module_cleanups.pop()
        try:
            fn(*fargs, **fkw)
        except Exception as exc:
            problems.append(exc)
    if problems:
        raise problems[0]


class _BaseTestCaseContext:

    def __init__(self, test_case):
        self.test_case = test_case

    def _raiseFailure(self, standard):
        text = self.test_case._formatMessage(self.msg, standard)
        raise self.test_case.failureException(text)


def _subclass_of(expected, base):
    if type(expected) is tuple or isinstance(expected, tuple):
        return all(_subclass_of(one, base) for one in expected)
    return isinstance(expected, type) and issubclass(expected, base)


class _ExpectationContext(_BaseTestCaseContext):

    def __init__(self, expected, test_case, expected_regex=None):
        super().__init__(test_case)
        self.expected = expected
        self.expected_regex = None if expected_regex is None else re.compile(expected_regex)
        self.obj_name = None
        self.msg = None

    def handle(self, name, args, kwargs):
        """assertRaises and friends: with a callable, call it in this
        context; without, return the context for a with statement."""
        try:
            if not _subclass_of(self.expected, self._base_type):
                raise TypeError('%s() arg 1 must be %s' % (name, self._base_type_str))
            if not args:
                self.msg = kwargs.pop('msg') if 'msg' in kwargs else None
                for unknown in kwargs:
                    raise TypeError('%r is an invalid keyword argument for this function'
                                    % (unknown,))
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


class _AssertRaisesContext(_ExpectationContext):
    """The context manager behind assertRaises and assertRaisesRegex."""

    _base_type = BaseException
    _base_type_str = 'an exception type or ' 'tuple of exception types'

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, tb):
        if exc_type is None:
            self._not_seen('not raised')
        if not issubclass(exc_type, self.expected):   # not ours: it propagates
            return False
        exc_value.__traceback__ = None
        self.exception = exc_value
        pattern = self.expected_regex
        if pattern is not None and not pattern.search(str(exc_value)):
            self._raiseFailure('"{}" does not match "{}"'.format(pattern.pattern, str(exc_value)))
        return True

    def __class_getitem__(cls, params):
        return types.GenericAlias(cls, params)


class _AssertWarnsContext(_ExpectationContext):
    """The context manager behind assertWarns and assertWarnsRegex."""

    _base_type = Warning
    _base_type_str = 'a warning type or ' 'tuple of warning types'

    def __enter__(self):
        # forget what was already warned, so that the warning fires again
        for mod in list(sys.modules.values()):
            if getattr(mod, '__warningregistry__', None):
                mod.__warningregistry__ = {}
        catcher = warnings.catch_warnings(record=True)
        self.warnings = catcher.__enter__()
        self.warnings_manager = catcher
        warnings.simplefilter('always', self.expected)
        return self

    def __exit__(self, exc_type, exc_value, tb):
        self.warnings_manager.__exit__(exc_type, exc_value, tb)  # stop recording
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
            pattern = self.expected_regex.pattern
            self._raiseFailure('"%s" does not match "%s"' % (pattern, unmatched))
        self._not_seen('not triggered')


_LoggingWatcher = collections.namedtuple('_LoggingWatcher', ['records', 'output'])


class _AssertLogsContext(_BaseTestCaseContext):
    """The context manager behind assertLogs and assertNoLogs."""

    LOGGING_FORMAT = '%(levelname)s:%(name)s:%(message)s'

    def __init__(self, test_case, logger_name, level, no_logs):
        super().__init__(test_case)
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

        logger = self.logger_name
        if not isinstance(logger, logging.Logger):
            logger = logging.getLogger(logger)
        self.logger = logger
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


class _ParamsChain(collections.ChainMap):
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

    longMessage = True
    failureException = AssertionError   # what fail() and the assertions raise
    maxDiff = 80 * 8
    # beyond this length strings are compared without a diff (too slow)
    _diffThreshold = 2 ** 16

    def __init_subclass__(cls, *args, **kwargs):
        cls._classSetupFailed = False
        cls._class_cleanups = []
        super().__init_subclass__(*args, **kwargs)   # classes after TestCase in the MRO

    def __init__(self, methodName='runTest'):
        self._outcome = None
        self._testMethodName, self._testMethodDoc = methodName, 'No test'
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
        self._type_equality_funcs.update({typeobj: function})

    def addCleanup(self, function, /, *args, **kwargs):
        """Registers function to run after tearDown (last added, first run),
        even when setUp fails."""
        self._cleanups.append((function, args, dict(kwargs)))

    def enterContext(self, cm):
        return _enter(cm, self.addCleanup)

    @classmethod
    def addClassCleanup(cls, function, /, *args, **kwargs):
        """Registers function to run after tearDownClass."""
        cls._class_cleanups.append((function, args, dict(kwargs)))

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
        if type(other) is type(self):
            return other._testMethodName == self._testMethodName
        return NotImplemented

    def __hash__(self):
        return hash((self._testMethodName, type(self)))

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
            merged = _ParamsChain(params)
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
            surprise = _PassedUnexpectedly()
            res.addFailure(self, (_PassedUnexpectedly, surprise, None))
        else:
            adder(self)

    def _callSetUp(self):
        self.setUp()

    def _callTestMethod(self, test_method):
        if test_method() is not None:
            warnings.warn(f'It is deprecated to return a value that is not None '
                          f'from a test case ({test_method})', DeprecationWarning, stacklevel=3)

    def _callTearDown(self):
        self.tearDown()

    def _callCleanup(self, fn, /, *args, **kw):
        fn(*args, **kw)

    def run(self, result=None):
        own_result = result is None
        if own_result:
            result = self.defaultTestResult()   # and this method starts and stops the run
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
                part = outcome.testPartExecutor
                with part(self):
                    self._callSetUp()
                if outcome.success:
                    outcome.expecting_failure = expecting
                    with part(self):
                        self._callTestMethod(method)
                    outcome.expecting_failure = False   # tearDown failing is a real error
                    with part(self):
                        self._callTearDown()
                self.doCleanups()
                timer = getattr(result, 'addDuration', None)
                if timer is not None:
                    timer(self, time.perf_counter() - began)
                if outcome.success:
                    if not expecting:
                        result.addSuccess(self)
                    else:
                        seen = outcome.expectedFailure
                        if seen is None:
                            self._addUnexpectedSuccess(result)
                        else:
                            self._addExpectedFailure(result, seen)
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
        outcome = self._outcome if self._outcome else _Outcome()
        pending = self._cleanups
        while pending:
            fn, fargs, fkw = pending.pop()
            with outcome.testPartExecutor(self):   # each cleanup reports on its own
                self._callCleanup(fn, *fargs, **fkw)
        return outcome.success

    @classmethod
    def doClassCleanups(cls):
        """Runs the class cleanups; their errors land in cls.tearDown_exceptions."""
        cls.tearDown_exceptions = []
        pending = cls._class_cleanups
        while pending:
            fn, fargs, fkw = pending.pop()
            try:
                fn(*fargs, **fkw)
            except Exception as exc:
                cls.tearDown_exceptions.append((type(exc), exc, exc.__traceback__))

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
        pending = self._cleanups
        while pending:
            fn, fargs, fkw = pending.pop()
            self._callCleanup(fn, *fargs, **fkw)

    def skipTest(self, reason):
        raise SkipTest(reason)

    def fail(self, msg=None):
        """Fails the test with msg."""
        raise self.failureException(msg)  # None gives "AssertionError: None"

    # ---- messages ----

    def _formatMessage(self, msg, standard):
        # the user's msg replaces the standard one, or with longMessage
        # follows it after " : "
        if not self.longMessage:
            return msg or standard
        if msg is None:
            return standard
        return '{} : {}'.format(standard, msg)

    def _truncateMessage(self, text, diff):
        limit = self.maxDiff
        if limit is None or len(diff) <= limit:
            return text + diff
        return text + DIFF_OMITTED % (len(diff),)

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
        return _AssertLogsContext(self, logger, level, False)

    def assertNoLogs(self, logger=None, level=None):
        return _AssertLogsContext(self, logger, level, True)

    def _getAssertEqualityFunc(self, a, b):
        if type(a) == type(b):
            how = self._type_equality_funcs.get(type(a))
            if how is not None:
                if isinstance(how, str):
                    how = getattr(self, how)
                return how
        return self._baseAssertEqual

    def _baseAssertEqual(self, first, second, msg=None):
        if not first == second:
            standard = '%s != %s' % _shortened_reprs(first, second)
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
        if None not in (delta, places):
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
        if None not in (delta, places):
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
        except _NO_LENGTH:
            text = 'First %s has no length.    Non-sequence?' % kind
        if text is None:
            try:
                n2 = len(seq2)
            except _NO_LENGTH:
                text = 'Second %s has no length.    Non-sequence?' % kind
        if text is None:
            if seq1 == seq2:
                return
            text = '%ss differ: %s != %s\n' % ((kind.capitalize(),) + _shortened_reprs(seq1, seq2))
            found = False
            for i in range(min(n1, n2)):
                try:
                    a = seq1[i]
                except _NO_ITEM:
                    text += '\nUnable to index element %d of first %s\n' % (i, kind)
                    found = True
                    break
                try:
                    b = seq2[i]
                except _NO_ITEM:
                    text += '\nUnable to index element %d of second %s\n' % (i, kind)
                    found = True
                    break
                if a != b:
                    text += '\nFirst differing element %d:\n%s\n%s\n' % ((i,) + _shortened_reprs(a, b))
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
                    except _NO_ITEM:
                        text += 'Unable to index element %d of %s %s\n' % (shorter, which.lower(), kind)
            text = self._truncateMessage(text, self._ndiff_of(seq1, seq2))
        self.fail(self._formatMessage(msg, text))

    def assertListEqual(self, list1, list2, msg=None):
        self.assertSequenceEqual(list1, list2, msg=msg, seq_type=list)

    def assertTupleEqual(self, tuple1, tuple2, msg=None):
        self.assertSequenceEqual(tuple1, tuple2, msg=msg, seq_type=tuple)

    def assertSetEqual(self, set1, set2, msg=None):
        """Fails unless the sets are equal; the message lists what each
        has that the other lacks."""
        extra = []
        for which, (a, b) in (('first', (set1, set2)), ('second', (set2, set1))):
            try:
                extra.append(a.difference(b))
            except TypeError as e:
                self.fail('invalid type when attempting set difference: {}'.format(e))
            except AttributeError as e:
                self.fail('{} argument does not support set difference: {}'.format(which, e))
        lines = []
        for (this, that), items in zip((('first', 'second'), ('second', 'first')), extra):
            if items:
                lines.append('Items in the {} set but not the {}:'.format(this, that))
                lines.extend(map(repr, items))
        if lines:
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
        for which, d in (('First', d1), ('Second', d2)):
            self.assertIsInstance(d, dict, which + ' argument is not a dictionary')
        if d1 != d2:
            text = '%s != %s' % _shortened_reprs(d1, d2)
            text = self._truncateMessage(text, self._ndiff_of(d1, d2))
            self.fail(self._formatMessage(msg, text))

    def assertCountEqual(self, first, second, msg=None):
        """Fails unless the two iterables hold the same items the same
        number of times, in any order."""
        items1, items2 = list(first), list(second)
        try:
            equal = collections.Counter(items1) == collections.Counter(items2)
        except TypeError:
            mismatches = _count_mismatches_by_equality(items1, items2)
        else:
            if equal:
                return
            mismatches = _count_mismatches_by_hash(items1, items2)
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
            self._baseAssertEqual(first, second, msg)   # too long to diff
        if not (first.endswith('\n') and second.endswith('\n')):
            # ndiff's hint lines need every line ended: end the last ones
            lines1 = (first + '\n').splitlines(keepends=True)
            lines2 = (second + '\n').splitlines(keepends=True)
        else:
            lines1 = first.splitlines(keepends=True)
            lines2 = second.splitlines(keepends=True)
        text = '%s != %s' % _shortened_reprs(first, second)
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
        pattern = expected_regex
        if isinstance(pattern, (bytes, str)):
            assert pattern, 'expected_regex must not be empty.'
            pattern = re.compile(pattern)
        if pattern.search(text) is None:
            self.fail(self._formatMessage(msg, "Regex didn't match: %r not found in %r"
                                          % (pattern.pattern, text)))

    def assertNotRegex(self, text, unexpected_regex, msg=None):
        pattern = unexpected_regex
        if isinstance(pattern, (bytes, str)):
            pattern = re.compile(pattern)
        found = pattern.search(text)
        if found:
            self.fail(self._formatMessage(msg, 'Regex matched: %r matches %r in %r'
                                          % (found.group(0), pattern.pattern, text)))


class FunctionTestCase(TestCase):
    """A test made of a plain function, with optional setUp and tearDown
    functions."""

    def __init__(self, testFunc, setUp=None, tearDown=None, description=None):
        super().__init__()
        self._testFunc, self._setUpFunc, self._tearDownFunc = testFunc, setUp, tearDown
        self._description = description   # what shortDescription() says, if given

    def setUp(self):
        if self._setUpFunc:
            self._setUpFunc()

    def tearDown(self):
        if self._tearDownFunc:
            self._tearDownFunc()

    def runTest(self):
        self._testFunc()

    def id(self):
        return self._testFunc.__name__

    def __eq__(self, other):
        if isinstance(other, self.__class__):
            return self._identity() == other._identity()
        return NotImplemented

    def _identity(self):
        return (self._testFunc, self._setUpFunc, self._tearDownFunc, self._description)

    def __hash__(self):
        return hash((type(self),) + self._identity())

    def __str__(self):
        return '%s (%s)' % (strclass(self.__class__), self._testFunc.__name__)

    def __repr__(self):
        return '<%s tec=%s>' % (strclass(self.__class__), self._testFunc)

    def shortDescription(self):
        if self._description is not None:   # given to the constructor
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
        self.failureException = test_case.failureException   # the test's own kind

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
        return self.test_case.shortDescription()   # the test's, not the subtest's

    def __str__(self):
        return '{} {}'.format(self.test_case, self._subDescription())
