# try/except* (PEP 654): each clause gets its matching subgroup, what no
# clause matched is re-raised as a group, what clauses raise is combined with
# it, naked exceptions are wrapped, else/finally, sys.exception() inside the
# clauses, bad clause types, user groups with their own split/derive.
import sys


def run(name, f):
    try:
        f()
    except BaseException as e:
        print(name, "->", type(e).__name__, repr(e))
        return e
    else:
        print(name, "-> no exception")


def each_clause():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3), ValueError(4)])
    except* ValueError as e:
        print("  V", repr(e), repr(sys.exception()))
    except* (TypeError, KeyError) as e:
        print("  TK", repr(e), repr(sys.exception()))
    print("  after", sys.exception())
run("each_clause", each_clause)


def unmatched_rest():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ExceptionGroup("sub", [OSError(3), ValueError(5)])])
    except* ValueError as e:
        print("  V", repr(e))
e = run("unmatched_rest", unmatched_rest)
print("  traceback kept:", e.__traceback__ is not None, e.__traceback__.tb_next is not None)


def nothing_matches():
    try:
        raise ExceptionGroup("eg", [TypeError(2)])
    except* ValueError:
        print("  not reached")
run("nothing_matches", nothing_matches)


def naked_wrapped():
    try:
        raise ValueError(5)
    except* ValueError as e:
        print("  wrapped", repr(e), type(e).__name__, e.__traceback__)
        print("  leaf traceback", e.exceptions[0].__traceback__ is not None)
run("naked_wrapped", naked_wrapped)


def naked_base():
    try:
        raise KeyboardInterrupt("ki")
    except* KeyboardInterrupt as e:
        print("  wrapped", repr(e), type(e).__name__)
run("naked_base", naked_base)


def naked_reraise():
    try:
        raise ValueError(5)
    except* ValueError:
        raise
run("naked_reraise", naked_reraise)


def naked_unmatched():
    try:
        raise ValueError(6)
    except* TypeError:
        print("  not reached")
e = run("naked_unmatched", naked_unmatched)


def naked_raises_new():
    try:
        raise ValueError(1)
    except* ValueError:
        raise KeyError("x")
e = run("naked_raises_new", naked_raises_new)
print("  context", repr(e.__context__))


def raise_new_plus_rest():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("x")
e = run("raise_new_plus_rest", raise_new_plus_rest)
print("  context of new", repr(e.exceptions[0].__context__))


def raise_new_only():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError:
        raise KeyError("x")
e = run("raise_new_only", raise_new_only)
print("  context", repr(e.__context__))


def bare_reraise_all():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), OSError(3)])
    except* ValueError:
        raise
    except* TypeError:
        raise
run("bare_reraise_all", bare_reraise_all)


def mixed():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), OSError(3)])
    except* ValueError:
        raise
    except* TypeError:
        raise KeyError(9)
run("mixed", mixed)


def raise_match_explicitly():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError as e:
        raise e
run("raise_match_explicitly", raise_match_explicitly)


def two_clauses_raise():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("from V")
    except* TypeError:
        raise IndexError("from T")
run("two_clauses_raise", two_clauses_raise)


def raise_from():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError as e:
        raise RuntimeError("wrapped") from e
e = run("raise_from", raise_from)
print("  cause", repr(e.__cause__))


def else_finally(fail):
    try:
        if fail:
            raise ExceptionGroup("eg", [ValueError(1)])
        print("  body")
    except* ValueError as e:
        print("  handler", repr(e))
    else:
        print("  else")
    finally:
        print("  finally")
run("else_finally(False)", lambda: else_finally(False))
run("else_finally(True)", lambda: else_finally(True))


def finally_on_reraise():
    try:
        raise TypeError(1)
    except* ValueError:
        print("  not reached")
    finally:
        print("  finally runs")
run("finally_on_reraise", finally_on_reraise)


def name_unbound():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError as e:
        pass
    try:
        e
    except NameError as x:
        print(" ", x)
run("name_unbound", name_unbound)


def loops_inside():
    out = []
    for i in range(3):
        try:
            raise ExceptionGroup("eg", [ValueError(i)])
        except* ValueError as e:
            for j in range(5):
                if j == 2:
                    break
                if j == 0:
                    continue
                out.append((i, j))
    print("  ", out)
run("loops_inside", loops_inside)


def nested_except_star():
    try:
        try:
            raise ExceptionGroup("outer", [ValueError(1), TypeError(2)])
        except* ValueError as e:
            try:
                raise ExceptionGroup("inner", [KeyError(3), OSError(4)])
            except* KeyError as k:
                print("  inner handler", repr(k), repr(sys.exception()))
            print("  back in outer handler", repr(sys.exception()))
    except* TypeError as t:
        print("  outermost", repr(t))
run("nested_except_star", nested_except_star)


def plain_except_catches():
    try:
        try:
            raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
        except* ValueError:
            pass
    except ExceptionGroup as g:
        print("  except ExceptionGroup", repr(g))
run("plain_except_catches", plain_except_catches)


def bad_type_group():
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ExceptionGroup:
        pass
e = run("bad_type_group", bad_type_group)
print("  context", repr(e.__context__))


def bad_type_in_tuple():
    try:
        raise ValueError(1)
    except* (ValueError, BaseExceptionGroup):
        pass
run("bad_type_in_tuple", bad_type_in_tuple)


def bad_type_int():
    try:
        raise ValueError(1)
    except* int:
        pass
run("bad_type_int", bad_type_int)


def bad_type_not_reached():
    try:
        pass
    except* 5:
        pass
    print("  a clause's type is evaluated only when something was raised")
run("bad_type_not_reached", bad_type_not_reached)


class MyEG(ExceptionGroup):
    def __new__(cls, message, excs, code):
        obj = super().__new__(cls, message, excs)
        obj.code = code
        return obj

    def derive(self, excs):
        return MyEG(self.message, excs, self.code)


def user_group():
    try:
        raise MyEG("mine", [ValueError(1), TypeError(2)], 42)
    except* ValueError as e:
        print("  match", type(e).__name__, e.code, repr(e))
e = run("user_group", user_group)
print("  rest", type(e).__name__, e.code)


class SplitLog(ExceptionGroup):
    def split(self, cond):
        print("  split called with", cond)
        return super().split(cond)


def user_split():
    try:
        raise SplitLog("log", [ValueError(1), TypeError(2)])
    except* (ValueError, OSError):
        pass
    except* TypeError:
        pass
run("user_split", user_split)


def in_generator():
    try:
        yield 1
        raise ExceptionGroup("gen", [ValueError(1), TypeError(2)])
    except* ValueError as e:
        yield repr(e)
run("gen", lambda: print(" ", list(in_generator())))
g = in_generator()
print(" ", next(g))
run("gen_rest", lambda: g.send(None) and next(g))


def notes_survive():
    try:
        eg = ExceptionGroup("n", [ValueError(1), TypeError(2)])
        eg.add_note("group note")
        raise eg
    except* ValueError as e:
        print("  match notes", e.__notes__)
e = run("notes_survive", notes_survive)
print("  rest notes", e.__notes__)


def exception_in_rest_keeps_order():
    try:
        raise ExceptionGroup("o", [TypeError(1), ValueError(2), TypeError(3), ValueError(4)])
    except* ValueError:
        raise
run("order", exception_in_rest_keeps_order)
