# unittest.main: TestProgram (unittest.main), the command line that loads
# the tests named on it -- or those of a module, or found by discovery --
# runs them and exits with the verdict.
import argparse
import os
import sys

from . import loader, runner
from . import signals

installHandler = signals.installHandler

__unittest = True

_NO_TESTS_EXITCODE = 5

def _examples(rows):
    # the Examples: epilog, %(prog)s left for the caller to fill in
    out = ['Examples:']
    for args, what in rows:
        out.append('  %(prog)s ' + args.ljust(26) + '- ' + what)
    return '\n'.join(out) + '\n'


MAIN_EXAMPLES = _examples([
    ('test_module', 'run tests from test_module'),
    ('module.TestClass', 'run tests from module.TestClass'),
    ('module.Class.test_method', 'run specified test method'),
    ('path/to/test_file.py', 'run tests from test_file.py'),
])

MODULE_EXAMPLES = _examples([
    ('', 'run default set of tests'),
    ('MyTestSuite', "run suite 'MyTestSuite'"),
    ('MyTestCase.testSomething', 'run MyTestCase.testSomething'),
    ('MyTestCase', "run all 'test*' test methods\n" + ' ' * 39 + 'in MyTestCase'),
])


def _convert_name(name):
    # a path to a .py file below the working directory names its module
    if not os.path.isfile(name) or not name.lower().endswith('.py'):
        return name
    if os.path.isabs(name):
        below = os.path.relpath(name, os.getcwd())
        if os.path.isabs(below) or below.startswith(os.pardir):
            return name
        name = below
    dotted = os.path.normpath(name)[:-3]
    for sep in ('\\', '/'):
        dotted = dotted.replace(sep, '.')
    return dotted


def _convert_names(names):
    return list(map(_convert_name, names))


def _convert_select_pattern(text):
    # -k text matches names containing it; a text with * is a glob
    return text if '*' in text else '*%s*' % text


# the options both command lines share: (flags, attribute, how, help);
# the last four are offered only when the constructor left them as None
_SHARED_OPTIONS = [
    (('-v', '--verbose'), 'verbosity', dict(action='store_const', const=2), 'Verbose output'),
    (('-q', '--quiet'), 'verbosity', dict(action='store_const', const=0), 'Quiet output'),
    (('--locals',), 'tb_locals', dict(action='store_true'), 'Show local variables in tracebacks'),
    (('--durations',), 'durations', dict(type=int, default=None, metavar='N'),
     'Show the N slowest test cases (N=0 for all)'),
]
_OPTIONAL_OPTIONS = [
    (('-f', '--failfast'), 'failfast', dict(action='store_true'), 'Stop on first fail or error'),
    (('-c', '--catch'), 'catchbreak', dict(action='store_true'),
     'Catch Ctrl-C and display results so far'),
    (('-b', '--buffer'), 'buffer', dict(action='store_true'),
     'Buffer stdout and stderr during tests'),
    (('-k',), 'testNamePatterns', dict(action='append', type=_convert_select_pattern),
     'Only run tests which match the given substring'),
]
_DISCOVERY_OPTIONS = [
    (('-s', '--start-directory'), 'start', "Directory to start discovery ('.' default)"),
    (('-p', '--pattern'), 'pattern', "Pattern to match tests ('test*.py' default)"),
    (('-t', '--top-level-directory'), 'top',
     'Top level directory of project (defaults to start directory)'),
]


class TestProgram(object):
    """Runs the tests the command line (argv, default sys.argv) asks for;
    exits unless exit=False, when the outcome is in self.result."""

    module = None
    verbosity = 1
    failfast = None
    catchbreak = None
    buffer = None
    progName = None
    warnings = None
    testNamePatterns = None
    _discovery_parser = None

    def __init__(self, module='__main__', defaultTest=None, argv=None, testRunner=None,
                 testLoader=loader.defaultTestLoader, exit=True, verbosity=1,
                 failfast=None, catchbreak=None, buffer=None, warnings=None, *,
                 tb_locals=False, durations=None):
        if isinstance(module, str):
            names = module.split('.')
            found = __import__(module)
            for attr in names[1:]:
                found = getattr(found, attr)
            self.module = found
        else:
            self.module = module
        argv = sys.argv if argv is None else argv
        self.exit = exit
        self.failfast = failfast
        self.catchbreak = catchbreak
        self.verbosity = verbosity
        self.buffer = buffer
        self.tb_locals = tb_locals
        self.durations = durations
        # show each warning once, unless -W (sys.warnoptions) says otherwise
        self.warnings = 'default' if warnings is None and not sys.warnoptions else warnings
        self.defaultTest = defaultTest
        self.testRunner = testRunner
        self.testLoader = testLoader
        self.progName = os.path.basename(argv[0])
        self.parseArgs(argv)
        self.runTests()

    def _print_help(self, *args, **kwargs):
        values = {'prog': self.progName}
        print(self._main_parser.format_help())
        if self.module is not None:
            print(MODULE_EXAMPLES % values)
            return
        print(MAIN_EXAMPLES % values)
        self._discovery_parser.print_help()

    def parseArgs(self, argv):
        self._initArgParsers()
        rest = argv[1:]
        if self.module is None and rest and rest[0].lower() == 'discover':
            self._do_discovery(rest[1:])
            return
        self._main_parser.parse_args(rest, self)
        if self.module is None and not self.tests:
            # no names: discover from the working directory
            self._do_discovery([])
            return
        if self.tests:
            self.testNames = _convert_names(self.tests)
            if __name__ == '__main__':
                self.module = None
        elif self.defaultTest is None:
            self.testNames = None
        elif isinstance(self.defaultTest, str):
            self.testNames = [self.defaultTest]
        else:
            self.testNames = [name for name in self.defaultTest]
        self.createTests()

    def createTests(self, from_discovery=False, Loader=None):
        chosen = self.testLoader
        if self.testNamePatterns:
            chosen.testNamePatterns = self.testNamePatterns
        if from_discovery:
            if Loader is not None:
                chosen = Loader()
            self.test = chosen.discover(self.start, self.pattern, self.top)
        elif self.testNames is not None:
            self.test = chosen.loadTestsFromNames(self.testNames, self.module)
        else:
            self.test = chosen.loadTestsFromModule(self.module)

    def _initArgParsers(self):
        common = self._getParentArgParser()
        self._main_parser = self._getMainArgParser(common)
        self._discovery_parser = self._getDiscoveryArgParser(common)

    def _getParentArgParser(self):
        common = argparse.ArgumentParser(add_help=False)
        for flags, dest, how, text in _SHARED_OPTIONS:
            common.add_argument(*flags, dest=dest, help=text, **how)
        for flags, dest, how, text in _OPTIONAL_OPTIONS:
            if getattr(self, dest) is None:
                common.add_argument(*flags, dest=dest, help=text, **how)
                setattr(self, dest, [] if dest == 'testNamePatterns' else False)
        return common

    def _getMainArgParser(self, common):
        made = argparse.ArgumentParser(parents=[common])
        made.prog = self.progName
        made.print_help = self._print_help
        made.add_argument('tests', nargs='*', help='a list of any number of test '
                          'modules, classes and test methods.')
        return made

    def _getDiscoveryArgParser(self, common):
        made = argparse.ArgumentParser(parents=[common])
        made.prog = self.progName + ' discover'
        made.epilog = ('For test discovery all test modules must be importable from '
                       'the top level directory of the project.')
        for flags, dest, text in _DISCOVERY_OPTIONS:
            made.add_argument(*flags, dest=dest, help=text)
        # the same three may also be given positionally
        for dest in ('start', 'pattern', 'top'):
            made.add_argument(dest, nargs='?', default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        return made

    def _do_discovery(self, argv, Loader=None):
        self.start, self.pattern, self.top = '.', 'test*.py', None
        if argv is not None:
            if not self._discovery_parser:
                self._initArgParsers()
            self._discovery_parser.parse_args(argv, self)
        self.createTests(from_discovery=True, Loader=Loader)

    def _make_runner(self):
        maker = self.testRunner or runner.TextTestRunner
        if not isinstance(maker, type):
            return maker
        options = dict(verbosity=self.verbosity, failfast=self.failfast, buffer=self.buffer,
                       warnings=self.warnings, tb_locals=self.tb_locals)
        # older runner classes take fewer options
        for extra in ({'durations': self.durations}, {}):
            try:
                return maker(**options, **extra)
            except TypeError:
                continue
        return maker()

    def runTests(self):
        if self.catchbreak:
            installHandler()
        if self.testRunner is None:
            self.testRunner = runner.TextTestRunner
        self.result = self._make_runner().run(self.test)
        if not self.exit:
            return
        if self.result.testsRun == 0 and not self.result.skipped:
            sys.exit(_NO_TESTS_EXITCODE)
        sys.exit(0 if self.result.wasSuccessful() else 1)


main = TestProgram
