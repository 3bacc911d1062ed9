# sqlite3: the DeprecationWarnings of 3.13 (shown once per line by the default filters).
import sqlite3
import warnings

con = sqlite3.connect(":memory:", 5.0)
con.execute("select :a", (1,))
cur = con.cursor()
cur.execute("select :a, :b", (1, 2))
print(cur.fetchone())
con.executemany("create table if not exists t(x)", [])
con.execute("create table t(x)")
con.executemany("insert into t values (:x)", [(1,), (2,)])
print(con.execute("select count(*) from t").fetchone())
c2 = sqlite3.Connection(":memory:", 1.0, 0)
print(c2.execute("select 1").fetchone())
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    con.execute("select $p, @q", [1, 2])
    print(len(w), [str(x.message)[:24] for x in w], {x.category.__name__ for x in w})
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        con.execute("select :a", (1,))
    except DeprecationWarning as e:
        print("DeprecationWarning raised")
    print(con.execute("select :a", {"a": 1}).fetchone())
con.close()
c2.close()
