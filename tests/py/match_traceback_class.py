# An error raised by a class pattern itself points at the pattern.


class Shape:
    __match_args__ = ("sides",)
    sides = 3


def check(s):
    match s:
        case 1:
            pass
        case Shape(3, 4):
            print("never")


check(Shape())
