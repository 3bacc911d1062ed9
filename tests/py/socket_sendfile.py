# socket.sendfile: a whole file, an offset and count, and the argument errors.
import socket, tempfile, os
def t(label, f):
    try: print(label, '->', repr(f()), flush=True)
    except Exception as e: print(label, '!!', type(e).__name__, e, flush=True)
d = tempfile.TemporaryDirectory(); p = os.path.join(d.name, 'data')
with open(p, 'wb') as f: f.write(bytes(range(256)) * 100)
a, b = socket.socketpair()
with open(p, 'rb') as f:
    t('sendfile', lambda: a.sendfile(f))
    t('tell', f.tell)
    got = bytearray()
    while len(got) < 25600: got += b.recv(65536)
    print(bytes(got) == bytes(range(256)) * 100)
    t('offset count', lambda: a.sendfile(f, 10, 5))
    t('tell2', f.tell)
    t('recv', lambda: b.recv(100))
    t('count 0', lambda: a.sendfile(f, 0, 0))
    t('count str', lambda: a.sendfile(f, 0, 'x'))
    t('offset neg', lambda: a.sendfile(f, -1))
with open(p, 'r') as f:
    t('text', lambda: a.sendfile(f))
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
with open(p, 'rb') as f:
    t('dgram', lambda: u.sendfile(f))
u.close(); a.close(); b.close(); d.cleanup()
