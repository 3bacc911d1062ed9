"""Module docstring
   with indentation."""

print(repr(__doc__))

def f():
    """a
       b"""
def g():
    """
    Summary.

      indented
    last
    """
def h(): "  lead\n\tx\n\ty"
def k():
    """x   
        
    y"""
class C:
    """  Class doc
        more
    """
    def m(self):
        "method doc"
def n(): pass
def not_doc():
    x = 1
    "not a docstring"
lam = lambda: "no"
class D:
    pass
for obj in (f, g, h, k, C, C.m, C().m, n, not_doc, lam, D, D()):
    print(repr(obj.__doc__))

def set_doc():
    "orig"
set_doc.__doc__ = "changed"
print(set_doc.__doc__)
set_doc.__doc__ = None
print(set_doc.__doc__)

def one_line():
    '''  spaces around  '''
print(repr(one_line.__doc__))

def first_value():
    """doc"""
    return "value"
print(first_value(), first_value.__doc__)

def gen():
    """generator doc"""
    yield 1
print(gen.__doc__, list(gen()))

ns = {}
exec('"""exec doc"""\nx = 1', ns)
print(repr(ns.get("__doc__")))
