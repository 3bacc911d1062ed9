# an exception raised inside exec'd code: the traceback shows the <string> frame
def run():
    exec("def inner():\n    return 1 / 0\n\ninner()\n", {})
try:
    run()
except ZeroDivisionError as e:
    print("caught", e)
exec("x = (1,\ny = 2")
