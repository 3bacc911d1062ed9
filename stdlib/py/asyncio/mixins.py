"""Binding a synchronization primitive to the loop that first waits on it."""

import threading

from . import events

_binding = threading.Lock()


class _LoopBoundMixin:
    _loop = None

    def _bound_loop(self):
        running = events.get_running_loop()
        if self._loop is None:
            with _binding:
                if self._loop is None:
                    self._loop = running
        if running is not self._loop:
            raise RuntimeError(f'{self!r} is bound to a different event loop')
        return running
