"""Secure hashes and message digests.

torii's hashlib: the digests come from the C module _hashlib (OpenSSL's EVP
for the MD5/SHA families and SHAKE, its own BLAKE2b/BLAKE2s).  Every
constructor takes the initial data and `usedforsecurity`; hash objects offer
update(), digest(), hexdigest(), copy() and name/digest_size/block_size.
"""

import _hashlib

# The names every build provides; the C module may know more.
algorithms_guaranteed = frozenset((
    'md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512',
    'blake2b', 'blake2s',
    'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512',
    'shake_128', 'shake_256',
))
algorithms_available = algorithms_guaranteed | _hashlib.openssl_md_meth_names

__all__ = ('md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512',
           'blake2b', 'blake2s', 'sha3_224', 'sha3_256', 'sha3_384',
           'sha3_512', 'shake_128', 'shake_256',
           'new', 'algorithms_guaranteed', 'algorithms_available',
           'file_digest', 'pbkdf2_hmac')

md5 = _hashlib.openssl_md5
sha1 = _hashlib.openssl_sha1
sha224 = _hashlib.openssl_sha224
sha256 = _hashlib.openssl_sha256
sha384 = _hashlib.openssl_sha384
sha512 = _hashlib.openssl_sha512
sha3_224 = _hashlib.openssl_sha3_224
sha3_256 = _hashlib.openssl_sha3_256
sha3_384 = _hashlib.openssl_sha3_384
sha3_512 = _hashlib.openssl_sha3_512
shake_128 = _hashlib.openssl_shake_128
shake_256 = _hashlib.openssl_shake_256
blake2b = _hashlib.blake2b
blake2s = _hashlib.blake2s

pbkdf2_hmac = _hashlib.pbkdf2_hmac
scrypt = _hashlib.scrypt

_BLAKE = {'blake2b': blake2b, 'blake2s': blake2s}


def __hash_new(name, data=b'', **kwargs):
    """new(name, data=b'', **kwargs) - a new hashing object for the
    algorithm `name`, fed `data`."""
    if not isinstance(name, str):
        raise TypeError('name must be a string')
    maker = _BLAKE.get(name)
    if maker is not None:
        return maker(data, **kwargs)
    try:
        return _hashlib.new(name, data, **kwargs)
    except _hashlib.UnsupportedDigestmodError:
        raise ValueError('unsupported hash type ' + name)


new = __hash_new


def file_digest(fileobj, digest, /, *, _bufsize=2**18):
    """Hash the contents of a file object opened for binary reading.

    `digest` is a hash name, or a callable returning a new hash object.
    """
    if isinstance(digest, str):
        hasher = new(digest)
    else:
        hasher = digest()
    getbuffer = getattr(fileobj, 'getbuffer', None)
    if getbuffer is not None:
        hasher.update(getbuffer())
        return hasher
    readable = getattr(fileobj, 'readable', None)
    if (not hasattr(fileobj, 'read') or readable is None or not readable()
            or hasattr(fileobj, 'encoding')):
        raise ValueError(
            f"'{fileobj!r}' is not a file-like object in binary reading mode.")
    while True:
        chunk = fileobj.read(_bufsize)
        if not chunk:
            break
        hasher.update(chunk)
    return hasher
