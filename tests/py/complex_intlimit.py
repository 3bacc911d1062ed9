# complex() parsing, repr/str/format of complex (signed zeros, inf, nan, '#'),
# and the int string conversion limit (sys.set_int_max_str_digits), which
# applies to decimal only.
import sys
def f(x):
    try: return repr(x())
    except Exception as e: return type(e).__name__ + ': ' + str(e)
for s in ['1+2j', ' 1+2j ', '(1+2j)', '1', 'j', '-j', '+1.5e3-2.5e-3J', 'inf+nanj', '-infj', 'nan', '1e400j', '(1', '1+', '1+2', '2j+1', '', ' ', 'j+1', '1 + 2j', '1_0+2_0j', '0x1j', '(-0-0j)', '1.j', '.5j', 'infinityj', '-Infinity+NaNj', '1e-400+1j']:
    print(repr(s), f(lambda: complex(s)))
for z in [complex(0, 0), complex(-0.0, 0), complex(0, -0.0), complex(-0.0, -0.0), complex(float('nan'), float('inf')), complex(float('-inf'), float('nan')), complex(1e16, 1e-5), complex(1.5, -2), 1j, -1j, complex(2, 0)]:
    print(repr(z), str(z), format(z, ''), format(z, '.2f'), format(z, '10.3g'), format(z, '<20'), format(z, '^25.2e'), format(z, '+'), format(z, 'g'), format(z, '.0f'))
for spec in ['=10', '010', 'z', '#', ',', '_', 'n', '%', 'c', 'd']:
    print(spec, f(lambda: format(1+2j, spec)))
print(f(lambda: complex('1+2j', 1)), f(lambda: complex(1, '2')), f(lambda: complex(None)), f(lambda: complex(1j, 1j)), f(lambda: complex(real=1, imag=2)))
print(sys.get_int_max_str_digits())
x = 10 ** 5000
print(f(lambda: str(x)), f(lambda: int('1' * 5000)), f(lambda: repr(x)), f(lambda: '%d' % x), f(lambda: f'{x}'), f(lambda: hex(x)[:10]))
sys.set_int_max_str_digits(6000)
print(len(str(x)), len(str(int('1' * 5001))))
print(f(lambda: sys.set_int_max_str_digits(100)), f(lambda: sys.set_int_max_str_digits(-1)))
sys.set_int_max_str_digits(0)
print(len(str(10 ** 7000)), sys.get_int_max_str_digits())
sys.set_int_max_str_digits(640)
print(f(lambda: int('9' * 641)), f(lambda: str(10 ** 641)), len(str(10 ** 639)), f(lambda: int('9' * 641, 16) > 0), f(lambda: int('1' * 641, 10)))
print(f(lambda: sys.set_int_max_str_digits(maxdigits=700)), sys.get_int_max_str_digits())
for z in [1+2j, 1e16+1.5j, complex(float('inf'), 2), 2j, complex(-0.0, 1e-5), 1e22j]:
    print(format(z, '#'), format(z, '#.3'), format(z, '#g'), format(z, '#10'))
sys.set_int_max_str_digits(4300)
big = 3 ** 20000
print(hex(big)[:20], oct(big)[-10:], bin(big)[:12], format(big, 'X')[:8], format(-big, '#x')[:10], len(format(big, 'b')))
print(f(lambda: format(big, 'd')), f(lambda: format(big, ',')))
