import threading, time
def late():
    time.sleep(0.05)
    print("worker done")
threading.Thread(target=late).start()
print("main done")
