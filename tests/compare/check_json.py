# tests/compare/check_json.py FILE BUILDS...: run by torii itself (the tests
# need no other Python).  Checks that torii-compare's --json FILE parses and
# holds one threads result per build for 1 and 2 threads, 2 runs each, with
# every run's time; prints "json ok" or raises.
import json
import sys

with open(sys.argv[1]) as f:
    data = json.load(f)
builds = sys.argv[2:]
assert data["tool"] == "torii-compare", data["tool"]
assert data["scaling"] == "weak", data["scaling"]
assert data["threads"] == [1, 2], data["threads"]
assert [b["name"] for b in data["builds"]] == builds, data["builds"]
assert data["output_consistent"] is True
results = data["results"]
assert len(results) == 2 * len(builds), len(results)
for r in results:
    assert r["kind"] == "threads", r
    assert r["build"] in builds, r
    assert r["threads"] in (1, 2), r
    assert r["runs"] == 2 and len(r["times"]) == 2, r
    assert all(t > 0 for t in r["times"]), r
    assert r["min"] <= r["mean"] <= r["max"], r
    assert r["stddev"] >= 0, r
    assert r["output"] == "ok", r
    if r["threads"] == 1:
        assert abs(r["speedup"] - 1.0) < 1e-9 and abs(r["efficiency"] - 1.0) < 1e-9, r
    if "torii-gil" in builds:
        assert r["vs_gil"] > 0, r
    else:
        assert r["vs_gil"] is None, r
    assert r["vs_processes"] is None, r
print("json ok")
