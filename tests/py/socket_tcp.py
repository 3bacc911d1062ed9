# TCP: an echo server in a thread, clients through connect, create_connection
# and makefile; addresses compared, never printed (ports vary).
import re
import socket
import threading

peers = []

def echo_server(srv, count):
    for _ in range(count):
        conn, peer = srv.accept()
        with conn:
            peers.append(isinstance(peer, tuple) and len(peer) == 2 and peer[0])
            while True:
                data = conn.recv(1024)
                if not data:
                    break
                conn.sendall(data.upper())

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print("reuseaddr", srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
srv.bind(("127.0.0.1", 0))
srv.listen(5)
host, port = srv.getsockname()
print("bound to", host, "port is int:", isinstance(port, int) and port > 0)
print("family", srv.family, repr(srv.family), "type", srv.type, repr(srv.type), "proto", srv.proto)
print(re.sub(r"fd=\d+", "fd=FD", repr(srv)).replace(str(port), "PORT"))
t = threading.Thread(target=echo_server, args=(srv, 3))
t.start()

# 1: plain connect, send / recv
c = socket.socket()
c.connect(("127.0.0.1", port))
print("peer matches", c.getpeername() == ("127.0.0.1", port))
print("sent", c.send(b"hello"))
print(c.recv(1024))
big = bytes(range(256)) * 4096          # 1 MiB: several send() calls inside sendall
c.sendall(big)
got = bytearray()
while len(got) < len(big):
    got += c.recv(65536)
print("sendall round trip", bytes(got) == big.upper(), len(got))
c.shutdown(socket.SHUT_WR)
print("after shutdown", c.recv(10))
c.close()
print(repr(c).replace(str(port), "PORT"))

# 2: create_connection + makefile
with socket.create_connection(("127.0.0.1", port), timeout=5) as c2:
    print("timeout", c2.gettimeout())
    f = c2.makefile("rwb")
    f.write(b"line one\nline two\n")
    f.flush()
    print(f.readline())
    print(f.readline())
    c2.shutdown(socket.SHUT_WR)
    print("eof", f.readline())
    f.close()

# 3: text makefile, reading lines the server sends back
c3 = socket.create_connection(("localhost", port))
w = c3.makefile("w")
r = c3.makefile("r", encoding="utf-8")
w.write("alpha\nbeta\r\ngamma é\n")
w.flush()
c3.shutdown(socket.SHUT_WR)
for line in r:
    print(repr(line))
w.close()
r.close()
print("closed by makefile refs", c3.fileno() >= 0)
c3.close()
print("fileno after close", c3.fileno())
t.join()
print("server saw", peers)
srv.close()

# create_server
with socket.create_server(("127.0.0.1", 0)) as s2:
    print("server reuse", s2.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
    p2 = s2.getsockname()[1]
    cl = socket.socket()
    cl.connect(("127.0.0.1", p2))
    conn, addr = s2.accept()
    print("accepted type", type(conn).__name__, conn.family, conn.type, conn.gettimeout())
    print("addr matches", addr == cl.getsockname())
    cl.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    print("nodelay", cl.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
    cl.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    print("keepalive", cl.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE))
    print("so_error", cl.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))
    print("rcvbuf positive", cl.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) > 0)
    print("linger bytes", cl.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8))
    cl.sendall(b"x" * 10)
    buf = bytearray(4)
    print("recv_into", conn.recv_into(buf), buf)
    print("recv_into nbytes", conn.recv_into(buf, 2), buf)
    mv = memoryview(bytearray(8))
    print("recv_into memoryview", conn.recv_into(mv), bytes(mv))
    print("peek", cl.send(b"abc"), conn.recv(3, socket.MSG_PEEK), conn.recv(3))
    d = conn.dup()
    print("dup", d.fileno() != conn.fileno(), d.family, d.type)
    d.close()
    conn.close()
    cl.close()
try:
    socket.create_server(("127.0.0.1", p2), reuse_port=True).close()
    print("rebind ok")
except OSError as e:
    print("rebind failed", e.errno)
