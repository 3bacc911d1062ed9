# bench/classic/pidigits.py [N]: the first N digits of pi by the unbounded
# spigot algorithm (Gibbons), all in Python big integers.  Prints the last
# digits and a checksum of all of them.
import sys


def pi_digits(n):
    digits = []
    q, r, t, k, m, x = 1, 0, 1, 1, 3, 3
    while len(digits) < n:
        if 4 * q + r - t < m * t:
            digits.append(m)
            q, r, t, k, m, x = 10 * q, 10 * (r - m * t), t, k, (10 * (3 * q + r)) // t - 10 * m, x
        else:
            q, r, t, k, m, x = q * k, (2 * q + r) * x, t * x, k + 1, (q * (7 * k + 2) + r * x) // (t * x), x + 2
    return digits


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    digits = pi_digits(n)
    s = "".join(str(d) for d in digits)
    check = 0
    for d in digits:
        check = (check * 10 + d) % 1000000007
    print(f"pidigits n={n} head={s[:10]} tail={s[-10:]} check={check}")


main()
