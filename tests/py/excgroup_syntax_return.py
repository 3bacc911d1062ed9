# return of a constant: the caret is at the constant
def f():
    try:
        pass
    except* ValueError:
        def ok():
            return 1
        return 1
