"""The socket module: the Python half over _socket (stdlib/_socket.c).

What lives here: the socket class (a subclass of _socket.socket adding
accept(), dup(), makefile(), the context manager and the repr), the enum
views of the constants (AddressFamily, SocketKind, MsgFlag, AddressInfo),
and the helpers socketpair, fromfd, create_connection, create_server and
getaddrinfo (which turns the C tuples' family and type into enum members).

Threads: a socket's descriptor and timeout are guarded in C; the two Python
slots `_io_refs` (how many makefile() streams are open) and `_closed` are
plain attributes, as in CPython: close a socket from one thread only.
makefile() streams are not meant to be shared by threads either.
"""

import _socket
import io
import os
import sys
import enum
from _socket import *

__all__ = ["AddressFamily", "SocketKind", "SocketType", "SocketIO", "socketpair",
           "send_fds", "recv_fds",
           "fromfd", "create_connection", "create_server", "has_dualstack_ipv6",
           "getfqdn"]
__all__.extend(n for n in dir(_socket) if n.isupper() or n in (
    "socket", "error", "timeout", "gaierror", "herror", "has_ipv6",
    "gethostname", "gethostbyname", "gethostbyname_ex", "gethostbyaddr",
    "getservbyname", "getservbyport", "getprotobyname", "getnameinfo",
    "inet_aton", "inet_ntoa", "inet_pton", "inet_ntop", "htons", "ntohs",
    "htonl", "ntohl", "getdefaulttimeout", "setdefaulttimeout", "dup", "close"))

_c_names = dir(_socket)


def _enum_from(kind, name, prefixes, skip=()):
    """An enum class `name` over the module constants starting with one of
    `prefixes`; the module's globals become its members."""
    pairs = []
    for n in _c_names:
        if n.startswith(prefixes) and n not in skip:
            pairs.append((n, getattr(_socket, n)))
    pairs.sort(key=lambda p: p[1])
    cls = kind(name, pairs, module=__name__)
    g = globals()
    for n, _ in pairs:
        g[n] = cls[n]
    return cls


AddressFamily = _enum_from(enum.IntEnum, "AddressFamily", ("AF_",))
SocketKind = _enum_from(enum.IntEnum, "SocketKind", ("SOCK_",))
MsgFlag = _enum_from(enum.IntFlag, "MsgFlag", ("MSG_",))
AddressInfo = _enum_from(enum.IntFlag, "AddressInfo", ("AI_",))
del _c_names

_GLOBAL_DEFAULT_TIMEOUT = object()


def _to_enum(value, kind):
    """`value` as a member of `kind` when it names one, else the int."""
    try:
        return kind(value)
    except ValueError:
        return value


class socket(_socket.socket):
    """A socket object (see the _socket.socket type for the calls)."""

    __slots__ = ["_io_refs", "_closed", "__weakref__"]

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None:
            family = AF_INET if family == -1 else family
            type = SOCK_STREAM if type == -1 else type
            proto = 0 if proto == -1 else proto
        super().__init__(family, type, proto, fileno)
        self._io_refs = 0
        self._closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if not self._closed:
            self.close()

    def __repr__(self):
        closed = bool(getattr(self, "_closed", False))
        cls = self.__class__
        text = "<%s.%s%s fd=%i, family=%s, type=%s, proto=%i" % (
            cls.__module__, cls.__qualname__, " [closed]" if closed else "",
            self.fileno(), self.family, self.type, self.proto)
        if not closed:
            for label, getter in (("laddr", self.getsockname), ("raddr", self.getpeername)):
                try:
                    where = getter()
                except error:
                    continue
                if where:
                    text += ", %s=%s" % (label, where)
        return text + ">"

    def __getstate__(self):
        raise TypeError(f"cannot pickle {self.__class__.__name__!r} object")

    def dup(self):
        """A new socket object over a duplicate of the descriptor."""
        copy = self.__class__(self.family, self.type, self.proto, fileno=dup(self.fileno()))
        copy.settimeout(self.gettimeout())
        return copy

    def accept(self):
        """Waits for a connection: (new socket, address of the peer)."""
        fd, address = self._accept()
        conn = socket(self.family, self.type, self.proto, fileno=fd)
        # the new descriptor is blocking; a default timeout applies to it as to any new socket
        if self.gettimeout() and getdefaulttimeout() is None:
            conn.setblocking(True)
        return conn, address

    def makefile(self, mode="r", buffering=None, *, encoding=None, errors=None, newline=None):
        """A file object reading from and/or writing to the socket."""
        if set(mode) - set("rwb"):
            raise ValueError("invalid mode %r (only r, w, b allowed)" % (mode,))
        reading = "r" in mode
        writing = "w" in mode
        if not reading and not writing:
            reading = True
        binary = "b" in mode
        raw = SocketIO(self, ("r" if reading else "") + ("w" if writing else ""))
        self._io_refs += 1
        if buffering is None:
            buffering = -1
        if buffering < 0:
            buffering = 8192
        if buffering == 0:
            if not binary:
                raise ValueError("unbuffered streams must be binary")
            return raw
        kind = _BufferedRWPair if reading and writing else _BufferedReader if reading else _BufferedWriter
        stream = kind(raw, buffering, reading, writing)
        if binary:
            return stream
        return _TextIOWrapper(stream, encoding or "UTF-8", errors or "strict", newline, mode)

    def sendfile(self, file, offset=0, count=None):
        """Sends a binary file's bytes from `offset` (at most `count` of
        them) with send(); returns how many went, leaving the file's
        position just after them."""
        if "b" not in getattr(file, "mode", "b"):
            raise ValueError("file should be opened in binary mode")
        if (self.type & SOCK_STREAM) == 0:
            raise ValueError("only SOCK_STREAM type sockets are supported")
        if count is not None:
            if not isinstance(count, int):
                raise TypeError("count must be a positive integer (got {!r})".format(count))
            if count <= 0:
                raise ValueError("count must be a positive integer (got {!r})".format(count))
        if offset < 0:
            # what os.sendfile(2) says of it, which CPython calls here
            raise OSError(22, os.strerror(22))
        if offset:
            file.seek(offset)
        sent = 0
        try:
            while count is None or sent < count:
                want = 8192 if count is None else min(8192, count - sent)
                chunk = file.read(want)
                if not chunk:
                    break
                self.sendall(chunk)
                sent += len(chunk)
            return sent
        finally:
            if sent and hasattr(file, "seek"):
                file.seek(offset + sent)

    def _decref_socketios(self):
        if self._io_refs > 0:
            self._io_refs -= 1
        if self._closed:
            self.close()

    def _real_close(self, _base=_socket.socket):
        _base.close(self)

    def close(self):
        """Closes the socket once every makefile() stream is closed too."""
        self._closed = True
        if self._io_refs <= 0:
            self._real_close()

    def detach(self):
        """Gives up the descriptor without closing it; returns it."""
        self._closed = True
        return super().detach()

    @property
    def family(self):
        """The address family, an AddressFamily member where one matches."""
        return _to_enum(super().family, AddressFamily)

    @property
    def type(self):
        """The socket kind, a SocketKind member where one matches."""
        return _to_enum(super().type, SocketKind)

    def get_inheritable(self):
        fd = self.fileno()
        return os.get_inheritable(fd)

    def set_inheritable(self, inheritable):
        fd = self.fileno()
        os.set_inheritable(fd, inheritable)


SocketType = _socket.socket


def fromfd(fd, family, type, proto=0):
    """A socket over a duplicate of descriptor `fd`."""
    return socket(family, type, proto, dup(fd))


def socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0):
    """Two connected sockets (AF_UNIX by default)."""
    left, right = _socket.socketpair(family, type, proto)
    return socket(family, type, proto, left), socket(family, type, proto, right)


def send_fds(sock, buffers, fds, flags=0, address=None):
    """Sends `buffers` with the descriptors `fds` (SCM_RIGHTS) over an AF_UNIX socket."""
    import struct
    rights = struct.pack("%di" % len(fds), *fds)
    return sock.sendmsg(buffers, [(SOL_SOCKET, SCM_RIGHTS, rights)], flags, address)


def recv_fds(sock, bufsize, maxfds, flags=0):
    """Receives up to `bufsize` bytes and up to `maxfds` descriptors:
    (data, list of descriptors, message flags, address)."""
    import struct
    width = struct.calcsize("i")
    data, ancillary, msg_flags, address = sock.recvmsg(bufsize, CMSG_LEN(maxfds * width), flags)
    fds = []
    for level, kind, payload in ancillary:
        if level == SOL_SOCKET and kind == SCM_RIGHTS:
            usable = len(payload) - len(payload) % width
            fds.extend(struct.unpack("%di" % (usable // width), payload[:usable]))
    return data, fds, msg_flags, address


class SocketIO(io.RawIOBase):
    """Raw I/O over a socket for makefile(): readinto, write, close."""

    def __init__(self, sock, mode):
        if mode not in {"r", "w", "rw", "rb", "wb", "rwb"}:
            raise ValueError("invalid mode: %r" % mode)
        self._sock = sock
        self._mode = mode.replace("b", "")
        self._reading = "r" in mode
        self._writing = "w" in mode
        self._eof = False

    def _check(self):
        self._checkClosed("I/O operation on closed socket.")

    def readinto(self, buf):
        self._check()
        if not self._reading:
            raise OSError("File or stream is not readable.")
        if self._eof:
            return 0
        while True:
            try:
                return self._sock.recv_into(buf)
            except InterruptedError:
                continue
            except BlockingIOError:
                return None

    def write(self, data):
        self._check()
        if not self._writing:
            raise OSError("File or stream is not writable.")
        try:
            return self._sock.send(data)
        except BlockingIOError:
            return None

    def readable(self):
        self._check()
        return self._reading

    def writable(self):
        self._check()
        return self._writing

    def seekable(self):
        self._check()
        return False

    def fileno(self):
        self._check()
        return self._sock.fileno()

    @property
    def name(self):
        return -1 if self.closed else self.fileno()

    @property
    def mode(self):
        return self._mode

    def close(self):
        if self.closed:
            return
        super().close()
        self._sock._decref_socketios()
        self._sock = None


class _BufferedStream(io.BufferedIOBase):
    """Buffered bytes over a SocketIO: read, readline, write and flush.
    Reads keep what came beyond the request in `_rbuf`; writes collect in
    `_wbuf` until it holds `_size` bytes or flush() is called."""

    def __init__(self, raw, size, reading, writing):
        self.raw = raw
        self._size = size
        self._reading = reading
        self._writing = writing
        self._rbuf = b""
        self._wbuf = bytearray()

    @property
    def closed(self):
        return self.raw.closed

    def __repr__(self):
        kind = self.__class__
        if kind is _BufferedRWPair:
            return "<_io.BufferedRWPair object at %#x>" % id(self)
        return "<_io.%s name=%r>" % (kind.__name__, self.name)

    @property
    def name(self):
        return self.raw.name

    @property
    def mode(self):
        return self.raw.mode + "b"

    def _check(self, allowed, closed_msg, op):
        """Raises what CPython's buffered streams raise for `op` when the
        stream is closed or does not go that way."""
        if not allowed:
            raise io.UnsupportedOperation(op)
        if self.raw.closed:
            raise ValueError(closed_msg)

    def readable(self):
        self.raw._check()
        return self._reading

    def writable(self):
        self.raw._check()
        return self._writing

    def fileno(self):
        self._checkClosed()
        return self.raw.fileno()

    def _fill(self):
        """Reads one chunk from the socket into the buffer; False at end of stream."""
        chunk = bytearray(self._size)
        got = self.raw.readinto(chunk)
        if not got:
            return False
        self._rbuf += bytes(chunk[:got])
        return True

    def read(self, n=-1):
        self._check(self._reading, "read of closed file", "read")
        if n is None or n < 0:
            while self._fill():
                pass
            out, self._rbuf = self._rbuf, b""
            return out
        while len(self._rbuf) < n and self._fill():
            pass
        out, self._rbuf = self._rbuf[:n], self._rbuf[n:]
        return out

    def read1(self, n=-1):
        self._check(self._reading, "read of closed file", "read")
        if not self._rbuf:
            self._fill()
        if n is None or n < 0:
            n = len(self._rbuf)
        out, self._rbuf = self._rbuf[:n], self._rbuf[n:]
        return out

    def readline(self, limit=-1):
        self._check(self._reading, "readline of closed file", "read")
        while True:
            end = self._rbuf.find(b"\n")
            if end >= 0:
                end += 1
                break
            if 0 <= limit <= len(self._rbuf) or not self._fill():
                end = len(self._rbuf)
                break
        if limit is not None and 0 <= limit < end:
            end = limit
        out, self._rbuf = self._rbuf[:end], self._rbuf[end:]
        return out

    def write(self, data):
        self._check(self._writing, "write to closed file", "write")
        if isinstance(data, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        view = memoryview(data)
        n = view.nbytes
        self._wbuf += view
        if len(self._wbuf) >= self._size:
            self.flush()
        return n

    def flush(self):
        if self.raw.closed:
            raise ValueError("flush of closed file" if self._writing and not self._reading
                             else "I/O operation on closed file.")
        while self._wbuf:
            sent = self.raw.write(self._wbuf)
            if sent is None:
                raise BlockingIOError(11, "write could not complete without blocking")
            del self._wbuf[:sent]

    def close(self):
        if self.raw.closed:
            return
        try:
            if self._writing:
                self.flush()
        finally:
            self.raw.close()


class BufferedReader(_BufferedStream):
    __module__ = "_io"


class BufferedWriter(_BufferedStream):
    __module__ = "_io"


class BufferedRWPair(_BufferedStream):
    __module__ = "_io"


# the names CPython's makefile() results have, kept out of the module's namespace
_BufferedReader, _BufferedWriter, _BufferedRWPair = BufferedReader, BufferedWriter, BufferedRWPair
del BufferedReader, BufferedWriter, BufferedRWPair


class TextIOWrapper(io.TextIOBase):
    """Text over a _BufferedStream: decodes what is read (with universal
    newlines when `newline` is None) and encodes what is written.  Named
    as CPython's makefile() result is; not io.TextIOWrapper itself."""

    __module__ = "_io"

    def __init__(self, buffer, encoding, errors, newline, mode):
        self.buffer = buffer
        self.encoding = encoding
        self.errors = errors
        self._newline = newline
        self.mode = mode
        self._pending = ""

    @property
    def closed(self):
        return self.buffer.closed

    def __repr__(self):
        return "<_io.TextIOWrapper name=%r mode=%r encoding=%r>" % (self.name, self.mode, self.encoding)

    @property
    def name(self):
        return self.buffer.name

    def fileno(self):
        return self.buffer.fileno()

    def _check(self, allowed, what):
        if self.buffer.closed:
            raise ValueError("I/O operation on closed file.")
        if not allowed:
            raise io.UnsupportedOperation(what)

    def readable(self):
        return self.buffer.readable()

    def writable(self):
        return self.buffer.writable()

    def _decode_line(self, raw):
        # a multi-byte character cut by the buffer end: read on until it completes
        while True:
            try:
                return raw.decode(self.encoding, self.errors)
            except UnicodeDecodeError as err:
                if err.end < len(raw) or len(raw) - err.start > 3:
                    raise
                more = self.buffer.read(1)
                if not more:
                    raise
                raw += more

    def _translate(self, text):
        if self._newline is None:
            return text.replace("\r\n", "\n").replace("\r", "\n")
        return text

    def readline(self, limit=-1):
        self._check(self.buffer._reading, "not readable")
        line = self._pending
        self._pending = ""
        while "\n" not in line:
            raw = self.buffer.readline()
            if not raw:
                break
            line += self._translate(self._decode_line(raw))
        cut = line.find("\n")
        if cut >= 0:
            self._pending = line[cut + 1:] + self._pending
            line = line[:cut + 1]
        if limit is not None and 0 <= limit < len(line):
            self._pending = line[limit:] + self._pending
            line = line[:limit]
        return line

    def read(self, n=-1):
        self._check(self.buffer._reading, "not readable")
        if n is None or n < 0:
            text = self._pending + self._translate(self._decode_line(self.buffer.read()))
            self._pending = ""
            return text
        while len(self._pending) < n:
            raw = self.buffer.read1(n)
            if not raw:
                break
            self._pending += self._translate(self._decode_line(raw))
        out, self._pending = self._pending[:n], self._pending[n:]
        return out

    def write(self, text):
        self._check(self.buffer._writing, "not writable")
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not %s" % type(text).__name__)
        out = text
        if self._newline not in (None, "", "\n"):
            out = out.replace("\n", self._newline)
        self.buffer.write(out.encode(self.encoding, self.errors))
        return len(text)

    def flush(self):
        self._check(True, "")
        self.buffer.flush()

    def close(self):
        self.buffer.close()


_TextIOWrapper = TextIOWrapper
del TextIOWrapper


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    """[(family, type, proto, canonname, sockaddr), ...] for host and port,
    the family and type as AddressFamily / SocketKind members."""
    found = []
    for fam, kind, pr, canon, addr in _socket.getaddrinfo(host, port, family, type, proto, flags):
        found.append((_to_enum(fam, AddressFamily), _to_enum(kind, SocketKind), pr, canon, addr))
    return found


def create_connection(address, timeout=_GLOBAL_DEFAULT_TIMEOUT, source_address=None, *, all_errors=False):
    """Connects to (host, port), trying each address getaddrinfo gives, and
    returns the connected socket; raises the last failure (an
    ExceptionGroup of all of them with all_errors=True)."""
    host, port = address
    failures = []
    for fam, kind, pr, _canon, where in getaddrinfo(host, port, 0, SOCK_STREAM):
        sock = None
        try:
            sock = socket(fam, kind, pr)
            if timeout is _GLOBAL_DEFAULT_TIMEOUT:
                pass   # keep the default timeout
            else:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(where)
            failures.clear()
            return sock
        except error as exc:
            failures.append(exc)
            if sock is not None:
                sock.close()
    if not failures:
        raise error("getaddrinfo returns an empty list")
    try:
        if all_errors:
            raise ExceptionGroup("create_connection failed", failures)
        raise failures[0]
    finally:
        failures = None


def has_dualstack_ipv6():
    """True when an AF_INET6 socket can also accept IPv4 connections."""
    if not has_ipv6 or not hasattr(_socket, "IPPROTO_IPV6") or not hasattr(_socket, "IPV6_V6ONLY"):
        return False
    try:
        with socket(AF_INET6, SOCK_STREAM) as probe:
            probe.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0)
            return True
    except error:
        return False


def create_server(address, *, family=AF_INET, backlog=None, reuse_port=False, dualstack_ipv6=False):
    """A listening TCP socket bound to `address`."""
    if reuse_port and "SO_REUSEPORT" not in globals():
        raise ValueError("SO_REUSEPORT not supported on this platform")
    if dualstack_ipv6:
        if not has_dualstack_ipv6():
            raise ValueError("dualstack_ipv6 not supported on this platform")
        if family != AF_INET6:
            raise ValueError("dualstack_ipv6 requires AF_INET6 family")
    srv = socket(family, SOCK_STREAM)
    try:
        # POSIX: rebinding a port in TIME_WAIT is what servers want
        try:
            srv.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
        except error:
            pass
        if reuse_port:
            srv.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1)
        if family == AF_INET6 and has_ipv6:
            srv.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0 if dualstack_ipv6 else 1)
        try:
            srv.bind(address)
        except error as exc:
            text = "%s (while attempting to bind on address %r)" % (exc.strerror, address)
            raise error(exc.errno, text) from None
        if backlog is None:
            srv.listen()
        else:
            srv.listen(backlog)
        return srv
    except error:
        srv.close()
        raise


def getfqdn(name=""):
    """A fully qualified name for `name` (this host when empty)."""
    name = name.strip()
    if not name or name in ("0.0.0.0", "::"):
        name = gethostname()
    try:
        primary, aliases, _ips = gethostbyaddr(name)
    except error:
        return name
    for candidate in [primary] + aliases:
        if "." in candidate:
            return candidate
    return primary
