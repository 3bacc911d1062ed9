# pickle: object serialization, protocols 0-5, in pure Python.  Pickler
# writes the same bytes as CPython 3.13's C pickler (memo, batching, frames);
# Unpickler reads every opcode of protocols 0-5.
# Invariants: Pickler.memo maps id(obj) -> (index, obj), keeping obj alive so
# ids stay unique; at protocol >= 4 output is cut into FRAMEs, a frame being
# closed at the start of a save() once it holds >= 64 KiB, and payloads of
# >= 64 KiB written outside any frame; Unpickler.stack holds objects and
# _marks the stack lengths at each MARK (the top one is the fence).

import sys
import copyreg
from copyreg import dispatch_table, _extension_registry, _inverted_registry, _extension_cache
from struct import pack, unpack

__all__ = ["PickleError", "PicklingError", "UnpicklingError", "Pickler",
           "Unpickler", "dump", "dumps", "load", "loads", "PickleBuffer",
           "HIGHEST_PROTOCOL", "DEFAULT_PROTOCOL"]

bytes_types = (bytes, bytearray)
format_version = "4.0"
compatible_formats = ["1.0", "1.1", "1.2", "1.3", "2.0", "3.0", "4.0", "5.0"]
HIGHEST_PROTOCOL = 5
DEFAULT_PROTOCOL = 4     # CPython 3.13's value


class PickleError(Exception):
    pass


class PicklingError(PickleError):
    pass


class UnpicklingError(PickleError):
    pass


class _Stop(Exception):
    def __init__(self, value):
        self.value = value


# Opcodes, by the protocol that introduced them.
_OPCODES = {
    'MARK': b'(', 'STOP': b'.', 'POP': b'0', 'POP_MARK': b'1', 'DUP': b'2',
    'FLOAT': b'F', 'INT': b'I', 'BININT': b'J', 'BININT1': b'K', 'LONG': b'L',
    'BININT2': b'M', 'NONE': b'N', 'PERSID': b'P', 'BINPERSID': b'Q',
    'REDUCE': b'R', 'STRING': b'S', 'BINSTRING': b'T', 'SHORT_BINSTRING': b'U',
    'UNICODE': b'V', 'BINUNICODE': b'X', 'APPEND': b'a', 'BUILD': b'b',
    'GLOBAL': b'c', 'DICT': b'd', 'EMPTY_DICT': b'}', 'APPENDS': b'e',
    'GET': b'g', 'BINGET': b'h', 'INST': b'i', 'LONG_BINGET': b'j',
    'LIST': b'l', 'EMPTY_LIST': b']', 'OBJ': b'o', 'PUT': b'p', 'BINPUT': b'q',
    'LONG_BINPUT': b'r', 'SETITEM': b's', 'TUPLE': b't', 'EMPTY_TUPLE': b')',
    'SETITEMS': b'u', 'BINFLOAT': b'G',
    # protocol 2
    'PROTO': b'\x80', 'NEWOBJ': b'\x81', 'EXT1': b'\x82', 'EXT2': b'\x83',
    'EXT4': b'\x84', 'TUPLE1': b'\x85', 'TUPLE2': b'\x86', 'TUPLE3': b'\x87',
    'NEWTRUE': b'\x88', 'NEWFALSE': b'\x89', 'LONG1': b'\x8a', 'LONG4': b'\x8b',
    # protocol 3
    'BINBYTES': b'B', 'SHORT_BINBYTES': b'C',
    # protocol 4
    'SHORT_BINUNICODE': b'\x8c', 'BINUNICODE8': b'\x8d', 'BINBYTES8': b'\x8e',
    'EMPTY_SET': b'\x8f', 'ADDITEMS': b'\x90', 'FROZENSET': b'\x91',
    'NEWOBJ_EX': b'\x92', 'STACK_GLOBAL': b'\x93', 'MEMOIZE': b'\x94',
    'FRAME': b'\x95',
    # protocol 5
    'BYTEARRAY8': b'\x96', 'NEXT_BUFFER': b'\x97', 'READONLY_BUFFER': b'\x98',
}
globals().update(_OPCODES)
TRUE = b'I01\n'
FALSE = b'I00\n'
__all__.extend(_OPCODES)

_BYTES_OPS = (SHORT_BINBYTES, BINBYTES, BINBYTES8)
_FRAME_SIZE_MIN = 4
_FRAME_SIZE_TARGET = 64 * 1024
_BATCHSIZE = 1000
_FunctionType = type(lambda: None)
_BuiltinFunctionType = type(len)


# ---------------------------------------------------------------- helpers

def _fresh(s):
    """An equal string that is a new object."""
    return ''.join([s[:1], s[1:]])


def encode_long(x):
    """Minimal little-endian two's complement bytes of x (b'' for 0)."""
    if x == 0:
        return b''
    n = (x.bit_length() >> 3) + 1
    data = x.to_bytes(n, 'little', signed=True)
    if x < 0 and n > 1 and data[-1] == 0xff and data[-2] & 0x80:
        data = data[:-1]
    return data


def decode_long(data):
    return int.from_bytes(data, 'little', signed=True)


def _utf8_encode(s):
    """UTF-8 with lone surrogates passed through (the 'surrogatepass' handler)."""
    try:
        return s.encode('utf-8')
    except UnicodeEncodeError:
        out = bytearray()
        for ch in s:
            c = ord(ch)
            if 0xd800 <= c <= 0xdfff:
                out += bytes((0xe0 | c >> 12, 0x80 | (c >> 6) & 0x3f, 0x80 | c & 0x3f))
            else:
                out += ch.encode('utf-8')
        return bytes(out)


def _utf8_decode(data):
    """UTF-8 decoding that accepts encoded lone surrogates ('surrogatepass')."""
    try:
        return str(data, 'utf-8')
    except UnicodeDecodeError:
        data = bytes(data)
        parts, i, n = [], 0, len(data)
        while i < n:
            j = data.find(b'\xed', i)
            while j >= 0 and not (j + 2 < n and 0xa0 <= data[j + 1] <= 0xbf
                                  and 0x80 <= data[j + 2] <= 0xbf):
                j = data.find(b'\xed', j + 1)
            if j < 0:
                j = n
            parts.append(str(data[i:j], 'utf-8'))
            if j < n:
                parts.append(chr(0xd000 | (data[j + 1] & 0x3f) << 6 | data[j + 2] & 0x3f))
            i = j + 3
        return ''.join(parts)


def _raw_unicode_escape(s):
    """Protocol 0 UNICODE argument: raw-unicode-escape, with the characters
    that would break the line-oriented format escaped too."""
    out = []
    for ch in s:
        c = ord(ch)
        if c > 0xffff:
            out.append('\\U%08x' % c)
        elif c > 0xff or ch in '\\\0\n\r\x1a':
            out.append('\\u%04x' % c)
        else:
            out.append(ch)
    return ''.join(out).encode('latin-1')


def _raw_unicode_unescape(data):
    s = str(data, 'latin-1')
    if '\\' not in s:
        return s
    out, i, n = [], 0, len(s)
    while i < n:
        j = s.find('\\', i)
        if j < 0:
            out.append(s[i:])
            break
        k = j
        while k < n and s[k] == '\\':
            k += 1
        out.append(s[i:k])
        width = {'u': 4, 'U': 8}.get(s[k:k + 1]) if (k - j) % 2 else None
        if width is None:
            i = k
            continue
        digits = s[k + 1:k + 1 + width]
        if len(digits) != width or not all(d in '0123456789abcdefABCDEF' for d in digits):
            raise UnicodeDecodeError('rawunicodeescape', bytes(data), j, k + 1 + len(digits),
                                     'truncated \\%s escape' % (s[k] + 'X' * width))
        out[-1] = out[-1][:-1]
        out.append(chr(int(digits, 16)))
        i = k + 1 + width
    return ''.join(out)


_SIMPLE_ESCAPES = {'\n': '', '\\': '\\', "'": "'", '"': '"', 'a': '\a',
                   'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v'}


def _escape_decode(data):
    """Decode the Python bytes-literal escapes of a protocol 0 STRING."""
    s = str(data, 'latin-1')
    out, i, n = [], 0, len(s)
    while i < n:
        ch = s[i]
        i += 1
        if ch != '\\' or i >= n:
            out.append(ch)
            continue
        ch = s[i]
        i += 1
        if ch in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[ch])
        elif ch in '01234567':
            j = i
            while j < n and j < i + 2 and s[j] in '01234567':
                j += 1
            out.append(chr(int(s[i - 1:j], 8) & 0xff))
            i = j
        elif ch == 'x' and all(c in '0123456789abcdefABCDEF' for c in s[i:i + 2]) \
                and len(s[i:i + 2]) == 2:
            out.append(chr(int(s[i:i + 2], 16)))
            i += 2
        elif ch == 'x':
            raise ValueError("invalid \\x escape at position %d" % (i - 2))
        else:
            out.append('\\' + ch)
    return ''.join(out).encode('latin-1')


# Python 2 <-> 3 names, used at protocols < 3 when fix_imports is true.
_PY3_TO_PY2_MODULES = {
    'builtins': '__builtin__', 'copyreg': 'copy_reg', 'queue': 'Queue',
    'socketserver': 'SocketServer', 'configparser': 'ConfigParser',
    'reprlib': 'repr', 'tkinter': 'Tkinter', 'tkinter.filedialog': 'tkFileDialog',
    'tkinter.messagebox': 'tkMessageBox', 'winreg': '_winreg',
    '_thread': 'thread', '_dummy_thread': 'dummy_thread', 'dbm': 'anydbm',
    'dbm.bsd': 'dbhash', 'dbm.gnu': 'gdbm', 'dbm.ndbm': 'dbm',
    'dbm.dumb': 'dumbdbm', 'http.client': 'httplib', 'http.server': 'BaseHTTPServer',
    'http.cookiejar': 'cookielib', 'http.cookies': 'Cookie',
    'html.parser': 'HTMLParser', 'html.entities': 'htmlentitydefs',
    'xmlrpc.client': 'xmlrpclib', 'xmlrpc.server': 'SimpleXMLRPCServer',
    'urllib.parse': 'urlparse', 'urllib.request': 'urllib2',
    'urllib.robotparser': 'robotparser', 'subprocess': 'commands',
    'test.support': 'test.test_support', '_markupbase': 'markupbase',
    'collections.abc': '_abcoll', '_pickle': 'pickle', '_functools': 'functools',
    '_bz2': 'bz2',
}
_PY2_TO_PY3_MODULES = {v: k for k, v in _PY3_TO_PY2_MODULES.items()
                       if v not in ('pickle', 'functools', 'bz2')}
_PY2_TO_PY3_MODULES.update({
    'cPickle': 'pickle', 'cStringIO': 'io', 'StringIO': 'io',
    'UserDict': 'collections', 'UserList': 'collections',
    'UserString': 'collections', 'whichdb': 'dbm', 'md5': 'hashlib',
    'sha': 'hashlib', '_elementtree': 'xml.etree.ElementTree',
})
_PY2_EXCEPTIONS = (
    'ArithmeticError AssertionError AttributeError BaseException BufferError '
    'BytesWarning DeprecationWarning EOFError EnvironmentError Exception '
    'FloatingPointError FutureWarning GeneratorExit IOError ImportError '
    'ImportWarning IndentationError IndexError KeyError KeyboardInterrupt '
    'LookupError MemoryError NameError NotImplementedError OSError '
    'OverflowError PendingDeprecationWarning ReferenceError RuntimeError '
    'RuntimeWarning StopIteration SyntaxError SyntaxWarning SystemError '
    'SystemExit TabError TypeError UnboundLocalError UnicodeDecodeError '
    'UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning '
    'UserWarning ValueError Warning ZeroDivisionError').split()
_PY3_TO_PY2_NAMES = {
    ('builtins', 'range'): ('__builtin__', 'xrange'),
    ('builtins', 'str'): ('__builtin__', 'unicode'),
    ('builtins', 'int'): ('__builtin__', 'long'),
    ('builtins', 'chr'): ('__builtin__', 'unichr'),
    ('builtins', 'zip'): ('itertools', 'izip'),
    ('builtins', 'map'): ('itertools', 'imap'),
    ('builtins', 'filter'): ('itertools', 'ifilter'),
    ('functools', 'reduce'): ('__builtin__', 'reduce'),
    ('sys', 'intern'): ('__builtin__', 'intern'),
    ('itertools', 'zip_longest'): ('itertools', 'izip_longest'),
    ('itertools', 'filterfalse'): ('itertools', 'ifilterfalse'),
    ('collections', 'UserDict'): ('UserDict', 'IterableUserDict'),
    ('collections', 'UserList'): ('UserList', 'UserList'),
    ('collections', 'UserString'): ('UserString', 'UserString'),
}
_PY2_TO_PY3_NAMES = {v: k for k, v in _PY3_TO_PY2_NAMES.items()}
_PY2_TO_PY3_NAMES.update({
    ('__builtin__', 'basestring'): ('builtins', 'str'),
    ('UserDict', 'UserDict'): ('collections', 'UserDict'),
    ('exceptions', 'StandardError'): ('builtins', 'Exception'),
})
for _name in _PY2_EXCEPTIONS:
    _PY3_TO_PY2_NAMES[('builtins', _name)] = ('exceptions', _name)
    _PY2_TO_PY3_NAMES[('exceptions', _name)] = ('builtins', _name)
for _name in ('BlockingIOError BrokenPipeError ChildProcessError ConnectionError '
              'ConnectionAbortedError ConnectionRefusedError ConnectionResetError '
              'FileExistsError FileNotFoundError InterruptedError IsADirectoryError '
              'NotADirectoryError PermissionError ProcessLookupError '
              'TimeoutError').split():
    _PY3_TO_PY2_NAMES[('builtins', _name)] = ('exceptions', 'OSError')
_PY3_TO_PY2_NAMES[('builtins', 'ModuleNotFoundError')] = ('exceptions', 'ImportError')
del _name


def _map_name(names, modules, module, name):
    if (module, name) in names:
        return names[(module, name)]
    return modules.get(module, module), name


def _codecs_encode(obj, encoding='utf-8', errors='strict'):
    return obj.encode(encoding, errors)


# Globals some pickles name that torii may not provide: (module, name) -> obj.
_STANDINS = {('_codecs', 'encode'): _codecs_encode}
_STANDIN_NAMES = {id(v): k for k, v in _STANDINS.items()}


def _codecs_encode_global():
    """codecs.encode, which CPython pickles bytes with below protocol 3."""
    global _codecs_encode_found
    if _codecs_encode_found is None:
        try:
            from _codecs import encode as _codecs_encode_found
        except ImportError:
            _codecs_encode_found = _codecs_encode
    return _codecs_encode_found


_codecs_encode_found = None


def _getattribute(obj, path):
    """Walk the dotted path from obj: (found, its parent)."""
    parent = None
    for part in path:
        parent, obj = obj, getattr(obj, part)
    return obj, parent


def whichmodule(obj, name):
    """The name of the module obj (dotted qualname `name`) lives in."""
    module_name = getattr(obj, '__module__', None)
    if module_name is not None:
        return module_name
    path = name.split('.') if isinstance(name, str) else name
    for module_name, module in sys.modules.copy().items():
        if module_name in ('__main__', '__mp_main__') or module is None:
            continue
        try:
            if _getattribute(module, path)[0] is obj:
                return module_name
        except AttributeError:
            pass
    return '__main__'


class PickleBuffer:
    """A wrapper for an object exporting the buffer protocol, to be pickled
    out-of-band at protocol 5."""

    def __init__(self, buffer):
        self._view = memoryview(buffer)

    def raw(self):
        if self._view is None:
            raise ValueError("operation forbidden on released PickleBuffer object")
        return self._view.cast('B') if self._view.format != 'B' else self._view

    def release(self):
        if self._view is not None:
            self._view.release()
        self._view = None

    def __buffer__(self, flags):        # PEP 688, where the runtime supports it
        return self.raw() if self._view is None else self._view

    def __release_buffer__(self, view):
        pass

    def __reduce_ex__(self, protocol):
        raise TypeError("cannot pickle 'pickle.PickleBuffer' object")


class _BoundNew:
    """Stands for cls.__new__ of a builtin base: pickles as getattr(cls, '__new__')."""

    def __init__(self, owner):
        self.owner = owner

    def __reduce__(self):
        return getattr, (self.owner, '__new__')


class _PartialNew:
    """Stands for functools.partial(cls.__new__, cls, *args, **kwargs), the
    NEWOBJ_EX fallback below protocol 4; pickles as partial does."""

    def __init__(self, cls, args, kwargs):
        new = cls.__new__
        if not isinstance(new, _FunctionType):
            new = _BoundNew(next(c for c in cls.__mro__ if '__new__' in c.__dict__))
        self.state = (new, (cls,) + args, kwargs, None)

    def __reduce__(self):
        import functools
        return functools.partial, (self.state[0],), self.state


# ---------------------------------------------------------------- pickling

class Pickler:

    def __init__(self, file, protocol=None, *, fix_imports=True, buffer_callback=None):
        protocol = DEFAULT_PROTOCOL if protocol is None else int(protocol)
        if protocol < 0:
            protocol = HIGHEST_PROTOCOL
        elif protocol > HIGHEST_PROTOCOL:
            raise ValueError("pickle protocol must be <= %d" % HIGHEST_PROTOCOL)
        if buffer_callback is not None and protocol < 5:
            raise ValueError("buffer_callback needs protocol >= 5")
        try:
            self._file_write = file.write
        except AttributeError:
            raise TypeError("file must have a 'write' attribute") from None
        self._buffer_callback = buffer_callback
        self.memo = {}
        self._cfunc_modules = {}
        self.proto = protocol
        self.bin = protocol >= 1
        self.fast = 0
        self.fix_imports = bool(fix_imports) and protocol < 3
        self._out = bytearray()
        self._framing = False
        self._frame_start = -1

    def clear_memo(self):
        self.memo.clear()
        self._cfunc_modules.clear()

    def persistent_id(self, obj):
        return None

    def dump(self, obj):
        """Write a pickled representation of obj to the file."""
        self._pid = self.persistent_id
        if getattr(self._pid, '__func__', None) is Pickler.persistent_id:
            self._pid = None
        self._override = getattr(self, 'reducer_override', None)
        self._table = getattr(self, 'dispatch_table', dispatch_table)
        self._out = bytearray()
        if self.proto >= 2:
            self._out += PROTO + bytes((self.proto,))
            self._framing = self.proto >= 4
        try:
            self.save(obj)
            self.write(STOP)
            self._commit_frame()
        finally:
            self._framing = False
            self._frame_start = -1
        self._flush()

    # -- output and framing
    def write(self, data):
        if self._framing and self._frame_start < 0:
            self._frame_start = len(self._out)
            self._out += bytes(9)
        self._out += data

    def _commit_frame(self):
        start = self._frame_start
        if start < 0:
            return
        size = len(self._out) - start - 9
        if size >= _FRAME_SIZE_MIN:
            self._out[start:start + 9] = FRAME + pack('<Q', size)
        else:
            del self._out[start:start + 9]
        self._frame_start = -1

    def _flush(self):
        if self._out:
            self._file_write(bytes(self._out))
            self._out = bytearray()

    def _boundary(self):
        if self._frame_start >= 0 and \
                len(self._out) - self._frame_start - 9 >= _FRAME_SIZE_TARGET:
            self._commit_frame()
            self._flush()

    def _write_payload(self, header, payload):
        if len(payload) < _FRAME_SIZE_TARGET:
            self.write(header)
            self.write(payload)
            return
        self._commit_frame()
        framing, self._framing = self._framing, False
        self.write(header)
        self._flush()
        self._file_write(payload)
        self._framing = framing

    # -- memo
    def memoize(self, obj):
        if self.fast:
            return
        idx = len(self.memo)
        self.write(self.put(idx))
        self.memo[id(obj)] = idx, obj

    def put(self, idx):
        if self.proto >= 4:
            return MEMOIZE
        if self.bin:
            return BINPUT + bytes((idx,)) if idx < 256 else LONG_BINPUT + pack('<I', idx)
        return PUT + repr(idx).encode('ascii') + b'\n'

    def get(self, idx):
        if self.bin:
            return BINGET + bytes((idx,)) if idx < 256 else LONG_BINGET + pack('<I', idx)
        return GET + repr(idx).encode('ascii') + b'\n'

    # -- the dispatcher
    def save(self, obj, save_persistent_id=True):
        if self._framing:
            self._boundary()
        if save_persistent_id and self._pid is not None:
            pid = self._pid(obj)
            if pid is not None:
                return self.save_pers(pid)
        t = type(obj)
        if obj is None:
            return self.write(NONE)
        if obj is True or obj is False:
            if self.proto >= 2:
                return self.write(NEWTRUE if obj else NEWFALSE)
            return self.write(TRUE if obj else FALSE)
        if t is int:
            return self.save_long(obj)
        if t is float:
            return self.save_float(obj)
        x = self.memo.get(id(obj))
        if x is not None:
            return self.write(self.get(x[0]))
        f = self._savers.get(t)
        if f is not None:
            return f(self, obj)
        rv = NotImplemented if self._override is None else self._override(obj)
        if rv is NotImplemented:
            if t is type:
                return self.save_type(obj)
            if t is _FunctionType:
                return self.save_global(obj)
            try:
                reduce = self._table[t]
            except KeyError:
                reduce = None
            if reduce is not None:
                rv = reduce(obj)
            elif issubclass(t, type):
                return self.save_global(obj)
            else:
                rv = self._reduce(obj)
        # (checked inline: every frame here limits how deep a graph can be)
        if isinstance(rv, str):
            return self.save_global(obj, rv)
        if not isinstance(rv, tuple):
            raise PicklingError("__reduce__ must return a string or tuple")
        if not 2 <= len(rv) <= 6:
            raise PicklingError("tuple returned by __reduce__ must contain 2 through 6 elements")
        self.save_reduce(*rv, obj=obj)

    def _reduce(self, obj):
        # Looked up on the type, as object.__reduce_ex__ would be found there
        # before any __getattr__; torii's object has none, hence the fallback.
        if hasattr(type(obj), '__reduce_ex__'):
            return obj.__reduce_ex__(self.proto)
        return copyreg._default_reduce_ex(obj, self.proto)

    def save_pers(self, pid):
        if self.bin:
            self.save(pid, save_persistent_id=False)
            return self.write(BINPERSID)
        try:
            self.write(PERSID + str(pid).encode('ascii') + b'\n')
        except UnicodeEncodeError:
            raise PicklingError("persistent IDs in protocol 0 must be ASCII strings")

    def save_reduce(self, func, args, state=None, listitems=None, dictitems=None,
                    state_setter=None, *, obj=None):
        if not callable(func):
            raise PicklingError("first item of the tuple returned by __reduce__ must be callable")
        if not isinstance(args, tuple):
            raise PicklingError("second item of the tuple returned by __reduce__ must be a tuple")
        for nth, val in (('fourth', listitems), ('fifth', dictitems)):
            if val is not None and not hasattr(type(val), '__next__'):
                raise PicklingError("%s element of the tuple returned by __reduce__ "
                                    "must be an iterator, not %s" % (nth, type(val).__name__))
        if state_setter is not None and not callable(state_setter):
            raise PicklingError("sixth element of the tuple returned by __reduce__ "
                                "must be a function, not %s" % type(state_setter).__name__)
        name = getattr(func, '__name__', None) if self.proto >= 2 else None
        if name == '__newobj_ex__':
            self._save_newobj_ex(args)
        elif name == '__newobj__':
            if not args:
                raise PicklingError("__newobj__ arglist is empty")
            cls = args[0]
            if not isinstance(cls, type):
                raise PicklingError("args[0] from __newobj__ args is not a type")
            if obj is not None and cls is not obj.__class__:
                raise PicklingError("args[0] from __newobj__ args has the wrong class")
            self.save(cls)
            self.save(args[1:])
            self.write(NEWOBJ)
        else:
            self.save(func)
            self.save(args)
            self.write(REDUCE)
        if obj is not None:
            x = self.memo.get(id(obj))
            if x is not None:
                self.write(POP + self.get(x[0]))
            else:
                self.memoize(obj)
        if listitems is not None:
            self._batch_appends(listitems)
        if dictitems is not None:
            self._batch_setitems(dictitems)
        if state is not None:
            if state_setter is None:
                self.save(state)
                self.write(BUILD)
            else:
                self.save(state_setter)
                self.save(obj)
                self.save(state)
                self.write(TUPLE2 + REDUCE + POP)

    def _save_newobj_ex(self, args):
        if len(args) != 3:
            raise PicklingError("length of the NEWOBJ_EX argument tuple must be "
                                "exactly 3, not %d" % len(args))
        for what, val, want in (('first', args[0], type), ('second', args[1], tuple),
                                ('third', args[2], dict)):
            if not isinstance(val, want):
                raise PicklingError("%s item from NEWOBJ_EX argument tuple must be a %s, not %s"
                                    % (what, 'class' if want is type else want.__name__,
                                       type(val).__name__))
        cls, cargs, kwargs = args
        if self.proto >= 4:
            self.save(cls)
            self.save(cargs)
            self.save(kwargs)
            self.write(NEWOBJ_EX)
        else:
            self.save(_PartialNew(cls, cargs, kwargs))
            self.save(())
            self.write(REDUCE)

    # -- atoms
    def save_long(self, obj):
        if -0x80000000 <= obj <= 0x7fffffff:
            if not self.bin:
                return self.write(INT + repr(obj).encode('ascii') + b'\n')
            if 0 <= obj <= 0xff:
                return self.write(BININT1 + bytes((obj,)))
            if 0 <= obj <= 0xffff:
                return self.write(BININT2 + pack('<H', obj))
            return self.write(BININT + pack('<i', obj))
        if self.proto >= 2:
            data = encode_long(obj)
            n = len(data)
            return self.write((LONG1 + bytes((n,)) if n < 256 else LONG4 + pack('<i', n)) + data)
        self.write(LONG + repr(obj).encode('ascii') + b'L\n')

    def save_float(self, obj):
        if self.bin:
            return self.write(BINFLOAT + pack('>d', obj))
        self.write(FLOAT + repr(obj).encode('ascii') + b'\n')

    def _save_sized(self, obj, data, ops):
        """Write data after the opcode + length that fits, then memoize obj.
        ops: (1-byte-length op or None, 4-byte op, 8-byte op)."""
        n = len(data)
        short, op4, op8 = ops
        if n <= 0xff and short is not None:
            header = short + bytes((n,))
        elif n > 0xffffffff and self.proto >= 4:
            header = op8 + pack('<Q', n)
        else:
            header = op4 + pack('<I', n)
        self._write_payload(header, data)
        self.memoize(obj)

    def save_bytes(self, obj):
        if self.proto < 3:
            if not obj:
                return self.save_reduce(bytes, (), obj=obj)
            return self.save_reduce(_codecs_encode_global(), (str(obj, 'latin-1'), 'latin1'),
                                    obj=obj)
        self._save_sized(obj, obj, _BYTES_OPS)

    def save_bytearray(self, obj):
        if self.proto < 5:
            return self.save_reduce(bytearray, (bytes(obj),) if obj else (), obj=obj)
        self._save_bytearray_data(obj, bytes(obj))

    def _save_bytearray_data(self, obj, data):
        self._write_payload(BYTEARRAY8 + pack('<Q', len(data)), data)
        self.memoize(obj)

    def save_str(self, obj):
        if not self.bin:
            self.write(UNICODE + _raw_unicode_escape(obj) + b'\n')
            return self.memoize(obj)
        short = SHORT_BINUNICODE if self.proto >= 4 else None
        self._save_sized(obj, _utf8_encode(obj), (short, BINUNICODE, BINUNICODE8))

    def save_picklebuffer(self, obj):
        if self.proto < 5:
            raise PicklingError("PickleBuffer can only be pickled with protocol >= 5")
        view = obj.raw()
        if not view.contiguous:
            raise PicklingError("PickleBuffer can not be pickled when "
                                "pointing to a non-contiguous buffer")
        in_band = self._buffer_callback is None or bool(self._buffer_callback(obj))
        if in_band:
            if view.readonly:
                return self._save_sized(obj, view.tobytes(), _BYTES_OPS)
            return self._save_bytearray_data(obj, view.tobytes())
        self.write(NEXT_BUFFER)
        if view.readonly:
            self.write(READONLY_BUFFER)

    # -- containers
    def save_tuple(self, obj):
        n = len(obj)
        if not n:
            return self.write(EMPTY_TUPLE if self.bin else MARK + TUPLE)
        small = n <= 3 and self.proto >= 2
        if not self._save_items(obj, not small):
            self.write((TUPLE1, TUPLE2, TUPLE3)[n - 1] if small else TUPLE)
            self.memoize(obj)

    def _save_items(self, obj, mark):
        """Save obj's items, after a MARK if `mark`.  If that memoized obj
        (it is reachable from its items), drop them and fetch obj from the
        memo instead; return whether it did."""
        if mark:
            self.write(MARK)
        for item in obj:
            self.save(item)
        x = self.memo.get(id(obj))
        if x is None:
            return False
        if not mark:
            pops = POP * len(obj)
        else:
            pops = POP_MARK if self.bin else POP * (len(obj) + 1)
        self.write(pops + self.get(x[0]))
        return True

    def save_dict(self, obj):
        self.write(EMPTY_DICT if self.bin else MARK + DICT)
        self.memoize(obj)
        if not (self.bin and type(obj) is dict):
            return self._batch_setitems(iter(obj.items()))
        if not obj:
            return
        if len(obj) == 1:
            for k, v in obj.items():
                self.save(k)
                self.save(v)
            return self.write(SETITEM)
        self._batch_sized(obj, iter(obj.items()), True, SETITEMS, "dictionary")

    def save_list(self, obj):
        self.write(EMPTY_LIST if self.bin else MARK + LIST)
        self.memoize(obj)
        if not (self.bin and type(obj) is list):
            return self._batch_appends(iter(obj))
        if len(obj) == 1:
            self.save(obj[0])
            return self.write(APPEND)
        i = 0
        while i < len(obj):
            self.write(MARK)
            stop = i + _BATCHSIZE
            while i < len(obj) and i < stop:
                self.save(obj[i])
                i += 1
            self.write(APPENDS)

    def _batch_sized(self, obj, it, pairs, many, what):
        """Exact dict/set items (key/value pairs if `pairs`) in MARK...`many`
        batches; as in CPython, a size that is a multiple of 1000 ends with
        an empty batch."""
        size = len(obj)
        n = _BATCHSIZE
        while n == _BATCHSIZE:
            self.write(MARK)
            n = 0
            for item in it:
                if pairs:
                    self.save(item[0])
                    self.save(item[1])
                else:
                    self.save(item)
                n += 1
                if n == _BATCHSIZE:
                    break
            self.write(many)
            if len(obj) != size:
                raise RuntimeError("%s changed size during iteration" % what)

    def _save_pair(self, kv):
        self.save(kv[0])
        self.save(kv[1])

    def _batch(self, it, save, one, many):
        """Items of an iterator, fetched as they are saved: batches of
        MARK...`many`, a lone last item with `one`."""
        if not self.bin:
            for x in it:
                save(x)
                self.write(one)
            return
        done = object()
        while True:
            first = next(it, done)
            if first is done:
                return
            x = next(it, done)
            if x is done:
                save(first)
                return self.write(one)
            self.write(MARK)
            save(first)
            n = 1
            while x is not done:
                save(x)
                n += 1
                if n == _BATCHSIZE:
                    break
                x = next(it, done)
            self.write(many)
            if n != _BATCHSIZE:
                return

    def _batch_appends(self, items):
        self._batch(items, self.save, APPEND, APPENDS)

    def _batch_setitems(self, items):
        self._batch(items, self._save_pair, SETITEM, SETITEMS)

    def save_set(self, obj):
        if self.proto < 4:
            return self.save_reduce(set, (list(obj),), obj=obj)
        self.write(EMPTY_SET)
        self.memoize(obj)
        if obj:
            self._batch_sized(obj, iter(obj), False, ADDITEMS, "set")

    def save_frozenset(self, obj):
        if self.proto < 4:
            return self.save_reduce(frozenset, (list(obj),), obj=obj)
        if not self._save_items(obj, True):
            self.write(FROZENSET)
            self.memoize(obj)

    # -- globals
    def save_type(self, obj):
        for single in (None, NotImplemented, ...):
            if obj is type(single):
                return self.save_reduce(type, (single,), obj=obj)
        self.save_global(obj)

    def save_global(self, obj, name=None):
        given = name is not None
        if name is None:
            name = getattr(obj, '__qualname__', None)
            if name is None:
                name = obj.__name__
        standin = _STANDIN_NAMES.get(id(obj))
        if standin is not None:
            module_name, name = standin
            path = [name]
        else:
            path = name.split('.')
            if '<locals>' in path:
                raise AttributeError("Can't get local object %r" % name)
            module_name = whichmodule(obj, path)
            self._check_global(obj, module_name, name, path)
        module_name, name = self._name_objects(obj, module_name, name, given)
        if self.proto >= 2:
            code = _extension_registry.get((module_name, name))
            if code:
                if code <= 0xff:
                    return self.write(EXT1 + bytes((code,)))
                if code <= 0xffff:
                    return self.write(EXT2 + pack('<H', code))
                return self.write(EXT4 + pack('<i', code))
        if self.proto >= 4:
            self.save(module_name)
            self.save(name)
            self.write(STACK_GLOBAL)
        else:
            self._save_path(module_name, path)
        self.memoize(obj)

    def _name_objects(self, obj, module_name, name, given):
        """The strings to save for a global, with the identities CPython's
        have (the memo is by identity): module names and qualnames are
        interned, but builtin types and functions make fresh ones, except
        that builtin functions share their module's name object."""
        if type(obj) is _BuiltinFunctionType:
            module_name = self._cfunc_modules.setdefault(module_name, _fresh(module_name))
            return module_name, _fresh(name)
        if isinstance(obj, type) and not copyreg._is_heap(obj):
            fresh = module_name != 'builtins'
            return _fresh(module_name) if fresh else sys.intern(module_name), _fresh(name)
        return sys.intern(module_name), name if given else sys.intern(name)

    def _check_global(self, obj, module_name, name, path):
        try:
            __import__(module_name, level=0)
            module = sys.modules[module_name]
        except Exception:
            raise PicklingError("Can't pickle %r: import of module %r failed"
                                % (obj, module_name)) from None
        try:
            found = _getattribute(module, path)[0]
        except AttributeError:
            raise PicklingError("Can't pickle %r: attribute lookup %s on %s failed"
                                % (obj, name, module_name)) from None
        if found is not obj:
            raise PicklingError("Can't pickle %r: it's not the same object as %s.%s"
                                % (obj, module_name, name))

    def _save_path(self, module_name, path):
        """Below protocol 4: GLOBAL for module.path[0], then a getattr()
        REDUCE for each further component (none of them memoized)."""
        if len(path) > 1:
            self.save(getattr)
            if self.proto < 2:
                self.write(MARK)
            self._save_path(module_name, path[:-1])
            self.save(path[-1])
            return self.write((TUPLE2 if self.proto >= 2 else TUPLE) + REDUCE)
        name = path[0]
        if self.fix_imports:
            module_name, name = _map_name(_PY3_TO_PY2_NAMES, _PY3_TO_PY2_MODULES,
                                          module_name, name)
        encoding = 'utf-8' if self.proto >= 3 else 'ascii'
        try:
            self.write(GLOBAL + module_name.encode(encoding) + b'\n'
                       + name.encode(encoding) + b'\n')
        except UnicodeEncodeError:
            raise PicklingError("can't pickle global identifier '%s.%s' using pickle "
                                "protocol %d" % (module_name, name, self.proto)) from None

    _savers = {bytes: save_bytes, str: save_str, dict: save_dict, set: save_set,
               frozenset: save_frozenset, list: save_list, tuple: save_tuple,
               bytearray: save_bytearray, PickleBuffer: save_picklebuffer}


# ---------------------------------------------------------------- unpickling

class _Reader:
    """Reads from a bytes-like object, or from a file with frames buffered."""

    def __init__(self, data=b'', file=None):
        self.buf = data
        self.pos = 0
        self.file = file

    def read(self, n):
        pos, end = self.pos, self.pos + n
        if end <= len(self.buf):
            self.pos = end
            return self.buf[pos:end]
        data = self.buf[pos:]
        self.pos = len(self.buf)
        if self.file is not None:
            data += self.file.read(n - len(data))
        if len(data) < n:
            raise UnpicklingError("pickle data was truncated")
        return data

    def read_opcode(self):
        pos = self.pos
        if pos < len(self.buf):
            self.pos = pos + 1
            return self.buf[pos:pos + 1]
        return self.file.read(1) if self.file is not None else b''

    def readline(self):
        i = self.buf.find(b'\n', self.pos)
        if i >= 0:
            line, self.pos = self.buf[self.pos:i + 1], i + 1
            return line
        line = self.buf[self.pos:]
        self.pos = len(self.buf)
        if self.file is not None:
            line += self.file.readline()
        if not line.endswith(b'\n'):
            raise UnpicklingError("pickle data was truncated")
        return line

    def frame(self, n):
        if self.file is None:
            if self.pos + n > len(self.buf):
                raise UnpicklingError("pickle data was truncated")
            return
        rest = self.buf[self.pos:]
        data = self.file.read(n)
        if len(data) < n:
            raise UnpicklingError("pickle data was truncated")
        self.buf, self.pos = rest + data, 0


class Unpickler:

    def __init__(self, file, *, fix_imports=True, encoding="ASCII", errors="strict",
                 buffers=None):
        if not (hasattr(file, 'read') and hasattr(file, 'readline')):
            raise TypeError("file must have 'read' and 'readline' attributes")
        self._file = file
        self._buffers = iter(buffers) if buffers is not None else None
        self.encoding = encoding
        self.errors = errors
        self.fix_imports = fix_imports
        self.memo = {}
        self.proto = 0

    def load(self):
        """Read one pickled object from the file and return it."""
        src = self._file
        if isinstance(src, _Reader):
            self._reader = src
        else:
            self._reader = _Reader(file=src)
        self.stack = []
        self._marks = []
        self.proto = 0
        dispatch = self.dispatch
        try:
            while True:
                key = self._reader.read_opcode()
                if not key:
                    raise EOFError("Ran out of input")
                f = dispatch.get(key[0])
                if f is None:
                    c = key[0]
                    raise UnpicklingError(("invalid load key, '%c'." if 0x20 <= c < 0x7f
                                           else "invalid load key, '\\x%02x'.") % c)
                f(self)
        except _Stop as stop:
            return stop.value

    def persistent_load(self, pid):
        raise UnpicklingError("A load persistent id instruction was encountered, "
                              "but no persistent_load function was specified.")

    def find_class(self, module, name):
        if self.proto < 3 and self.fix_imports:
            module, name = _map_name(_PY2_TO_PY3_NAMES, _PY2_TO_PY3_MODULES, module, name)
        try:
            __import__(module, level=0)
        except ImportError:
            if (module, name) in _STANDINS:
                return _STANDINS[(module, name)]
            raise
        mod = sys.modules[module]
        path = name.split('.') if self.proto >= 4 else [name]
        try:
            if '<locals>' in path:
                raise AttributeError
            return _getattribute(mod, path)[0]
        except AttributeError:
            raise AttributeError("Can't get attribute %r on %r" % (name, mod)) from None

    # -- stack helpers
    def _fence(self):
        return self._marks[-1] if self._marks else 0

    def pop(self):
        if len(self.stack) <= self._fence():
            raise UnpicklingError("unpickling stack underflow")
        return self.stack.pop()

    def top(self):
        if len(self.stack) <= self._fence():
            raise UnpicklingError("unpickling stack underflow")
        return self.stack[-1]

    def pop_mark(self):
        if not self._marks:
            raise UnpicklingError("could not find MARK")
        start = self._marks.pop()
        items = self.stack[start:]
        del self.stack[start:]
        return items

    def push(self, value):
        self.stack.append(value)

    def _line(self):
        return self._reader.readline()[:-1]

    def _sized(self, fmt):
        size = unpack(fmt, self._reader.read({'<B': 1, '<I': 4, '<Q': 8}[fmt]))[0]
        if size > sys.maxsize:
            raise UnpicklingError("exceeds system's maximum size of %d bytes" % sys.maxsize)
        return self._reader.read(size)

    def _decode_string(self, data):
        if self.encoding == 'bytes':
            return data
        return str(data, self.encoding, self.errors)

    # -- opcode handlers
    def load_proto(self):
        proto = self._reader.read(1)[0]
        if proto > HIGHEST_PROTOCOL:
            raise ValueError("unsupported pickle protocol: %d" % proto)
        self.proto = proto

    def load_frame(self):
        size = unpack('<Q', self._reader.read(8))[0]
        if size > sys.maxsize:
            raise ValueError("frame size > sys.maxsize: %d" % size)
        self._reader.frame(size)

    def load_persid(self):
        try:
            pid = self._line().decode('ascii')
        except UnicodeDecodeError:
            raise UnpicklingError("persistent IDs in protocol 0 must be ASCII strings")
        self.push(self.persistent_load(pid))

    def load_binpersid(self):
        self.push(self.persistent_load(self.pop()))

    def load_int(self):
        line = self._line()
        if line in (b'00', b'01'):
            return self.push(line == b'01')
        try:
            value = int(line)
        except ValueError:
            try:
                value = int(line, 0)
            except ValueError:
                raise ValueError("could not convert string to int") from None
        self.push(value)

    def load_binint(self):
        self.push(unpack('<i', self._reader.read(4))[0])

    def load_binint1(self):
        self.push(self._reader.read(1)[0])

    def load_binint2(self):
        self.push(unpack('<H', self._reader.read(2))[0])

    def load_long(self):
        line = str(self._reader.readline(), 'latin-1')
        self.push(int(line[:-2] if line.endswith('L\n') else line))

    def load_long1(self):
        self.push(decode_long(self._reader.read(self._reader.read(1)[0])))

    def load_long4(self):
        n = unpack('<i', self._reader.read(4))[0]
        if n < 0:
            raise UnpicklingError("LONG pickle has negative byte count")
        self.push(decode_long(self._reader.read(n)))

    def load_float(self):
        line = self._reader.readline()
        try:
            self.push(float(str(line[:-1], 'latin-1')))  # torii: float() takes no bytes
        except ValueError:
            raise ValueError("could not convert string to float: '%s'"
                             % str(line, 'latin-1')) from None

    def load_binfloat(self):
        self.push(unpack('>d', self._reader.read(8))[0])

    def load_string(self):
        data = self._line()
        if len(data) < 2 or data[0] != data[-1] or data[:1] not in (b'"', b"'"):
            raise UnpicklingError("the STRING opcode argument must be quoted")
        self.push(self._decode_string(_escape_decode(data[1:-1])))

    def load_binstring(self):
        n = unpack('<i', self._reader.read(4))[0]
        if n < 0:
            raise UnpicklingError("BINSTRING pickle has negative byte count")
        self.push(self._decode_string(self._reader.read(n)))

    def load_short_binstring(self):
        self.push(self._decode_string(self._sized('<B')))

    def load_unicode(self):
        self.push(_raw_unicode_unescape(self._line()))

    def load_next_buffer(self):
        if self._buffers is None:
            raise UnpicklingError("pickle stream refers to out-of-band data "
                                  "but no *buffers* argument was given")
        try:
            self.push(next(self._buffers))
        except StopIteration:
            raise UnpicklingError("not enough out-of-band buffers") from None

    def load_readonly_buffer(self):
        view = memoryview(self.top())
        if not view.readonly:
            self.stack[-1] = view.toreadonly()

    def load_tuple(self):
        self.push(tuple(self.pop_mark()))

    def _load_tuple_n(n):
        def load(self):
            if len(self.stack) - self._fence() < n:
                raise UnpicklingError("unpickling stack underflow")
            items = tuple(self.stack[-n:])
            del self.stack[-n:]
            self.push(items)
        return load

    load_tuple1, load_tuple2, load_tuple3 = map(_load_tuple_n, (1, 2, 3))

    def load_frozenset(self):
        self.push(frozenset(self.pop_mark()))

    def load_list(self):
        self.push(self.pop_mark())

    def _pairs(self, items, opname):
        if len(items) % 2:
            raise UnpicklingError("odd number of items for %s" % opname)
        return [(items[i], items[i + 1]) for i in range(0, len(items), 2)]

    def load_dict(self):
        self.push(dict(self._pairs(self.pop_mark(), 'DICT')))

    def _instantiate(self, klass, args):
        if args or not isinstance(klass, type) or hasattr(klass, '__getinitargs__'):
            return klass(*args)
        return klass.__new__(klass)

    def load_inst(self):
        module = self._line().decode('ascii')
        name = self._line().decode('ascii')
        klass = self.find_class(module, name)
        self.push(self._instantiate(klass, self.pop_mark()))

    def load_obj(self):
        args = self.pop_mark()
        if not args:
            raise UnpicklingError("unpickling stack underflow")
        self.push(self._instantiate(args[0], args[1:]))

    def _check_new(self, opname, cls, args, kwargs):
        for what, val, want in (('class', cls, type), ('args', args, tuple),
                                ('kwargs', kwargs, dict)):
            if not isinstance(val, want):
                raise UnpicklingError("%s %s argument must be a %s, not %s"
                                      % (opname, what, 'type' if want is type else want.__name__,
                                         type(val).__name__))
        return cls.__new__(cls, *args, **kwargs)

    def load_newobj(self):
        args = self.pop()
        cls = self.pop()
        self.push(self._check_new('NEWOBJ', cls, args, {}))

    def load_newobj_ex(self):
        kwargs = self.pop()
        args = self.pop()
        cls = self.pop()
        self.push(self._check_new('NEWOBJ_EX', cls, args, kwargs))

    def _decode_global_name(self):
        return self._line().decode('utf-8')

    def load_global(self):
        module = self._decode_global_name()
        name = self._decode_global_name()
        self.push(self.find_class(module, name))

    def load_stack_global(self):
        name = self.pop()
        module = self.pop()
        if type(name) is not str or type(module) is not str:
            raise UnpicklingError("STACK_GLOBAL requires str")
        self.push(self.find_class(module, name))

    def _load_ext(fmt, size):
        def load(self):
            code = unpack(fmt, self._reader.read(size))[0]
            if code <= 0:
                raise RuntimeError("EXT specifies code <= 0")
            obj = _extension_cache.get(code, _extension_cache)
            if obj is _extension_cache:
                key = _inverted_registry.get(code)
                if not key:
                    raise ValueError("unregistered extension code %d" % code)
                obj = _extension_cache[code] = self.find_class(*key)
            self.push(obj)
        return load

    load_ext1, load_ext2, load_ext4 = _load_ext('<B', 1), _load_ext('<H', 2), _load_ext('<i', 4)

    def load_reduce(self):
        args = self.pop()
        func = self.top()
        self.stack[-1] = func(*args)

    def load_pop(self):
        if self._marks and self._marks[-1] == len(self.stack):
            self._marks.pop()
        else:
            self.pop()

    def load_pop_mark(self):
        self.pop_mark()

    def load_dup(self):
        self.push(self.top())

    def _memo_get(self, idx):
        try:
            self.push(self.memo[idx])
        except KeyError:
            raise UnpicklingError("Memo value not found at index %d" % idx) from None

    def _line_int(self):
        return int(str(self._reader.readline(), 'latin-1'))

    def load_get(self):
        self._memo_get(self._line_int())

    def load_binget(self):
        self._memo_get(self._reader.read(1)[0])

    def load_long_binget(self):
        self._memo_get(unpack('<I', self._reader.read(4))[0])

    def _memo_put(self, read_index, opname='PUT'):
        value = self.top()
        idx = read_index()
        if idx < 0:
            raise ValueError("negative %s argument" % opname)
        self.memo[idx] = value

    def load_put(self):
        self._memo_put(self._line_int)

    def load_binput(self):
        self._memo_put(lambda: self._reader.read(1)[0])

    def load_long_binput(self):
        self._memo_put(lambda: unpack('<i', self._reader.read(4))[0], 'LONG_BINPUT')

    def load_memoize(self):
        self.memo[len(self.memo)] = self.top()

    def load_append(self):
        value = self.pop()
        self._extend(self.top(), [value])

    def load_appends(self):
        items = self.pop_mark()
        self._extend(self.top(), items)

    def _extend(self, target, items):
        if type(target) is list:
            return target.extend(items)
        extend = getattr(target, 'extend', None)
        if extend is not None:
            return extend(items)
        for item in items:
            target.append(item)

    def load_setitem(self):
        value = self.pop()
        key = self.pop()
        self.top()[key] = value

    def load_setitems(self):
        items = self.pop_mark()
        target = self.top()
        for key, value in self._pairs(items, 'SETITEMS'):
            target[key] = value

    def load_additems(self):
        items = self.pop_mark()
        target = self.top()
        if isinstance(target, (set, frozenset)) and type(target) in (set, frozenset):
            return target.update(items)
        for item in items:
            target.add(item)

    def load_build(self):
        state = self.pop()
        inst = self.top()
        setstate = getattr(inst, '__setstate__', None)
        if setstate is not None:
            return setstate(state)
        slotstate = None
        if isinstance(state, tuple) and len(state) == 2:
            state, slotstate = state
        if state is not None:
            if not isinstance(state, dict):
                raise UnpicklingError("state is not a dictionary")
            inst_dict = inst.__dict__
            for k, v in state.items():
                inst_dict[sys.intern(k) if type(k) is str else k] = v
        if slotstate is not None:
            if not isinstance(slotstate, dict):
                raise UnpicklingError("slot state is not a dictionary")
            for k, v in slotstate.items():
                setattr(inst, k, v)

    def load_mark(self):
        self._marks.append(len(self.stack))

    def load_stop(self):
        raise _Stop(self.pop())

    dispatch = {}
    del _load_tuple_n, _load_ext


def _push_new(factory):
    return lambda self: self.stack.append(factory())


def _push_sized(fmt, convert):
    return lambda self: self.stack.append(convert(self._sized(fmt)))


for _name, _op in _OPCODES.items():
    _fn = Unpickler.__dict__.get('load_' + _name.lower())
    if _fn is not None:
        Unpickler.dispatch[_op[0]] = _fn
for _op, _fn in ((NONE, lambda: None), (NEWTRUE, lambda: True), (NEWFALSE, lambda: False),
                 (EMPTY_TUPLE, tuple), (EMPTY_LIST, list), (EMPTY_DICT, dict), (EMPTY_SET, set)):
    Unpickler.dispatch[_op[0]] = _push_new(_fn)
for _op, _fmt, _fn in ((SHORT_BINBYTES, '<B', bytes), (BINBYTES, '<I', bytes),
                       (BINBYTES8, '<Q', bytes), (BYTEARRAY8, '<Q', bytearray),
                       (SHORT_BINUNICODE, '<B', _utf8_decode), (BINUNICODE, '<I', _utf8_decode),
                       (BINUNICODE8, '<Q', _utf8_decode)):
    Unpickler.dispatch[_op[0]] = _push_sized(_fmt, _fn)
del _name, _op, _fn, _fmt


# ---------------------------------------------------------------- shorthands

class _BytesSink:
    def __init__(self):
        self.parts = []
        self.write = self.parts.append


_Pickler, _Unpickler = Pickler, Unpickler     # names pure-Python callers use


def dump(obj, file, protocol=None, *, fix_imports=True, buffer_callback=None):
    Pickler(file, protocol, fix_imports=fix_imports, buffer_callback=buffer_callback).dump(obj)


def dumps(obj, protocol=None, *, fix_imports=True, buffer_callback=None):
    sink = _BytesSink()
    dump(obj, sink, protocol, fix_imports=fix_imports, buffer_callback=buffer_callback)
    return b''.join(sink.parts)


def load(file, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
    return Unpickler(file, fix_imports=fix_imports, encoding=encoding, errors=errors,
                     buffers=buffers).load()


def loads(data, /, *, fix_imports=True, encoding="ASCII", errors="strict", buffers=None):
    if isinstance(data, str):
        raise TypeError("a bytes-like object is required, not 'str'")
    reader = _Reader(bytes(data))
    return Unpickler(reader, fix_imports=fix_imports, encoding=encoding, errors=errors,
                     buffers=buffers).load()
