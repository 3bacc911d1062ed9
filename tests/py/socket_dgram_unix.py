# UDP, AF_UNIX (stream and datagram, in a temporary directory), socketpair,
# fromfd, dup and detach.
import os
import socket
import tempfile

# UDP
a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
a.bind(("127.0.0.1", 0))
b.bind(("127.0.0.1", 0))
print("dgram type", a.type, repr(a.type), a.proto)
print("sendto", b.sendto(b"ping", a.getsockname()))
data, frm = a.recvfrom(100)
print(data, frm == b.getsockname())
a.sendto(b"pong", 0, frm)
buf = bytearray(10)
n, frm2 = b.recvfrom_into(buf)
print(n, bytes(buf[:n]), frm2 == a.getsockname())
b.connect(a.getsockname())
b.send(b"connected")
print(a.recv(100))
b.sendto(b"0123456789", a.getsockname())
print("truncated", a.recv(4))          # the rest of the datagram is dropped
b.send(b"next")
print(a.recvfrom(100)[0])
a.close(); b.close()

# AF_UNIX stream
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "sock")
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    print("unbound name", repr(srv.getsockname()))
    srv.bind(path)
    srv.listen()
    print("name is path", srv.getsockname() == path, os.path.exists(path))
    cl = socket.socket(socket.AF_UNIX)
    cl.connect(path)
    conn, addr = srv.accept()
    print("accept addr", repr(addr), conn.family, repr(conn.family))
    print("peer", cl.getpeername() == path)
    cl.sendall(b"over unix")
    print(conn.recv(100))
    r = repr(cl)
    print(r[:r.index("fd=")], "raddr" in r)
    conn.close(); cl.close(); srv.close()
    # datagram, path given as bytes
    p2 = os.path.join(d, "dg").encode()
    u = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    u.bind(p2)
    v = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    v.sendto(b"unix dgram", p2)
    print(u.recvfrom(100))
    u.close(); v.close()

# socketpair
x, y = socket.socketpair()
print("pair", x.family, y.type, x.proto)
x.sendall(b"abc")
print(y.recv(10))
y.send(b"def")
print(x.recv(10))
# fromfd duplicates; the original stays usable
z = socket.fromfd(x.fileno(), socket.AF_UNIX, socket.SOCK_STREAM)
print("fromfd", z.fileno() != x.fileno(), z.family)
z.sendall(b"via dup")
print(y.recv(10))
z.close()
# detach leaves the descriptor open
fd = y.detach()
print("detached", y.fileno(), fd >= 0)
w = socket.socket(fileno=fd)
print("adopted", w.family, w.type, w.proto, w.fileno() == fd)
x.send(b"still there")
print(w.recv(20))
w.close(); x.close()
x, y = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
x.send(b"one"); x.send(b"two")
print(y.recv(10), y.recv(10))
x.close(); y.close()
