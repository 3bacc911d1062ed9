# doctest: runs the interactive examples (">>> " lines and the output they
# should print) found in docstrings, and reports those whose output differs.
#
# The parts: a parser that cuts a docstring into Examples, a finder that
# collects the docstrings of a module (its functions, classes, methods,
# __test__) as DocTests, a runner that executes each example with stdout
# captured and compares what it printed with what the docstring says
# (OutputChecker: exact, or as the option flags loosen it), and testmod /
# run_docstring_examples on top.
import builtins
import difflib
import io
import re
import sys
import traceback
import types

__all__ = ['register_optionflag', 'DONT_ACCEPT_TRUE_FOR_1', 'DONT_ACCEPT_BLANKLINE',
           'NORMALIZE_WHITESPACE', 'ELLIPSIS', 'SKIP', 'IGNORE_EXCEPTION_DETAIL',
           'COMPARISON_FLAGS', 'REPORT_UDIFF', 'REPORT_CDIFF', 'REPORT_NDIFF',
           'REPORT_ONLY_FIRST_FAILURE', 'REPORTING_FLAGS', 'FAIL_FAST', 'Example',
           'DocTest', 'DocTestParser', 'DocTestFinder', 'DocTestRunner', 'OutputChecker',
           'DocTestFailure', 'UnexpectedException', 'DebugRunner', 'testmod',
           'run_docstring_examples', 'TestResults']


class TestResults(object):
    """(failed, attempted) -- it unpacks, indexes and compares like that
    pair -- with the number of skipped examples as .skipped.  (CPython's is
    a namedtuple subclass; torii's tuple subclasses carry no attributes.)"""

    __slots__ = ('failed', 'attempted', 'skipped')
    _fields = ('failed', 'attempted')

    def __init__(self, failed, attempted, *, skipped=0):
        self.failed = failed
        self.attempted = attempted
        self.skipped = skipped

    def _pair(self):
        return (self.failed, self.attempted)

    def __iter__(self):
        return iter(self._pair())

    def __len__(self):
        return 2

    def __getitem__(self, index):
        return self._pair()[index]

    def __eq__(self, other):
        if isinstance(other, TestResults):
            other = other._pair()
        if isinstance(other, tuple):
            return self._pair() == other
        return NotImplemented

    def __hash__(self):
        return hash(self._pair())

    def _asdict(self):
        return {'failed': self.failed, 'attempted': self.attempted}

    def __repr__(self):
        if self.skipped:
            return (f'TestResults(failed={self.failed}, attempted={self.attempted}, '
                    f'skipped={self.skipped})')
        return f'TestResults(failed={self.failed}, attempted={self.attempted})'


OPTIONFLAGS_BY_NAME = {}


def register_optionflag(name):
    """The flag bit for option `name`, made on first use."""
    if name not in OPTIONFLAGS_BY_NAME:
        OPTIONFLAGS_BY_NAME[name] = 2 ** len(OPTIONFLAGS_BY_NAME)
    return OPTIONFLAGS_BY_NAME[name]


# the standard flags, in CPython's order (so with its values)
for _flag in ('DONT_ACCEPT_TRUE_FOR_1 DONT_ACCEPT_BLANKLINE NORMALIZE_WHITESPACE ELLIPSIS '
              'SKIP IGNORE_EXCEPTION_DETAIL REPORT_UDIFF REPORT_CDIFF REPORT_NDIFF '
              'REPORT_ONLY_FIRST_FAILURE FAIL_FAST').split():
    globals()[_flag] = register_optionflag(_flag)
del _flag
COMPARISON_FLAGS = (DONT_ACCEPT_TRUE_FOR_1 | DONT_ACCEPT_BLANKLINE | NORMALIZE_WHITESPACE |
                    ELLIPSIS | SKIP | IGNORE_EXCEPTION_DETAIL)
REPORTING_FLAGS = (REPORT_UDIFF | REPORT_CDIFF | REPORT_NDIFF |
                   REPORT_ONLY_FIRST_FAILURE | FAIL_FAST)

BLANKLINE_MARKER = '<' 'BLANKLINE>'
ELLIPSIS_MARKER = '...'

_DIVIDER = '*' * 70


def _indent(text, indent=4):
    # every non-empty line of text, indented
    pad = ' ' * indent
    return ''.join(pad + line if line.strip('\n') else line
                   for line in text.splitlines(keepends=True))


def _plural(n):
    return '' if n == 1 else 's'


def _n_items(items):
    n = len(items)
    return '{} item{}'.format(n, _plural(n))


def _traceback_text(info):
    buf = io.StringIO()
    kind, value, tb = info
    traceback.print_exception(kind, value, tb, file=buf)
    return buf.getvalue()


class _SpoofOut(io.StringIO):
    # what sys.stdout is while an example runs
    def getvalue(self):
        text = io.StringIO.getvalue(self)
        if text and not text.endswith('\n'):
            text += '\n'
        return text

    def truncate(self, size=None):
        self.seek(size or 0)
        io.StringIO.truncate(self)


def _matches_with_ellipsis(pattern, text):
    # pattern with each "..." standing for any text (possibly none)
    if pattern.find(ELLIPSIS_MARKER) < 0:
        return text == pattern
    pieces = [re.escape(p) for p in pattern.split(ELLIPSIS_MARKER)]
    return re.fullmatch('.*?'.join(pieces), text, re.DOTALL) is not None


def _bare_exception_name(text):
    # "pkg.module.Error: details" -> "Error"
    end = len(text)
    cut = text.find('\n')
    if cut >= 0:
        end = cut
    cut = text.find(':', 0, end)
    if cut >= 0:
        end = cut
    start = text.rfind('.', 0, end) + 1
    return text[start:end]


class Example:
    """One example: source (ending in a newline), want (the expected
    output, '' or ending in a newline), exc_msg (the expected exception's
    last line, or None), lineno within the docstring, indent, options."""

    def __init__(self, source, want, exc_msg=None, lineno=0, indent=0, options=None):
        if not source.endswith('\n'):
            source += '\n'
        if want[-1:] not in ('', '\n'):
            want += '\n'
        if exc_msg is not None and exc_msg[-1:] != '\n':
            exc_msg += '\n'
        self.source = source
        self.want = want
        self.lineno = lineno
        self.indent = indent
        self.options = {} if options is None else options
        self.exc_msg = exc_msg

    def _key(self):
        return (self.source, self.want, self.lineno, self.indent, self.options, self.exc_msg)

    def __eq__(self, other):
        return self._key() == other._key() if type(other) is type(self) else NotImplemented

    def __hash__(self):
        return hash((self.source, self.want, self.lineno, self.indent, self.exc_msg))


class DocTest:
    """The examples of one docstring, with the globals they run in."""

    def __init__(self, examples, globs, name, filename, lineno, docstring):
        assert not isinstance(examples, str), 'DocTest no longer accepts str; use DocTestParser instead'
        self.examples = examples
        self.docstring = docstring
        self.globs = globs.copy()
        self.name = name
        self.filename = filename
        self.lineno = lineno

    def __repr__(self):
        n = len(self.examples)
        if n == 0:
            count = 'no examples'
        elif n == 1:
            count = '1 example'
        else:
            count = '%d examples' % n
        return '<%s %s from %s:%s (%s)>' % (self.__class__.__name__, self.name,
                                            self.filename, self.lineno, count)

    def _key(self):
        return (self.examples, self.docstring, self.globs, self.name, self.filename, self.lineno)

    def __eq__(self, other):
        return self._key() == other._key() if type(other) is type(self) else NotImplemented

    def __hash__(self):
        return hash((self.name, self.filename, self.lineno, self.docstring))

    def __lt__(self, other):
        if not isinstance(other, DocTest):   # sorted among themselves only
            return NotImplemented
        mine = (self.name, self.filename or '', -1 if self.lineno is None else self.lineno, id(self))
        theirs = (other.name, other.filename or '', -1 if other.lineno is None else other.lineno,
                  id(other))
        return mine < theirs


_TRACEBACK_HEADS = ('Traceback (most recent call last):', 'Traceback (innermost last):')
_DIRECTIVE = re.compile(r'#\s*doctest:\s*([^\n\'"]*)$', re.MULTILINE)


class DocTestParser:
    """Cuts a docstring into text and Examples.  An example is a ">>> "
    line and the "... " lines after it; the lines up to the next blank
    line or prompt are its expected output."""

    def parse(self, string, name='<string>'):
        """The pieces of string in order: str for text, Example for examples."""
        lines = string.expandtabs().split('\n')
        # the whole docstring is dedented by its smallest indentation first
        margins = [len(line) - len(line.lstrip(' ')) for line in lines if line.strip()]
        cut = min(margins) if margins else 0
        if cut:
            lines = [line[cut:] for line in lines]
        out = []
        text = []
        i = 0
        while i < len(lines):
            line = lines[i]
            stripped = line.lstrip(' ')
            if not stripped.startswith('>>>'):
                text.append(line)
                i += 1
                continue
            indent = len(line) - len(stripped)
            first = i
            self._check_prompt(line, indent, name, first)
            source = [line[indent + 4:]]
            i += 1
            while i < len(lines) and lines[i].lstrip(' ').startswith('...') and \
                    len(lines[i]) - len(lines[i].lstrip(' ')) >= 0:
                cont = lines[i]
                if not cont.startswith(' ' * indent + '.'):
                    break
                self._check_prompt(cont, indent, name, i)
                source.append(cont[indent + 4:])
                i += 1
            want = []
            while i < len(lines) and lines[i].strip() and not lines[i].lstrip(' ').startswith('>>>'):
                w = lines[i]
                if not w.startswith(' ' * indent):
                    raise ValueError('line %r of the docstring for %s has inconsistent '
                                     'leading whitespace: %r' % (i + 1, name, w))
                want.append(w[indent:])
                i += 1
            if text or out:
                out.append('\n'.join(text) + '\n')
            text = []
            src = '\n'.join(source)
            wanted = '\n'.join(want)
            exc_msg = self._exception_message(wanted)
            options = self._find_options(src, name, first + 1)
            if not self._is_blank_or_comment(src):
                out.append(Example(src, wanted, exc_msg, lineno=first, indent=indent,
                                   options=options))
        out.append('\n'.join(text))
        return out

    def get_doctest(self, string, globs, name, filename, lineno):
        return DocTest(self.get_examples(string, name), globs, name, filename, lineno, string)

    def get_examples(self, string, name='<string>'):
        return [piece for piece in self.parse(string, name) if isinstance(piece, Example)]

    def _check_prompt(self, line, indent, name, index):
        rest = line[indent + 3:indent + 4]
        if rest not in ('', ' ', '\n'):
            raise ValueError('line %r of the docstring for %s lacks blank after %s: %r'
                             % (index + 1, name, line[indent:indent + 3], line))

    def _exception_message(self, want):
        # the last part of an expected traceback: from its first line that
        # starts with a word character
        lines = want.split('\n')
        if not lines or lines[0].rstrip() not in _TRACEBACK_HEADS:
            return None
        for k in range(1, len(lines)):
            if re.match(r'\w', lines[k]):
                return '\n'.join(lines[k:]) + '\n'
        return None

    def _is_blank_or_comment(self, source):
        return all(not line.strip() or line.strip().startswith('#') for line in source.split('\n'))

    def _find_options(self, src, name, lineno):
        options = {}
        for found in _DIRECTIVE.finditer(src):
            for option in found.group(1).replace(',', ' ').split():
                if option[0] not in '+-' or option[1:] not in OPTIONFLAGS_BY_NAME:
                    raise ValueError('line %r of the doctest for %s has an invalid option: %r'
                                     % (lineno, name, option))
                options[OPTIONFLAGS_BY_NAME[option[1:]]] = option[0] == '+'
        if options and self._is_blank_or_comment(src):
            raise ValueError('line %r of the doctest for %s has an option directive on a '
                             'line with no example: %r' % (lineno, name, src))
        return options


_ROUTINES = (types.FunctionType, types.BuiltinFunctionType, types.MethodType)
_QUOTE_LINE = re.compile(r'(^|.*:)\s*\w*("|\')')


def _unwrap(obj):
    while hasattr(obj, '__wrapped__'):
        obj = obj.__wrapped__
    return obj


class DocTestFinder:
    """Collects the DocTests of an object and, with recurse, of what it
    holds: a module's functions and classes (those defined in it) and its
    __test__ dict, a class's methods, nested classes and properties."""

    def __init__(self, verbose=False, parser=DocTestParser(), recurse=True, exclude_empty=True):
        self._parser = parser
        self._verbose = verbose
        self._recurse = recurse
        self._exclude_empty = exclude_empty   # no test for an object without docstring

    def find(self, obj, name=None, module=None, globs=None, extraglobs=None):
        if name is None:
            name = obj.__name__ if hasattr(obj, '__name__') else None
            if name is None:
                raise ValueError("DocTestFinder.find: name must be given when obj.__name__ "
                                 "doesn't exist: %r" % (type(obj),))
        if module is False:
            module = None
        elif module is None:
            module = self._module_of(obj)
        lines = self._source_lines(obj, module)
        if globs is None:
            globs = {} if module is None else module.__dict__.copy()
        else:
            globs = globs.copy()
        if extraglobs is not None:
            globs.update(extraglobs)
        if '__name__' not in globs:
            globs['__name__'] = '__main__'
        tests = []
        self._find(tests, obj, name, module, lines, globs, set())
        tests.sort()
        return tests

    def _module_of(self, obj):
        if type(obj) is types.ModuleType or isinstance(obj, types.ModuleType):
            return obj
        mod_name = getattr(obj, '__module__', None)
        return sys.modules.get(mod_name) if isinstance(mod_name, str) else None

    def _source_lines(self, obj, module):
        where = None
        code = getattr(_unwrap(obj), '__code__', None)
        if code is not None and not code.co_filename.startswith('<'):
            where = code.co_filename
        elif module is not None:
            where = getattr(module, '__file__', None)
        if not where:
            return None
        try:
            with open(where, encoding='utf-8') as f:
                return f.read().splitlines(keepends=True)
        except (OSError, UnicodeDecodeError):
            return None

    def _from_module(self, module, obj):
        if module is None:
            return True
        if isinstance(obj, types.FunctionType):   # defined there: it runs in its globals
            return obj.__globals__ is module.__dict__
        if isinstance(obj, property):
            return True
        return getattr(obj, '__module__', None) == module.__name__

    def _find(self, tests, obj, name, module, lines, globs, seen):
        if self._verbose:
            print('Finding tests in', name)
        if id(obj) in seen:
            return
        seen.add(id(obj))
        test = self._get_test(obj, name, module, globs, lines)
        if test is not None:
            tests.append(test)
        if not self._recurse:
            return
        if type(obj) is types.ModuleType or isinstance(obj, types.ModuleType):
            for key, value in list(obj.__dict__.items()):
                if ((isinstance(_unwrap(value), _ROUTINES) or isinstance(value, type)) and
                        self._from_module(module, value)):
                    self._find(tests, value, '%s.%s' % (name, key), module, lines, globs, seen)
            for key, value in getattr(obj, '__test__', {}).items():
                if not isinstance(key, str):
                    raise ValueError('DocTestFinder.find: __test__ keys must be strings: %r'
                                     % (type(key),))
                if not (isinstance(value, (str, type, types.ModuleType)) or
                        isinstance(value, _ROUTINES)):
                    raise ValueError('DocTestFinder.find: __test__ values must be strings, '
                                     'functions, methods, classes, or modules: %r' % (type(value),))
                self._find(tests, value, '%s.__test__.%s' % (name, key), module, lines, globs, seen)
        if isinstance(obj, type):
            for key, value in list(obj.__dict__.items()):
                if isinstance(value, (staticmethod, classmethod)):
                    value = value.__func__
                if ((isinstance(value, _ROUTINES) or isinstance(value, type) or
                        isinstance(value, property)) and self._from_module(module, value)):
                    self._find(tests, value, '%s.%s' % (name, key), module, lines, globs, seen)

    def _get_test(self, obj, name, module, globs, lines):
        if isinstance(obj, str):
            doc = obj
        else:
            try:
                doc = obj.__doc__
                doc = '' if doc is None else (doc if isinstance(doc, str) else str(doc))
            except (AttributeError, TypeError):   # a __doc__ that cannot be read
                doc = ''
        lineno = self._find_lineno(obj, lines)
        if self._exclude_empty and not doc:
            return None
        if module is None:
            filename = None
        else:
            filename = getattr(module, '__file__', '') or module.__name__
            if filename.endswith('.pyc'):
                filename = filename[:-1]
        return self._parser.get_doctest(doc, globs, name, filename, lineno)

    def _find_lineno(self, obj, lines):
        # the 0-based line where obj's docstring starts, or None
        start = None
        if type(obj) is types.ModuleType or isinstance(obj, types.ModuleType):
            start = 0
        elif isinstance(obj, type):
            if lines is None:
                return None
            pattern = re.compile(r'^\s*class\s*%s\b' % re.escape(getattr(obj, '__name__', '-')))
            for k, line in enumerate(lines):
                if pattern.match(line):
                    start = k
                    break
        else:
            if isinstance(obj, property):
                obj = obj.fget
            obj = getattr(obj, '__func__', obj)   # a bound method's function
            code = getattr(_unwrap(obj), '__code__', None) if obj is not None else None
            if code is not None:
                start = getattr(code, 'co_firstlineno', 1) - 1
        if start is None:
            return None
        if lines is None:
            return start + 1
        while start < len(lines):
            if _QUOTE_LINE.match(lines[start]):
                return start
            start += 1
        return None


class OutputChecker:
    """Decides whether an example's output matches what it wants, under
    the comparison flags, and words the difference when it does not."""

    def _to_text(self, s):
        return s

    def check_output(self, want, got, optionflags):
        if got == want:
            return True
        if not optionflags & DONT_ACCEPT_TRUE_FOR_1:
            if (got, want) in (('True\n', '1\n'), ('False\n', '0\n')):
                return True
        if not optionflags & DONT_ACCEPT_BLANKLINE:
            want = re.sub(r'(?m)^%s\s*?$' % re.escape(BLANKLINE_MARKER), '', want)
            got = re.sub(r'(?m)^[ \t\r\f\v]+$', '', got)
            if got == want:
                return True
        if optionflags & NORMALIZE_WHITESPACE:
            # runs of whitespace compare as one space (ELLIPSIS then applies to that)
            got, want = ' '.join(got.split()), ' '.join(want.split())
            if got == want:
                return True
        if optionflags & ELLIPSIS:
            if _matches_with_ellipsis(want, got):
                return True
        return False

    def _wants_diff(self, want, got, flags):
        if flags & REPORT_NDIFF:
            return True
        if not flags & (REPORT_UDIFF | REPORT_CDIFF):
            return False
        # a diff helps only for output of more than two lines
        return min(want.count('\n'), got.count('\n')) > 2

    def output_difference(self, example, got, optionflags):
        want = example.want
        if not optionflags & DONT_ACCEPT_BLANKLINE:
            got = re.sub(r'(?m)^[ ]*(?=\n)', BLANKLINE_MARKER, got)
        if self._wants_diff(want, got, optionflags):   # REPORT_*DIFF
            old, new = want.splitlines(True), got.splitlines(True)
            if optionflags & REPORT_UDIFF:
                lines = list(difflib.unified_diff(old, new, n=2))[2:]
                title = 'unified diff with -expected +actual'
            elif optionflags & REPORT_CDIFF != 0:
                lines = list(difflib.context_diff(old, new, n=2))[2:]
                title = 'context diff with expected followed by actual'
            else:
                lines = list(difflib.Differ(charjunk=difflib.IS_CHARACTER_JUNK).compare(old, new))
                title = 'ndiff with -expected +actual'
            body = ''.join(line.rstrip() + '\n' for line in lines)
            return 'Differences ({}):\n{}'.format(title, _indent(body))
        expected = 'Expected:\n' + _indent(want) if want else 'Expected nothing\n'
        shown = 'Got:\n' + _indent(got) if got else 'Got nothing\n'
        return expected + shown


class DocTestRunner:
    """Runs DocTests: each example is compiled in 'single' mode (so an
    expression's value is printed) and run in the test's globals with
    stdout captured; failures are reported to `out` as they happen and
    counted per test for summarize()."""

    DIVIDER = _DIVIDER

    def __init__(self, checker=None, verbose=None, optionflags=0):
        self._checker = OutputChecker() if checker is None else checker
        if verbose is None:
            verbose = '-v' in sys.argv
        self._verbose = verbose
        self.optionflags = optionflags
        self.original_optionflags = self.optionflags
        self.tries = 0
        self.failures = 0
        self.skips = 0
        self._stats = {}
        self._fakeout = _SpoofOut()

    def report_start(self, out, test, example):
        if self._verbose:
            if example.want:
                out('Trying:\n' + _indent(example.source) + 'Expecting:\n' + _indent(example.want))
            else:
                out('Trying:\n' + _indent(example.source) + 'Expecting nothing\n')

    def report_success(self, out, test, example, got):
        if self._verbose:
            out('ok\n')

    def report_failure(self, out, test, example, got):
        report = self._checker.output_difference(example, got, self.optionflags)
        out(self._header(test, example) + report)

    def report_unexpected_exception(self, out, test, example, exc_info):
        out(self._header(test, example) + 'Exception raised:\n' +
            _indent(_traceback_text(exc_info)))

    def _header(self, test, ex):
        lines = [self.DIVIDER]
        if test.filename:
            where = '?'
            if None not in (test.lineno, ex.lineno):
                where = test.lineno + ex.lineno + 1
            lines.append('File "%s", line %s, in %s' % (test.filename, where, test.name))
        else:
            lines.append('Line %s, in %s' % (ex.lineno + 1, test.name))
        lines.append('Failed example:')
        lines.append(_indent(ex.source))
        return '\n'.join(lines)

    def _run_examples(self, test, compileflags, out):
        failed = tried = skipped = 0
        base = self.optionflags
        for number, example in enumerate(test.examples):
            quiet = bool(base & REPORT_ONLY_FIRST_FAILURE) and failed > 0
            flags = base
            for flag, on in example.options.items():
                flags = flags | flag if on else flags & ~flag
            self.optionflags = flags
            tried += 1
            if flags & SKIP:
                skipped += 1
                continue
            if not quiet:
                self.report_start(out, test, example)   # verbose: "Trying:"
            where = '<doctest %s[%d]>' % (test.name, number)
            try:
                exec(compile(example.source, where, 'single', compileflags, True), test.globs)
                problem = None
            except KeyboardInterrupt:
                raise
            except BaseException:
                problem = sys.exc_info()
            got = self._fakeout.getvalue()
            self._fakeout.truncate(0)
            ok = boom = False
            if problem is None:
                ok = self._checker.check_output(example.want, got, flags)
            else:
                last = traceback.format_exception_only(problem[0], problem[1])[-1]
                if not quiet:
                    got += _traceback_text(problem)
                if example.exc_msg is None:
                    boom = True
                elif self._checker.check_output(example.exc_msg, last, flags):
                    ok = True
                elif flags & IGNORE_EXCEPTION_DETAIL:
                    ok = self._checker.check_output(_bare_exception_name(example.exc_msg),
                                                    _bare_exception_name(last), flags)
            if ok:
                if not quiet:
                    self.report_success(out, test, example, got)   # verbose: "ok"
            else:
                failed += 1
                if not quiet:
                    if boom:
                        self.report_unexpected_exception(out, test, example, problem)
                    else:
                        self.report_failure(out, test, example, got)   # output differs
            if failed and flags & FAIL_FAST:
                break
        self.optionflags = base
        self._record(test.name, failed, tried, skipped)
        return TestResults(failed, tried, skipped=skipped)

    def _record(self, name, failed, tried, skipped):
        f0, t0, s0 = self._stats.get(name, (0, 0, 0))
        self._stats[name] = (f0 + failed, t0 + tried, s0 + skipped)
        self.failures += failed
        self.tries += tried
        self.skips += skipped

    def run(self, test, compileflags=None, out=None, clear_globs=True):
        """Runs test's examples; failures go to out (default sys.stdout's
        write).  Returns TestResults(failed, attempted)."""
        self.test = test
        if compileflags is None:
            compileflags = 0
        real_stdout = sys.stdout
        if out is None:
            out = real_stdout.write
        sys.stdout = self._fakeout
        try:
            return self._run_examples(test, compileflags, out)
        finally:
            sys.stdout = real_stdout
            if clear_globs:
                test.globs.clear()
                builtins._ = None

    def summarize(self, verbose=None):
        """Prints the totals (per test with verbose) and returns
        TestResults for everything run."""
        if verbose is None:
            verbose = self._verbose
        counts = [sum(entry[k] for entry in self._stats.values()) for k in range(3)]
        bad, tried, skipped = counts
        empty = sorted(key for key, entry in self._stats.items() if entry[1] == 0)
        clean = sorted((key, entry[1]) for key, entry in self._stats.items()
                       if entry[1] and not entry[0])
        broken = sorted((key, entry) for key, entry in self._stats.items() if entry[1] and entry[0])
        if verbose:
            if empty:
                print(_n_items(empty) + ' had no tests:')
                for key in empty:
                    print('    ' + key)
            if clean:
                print(_n_items(clean) + ' passed all tests:')
                for key, n in clean:
                    print(' %3d test%s in %s' % (n, _plural(n), key))
        if broken:
            print(self.DIVIDER)
            print(_n_items(broken) + ' had failures:')
            for key, entry in broken:
                print(' %3d of %3d in %s' % (entry[0], entry[1], key))
        if verbose:
            print('%d test%s in %s.' % (tried, _plural(tried), _n_items(self._stats)))
            print('%d passed and %d failed.' % (tried - bad, bad) if bad else '%d passed.' % tried)
        if bad:
            note = '%d failure%s' % (bad, _plural(bad))
            if skipped:
                note += ' and %d skipped test%s' % (skipped, _plural(skipped))
            print('***Test Failed*** ' + note + '.')
        elif verbose:
            print('Test passed.')
        return TestResults(bad, tried, skipped=skipped)

    def merge(self, other):
        for key, entry in other._stats.items():
            mine = self._stats.get(key, (0, 0, 0))
            self._stats[key] = tuple(a + b for a, b in zip(mine, entry))
        self.failures += other.failures
        self.tries += other.tries
        self.skips += other.skips


class DocTestFailure(Exception):
    """Raised by DebugRunner for an example whose output differs."""

    def __init__(self, test, example, got):
        self.test = test
        self.example = example
        self.got = got

    def __str__(self):
        return str(self.test)


class UnexpectedException(Exception):
    """Raised by DebugRunner for an example that raised."""

    def __init__(self, test, example, exc_info):
        self.test = test
        self.example = example
        self.exc_info = exc_info

    def __str__(self):
        return str(self.test)


class DebugRunner(DocTestRunner):
    """A runner that raises at the first failure instead of reporting it."""

    def run(self, test, compileflags=None, out=None, clear_globs=True):
        outcome = DocTestRunner.run(self, test, compileflags, out, False)
        if clear_globs:
            test.globs.clear()
        return outcome

    def report_unexpected_exception(self, out, test, example, exc_info):
        raise UnexpectedException(test, example, exc_info)   # at the first one

    def report_failure(self, out, test, example, got):
        raise DocTestFailure(test, example, got)   # at the first one


master = None


def testmod(m=None, name=None, globs=None, verbose=None, report=True, optionflags=0,
            extraglobs=None, raise_on_error=False, exclude_empty=False):
    """Runs the examples in the docstrings of module m (default __main__)
    and what it defines; prints failures (and with report a summary);
    returns TestResults(failed, attempted)."""
    global master
    module = sys.modules.get('__main__') if m is None else m
    if not isinstance(module, types.ModuleType):
        raise TypeError('testmod: module required; %r' % (module,))
    kind = DebugRunner if raise_on_error else DocTestRunner
    runner = kind(verbose=verbose, optionflags=optionflags)
    collected = DocTestFinder(exclude_empty=exclude_empty).find(
        module, module.__name__ if name is None else name, globs=globs, extraglobs=extraglobs)
    for one in collected:
        runner.run(one)
    if report:
        runner.summarize()
    if master is None:
        master = runner
    else:
        master.merge(runner)
    return TestResults(runner.failures, runner.tries, skipped=runner.skips)


def run_docstring_examples(f, globs, verbose=False, name='NoName', compileflags=None,
                           optionflags=0):
    """Runs the examples in f's docstring (only: not in what f holds)
    with globals globs, reporting failures."""
    runner = DocTestRunner(verbose=verbose, optionflags=optionflags)
    for one in DocTestFinder(verbose=verbose, recurse=False).find(f, name, globs=globs):
        runner.run(one, compileflags=compileflags)
