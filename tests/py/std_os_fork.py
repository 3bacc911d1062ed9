# fork / waitpid / wait and the W* status macros, _exit, execv / execvp
# (in a child), getpgid / setsid; a single-threaded script, as fork in a
# threaded program leaves only the calling thread in the child.
import os
import sys

def t(fn, *a, **k):
    try:
        print(repr(fn(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)

sys.stdout.flush()
pid = os.fork()
if pid == 0:
    os._exit(7)
got, status = os.waitpid(pid, 0)
print(got == pid, os.WIFEXITED(status), os.WEXITSTATUS(status), os.WIFSIGNALED(status),
      os.waitstatus_to_exitcode(status))

# the child runs Python code and writes through a pipe
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    total = sum(range(100))
    os.write(w, ("child %d %s" % (total, os.getppid() > 0)).encode())
    os.close(w)
    os._exit(0)
os.close(w)
chunks = []
while True:
    b = os.read(r, 100)
    if not b:
        break
    chunks.append(b)
os.close(r)
print(b"".join(chunks).decode(), os.waitpid(pid, 0)[1])

# killed by a signal
pid = os.fork()
if pid == 0:
    os.kill(os.getpid(), 9)
    os._exit(1)
_, status = os.waitpid(pid, 0)
print(os.WIFSIGNALED(status), os.WTERMSIG(status), os.WIFEXITED(status), os.waitstatus_to_exitcode(status))

# WNOHANG before the child ends, then wait()
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(w)
    os.read(r, 1)
    os._exit(3)
os.close(r)
print(os.waitpid(pid, os.WNOHANG))
os.write(w, b"x")
os.close(w)
got, status = os.wait()
print(got == pid, os.WEXITSTATUS(status))

# exec in the child: a shell prints, then exits with a status
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    try:
        os.execv("/bin/sh", ["sh", "-c", "echo from exec; exit 5"])
    finally:
        os._exit(99)
print(os.WEXITSTATUS(os.waitpid(pid, 0)[1]))
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    try:
        os.execvp("sh", ["sh", "-c", "echo from execvp"])
    finally:
        os._exit(99)
print(os.WEXITSTATUS(os.waitpid(pid, 0)[1]))
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    try:
        os.execve("/bin/sh", ["sh", "-c", "echo $TV_E"], {"TV_E": "env passed"})
    finally:
        os._exit(99)
print(os.WEXITSTATUS(os.waitpid(pid, 0)[1]))

# setsid in a child makes it a session and group leader
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    sid = os.setsid()
    ok = os.getsid(0) == os.getpid() and os.getpgid(0) == os.getpid() and sid is None
    os.write(w, b"1" if ok else b"0")
    os._exit(0)
os.close(w)
print(os.read(r, 1), os.waitpid(pid, 0)[1])
os.close(r)

# status macros on made-up statuses
for st in [0, 256, 3 << 8, 9, 0x7f | (19 << 8), 0xffff, 0x80 | 11]:
    print(st, os.WIFEXITED(st), os.WEXITSTATUS(st), os.WIFSIGNALED(st), os.WTERMSIG(st), os.WIFSTOPPED(st),
          os.WSTOPSIG(st), os.WIFCONTINUED(st), os.WCOREDUMP(st))
print(os.WEXITSTATUS(status=512))
t(os.waitstatus_to_exitcode, 0x7f | (19 << 8))
t(os.waitpid, 999999, 0)
t(os.waitpid, 1)
t(os.wait)
t(os.WEXITSTATUS)
t(os._exit)
t(os.execv, "x")
t(os.execv, "/nonexistent", ["x"])
t(os.execv, "/bin/sh", [])
t(os.execv, "/bin/sh", "sh")
t(os.execv, "/bin/sh", [""])
t(os.execvp, "torii_no_such_program", ["x"])
t(os.fork, 1)
print("done")
