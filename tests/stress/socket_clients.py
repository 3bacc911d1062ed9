# Several client threads against a threaded TCP server: each client sends
# NMSG framed messages of varying sizes and reads each echo back; the server
# thread per connection echoes and counts bytes.  At the end the per-client
# and total counts must be exact.  Then threads share one socket pair:
# senders push fixed-size records through one shared socket while readers
# pull from the other (a record never tears: each send is one whole record
# on a stream that is read in record-sized recv_into calls under a lock),
# and a socket is closed while other threads wait in recv on it with a
# timeout (each waiter gets OSError EBADF, never a crash or a hang).
import socket
import struct
import threading

NCLIENTS = 6
NMSG = 60

srv = socket.create_server(("127.0.0.1", 0), backlog=NCLIENTS)
addr = srv.getsockname()
counts_lock = threading.Lock()
server_bytes = {}
errors = []


def recv_exact(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError("peer closed after %d of %d bytes" % (len(buf), n))
        buf += chunk
    return bytes(buf)


def serve(conn):
    total = 0
    ident = None
    with conn:
        while True:
            head = conn.recv(4, socket.MSG_WAITALL)
            if not head:
                break
            (n,) = struct.unpack("!I", head)
            body = recv_exact(conn, n)
            if ident is None:
                ident = body[:2]
            total += n
            conn.sendall(head + body)
    with counts_lock:
        server_bytes[ident] = total


def acceptor():
    workers = []
    for _ in range(NCLIENTS):
        conn, _ = srv.accept()
        t = threading.Thread(target=serve, args=(conn,))
        t.start()
        workers.append(t)
    for t in workers:
        t.join()


client_bytes = {}


def client(k):
    ident = b"%02d" % k
    sent = 0
    try:
        with socket.create_connection(addr) as c:
            for i in range(NMSG):
                body = ident + bytes([(k + i) % 256]) * (1 + (k * 7919 + i * 104729) % 20000)
                c.sendall(struct.pack("!I", len(body)) + body)
                back = recv_exact(c, 4 + len(body))
                if back[4:] != body:
                    errors.append(("mismatch", k, i))
                sent += len(body)
    except Exception as e:
        errors.append(("client", k, repr(e)))
    with counts_lock:
        client_bytes[ident] = sent


acc = threading.Thread(target=acceptor)
acc.start()
clients = [threading.Thread(target=client, args=(k,)) for k in range(NCLIENTS)]
for t in clients:
    t.start()
for t in clients:
    t.join()
acc.join()
srv.close()
print("errors", errors)
print("clients", len(client_bytes), "servers", len(server_bytes))
print("per-client totals match", client_bytes == server_bytes)
print("total", sum(client_bytes.values()) == sum(server_bytes.values()) > 0)

# one socket pair shared by threads
REC = 32
NSEND = 4
PER = 300
a, b = socket.socketpair()
b.settimeout(10)
read_lock = threading.Lock()
seen = {}


def sender(k):
    rec = (b"%02d" % k) * (REC // 2)
    for _ in range(PER):
        a.sendall(rec)     # a record this small goes out in one write


def reader(results):
    buf = bytearray(REC)
    while True:
        with read_lock:
            got = 0
            view = memoryview(buf)
            while got < REC:
                n = b.recv_into(view[got:])
                if n == 0:
                    return
                got += n
            rec = bytes(buf)
        results.append(rec)


send_threads = [threading.Thread(target=sender, args=(k,)) for k in range(NSEND)]
per_reader = [[], []]
read_threads = [threading.Thread(target=reader, args=(r,)) for r in per_reader]
for t in send_threads + read_threads:
    t.start()
for t in send_threads:
    t.join()
a.shutdown(socket.SHUT_WR)
for t in read_threads:
    t.join()
for recs in per_reader:
    for rec in recs:
        key = rec[:2]
        if rec != key * (REC // 2):
            errors.append(("torn record", rec))
        seen[key] = seen.get(key, 0) + 1
print("records", sorted(seen.items()), "torn", len(errors))
a.close()
b.close()

# close while waiters sit in recv
for _round in range(5):
    x, y = socket.socketpair()
    y.settimeout(10)
    outcome = []
    ready = threading.Barrier(4)

    def waiter():
        ready.wait()
        try:
            outcome.append(("data", y.recv(10)))
        except OSError as e:
            outcome.append((type(e).__name__, e.errno))

    ws = [threading.Thread(target=waiter) for _ in range(3)]
    for t in ws:
        t.start()
    ready.wait()
    y.close()
    for t in ws:
        t.join()
    x.close()
    print("round", _round, sorted(outcome))
