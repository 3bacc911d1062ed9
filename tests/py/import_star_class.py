class K:
    from math import *
