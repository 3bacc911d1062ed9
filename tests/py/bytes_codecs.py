samples = [b"\xff", b"\xe4\x41", b"\xe4\xb8\x41", b"\xe4\xb8", b"\xe0\x80", b"\xed\xa0\x80",
           b"\xf0\x90\x80", b"a\xf4\x90", b"ok \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", b"\x80abc\xc0\xaf"]
for b in samples:
    for errors in ("strict", "replace", "ignore", "backslashreplace"):
        try:
            print(errors, repr(b.decode("utf-8", errors)))
        except UnicodeDecodeError as e:
            print(errors, type(e).__name__, e, e.start, e.end, repr(e.reason), e.encoding, e.object)
for s in ["plain", "caf\xe9", "ab\u1234\u1235c\xe9", "ab\U0001f600", "\ud800x"]:
    for enc in ("utf-8", "latin-1", "ascii", "UTF8", "Latin1", "us-ascii"):
        for errors in ("strict", "replace", "ignore", "backslashreplace", "xmlcharrefreplace"):
            try:
                print(enc, errors, s.encode(enc, errors))
            except UnicodeEncodeError as e:
                print(enc, errors, type(e).__name__, e, e.start, e.end)
print(b"\xe9\xff".decode("latin-1"), "x".encode(encoding="ascii"), b"x".decode(errors="strict"))
try:
    b"\x80".decode("ascii")
except UnicodeError as e:
    print(repr(e))
print(isinstance(UnicodeDecodeError("utf-8", b"", 0, 1, "x"), ValueError), issubclass(UnicodeEncodeError, UnicodeError))
print(bytes("h\xe9", "latin-1"), bytearray("h\xe9", "utf-8"), str(b"abc", "ascii"), str(bytearray(b"q"), "utf-8"))
