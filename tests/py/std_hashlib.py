# hashlib: every guaranteed digest, hash-object API, BLAKE2 parameters,
# key derivation, file_digest and the error messages.
import hashlib
import _hashlib


def show(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
        if hasattr(r, 'hexdigest'):
            print(type(r).__name__, r.name)
        else:
            print(repr(r))
    except Exception as e:
        print(type(e).__name__ + ':', e)


print(sorted(hashlib.algorithms_guaranteed))
print(hashlib.algorithms_guaranteed <= hashlib.algorithms_available)
print(hashlib.__all__)
data = b'The quick brown fox jumps over the lazy dog'
for name in sorted(hashlib.algorithms_guaranteed):
    h = hashlib.new(name, data)
    ctor = getattr(hashlib, name)
    if name.startswith('shake'):
        print(name, h.name, h.digest_size, h.block_size, h.hexdigest(20), h.digest(5),
              ctor(data).hexdigest(20) == h.hexdigest(20))
    else:
        print(name, h.name, h.digest_size, h.block_size, h.hexdigest(),
              ctor(data).digest() == h.digest(), len(h.digest()) == h.digest_size)
for name in ('sha512_224', 'sha512_256', 'SHA256', 'sha-256', 'SHA3-256'):
    show(lambda: hashlib.new(name, b'abc').hexdigest())
    show(hashlib.new, name)

# incremental use, copy(), repr
h = hashlib.sha256()
for piece in (b'The quick ', bytearray(b'brown fox '), b'jumps over the lazy dog'):
    h.update(piece)
print(h.hexdigest() == hashlib.sha256(data).hexdigest())
c = h.copy()
c.update(b'!')
print(h.hexdigest() == hashlib.sha256(data).hexdigest(), c.hexdigest() == hashlib.sha256(data + b'!').hexdigest())
print(repr(hashlib.md5()).startswith('<md5 _hashlib.HASH object @ 0x'))
print(repr(hashlib.shake_128()).startswith('<shake_128 _hashlib.HASHXOF object @ 0x'))
print(repr(hashlib.sha3_256()).startswith('<sha3_256 _hashlib.HASH object @ 0x'))
print(repr(hashlib.blake2b()).startswith('<_blake2.blake2b object at 0x'))
print(type(hashlib.md5()), type(hashlib.shake_256()), type(hashlib.blake2s()), hashlib.blake2b)
print(hashlib.sha256.__name__, hashlib.blake2b.__name__, issubclass(_hashlib.HASHXOF, _hashlib.HASH))
print(hashlib.md5(string=b'abc').hexdigest(), hashlib.md5(b'abc', usedforsecurity=False).hexdigest())
big = bytes(range(256)) * 1000
print(hashlib.sha1(big).hexdigest(), hashlib.blake2b(big, digest_size=16).hexdigest())

# argument errors
show(hashlib.new, 'foo')
show(hashlib.new, 3)
show(hashlib.new)
show(_hashlib.new, 'foo')
show(hashlib.md5, 'abc')
show(hashlib.md5, 3)
show(hashlib.md5, b'a', b'b')
show(hashlib.md5, data=b'a')
show(hashlib.md5, b'a', string=b'b')
show(hashlib.new, 'md5', 'abc')
show(hashlib.new, 'blake2b', 'abc')
h = hashlib.md5()
show(h.update)
show(h.update, 'x')
show(h.update, 1)
show(h.update, b'a', b'b')
show(h.digest, 1)
show(h.hexdigest, 1)
show(h.copy, 1)
s = hashlib.shake_128(b'x')
show(s.digest)
show(s.hexdigest, 'a')
show(s.digest, 0)
show(s.hexdigest, 0)
show(s.copy().hexdigest, length=4)
try:
    h.name = 'x'
except AttributeError as e:
    print(e)
try:
    h.other = 1
except AttributeError as e:
    print(e)
show(_hashlib.HASH)

# BLAKE2
print(hashlib.blake2b.SALT_SIZE, hashlib.blake2b.PERSON_SIZE, hashlib.blake2b.MAX_KEY_SIZE,
      hashlib.blake2b.MAX_DIGEST_SIZE, hashlib.blake2s.SALT_SIZE, hashlib.blake2s.MAX_KEY_SIZE)
for ctor in (hashlib.blake2b, hashlib.blake2s):
    print(ctor(b'abc').hexdigest())
    print(ctor(b'abc', digest_size=16, key=b'k', salt=b's', person=b'p').hexdigest())
    print(ctor(b'abc', fanout=2, depth=3, leaf_size=4, node_offset=5, node_depth=6,
               inner_size=7, last_node=True).hexdigest())
    print(ctor(key=b'K' * ctor.MAX_KEY_SIZE, digest_size=ctor.MAX_DIGEST_SIZE).hexdigest())
    b = ctor(digest_size=20)
    for i in range(0, len(big), 999):
        b.update(big[i:i + 999])
    print(b.hexdigest() == ctor(big, digest_size=20).hexdigest(), b.digest_size, b.block_size, b.name)
    b2 = b.copy()
    b2.update(b'x')
    print(b.hexdigest() != b2.hexdigest(), len(b.digest()))
show(hashlib.blake2b, digest_size=0)
show(hashlib.blake2b, digest_size=65)
show(hashlib.blake2s, digest_size=33)
show(hashlib.blake2b, key=b'x' * 65)
show(hashlib.blake2s, key=b'x' * 33)
show(hashlib.blake2b, salt=b'x' * 17)
show(hashlib.blake2b, person=b'x' * 17)
show(hashlib.blake2s, salt=b'x' * 9)
show(hashlib.blake2b, fanout=256)
show(hashlib.blake2b, depth=0)
show(hashlib.blake2b, leaf_size=-1)
show(hashlib.blake2b, leaf_size=2**32)
show(hashlib.blake2b, node_offset=-1)
show(hashlib.blake2s, node_offset=2**48)
show(hashlib.blake2b, node_offset=2**64)
show(hashlib.blake2b, node_depth=256)
show(hashlib.blake2b, inner_size=65)
show(hashlib.blake2s, inner_size=33)
show(hashlib.blake2b, digest_size='a')
show(hashlib.blake2b, 'abc')
show(hashlib.blake2b, b'a', b'b')
show(hashlib.blake2b, key='abc')
show(hashlib.blake2b, bogus=1)
b = hashlib.blake2b()
show(b.update)
show(b.update, 'x')
show(b.digest, 1)
show(b.copy, 1)

# key derivation
print(hashlib.pbkdf2_hmac('sha256', b'pw', b'salt', 10).hex())
print(hashlib.pbkdf2_hmac('sha1', b'password', b'salt', 2, 20).hex())
print(hashlib.pbkdf2_hmac(hash_name='sha512', password=bytearray(b'pw'), salt=b's', iterations=3, dklen=70).hex())
show(hashlib.pbkdf2_hmac, 'sha256', b'pw', b'salt', 0)
show(hashlib.pbkdf2_hmac, 'sha256', b'pw', b'salt', 1, 0)
show(hashlib.pbkdf2_hmac, 'sha256', b'pw', b'salt', 2**31)
show(hashlib.pbkdf2_hmac, 'sha256', b'pw', b'salt', 1, 2**31)
show(hashlib.pbkdf2_hmac, 'sha256', b'pw', b'salt', 1, 'x')
show(hashlib.pbkdf2_hmac, 'foo', b'pw', b'salt', 1)
show(hashlib.pbkdf2_hmac, 3, b'pw', b'salt', 1)
show(hashlib.pbkdf2_hmac, 'sha256', 'pw', b'salt', 1)
show(hashlib.pbkdf2_hmac, 'sha256', b'pw', b'salt')
print(hashlib.scrypt(b'pw', salt=b's', n=16, r=1, p=1, dklen=16).hex())
print(len(hashlib.scrypt(b'password', salt=b'NaCl', n=1024, r=8, p=1)))
show(hashlib.scrypt, b'pw', salt=b's', n=3, r=1, p=1)
show(hashlib.scrypt, b'pw', n=2, r=1, p=1)
show(hashlib.scrypt, b'pw', b's', n=2, r=1, p=1)
show(hashlib.scrypt, b'pw', salt=b's', r=1, p=1)
show(hashlib.scrypt, b'pw', salt=b's', n=2, p=1)
show(hashlib.scrypt, b'pw', salt=b's', n=2, r=1)
show(hashlib.scrypt, b'pw', salt=b's', n=2, r=1, p=1, maxmem=-1)
show(hashlib.scrypt, b'pw', salt=b's', n=2, r=1, p=1, dklen=0)
show(hashlib.scrypt, 'pw', salt=b's', n=2, r=1, p=1)

# file_digest
with open('blob.bin', 'wb') as f:
    f.write(big)
with open('blob.bin', 'rb') as f:
    print(hashlib.file_digest(f, 'sha256').hexdigest() == hashlib.sha256(big).hexdigest())
with open('blob.bin', 'rb') as f:
    print(hashlib.file_digest(f, hashlib.md5, _bufsize=1000).hexdigest() == hashlib.md5(big).hexdigest())
show(hashlib.file_digest, 3, 'sha256')
