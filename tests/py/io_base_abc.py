# io's abstract base classes: defaults, closing, iteration, readline over
# read/peek, readlines(hint), and which builtin streams count as instances.
import io


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


print(io.SEEK_SET, io.SEEK_CUR, io.SEEK_END, io.DEFAULT_BUFFER_SIZE)
print(io.IOBase.__name__, issubclass(io.RawIOBase, io.IOBase), io.TextIOBase.__module__)
for cls in (io.IOBase, io.RawIOBase, io.BufferedIOBase, io.TextIOBase):
    o = cls()
    for name in ('seekable', 'readable', 'writable', 'isatty', 'flush', 'fileno', 'tell', 'truncate'):
        show(cls.__name__ + '.' + name, getattr(o, name))
    o.close()
    o.close()
    print(cls.__name__, 'closed', o.closed)
    for name in ('flush', 'isatty', '__iter__', '__enter__', 'readlines'):
        show(cls.__name__ + ' closed ' + name, getattr(o, name))
    show(cls.__name__ + ' closed writelines', lambda: o.writelines([]))

show('Buffered.read', io.BufferedIOBase().read)
show('Buffered.read1', io.BufferedIOBase().read1)
show('Buffered.readinto', lambda: io.BufferedIOBase().readinto(bytearray(2)))
show('Buffered.detach', io.BufferedIOBase().detach)
show('Raw.read', io.RawIOBase().read)
t = io.TextIOBase()
print(t.encoding, t.errors, t.newlines)
show('Text.read', t.read)
show('Text.readline', t.readline)
show('Text.detach', t.detach)


class Bytes(io.RawIOBase):
    def __init__(self, data):
        self.data, self.pos = data, 0

    def readable(self):
        return True

    def readinto(self, b):
        chunk = self.data[self.pos:self.pos + len(b)]
        b[:len(chunk)] = chunk
        self.pos += len(chunk)
        return len(chunk)


r = Bytes(b'one\ntwo\nthree\nfour')
print(r.readline(), r.readline(2), r.readline())
print(r.readlines())
print(Bytes(b'a\nbb\nccc\nd\n').readlines(4))
print(Bytes(b'a\nbb\n').readlines(None), Bytes(b'x' * 20000).read() == b'x' * 20000)
print(list(Bytes(b'l1\nl2\n')), Bytes(b'abcdef').read(4))
with Bytes(b'') as r:
    print('in with', r.closed)
print('after with', r.closed)


class Peeking(io.BufferedIOBase):
    reads = 0

    def __init__(self, data):
        self.data = data

    def peek(self, n=0):
        return self.data[:8]

    def read(self, n=-1):
        self.reads += 1
        out, self.data = self.data[:n], self.data[n:]
        return out


p = Peeking(b'first line\nsecond\n')
print(p.readline(), p.readline(3), p.reads)
buf = bytearray(4)
print(p.readinto(buf), buf)


class Closing(io.IOBase):
    def close(self):
        print('close called, closed before:', self.closed)
        super().close()


c = Closing()
del c


class Lines(io.TextIOBase):
    def __init__(self, lines):
        self.lines = list(lines)

    def readline(self, size=-1):
        return self.lines.pop(0) if self.lines else ''

    def write(self, s):
        print('write', repr(s))
        return len(s)


print(Lines(['a\n', 'b\n', 'c\n']).readlines(3))
Lines([]).writelines(['x', 'y'])

f = open(__file__)
print(isinstance(f, io.IOBase), isinstance(f, io.TextIOBase), isinstance(f, io.BufferedIOBase))
f.close()
f = open(__file__, 'rb')
print(isinstance(f, io.IOBase), isinstance(f, io.BufferedIOBase), isinstance(f, io.TextIOBase), isinstance(f, io.RawIOBase))
f.close()
print(isinstance(io.BytesIO(), io.BufferedIOBase), isinstance(io.StringIO(), io.TextIOBase),
      isinstance(io.StringIO(), io.BufferedIOBase), issubclass(io.StringIO, io.IOBase))
s = io.StringIO('x\ny\n')
print(s.encoding, s.errors, s.newlines, s.readlines(), list(io.StringIO('p\nq')))
s.close()
show('StringIO closed read', s.read)
show('StringIO closed iter', lambda: iter(s))
