# tests/ext/check_docs.py HEADER DOC: every function the public C API header
# declares is documented in DOC (docs/capi.md), as `name` in backticks.
# Run by torii itself (no other Python is needed to build and test).
import re
import sys

header, doc = sys.argv[1], sys.argv[2]
with open(header) as f:
    src = f.read()
with open(doc) as f:
    text = f.read()
src = re.sub(r"/\*.*?\*/", " ", src, flags=re.S)
src = "\n".join(line for line in src.split("\n") if not line.lstrip().startswith("#"))
names = sorted(set(re.findall(r"\b(tr_[A-Za-z0-9_]+)\s*\(", src)))
missing = [n for n in names if ("`" + n + "`") not in text and ("`" + n + "(") not in text]
if len(names) < 50:
    print("FAIL: only %d functions found in %s: is the parser broken?" % (len(names), header))
    sys.exit(1)
if missing:
    print("FAIL: not documented in %s: %s" % (doc, ", ".join(missing)))
    sys.exit(1)
print("ok: %d functions documented" % len(names))
