# Errors from special methods and __init__ show their frames too.
class Matrix:
    def __init__(self, rows):
        self.rows = rows

    def __getitem__(self, ij):
        i, j = ij
        return self.rows[i][j]

    def __add__(self, other):
        return Matrix([[a + b for a, b in zip(r, s)] for r, s in zip(self.rows, other.rows)])


m = Matrix([[1, 2], [3, 4]])
print(m[1, 0], (m + m)[1, 1])
try:
    m + 5
except AttributeError as e:
    print("caught:", e)
print(m[2, 0])
