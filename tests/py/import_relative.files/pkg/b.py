from .a import fa as f2
X = f2()
