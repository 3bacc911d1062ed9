# Enum customisation: _missing_, _generate_next_value_, StrEnum, custom __new__, methods
from enum import Enum, StrEnum, IntEnum, auto

class Lower(Enum):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()
    A = auto()
    B = auto()
print(list(Lower), Lower("b"))

class Mode(Enum):
    READ = "r"
    WRITE = "w"
    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for m in cls:
                if m.value == value.lower():
                    return m
        return None
print(Mode("R"), Mode("w"))
try:
    Mode("x")
except ValueError as e:
    print("ValueError:", e)

class Http(StrEnum):
    GET = auto()
    POST = "POST"
print(repr(Http.GET), str(Http.GET), Http.GET == "get", Http.POST.upper(), f"{Http.POST}", Http("get"))
print(Http.GET.name, Http.GET.value, isinstance(Http.GET, str), list(Http))

class Coin(Enum):
    def __new__(cls, value, label):
        obj = object.__new__(cls)
        obj._value_ = value
        obj.label = label
        return obj
    PENNY = (1, "one cent")
    NICKEL = (5, "five cents")
print(Coin.PENNY, Coin(5), Coin.NICKEL.label, Coin.PENNY.value)

class Weekday(IntEnum):
    MON = 1
    TUE = 2
    WED = 3
    def is_early(self):
        return self < 3
    @property
    def short(self):
        return self.name[:2].title()
print([d.is_early() for d in Weekday], Weekday.WED.short, sum(Weekday))

class Cfg(Enum):
    A = 1
    B = 2
    _ignore_ = ["tmp"]
    tmp = 99
print(list(Cfg), hasattr(Cfg, "tmp"))

States = Enum("States", {"ON": 1, "OFF": 0})
print(list(States), States.OFF.value)
Sizes = IntEnum("Sizes", "S M L")
print(list(Sizes), Sizes.L + 0)
