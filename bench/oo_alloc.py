# bench/oo_alloc.py [THREADS] [N]: each thread builds its own instances of two
# module-level classes (one with __slots__, one with a __dict__) and calls
# their methods, which allocate new instances.  The classes are shared by every
# thread; the instances are not.  Written the ordinary way: the classes are
# globals loaded in the loop, methods call methods.
import harness


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, o):
        return Vec(self.x + o.x, self.y + o.y)

    def scaled(self, k):
        return Vec(self.x * k, self.y * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y


class Particle:
    def __init__(self, pos, vel):
        self.pos = pos
        self.vel = vel
        self.steps = 0

    def step(self, dt):
        self.pos = self.pos.add(self.vel.scaled(dt))
        self.steps += 1
        return self.pos.dot(self.vel)


def work(n):
    total = 0.0
    for i in range(n):
        p = Particle(Vec(i, 1.0), Vec(0.5, -0.25))
        total += p.step(0.1)
        total += p.step(0.2)
    return total


harness.run(work, 200_000, lambda results: f"{sum(results):.1f}")
