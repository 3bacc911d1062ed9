# bench/classic/mandelbrot.py [N]: an N x N picture of the Mandelbrot set over
# [-2, 1] x [-1.5, 1.5] with Python complex numbers (z = z * z + c), up to 50
# iterations a point.  Prints the number of points inside and a checksum of
# the escape counts.
import sys

MAX_ITER = 50


def escape_count(c):
    z = 0j
    for i in range(MAX_ITER):
        z = z * z + c
        if abs(z) > 2.0:
            return i
    return MAX_ITER


def mandelbrot(n):
    rows = []
    for y in range(n):
        im = -1.5 + 3.0 * y / n
        row = []
        for x in range(n):
            re_ = -2.0 + 3.0 * x / n
            row.append(escape_count(complex(re_, im)))
        rows.append(row)
    return rows


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 480
    rows = mandelbrot(n)
    inside = sum(row.count(MAX_ITER) for row in rows)
    check = 0
    for y, row in enumerate(rows):
        for x, k in enumerate(row):
            check = (check * 31 + k * (x + 1) + y) % 1000000007
    print(f"mandelbrot n={n} inside={inside} check={check}")


main()
