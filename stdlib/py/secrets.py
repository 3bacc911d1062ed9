"""Random numbers for secrets: tokens, passwords, keys.

torii's secrets draws everything from os.urandom (getrandom(2)) through
random.SystemRandom-like helpers defined here, never from the seeded
Mersenne Twister.
"""

import base64 as _b64
import binascii as _binascii
import os as _os

from hmac import compare_digest

__all__ = ['choice', 'randbelow', 'randbits', 'SystemRandom',
           'token_bytes', 'token_hex', 'token_urlsafe',
           'compare_digest']

DEFAULT_ENTROPY = 32  # bytes of randomness in a token by default


def randbits(k):
    """A non-negative int with `k` random bits."""
    if k < 0:
        raise ValueError('number of bits must be non-negative')
    if k == 0:
        return 0
    nbytes = (k + 7) // 8
    value = int.from_bytes(_os.urandom(nbytes), 'big')
    return value >> (nbytes * 8 - k)


def randbelow(exclusive_upper_bound):
    """A random int in range(exclusive_upper_bound)."""
    if exclusive_upper_bound <= 0:
        raise ValueError("Upper bound must be positive.")
    width = exclusive_upper_bound.bit_length()
    while True:  # rejection sampling keeps the result uniform
        candidate = randbits(width)
        if candidate < exclusive_upper_bound:
            return candidate


def choice(seq):
    """A random element of the non-empty sequence `seq`."""
    if not len(seq):
        raise IndexError('Cannot choose from an empty sequence')
    return seq[randbelow(len(seq))]


class SystemRandom:
    """The few random.SystemRandom methods secrets users rely on, backed
    by os.urandom."""

    def random(self):
        return (int.from_bytes(_os.urandom(7), 'big') >> 3) * (2.0 ** -53)

    def getrandbits(self, k):
        return randbits(k)

    def randbelow(self, n):
        return randbelow(n)

    def randrange(self, start, stop=None):
        if stop is None:
            start, stop = 0, start
        return start + randbelow(stop - start)

    def randint(self, a, b):
        return a + randbelow(b - a + 1)

    def choice(self, seq):
        return choice(seq)

    def shuffle(self, x):
        for i in range(len(x) - 1, 0, -1):
            j = randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k):
        pool = list(population)
        if not 0 <= k <= len(pool):
            raise ValueError("Sample larger than population or is negative")
        self.shuffle(pool)
        return pool[:k]


def token_bytes(nbytes=None):
    """`nbytes` random bytes (DEFAULT_ENTROPY when None)."""
    return _os.urandom(DEFAULT_ENTROPY if nbytes is None else nbytes)


def token_hex(nbytes=None):
    """A random text token: `nbytes` random bytes as hex digits."""
    return _binascii.hexlify(token_bytes(nbytes)).decode('ascii')


def token_urlsafe(nbytes=None):
    """A random URL-safe text token from `nbytes` random bytes."""
    raw = token_bytes(nbytes)
    return _b64.urlsafe_b64encode(raw).rstrip(b'=').decode('ascii')
