# bench/shared_instance.py [THREADS] [N]: every thread calls the methods of ONE
# module-level instance, loaded as a global in the loop.  The method copies an
# attribute holding a list into a local (c = self.coef), indexes it, reads
# another attribute and calls another method of self.
import harness


class Poly:
    def __init__(self, coef, bias):
        self.coef = coef
        self.bias = bias
        self.name = "poly"

    def clamp(self, v):
        if v > 1000:
            return v % 1000
        return v

    def evaluate(self, x):
        c = self.coef
        v = c[0] + c[1] * x + c[2] * x * x
        return self.clamp(v + self.bias)


MODEL = Poly([3, 2, 1], 7)


def work(n):
    total = 0
    for i in range(n):
        total += MODEL.evaluate(i & 31)
    return total


harness.run(work, 1_000_000)
