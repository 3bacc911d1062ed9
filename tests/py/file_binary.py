import os
path = "_torii_bin_test.bin"
with open(path, "wb") as f:
    print(f)
    print(f.write(b"abc\x00\xff\nline2\n"), f.write(bytearray(b"tail")))
    try: f.write("text")
    except TypeError as e: print("TypeError:", e)
with open(path, "rb") as f:
    print(f, f.mode)
    print(f.read(3), f.readline(), f.readline(), f.read())
    print(f.read())
with open(path, "rb") as f:
    print(list(f))
with open(path, "rb") as f:
    print(f.readlines())
with open(path, "ab") as f:
    f.write(b"!")
with open(path, "r+b") as f:
    print(f)
    print(f.read())
try: open(path, "rb", encoding="utf-8")
except ValueError as e: print("ValueError:", e)
with open(path, "w") as f:
    f.write("h\xe9llo\n")
with open(path, "rb") as f:
    data = f.read()
print(data, data.decode())
with open(path, "wb") as f:
    f.write(b"\xff\xfe")
try:
    with open(path) as f: f.read()
except UnicodeDecodeError as e: print("UnicodeDecodeError:", e)
r = os.urandom(16)
print(type(r), len(r), len(os.urandom(0)))
os.remove(path)
