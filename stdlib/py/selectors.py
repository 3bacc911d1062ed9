"""Waiting on many file objects at once, over the select module.

A selector remembers, per file descriptor, a SelectorKey (the file object,
its descriptor, the events asked for and the caller's data) and turns the
readiness the kernel reports into (key, events) pairs.  SelectSelector uses
select(), PollSelector poll(), EpollSelector an epoll object; DefaultSelector
is the best one this system has (epoll on Linux).

Threads: a selector is not locked; share one between threads only with
your own lock, as with CPython's.
"""

from abc import ABCMeta, abstractmethod
from collections import namedtuple
from collections.abc import Mapping
import math
import select

__all__ = ['EVENT_READ', 'EVENT_WRITE', 'SelectorKey', 'BaseSelector',
           'SelectSelector', 'PollSelector', 'EpollSelector', 'DefaultSelector']

EVENT_READ = 1 << 0
EVENT_WRITE = 1 << 1
_ANY_EVENT = EVENT_READ | EVENT_WRITE

SelectorKey = namedtuple('SelectorKey', ['fileobj', 'fd', 'events', 'data'])
SelectorKey.__doc__ = """SelectorKey(fileobj, fd, events, data)

What a selector keeps about one registered file object."""


def _descriptor_of(fileobj):
    """The file descriptor of an int or of an object with fileno()."""
    if isinstance(fileobj, int):
        fd = fileobj
    else:
        try:
            fd = int(fileobj.fileno())
        except (AttributeError, TypeError, ValueError):
            raise ValueError(f"Invalid file object: {fileobj!r}") from None
    if fd < 0:
        raise ValueError(f"Invalid file descriptor: {fd}")
    return fd


def _not_registered(fileobj):
    return KeyError(f"{fileobj!r} is not registered")


class _KeyView(Mapping):
    """The read-only mapping get_map() returns: file object -> key.
    Iterating it yields the registered descriptors."""

    def __init__(self, owner):
        self._owner = owner

    def __len__(self):
        return len(self._owner._keys)

    def __iter__(self):
        return iter(self._owner._keys)

    def __getitem__(self, fileobj):
        owner = self._owner
        try:
            return owner._keys[owner._fd_for(fileobj)]
        except KeyError:
            raise _not_registered(fileobj) from None

    def get(self, fileobj, default=None):
        try:
            return self[fileobj]
        except KeyError:
            return default


class BaseSelector(metaclass=ABCMeta):
    """The interface every selector implements."""

    @abstractmethod
    def register(self, fileobj, events, data=None):
        """Start watching `fileobj` for `events` (EVENT_READ | EVENT_WRITE);
        returns its new SelectorKey.  ValueError for bad events or a bad
        file object, KeyError when it is registered already."""
        raise NotImplementedError

    @abstractmethod
    def unregister(self, fileobj):
        """Stop watching `fileobj`; returns the key it had.  KeyError when
        it is not registered.  Unregister a file before closing it."""
        raise NotImplementedError

    def modify(self, fileobj, events, data=None):
        """Change the events and/or data of a registered file object;
        returns the new key."""
        self.unregister(fileobj)
        return self.register(fileobj, events, data)

    @abstractmethod
    def select(self, timeout=None):
        """Wait until some registered file is ready, or `timeout` seconds
        pass (None: no limit; <= 0: just look).  Returns a list of
        (key, ready events) pairs."""
        raise NotImplementedError

    def close(self):
        """Forget every registration and release the selector's resources."""
        pass

    def get_key(self, fileobj):
        """The SelectorKey of a registered file object (KeyError if none)."""
        view = self.get_map()
        if view is None:
            raise RuntimeError('Selector is closed')
        try:
            return view[fileobj]
        except KeyError:
            raise _not_registered(fileobj) from None

    @abstractmethod
    def get_map(self):
        """A mapping of the registered file objects to their keys."""
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


class _TableSelector(BaseSelector):
    """The bookkeeping shared by the concrete selectors: `_keys` maps each
    descriptor to its key.  Subclasses extend register() to tell their
    kernel object, and implement _unwatch for unregister()."""

    def __init__(self):
        self._keys = {}
        self._view = _KeyView(self)

    def _fd_for(self, fileobj):
        """The descriptor of `fileobj`; one whose fileno() no longer works
        (closed) is found by identity among the registered objects."""
        try:
            return _descriptor_of(fileobj)
        except ValueError:
            for key in self._keys.values():
                if key.fileobj is fileobj:
                    return key.fd
            raise

    def _unwatch(self, key):
        pass

    def register(self, fileobj, events, data=None):
        if not events or events & ~_ANY_EVENT:
            raise ValueError(f"Invalid events: {events!r}")
        fd = self._fd_for(fileobj)
        if fd in self._keys:
            raise KeyError(f"{fileobj!r} (FD {fd}) is already registered")
        key = SelectorKey(fileobj, fd, events, data)
        self._keys[fd] = key
        return key

    def unregister(self, fileobj):
        try:
            key = self._keys.pop(self._fd_for(fileobj))
        except KeyError:
            raise _not_registered(fileobj) from None
        try:
            self._unwatch(key)
        except OSError:
            # the descriptor was closed first: the kernel forgot it already
            pass
        return key

    def _lookup(self, fileobj):
        try:
            return self._keys[self._fd_for(fileobj)]
        except KeyError:
            raise _not_registered(fileobj) from None

    def close(self):
        self._keys.clear()
        self._view = None

    def get_map(self):
        return self._view

    def _pairs(self, ready):
        """(key, events) for each (fd, events) in `ready`, leaving out
        descriptors unregistered meanwhile and events not asked for."""
        out = []
        keys = self._keys
        for fd, events in ready:
            key = keys.get(fd)
            if key is not None and events & key.events:
                out.append((key, events & key.events))
        return out


class SelectSelector(_TableSelector):
    """A selector over select.select()."""

    def __init__(self):
        super().__init__()
        self._want_read = set()
        self._want_write = set()

    def register(self, fileobj, events, data=None):
        key = super().register(fileobj, events, data)
        if events & EVENT_READ:
            self._want_read.add(key.fd)
        if events & EVENT_WRITE:
            self._want_write.add(key.fd)
        return key

    def _unwatch(self, key):
        self._want_read.discard(key.fd)
        self._want_write.discard(key.fd)

    def _select(self, r, w, x, timeout=None):
        return select.select(r, w, x, timeout)

    def select(self, timeout=None):
        if timeout is not None:
            timeout = max(timeout, 0)
        try:
            can_read, can_write, _ = self._select(self._want_read, self._want_write, [], timeout)
        except InterruptedError:
            return []
        can_read = set(can_read)
        can_write = set(can_write)
        ready = []
        for fd in can_read | can_write:
            ev = (EVENT_READ if fd in can_read else 0) | (EVENT_WRITE if fd in can_write else 0)
            ready.append((fd, ev))
        return self._pairs(ready)


class _PollLikeSelector(_TableSelector):
    """Selectors over a poll-style kernel object `_poller` whose masks use
    `_IN` / `_OUT` for reading / writing.  Unlike SelectSelector, modify()
    changes the registration in place."""

    _IN = _OUT = 0

    def _mask(self, events):
        return (self._IN if events & EVENT_READ else 0) | (self._OUT if events & EVENT_WRITE else 0)

    def register(self, fileobj, events, data=None):
        key = super().register(fileobj, events, data)
        try:
            self._poller.register(key.fd, self._mask(events))
        except BaseException:
            del self._keys[key.fd]
            raise
        return key

    def _unwatch(self, key):
        self._poller.unregister(key.fd)

    def modify(self, fileobj, events, data=None):
        key = self._lookup(fileobj)
        if events != key.events:
            try:
                self._poller.modify(key.fd, self._mask(events))
            except BaseException:
                _TableSelector.unregister(self, fileobj)
                raise
        if events != key.events or data != key.data:
            key = key._replace(events=events, data=data)
            self._keys[key.fd] = key
        return key

    def _convert(self, raw):
        # anything but "readable" (an error, a hang-up) wakes writers too,
        # and anything but "writable" wakes readers
        ready = []
        for fd, mask in raw:
            ev = (EVENT_WRITE if mask & ~self._IN else 0) | (EVENT_READ if mask & ~self._OUT else 0)
            ready.append((fd, ev))
        return self._pairs(ready)


class PollSelector(_PollLikeSelector):
    """A selector over select.poll()."""

    _IN = select.POLLIN
    _OUT = select.POLLOUT

    def __init__(self):
        super().__init__()
        self._poller = select.poll()

    def select(self, timeout=None):
        if timeout is not None:
            timeout = 0 if timeout <= 0 else math.ceil(timeout * 1e3)
        try:
            raw = self._poller.poll(timeout)
        except InterruptedError:
            return []
        return self._convert(raw)


class EpollSelector(_PollLikeSelector):
    """A selector over select.epoll()."""

    _IN = select.EPOLLIN
    _OUT = select.EPOLLOUT

    def __init__(self):
        super().__init__()
        self._poller = select.epoll()

    def fileno(self):
        return self._poller.fileno()

    def select(self, timeout=None):
        if timeout is None:
            timeout = -1
        elif timeout <= 0:
            timeout = 0
        else:
            # whole milliseconds, rounded up: epoll cannot wait for less
            timeout = math.ceil(1000 * timeout) / 1000   # whole milliseconds, rounded up
        # at least one slot: epoll rejects maxevents=0
        room = max(len(self._keys), 1)
        try:
            raw = self._poller.poll(timeout, room)
        except InterruptedError:
            return []
        return self._convert(raw)

    def close(self):
        self._poller.close()
        super().close()


DefaultSelector = EpollSelector
