tests = ['b"abc".find("a")', 'b"abc".find(300)', 'b"abc".find(1.5)', 'b"abc".startswith("a")',
 'b"abc".strip("a")', 'b"abc".split("a")', 'b"abc".split(b"")', 'b"".join(["a"])', 'b"abc".index(b"z")',
 'b"abc".rindex(b"z")', 'b"abc".hex("::")', 'bytes.fromhex("zz")', 'bytes.fromhex("a")', 'bytes.fromhex("0 1")',
 'b"a"+"b"', 'b"a"*"b"', '"a" in b"abc"', '300 in b"a"', 'b"a"[5]', 'bytes(-1)', 'bytes([256])', 'bytes(["a"])',
 'bytes("abc")', 'bytes(1.5)', 'bytes("a", 1)', 'bytearray(b"a")[5]', 'bytearray().pop()', 'bytearray(b"a").pop(5)',
 'bytearray(b"a").remove(9)', 'bytearray(b"a").append(256)', 'bytearray(b"a").append("x")', 'hash(bytearray())',
 'b"a" < "a"', 'bytes("a", encoding="ascii", errors=1)', 'b"abc".replace("a", b"b")',
 'bytearray(b"abc").__setitem__(0, 300)', 'bytearray(b"abc").__setitem__(slice(0,1), 5)',
 'bytearray(b"abc").__setitem__(slice(0,3,2), b"x")', 'bytes(b"x", "utf-8")', 'b"x".count("a")',
 'b"ab".partition(b"")', 'bytearray("abc")', 'b"a".decode(1)', 'b"a".decode("nope")', 'b"\\xff".decode("utf-8", "nope")',
 '"x".encode("nope")', '"x".encode(1)', 'bytearray(b"x") + "y"', 'b"x" == "x"', 'b"x" == bytearray(b"x")',
 'bytearray(b"x") == b"x"', 'b"abc"[::-1]', 'b"abcdef"[1:5:2]', 'bytes(range(5))', 'bytearray(range(3)) * 2',
 'b"a" + bytearray(b"b")', 'bytearray(b"a") + b"b"', 'hash(b"") == hash("")', 'b"%s" if 0 else b"A".isupper()',
 'b"Ab1".isalnum()', 'b"".isdigit()', 'b"abc".partition(b"b")', 'b"a.b.c".rpartition(b".")',
 'b"a\\nb\\r\\nc".splitlines()', 'b"a\\nb\\r\\nc".splitlines(True)', 'b"hELLo wOrld".swapcase()',
 'b"hello world".capitalize()', 'b"aaa".count(b"")', 'b"abc".find(b"", 5)', 'b"abcabc".rfind(b"b", 0, 4)',
 'b"x".hex()', 'b"".hex()', 'b"abcdef".hex("-", -4)', 'bytes.fromhex("")', 'len(bytes(1000))']
for t in tests:
    try:
        print(t, "->", repr(eval(t)))
    except Exception as e:
        print(t, "->", type(e).__name__ + ":", e)
