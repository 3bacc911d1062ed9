# unittest: the xUnit-style test framework (the package's public names;
# the parts live in case, suite, loader, result, runner, main, signals
# and util, mock in unittest.mock).
__all__ = ('TestResult TestCase IsolatedAsyncioTestCase TestSuite TextTestRunner '
           'TestLoader FunctionTestCase main defaultTestLoader SkipTest skip skipIf '
           'skipUnless expectedFailure TextTestResult installHandler registerResult '
           'removeResult removeHandler addModuleCleanup doModuleCleanups '
           'enterModuleContext').split()

__unittest = True

from .result import TestResult
from .case import TestCase, FunctionTestCase, SkipTest
from .case import skip, skipIf, skipUnless, expectedFailure
from .case import addModuleCleanup, doModuleCleanups, enterModuleContext
from .suite import TestSuite, BaseTestSuite
from .loader import defaultTestLoader, TestLoader
from .main import main, TestProgram
from .runner import TextTestResult, TextTestRunner
from .signals import registerResult, removeResult, installHandler, removeHandler


def __getattr__(name):
    # the asyncio test case is the one public name torii cannot offer
    if name != 'IsolatedAsyncioTestCase':
        raise AttributeError('module %r has no attribute %r' % (__name__, name))
    raise ImportError('unittest.IsolatedAsyncioTestCase needs asyncio, '
                      'which this build of torii lacks')
