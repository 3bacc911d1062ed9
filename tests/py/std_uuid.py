# uuid: construction, views, ordering, errors; generators by shape only.
import uuid
from uuid import UUID

def attempt(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__ + ':', e)

u = UUID('{12345678-1234-5678-1234-567812345678}')
print(u, repr(u), u.hex, u.int, u.urn, u.bytes, u.bytes_le)
print(u.fields, u.time_low, u.time_mid, u.time_hi_version, u.clock_seq_hi_variant, u.clock_seq_low,
      u.node, u.time, u.clock_seq, u.variant, u.version)
for text in ['12345678123456781234567812345678', 'urn:uuid:12345678-1234-5678-1234-567812345678',
             '12345678-1234-5678-1234-567812345678', '{12345678123456781234567812345678}',
             'ABCDEF00-0000-0000-0000-000000000000']:
    print(UUID(text))
print(UUID(bytes=u.bytes) == u, UUID(bytes_le=u.bytes_le) == u, UUID(fields=u.fields) == u,
      UUID(int=u.int) == u, UUID(hex=u.hex, version=4))
for v in range(1, 6):
    w = UUID(int=0, version=v)
    print(v, w, w.version, w.variant)
for n in [0, 1 << 127, (1 << 127) | (1 << 126), (7 << 125), (1 << 128) - 1]:
    w = UUID(int=n)
    print(w, w.variant, w.version)
a, b = UUID(int=1), UUID(int=2)
print(a < b, a <= b, a > b, a >= b, a == UUID(int=1), a != b, a == 1, sorted([b, a]), hash(a) == hash(UUID(int=1)),
      int(b), len({a, UUID(int=1), b}))
attempt(lambda: a < 1)
attempt(setattr, a, 'int', 5)
attempt(UUID)
attempt(UUID, 'x', int=5)
for bad in ['', '1234', '12345678-1234-5678-1234-5678123456789', 'zz345678123456781234567812345678']:
    attempt(UUID, bad)
attempt(UUID, bytes=b'short')
attempt(UUID, bytes_le=b'x' * 17)
attempt(UUID, fields=(1, 2, 3))
attempt(UUID, int=-1)
attempt(UUID, int=1 << 128)
attempt(UUID, int=0, version=0)
attempt(UUID, int=0, version=9)
for i, big in enumerate([1 << 32, 1 << 16, 1 << 16, 1 << 8, 1 << 8, 1 << 48]):
    f = [0] * 6
    f[i] = big
    attempt(UUID, fields=tuple(f))
print(uuid.NAMESPACE_DNS, uuid.NAMESPACE_URL, uuid.NAMESPACE_OID, uuid.NAMESPACE_X500)
print(uuid.uuid3(uuid.NAMESPACE_DNS, 'python.org'), uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org'))
print(uuid.uuid3(uuid.NAMESPACE_URL, b'http://example.com/'), uuid.uuid5(uuid.NAMESPACE_OID, '1.2.3'),
      uuid.uuid5(uuid.NAMESPACE_X500, 'cn=x'), uuid.uuid3(uuid.NAMESPACE_DNS, ''))
for gen in (uuid.uuid1, uuid.uuid4):
    xs = [gen() for _ in range(50)]
    print(gen.__name__, len(set(xs)), {x.version for x in xs}, {x.variant for x in xs},
          {len(str(x)) for x in xs}, {len(x.bytes) for x in xs})
t1, t2 = uuid.uuid1(), uuid.uuid1()
print(t2.time > t1.time, t1.node == t2.node, 0 <= t1.node < 1 << 48, uuid.uuid1(node=0x1234, clock_seq=7).node,
      uuid.uuid1(node=0x1234, clock_seq=7).clock_seq)
print(uuid.RESERVED_NCS, uuid.RFC_4122, uuid.RESERVED_MICROSOFT, uuid.RESERVED_FUTURE)
print(u.is_safe, uuid.SafeUUID.safe.value, UUID(int=5, is_safe=uuid.SafeUUID.safe).is_safe)
print(str(UUID(int=0)), UUID(int=0).hex == '0' * 32, f'{u}', '%s' % u)
