def inner(x):
    return x[3] + 1

def outer():
    return inner([1, 2])

print("before")
outer()
