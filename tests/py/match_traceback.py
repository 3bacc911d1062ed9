# Tracebacks of errors raised inside case blocks and guards point at CPython's lines.


def handle(event):
    match event:
        case {"kind": "div", "args": [a, b]}:
            return a / b
        case {"kind": "call", "fn": fn} if fn(
                "guard"):
            return "called"
        case _:
            raise ValueError(
                f"bad event {event!r}")


def attempt(event):
    try:
        handle(event)
    except Exception as e:
        print(type(e).__name__, e)


attempt({"kind": "div", "args": [1, 0]})
attempt({"kind": "call", "fn": len})
attempt({"kind": "other"})
print(handle({"kind": "call", "fn": lambda s: True}))
handle({"kind": "div",
        "args": [5, 0]})
