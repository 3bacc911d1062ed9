# sqlite3: the exception hierarchy and CPython's messages.
import sqlite3

for name in ("Warning", "Error", "InterfaceError", "DatabaseError", "DataError", "OperationalError",
             "IntegrityError", "InternalError", "ProgrammingError", "NotSupportedError"):
    cls = getattr(sqlite3, name)
    print(name, cls.__module__, [b.__name__ for b in cls.__mro__[1:-2]],
          getattr(sqlite3.connect(":memory:"), name) is cls)

def show(f, *args, **kw):
    try:
        r = f(*args, **kw)
    except Exception as e:
        print(type(e).__module__, type(e).__name__ + ":", e)
        return e
    else:
        print("ok", r)

con = sqlite3.connect(":memory:")
con.execute("create table t(a integer primary key, b text unique not null, c check (c > 0))")
con.execute("insert into t values (1, 'x', 1)")

e = show(con.execute, "select * from nope")
print(e.sqlite_errorcode, e.sqlite_errorname)
show(con.execute, "selec 1")
show(con.execute, "select nocol from t")
show(con.execute, "select 1; select 2")
show(con.execute, "insert into t values (1, 'y', 1)")
e = show(con.execute, "insert into t values (2, 'x', 1)")
print(e.sqlite_errorcode, e.sqlite_errorname)
e = show(con.execute, "insert into t values (3, NULL, 1)")
print(e.sqlite_errorname)
e = show(con.execute, "insert into t values (4, 'z', -1)")
print(e.sqlite_errorname, isinstance(e, sqlite3.DatabaseError), isinstance(e, sqlite3.Error))
show(con.execute, "create table t(a)")
show(con.execute, "select ?, ?", (1,))
show(con.execute, "select ?", (1, 2))
show(con.execute, "select ?", ())
show(con.execute, "select 1", (1,))
show(con.execute, "select :a", {"b": 1})
show(con.execute, "select ?", {"a": 1})
show(con.execute, "select ?", 5)
show(con.execute, "select ?", {1, 2})
show(con.execute, "select ?", None)
show(con.execute, 5)
show(con.execute, b"select 1")
show(con.execute)
show(con.execute, "select 1", (), 3)
show(con.cursor().execute)
show(con.executemany, "select 1")
show(con.cursor().executemany, "select 1", [], 3)
show(con.executemany, "select ?", [(1,)])
show(con.executemany, "insert into t values (?, ?, 1)", 5)
show(con.executemany, 5, [])
show(con.executescript, 5)
show(con.executescript, "select 1; selec 2")
show(con.execute, "select 'a\x00b' as \"\x00\"")
show(con.execute, "select 1\x00")
show(sqlite3.connect, 5)
show(sqlite3.connect, ":memory:", timeout="x")
show(sqlite3.connect, ":memory:", isolation_level="bogus")
show(sqlite3.connect, ":memory:", isolation_level=5)
show(sqlite3.connect, ":memory:", autocommit="yes")
show(sqlite3.connect, "/nonexistent/dir/x.db")
show(setattr, con, "isolation_level", "nope")
show(setattr, con, "autocommit", 2)
show(con.create_function, "f", "x", len)
show(con.create_function, "f", 1, 5)
show(con.create_aggregate, "g", 1, 5)
show(sqlite3.register_converter, 5, len)
show(sqlite3.Row, 1, (1,))
show(sqlite3.Cursor, 5)
show(con.cursor, lambda c: 5)

# an error inside a transaction leaves it open
con.execute("insert into t values (10, 'ten', 1)")
show(con.execute, "insert into t values (10, 'ten', 1)")
print(con.in_transaction)
con.rollback()
print(con.execute("select count(*) from t").fetchone())

# executemany stops at the first failing row; the earlier rows stay
show(con.executemany, "insert into t values (?, ?, 1)", [(20, "a"), (21, "b"), (20, "c")])
print(con.execute("select a from t order by a").fetchall())
con.rollback()

# closed cursor, closed connection
cur = con.cursor()
cur.close()
for f in (lambda: cur.execute("select 1"), cur.fetchone, cur.fetchall, lambda: cur.executemany("select 1", [])):
    show(f)
cur = con.execute("select 1 union all select 2")
con.close()
for f in (lambda: con.execute("select 1"), con.cursor, con.commit, con.rollback, lambda: con.in_transaction,
          lambda: con.total_changes, cur.fetchone, lambda: con.create_function("f", 1, len),
          lambda: con.__enter__(), lambda: con.executescript("select 1")):
    show(f)
show(con.close)
