# unittest.result: TestResult, the record of a run (what failed, erred,
# was skipped), and the rendering of a test's exception as its report shows
# it: the traceback without unittest's own frames.
import io
import sys
import traceback
from functools import wraps

from . import util

__unittest = True

_OUT_BLOCK = '\nStdout:\n%s'
_ERR_BLOCK = '\nStderr:\n%s'


def _is_internal(code):
    # frames of this package's modules, except mock (whose frames a report shows)
    name = code.co_filename
    return name.startswith('<frozen unittest') and not name.startswith('<frozen unittest.mock')


def failfast(method):
    """Decorates a TestResult method so that it stops the run when failfast is set."""
    @wraps(method)
    def stopping(result, *args, **kw):
        if getattr(result, 'failfast', False):
            result.stop()
        return method(result, *args, **kw)
    return stopping


def _relevant_frames(exc, is_failure):
    # (code, lasti) for the frames a report shows: not the runner's frames
    # at the top, and for a failure not the assertion's own at the bottom
    tb = exc.__traceback__
    while tb is not None and _is_internal(tb.tb_frame.f_code):
        tb = tb.tb_next
    kept = []
    while tb is not None:
        code = tb.tb_frame.f_code
        if is_failure and _is_internal(code):
            break
        kept.append(traceback.FrameSummary(code.co_filename, tb.tb_lineno, code.co_name,
                                           lookup_line=False, _code=code, _lasti=tb.tb_lasti))
        tb = tb.tb_next
    return traceback.StackSummary(kept)


def _render(exc, failure_type, seen, capture_locals=False):
    seen.add(id(exc))
    out = []
    cause = exc.__cause__
    context = exc.__context__
    if cause is not None and not id(cause) in seen:
        out.extend(_render(cause, failure_type, seen))
        out.append('\nThe above exception was the direct cause of the following exception:\n\n')
    elif context is not None and not exc.__suppress_context__ and id(context) not in seen:
        out.extend(_render(context, failure_type, seen))
        out.append('\nDuring handling of the above exception, another exception occurred:\n\n')
    frames = _relevant_frames(exc, failure_type is not None and isinstance(exc, failure_type))
    if frames:
        out.append('Traceback (most recent call last):\n')
        out.extend(frames.format())
    out.extend(traceback.format_exception_only(exc))
    return out


class TestResult(object):
    """What a run found.  failures and errors hold (test, report text)
    pairs, skipped (test, reason), expectedFailures (test, report text),
    unexpectedSuccesses the tests; testsRun counts the tests started."""

    _previousTestClass = None
    _testRunEntered = False
    _moduleSetUpFailed = False

    def __init__(self, stream=None, descriptions=None, verbosity=None):
        self.failfast = False
        self.failures = []
        self.errors = []
        self.testsRun = 0
        self.skipped = []
        self.expectedFailures = []
        self.unexpectedSuccesses = []
        self.collectedDurations = []
        self.shouldStop = False
        self.buffer = False
        self.tb_locals = False
        self._stdout_buffer = self._stderr_buffer = None
        # the streams to restore (and mirror failing tests' output to)
        self._original_stdout, self._original_stderr = sys.stdout, sys.stderr
        self._mirrorOutput = False

    def printErrors(self):
        "Called by TestRunner after the run; nothing to print here."

    def startTest(self, test):
        self.testsRun += 1
        self._mirrorOutput = False
        self._setupStdout()

    def _setupStdout(self):
        if not self.buffer:
            return
        if not self._stdout_buffer:
            self._stdout_buffer, self._stderr_buffer = io.StringIO(), io.StringIO()
        sys.stdout, sys.stderr = self._stdout_buffer, self._stderr_buffer

    def startTestRun(self):
        "Called once before any test runs."

    def stopTest(self, test):
        self._restoreStdout()
        self._mirrorOutput = False

    def _restoreStdout(self):
        if not self.buffer:
            return
        if self._mirrorOutput:
            for buf, real, block in ((self._stdout_buffer, self._original_stdout, _OUT_BLOCK),
                                     (self._stderr_buffer, self._original_stderr, _ERR_BLOCK)):
                text = buf.getvalue()
                if text:
                    if not text.endswith('\n'):
                        text += '\n'
                    real.write(block % text)
        sys.stdout, sys.stderr = self._original_stdout, self._original_stderr
        for buf in (self._stdout_buffer, self._stderr_buffer):
            buf.seek(0)
            buf.truncate()

    def stopTestRun(self):
        "Called once after every test has run."

    @failfast
    def addError(self, test, err):
        self.errors.append((test, self._exc_info_to_string(err, test)))   # an exception
        self._mirrorOutput = True

    @failfast
    def addFailure(self, test, err):
        self.failures.append((test, self._exc_info_to_string(err, test)))   # an assertion
        self._mirrorOutput = True

    def addSubTest(self, test, subtest, err):
        if err is None:
            return
        if self.failfast:
            self.stop()
        kind = self.failures if issubclass(err[0], test.failureException) else self.errors
        kind.append((subtest, self._exc_info_to_string(err, test)))
        self._mirrorOutput = True

    def addSuccess(self, test):
        "A test passed; nothing is recorded."

    def addSkip(self, test, reason):
        self.skipped.append((test, reason))   # reason as given to skip()

    def addExpectedFailure(self, test, err):
        self.expectedFailures.append((test, self._exc_info_to_string(err, test)))

    @failfast
    def addUnexpectedSuccess(self, test):
        self.unexpectedSuccesses.append(test)   # an expectedFailure that passed

    def addDuration(self, test, elapsed):
        if hasattr(self, 'collectedDurations'):
            self.collectedDurations.append((str(test), elapsed))   # seconds

    def wasSuccessful(self):
        # a run with unexpected successes did not go as the tests say
        return (len(self.failures) == len(self.errors) == 0 and
                (not hasattr(self, 'unexpectedSuccesses') or not self.unexpectedSuccesses))

    def stop(self):
        self.shouldStop = True

    def _exc_info_to_string(self, err, test):
        exctype, value, tb = err
        if value is None:
            value = exctype()
        if tb is not None and value.__traceback__ is not tb:
            value.__traceback__ = tb
        failure_type = getattr(test, 'failureException', None)
        text = ''.join(_render(value, failure_type, set(), self.tb_locals))
        if self.buffer:
            out = sys.stdout.getvalue()
            err_text = sys.stderr.getvalue()
            if out:
                if not out.endswith('\n'):
                    out += '\n'
                text += _OUT_BLOCK % out
            if err_text:
                if not err_text.endswith('\n'):
                    err_text += '\n'
                text += _ERR_BLOCK % err_text
        return text

    def __repr__(self):
        return '<{} run={} errors={} failures={}>'.format(
            util.strclass(self.__class__), self.testsRun, len(self.errors), len(self.failures))
