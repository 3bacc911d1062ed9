"""The exceptions asyncio raises (their module is part of their public name:
tracebacks print `asyncio.exceptions.CancelledError`).

CancelledError derives from BaseException, so `except Exception` in a task
does not swallow its cancellation; TimeoutError is the builtin one.
"""

__all__ = ('BrokenBarrierError', 'CancelledError', 'InvalidStateError',
           'TimeoutError', 'IncompleteReadError', 'LimitOverrunError',
           'SendfileNotAvailableError')

TimeoutError = TimeoutError


class CancelledError(BaseException):
    """The Task or Future was cancelled."""


class InvalidStateError(Exception):
    """The Task or Future is not in a state that allows this operation."""


class SendfileNotAvailableError(RuntimeError):
    """sendfile() cannot be used for this transport or file."""


class IncompleteReadError(EOFError):
    """The stream ended before `expected` bytes were read; `partial` holds
    what was read."""

    def __init__(self, partial, expected):
        total = 'undefined' if expected is None else repr(expected)
        EOFError.__init__(self, f'{len(partial)} bytes read on a total of {total} expected bytes')
        self.partial = partial
        self.expected = expected

    def __reduce__(self):
        return self.__class__, (self.partial, self.expected)


class LimitOverrunError(Exception):
    """A separator was not found before the buffer limit; `consumed` bytes
    are to be skipped."""

    def __init__(self, message, consumed):
        super().__init__(message)
        self.consumed = consumed

    def __reduce__(self):
        return self.__class__, (self.args[0], self.consumed)


class BrokenBarrierError(RuntimeError):
    """The Barrier was reset or broken while a task waited on it."""
