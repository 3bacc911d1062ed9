"""uuid: immutable 128-bit UUID objects and the RFC 4122 generators.

A UUID is stored as one 128-bit int; every other view (hex, bytes,
fields, ...) is computed from it.  uuid1() uses a random multicast node
(torii does not look up the hardware address); uuid3/uuid5 hash a name
in a namespace with MD5/SHA-1; uuid4 is random."""

import os
from enum import Enum

__all__ = ['UUID', 'uuid1', 'uuid3', 'uuid4', 'uuid5', 'getnode',
           'NAMESPACE_DNS', 'NAMESPACE_URL', 'NAMESPACE_OID',
           'NAMESPACE_X500', 'RESERVED_NCS', 'RFC_4122',
           'RESERVED_MICROSOFT', 'RESERVED_FUTURE', 'SafeUUID']

RESERVED_NCS = 'reserved for NCS compatibility'
RFC_4122 = 'specified in RFC 4122'
RESERVED_MICROSOFT = 'reserved for Microsoft compatibility'
RESERVED_FUTURE = 'reserved for future definition'

_int = int
_bytes = bytes


class SafeUUID(Enum):
    safe = 0
    unsafe = -1
    unknown = None


def _swap_le(b):
    # The first three fields are little-endian in the "bytes_le" layout.
    return b[3::-1] + b[5:3:-1] + b[7:5:-1] + b[8:]


# (name, shift, bits) of the six RFC 4122 fields, most significant first.
_FIELDS = ((96, 32), (80, 16), (64, 16), (56, 8), (48, 8), (0, 48))


class UUID:
    """A universally unique identifier.  Build one from exactly one of
    hex, bytes, bytes_le, fields or int; `version` forces the variant to
    RFC 4122 and sets the version number."""

    __slots__ = ('int', 'is_safe', '__weakref__')

    def __init__(self, hex=None, bytes=None, bytes_le=None, fields=None,
                 int=None, version=None, *, is_safe=SafeUUID.unknown):
        given = [hex, bytes, bytes_le, fields, int]
        if given.count(None) != 4:
            raise TypeError('one of the hex, bytes, bytes_le, fields, '
                            'or int arguments must be given')
        value = int
        if hex is not None:
            digits = hex.replace('urn:', '').replace('uuid:', '')
            digits = digits.strip('{}').replace('-', '')
            if len(digits) != 32:
                raise ValueError('badly formed hexadecimal UUID string')
            value = _int(digits, 16)
        if bytes_le is not None:
            if len(bytes_le) != 16:
                raise ValueError('bytes_le is not a 16-char string')
            bytes = _swap_le(bytes_le)
        if bytes is not None:
            if len(bytes) != 16:
                raise ValueError('bytes is not a 16-char string')
            value = _int.from_bytes(bytes, 'big')
        if fields is not None:
            if len(fields) != 6:
                raise ValueError('fields is not a 6-tuple')
            value = 0
            for pos, (item, (shift, width)) in enumerate(zip(fields,
                                                             _FIELDS)):
                if not 0 <= item < (1 << width):
                    raise ValueError('field %d out of range (need %s %d-bit '
                                     'value)' % (pos + 1, 'an' if width == 8
                                                 else 'a', width))
                value |= item << shift
        if not 0 <= value < (1 << 128):
            raise ValueError('int is out of range (need a 128-bit value)')
        if version is not None:
            if not 1 <= version <= 5:
                raise ValueError('illegal version number')
            value = (value & ~(0xc000 << 48)) | (0x8000 << 48)
            value = (value & ~(0xf000 << 64)) | (version << 76)
        object.__setattr__(self, 'int', value)
        object.__setattr__(self, 'is_safe', is_safe)

    def __getstate__(self):
        state = {'int': self.int}
        if self.is_safe != SafeUUID.unknown:
            state['is_safe'] = self.is_safe.value
        return state

    def __setstate__(self, state):
        object.__setattr__(self, 'int', state['int'])
        object.__setattr__(self, 'is_safe',
                           SafeUUID(state['is_safe']) if 'is_safe' in state
                           else SafeUUID.unknown)

    def __eq__(self, other):
        if isinstance(other, UUID):
            return self.int == other.int
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, UUID):
            return self.int < other.int
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, UUID):
            return self.int > other.int
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, UUID):
            return self.int <= other.int
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, UUID):
            return self.int >= other.int
        return NotImplemented

    def __hash__(self):
        return hash(self.int)

    def __int__(self):
        return self.int

    def __repr__(self):
        return '%s(%r)' % (type(self).__name__, str(self))

    def __setattr__(self, name, value):
        raise TypeError('UUID objects are immutable')

    def __str__(self):
        h = self.hex
        return '-'.join((h[:8], h[8:12], h[12:16], h[16:20], h[20:]))

    @property
    def bytes(self):
        return self.int.to_bytes(16, 'big')

    @property
    def bytes_le(self):
        return _swap_le(self.bytes)

    @property
    def fields(self):
        return tuple([(self.int >> shift) & ((1 << width) - 1)
                      for shift, width in _FIELDS])

    @property
    def time_low(self):
        return self.int >> 96

    @property
    def time_mid(self):
        return (self.int >> 80) & 0xffff

    @property
    def time_hi_version(self):
        return (self.int >> 64) & 0xffff

    @property
    def clock_seq_hi_variant(self):
        return (self.int >> 56) & 0xff

    @property
    def clock_seq_low(self):
        return (self.int >> 48) & 0xff

    @property
    def time(self):
        return (((self.time_hi_version & 0x0fff) << 48) |
                (self.time_mid << 32) | self.time_low)

    @property
    def clock_seq(self):
        return ((self.clock_seq_hi_variant & 0x3f) << 8) | self.clock_seq_low

    @property
    def node(self):
        return self.int & 0xffffffffffff

    @property
    def hex(self):
        return '%032x' % self.int

    @property
    def urn(self):
        return 'urn:uuid:' + str(self)

    @property
    def variant(self):
        top = self.int >> 61    # the three most significant variant bits
        if not top & 4:
            return RESERVED_NCS
        if not top & 2:
            return RFC_4122
        if not top & 1:
            return RESERVED_MICROSOFT
        return RESERVED_FUTURE

    @property
    def version(self):
        if self.variant == RFC_4122:
            return (self.int >> 76) & 0xf
        return None


_node = None


def getnode():
    """A 48-bit node id: a random one with the multicast bit set (torii
    does not read hardware addresses)."""
    global _node
    if _node is None:
        _node = _int.from_bytes(os.urandom(6), 'big') | (1 << 40)
    return _node


_last_stamp = None


def uuid1(node=None, clock_seq=None):
    """A UUID from the time, a clock sequence and the node id."""
    global _last_stamp
    import time
    # 100-ns intervals since 1582-10-15, the Gregorian reform.
    stamp = time.time_ns() // 100 + 0x01b21dd213814000
    if _last_stamp is not None and stamp <= _last_stamp:
        stamp = _last_stamp + 1
    _last_stamp = stamp
    if clock_seq is None:
        clock_seq = _int.from_bytes(os.urandom(2), 'big') & 0x3fff
    if node is None:
        node = getnode()
    parts = (stamp & 0xffffffff, (stamp >> 32) & 0xffff,
             (stamp >> 48) & 0x0fff, (clock_seq >> 8) & 0x3f,
             clock_seq & 0xff, node)
    return UUID(fields=parts, version=1)


def _named(namespace, name, algo, version):
    import hashlib
    if isinstance(name, str):
        name = name.encode('utf-8')
    digest = hashlib.new(algo, namespace.bytes + name).digest()
    return UUID(bytes=digest[:16], version=version)


def uuid3(namespace, name):
    """The MD5 name-based UUID of `name` in `namespace`."""
    return _named(namespace, name, 'md5', 3)


def uuid4():
    """A random UUID."""
    return UUID(bytes=os.urandom(16), version=4)


def uuid5(namespace, name):
    """The SHA-1 name-based UUID of `name` in `namespace`."""
    return _named(namespace, name, 'sha1', 5)


NAMESPACE_DNS = UUID('6ba7b810-9dad-11d1-80b4-00c04fd430c8')
NAMESPACE_URL = UUID('6ba7b811-9dad-11d1-80b4-00c04fd430c8')
NAMESPACE_OID = UUID('6ba7b812-9dad-11d1-80b4-00c04fd430c8')
NAMESPACE_X500 = UUID('6ba7b814-9dad-11d1-80b4-00c04fd430c8')
