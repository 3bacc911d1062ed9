# SIGPIPE is ignored as in CPython: a write to a pipe whose reader is gone
# raises BrokenPipeError instead of killing the process; sys.executable is
# the running interpreter's absolute path, runnable by a child process.
import os
import signal
import subprocess
import sys

print(signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN)
r, w = os.pipe()
os.close(r)
try:
    os.write(w, b"x")
except BrokenPipeError as e:
    print("BrokenPipeError", e.errno)
os.close(w)
print(os.path.isabs(sys.executable), os.path.exists(sys.executable))
out = subprocess.run([sys.executable, "-c", "print(6 * 7)"], capture_output=True, text=True)
print(out.returncode, out.stdout.strip())
# a child's stdout closed early: the child sees BrokenPipeError (status 1
# and a traceback, or 120 from the final flush), never a SIGPIPE death
p = subprocess.Popen([sys.executable, "-c", "import sys\nfor i in range(200000): print(i)"],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
p.stdout.read(10)
p.stdout.close()
err = p.stderr.read()
p.wait()
print(p.returncode in (1, 120), b"BrokenPipeError" in err)
