import sys, io, threading
buf = io.StringIO()
sys.stderr = buf
def bad(): raise ValueError("x")
t = threading.Thread(target=bad, name="T1"); t.start(); t.join()
sys.stderr = sys.__stderr__
print(buf.getvalue().splitlines()[0], buf.getvalue().splitlines()[-1])
