# f"{x}" calls a user __format__ with an empty spec; ascii(); @ on ints fails
class Str:
    def __str__(self): return "S"
    def __format__(self, spec): return "F" + spec
print(Str(), f"{Str()}", f"{Str():xy}", str(Str()), "%s" % Str(), format(Str()))
print(ascii("é€😀"), ascii([1, "ü"]), f"{'é'!a}", f"{'x'!a:>6}")
try:
    1 @ 2
except TypeError as e:
    print(e)
x = 3
try:
    x @= 2
except TypeError as e:
    print(e)
