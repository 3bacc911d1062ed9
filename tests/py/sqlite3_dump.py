# sqlite3: Connection.iterdump().
import sqlite3

con = sqlite3.connect(":memory:")
con.executescript('''
    create table t(id integer primary key autoincrement, name text, score real, data blob);
    create table "odd ""name"""(x);
    create table other(a, b);
    create index t_name on t(name);
    create view v as select name from t;
    create trigger tr after insert on other begin update other set b = 1 where rowid = new.rowid; end;
''')
con.executemany("insert into t(name, score, data) values (?, ?, ?)",
                [("ann", 1.5, b"\x00\x01"), ("o'brien", None, None), (None, -2.0, b"")])
con.execute('insert into "odd ""name""" values (?)', ("x",))
con.execute("insert into other values (1, 2)")
con.commit()
for line in con.iterdump():
    print(line)
print("--- filtered")
for line in con.iterdump(filter="oth%"):
    print(line)

# the dump rebuilds the database
copy = sqlite3.connect(":memory:")
copy.executescript("\n".join(con.iterdump()))
print(copy.execute("select * from t order by id").fetchall())
print(copy.execute("select * from v order by name").fetchall())
con.execute("pragma foreign_keys = on")
print([l for l in con.iterdump()][:2])
con.close()
copy.close()
