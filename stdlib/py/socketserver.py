"""socketserver: servers that accept requests on a socket and hand each to
a request handler class.

What lives here: BaseServer (the request loop: serve_forever, shutdown,
handle_request), TCPServer / UDPServer and their AF_UNIX twins, the
ThreadingMixIn (a thread per request) and the threaded server classes, and
the handlers BaseRequestHandler, StreamRequestHandler and
DatagramRequestHandler.

Threads: serve_forever runs in one thread; shutdown() may be called from
any other, and waits for the loop to stop (two Events pair them: the
request to stop, which the loop checks between waits, and the loop's end).
ThreadingMixIn keeps the request threads it started in a list guarded by
its own lock, so server_close() can join them.
"""

import selectors
import socket
import sys
from socket import SHUT_WR, SOL_SOCKET
import threading
from io import BytesIO

__all__ = ["BaseServer", "TCPServer", "UDPServer", "ThreadingUDPServer", "ThreadingTCPServer",
           "BaseRequestHandler", "StreamRequestHandler", "DatagramRequestHandler",
           "ThreadingMixIn", "UnixStreamServer", "UnixDatagramServer",
           "ThreadingUnixStreamServer", "ThreadingUnixDatagramServer"]

if hasattr(selectors, "PollSelector"):
    _Selector = selectors.PollSelector
else:
    _Selector = selectors.SelectSelector


class BaseServer:
    """The request loop, independent of the kind of socket.

    Subclasses supply get_request(), fileno(), and may override
    server_activate, verify_request, process_request, shutdown_request,
    close_request, service_actions, handle_timeout and handle_error."""

    timeout = None

    def __init__(self, server_address, RequestHandlerClass):
        self.server_address, self.RequestHandlerClass = server_address, RequestHandlerClass
        self._loop_done = threading.Event()
        # an Event, not a flag: shutdown() in one thread hands the request
        # to the loop in another with a happens-before edge
        self._stop_asked = threading.Event()

    def server_activate(self):
        pass

    def serve_forever(self, poll_interval=0.5):
        """Handles requests until shutdown() is called, looking for the
        request to stop every `poll_interval` seconds."""
        self._loop_done.clear()
        try:
            with _Selector() as sel:
                sel.register(self, selectors.EVENT_READ)
                while not self._stop_asked.is_set():
                    ready = sel.select(poll_interval)
                    if self._stop_asked.is_set():
                        break
                    if ready:
                        self._handle_request_noblock()
                    self.service_actions()
        finally:
            self._stop_asked.clear()
            self._loop_done.set()

    def shutdown(self):
        """Stops serve_forever and waits until it has returned.  Must be
        called from another thread than the one running the loop."""
        self._stop_asked.set()
        self._loop_done.wait()

    def service_actions(self):
        """Called once per pass of serve_forever's loop."""
        pass

    def handle_request(self):
        """Waits for one request (at most self.timeout, or the socket's own
        timeout when smaller) and handles it."""
        wait = self.socket.gettimeout()
        if wait is None:
            wait = self.timeout
        elif self.timeout is not None:
            wait = min(wait, self.timeout)
        deadline = None if wait is None else _now() + wait
        with _Selector() as sel:
            sel.register(self, selectors.EVENT_READ)
            while True:
                if sel.select(wait):
                    self._handle_request_noblock()
                    return None
                if deadline is not None:
                    wait = deadline - _now()
                    if wait < 0:
                        return self.handle_timeout()

    def _handle_request_noblock(self):
        try:
            request, peer = self.get_request()
        except OSError:
            return   # the connection went away before it was accepted
        if not self.verify_request(request, peer):
            self.shutdown_request(request)
            return
        try:
            self.process_request(request, peer)
        except Exception:
            self.handle_error(request, peer)
            self.shutdown_request(request)
        except BaseException:
            self.shutdown_request(request)
            raise

    def handle_timeout(self):
        pass

    def verify_request(self, request, client_address):
        """True to handle the request; the default accepts all."""
        return True

    def process_request(self, request, client_address):
        """Handles the request in this thread, then closes it (on failure
        _handle_request_noblock reports the error and closes it)."""
        self.finish_request(request, client_address)
        self.shutdown_request(request)

    def server_close(self):
        pass

    def finish_request(self, request, client_address):
        handler_class = self.RequestHandlerClass
        handler_class(request, client_address, self)

    def shutdown_request(self, request):
        self.close_request(request)

    def close_request(self, request):
        pass

    def handle_error(self, request, client_address):
        """Reports the exception a handler raised on stderr; the server goes on."""
        rule = "-" * 40
        print(rule, file=sys.stderr)
        print("Exception occurred during processing of request from", client_address, file=sys.stderr)
        import traceback
        traceback.print_exc()
        print(rule, file=sys.stderr)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.server_close()


def _now():
    import time
    return time.monotonic()


class TCPServer(BaseServer):
    """A server on a listening stream socket (AF_INET by default)."""

    address_family = socket.AddressFamily.AF_INET
    socket_type = socket.SocketKind.SOCK_STREAM
    request_queue_size = 5
    allow_reuse_address = False
    allow_reuse_port = False

    def __init__(self, server_address, RequestHandlerClass, bind_and_activate=True):
        super().__init__(server_address, RequestHandlerClass)
        self.socket = socket.socket(self.address_family, self.socket_type)
        if bind_and_activate:
            try:
                self.server_bind()
                self.server_activate()
            except:
                self.server_close()
                raise

    def server_bind(self):
        """Binds the socket; server_address becomes the bound address."""
        sock = self.socket
        if self.allow_reuse_address:
            sock.setsockopt(SOL_SOCKET, socket.SO_REUSEADDR, 1)
        inet = self.address_family in (socket.AF_INET, socket.AF_INET6)
        if self.allow_reuse_port and inet and hasattr(socket, "SO_REUSEPORT"):
            sock.setsockopt(SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(self.server_address)
        self.server_address = sock.getsockname()

    def server_activate(self):
        backlog = self.request_queue_size
        self.socket.listen(backlog)

    def server_close(self):
        self.socket.close()

    def fileno(self):
        return self.socket.fileno()

    def get_request(self):
        return self.socket.accept()

    def shutdown_request(self, request):
        try:
            # tell the peer we are done even if a dup of the socket lives on
            request.shutdown(SHUT_WR)
        except OSError:
            pass
        self.close_request(request)

    def close_request(self, request):
        request.close()


class UDPServer(TCPServer):
    """A server on a datagram socket: each request is (data, socket)."""

    allow_reuse_address = False
    allow_reuse_port = False
    socket_type = socket.SocketKind.SOCK_DGRAM
    max_packet_size = 8192

    def get_request(self):
        packet, sender = self.socket.recvfrom(self.max_packet_size)
        return (packet, self.socket), sender

    def server_activate(self):
        pass

    def shutdown_request(self, request):
        self.close_request(request)

    def close_request(self, request):
        pass


class ThreadingMixIn:
    """Handles each request in a new thread (mix in before the server class)."""

    daemon_threads = False
    block_on_close = True
    _request_threads = None
    _request_threads_lock = None

    def process_request_thread(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)   # reported; the server goes on
        finally:
            self.shutdown_request(request)

    def process_request(self, request, client_address):
        if self._request_threads_lock is None:
            self._request_threads_lock = threading.Lock()
        worker = threading.Thread(target=self.process_request_thread, args=(request, client_address))
        worker.daemon = self.daemon_threads
        if not worker.daemon and self.block_on_close:
            with self._request_threads_lock:
                if self._request_threads is None:
                    self._request_threads = []
                # forget the threads that are done, so the list stays short
                self._request_threads = [t for t in self._request_threads if t.is_alive()]
                self._request_threads.append(worker)
        worker.start()

    def server_close(self):
        super().server_close()
        lock = self._request_threads_lock
        if lock is None:
            return
        with lock:
            workers = self._request_threads or []
            self._request_threads = []
        for t in workers:
            t.join()


class ThreadingUDPServer(ThreadingMixIn, UDPServer):
    pass


class ThreadingTCPServer(ThreadingMixIn, TCPServer):
    pass


if hasattr(socket, "AF_UNIX"):

    class UnixStreamServer(TCPServer):
        address_family = socket.AddressFamily.AF_UNIX

    class UnixDatagramServer(UDPServer):
        address_family = socket.AddressFamily.AF_UNIX

    class ThreadingUnixStreamServer(ThreadingMixIn, UnixStreamServer):
        pass

    class ThreadingUnixDatagramServer(ThreadingMixIn, UnixDatagramServer):
        pass


class BaseRequestHandler:
    """One instance per request: __init__ runs setup(), handle() and
    finish() (finish even when handle raised)."""

    def __init__(self, request, client_address, server):
        self.request, self.client_address, self.server = request, client_address, server
        self.setup()
        try:
            self.handle()
        finally:
            self.finish()

    def setup(self):
        pass

    def handle(self):
        pass

    def finish(self):
        pass


class StreamRequestHandler(BaseRequestHandler):
    """A handler with file objects over the connection: rfile to read
    (buffered) and wfile to write (unbuffered by default)."""

    rbufsize = -1
    wbufsize = 0
    timeout = None
    disable_nagle_algorithm = False

    def setup(self):
        conn = self.connection = self.request
        if self.timeout is not None:
            conn.settimeout(self.timeout)
        nagle_off = self.disable_nagle_algorithm
        if nagle_off:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, True)
        self.rfile = conn.makefile("rb", self.rbufsize)
        if self.wbufsize:
            self.wfile = conn.makefile("wb", self.wbufsize)
        else:
            self.wfile = _SendAllWriter(conn)

    def finish(self):
        if not self.wfile.closed:
            try:
                self.wfile.flush()
            except OSError:
                pass   # the client went away; nothing left to say to it
        self.wfile.close()
        self.rfile.close()


class _SendAllWriter:
    """An unbuffered writer: each write() sends everything at once."""

    def __init__(self, sock):
        self._sock = sock
        self.closed = False

    def writable(self):
        return True

    def write(self, data):
        self._sock.sendall(data)
        return memoryview(data).nbytes

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def fileno(self):
        return self._sock.fileno()

    def flush(self):
        pass

    def close(self):
        self.closed = True


class DatagramRequestHandler(BaseRequestHandler):
    """A handler for datagrams: rfile holds the packet, what is written to
    wfile goes back to the sender when the handler finishes."""

    def setup(self):
        self.packet = self.request[0]
        self.socket = self.request[1]
        self.rfile = BytesIO(self.request[0])
        self.wfile = BytesIO()

    def finish(self):
        reply = self.wfile.getvalue()
        self.socket.sendto(reply, self.client_address)
