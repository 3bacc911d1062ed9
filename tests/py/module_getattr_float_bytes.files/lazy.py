y = 5


def __getattr__(name):
    if name.startswith("x"):
        return name * 2
    raise AttributeError(f"module 'lazy' has no attribute {name!r}")
