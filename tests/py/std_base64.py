# base64: every codec, round trips, options and error messages.
import base64
import binascii


def show(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__ + ':', e)


samples = [b'', b'f', b'fo', b'foo', b'foob', b'fooba', b'foobar',
           b'\x00\x00\x00\x00', b'    ', bytes(range(256))]

for s in samples[:-1]:
    print(s, base64.b64encode(s), base64.b32encode(s), base64.b32hexencode(s),
          base64.b16encode(s), base64.b85encode(s), base64.a85encode(s),
          base64.z85encode(s) if len(s) % 4 == 0 else '-')
for s in samples:
    assert base64.b64decode(base64.b64encode(s)) == s
    assert base64.urlsafe_b64decode(base64.urlsafe_b64encode(s)) == s
    assert base64.standard_b64decode(base64.standard_b64encode(s)) == s
    assert base64.b32decode(base64.b32encode(s)) == s
    assert base64.b32hexdecode(base64.b32hexencode(s)) == s
    assert base64.b16decode(base64.b16encode(s)) == s
    assert base64.b85decode(base64.b85encode(s)) == s
    assert base64.a85decode(base64.a85encode(s)) == s
    assert base64.a85decode(base64.a85encode(s, foldspaces=True, wrapcol=7, adobe=True),
                            foldspaces=True, adobe=True) == s
    assert base64.decodebytes(base64.encodebytes(s)) == s
print('round trips ok')

# Base64
show(base64.b64encode, b'\xfb\xff\xfe', altchars=b'-_')
show(base64.b64encode, b'\xfb\xff\xfe', altchars=b'/+')
show(base64.b64encode, b'\xfb\xff', altchars=b'-')
show(base64.b64encode, 'abc')
show(base64.b64decode, b'-_-_', altchars=b'-_')
show(base64.b64decode, '+/+/', altchars='-_')
show(base64.b64decode, b'a-_b', altchars=b'-')
show(base64.b64decode, 'Zm9v\nYmFy')
show(base64.b64decode, b'Zm9v!YmFy')
show(base64.b64decode, b'Zm9v!YmFy', validate=True)
show(base64.b64decode, b'Zm9vYmE=', validate=True)
show(base64.b64decode, b'Zm9vYmE', validate=True)
show(base64.b64decode, b'Zm9vY')
show(base64.b64decode, b'Zm9vYm')
show(base64.b64decode, 'abé')
show(base64.b64decode, 3)
show(base64.urlsafe_b64encode, b'\xfb\xff\xfe')
show(base64.urlsafe_b64decode, '-__-')
show(base64.urlsafe_b64decode, b'+//+')

# Base32
show(base64.b32decode, b'MZXW6===')
show(base64.b32decode, b'mzxw6===', casefold=True)
show(base64.b32decode, b'mzxw6===')
show(base64.b32decode, b'abc')
show(base64.b32decode, b'MZXW6!==')
show(base64.b32decode, b'MZXW6=A=')
show(base64.b32decode, b'M=======')
show(base64.b32decode, b'MZ=====Z')
show(base64.b32decode, b'ME1W6===', map01=b'L')
show(base64.b32decode, b'ME1W6===', map01=b'I')
show(base64.b32decode, b'M0ZW6===', map01='L')
show(base64.b32decode, b'ME1W6===', map01=b'LL')
show(base64.b32decode, b'========')
show(base64.b32encode, 'abc')
show(base64.b32encode, 3)
show(base64.b32hexdecode, b'cpnmu===', casefold=True)
show(base64.b32hexdecode, b'CPNMW===')

# Base16
show(base64.b16decode, b'ABCD')
show(base64.b16decode, b'abcd')
show(base64.b16decode, b'abcd', casefold=True)
show(base64.b16decode, 'ABC')
show(base64.b16decode, b'AG')
show(base64.b16encode, 'abc')

# Base85 and Ascii85
show(base64.b85encode, b'hi', pad=True)
show(base64.b85decode, b'XlV')
show(base64.b85decode, b'|NsC0~')
show(base64.b85decode, b'~~~~~')
show(base64.b85decode, b'ab"cd')
show(base64.b85encode, 'abc')
show(base64.z85decode, b'HelloWorld')
show(base64.z85decode, b'Hello~orld')
show(base64.z85decode, b'#####')
show(base64.a85encode, b'hi', pad=True)
show(base64.a85encode, b'\0\0\0\0 hello    world  \0', foldspaces=True, wrapcol=7, pad=True, adobe=True)
show(base64.a85encode, b'x' * 30, wrapcol=10, adobe=True)
show(base64.a85encode, b'x' * 30, wrapcol=1, adobe=True)
show(base64.a85encode, b'\0\0\0', adobe=True)
show(base64.a85encode, 'abc')
show(base64.a85decode, b'<~87cURD]i,"Ebo80~>', adobe=True)
show(base64.a85decode, b'87cURD]i,"Ebo80~>', adobe=True)
show(base64.a85decode, b'87cURD]i,"Ebo80', adobe=True)
show(base64.a85decode, '<~@:E_W~>', adobe=True)
show(base64.a85decode, b'@:E_ W\n')
show(base64.a85decode, b'@:E_W', ignorechars=b'')
show(base64.a85decode, b'@:E _W', ignorechars=b'')
show(base64.a85decode, b'az')
show(base64.a85decode, b'zz')
show(base64.a85decode, b'uuuuu')
show(base64.a85decode, b'ab~c')
show(base64.a85decode, b'y', foldspaces=True)
show(base64.a85decode, b'y')
show(base64.a85decode, b'ay', foldspaces=True)

# MIME lines and files
long = bytes(range(200))
enc = base64.encodebytes(long)
print(enc)
print([len(line) for line in enc.split(b'\n')])
show(base64.encodebytes, b'')
show(base64.encodebytes, bytearray(b'abc'))
show(base64.encodebytes, 'abc')
show(base64.decodebytes, 'abc')
show(base64.decodebytes, b'YWJj\n')

with open('data.bin', 'wb') as f:
    f.write(long * 3)
with open('data.bin', 'rb') as src, open('data.b64', 'wb') as dst:
    base64.encode(src, dst)
with open('data.b64', 'rb') as f:
    text = f.read()
print(text == base64.encodebytes(long * 3), text.count(b'\n'))
with open('data.b64', 'rb') as src, open('data.out', 'wb') as dst:
    base64.decode(src, dst)
with open('data.out', 'rb') as f:
    print(f.read() == long * 3)
print(issubclass(binascii.Error, ValueError))
