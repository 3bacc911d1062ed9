# return of an expression: the caret covers the statement
def f():
    try:
        pass
    except* ValueError:
        return x + y
