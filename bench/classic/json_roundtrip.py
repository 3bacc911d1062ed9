# bench/classic/json_roundtrip.py [N]: json.dumps then json.loads of a nested
# document (dicts, lists, strings, ints, floats, bools, None), N times, with
# a checksum of the round-tripped data.
import json
import sys


def make_document(seed):
    users = []
    for i in range(20):
        k = seed * 31 + i
        users.append({
            "id": k,
            "name": "user%d" % k,
            "email": "user%d@example.org" % k,
            "active": k % 3 != 0,
            "score": (k % 1000) / 8.0,
            "tags": ["t%d" % (k % 7), "g%d" % (k % 5), "torii"],
            "address": {"street": "%d Gate Road" % (k % 500), "zip": "%05d" % (k * 7 % 100000),
                        "geo": [k % 90 + 0.5, -(k % 180) - 0.25]},
            "manager": None if k % 4 else k - 1,
        })
    return {"page": seed, "total": 20, "ok": True, "users": users,
            "meta": {"version": "1.0", "note": "caf\u00e9 \"quoted\" \\ line\nbreak"}}


def checksum(obj):
    if isinstance(obj, dict):
        return sum(len(k) + checksum(v) for k, v in obj.items())
    if isinstance(obj, list):
        return sum(checksum(v) for v in obj)
    if isinstance(obj, str):
        return len(obj)
    if obj is None:
        return 1
    if isinstance(obj, bool):
        return 2 if obj else 3
    if isinstance(obj, int):
        return obj % 1000
    if isinstance(obj, float):
        return int(obj * 4) % 1000
    raise TypeError(type(obj))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
    total = 0
    size = 0
    for i in range(n):
        doc = make_document(i % 50)
        text = json.dumps(doc)
        size += len(text)
        back = json.loads(text)
        if back != doc:
            raise AssertionError("round trip differs")
        total += checksum(back)
    pretty = json.dumps(make_document(1)["users"][0], indent=2, sort_keys=True)
    print(f"json_roundtrip n={n} bytes={size} check={total} pretty={len(pretty)}")


main()
