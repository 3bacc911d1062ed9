counter = 0
def bump():
    global counter
    counter += 1
for _ in range(5):
    bump()
print(counter)
def shadow():
    counter = 100
    return counter
print(shadow(), counter)
def reader():
    return counter * 2
print(reader())
x = 1
def outer():
    x = 2
    def inner():
        return x
    return inner()
print(outer(), x)
