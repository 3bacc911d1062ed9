# tests/race/racy.py: one deliberate data race of each kind, for run.sh,
# which compares the reports (stderr) with racy.err.  Each scenario runs two
# fresh threads; the first makes its access, then lets the second go through
# `Go`, an ordering that is no synchronisation: a list's truth, polled (list
# appends and truth tests are not accesses the detector checks, nor
# synchronisation).  So the second access is always the one reported and the
# first is the "Previous" one.  Scenarios are joined one after the other:
# join is synchronisation, so no access of one pairs with another's.
import threading
import time


class Go:
    def __init__(self):
        self.flag = []

    def open(self):
        self.flag.append(1)

    def wait(self):
        while not self.flag:
            time.sleep(0.001)


def pair(first, second):
    go = Go()

    def one():
        first()
        go.open()

    def two():
        go.wait()
        second()

    a = threading.Thread(target=one)
    b = threading.Thread(target=two)
    a.start()
    b.start()
    a.join()
    b.join()


class Counter:
    def __init__(self):
        self.count = 0


class Config:
    mode = "fast"


# 1. attribute, write-write
c = Counter()


def set_count():
    c.count = 1


pair(set_count, set_count)

# 2. attribute, read after write (the read is reported; `+=` reads first)
c2 = Counter()


def bump():
    c2.count = c2.count + 1


def peek():
    return c2.count


pair(bump, peek)

# 3. list item, write-write
items = [0, 0, 0, 0]


def put_item():
    items[2] = "x"


pair(put_item, put_item)

# 4. list item, write after read (negative index: the same item 3)
def read_last():
    return items[-1]


def write_last():
    items[3] = "y"


pair(read_last, write_last)

# 5. dict key, write-write
d = {"hits": 0}


def hit():
    d["hits"] = 1


pair(hit, hit)

# 6. dict key, read after write
def store():
    d[(1, "a")] = 1


def load():
    return d[(1, "a")]


pair(store, load)

# 7. global, write-write
total = 0


def add():
    global total
    total = 1


pair(add, add)

# 8. global, read after write, through the module object
import sys
me = sys.modules[__name__]


def set_flag():
    global flag
    flag = True


def get_flag():
    return me.flag


pair(set_flag, get_flag)

# 9. class attribute, write-write
def switch():
    Config.mode = "slow"


pair(switch, switch)

print("done")
