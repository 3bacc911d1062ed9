try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("converted") from e
except ValueError as e:
    print(repr(e), repr(e.__cause__))
try:
    try:
        {}["x"]
    except KeyError:
        raise TypeError("during")
except TypeError as e:
    print(repr(e), repr(e.__context__))
def reraiser():
    try:
        raise IndexError("orig")
    except IndexError:
        raise
try:
    reraiser()
except IndexError as e:
    print("reraised", e)
