# int() of bytes and bytearray text, with a base, and the ValueError that shows the bytes' repr (cut to 200 characters).
print(int(b'80'), int(bytearray(b' -12 ')), int(b'ff', 16), int(b'0x1f', 0), int(b'1_000'))
for a in [(b'x',), (b'',), (bytearray(b'1.5'),), (b'\xff',), (b'12', 2), (b'z' * 300,)]:
    try: print(int(*a))
    except ValueError as e: print(e)
