# match statements: literal, singleton, value, capture, wildcard, OR and AS
# patterns, guards, and `match`/`case` staying usable as names.

class Color:
    RED = "red"
    GREEN = "green"

    class Nested:
        BLUE = "blue"


def describe(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case "hello" | "hi":
            return "greeting"
        case b"raw":
            return "bytes"
        case None:
            return "none"
        case True:
            return "true"
        case False:
            return "false"
        case Color.RED:
            return "the colour red"
        case Color.Nested.BLUE:
            return "the colour blue"
        case "a" "b":
            return "joined literal"
        case int(n) if n > 100:
            return f"big {n}"
        case str() as s if len(s) > 3:
            return f"long string {s!r}"
        case _:
            return "other"


for v in [0, 0.0, 1, 1.0, 3, -1, 1.5, "hello", "hi", b"raw", "raw", None, True, False, "red",
          "blue", "ab", 101, 50, "long one", "x", [], object]:
    print(repr(v), "->", describe(v))

# True and False match by identity, 1 and 0 by equality
for v in (True, 1, 1.0, False, 0):
    match v:
        case True:
            print(repr(v), "is True")
        case False:
            print(repr(v), "is False")
        case 1:
            print(repr(v), "== 1")
        case _:
            print(repr(v), "== 0")

# capture and AS patterns bind; the last case may be irrefutable
match 42:
    case 1:
        print("no")
    case answer:
        print("captured", answer)
print(answer)

match 7:
    case (1 | 7) as which:
        print("which", which)

match "text":
    case str() | bytes() as data:
        print("data", data)

# guards see the captures, even when they fail the captures stay bound
match 5:
    case n if n > 10:
        print("big")
    case n if n < 0:
        print("negative")
    case _ if False:
        print("never")
    case _:
        print("fallback, n =", n)

# a walrus in a guard
match [3]:
    case [x] if (doubled := x * 2) > 5:
        print("doubled", doubled)

# the subject is evaluated once
calls = []


def subject():
    calls.append(1)
    return 3


match subject():
    case 1:
        pass
    case 2:
        pass
    case 3:
        print("three after", len(calls), "call")

# a tuple subject without parentheses
match 1, 2:
    case (1, 2):
        print("tuple subject")

# no case matches: nothing happens
match 99:
    case 1:
        print("no")
    case 2:
        print("no")
print("after unmatched")

# soft keywords stay names
match = [1, 2, 3]
case = {"k": "v"}
print(match[0], case["k"])
match[0] = 10
print(match)
match: list = [4]
print(match)


def case(match=1, case=2):
    return match + case


print(case(match=3, case=4))
match = 5
match match:
    case 5:
        print("match match")
match -match:
    case -5:
        print("negated subject")
case = 6
match case:
    case case:
        print("case case", case)
print(match if match else None)
