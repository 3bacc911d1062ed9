# bench/classic/spectral_norm.py [N]: the benchmarks-game spectral norm of the
# infinite matrix A(i, j) = 1 / ((i + j)(i + j + 1) / 2 + i + 1), by ten power
# iterations on an N-vector.  Prints the norm.
import sys


def eval_A(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def eval_A_times_u(u):
    n = len(u)
    result = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_A(i, j) * u[j]
        result.append(s)
    return result


def eval_At_times_u(u):
    n = len(u)
    result = []
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += eval_A(j, i) * u[j]
        result.append(s)
    return result


def eval_AtA_times_u(u):
    return eval_At_times_u(eval_A_times_u(u))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 250
    u = [1.0] * n
    for _ in range(10):
        v = eval_AtA_times_u(u)
        u = eval_AtA_times_u(v)
    vBv = 0.0
    vv = 0.0
    for ue, ve in zip(u, v):
        vBv += ue * ve
        vv += ve * ve
    print(f"spectral_norm n={n} norm={(vBv / vv) ** 0.5:.9f}")


main()
