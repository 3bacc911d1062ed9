# binascii: hex, base64, quoted-printable, checksums and their errors.
import binascii


def show(f, *args, **kwargs):
    try:
        print(repr(f(*args, **kwargs)))
    except Exception as e:
        print(type(e).__name__ + ':', e)


# hex
show(binascii.hexlify, b'\x00\x01\xfe\xff')
show(binascii.b2a_hex, bytearray(b'xyz'))
show(binascii.hexlify, b'abcdef', b':')
show(binascii.hexlify, b'abcdef', ':', 2)
show(binascii.hexlify, b'abcde', b':', 2)
show(binascii.hexlify, b'abcde', b':', -2)
show(binascii.hexlify, b'abcde', '-', 9)
show(binascii.hexlify, b'', b':', 2)
show(binascii.hexlify, data=b'kw')
show(binascii.hexlify, b'abc', bytes_per_sep=2)
show(binascii.hexlify, b'ab', b'--')
show(binascii.hexlify, b'ab', b'')
show(binascii.hexlify, b'ab', 3)
show(binascii.hexlify, b'ab', None)
show(binascii.hexlify, b'ab', b':', 'x')
show(binascii.hexlify, b'ab', b':', 2**70)
show(binascii.hexlify, 'str')
show(binascii.hexlify)
show(binascii.hexlify, b'', 1, 2, 3)
show(binascii.unhexlify, b'0001feFF')
show(binascii.unhexlify, '4142')
show(binascii.a2b_hex, bytearray(b'7a'))
show(binascii.unhexlify, b'')
show(binascii.unhexlify, b'abc')
show(binascii.unhexlify, 'zz')
show(binascii.unhexlify, 'é0')
show(binascii.unhexlify, 12)
show(binascii.unhexlify)
show(binascii.unhexlify, hexstr=b'00')
show(binascii.a2b_hex, b'1', b'2')

# base64
for data in (b'', b'f', b'fo', b'foo', b'foob', b'fooba', b'foobar', bytes(range(256))[:40]):
    enc = binascii.b2a_base64(data)
    print(enc, binascii.a2b_base64(enc) == data)
show(binascii.b2a_base64, b'ab', newline=False)
show(binascii.b2a_base64, b'ab', newline=0)
show(binascii.b2a_base64, b'ab', False)
show(binascii.b2a_base64, 'ab')
show(binascii.b2a_base64)
show(binascii.a2b_base64, 'Zm9v\nYmFy')
show(binascii.a2b_base64, b'Zm9v!!YmFy')
show(binascii.a2b_base64, b'Zm8=trailing ignored')
show(binascii.a2b_base64, b'abcde')
show(binascii.a2b_base64, b'abcdefghi')
show(binascii.a2b_base64, b'ab')
show(binascii.a2b_base64, b'ab=')
show(binascii.a2b_base64, b'ab==cd')
show(binascii.a2b_base64, b'=ab=', strict_mode=True)
show(binascii.a2b_base64, b'ab==cd', strict_mode=True)
show(binascii.a2b_base64, b'ab=c=', strict_mode=True)
show(binascii.a2b_base64, b'ab!c', strict_mode=True)
show(binascii.a2b_base64, b'abcd=', strict_mode=True)
show(binascii.a2b_base64, b'abc=', strict_mode=True)
show(binascii.a2b_base64, b'ab', strict_mode=True)
show(binascii.a2b_base64, 'abcé')
show(binascii.a2b_base64, 5)
show(binascii.a2b_base64, b'ab', x=1)
show(binascii.a2b_base64)
show(binascii.a2b_base64, b'', 1, 2)

# checksums
show(binascii.crc32, b'hello world')
show(binascii.crc32, b'world', binascii.crc32(b'hello '))
show(binascii.crc32, b'abc', -1)
show(binascii.crc32, b'abc', 2**40 + 7)
show(binascii.crc32, bytearray(b'abc'))
show(binascii.crc32, 'abc')
show(binascii.crc32, b'a', 1.5)
show(binascii.crc32)
show(binascii.crc32, b'a', 1, 2)
show(binascii.crc32, data=b'a')
show(binascii.crc_hqx, b'123456789', 0)
show(binascii.crc_hqx, b'123456789', 0xffff)
show(binascii.crc_hqx, b'abc', -1)
show(binascii.crc_hqx, b'abc')

# quoted-printable
show(binascii.b2a_qp, b'a=b\tc \nd\r\n' + bytes(range(250, 256)))
show(binascii.b2a_qp, b'line one\r\nline two \r\n')
show(binascii.b2a_qp, b'a b\tc', quotetabs=True)
show(binascii.b2a_qp, b'a_b c', header=True)
show(binascii.b2a_qp, b'x\ny', istext=False)
show(binascii.b2a_qp, b'.\nab.')
show(binascii.b2a_qp, b'x' * 100)
show(binascii.b2a_qp, b'=' * 30)
show(binascii.a2b_qp, b'a=3Db=\nc_d', header=True)
show(binascii.a2b_qp, b'a=3db=\r\nc_d')
show(binascii.a2b_qp, b'bad=zz and ==  end=')
show(binascii.a2b_qp, 'text')
show(binascii.a2b_qp)
for data in (b'plain', b'tab\there', b'\x00\x80\xff', b'x' * 200 + b'\n' + b'y ' * 50):
    print(binascii.a2b_qp(binascii.b2a_qp(data)) == data)

# the exceptions
print(binascii.Error.__mro__)
print(binascii.Incomplete.__mro__)
try:
    binascii.unhexlify(b'0')
except ValueError as e:
    print('caught as ValueError:', type(e).__name__, e)
