from .a import fa
from . import b
print("pkg init", __package__, __name__)
