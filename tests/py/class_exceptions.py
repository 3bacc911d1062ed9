# User-defined exception classes: hierarchy, __init__ and __str__ overrides,
# attributes, chaining, catching by base class.
class AppError(Exception):
    pass


class ConfigError(AppError):
    def __init__(self, key, msg="bad value"):
        super().__init__(f"{key}: {msg}")
        self.key = key


class HttpError(AppError):
    def __init__(self, code, reason):
        self.code = code
        self.reason = reason

    def __str__(self):
        return f"HTTP {self.code} {self.reason}"


class MyValueError(ValueError):
    pass


for exc in [AppError("plain"), ConfigError("port"), HttpError(404, "Not Found"), MyValueError("v", 2)]:
    try:
        raise exc
    except AppError as e:
        print("app", type(e).__name__, str(e), e.args)
    except ValueError as e:
        print("value", repr(e), e.args)

try:
    raise ConfigError("host", msg="empty")
except ConfigError as e:
    print(e.key, e, repr(e), isinstance(e, Exception), isinstance(e, AppError))

e = HttpError(500, "oops")
print(e.args, repr(e), e.code, issubclass(HttpError, Exception), HttpError.__mro__[1:3])

try:
    try:
        int("x")
    except ValueError as inner:
        raise AppError("wrapped") from inner
except AppError as outer:
    print(outer, type(outer.__cause__).__name__, outer.__cause__)


class Retry(Exception):
    attempts = 0


def flaky():
    Retry.attempts += 1
    if Retry.attempts < 3:
        raise Retry(Retry.attempts)
    return "ok"


while True:
    try:
        print(flaky())
        break
    except Retry as r:
        print("retry", r.args[0])


class Custom(LookupError):
    def __init__(self, *items):
        super().__init__(*items)
        self.n = len(items)


try:
    raise Custom(1, 2, 3)
except LookupError as e:
    print(e, e.n, e.args)
try:
    raise MyValueError
except MyValueError as e:
    print(repr(e), str(e) == "")
