# sqlite3: check_same_thread, and connections shared between threads.
import os
import sqlite3
import sys
import threading

# check_same_thread=True (the default): other threads get ProgrammingError
con = sqlite3.connect(":memory:")
cur = con.cursor()
errors = []
def other():
    for f in (lambda: con.execute("select 1"), con.cursor, con.commit, con.close, lambda: cur.execute("select 1"),
              cur.fetchone, lambda: con.total_changes):
        try:
            f()
            errors.append("no error")
        except sqlite3.ProgrammingError as e:
            msg = str(e)
            errors.append(msg[:msg.index(" The object")])
t = threading.Thread(target=other)
t.start()
t.join()
for e in errors:
    print(e)
print(con.execute("select 1").fetchone())
con.close()

# check_same_thread=False: one connection, N writer threads, a lock around each transaction
N, M = 4, 200
con = sqlite3.connect(":memory:", check_same_thread=False)
con.execute("create table t(thread integer, i integer)")
con.commit()
lock = threading.Lock()
def writer(k):
    for i in range(M):
        with lock:
            with con:
                con.execute("insert into t values (?, ?)", (k, i))
threads = [threading.Thread(target=writer, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(con.execute("select count(*), count(distinct thread), sum(i) from t").fetchone())
print(con.execute("select thread, count(*) from t group by thread order by thread").fetchall())
print(con.total_changes, con.in_transaction)

# readers without a lock: each thread has its own cursor on the shared connection
# (and its own SQL text: CPython 3.13 shares cached statements between cursors)
results = [None] * N
def reader(k):
    total = 0
    for _ in range(50):
        cur = con.cursor()
        cur.execute("select i from t where thread = ? -- %d" % k, (k,))
        total += sum(r[0] for r in cur)
    results[k] = total
threads = [threading.Thread(target=reader, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results)

# a Python function called from SQL in several threads (one statement at a
# time: CPython 3.13 can deadlock when a function runs while another thread
# waits for the connection)
calls = []
calls_lock = threading.Lock()
def f(x):
    with calls_lock:
        calls.append(x)
    return x * 3
con.create_function("triple", 1, f)
out = [None] * N
def caller(k):
    with lock:
        out[k] = con.execute("select sum(triple(i)) from t where thread = ? -- %d" % k, (k,)).fetchone()[0]
threads = [threading.Thread(target=caller, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(out, len(calls))

# What CPython 3.13 itself cannot do (it deadlocks or crashes), checked under
# torii only, silently: functions and closing with no lock held by the script.
if sys.implementation.name == "torii":
    def free_caller(k):
        for _ in range(20):
            v = con.execute("select sum(triple(i)) from t where thread = ?", (k,)).fetchone()[0]
            if v != out[k]:
                print("wrong sum", k, v)
    threads = [threading.Thread(target=free_caller, args=(k,)) for k in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    def user(stop, seen):
        while not stop.is_set():
            try:
                cur = con.execute("select i from t where thread = 1")
                if len(cur.fetchmany(300)) != M:
                    print("short read")
            except sqlite3.ProgrammingError as e:
                seen.add(str(e))
                return
    stop = threading.Event()
    seen = set()
    threads = [threading.Thread(target=user, args=(stop, seen)) for k in range(N)]
    for t in threads:
        t.start()
    con.close()
    for t in threads:
        t.join()
    if seen != {"Cannot operate on a closed database."}:
        print("after close:", seen)
con.close()

# interrupt() from another thread stops a long query
con = sqlite3.connect(":memory:", check_same_thread=False)
started = threading.Event()
def mark(i):
    if i == 1:
        started.set()
    return i
con.create_function("mark", 1, mark)
outcome = []
def long_query():
    try:
        con.execute("with recursive r(i) as (select 1 union all select i + 1 from r where i < 100000000) "
                    "select sum(mark(i)) from r").fetchall()
        outcome.append("finished")
    except sqlite3.OperationalError as e:
        outcome.append(str(e))
t = threading.Thread(target=long_query)
t.start()
started.wait()
con.interrupt()
t.join()
print(outcome, con.execute("select 1").fetchone())
con.close()

# one connection per thread on a shared file: sqlite's own locking, with a busy timeout
path = "sqlite3_threads_test.db"
if os.path.exists(path):
    os.remove(path)
init = sqlite3.connect(path)
init.execute("create table c(n integer)")
init.commit()
init.close()
def file_writer(k):
    c = sqlite3.connect(path, timeout=30)
    for i in range(20):
        with c:
            c.execute("insert into c values (?)", (k * 100 + i,))
    c.close()
threads = [threading.Thread(target=file_writer, args=(k,)) for k in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
c = sqlite3.connect(path)
print(c.execute("select count(*), sum(n) from c").fetchone())
c.close()
os.remove(path)
