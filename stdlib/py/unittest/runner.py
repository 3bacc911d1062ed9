# unittest.runner: TextTestRunner, which runs a suite and prints the
# report, and TextTestResult, which prints each outcome as it happens
# (dots, or one line per test when verbose).
import sys
import time
import warnings

from . import result
from .case import _SubTest
from . import signals

__unittest = True


class _LineWriter(object):
    """A stream with a writeln method."""

    def __init__(self, stream):
        self.stream = stream

    def __getattr__(self, attr):
        if attr == 'stream' or attr == '__getstate__':   # not delegated (copying, pickling)
            raise AttributeError(attr)
        return getattr(self.stream, attr)

    def writeln(self, arg=None):
        if arg:
            self.write(arg)
        self.write('\n')


class TextTestResult(result.TestResult):
    """Prints each outcome to the stream: a character each at verbosity 1,
    a line each ("NAME ... ok") at 2 and above, nothing at 0."""

    separator1 = '=' * 70
    separator2 = '-' * 70

    def __init__(self, stream, descriptions, verbosity, *, durations=None):
        super().__init__(stream, descriptions, verbosity)
        self.stream = stream
        self.showAll = verbosity > 1
        self.dots = verbosity == 1
        self.descriptions = descriptions   # show docstring first lines
        # True when the stream is at the start of a line (no test's " ... " pending)
        self._newline = True
        self.durations = durations

    def getDescription(self, test):
        first_line = test.shortDescription()
        if self.descriptions and first_line:
            return '\n'.join((str(test), first_line))
        return str(test)

    def startTest(self, test):
        super().startTest(test)
        if self.showAll:
            self.stream.write(self.getDescription(test) + ' ... ')
            self.stream.flush()
            self._newline = False

    def _write_status(self, test, word):
        # a subtest, or a test whose line was already ended, gets a line of its own
        sub = isinstance(test, _SubTest)
        if sub or self._newline:
            if not self._newline:
                self.stream.writeln()
            self.stream.write(('  ' if sub else '') + self.getDescription(test) + ' ... ')
        self.stream.writeln(word)
        self.stream.flush()
        self._newline = True

    def _show(self, test, word, char):
        if self.showAll:
            self._write_status(test, word)
        elif self.dots:
            self.stream.write(char)
            self.stream.flush()

    def addSubTest(self, test, subtest, err):
        if err is not None:
            failed = issubclass(err[0], subtest.failureException)
            self._show(subtest, *(('FAIL', 'F') if failed else ('ERROR', 'E')))
        super().addSubTest(test, subtest, err)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._show(test, 'ok', '.')

    def addError(self, test, err):
        super().addError(test, err)
        self._show(test, 'ERROR', 'E')

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._show(test, 'FAIL', 'F')

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._show(test, 'skipped {0!r}'.format(reason), 's')

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        if self.showAll:
            self.stream.writeln('expected failure')
            self.stream.flush()
        elif self.dots:
            self.stream.write('x')
            self.stream.flush()

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        if self.showAll:
            self.stream.writeln('unexpected success')
            self.stream.flush()
        elif self.dots:
            self.stream.write('u')
            self.stream.flush()

    def printErrors(self):
        if self.dots or self.showAll:
            self.stream.writeln()
            self.stream.flush()
        for flavour, entries in (('ERROR', self.errors), ('FAIL', self.failures)):
            self.printErrorList(flavour, entries)
        surprises = getattr(self, 'unexpectedSuccesses', ())
        if surprises:
            self.stream.writeln('=' * 70)
            for test in surprises:
                self.stream.writeln('UNEXPECTED SUCCESS: {}'.format(self.getDescription(test)))
            self.stream.flush()

    def printErrorList(self, flavour, errors):
        for test, report in errors:
            for line in (self.separator1, flavour + ': ' + self.getDescription(test),
                         self.separator2, str(report)):
                self.stream.writeln(line)
            self.stream.flush()


class TextTestRunner(object):
    """Runs a test (or suite) with a TextTestResult on stream (default
    sys.stderr) and prints the summary: failures, "Ran N tests", the verdict."""

    resultclass = TextTestResult

    def __init__(self, stream=None, descriptions=True, verbosity=1, failfast=False,
                 buffer=False, resultclass=None, warnings=None, *, tb_locals=False,
                 durations=None):
        self.stream = _LineWriter(sys.stderr if stream is None else stream)
        self.descriptions = descriptions   # shortDescription() lines in reports
        self.verbosity = verbosity
        self.failfast = failfast
        self.buffer = buffer
        self.tb_locals = tb_locals
        self.durations = durations
        self.warnings = warnings
        if resultclass is not None:
            self.resultclass = resultclass

    def _makeResult(self):
        try:
            return self.resultclass(self.stream, self.descriptions, self.verbosity,
                                    durations=self.durations)
        except TypeError:
            # a result class from before durations
            return self.resultclass(self.stream, self.descriptions, self.verbosity)

    def _printDurations(self, res):
        if not getattr(res, 'collectedDurations', None):
            return
        timings = sorted(res.collectedDurations, key=lambda pair: pair[1], reverse=True)
        if self.durations > 0:
            timings = timings[:self.durations]
        self.stream.writeln('Slowest test durations')
        line = getattr(res, 'separator2', None)
        if line:
            self.stream.writeln(line)
        hid = False
        for name, elapsed in timings:
            if elapsed < 0.001 and self.verbosity <= 1:
                hid = True
                continue
            self.stream.writeln('%-10s %s' % ('%.3fs' % elapsed, name))
        if hid:
            self.stream.writeln('\n(durations < 0.001s were hidden; use -v to show these durations)')
        else:
            self.stream.writeln('')

    def run(self, test):
        res = self._makeResult()
        signals.registerResult(res)
        res.failfast = self.failfast
        res.buffer = self.buffer
        res.tb_locals = self.tb_locals
        with warnings.catch_warnings():   # the filters set here end with the run
            if self.warnings:
                # main() passes 'default' unless -W was given
                warnings.simplefilter(self.warnings)
            began = time.perf_counter()
            start = getattr(res, 'startTestRun', None)
            if start is not None:
                start()
            try:
                test(res)
            finally:
                stop = getattr(res, 'stopTestRun', None)
                if stop is not None:
                    stop()
            ended = time.perf_counter()
        res.printErrors()
        if self.durations is not None:
            self._printDurations(res)
        if hasattr(res, 'separator2'):
            self.stream.writeln(res.separator2)
        ran = res.testsRun
        self.stream.writeln('Ran %d test%s in %.3fs' % (ran, '' if ran == 1 else 's', ended - began))
        self.stream.writeln()
        try:
            xfail, xpass, skips = (len(res.expectedFailures), len(res.unexpectedSuccesses),
                                   len(res.skipped))
        except AttributeError:
            xfail = xpass = skips = 0
        notes = []
        if not res.wasSuccessful():
            self.stream.write('FAILED')
            if res.failures:
                notes.append('failures=%d' % len(res.failures))
            if res.errors:
                notes.append('errors=%d' % len(res.errors))
        elif ran == 0 and not skips:
            self.stream.write('NO TESTS RAN')
        else:
            self.stream.write('OK')
        if skips:
            notes.append('skipped=%d' % skips)
        if xfail:
            notes.append('expected failures=%d' % xfail)
        if xpass:
            notes.append('unexpected successes=%d' % xpass)
        if notes:
            self.stream.writeln(' (%s)' % ', '.join(notes))
        else:
            self.stream.write('\n')
        self.stream.flush()
        return res
