# hmac (RFC 2104/4231 vectors, the object API, errors) and secrets
# (properties of the tokens only: their values are random).
import hashlib
import hmac
import secrets


def show(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__ + ':', e)


# RFC 4231 test case 2 and RFC 2202 vectors
print(hmac.new(b'Jefe', b'what do ya want for nothing?', 'sha256').hexdigest())
print(hmac.new(b'Jefe', b'what do ya want for nothing?', hashlib.sha512).hexdigest())
print(hmac.new(b'\x0b' * 16, b'Hi There', 'md5').hexdigest())
print(hmac.new(b'\xaa' * 80, b'Test Using Larger Than Block-Size Key - Hash Key First', 'sha1').hexdigest())
print(hmac.new(b'\xaa' * 131, b'Test Using Larger Than Block-Size Key - Hash Key First', 'sha384').hexdigest())
print(hmac.new(bytearray(b'key'), b'msg', 'sha3_256').hexdigest())
print(hmac.new(b'key', b'msg', 'blake2b').hexdigest())
print(hmac.digest(b'key', b'msg', 'md5'), hmac.digest(b'key', b'msg', hashlib.sha1).hex())

h = hmac.new(b'key', digestmod='sha256')
print(h.name, h.digest_size, h.block_size, type(h).__name__)
h.update(b'part one, ')
c = h.copy()
h.update(b'part two')
print(h.hexdigest() == hmac.new(b'key', b'part one, part two', 'sha256').hexdigest())
print(c.hexdigest() == hmac.new(b'key', b'part one, ', 'sha256').hexdigest())
print(h.digest() == h.digest(), len(h.digest()))
h2 = hmac.HMAC(b'k', b'm', hashlib.sha224)
print(h2.name, h2.digest_size, h2.hexdigest())
print(hmac.new(b'', b'', 'sha1').hexdigest())

show(hmac.new, b'k')
show(hmac.new, 'k', digestmod='md5')
show(hmac.new, b'k', 'abc', 'md5')
show(hmac.new, b'k', digestmod='foo')
show(hmac.digest, b'key', b'msg')
show(hmac.new(b'k', digestmod='md5').update, 'str')

# compare_digest
print(hmac.compare_digest(b'abc', b'abc'), hmac.compare_digest(b'abc', b'abd'),
      hmac.compare_digest(b'abc', b'ab'), hmac.compare_digest('abc', 'abc'),
      hmac.compare_digest(bytearray(b'x'), b'x'), hmac.compare_digest(b'', b''))
print(secrets.compare_digest is hmac.compare_digest)
show(hmac.compare_digest, 'a', b'a')
show(hmac.compare_digest, b'a', 'a')
show(hmac.compare_digest, 'é', 'é')
show(hmac.compare_digest, 1, 2)
show(hmac.compare_digest, b'a')
show(hmac.compare_digest, b'a', b'a', b'a')

# secrets
for n in (None, 0, 1, 16, 33):
    tb = secrets.token_bytes(n)
    th = secrets.token_hex(n)
    tu = secrets.token_urlsafe(n)
    size = 32 if n is None else n
    print(n, type(tb).__name__, len(tb) == size, type(th).__name__, len(th) == 2 * size,
          all(ch in '0123456789abcdef' for ch in th), type(tu).__name__,
          all(ch.isalnum() or ch in '-_' for ch in tu), len(tu) == -(-size * 4 // 3))
print(len({secrets.token_bytes(16) for _ in range(20)}) == 20)
vals = [secrets.randbelow(10) for _ in range(500)]
print(all(0 <= v < 10 for v in vals), len(set(vals)) > 5)
print(secrets.randbelow(1))
bits = [secrets.randbits(12) for _ in range(300)]
print(all(0 <= b < 4096 for b in bits), max(bits) >= 2048, secrets.randbits(0))
print(secrets.choice('x'), secrets.choice('abc') in 'abc', secrets.choice([7, 7, 7]))
show(secrets.randbelow, 0)
show(secrets.randbelow, -3)
show(secrets.randbits, -1)
show(secrets.choice, [])
r = secrets.SystemRandom()
f = r.random()
print(type(f).__name__, 0.0 <= f < 1.0, 0 <= r.randrange(5) < 5, 3 <= r.randint(3, 4) <= 4)
items = list(range(20))
r.shuffle(items)
print(sorted(items) == list(range(20)), len(r.sample(range(10), 3)), 0 <= r.getrandbits(5) < 32)
print(secrets.DEFAULT_ENTROPY)
