# socketserver: a ThreadingTCPServer with a StreamRequestHandler run by
# serve_forever in a thread, a TCPServer handling single requests, a
# UDPServer with a DatagramRequestHandler and a BaseRequestHandler.
import socket
import socketserver
import threading

log = []
log_lock = threading.Lock()


class Upper(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(line.upper())
        with log_lock:
            log.append(("handled", self.client_address[0], type(self.server).__name__))


with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Upper) as server:
    host, port = server.server_address
    print("address", host, isinstance(port, int) and port > 0)
    print("mro", [c.__name__ for c in type(server).__mro__])
    loop = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    loop.start()
    replies = []

    def client(k):
        with socket.create_connection((host, port)) as c:
            f = c.makefile("rwb")
            for i in range(3):
                f.write(b"client %d line %d\n" % (k, i))
            f.flush()
            c.shutdown(socket.SHUT_WR)
            got = f.read()
            f.close()
            with log_lock:
                replies.append(got)

    clients = [threading.Thread(target=client, args=(k,)) for k in range(4)]
    for t in clients:
        t.start()
    for t in clients:
        t.join()
    server.shutdown()
    loop.join()
for r in sorted(replies):
    print(r)
print(sorted(log))


class Echo(socketserver.BaseRequestHandler):
    def setup(self):
        log.append("setup")

    def handle(self):
        data = self.request.recv(100)
        self.request.sendall(data[::-1])
        log.append(("handle", data))

    def finish(self):
        log.append("finish")


log.clear()
server = socketserver.TCPServer(("127.0.0.1", 0), Echo)
print("reuse", socketserver.TCPServer.allow_reuse_address, server.request_queue_size, server.timeout)
c = socket.create_connection(server.server_address)
c.sendall(b"abcdef")
server.handle_request()
print(c.recv(100), c.recv(100))
c.close()
server.timeout = 0.05
timed_out = []
server.handle_timeout = lambda: timed_out.append(True)
server.handle_request()
print("timed out", timed_out)
server.server_close()
print(log)


class Swap(socketserver.DatagramRequestHandler):
    def handle(self):
        data = self.rfile.read()
        self.wfile.write(data.swapcase())


with socketserver.UDPServer(("127.0.0.1", 0), Swap) as udp:
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.sendto(b"Hello UDP", udp.server_address)
    udp.handle_request()
    print(u.recvfrom(100)[0])
    u.close()
print("socket closed", udp.socket.fileno())
