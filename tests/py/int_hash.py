for v in [0, 1, -1, -2, 2**61 - 1, 2**61, 2**62, -(2**61), 2**64, 10**20, 123456789]:
    print(v, hash(v))
print(hash(1.0) == hash(1), hash(0.5), hash(-0.0), hash(1e100) == hash(int(1e100)), hash(True), hash(None) == hash(None))
