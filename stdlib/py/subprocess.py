"""Running child processes: Popen and the helpers built on it (run, call,
check_call, check_output, getoutput, getstatusoutput).

How a child starts: the parent converts everything the child needs into C
arrays and _posixsubprocess.fork_exec forks and execs it; the child runs no
Python code at all (torii is multithreaded: only C, async-signal-safe calls
run between fork and exec).  A failure in the child (a missing program, a
bad cwd) comes back as "ERRNO:STAGE" through a close-on-exec pipe and is
raised here as the OSError of that errno, as CPython does.  preexec_fn is the
exception: it needs Python in the child, so that path uses os.fork.

The parent's ends of the pipes are wrapped in _PipeFile objects; communicate()
multiplexes them with a selector, writing PIPE_BUF-sized chunks of input only
when the pipe is writable and reading only when readable.

Threads: a Popen may be waited on from several threads; `_reap_lock` makes
sure a single thread reaps the child (the others see `returncode`).
"""

import io
import os
import select
import selectors
import signal
import sys
import threading
import time
import types
import _posixsubprocess

__all__ = ["Popen", "PIPE", "STDOUT", "call", "check_call", "getstatusoutput",
           "getoutput", "check_output", "run", "CalledProcessError", "DEVNULL",
           "SubprocessError", "TimeoutExpired", "CompletedProcess", "list2cmdline"]

PIPE = -1
STDOUT = -2
DEVNULL = -3

_ECHILD = 10
_PIPE_BUF = getattr(select, 'PIPE_BUF', 512)
_READ_CHUNK = 32768
_DEFAULT_BUFFER = 8192


# ---- signal names for messages ------------------------------------------------

def _build_signal_enum():
    found = getattr(signal, 'Signals', None)
    if found is not None:
        return found
    # torii's signal module has plain ints only: make the enum CPython
    # shows in "died with <Signals.SIGKILL: 9>." (the first name of a
    # number wins, as in CPython: SIGABRT over SIGIOT, SIGIO over SIGPOLL)
    from enum import IntEnum
    order = ('SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGIOT',
             'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1', 'SIGSEGV', 'SIGUSR2', 'SIGPIPE',
             'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP',
             'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF',
             'SIGWINCH', 'SIGIO', 'SIGPOLL', 'SIGPWR', 'SIGSYS', 'SIGRTMIN', 'SIGRTMAX')
    members = [(n, getattr(signal, n)) for n in order if isinstance(getattr(signal, n, None), int)]
    if 'SIGSTKFLT' not in dict(members):
        members.insert(16, ('SIGSTKFLT', 16))
    return IntEnum('Signals', members)


_signal_names = None


def _describe_signal(signum):
    global _signal_names
    if _signal_names is None:
        try:
            _signal_names = _build_signal_enum()
        except Exception:
            _signal_names = False
    if _signal_names:
        try:
            return repr(_signal_names(signum))
        except ValueError:
            return None
    return None


# ---- exceptions and results -----------------------------------------------------

class SubprocessError(Exception):
    pass


class CalledProcessError(SubprocessError):
    """A child that check_call(), check_output() or run(check=True) ran
    exited with a non-zero status (negative: killed by that signal)."""

    def __init__(self, returncode, cmd, output=None, stderr=None):
        self.returncode = returncode
        self.cmd = cmd
        self.output = output
        self.stderr = stderr

    def __str__(self):
        code = self.returncode
        if code and code < 0:
            name = _describe_signal(-code)
            if name is None:
                return "Command '%s' died with unknown signal %d." % (self.cmd, -code)
            return "Command '%s' died with %s." % (self.cmd, name)
        return "Command '%s' returned non-zero exit status %d." % (self.cmd, code)

    @property
    def stdout(self):
        """The child's output: the same as `output`."""
        return self.output

    @stdout.setter
    def stdout(self, value):
        self.output = value


class TimeoutExpired(SubprocessError):
    """The timeout passed before the child exited."""

    def __init__(self, cmd, timeout, output=None, stderr=None):
        self.cmd = cmd
        self.timeout = timeout
        self.output = output
        self.stderr = stderr

    def __str__(self):
        return "Command '%s' timed out after %s seconds" % (self.cmd, self.timeout)

    @property
    def stdout(self):
        return self.output

    @stdout.setter
    def stdout(self, value):
        self.output = value


class CompletedProcess:
    """What run() returns: args, returncode, and stdout / stderr when they
    were captured (else None)."""

    def __init__(self, args, returncode, stdout=None, stderr=None):
        self.args = args
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    def __repr__(self):
        fields = [f'args={self.args!r}', f'returncode={self.returncode!r}']
        for name in ('stdout', 'stderr'):
            value = getattr(self, name)
            if value is not None:
                fields.append(f'{name}={value!r}')
        return f"{type(self).__name__}({', '.join(fields)})"

    __class_getitem__ = classmethod(types.GenericAlias)

    def check_returncode(self):
        """Raise CalledProcessError if the exit status is not 0."""
        if self.returncode:
            raise CalledProcessError(self.returncode, self.args, self.stdout, self.stderr)


# ---- the parent's ends of the pipes ---------------------------------------------

def _utf8_cut(data):
    """How many bytes of `data` form complete UTF-8 sequences (a character
    split across two reads is held back)."""
    n = len(data)
    back = 1
    while back <= 3 and back <= n:
        b = data[n - back]
        if b < 0x80:
            return n
        if b >= 0xC0:
            need = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
            return n if back >= need else n - back
        back += 1
    return n


def _is_utf8(encoding):
    return encoding.lower().replace('_', '-') in ('utf-8', 'utf8')


def _newlines_to_lf(text):
    return text.replace('\r\n', '\n').replace('\r', '\n')


class _PipeFile(io.IOBase):
    """One end of a pipe to the child: bytes, or str (decoded with
    `encoding`/`errors`, universal newlines on reading) in text mode.
    Iteration, readlines, writelines and the context manager come from
    io.IOBase."""

    def __init__(self, fd, writing, text, encoding, errors, bufsize):
        self._fd = fd
        self._writing = writing
        self._text = text
        self.encoding = encoding
        self.errors = errors
        self._raw = bufsize == 0
        self._capacity = _DEFAULT_BUFFER if bufsize in (-1, 1) or bufsize is None or bufsize < 0 else bufsize
        self._pending = b''     # read but not returned, or written but not sent
        self._eof = False
        self.name = fd
        self.mode = ('w' if writing else 'r') + ('' if text else 'b')

    # -- state --
    @property
    def closed(self):
        return self._fd < 0

    def _live(self):
        self._checkClosed()
        return self._fd

    def fileno(self):
        return self._live()

    def readable(self):
        self._live()
        return not self._writing

    def writable(self):
        self._live()
        return self._writing

    def close(self):
        if self._fd < 0:
            return
        try:
            if self._writing:
                self.flush()
        finally:
            fd, self._fd = self._fd, -1
            self._pending = b''
            os.close(fd)

    def __del__(self):
        try:
            if self._fd >= 0:
                os.close(self._fd)
                self._fd = -1
        except Exception:
            pass

    # -- writing --
    def _send(self, data):
        fd = self._live()
        done = 0
        while done < len(data):
            done += _posixsubprocess.write(fd, data[done:])

    def flush(self):
        self._live()
        if self._writing and self._pending:
            data, self._pending = self._pending, b''
            self._send(data)

    def write(self, data):
        self._live()
        if not self._writing:
            raise io.UnsupportedOperation('not writable')
        if self._text:
            if not isinstance(data, str):
                raise TypeError(f"write() argument must be str, not {type(data).__name__}")
            self._send(data.encode(self.encoding, self.errors))
            return len(data)
        if isinstance(data, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        data = bytes(data)
        if self._raw:
            self._send(data)
            return len(data)
        self._pending += data
        if len(self._pending) >= self._capacity:
            self.flush()
        return len(data)

    # -- reading --
    def _fill(self):
        """Reads once more from the pipe; False at end of file."""
        if self._eof:
            return False
        chunk = os.read(self._live(), _READ_CHUNK)
        if not chunk:
            self._eof = True
            return False
        self._pending += chunk
        return True

    def _take(self, n):
        data, self._pending = self._pending[:n], self._pending[n:]
        return data

    def _decode(self, data, final):
        """(text, leftover bytes) for `data`; `final`: no more will come."""
        keep = b''
        if not final and _is_utf8(self.encoding):
            cut = _utf8_cut(data)
            data, keep = data[:cut], data[cut:]
        return data.decode(self.encoding, self.errors), keep

    def read(self, size=-1):
        self._live()
        if self._writing:
            raise io.UnsupportedOperation('not readable')
        if size is None or size < 0:
            while self._fill():
                pass
            data, self._pending = self._pending, b''
            return _newlines_to_lf(data.decode(self.encoding, self.errors)) if self._text else data
        if not self._text:
            if self._raw and not self._pending:
                return os.read(self._live(), size)
            while len(self._pending) < size and self._fill():
                pass
            return self._take(size)
        # text: `size` characters
        while True:
            text, rest = self._decode(self._pending, self._eof)
            text = _newlines_to_lf(text)
            if len(text) >= size + (1 if text.endswith('\r') else 0) or not self._fill():
                break
        text, rest = self._decode(self._pending, self._eof)
        if text.endswith('\r') and not self._eof:
            text = text[:-1]
            rest = b'\r' + rest
        text = _newlines_to_lf(text)
        head, tail = text[:size], text[size:]
        self._pending = tail.encode(self.encoding, self.errors) + rest
        return head

    def readline(self, size=-1):
        self._live()
        if self._writing:
            raise io.UnsupportedOperation('not readable')
        limit = size if size is not None and size >= 0 else None
        while True:
            buf = self._pending
            end = buf.find(b'\n')
            if self._text:
                cr = buf.find(b'\r')
                if cr >= 0 and (end < 0 or cr < end):
                    # "\r" alone or "\r\n": look at the next byte first
                    if cr + 1 < len(buf) or self._eof:
                        end = cr + 1 if cr + 1 < len(buf) and buf[cr + 1:cr + 2] == b'\n' else cr
                    elif self._fill():
                        continue
                    else:
                        end = cr
            if end >= 0 or (limit is not None and len(buf) >= limit) or not self._fill():
                break
        if end < 0:
            end = len(self._pending) - 1
        n = end + 1
        if limit is not None and not self._text:
            n = min(n, limit)
        line = self._take(n)
        if not self._text:
            return line
        text = _newlines_to_lf(line.decode(self.encoding, self.errors))
        if limit is not None and len(text) > limit:
            self._pending = text[limit:].encode(self.encoding, self.errors) + self._pending
            text = text[:limit]
        return text


# ---- command lines ------------------------------------------------------------

def list2cmdline(seq):
    """Join arguments into one command line, quoted the way the Microsoft C
    runtime splits it again: an argument with a space or tab (or an empty
    one) is put in double quotes; a double quote is escaped with a
    backslash, and the backslashes right before a double quote (a literal
    one, or the closing one) are doubled."""
    words = []
    for arg in seq:
        arg = os.fsdecode(arg)
        quoted = arg == '' or ' ' in arg or '\t' in arg
        out = []
        slashes = 0
        for ch in arg:
            if ch == '\\':
                slashes += 1
                continue
            if ch == '"':
                out.append('\\' * (2 * slashes + 1))
            elif slashes:
                out.append('\\' * slashes)
            slashes = 0
            out.append(ch)
        if slashes:
            out.append('\\' * (2 * slashes if quoted else slashes))
        word = ''.join(out)
        words.append(f'"{word}"' if quoted else word)
    return ' '.join(words)


# ---- helpers for Popen ------------------------------------------------------------

def _search_path(env):
    """The directories of PATH (from `env`, else os.environ), as bytes."""
    source = os.environ if env is None else env
    path = None
    for key in ('PATH', b'PATH'):
        try:
            path = source[key]
        except (KeyError, TypeError):
            continue
        break
    if path is None:
        path = os.defpath
    path = os.fsencode(path)
    return path.split(b':')


def _own_executable():
    """sys.executable as a path that execve accepts: torii's may be a bare
    name, so fall back to the running binary itself."""
    exe = sys.executable
    if exe and '/' not in exe:
        try:
            return os.readlink('/proc/self/exe')
        except OSError:
            pass
    return exe


def _c_arg(value):
    """A str / bytes / path-like argument as bytes for the C side."""
    data = os.fsencode(value)
    if b'\0' in data:
        raise ValueError("embedded null byte")
    return data


_active = []        # Popen objects dropped while their child ran
_active_lock = threading.Lock()


def _reap_dropped():
    """Collects the exit status of children whose Popen was dropped early."""
    with _active_lock:
        pending = list(_active)
    for proc in pending:
        if proc._poll_child(_deadstate=sys.maxsize) is not None:
            with _active_lock:
                try:
                    _active.remove(proc)
                except ValueError:
                    pass


# ---- Popen ----------------------------------------------------------------------

class Popen:
    """A child process.  See the subprocess documentation for the
    arguments; `stdin`, `stdout` and `stderr` become file objects when
    PIPE was asked for."""

    _child_created = False

    def __init__(self, args, bufsize=-1, executable=None, stdin=None, stdout=None, stderr=None,
                 preexec_fn=None, close_fds=True, shell=False, cwd=None, env=None,
                 universal_newlines=None, startupinfo=None, creationflags=0, restore_signals=True,
                 start_new_session=False, pass_fds=(), *, user=None, group=None, extra_groups=None,
                 encoding=None, errors=None, text=None, umask=-1, pipesize=-1, process_group=None):
        _reap_dropped()
        self._reap_lock = threading.Lock()
        self._communication_started = False
        self._chunks = None
        self._input = None
        self._input_pos = 0
        self.args = args
        self.stdin = self.stdout = self.stderr = None
        self.pid = None
        self.returncode = None
        self.encoding = encoding
        self.errors = errors
        self.pipesize = -1 if pipesize is None else pipesize
        self._sigint_wait_secs = 0.25

        if bufsize is None:
            bufsize = -1
        if not isinstance(bufsize, int):
            raise TypeError("bufsize must be an integer")
        if startupinfo is not None:
            raise ValueError("startupinfo is only supported on Windows platforms")
        if creationflags != 0:
            raise ValueError("creationflags is only supported on Windows platforms")
        if pass_fds and not close_fds:
            import warnings
            warnings.warn("pass_fds overriding close_fds.", RuntimeWarning)
            close_fds = True
        if (text is not None and universal_newlines is not None
                and bool(universal_newlines) != bool(text)):
            raise SubprocessError('Cannot disambiguate when both text and universal_newlines '
                                  'are supplied but different. Pass one or the other.')
        if user is not None or group is not None or extra_groups is not None:
            raise NotImplementedError("user, group and extra_groups are not supported by torii")
        if process_group is None:
            process_group = -1

        self.text_mode = bool(encoding or errors or text or universal_newlines)
        if self.text_mode and encoding is None:
            self.encoding = encoding = 'UTF-8'   # locale.getencoding() in a UTF-8 locale
        if bufsize == 1 and not self.text_mode:
            import warnings
            warnings.warn("line buffering (buffering=1) isn't supported in binary mode, "
                          "the default buffer size will be used", RuntimeWarning)

        self._devnull = None
        # (parent end, child end) per stream; -1 where none
        made = []       # descriptors opened here: closed again if the start fails
        try:
            ends = self._plan_streams(stdin, stdout, stderr, made)
            (p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite) = ends
            self._start(args, executable, preexec_fn, close_fds, pass_fds, cwd, env, shell,
                        p2cread, c2pwrite, errwrite, restore_signals, start_new_session,
                        process_group, umask)
        except BaseException:
            for fd in made:
                try:
                    os.close(fd)
                except OSError:
                    pass
            raise
        # the child's ends belong to the child now
        for fd in {p2cread, c2pwrite, errwrite} - {p2cwrite, c2pread, errread, -1}:
            if fd in made:
                os.close(fd)
        text = self.text_mode
        if p2cwrite != -1:
            self.stdin = _PipeFile(p2cwrite, True, text, encoding, errors or 'strict',
                                   0 if text else bufsize)
        if c2pread != -1:
            self.stdout = _PipeFile(c2pread, False, text, encoding, errors or 'strict', bufsize)
        if errread != -1:
            self.stderr = _PipeFile(errread, False, text, encoding, errors or 'strict', bufsize)

    def _plan_streams(self, stdin, stdout, stderr, made):
        """The six descriptors (parent's write end for stdin, child's read
        end, ...) for the three stream arguments; -1 where unused."""
        def pipe():
            r, w = os.pipe()
            made.extend((r, w))
            if self.pipesize > 0:
                pass    # F_SETPIPE_SZ is not available: the default size is used
            return r, w

        def devnull():
            if self._devnull is None:
                self._devnull = os.open(os.devnull, os.O_RDWR)
                made.append(self._devnull)
            return self._devnull

        def fd_of(obj):
            if isinstance(obj, int):
                return obj
            return obj.fileno()

        def ends(spec, child_reads):
            """(parent's end, child's end) of one standard stream; -1: none."""
            if spec is None:
                return -1, -1
            if spec == PIPE:
                r, w = pipe()
                return (w, r) if child_reads else (r, w)
            if spec == DEVNULL:
                return -1, devnull()
            return -1, fd_of(spec)

        p2cwrite, p2cread = ends(stdin, True)
        c2pread, c2pwrite = ends(stdout, False)
        if stderr == STDOUT:
            errread, errwrite = -1, (c2pwrite if c2pwrite != -1 else sys.__stdout__.fileno())
        else:
            errread, errwrite = ends(stderr, False)
        return p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite

    def _start(self, args, executable, preexec_fn, close_fds, pass_fds, cwd, env, shell,
               p2cread, c2pwrite, errwrite, restore_signals, start_new_session,
               process_group, umask):
        if isinstance(args, (str, bytes)):
            argv = [args]
        elif isinstance(args, os.PathLike):
            if shell:
                raise TypeError('path-like args is not allowed when shell is true')
            argv = [args]
        else:
            argv = list(args)
        if shell:
            argv = ['/bin/sh', '-c'] + argv
            if executable:
                argv[0] = executable
        if executable is None:
            executable = argv[0]
        shown_name = executable

        argv = [_c_arg(a) for a in argv]
        if executable == sys.executable:
            executable = _own_executable()
        program = _c_arg(executable)
        if b'/' in program:
            candidates = [program]
        else:
            candidates = [os.path.join(d, program) for d in _search_path(env)]

        if env is None:
            env = os.environ
        env_list = []
        for key, value in env.items():
            key = os.fsencode(key)
            if b'=' in key:
                raise ValueError("illegal environment variable name")
            env_list.append(_c_arg(key + b'=' + os.fsencode(value)))
        if cwd is not None:
            cwd = os.fsencode(cwd)

        keep = sorted({int(fd) for fd in pass_fds})
        err_r, err_w = os.pipe()
        try:
            try:
                if preexec_fn is not None:
                    self.pid = self._fork_with_hook(preexec_fn, candidates, argv, env_list, cwd,
                                                    p2cread, c2pwrite, errwrite, err_w,
                                                    close_fds, keep + [err_w], start_new_session,
                                                    process_group, umask)
                else:
                    self.pid = _posixsubprocess.fork_exec(
                        candidates, argv, env_list, cwd, p2cread, c2pwrite, errwrite, err_w,
                        close_fds, keep + [err_w], start_new_session, process_group, umask,
                        restore_signals)
                self._child_created = True
            finally:
                os.close(err_w)
            report = b''
            while len(report) < 50000:
                part = os.read(err_r, 50000)
                if not part:
                    break
                report += part
        finally:
            os.close(err_r)
        if not report:
            return
        # the child failed before exec: collect it, then raise its error
        try:
            pid, status = os.waitpid(self.pid, 0)
            if pid == self.pid:
                self._record(status)
            else:
                self.returncode = sys.maxsize
        except ChildProcessError:
            pass
        code, _, stage = report.partition(b':')
        try:
            errno_num = int(code.decode('ascii'))
        except ValueError:
            raise SubprocessError('Bad exception data from child: %r' % (report,)) from None
        if stage == b'hook':
            raise SubprocessError('Exception occurred in preexec_fn.')
        if stage == b'cwd':
            filename = os.fsdecode(cwd) if isinstance(cwd, bytes) else cwd
        elif stage == b'exec':
            filename = shown_name
        else:
            filename = None
        if filename is None:
            raise OSError(errno_num, os.strerror(errno_num))
        raise OSError(errno_num, os.strerror(errno_num), filename)

    def _fork_with_hook(self, hook, candidates, argv, env_list, cwd, p2cread, c2pwrite, errwrite,
                        err_w, close_fds, keep, new_session, process_group, umask):
        """preexec_fn needs Python in the child: os.fork, then the same
        steps as fork_exec, each failure reported through `err_w`."""
        pid = os.fork()
        if pid:
            return pid
        stage = b'setup'
        try:
            sources = [p2cread, c2pwrite, errwrite]
            for i in range(3):
                if 0 <= sources[i] < 3 and sources[i] != i:
                    sources[i] = os.dup(sources[i])
            for i in range(3):
                if sources[i] == i:
                    os.set_inheritable(i, True)
                elif sources[i] >= 0:
                    os.dup2(sources[i], i)
            if cwd is not None:
                stage = b'cwd'
                os.chdir(cwd)
                stage = b'setup'
            if umask >= 0:
                os.umask(umask)
            if new_session:
                os.setsid()
            if process_group >= 0:
                os.setpgid(0, process_group)
            stage = b'hook'
            hook()
            stage = b'setup'
            if close_fds:
                kept = set(keep)
                for fd in range(3, 1024):
                    if fd not in kept:
                        try:
                            os.close(fd)
                        except OSError:
                            pass
            stage = b'exec'
            env = dict(item.split(b'=', 1) for item in env_list)
            last = None
            for exe in candidates:
                try:
                    os.execve(exe, argv, env)
                except OSError as exc:
                    if last is None or exc.errno not in (2, 20):
                        last = exc
            raise last if last is not None else OSError(2, os.strerror(2))
        except BaseException as exc:
            code = getattr(exc, 'errno', None) or 0
            try:
                os.write(err_w, b'%d:%s' % (code, stage))
            finally:
                os._exit(255)

    # -- status --
    def _record(self, status):
        """Sets returncode from a wait status."""
        if os.WIFSTOPPED(status):
            self.returncode = -os.WSTOPSIG(status)
        else:
            self.returncode = os.waitstatus_to_exitcode(status)

    def _waitpid(self, flags):
        try:
            return os.waitpid(self.pid, flags)
        except ChildProcessError:
            # reaped elsewhere (SIGCHLD ignored, a stray os.wait()): its
            # status is lost
            return self.pid, 0

    def _poll_child(self, _deadstate=None):
        if self.returncode is None:
            if not self._reap_lock.acquire(False):
                return None     # another thread is reaping it
            try:
                if self.returncode is not None:
                    return self.returncode
                try:
                    pid, status = os.waitpid(self.pid, os.WNOHANG)
                    if pid == self.pid:
                        self._record(status)
                except OSError as exc:
                    if _deadstate is not None:
                        self.returncode = _deadstate
                    elif exc.errno == _ECHILD:
                        self.returncode = 0
            finally:
                self._reap_lock.release()
        return self.returncode

    def poll(self):
        """The exit status if the child has exited, else None."""
        return self._poll_child()

    def wait(self, timeout=None):
        """Wait for the child to exit and return its returncode;
        TimeoutExpired after `timeout` seconds."""
        if self.returncode is not None:
            return self.returncode
        if timeout is not None:
            deadline = time.monotonic() + timeout
            pause = 0.0005
            while True:
                if self._reap_lock.acquire(False):
                    try:
                        if self.returncode is not None:
                            break
                        pid, status = self._waitpid(os.WNOHANG)
                        if pid == self.pid:
                            self._record(status)
                            break
                    finally:
                        self._reap_lock.release()
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutExpired(self.args, timeout)
                pause = min(pause * 2, left, 0.05)
                time.sleep(pause)
            return self.returncode
        while self.returncode is None:
            with self._reap_lock:
                if self.returncode is not None:
                    break
                pid, status = self._waitpid(0)
                if pid == self.pid:
                    self._record(status)
        return self.returncode

    # -- signals --
    def send_signal(self, sig):
        """Send `sig` to the child, unless it has been reaped already."""
        self.poll()
        if self.returncode is not None:
            return
        try:
            os.kill(self.pid, sig)
        except ProcessLookupError:
            pass

    def terminate(self):
        """SIGTERM the child."""
        self.send_signal(signal.SIGTERM)

    def kill(self):
        """SIGKILL the child."""
        self.send_signal(signal.SIGKILL)

    # -- communicate --
    def _left(self, deadline):
        return None if deadline is None else deadline - time.monotonic()

    def _timed_out(self, deadline, timeout, force=False):
        if deadline is None:
            return
        if force or time.monotonic() > deadline:
            out = err = None
            if self._chunks is not None:
                if self.stdout is not None:
                    out = b''.join(self._chunks[self.stdout]) or None
                if self.stderr is not None:
                    err = b''.join(self._chunks[self.stderr]) or None
            raise TimeoutExpired(self.args, timeout, output=out, stderr=err)

    def _to_bytes(self, data):
        if data is None:
            return b''
        if self.text_mode and isinstance(data, str):
            return data.encode(self.stdin.encoding, self.stdin.errors)
        return bytes(data)

    def _close_quietly(self, stream):
        try:
            stream.close()
        except BrokenPipeError:
            pass

    def communicate(self, input=None, timeout=None):
        """Send `input` to the child's stdin (then close it), read stdout and
        stderr to their end, and wait for the child.  Returns (stdout,
        stderr): None for a stream that is not a PIPE.  TimeoutExpired after
        `timeout` seconds; calling again goes on where it stopped."""
        if self._communication_started and input:
            raise ValueError("Cannot send input after starting communication")
        streams = [self.stdin, self.stdout, self.stderr]
        if timeout is None and not self._communication_started and streams.count(None) >= 2:
            # a single pipe: no need to multiplex
            out = err = None
            if self.stdin is not None:
                self._feed(input)
            elif self.stdout is not None:
                out = self.stdout.read()
                self.stdout.close()
            elif self.stderr is not None:
                err = self.stderr.read()
                self.stderr.close()
            self.wait()
            return out, err
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            out, err = self._pump(input, deadline, timeout)
        finally:
            self._communication_started = True
        # as CPython: a child that outlives its closed pipes times out here,
        # with the time that was left as the exception's timeout
        self.wait(timeout=self._left(deadline))
        return out, err

    def _feed(self, input):
        """Writes all of `input` to stdin, then closes it (a child that
        stopped reading is not an error)."""
        if input:
            try:
                self.stdin.write(input)
            except BrokenPipeError:
                pass
        self._close_quietly(self.stdin)

    def _pump(self, input, deadline, timeout):
        if self.stdin is not None and not self._communication_started:
            try:
                self.stdin.flush()
            except BrokenPipeError:
                pass
            if not input:
                self._close_quietly(self.stdin)
        if self._chunks is None:
            self._chunks = {}
            for stream in (self.stdout, self.stderr):
                if stream is not None:
                    self._chunks[stream] = []
        if self.stdin is not None and self._input is None:
            self._input = self._to_bytes(input)
            self._input_pos = 0
        with selectors.DefaultSelector() as sel:
            if self.stdin is not None and not self.stdin.closed and self._input:
                sel.register(self.stdin, selectors.EVENT_WRITE)
            for stream in (self.stdout, self.stderr):
                if stream is not None and not stream.closed:
                    sel.register(stream, selectors.EVENT_READ)
            while sel.get_map():
                left = self._left(deadline)
                if left is not None and left < 0:
                    self._timed_out(deadline, timeout, force=True)
                ready = sel.select(left)
                self._timed_out(deadline, timeout)
                for key, _events in ready:
                    stream = key.fileobj
                    if stream is self.stdin:
                        piece = self._input[self._input_pos:self._input_pos + _PIPE_BUF]
                        try:
                            self._input_pos += _posixsubprocess.write(key.fd, piece)
                        except BrokenPipeError:
                            sel.unregister(stream)
                            self._close_quietly(stream)
                            continue
                        if self._input_pos >= len(self._input):
                            sel.unregister(stream)
                            self._close_quietly(stream)
                    else:
                        data = os.read(key.fd, _READ_CHUNK)
                        if not data:
                            sel.unregister(stream)
                            stream.close()
                        else:
                            self._chunks[stream].append(data)
        out = err = None
        if self.stdout is not None:
            out = self._result(self._chunks[self.stdout])
        if self.stderr is not None:
            err = self._result(self._chunks[self.stderr])
        return out, err

    def _result(self, chunks):
        data = b''.join(chunks)
        if self.text_mode:
            return _newlines_to_lf(data.decode(self.encoding, self.errors or 'strict'))
        return data

    # -- the rest of the object --
    @property
    def universal_newlines(self):
        return self.text_mode

    @universal_newlines.setter
    def universal_newlines(self, value):
        self.text_mode = bool(value)

    __class_getitem__ = classmethod(types.GenericAlias)

    def __repr__(self):
        text = f"<{type(self).__name__}: returncode: {self.returncode} args: {self.args!r}>"
        return text if len(text) <= 80 else text[:76] + "...>"

    def __enter__(self):
        return self

    def __exit__(self, exc_type, value, traceback):
        for stream in (self.stdout, self.stderr):
            if stream is not None:
                stream.close()
        try:
            if self.stdin is not None:
                self._close_quietly(self.stdin)
        finally:
            if exc_type is KeyboardInterrupt:
                if self._sigint_wait_secs > 0:
                    try:
                        self.wait(timeout=self._sigint_wait_secs)
                    except TimeoutExpired:
                        pass
                self._sigint_wait_secs = 0
            else:
                self.wait()

    def __del__(self):
        if not self._child_created or self.returncode is not None:
            return
        try:
            if self._poll_child(_deadstate=sys.maxsize) is None:
                # still running: reap it later, from the next Popen
                with _active_lock:
                    _active.append(self)
        except Exception:
            pass


# ---- the helpers ------------------------------------------------------------------

def call(*popenargs, timeout=None, **kwargs):
    """Run a command and return its exit status."""
    with Popen(*popenargs, **kwargs) as proc:
        try:
            return proc.wait(timeout=timeout)
        except BaseException:
            proc.kill()
            raise


def check_call(*popenargs, **kwargs):
    """Run a command; CalledProcessError unless it exits with status 0."""
    status = call(*popenargs, **kwargs)
    if status:
        cmd = kwargs.get("args")
        if cmd is None:
            cmd = popenargs[0]
        raise CalledProcessError(status, cmd)
    return 0


def check_output(*popenargs, timeout=None, **kwargs):
    """Run a command and return what it wrote to stdout;
    CalledProcessError unless it exits with status 0."""
    for name in ('stdout', 'check'):
        if name in kwargs:
            raise ValueError(f'{name} argument not allowed, it will be overridden.')
    if 'input' in kwargs and kwargs['input'] is None:
        # an explicit None still means "stdin is an empty pipe"
        textual = (kwargs.get('universal_newlines') or kwargs.get('text')
                   or kwargs.get('encoding') or kwargs.get('errors'))
        kwargs['input'] = '' if textual else b''
    return run(*popenargs, stdout=PIPE, timeout=timeout, check=True, **kwargs).stdout


def run(*popenargs, input=None, capture_output=False, timeout=None, check=False, **kwargs):
    """Run a command, wait for it, and return a CompletedProcess.  `input`
    goes to its stdin; capture_output=True captures stdout and stderr;
    check=True raises CalledProcessError for a non-zero exit status; the
    child is killed when `timeout` passes (TimeoutExpired)."""
    if input is not None:
        if kwargs.get('stdin') is not None:
            raise ValueError('stdin and input arguments may not both be used.')
        kwargs['stdin'] = PIPE
    if capture_output:
        if kwargs.get('stdout') is not None or kwargs.get('stderr') is not None:
            raise ValueError('stdout and stderr arguments may not be used with capture_output.')
        kwargs['stdout'] = kwargs['stderr'] = PIPE
    with Popen(*popenargs, **kwargs) as proc:
        try:
            out, err = proc.communicate(input, timeout=timeout)
        except TimeoutExpired:
            proc.kill()
            proc.wait()    # what was read so far is on the exception already
            raise
        except BaseException:
            proc.kill()    # __exit__ waits for it
            raise
        status = proc.poll()
        if check and status:
            raise CalledProcessError(status, proc.args, output=out, stderr=err)
    return CompletedProcess(proc.args, status, out, err)


def getstatusoutput(cmd, *, encoding=None, errors=None):
    """(exit status, output) of running `cmd` in the shell, stderr merged
    into stdout, one trailing newline removed."""
    try:
        data = check_output(cmd, shell=True, text=True, stderr=STDOUT,
                            encoding=encoding, errors=errors)
        status = 0
    except CalledProcessError as exc:
        data = exc.output
        status = exc.returncode
    if data.endswith('\n'):
        data = data[:-1]
    return status, data


def getoutput(cmd, *, encoding=None, errors=None):
    """The output of running `cmd` in the shell (see getstatusoutput)."""
    return getstatusoutput(cmd, encoding=encoding, errors=errors)[1]
