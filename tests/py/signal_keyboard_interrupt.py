# KeyboardInterrupt from SIGINT (raise_signal, os.kill, _thread.interrupt_main),
# caught; interrupt_main with other signal numbers.
import _thread
import os
import signal

try:
    signal.raise_signal(signal.SIGINT)
    print("not reached")
except KeyboardInterrupt:
    print("caught KeyboardInterrupt from raise_signal")

try:
    os.kill(os.getpid(), signal.SIGINT)
    print("not reached")
except KeyboardInterrupt:
    print("caught KeyboardInterrupt from os.kill")

try:
    _thread.interrupt_main()
    print("not reached")
except KeyboardInterrupt as e:
    print("caught KeyboardInterrupt from interrupt_main", e.args)

# A loop is interrupted at its next backward jump.
n = 0
try:
    _thread.interrupt_main()
    while True:
        n += 1
except KeyboardInterrupt:
    print("loop interrupted")

# interrupt_main runs the Python handler of the given signal.
def usr1(signum, frame):
    print("usr1 handler", signum == signal.SIGUSR1)
signal.signal(signal.SIGUSR1, usr1)
_thread.interrupt_main(signal.SIGUSR1)
print("after interrupt_main(SIGUSR1)")
try:
    _thread.interrupt_main(signum=signal.SIGUSR1)
except TypeError as e:
    print("TypeError:", e)

# Nothing happens for a signal Python does not handle.
signal.signal(signal.SIGUSR2, signal.SIG_IGN)
_thread.interrupt_main(signal.SIGUSR2)
print("SIG_IGN: nothing happened")
try:
    _thread.interrupt_main(0)
except ValueError as e:
    print("ValueError:", e)

# A custom SIGINT handler replaces KeyboardInterrupt.
calls = []
signal.signal(signal.SIGINT, lambda s, f: calls.append(s))
signal.raise_signal(signal.SIGINT)
_thread.interrupt_main()
for i in range(10):
    pass
print("custom SIGINT handler calls:", calls)
signal.signal(signal.SIGINT, signal.default_int_handler)

# The exception is chained to the one being handled, like any raise.
try:
    try:
        raise ValueError("inner")
    except ValueError:
        signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt as e:
    print("context:", repr(e.__context__))
print("done")
