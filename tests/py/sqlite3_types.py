# sqlite3: type mapping both ways, Row, row_factory, text_factory, adapters and converters.
import sqlite3

con = sqlite3.connect(":memory:")
vals = [None, 0, -1, 2**63 - 1, -2**63, 1.5, -0.0, 1e300, "", "héllo ✓", "a\x00b", b"", b"\x00\xff", bytearray(b"ba"),
        memoryview(b"mv"), True, False]
for v in vals:
    r = con.execute("select ?, typeof(?)", (v, v)).fetchone()
    print(type(v).__name__, repr(v) if not isinstance(v, memoryview) else "mv", "->", repr(r[0]), r[1])
for v in (2**63, -2**63 - 1, 10**30):
    try:
        con.execute("select ?", (v,))
    except OverflowError as e:
        print("OverflowError", e)
for v in ([1], {1: 2}, object, 1j, (1,)):
    try:
        con.execute("select ?", (v,))
    except sqlite3.ProgrammingError as e:
        print("ProgrammingError", e)
print(con.execute("select 1, 1.0, 'x', x'00', null, 9223372036854775807, 2.5e-7").fetchone())
print(con.execute("select 1/2, 1.0/2, 5 % 3, 'a' || 'b', length('héllo')").fetchone())

# parameters: sequences of any kind, dicts, named styles
print(con.execute("select ?, ?", [1, 2]).fetchone())
print(con.execute("select ?", "a").fetchone())
print(con.execute("select :a, @b, $c", {"a": 1, "b": 2, "c": 3}).fetchone())
print(con.execute("select :x, :x", {"x": "same", "unused": 0}).fetchone())
print(con.execute("select ?2, ?1", (1, 2)).fetchone())
class D(dict):
    def __missing__(self, key):
        return key.upper()
print(con.execute("select :k", D()).fetchone())
class Seq:
    def __len__(self):
        return 2
    def __getitem__(self, i):
        if i >= 2:
            raise IndexError(i)
        return i * 10
print(con.execute("select ?, ?", Seq()).fetchone())

# sqlite3.Row
con.execute("create table t(Id integer, Name text, score real)")
con.executemany("insert into t values (?, ?, ?)", [(1, "a", 0.5), (2, "b", 1.5)])
con.row_factory = sqlite3.Row
cur = con.execute("select * from t order by Id")
r = cur.fetchone()
print(type(r).__name__, r.keys(), len(r), list(r), tuple(r))
print(r[0], r[-1], r["id"], r["NAME"], r["Score"], r[1:], r[::-1])
for key in (3, -4, "nope", 1.5, None):
    try:
        r[key]
    except IndexError as e:
        print("IndexError", e)
r2 = cur.fetchone()
r1b = con.execute("select * from t order by Id").fetchone()
print(r == r1b, r != r1b, r == r2, r != r2, r == (1, "a", 0.5), hash(r) == hash(r1b))
print(con.execute("select Id as x from t order by Id").fetchone() == con.execute("select Id as y from t order by Id").fetchone())
try:
    r < r2
except TypeError as e:
    print("TypeError", e)
print(sqlite3.Row(cur, (1, 2, 3))[2])
try:
    sqlite3.Row(cur, [1])
except TypeError as e:
    print("TypeError", e)
print(isinstance(r, sqlite3.Row), "Id" in r.keys(), 1 in r)

# row_factory: any callable(cursor, row); per cursor too
con.row_factory = lambda cursor, row: {d[0]: v for d, v in zip(cursor.description, row)}
print(con.execute("select Id, Name from t order by Id").fetchall())
cur = con.cursor()
cur.row_factory = None
print(cur.execute("select Id from t order by Id").fetchall())
con.row_factory = None
print(con.execute("select Name from t").fetchone())

# text_factory
con.text_factory = bytes
print(con.execute("select 'héllo', x'41', 1").fetchone())
con.text_factory = lambda b: b.decode().upper()
print(con.execute("select 'abc', name from t order by Id").fetchall())
con.text_factory = str
bad = con.execute("select cast(x'ff41' as text)")
try:
    bad.fetchone()
except sqlite3.OperationalError as e:
    print("OperationalError", str(e)[:40])
con.text_factory = bytes
print(con.execute("select cast(x'ff41' as text)").fetchone())
con.close()

# adapters, __conform__, converters
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)

sqlite3.register_adapter(Point, lambda p: "%s;%s" % (p.x, p.y))
def conv_point(b):
    x, y = map(float, b.decode().split(";"))
    return Point(x, y)
sqlite3.register_converter("point", conv_point)
sqlite3.register_converter("Upper", lambda b: b.decode().upper())

class Conform:
    def __conform__(self, proto):
        if proto is sqlite3.PrepareProtocol:
            return "conformed"

con = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
con.execute("create table p(id integer, p point, u upper(10), n integer)")
con.execute("insert into p values (?, ?, ?, ?)", (1, Point(1, 2), "abc", 5))
con.execute("insert into p values (?, ?, ?, ?)", (2, None, None, None))
print(con.execute("select ?", (Conform(),)).fetchone())
for row in con.execute("select * from p order by id"):
    print(row)
cur = con.execute('select p as "p [point]", u as "plain", n as "n [upper]" from p order by id')
print(cur.description)
print(cur.fetchall())
print(sqlite3.adapt(Point(3, 4)), sqlite3.adapt(Conform()))
try:
    sqlite3.adapt(object())
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
print(sorted(k for k in sqlite3.converters if k in ("POINT", "UPPER")))
con.close()
con = sqlite3.connect(":memory:")
con.execute("create table p(p point)")
con.execute("insert into p values (?)", (Point(5, 6),))
print(con.execute("select p from p").fetchone())
con.close()
