Y = 5
try:
    from ... import nothing
except ImportError as e:
    print(type(e).__name__, e)
