# sqlite3: connections, cursors, fetching, transactions.
import os
import sqlite3

print(sqlite3.paramstyle, sqlite3.apilevel, sqlite3.threadsafety)
print(type(sqlite3.sqlite_version), sqlite3.sqlite_version.count("."), len(sqlite3.sqlite_version_info))
print(sqlite3.PARSE_DECLTYPES, sqlite3.PARSE_COLNAMES, sqlite3.LEGACY_TRANSACTION_CONTROL)

con = sqlite3.connect(":memory:")
print(type(con).__name__, type(con.cursor()).__name__)
print(repr(con.isolation_level), con.in_transaction, con.total_changes, con.autocommit)
print(con.row_factory, con.text_factory)

cur = con.cursor()
print(cur.arraysize, cur.rowcount, cur.lastrowid, cur.description, cur.connection is con)
r = cur.execute("create table t(id integer primary key, name text, score real)")
print(r is cur, cur.rowcount, cur.lastrowid, cur.description)
cur.execute("insert into t(name, score) values (?, ?)", ("ann", 1.5))
print(cur.rowcount, cur.lastrowid, con.in_transaction, con.total_changes)
cur.executemany("insert into t(name, score) values (?, ?)", [("bob", 2.0), ("cy", None), ("dee", 4.25)])
print(cur.rowcount, cur.lastrowid, con.total_changes)
cur.executemany("insert into t(name, score) values (:n, :s)", iter([{"n": "eve", "s": 5}, {"n": "fay", "s": 6}]))
print(cur.rowcount, cur.lastrowid)
con.commit()
print(con.in_transaction)

cur.execute("select id, name, score from t order by id")
print(cur.description)
print(cur.rowcount, cur.lastrowid)
print(cur.fetchone())
print(cur.fetchmany())
print(cur.fetchmany(2))
cur.arraysize = 3
print(cur.fetchmany())
print(cur.fetchall(), cur.fetchone(), cur.fetchall())

for row in con.execute("select name from t where score > ? order by name desc", (2,)):
    print(row)
print(list(con.execute("select count(*), sum(score), max(name) from t")))
print(con.execute("select * from t where id = -1").fetchall())
print(con.execute("select 1 union select 2").fetchall())

# rowcount for update/delete, and a select in between
cur = con.execute("update t set score = score * 2 where score is not null")
print("update", cur.rowcount)
cur = con.execute("delete from t where name = 'fay'")
print("delete", cur.rowcount, con.in_transaction)
con.rollback()
print(con.in_transaction, con.execute("select count(*) from t").fetchone())
print(con.execute("select score from t where name = 'bob'").fetchone())

# executescript commits first and runs several statements
con.execute("insert into t(name) values ('gus')")
print(con.in_transaction)
cur.executescript("""
    create table u(x);  -- a comment
    insert into u values (1);
    insert into u values (2);
    /* another */
""")
print(con.in_transaction, con.execute("select count(*) from t").fetchone(), con.execute("select sum(x) from u").fetchone())

# statements with only trailing blanks and comments are fine; empty ones do nothing
print(con.execute("select 7;  -- trailing").fetchone())
print(con.execute("  ").fetchall(), con.execute("-- nothing").description)

# context manager: commit on success, rollback on error
with con:
    con.execute("insert into u values (10)")
print(con.in_transaction, con.execute("select sum(x) from u").fetchone())
try:
    with con:
        con.execute("insert into u values (100)")
        raise ValueError("boom")
except ValueError as e:
    print("caught", e)
print(con.execute("select sum(x) from u").fetchone())
with con as c2:
    print(c2 is con)

# isolation_level None: autocommit mode, every statement commits itself
con.isolation_level = None
print(repr(con.isolation_level))
con.execute("insert into u values (1000)")
print(con.in_transaction)
con.execute("begin")
print(con.in_transaction)
con.execute("insert into u values (2000)")
con.rollback()
print(con.in_transaction, con.execute("select sum(x) from u").fetchone())
con.isolation_level = "IMMEDIATE"
con.execute("insert into u values (3)")
print(con.in_transaction)
con.commit()
for lvl in ("deferred", "EXCLUSIVE", ""):
    con.isolation_level = lvl
    print(repr(con.isolation_level))
con.close()
con.close()

# autocommit=False: always inside a transaction (PEP 249)
con = sqlite3.connect(":memory:", autocommit=False)
print(con.autocommit, con.in_transaction)
con.execute("create table v(x)")
con.execute("insert into v values (1)")
con.commit()
print(con.in_transaction)
con.execute("insert into v values (2)")
con.rollback()
print(con.in_transaction, con.execute("select count(*) from v").fetchone())
con.autocommit = True
print(con.autocommit, con.in_transaction)
con.execute("insert into v values (3)")
print(con.in_transaction)
con.commit()
con.rollback()
con.autocommit = False
print(con.in_transaction)
con.close()

# autocommit=True
con = sqlite3.connect(":memory:", autocommit=True)
con.execute("create table w(x)")
con.execute("insert into w values (1)")
print(con.autocommit, con.in_transaction)
with con:
    con.execute("insert into w values (2)")
print(con.execute("select count(*) from w").fetchone())
con.close()

# a database file, reopened
path = "sqlite3_basic_test.db"
if os.path.exists(path):
    os.remove(path)
with sqlite3.connect(path) as con:
    con.execute("create table f(a, b)")
    con.executemany("insert into f values (?, ?)", [(i, i * i) for i in range(100)])
con.close()
con = sqlite3.connect(path, timeout=1.0)
print(con.execute("select count(*), sum(b) from f").fetchone())
con.close()
import pathlib
con = sqlite3.connect(pathlib.Path(path))
print(con.execute("select max(a) from f").fetchone())
con.close()
os.remove(path)

# cursor iteration stops, cursor close
con = sqlite3.connect(":memory:")
cur = con.execute("select 1 union all select 2")
it = iter(cur)
print(it is cur, next(it), next(it))
try:
    next(it)
except StopIteration:
    print("StopIteration")
cur.close()
try:
    cur.execute("select 1")
except sqlite3.ProgrammingError as e:
    print(e)
print(sqlite3.complete_statement("select 1;"), sqlite3.complete_statement("select 1"))

# Connection.execute* shortcuts return new cursors
c1 = con.execute("select 1")
c2 = con.executemany("create table if not exists z(a)", [])
c3 = con.executescript("select 2")
print(type(c1).__name__, c1 is not c2, c3.fetchall())
print(con.execute("create table q(a)").fetchall())
print(con.execute("insert into q values (1) returning a * 10").fetchall())
con.close()
