for y in range(-10, 11):
    row = ""
    for x in range(-30, 11):
        c = complex_r = x / 15.0
        ci = y / 10.0
        zr = zi = 0.0
        n = 0
        while n < 30 and zr * zr + zi * zi < 4.0:
            zr, zi = zr * zr - zi * zi + complex_r, 2 * zr * zi + ci
            n += 1
        row += " .:-=+*#%@"[n % 10]
    print(row)
