# Modules and packages beside the script are imported through sys.path[0].
import geometry
import shapes
import shapes.square
from geometry import circle_area as ca
from shapes.square import Square

print(round(geometry.PI2, 6), ca(2) == geometry.circle_area(2), len(geometry._calls))
print(geometry.__doc__, geometry.__name__, geometry.__file__.endswith("geometry.py"))
print(shapes.KINDS, Square(3), Square(3).area(), shapes.square.Square is Square)
import geometry as g2
print(g2 is geometry)
try:
    import no_such_helper
except ModuleNotFoundError as e:
    print(e)
geometry.check(-1)
