import threading
print(threading.current_thread().name)
def worker():
    pass
t = threading.Thread(target=worker)
print(t.name, t.is_alive(), t.ident is None, t.daemon)
t.start()
t.join()
print(t.is_alive(), type(t.ident) is int, t.ident != threading.get_ident())
t2 = threading.Thread(target=worker, name="custom")
print(t2.name)
t3 = threading.Thread(target=worker, daemon=True)
print(t3.daemon, t3.name)
try:
    t.start()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.Thread(target=worker).join()
except RuntimeError as e:
    print("RuntimeError:", e)
