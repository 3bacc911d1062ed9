# bench/oo_super.py [THREADS] [N]: a class hierarchy written the ordinary
# way, shared by every thread: subclasses call super().__init__ and
# super().method(), read a property, and a module-level decorator wraps a
# method in a closure.  Each thread makes its own instances.  The shapes that
# wrote shared counts before: the `__class__` cell of every method that uses
# super() (a free variable of each call), the classes a super object holds,
# the bound method super().m builds, and the decorator's closure cells.
import harness


def logged(fn):
    calls = [0]

    def wrapper(self, *args):
        return fn(self, *args)
    wrapper.calls = calls
    return wrapper


class Shape:
    def __init__(self, name):
        self.name = name

    def area(self):
        return 0

    def describe(self):
        return len(self.name) + self.area()


class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("rect")
        self.w = w
        self.h = h

    @property
    def size(self):
        return self.w + self.h

    @logged
    def area(self):
        return self.w * self.h


class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)

    def describe(self):
        return super().describe() + self.size


def work(n):
    total = 0
    for i in range(n):
        sq = Square(i & 15)
        total += sq.describe()
    return total


harness.run(work, 200_000)
