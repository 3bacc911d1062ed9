# A capture pattern before other cases is a SyntaxError of the whole file.
print("never printed")


def f(x):
    match x:
        case [a, b]:
            return a + b
        case value:
            return value
        case 3:
            return 3
