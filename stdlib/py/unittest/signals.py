# unittest.signals: -c / catchbreak: the first Ctrl-C asks the running
# results to stop after the current test, a second one interrupts.
import signal
import weakref
from functools import wraps

__unittest = True

_results = weakref.WeakKeyDictionary()   # the results a Ctrl-C stops
_handler = None


class _CtrlCHandler(object):
    def __init__(self, default_handler):
        self.called = False
        self.original_handler = chained = default_handler
        if isinstance(chained, int):
            if chained == signal.SIG_IGN:
                chained = lambda signum, frame: None
            elif chained == signal.SIG_DFL:
                chained = signal.default_int_handler
            else:
                raise TypeError('expected SIGINT signal handler to be signal.SIG_IGN, '
                                'signal.SIG_DFL, or a callable object')
        self.default_handler = chained

    def __call__(self, sig, frame):
        installed = signal.getsignal(signal.SIGINT)
        if installed is not self or self.called:
            # not ours any more, or the second Ctrl-C: interrupt
            return self.default_handler(sig, frame)
        self.called = True
        for res in list(_results.keys()):
            res.stop()


def registerResult(result):
    _results[result] = 1


def removeResult(result):
    return _results.pop(result, None) is not None


def installHandler():
    global _handler
    if _handler is None:
        _handler = _CtrlCHandler(signal.getsignal(signal.SIGINT))
        signal.signal(signal.SIGINT, _handler)


def removeHandler(method=None):
    if method is not None:
        @wraps(method)
        def without_handler(*args, **kwargs):
            saved = signal.getsignal(signal.SIGINT)
            removeHandler()
            try:
                return method(*args, **kwargs)
            finally:
                signal.signal(signal.SIGINT, saved)
        return without_handler
    global _handler
    if _handler is not None:
        signal.signal(signal.SIGINT, _handler.original_handler)
        _handler = None
