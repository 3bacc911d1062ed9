"""Keyed-hashing for message authentication (RFC 2104).

torii's hmac builds HMAC out of two hashlib objects: the inner one absorbs
`key XOR ipad` and the message, the outer one `key XOR opad` and the inner
digest.  compare_digest is _hashlib's constant-time comparison.
"""

import _hashlib
import hashlib as _hashlib_py

compare_digest = _hashlib.compare_digest

_IPAD = 0x36
_OPAD = 0x5C

digest_size = None

__all__ = ['HMAC', 'new', 'digest', 'compare_digest']


def _maker(digestmod):
    """A zero-argument callable producing fresh hash objects."""
    if callable(digestmod):
        return digestmod
    if isinstance(digestmod, str):
        return lambda data=b'': _hashlib_py.new(digestmod, data)
    return lambda data=b'': digestmod.new(data)


def _xor_pad(key, pad):
    return bytes(b ^ pad for b in key)


class HMAC:
    """An HMAC computation in progress: update() it, then digest()."""

    blocksize = 64  # the HMAC block size of the default, kept for callers

    __slots__ = ('_inner', '_outer', 'digest_size', 'block_size', '_name')

    def __init__(self, key, msg=None, digestmod=''):
        if not isinstance(key, (bytes, bytearray)):
            raise TypeError(
                f"key: expected bytes or bytearray, but got {type(key).__name__!r}")
        if not digestmod:
            raise TypeError("Missing required argument 'digestmod'.")
        make = _maker(digestmod)
        inner = make()
        outer = make()
        size = getattr(inner, 'block_size', 64)
        if size < 16:
            size = self.blocksize
        if len(key) > size:
            shortened = make()
            shortened.update(key)
            key = shortened.digest()
        key = bytes(key) + bytes(size - len(key))
        inner.update(_xor_pad(key, _IPAD))
        outer.update(_xor_pad(key, _OPAD))
        self._inner = inner
        self._outer = outer
        self.digest_size = inner.digest_size
        self.block_size = size
        self._name = 'hmac-' + inner.name
        if msg is not None:
            self.update(msg)

    @property
    def name(self):
        return self._name

    def update(self, msg):
        """Feed `msg` (bytes-like) to the computation."""
        self._inner.update(msg)

    def copy(self):
        """An independent HMAC object in the same state."""
        twin = HMAC.__new__(HMAC)
        twin._inner = self._inner.copy()
        twin._outer = self._outer.copy()
        twin.digest_size = self.digest_size
        twin.block_size = self.block_size
        twin._name = self._name
        return twin

    def _finished_outer(self):
        outer = self._outer.copy()
        outer.update(self._inner.digest())
        return outer

    def digest(self):
        """The MAC of the data so far, as bytes; the object stays usable."""
        return self._finished_outer().digest()

    def hexdigest(self):
        """As digest(), in hexadecimal."""
        return self._finished_outer().hexdigest()


def new(key, msg=None, digestmod=''):
    """A new HMAC object keyed with `key`, using hash `digestmod` (a name,
    a constructor such as hashlib.sha256, or a module with new())."""
    return HMAC(key, msg, digestmod)


def digest(key, msg, digest):
    """The HMAC of `msg` under `key` with hash `digest`, in one call."""
    mac = HMAC(key, msg, digest)
    return mac.digest()
