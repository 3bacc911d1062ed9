vals = [1j, -1j, 0j, -0j, complex(-0.0, -0.0), complex(0.0, -0.0), 1 + 2j, 1.5 - 2.5j,
        complex(float('nan'), float('inf')), complex(1e16, 1e-5), complex(-0.0, 1), 1e100j,
        complex(3, float('nan')), 123456.789 + 0.001j, -1e-7 - 5e22j]
specs = ['', '.2f', '>20', '<16', '^18', 'g', '.3', '+.1e', '*^24.3f', '10', '.0f', 'G', 'E', '.4g', ' .2f',
         '+', ',.2f', '_.1f', 'f', 'n', '-.3', '30.2e']
for z in vals:
    print(repr(z), str(z), *[repr(format(z, s)) for s in specs])
for s in ['d', 'x', '%', 's', '010', '=10', '0=10', 'c']:
    try:
        print(format(1 + 2j, s))
    except ValueError as e:
        print(repr(s), "ValueError:", e)
z = 2.5 - 1j
print(f"{z:.1f}|{z:>15}|{z:<15.2e}|{z!s:>10}|{z!r}|{z:}")
print("{0.real} {0.imag} {0:.1f}".format(z))
print("%r %s" % (z, z))
