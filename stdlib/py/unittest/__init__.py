# unittest: the xUnit-style test framework (the package's public names;
# the parts live in case, suite, loader, result, runner, main, signals
# and util, mock in unittest.mock).
__all__ = ['TestResult', 'TestCase', 'IsolatedAsyncioTestCase', 'TestSuite',
           'TextTestRunner', 'TestLoader', 'FunctionTestCase', 'main',
           'defaultTestLoader', 'SkipTest', 'skip', 'skipIf', 'skipUnless',
           'expectedFailure', 'TextTestResult', 'installHandler',
           'registerResult', 'removeResult', 'removeHandler',
           'addModuleCleanup', 'doModuleCleanups', 'enterModuleContext']

__unittest = True

from .result import TestResult
from .case import (addModuleCleanup, TestCase, FunctionTestCase, SkipTest, skip,
                   skipIf, skipUnless, expectedFailure, doModuleCleanups,
                   enterModuleContext)
from .suite import BaseTestSuite, TestSuite
from .loader import TestLoader, defaultTestLoader
from .main import TestProgram, main
from .runner import TextTestRunner, TextTestResult
from .signals import installHandler, registerResult, removeResult, removeHandler


def __getattr__(name):
    if name == 'IsolatedAsyncioTestCase':
        raise ImportError('unittest.IsolatedAsyncioTestCase needs asyncio, '
                          'which this build of torii lacks')
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
