# sqlite3: Python functions and aggregates called from SQL.
import sqlite3

con = sqlite3.connect(":memory:")
con.execute("create table t(x, s)")
con.executemany("insert into t values (?, ?)", [(1, "a"), (2, "b"), (3, "c"), (None, None)])

con.create_function("dbl", 1, lambda x: None if x is None else x * 2)
con.create_function("nargs", -1, lambda *a: len(a))
con.create_function("kinds", 1, lambda v: type(v).__name__)
con.create_function("const", 0, lambda: 42, deterministic=True)
print(con.execute("select dbl(x) from t order by rowid").fetchall())
print(con.execute("select nargs(), nargs(1), nargs(1, 2, 3)").fetchone())
print(con.execute("select kinds(1), kinds(1.5), kinds('s'), kinds(x'00'), kinds(null)").fetchone())
print(con.execute("select const(), const()").fetchone())
print(con.execute("select s from t where dbl(x) > 2 order by s").fetchall())

# what a function may return
rets = {"none": None, "int": 7, "big": 2**63 - 1, "float": 2.5, "str": "ü", "bytes": b"\x01", "ba": bytearray(b"z"),
        "bool": True}
for name, v in rets.items():
    con.create_function("ret_" + name, 0, lambda v=v: v)
    print(name, con.execute("select ret_%s(), typeof(ret_%s())" % (name, name)).fetchone())

def show(sql, *args):
    try:
        print(con.execute(sql, *args).fetchall())
    except Exception as e:
        print(type(e).__name__ + ":", e)

con.create_function("boom", 1, lambda x: 1 / 0)
show("select boom(1)")
con.create_function("toobig", 0, lambda: 2**64)
show("select toobig()")
con.create_function("weird", 0, lambda: [1])
show("select weird()")
con.create_function("notcallable", 0, 5)
show("select notcallable()")
show("select dbl(1, 2)")
show("select nosuch(1)")
con.create_function("dbl", 1, lambda x: "replaced")
show("select dbl(1)")
con.create_function("dbl", 1, None)
show("select dbl(1)")

# the function may query the same connection
con.create_function("count_t", 0, lambda: con.execute("select count(*) from t").fetchone()[0])
show("select count_t()")

# aggregates
class Sum:
    def __init__(self):
        self.total = 0
    def step(self, v):
        if v is not None:
            self.total += v
    def finalize(self):
        return self.total

class Concat:
    def __init__(self):
        self.parts = []
    def step(self, *vals):
        self.parts.append("-".join(str(v) for v in vals))
    def finalize(self):
        return "|".join(self.parts)

con.create_aggregate("mysum", 1, Sum)
con.create_aggregate("cat", -1, Concat)
print(con.execute("select mysum(x) from t").fetchone())
print(con.execute("select cat(x, s) from t where x is not null").fetchone())
print(con.execute("select mysum(x) from t where 0").fetchone())
print(con.execute("select s, mysum(x) from t group by s order by s").fetchall())

class BadInit:
    def __init__(self):
        raise ValueError
    def step(self, v):
        pass
    def finalize(self):
        return 1

class BadStep:
    def step(self, v):
        raise ValueError
    def finalize(self):
        return 1

class BadFinal:
    def step(self, v):
        pass
    def finalize(self):
        raise ValueError

class NoStep:
    def finalize(self):
        return 1

class BadResult:
    def step(self, v):
        pass
    def finalize(self):
        return {}

for cls in (BadInit, BadStep, BadFinal, NoStep, BadResult):
    con.create_aggregate(cls.__name__, 1, cls)
    show("select %s(x) from t" % cls.__name__)

# a function used in a constraint and in an index expression
con.create_function("isodd", 1, lambda v: v % 2, deterministic=True)
con.execute("create table o(v integer check (isodd(v)))")
con.execute("insert into o values (3)")
show("insert into o values (4)")
print(con.execute("select v from o").fetchall())
con.close()

# collations
con = sqlite3.connect(":memory:")
con.execute("create table w(s)")
con.executemany("insert into w values (?)", [("b",), ("A",), ("c",), ("B",), ("a",)])
def nocase_rev(a, b):
    a, b = a.lower(), b.lower()
    return (a < b) - (a > b)
con.create_collation("rev", nocase_rev)
print(con.execute("select s from w order by s collate rev").fetchall())
con.create_collation("big", lambda a, b: (10**30) * ((a > b) - (a < b)))
print(con.execute("select s from w order by s collate big").fetchall())
con.create_collation("broken", lambda a, b: 1 / 0)
try:
    con.execute("select s from w order by s collate broken").fetchall()
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
print(con.execute("select count(*) from w").fetchone())
con.create_collation("rev", None)
try:
    con.execute("select s from w order by s collate rev")
except sqlite3.OperationalError as e:
    print("OperationalError", e)
for bad in ((5, len), ("x", 5)):
    try:
        con.create_collation(*bad)
    except TypeError as e:
        print("TypeError", e)

# interrupt() from inside the statement itself
con.create_function("stop", 1, lambda v: con.interrupt() if v == 50 else v)
try:
    con.execute("with recursive r(i) as (select 1 union all select i + 1 from r where i < 1000000) "
                "select sum(stop(i)) from r").fetchall()
except sqlite3.OperationalError as e:
    print("OperationalError", e)
print(con.execute("select count(*) from w").fetchone())
con.close()
try:
    con.interrupt()
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
