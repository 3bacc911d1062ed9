import _thread, time
lock = _thread.allocate_lock()
lock.acquire()
box = []
def run(a, b):
    box.append(a + b)
    lock.release()
_thread.start_new_thread(run, (2, 3))
lock.acquire()
print(box)
print(type(_thread.get_ident()) is int)
