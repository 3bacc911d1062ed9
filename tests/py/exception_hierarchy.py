print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(KeyError, LookupError), issubclass(ValueError, Exception))
print(issubclass(Exception, BaseException), issubclass(KeyboardInterrupt, Exception), issubclass(bool, int))
for exc in [ZeroDivisionError, IndexError, KeyError, TypeError, NameError, UnboundLocalError, RecursionError]:
    try:
        raise exc("msg")
    except LookupError:
        print(exc.__name__, "is a LookupError")
    except ArithmeticError:
        print(exc.__name__, "is an ArithmeticError")
    except NameError:
        print(exc.__name__, "is a NameError")
    except Exception as e:
        print(exc.__name__, "is other:", e)
e = ValueError("a", "b")
print(e, repr(e), e.args, str(ValueError()), repr(ValueError()), str(KeyError("k")), repr(KeyError("k")))
print(isinstance(e, Exception), isinstance(e, ValueError), type(e) is ValueError)
