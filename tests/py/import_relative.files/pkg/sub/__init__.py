from .. import a
from ..b import X
from . import leaf
print("sub", __package__, X, leaf.Y)
