# selectors with sockets: a single-threaded, non-blocking echo server and
# three clients driven by one DefaultSelector loop.
import selectors
import socket

sel = selectors.DefaultSelector()
srv = socket.create_server(("127.0.0.1", 0))
srv.setblocking(False)
sel.register(srv, selectors.EVENT_READ, "listener")
addr = srv.getsockname()

clients = []
for i in range(3):
    c = socket.socket()
    c.setblocking(False)
    err = c.connect_ex(addr)
    clients.append(c)
    sel.register(c, selectors.EVENT_WRITE, ("client", i))
print("registered", len(sel.get_map()))

connected = []
replies = {}
accepted = 0
while len(replies) < 3:
    for key, events in sel.select(timeout=5):
        tag = key.data
        if tag == "listener":
            conn, _ = srv.accept()
            conn.setblocking(False)
            accepted += 1
            sel.register(conn, selectors.EVENT_READ, ("conn", None))
        elif tag[0] == "client" and events & selectors.EVENT_WRITE:
            i = tag[1]
            sock = key.fileobj
            connected.append((i, sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)))
            sock.sendall(b"message %d;" % i)
            sel.modify(sock, selectors.EVENT_READ, ("client", i))
        elif tag[0] == "client":
            i = tag[1]
            data = key.fileobj.recv(100)
            replies[i] = data
            sel.unregister(key.fileobj)
            key.fileobj.close()
        else:
            conn = key.fileobj
            data = conn.recv(100)
            if data:
                conn.sendall(data[::-1])
            else:
                sel.unregister(conn)
                conn.close()
print("accepted", accepted, "connected (client, SO_ERROR)", sorted(connected))
for i in sorted(replies):
    print(i, replies[i])
print("listener still registered", sel.get_key(srv).data)
for key in list(sel.get_map().values()):
    sel.unregister(key.fileobj)
    key.fileobj.close()
sel.close()
