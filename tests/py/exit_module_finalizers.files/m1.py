class D:
    def __init__(self, n): self.n = n
    def __del__(self): print("del", self.n)
a = D("m1.a")
b = D("m1.b")
