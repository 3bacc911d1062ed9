import traceback, sys, io
def f():
    buf = io.StringIO()
    traceback.print_stack(file=buf)
    print(buf.getvalue().replace(__file__, "FILE"), end="")
    print(traceback.format_stack()[-1].split(",", 1)[1], end="")
f()
