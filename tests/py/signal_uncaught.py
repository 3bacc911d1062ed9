# An uncaught KeyboardInterrupt (here from _thread.interrupt_main) prints its
# traceback and ends the process with status 130.
import _thread

def work():
    total = 0
    for i in range(1000000):
        total += i
        if i == 10:
            _thread.interrupt_main()
    return total

print("start")
work()
print("not reached")
