# selectors: registration, modification, select() results and the errors of
# SelectSelector, PollSelector, EpollSelector and DefaultSelector.
import os
import selectors
import threading
import time


class F:
    """A file object whose repr does not show its descriptor."""

    def __init__(self, fd, name):
        self.fd = fd
        self.name = name

    def fileno(self):
        if self.fd is None:
            raise ValueError('closed')
        return self.fd

    def __repr__(self):
        return f'F({self.name})'


def show(f, fd=None):
    try:
        r = f()
    except Exception as e:
        text = str(e)
        if fd is not None:
            # descriptor numbers differ between interpreters
            text = text.replace(str(fd), 'N')
        print(type(e).__name__ + ':', text)
    else:
        print('->', r)


def brief(ready, names):
    return sorted((names[key.fd], events) for key, events in ready)


print(selectors.EVENT_READ, selectors.EVENT_WRITE)
print(selectors.DefaultSelector is selectors.EpollSelector)
print(selectors.SelectorKey._fields)
print(issubclass(selectors.PollSelector, selectors.BaseSelector))
show(lambda: selectors.BaseSelector())
print(repr(selectors.SelectorKey('f', 1, 2, None)))

for cls in (selectors.SelectSelector, selectors.PollSelector, selectors.EpollSelector,
            selectors.DefaultSelector):
    print('===', cls.__name__)
    r, w = os.pipe()
    rf, wf = F(r, 'r'), F(w, 'w')
    names = {r: 'r', w: 'w'}
    with cls() as sel:
        key = sel.register(rf, selectors.EVENT_READ, 'data-r')
        print(key.fileobj, key.fd == r, key.events, key.data)
        key = sel.register(wf, selectors.EVENT_WRITE)
        print(key.fileobj, key.events, key.data)
        print(brief(sel.select(0), names))
        os.write(w, b'hello')
        print(brief(sel.select(1), names))
        print(brief(sel.select(), names))
        print(brief(sel.select(-5), names))
        m = sel.get_map()
        print(len(m), sorted(names[fd] for fd in m), m[rf].data, m.get(wf).fileobj, m.get(F(77, 'nope')))
        print(rf in m, F(55, 'other') in m, r in m)
        print(sel.get_key(rf).data, sel.get_key(r).fileobj)
        k = sel.modify(rf, selectors.EVENT_READ, 'new-data')
        print('modify data', k.data, k.events, sel.get_key(rf).data)
        k = sel.modify(wf, selectors.EVENT_READ | selectors.EVENT_WRITE, 'both')
        print('modify events', k.events, brief(sel.select(0), names))
        show(lambda: sel.register(rf, selectors.EVENT_READ), r)
        show(lambda: sel.register(r, selectors.EVENT_READ), r)
        show(lambda: sel.register(F(r, 'again'), selectors.EVENT_WRITE), r)
        show(lambda: sel.register(rf, 0))
        show(lambda: sel.register(rf, 4))
        show(lambda: sel.register(rf, 'x'))
        show(lambda: sel.register(None, 1))
        show(lambda: sel.register('abc', 1))
        show(lambda: sel.register(-3, 1))
        show(lambda: sel.register(F(-2, 'neg'), 1))
        show(lambda: sel.unregister(F(99, 'x99')))
        show(lambda: sel.get_key(F(98, 'x98')))
        show(lambda: sel.modify(F(97, 'x97'), 1))
        show(lambda: sel.get_map()[F(96, 'x96')])
        show(lambda: sel.register())
        os.read(r, 5)
        print(brief(sel.select(0), names))
        # a file object whose fileno() fails is still found by identity
        wf.fd = None
        k = sel.unregister(wf)
        print('unregistered', k.fileobj, k.fd == w)
        show(lambda: sel.unregister(wf))
        print(len(sel.get_map()))
        k = sel.unregister(rf)
        print(k.data, len(sel.get_map()), sel.select(0))
        # PollSelector and EpollSelector accept events=0 in modify
        sel.register(rf, selectors.EVENT_READ)
        try:
            k = sel.modify(rf, 0)
            print('modify 0 ->', k.events)
        except ValueError as exc:
            print('modify 0:', exc)
        show(lambda: sel.get_key(rf).events)
        if cls is not selectors.SelectSelector:
            print(cls.__name__, 'fileno' in dir(sel), hasattr(sel, 'fileno'))
    print('closed map:', sel.get_map())
    show(lambda: sel.get_key(rf))
    os.close(r)
    os.close(w)

print('=== modify after a failed modify on SelectSelector')
r, w = os.pipe()
sel = selectors.SelectSelector()
rf = F(r, 'r')
sel.register(rf, selectors.EVENT_READ)
show(lambda: sel.modify(rf, 0))
show(lambda: sel.get_key(rf))
sel.close()

print('=== epoll selector after close')
sel = selectors.EpollSelector()
sel.close()
show(lambda: sel.register(rf, selectors.EVENT_READ), r)
show(lambda: sel.select(0))
show(lambda: sel.fileno())

print('=== hang-up is readable and writable')
for cls in (selectors.PollSelector, selectors.EpollSelector, selectors.SelectSelector):
    r2, w2 = os.pipe()
    with cls() as sel:
        sel.register(r2, selectors.EVENT_READ | selectors.EVENT_WRITE)
        os.close(w2)
        print(cls.__name__, [(ev) for key, ev in sel.select(1)])
    os.close(r2)

print('=== a thread writes while select waits')
r, w = os.pipe()
with selectors.DefaultSelector() as sel:
    sel.register(r, selectors.EVENT_READ, 'reader')
    t = threading.Timer(0.05, os.write, (w, b'ping'))
    t.start()
    ready = sel.select(10)
    t.join()
    print([(k.data, ev) for k, ev in ready], os.read(r, 10))
    t0 = time.monotonic()
    print(sel.select(0.05), time.monotonic() - t0 >= 0.04)
os.close(r)
os.close(w)
print('done')
