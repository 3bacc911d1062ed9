# signal.signal / getsignal / raise_signal / os.kill with Python handlers.
import os
import signal
import threading

got = []

def handler(signum, frame):
    got.append(signum)
    print("handler called with", signum)

old = signal.signal(signal.SIGUSR1, handler)
print("old is SIG_DFL:", old == signal.SIG_DFL)
print("getsignal is handler:", signal.getsignal(signal.SIGUSR1) is handler)
signal.raise_signal(signal.SIGUSR1)
print("after raise_signal", got)
os.kill(os.getpid(), signal.SIGUSR2 if False else signal.SIGUSR1)
print("after os.kill", got)

# Replacing returns the previous handler.
prev = signal.signal(signal.SIGUSR1, signal.SIG_IGN)
print("prev is handler:", prev is handler)
signal.raise_signal(signal.SIGUSR1)          # ignored
print("ignored, got", got)
print("SIG_IGN now:", signal.getsignal(signal.SIGUSR1) == signal.SIG_IGN)
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
print("SIG_DFL now:", signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL)

# A handler that raises: the exception comes out of raise_signal.
def raiser(signum, frame):
    raise ValueError("from handler %d" % signum)
signal.signal(signal.SIGUSR2, raiser)
try:
    signal.raise_signal(signal.SIGUSR2)
except ValueError as e:
    print("caught:", e)

# A lambda and a bound method work as handlers too.
class Counter:
    def __init__(self):
        self.n = 0
    def on(self, signum, frame):
        self.n += 1
c = Counter()
signal.signal(signal.SIGUSR2, c.on)
for i in range(3):
    signal.raise_signal(signal.SIGUSR2)
print("counter:", c.n)
signal.signal(signal.SIGHUP, lambda s, f: print("hup", s == signal.SIGHUP))
os.kill(os.getpid(), signal.SIGHUP)

# Constants are plain numbers.
print(int(signal.SIGINT), int(signal.SIGTERM), int(signal.SIGALRM), int(signal.SIGUSR1),
      int(signal.SIGUSR2), int(signal.SIGCHLD), int(signal.SIGHUP), int(signal.SIG_DFL), int(signal.SIG_IGN))
print(signal.getsignal(signal.SIGINT))
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
print(signal.strsignal(signal.SIGINT), "/", signal.strsignal(signal.SIGTERM))
print(signal.SIGINT in signal.valid_signals(), 9 in signal.valid_signals())

# Errors.
for bad in (0, -1, 100000):
    try:
        signal.signal(bad, handler)
    except ValueError as e:
        print("ValueError:", e)
try:
    signal.getsignal(0)
except ValueError as e:
    print("ValueError:", e)
try:
    signal.signal(signal.SIGUSR1, 42)
except TypeError as e:
    print("TypeError:", e)
try:
    signal.signal(signal.SIGKILL, handler)
except OSError as e:
    print("OSError:", e.errno, e)
signal.raise_signal(0)
try:
    signal.raise_signal(100000)
except OSError as e:
    print("OSError:", e)

def from_thread():
    try:
        signal.signal(signal.SIGUSR1, handler)
    except ValueError as e:
        print("in thread:", e)
    print("getsignal works in a thread:", signal.getsignal(signal.SIGUSR2) == c.on)
t = threading.Thread(target=from_thread)
t.start()
t.join()

try:
    signal.default_int_handler(signal.SIGINT, None)
except KeyboardInterrupt as e:
    print("default_int_handler raised", type(e).__name__, e.args)
print("done")
