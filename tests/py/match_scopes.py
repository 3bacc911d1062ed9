# match statements in functions, closures, generators, loops and class
# bodies; OR patterns binding in different orders.


def classify(values):
    out = []
    for v in values:
        match v:
            case 0:
                continue
            case "stop":
                break
            case int(n) if n % 2:
                out.append(("odd", n))
            case int(n):
                out.append(("even", n))
            case [*items]:
                out.append(("list", classify(items)))
    return out


print(classify([1, 2, 0, [3, 4, 0, 5], 6, "stop", 7]))


def early(v):
    match v:
        case [x, y]:
            return x + y
        case {"x": x}:
            return x
    return None


print(early([1, 2]), early({"x": 9}), early(3))


def closure():
    def get():
        return captured

    match (1, 2, 3):
        case (captured, *_):
            pass
    return get()


print(closure())


def gen(tree):
    match tree:
        case int():
            yield tree
        case [*children]:
            for child in children:
                yield from gen(child)
        case {"leaf": value}:
            yield value


print(list(gen([1, [2, [3, {"leaf": 4}]], 5])))


class Config:
    mode = "fast"
    match mode:
        case "fast":
            speed = 10
        case _:
            speed = 1
    doubled = speed * 2


print(Config.speed, Config.doubled)

# comprehension inside a case body and a guard
match [1, 2, 3]:
    case [*xs] if all(x > 0 for x in xs):
        print([x * x for x in xs])

# OR patterns may bind the same names in any order
for v in [(1, 2), [2, 1, "swap"], {"a": 1, "b": 2}]:
    match v:
        case (a, b) | [b, a, "swap"] | {"b": b, "a": a}:
            print("a", a, "b", b)

# captures inside AS and OR inside sequences
match [1, (2, 3)]:
    case [1 | 2 as first, (2, y) | (y, 2)]:
        print(first, y)

# exec and eval see match statements too
namespace = {}
exec("match 3:\n    case 3:\n        result = 'three'\n", namespace)
print(namespace["result"])

# many cases
def roman(n):
    match n:
        case 1: return "I"
        case 2: return "II"
        case 3: return "III"
        case 4: return "IV"
        case 5: return "V"
        case _: return "?"


print([roman(i) for i in range(7)])

# nested match statements
def nested(a, b):
    match a:
        case 0:
            match b:
                case 0:
                    return "both zero"
                case _:
                    return "a zero"
        case _:
            return "a nonzero"


print(nested(0, 0), nested(0, 1), nested(1, 0))
