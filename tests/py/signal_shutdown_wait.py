# After an uncaught KeyboardInterrupt the interpreter still waits for
# non-daemon threads before exiting with status 130.
import signal
import threading
import time

def worker():
    time.sleep(0.5)
    print("worker finished")

threading.Thread(target=worker).start()
print("main raising")
signal.raise_signal(signal.SIGINT)
