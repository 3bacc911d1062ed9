# Timeouts, non-blocking mode, refused connections, close while another
# thread waits, and signals during a blocking recv (PEP 475).
import errno
import os
import signal
import socket
import threading
import time

a, b = socket.socketpair()
print(a.gettimeout(), a.getblocking(), a.timeout)
a.settimeout(0.05)
print(a.gettimeout(), a.getblocking(), a.timeout)
try:
    a.recv(10)
except TimeoutError as e:
    print("recv:", type(e).__name__, repr(e), e.args, e.errno, isinstance(e, socket.timeout))
try:
    a.accept()
except OSError as e:
    print("accept on a connected socket with a timeout:", type(e).__name__)
a.settimeout(None)
print(a.gettimeout(), a.getblocking())
a.setblocking(False)
print(a.gettimeout(), a.getblocking())
try:
    a.recv(10)
except BlockingIOError as e:
    print("non-blocking:", type(e).__name__, e.errno == errno.EAGAIN)
b.send(b"ready")
time.sleep(0.05)
print(a.recv(10))
a.setblocking(True)
print(a.gettimeout(), a.getblocking())
a.settimeout(0)
print("settimeout(0)", a.gettimeout(), a.getblocking())
a.close(); b.close()

# the default timeout applies to new sockets
print("default", socket.getdefaulttimeout())
socket.setdefaulttimeout(0.25)
s = socket.socket()
print("new socket", s.gettimeout(), socket.getdefaulttimeout())
s.close()
socket.setdefaulttimeout(None)
s = socket.socket(type=socket.SOCK_STREAM | socket.SOCK_NONBLOCK)
print("SOCK_NONBLOCK", s.gettimeout(), s.type, repr(s.type))
s.close()

# a refused connection
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
port = srv.getsockname()[1]
srv.close()                          # nobody listens there now
c = socket.socket()
try:
    c.connect(("127.0.0.1", port))
except ConnectionRefusedError as e:
    print("refused:", type(e).__name__, e.errno == errno.ECONNREFUSED, e.strerror)
c.close()
c = socket.socket()
print("connect_ex", c.connect_ex(("127.0.0.1", port)) == errno.ECONNREFUSED)
c.close()
c = socket.socket()
c.settimeout(2)
try:
    c.connect(("127.0.0.1", port))
except OSError as e:
    print("refused with timeout:", type(e).__name__)
c.close()
try:
    socket.create_connection(("127.0.0.1", port))
except OSError as e:
    print("create_connection:", type(e).__name__, e.strerror)
try:
    socket.create_connection(("127.0.0.1", port), all_errors=True)
except ExceptionGroup as e:
    print("all_errors:", e.message, [type(x).__name__ for x in e.exceptions])

# accept with a timeout
srv = socket.create_server(("127.0.0.1", 0))
srv.settimeout(0.05)
try:
    srv.accept()
except TimeoutError as e:
    print("accept:", repr(e))
srv.close()

# close() while another thread waits in recv: the waiter gets EBADF
x, y = socket.socketpair()
y.settimeout(5)
result = []
def waiter():
    try:
        result.append(y.recv(10))
    except OSError as e:
        result.append((type(e).__name__, e.errno == errno.EBADF))
t = threading.Thread(target=waiter)
t.start()
time.sleep(0.2)
y.close()
t.join()
print("waiter:", result)
try:
    y.recv(1)
except OSError as e:
    print("recv after close:", type(e).__name__, e)
x.close()

# a signal whose handler returns: the recv goes on (PEP 475)
x, y = socket.socketpair()
hits = []
old = signal.signal(signal.SIGALRM, lambda n, f: hits.append(n))
def later():
    time.sleep(0.2)
    os.kill(os.getpid(), signal.SIGALRM)
    time.sleep(0.2)
    x.send(b"after the signal")
t = threading.Thread(target=later)
t.start()
print(y.recv(100), hits == [signal.SIGALRM])
t.join()
signal.signal(signal.SIGALRM, old)
# SIGINT while blocked in recv: KeyboardInterrupt
def interrupt():
    time.sleep(0.2)
    os.kill(os.getpid(), signal.SIGINT)
t = threading.Thread(target=interrupt)
t.start()
try:
    y.recv(100)
except KeyboardInterrupt:
    print("KeyboardInterrupt in recv")
t.join()
x.close(); y.close()
