# Polymorphic attribute sites raced: three threads call the same method and
# read the same attribute (one site each) on instances of six classes, more
# than a site remembers, while a fourth thread keeps rebinding a method and a
# class attribute on two of the classes.  Every result must be one of the
# values the class could give at that moment.
import threading


class Base:
    k = 1

    def val(self):
        return self.k


class A(Base):
    k = 2


class B(Base):
    def val(self):
        return 30


class C(A):
    __slots__ = ()


class D:
    k = 4

    def val(self):
        return 40


class E(D):
    k = 5


objs = [Base(), A(), B(), C(), D(), E()]
ok = {
    Base: {1}, A: {2, 7}, B: {30}, C: {2, 7}, D: {40, 41}, E: {40, 41},
}
ok_k = {Base: {1}, A: {2, 7}, B: {1}, C: {2, 7}, D: {4}, E: {5}}
N = 20000
errors = []
stop = [False]


def reader():
    bad = 0
    for i in range(N):
        o = objs[i % 6]
        if o.val() not in ok[type(o)]:
            bad += 1
        if o.k not in ok_k[type(o)]:
            bad += 1
    if bad:
        errors.append(bad)


def d41(self):
    return 41


def d40(self):
    return 40


def mutator():
    i = 0
    while not stop[0]:
        A.k = 7 if i & 1 else 2
        D.val = d41 if i & 1 else d40
        i += 1


m = threading.Thread(target=mutator)
rs = [threading.Thread(target=reader) for _ in range(3)]
m.start()
for t in rs:
    t.start()
for t in rs:
    t.join()
stop[0] = True
m.join()
A.k = 2
D.val = d40
print("errors:", errors)
print([o.val() for o in objs], [o.k for o in objs])
