# unittest.signals: -c / catchbreak: the first Ctrl-C asks the running
# results to stop after the current test, a second one interrupts.
import signal
import weakref
from functools import wraps

__unittest = True

_results = weakref.WeakKeyDictionary()
_handler = None


class _InterruptHandler(object):
    def __init__(self, default_handler):
        self.called = False
        self.original_handler = default_handler
        if isinstance(default_handler, int):
            if default_handler == signal.SIG_DFL:
                default_handler = signal.default_int_handler
            elif default_handler == signal.SIG_IGN:
                def default_handler(unused_signum, unused_frame):
                    pass
            else:
                raise TypeError('expected SIGINT signal handler to be '
                                'signal.SIG_IGN, signal.SIG_DFL, or a '
                                'callable object')
        self.default_handler = default_handler

    def __call__(self, signum, frame):
        installed = signal.getsignal(signal.SIGINT)
        if installed is not self or self.called:
            # not ours any more, or the second Ctrl-C: interrupt
            self.default_handler(signum, frame)
            return
        self.called = True
        for res in list(_results.keys()):
            res.stop()


def registerResult(result):
    _results[result] = 1


def removeResult(result):
    return bool(_results.pop(result, None))


def installHandler():
    global _handler
    if _handler is None:
        _handler = _InterruptHandler(signal.getsignal(signal.SIGINT))
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
