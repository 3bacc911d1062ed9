# Inheritance, method overriding, super() in both forms, the C3 MRO.
class Animal:
    sound = "..."

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} says {self.sound}"

    def kind(self):
        return "animal"


class Dog(Animal):
    sound = "woof"

    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed

    def kind(self):
        return "dog/" + super().kind()


class Puppy(Dog):
    def speak(self):
        return super(Puppy, self).speak() + "!"


p = Puppy("rex", "lab")
print(p.speak(), p.kind(), p.breed, p.name)
print(isinstance(p, Dog), isinstance(p, Animal), issubclass(Puppy, Animal), issubclass(Animal, Dog))
print([c.__name__ for c in Puppy.__mro__], Puppy.__base__.__name__)


class A:
    def who(self):
        return ["A"]


class B(A):
    def who(self):
        return ["B"] + super().who()


class C(A):
    def who(self):
        return ["C"] + super().who()


class D(B, C):
    def who(self):
        return ["D"] + super().who()


print(D().who(), [k.__name__ for k in D.mro()], D.__bases__)
print(super(B, D()).who(), super(C, D()).who())


class Mixin:
    def describe(self):
        return f"<{type(self).__name__} {self.value()}>"


class Thing:
    def value(self):
        return 42


class Both(Mixin, Thing):
    pass


print(Both().describe())


class Shape:
    @classmethod
    def create(cls, *a):
        return cls(*a)

    def area(self):
        raise NotImplementedError


class Sq(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s ** 2


print(Sq.create(3).area(), type(Sq.create(1)).__name__)
try:
    Shape().area()
except NotImplementedError as e:
    print("not implemented", repr(e))


class Base:
    def __init__(self):
        self.trace = ["Base"]


class Left(Base):
    def __init__(self):
        super().__init__()
        self.trace.append("Left")


class Right(Base):
    def __init__(self):
        super().__init__()
        self.trace.append("Right")


class Bottom(Left, Right):
    def __init__(self):
        super().__init__()
        self.trace.append("Bottom")


print(Bottom().trace)
try:
    class Bad(A, D):
        pass
except TypeError as e:
    print(e)
