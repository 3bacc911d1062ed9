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
    return OPTIONFLAGS_BY_NAME.setdefault(name, 1 << len(OPTIONFLAGS_BY_NAME))


DONT_ACCEPT_TRUE_FOR_1 = register_optionflag('DONT_ACCEPT_TRUE_FOR_1')
DONT_ACCEPT_BLANKLINE = register_optionflag('DONT_ACCEPT_BLANKLINE')
NORMALIZE_WHITESPACE = register_optionflag('NORMALIZE_WHITESPACE')
ELLIPSIS = register_optionflag('ELLIPSIS')
SKIP = register_optionflag('SKIP')
IGNORE_EXCEPTION_DETAIL = register_optionflag('IGNORE_EXCEPTION_DETAIL')
COMPARISON_FLAGS = (DONT_ACCEPT_TRUE_FOR_1 | DONT_ACCEPT_BLANKLINE | NORMALIZE_WHITESPACE |
                    ELLIPSIS | SKIP | IGNORE_EXCEPTION_DETAIL)
REPORT_UDIFF = register_optionflag('REPORT_UDIFF')
REPORT_CDIFF = register_optionflag('REPORT_CDIFF')
REPORT_NDIFF = register_optionflag('REPORT_NDIFF')
REPORT_ONLY_FIRST_FAILURE = register_optionflag('REPORT_ONLY_FIRST_FAILURE')
FAIL_FAST = register_optionflag('FAIL_FAST')
REPORTING_FLAGS = (REPORT_UDIFF | REPORT_CDIFF | REPORT_NDIFF |
                   REPORT_ONLY_FIRST_FAILURE | FAIL_FAST)

BLANKLINE_MARKER = '<BLANKLINE>'
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


def _exception_traceback(exc_info):
    buf = io.StringIO()
    kind, value, tb = exc_info
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


def _ellipsis_match(want, got):
    # want with each "..." standing for any text (possibly none)
    if ELLIPSIS_MARKER not in want:
        return want == got
    pieces = [re.escape(p) for p in want.split(ELLIPSIS_MARKER)]
    return re.fullmatch('.*?'.join(pieces), got, re.DOTALL) is not None


def _strip_exception_details(msg):
    # "pkg.module.Error: details" -> "Error"
    end = len(msg)
    cut = msg.find('\n')
    if cut >= 0:
        end = cut
    cut = msg.find(':', 0, end)
    if cut >= 0:
        end = cut
    start = msg.rfind('.', 0, end) + 1
    return msg[start:end]


class Example:
    """One example: source (ending in a newline), want (the expected
    output, '' or ending in a newline), exc_msg (the expected exception's
    last line, or None), lineno within the docstring, indent, options."""

    def __init__(self, source, want, exc_msg=None, lineno=0, indent=0, options=None):
        if not source.endswith('\n'):
            source += '\n'
        if want and not want.endswith('\n'):
            want += '\n'
        if exc_msg is not None and not exc_msg.endswith('\n'):
            exc_msg += '\n'
        self.source = source
        self.want = want
        self.lineno = lineno
        self.indent = indent
        self.options = {} if options is None else options
        self.exc_msg = exc_msg

    def __eq__(self, other):
        if type(self) is not type(other):
            return NotImplemented
        return ((self.source, self.want, self.lineno, self.indent, self.options, self.exc_msg) ==
                (other.source, other.want, other.lineno, other.indent, other.options, other.exc_msg))

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

    def __eq__(self, other):
        if type(self) is not type(other):
            return NotImplemented
        return ((self.examples, self.docstring, self.globs, self.name, self.filename, self.lineno) ==
                (other.examples, other.docstring, other.globs, other.name, other.filename, other.lineno))

    def __hash__(self):
        return hash((self.docstring, self.name, self.filename, self.lineno))

    def __lt__(self, other):
        if not isinstance(other, DocTest):
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

    def _find_options(self, source, name, lineno):
        options = {}
        for found in _DIRECTIVE.finditer(source):
            for option in found.group(1).replace(',', ' ').split():
                if option[0] not in '+-' or option[1:] not in OPTIONFLAGS_BY_NAME:
                    raise ValueError('line %r of the doctest for %s has an invalid option: %r'
                                     % (lineno, name, option))
                options[OPTIONFLAGS_BY_NAME[option[1:]]] = option[0] == '+'
        if options and self._is_blank_or_comment(source):
            raise ValueError('line %r of the doctest for %s has an option directive on a '
                             'line with no example: %r' % (lineno, name, source))
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
        self._exclude_empty = exclude_empty

    def find(self, obj, name=None, module=None, globs=None, extraglobs=None):
        if name is None:
            name = getattr(obj, '__name__', None)
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
        if isinstance(obj, types.ModuleType):
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
        if isinstance(obj, types.FunctionType):
            return module.__dict__ is obj.__globals__
        if isinstance(obj, property):
            return True
        return getattr(obj, '__module__', None) == module.__name__

    def _find(self, tests, obj, name, module, lines, globs, seen):
        if self._verbose:
            print('Finding tests in %s' % name)
        if id(obj) in seen:
            return
        seen.add(id(obj))
        test = self._get_test(obj, name, module, globs, lines)
        if test is not None:
            tests.append(test)
        if not self._recurse:
            return
        if isinstance(obj, types.ModuleType):
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
            except (TypeError, AttributeError):
                doc = ''
        lineno = self._find_lineno(obj, lines)
        if self._exclude_empty and not doc:
            return None
        if module is None:
            filename = None
        else:
            filename = getattr(module, '__file__', None) or module.__name__
            if filename.endswith('.pyc'):
                filename = filename[:-1]
        return self._parser.get_doctest(doc, globs, name, filename, lineno)

    def _find_lineno(self, obj, lines):
        # the 0-based line where obj's docstring starts, or None
        start = None
        if isinstance(obj, types.ModuleType):
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
            if isinstance(obj, types.MethodType):
                obj = obj.__func__
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
            got = re.sub(r'(?m)^[^\S\n]+$', '', got)
            if got == want:
                return True
        if optionflags & NORMALIZE_WHITESPACE:
            got = ' '.join(got.split())
            want = ' '.join(want.split())
            if got == want:
                return True
        if optionflags & ELLIPSIS:
            if _ellipsis_match(want, got):
                return True
        return False

    def _do_a_fancy_diff(self, want, got, optionflags):
        if not optionflags & (REPORT_UDIFF | REPORT_CDIFF | REPORT_NDIFF):
            return False
        if optionflags & REPORT_NDIFF:
            return True
        return want.count('\n') > 2 and got.count('\n') > 2

    def output_difference(self, example, got, optionflags):
        want = example.want
        if not optionflags & DONT_ACCEPT_BLANKLINE:
            got = re.sub(r'(?m)^[ ]*(?=\n)', BLANKLINE_MARKER, got)
        if self._do_a_fancy_diff(want, got, optionflags):
            want_lines = want.splitlines(keepends=True)
            got_lines = got.splitlines(keepends=True)
            if optionflags & REPORT_UDIFF:
                diff = list(difflib.unified_diff(want_lines, got_lines, n=2))[2:]
                kind = 'unified diff with -expected +actual'
            elif optionflags & REPORT_CDIFF:
                diff = list(difflib.context_diff(want_lines, got_lines, n=2))[2:]
                kind = 'context diff with expected followed by actual'
            else:
                engine = difflib.Differ(charjunk=difflib.IS_CHARACTER_JUNK)
                diff = list(engine.compare(want_lines, got_lines))
                kind = 'ndiff with -expected +actual'
            diff = [line.rstrip() + '\n' for line in diff]
            return 'Differences (%s):\n' % kind + _indent(''.join(diff))
        if want and got:
            return 'Expected:\n%sGot:\n%s' % (_indent(want), _indent(got))
        if want:
            return 'Expected:\n%sGot nothing\n' % _indent(want)
        if got:
            return 'Expected nothing\nGot:\n%s' % _indent(got)
        return 'Expected nothing\nGot nothing\n'


class DocTestRunner:
    """Runs DocTests: each example is compiled in 'single' mode (so an
    expression's value is printed) and run in the test's globals with
    stdout captured; failures are reported to `out` as they happen and
    counted per test for summarize()."""

    DIVIDER = _DIVIDER

    def __init__(self, checker=None, verbose=None, optionflags=0):
        self._checker = checker or OutputChecker()
        if verbose is None:
            verbose = '-v' in sys.argv
        self._verbose = verbose
        self.optionflags = optionflags
        self.original_optionflags = optionflags
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
        out(self._failure_header(test, example) +
            self._checker.output_difference(example, got, self.optionflags))

    def report_unexpected_exception(self, out, test, example, exc_info):
        out(self._failure_header(test, example) + 'Exception raised:\n' +
            _indent(_exception_traceback(exc_info)))

    def _failure_header(self, test, example):
        lines = [self.DIVIDER]
        if test.filename:
            if test.lineno is not None and example.lineno is not None:
                where = test.lineno + example.lineno + 1
            else:
                where = '?'
            lines.append('File "%s", line %s, in %s' % (test.filename, where, test.name))
        else:
            lines.append('Line %s, in %s' % (example.lineno + 1, test.name))
        lines.append('Failed example:')
        lines.append(_indent(example.source))
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
                self.report_start(out, test, example)
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
                    got += _exception_traceback(problem)
                if example.exc_msg is None:
                    boom = True
                elif self._checker.check_output(example.exc_msg, last, flags):
                    ok = True
                elif flags & IGNORE_EXCEPTION_DETAIL:
                    ok = self._checker.check_output(_strip_exception_details(example.exc_msg),
                                                    _strip_exception_details(last), flags)
            if ok:
                if not quiet:
                    self.report_success(out, test, example, got)
            else:
                failed += 1
                if not quiet:
                    if boom:
                        self.report_unexpected_exception(out, test, example, problem)
                    else:
                        self.report_failure(out, test, example, got)
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
        empty, passed, failed = [], [], []
        total_tries = total_failures = total_skips = 0
        for name, (failures, tries, skips) in self._stats.items():
            total_tries += tries
            total_failures += failures
            total_skips += skips
            if tries == 0:
                empty.append(name)
            elif failures == 0:
                passed.append((name, tries))
            else:
                failed.append((name, (failures, tries, skips)))
        if verbose:
            if empty:
                print('%s had no tests:' % _n_items(empty))
                for name in sorted(empty):
                    print('    %s' % name)
            if passed:
                print('%s passed all tests:' % _n_items(passed))
                for name, count in sorted(passed):
                    print(' %3d test%s in %s' % (count, _plural(count), name))
        if failed:
            print(self.DIVIDER)
            print('%s had failures:' % _n_items(failed))
            for name, (failures, tries, skips) in sorted(failed):
                print(' %3d of %3d in %s' % (failures, tries, name))
        if verbose:
            print('%d test%s in %s.' % (total_tries, _plural(total_tries), _n_items(self._stats)))
            if total_failures:
                print('%d passed and %d failed.' % (total_tries - total_failures, total_failures))
            else:
                print('%d passed.' % total_tries)
        if total_failures:
            note = '%d failure%s' % (total_failures, _plural(total_failures))
            if total_skips:
                note += ' and %d skipped test%s' % (total_skips, _plural(total_skips))
            print('***Test Failed*** %s.' % note)
        elif verbose:
            print('Test passed.')
        return TestResults(total_failures, total_tries, skipped=total_skips)

    def merge(self, other):
        for name, (failures, tries, skips) in other._stats.items():
            self._record(name, failures, tries, skips)
            self.failures -= failures
            self.tries -= tries
            self.skips -= skips
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
        raise UnexpectedException(test, example, exc_info)

    def report_failure(self, out, test, example, got):
        raise DocTestFailure(test, example, got)


master = None


def testmod(m=None, name=None, globs=None, verbose=None, report=True, optionflags=0,
            extraglobs=None, raise_on_error=False, exclude_empty=False):
    """Runs the examples in the docstrings of module m (default __main__)
    and what it defines; prints failures (and with report a summary);
    returns TestResults(failed, attempted)."""
    global master
    if m is None:
        m = sys.modules.get('__main__')
    if not isinstance(m, types.ModuleType):
        raise TypeError('testmod: module required; %r' % (m,))
    if name is None:
        name = m.__name__
    finder = DocTestFinder(exclude_empty=exclude_empty)
    kind = DebugRunner if raise_on_error else DocTestRunner
    runner = kind(verbose=verbose, optionflags=optionflags)
    for test in finder.find(m, name, globs=globs, extraglobs=extraglobs):
        runner.run(test)
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
    finder = DocTestFinder(verbose=verbose, recurse=False)
    runner = DocTestRunner(verbose=verbose, optionflags=optionflags)
    for test in finder.find(f, name, globs=globs):
        runner.run(test, compileflags=compileflags)
