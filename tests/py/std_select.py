# select: select(), poll and epoll objects, their argument errors, waking
# up for a signal, and a thread blocked in a wait while another writes.
import os
import select
import signal
import threading
import time


def show(f):
    try:
        r = f()
    except Exception as e:
        print(type(e).__name__ + ':', e)
    else:
        print('->', r)


class Wrap:
    def __init__(self, fd):
        self.fd = fd

    def fileno(self):
        return self.fd

    def __repr__(self):
        return 'Wrap()'


class BadFileno:
    def fileno(self):
        return 'x'


class RaisingFileno:
    def fileno(self):
        raise RuntimeError('boom')


print('error is OSError:', select.error is OSError)
for name in ('POLLIN', 'POLLPRI', 'POLLOUT', 'POLLERR', 'POLLHUP', 'POLLNVAL', 'POLLRDNORM',
             'POLLRDBAND', 'POLLWRNORM', 'POLLWRBAND', 'POLLMSG', 'POLLRDHUP', 'EPOLLIN',
             'EPOLLOUT', 'EPOLLPRI', 'EPOLLERR', 'EPOLLHUP', 'EPOLLET', 'EPOLLONESHOT',
             'EPOLLEXCLUSIVE', 'EPOLLRDHUP', 'EPOLLRDNORM', 'EPOLLRDBAND', 'EPOLLWRNORM',
             'EPOLLWRBAND', 'EPOLLMSG', 'EPOLL_CLOEXEC', 'PIPE_BUF'):
    print(name, getattr(select, name))

print('--- select')
r, w = os.pipe()
res = select.select([r], [w], [], 0)
print(res == ([], [w], []))
os.write(w, b'x')
res = select.select([r, Wrap(r)], [], [r], 0.5)
print(len(res[0]), res[0][0] == r, repr(res[0][1]), res[1], res[2])
print(select.select((r,), (), (), None)[0] == [r])
print(select.select(iter([r]), [], [])[0] == [r])
os.read(r, 1)
print(select.select([r], [], [], 0))
print(select.select([r], [], [], 0.0))
print(select.select([], [], [], 0.01))
t0 = time.monotonic()
select.select([r], [], [], 0.05)
print('waited', time.monotonic() - t0 >= 0.04)
show(lambda: select.select())
show(lambda: select.select([], []))
show(lambda: select.select([], [], [], 1, 2))
show(lambda: select.select([], [], [], timeout=1))
show(lambda: select.select([], [], [], 'x'))
show(lambda: select.select([], [], [], -1))
show(lambda: select.select([], [], [], float('nan')))
show(lambda: select.select([], [], [], 1e300))
show(lambda: select.select(1, [], []))
show(lambda: select.select([], None, []))
show(lambda: select.select(['a'], [], [], 0))
show(lambda: select.select([1.5], [], [], 0))
show(lambda: select.select([-1], [], [], 0))
show(lambda: select.select([2 ** 70], [], [], 0))
show(lambda: select.select([5000], [], [], 0))
show(lambda: select.select([BadFileno()], [], [], 0))
show(lambda: select.select([RaisingFileno()], [], [], 0))
fd = os.dup(r)
os.close(fd)
show(lambda: select.select([fd], [], [], 0))

print('--- poll')
p = select.poll()
print(type(p).__name__, type(p))
print(p.register(r), p.register(Wrap(w), select.POLLOUT))
print(p.poll(0) == [(w, select.POLLOUT)])
os.write(w, b'yz')
got = p.poll(100)
print(got == [(r, select.POLLIN), (w, select.POLLOUT)])
p.modify(r, select.POLLIN)
print(p.unregister(w), p.poll() == [(r, select.POLLIN)])
print(p.poll(1.5) == [(r, select.POLLIN)], p.poll(-5) == [(r, select.POLLIN)], p.poll(None) == [(r, select.POLLIN)])
os.read(r, 2)
print(p.poll(0), p.poll(10))
p.unregister(r)
p.register(w, select.POLLOUT)
p.unregister(w)
p.register(w, select.POLLOUT)
print(p.poll(0) == [(w, select.POLLOUT)])
try:
    p.unregister(r)
except KeyError as exc:
    print('KeyError for r:', exc.args == (r,))
show(lambda: p.modify(r, select.POLLIN))
show(lambda: p.register())
show(lambda: p.register(r, 1, 2))
show(lambda: p.register('x'))
show(lambda: p.register(r, 'x'))
show(lambda: p.register(r, -1))
show(lambda: p.register(r, 2 ** 20))
show(lambda: p.register(-1))
show(lambda: p.register(r, eventmask=1))
show(lambda: p.modify(r))
show(lambda: p.unregister())
show(lambda: p.poll('x'))
show(lambda: p.poll(1, 2))
show(lambda: p.poll(timeout=1))
show(lambda: p.poll(2 ** 40))
show(lambda: select.poll(1))
# a closed descriptor is reported, not an error
q = select.poll()
q.register(fd)
print(q.poll(0) == [(fd, select.POLLNVAL)])

print('--- epoll')
e = select.epoll()
print(type(e).__name__, e.closed, e.fileno() >= 0)
print(e.register(r, select.EPOLLIN), e.register(Wrap(w), select.EPOLLOUT))
print(e.poll(0) == [(w, select.EPOLLOUT)])
os.write(w, b'q')
print(sorted(e.poll(1)) == sorted([(r, select.EPOLLIN), (w, select.EPOLLOUT)]))
print(len(e.poll(0, 1)), len(e.poll(timeout=0, maxevents=-1)))
e.modify(w, select.EPOLLIN)
print(e.poll(0.5) == [(r, select.EPOLLIN)])
os.read(r, 1)
print(e.poll(0), e.poll(0.01), e.poll(None, 3) if False else e.poll(0.0))
print(e.unregister(w))
show(lambda: e.unregister(w))
show(lambda: e.modify(w, 1))
show(lambda: e.register(r))
show(lambda: e.register())
show(lambda: e.register(r, 'a'))
show(lambda: e.register(-1))
show(lambda: e.register(r, 1, 2))
show(lambda: e.register(r, x=2))
show(lambda: e.poll('x'))
show(lambda: e.poll(0, 0))
show(lambda: e.poll(0, -2))
show(lambda: e.poll(1, 2, 3))
show(lambda: select.epoll('x'))
show(lambda: select.epoll(-2))
show(lambda: select.epoll(0))
show(lambda: select.epoll(sizehint=3, flags=0).close())
show(lambda: select.epoll.fromfd('x'))
with select.epoll() as e2:
    print('inside', e2.closed)
print('after with', e2.closed)
show(lambda: e2.__enter__())
e3 = select.epoll()
e4 = select.epoll.fromfd(os.dup(e3.fileno()))
print(type(e4).__name__, e4.closed)
e4.close()
e3.close()
e.close()
print(e.closed)
e.close()
show(lambda: e.fileno())
show(lambda: e.poll(0))
show(lambda: e.register(r))
show(lambda: e.modify(r, 1))
show(lambda: e.unregister(r))
show(lambda: e.__exit__(None, None, None))
print(sorted(x for x in dir(select) if not x.startswith('_')))
print(sorted(x for x in dir(select.epoll) if not x.startswith('_')))
print(sorted(x for x in dir(select.poll()) if not x.startswith('_')))

print('--- a thread wakes the waiters')
for kind in ('select', 'poll', 'epoll'):
    r2, w2 = os.pipe()
    def writer():
        time.sleep(0.05)
        os.write(w2, b'!')
    t = threading.Thread(target=writer)
    t.start()
    if kind == 'select':
        ok = select.select([r2], [], [], 10)[0] == [r2]
    elif kind == 'poll':
        pp = select.poll()
        pp.register(r2, select.POLLIN)
        ok = pp.poll(10000) == [(r2, select.POLLIN)]
    else:
        with select.epoll() as ee:
            ee.register(r2, select.EPOLLIN)
            ok = ee.poll(10) == [(r2, select.EPOLLIN)]
    t.join()
    print(kind, ok, os.read(r2, 1))
    os.close(r2)
    os.close(w2)

print('--- signals while waiting')
hits = []
r3, w3 = os.pipe()
def on_usr1(signum, frame):
    hits.append(signum)
    os.write(w3, b's')
old = signal.signal(signal.SIGUSR1, on_usr1)
pid = os.getpid()
for kind in ('select', 'poll', 'epoll'):
    t = threading.Timer(0.05, os.kill, (pid, signal.SIGUSR1))
    t.start()
    if kind == 'select':
        ok = select.select([r3], [], [], 10)[0] == [r3]
    elif kind == 'poll':
        pp = select.poll()
        pp.register(r3, select.POLLIN)
        ok = pp.poll(10000) == [(r3, select.POLLIN)]
    else:
        with select.epoll() as ee:
            ee.register(r3, select.EPOLLIN)
            ok = ee.poll(10) == [(r3, select.EPOLLIN)]
    t.join()
    print(kind, ok, len(hits), os.read(r3, 1))

class Stop(Exception):
    pass

def raiser(signum, frame):
    raise Stop('from handler')
signal.signal(signal.SIGUSR1, raiser)
for kind in ('select', 'poll', 'epoll'):
    t = threading.Timer(0.05, os.kill, (pid, signal.SIGUSR1))
    t.start()
    try:
        if kind == 'select':
            select.select([r3], [], [], 10)
        elif kind == 'poll':
            pp = select.poll()
            pp.register(r3, select.POLLIN)
            pp.poll(10000)
        else:
            with select.epoll() as ee:
                ee.register(r3, select.EPOLLIN)
                ee.poll(10)
    except Stop as exc:
        print(kind, 'interrupted:', exc)
    t.join()
signal.signal(signal.SIGUSR1, old)
os.close(r)
os.close(w)
print('done')
