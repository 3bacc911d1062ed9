/* stdlib/_posixsubprocess.c: the `_posixsubprocess` module, the C half of
 * subprocess (stdlib/py/subprocess.py): fork_exec(), which forks and execs
 * a child with its standard streams, working directory, session and
 * descriptors set up, and write(), a write to a pipe that raises
 * BrokenPipeError instead of letting SIGPIPE kill the process.
 *
 * The child never runs Python code: everything it needs (argv, envp, the
 * programs to try, the descriptors to keep) is converted into C arrays
 * before fork(), and between fork() and execve() it makes only
 * async-signal-safe calls (dup2, fcntl, close, chdir, setsid, sigaction,
 * execve, write, _exit), so forking from a process whose other threads run
 * Python code is safe: nothing they hold is needed in the child, and they
 * are not stopped.  If a step fails, the child writes "ERRNO:STAGE" (STAGE
 * "exec", "cwd" or "setup") to the close-on-exec error pipe and exits with
 * status 255; a successful exec closes the pipe, so the parent reads EOF.
 * All signals are blocked in the forking thread around fork(), and the child
 * resets every caught signal to SIG_DFL before unblocking them, so no torii
 * signal handler runs in the child.
 * Threads: no state; fork() runs detached (it touches only the C arrays,
 * kept alive by the converted objects the caller holds). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "threads/signals.h"

/* What the child does, prepared by the parent. */
typedef struct ChildSpec {
    char **exes;          /* NULL-terminated: the paths to try, in order */
    char **argv;          /* NULL-terminated */
    char **envp;          /* NULL-terminated, or NULL: inherit `environ` */
    const char *cwd;      /* NULL: stay */
    int src[3];           /* descriptor for 0, 1, 2; -1: inherit */
    int errpipe;          /* the write end of the error pipe */
    int close_fds;        /* close every descriptor >= 3 not in `keep` */
    const int *keep;      /* sorted ascending, `nkeep` of them */
    size_t nkeep;
    int max_fd;           /* the highest descriptor worth closing (brute force) */
    int new_session, pgid, umask_v, restore_signals;
    sigset_t old_mask;    /* the forking thread's mask, restored before exec */
} ChildSpec;

extern char **environ;

/* ---- the child (async-signal-safe only) ---------------------------------- */

static void report(int fd, int e, const char *stage) {
    char buf[48];
    size_t n = 0;
    char digits[16];
    size_t nd = 0;
    unsigned v = (unsigned)e;
    do { digits[nd++] = (char)('0' + v % 10); v /= 10; } while (v && nd < sizeof digits);
    while (nd) buf[n++] = digits[--nd];
    buf[n++] = ':';
    for (const char *s = stage; *s && n < sizeof buf; s++) buf[n++] = *s;
    while (write(fd, buf, n) < 0 && errno == EINTR) {}
}

static int in_keep(const ChildSpec *s, int fd) {
    for (size_t i = 0; i < s->nkeep; i++)
        if (s->keep[i] == fd) return 1;
    return 0;
}

/* Closes the descriptors in [lo, hi] (hi may be INT_MAX). */
static void close_span(const ChildSpec *s, int lo, int hi) {
    if (lo > hi) return;
#ifdef SYS_close_range
    if (syscall(SYS_close_range, (unsigned)lo, (unsigned)hi, 0) == 0) return;
#endif
    int top = hi < s->max_fd ? hi : s->max_fd;
    for (int fd = lo; fd <= top; fd++) close(fd);
}

/* Closes every descriptor >= 3 but those in `keep` and `errpipe`. */
static void close_others(const ChildSpec *s, int errpipe) {
    int lo = 3;
    size_t i = 0;
    int errpipe_done = errpipe < 3;
    for (;;) {
        /* the next descriptor to keep, in ascending order */
        int next;
        if (i < s->nkeep && (errpipe_done || s->keep[i] <= errpipe)) {
            next = s->keep[i++];
            if (next == errpipe) errpipe_done = 1;
        } else if (!errpipe_done) {
            next = errpipe;
            errpipe_done = 1;
        } else {
            break;
        }
        if (next < lo) continue;
        close_span(s, lo, next - 1);
        lo = next + 1;
    }
    close_span(s, lo, INT_MAX);
}

static void __attribute__((noreturn)) child(ChildSpec *s) {
    int e;
    /* no torii handler may run here: caught signals go back to SIG_DFL */
    for (int sig = 1; sig < NSIG; sig++) {
        struct sigaction sa;
        if (sigaction(sig, NULL, &sa) != 0) continue;
        if (sa.sa_handler != SIG_DFL && sa.sa_handler != SIG_IGN) {
            sa.sa_handler = SIG_DFL;
            sa.sa_flags = 0;
            sigaction(sig, &sa, NULL);
        }
    }
    if (s->restore_signals) {
        signal(SIGPIPE, SIG_DFL);
        signal(SIGXFSZ, SIG_DFL);
    }
    int errpipe = s->errpipe;
    if (errpipe < 3 && (errpipe = fcntl(errpipe, F_DUPFD_CLOEXEC, 3)) < 0) { errpipe = s->errpipe; goto setup_failed; }
    int src[3];
    /* a source among 0..2 that is not its own target would be overwritten
     * by an earlier dup2: move it out of the way first */
    for (int i = 0; i < 3; i++) {
        src[i] = s->src[i];
        if (src[i] >= 0 && src[i] < 3 && src[i] != i && (src[i] = fcntl(src[i], F_DUPFD_CLOEXEC, 3)) < 0)
            goto setup_failed;
    }
    for (int i = 0; i < 3; i++) {
        if (src[i] == i) {
            int fl = fcntl(i, F_GETFD);
            if (fl < 0 || fcntl(i, F_SETFD, fl & ~FD_CLOEXEC) < 0) goto setup_failed;
        } else if (src[i] >= 0 && dup2(src[i], i) < 0) {
            goto setup_failed;
        }
    }
    for (int i = 0; i < 3; i++) {
        int fd = s->src[i];
        if (fd < 3 || fd == errpipe || in_keep(s, fd)) continue;
        if ((i > 0 && fd == s->src[0]) || (i > 1 && fd == s->src[1])) continue;   /* closed already */
        close(fd);
    }
    if (s->cwd && chdir(s->cwd) < 0) {
        report(errpipe, errno, "cwd");
        _exit(255);
    }
    if (s->umask_v >= 0) umask((mode_t)s->umask_v);
    if (s->new_session && setsid() < 0) goto setup_failed;
    if (s->pgid >= 0 && setpgid(0, s->pgid) < 0) goto setup_failed;
    /* pass_fds: inherited across exec (the error pipe stays close-on-exec) */
    for (size_t i = 0; i < s->nkeep; i++) {
        int fd = s->keep[i];
        if (fd == s->errpipe || fd == errpipe) continue;
        int fl = fcntl(fd, F_GETFD);
        if (fl >= 0 && (fl & FD_CLOEXEC) && fcntl(fd, F_SETFD, fl & ~FD_CLOEXEC) < 0) goto setup_failed;
    }
    if (s->close_fds) close_others(s, errpipe);
    sigprocmask(SIG_SETMASK, &s->old_mask, NULL);
    char **envp = s->envp ? s->envp : environ;
    int saved = 0;
    e = ENOENT;
    for (char **exe = s->exes; *exe; exe++) {
        execve(*exe, s->argv, envp);
        e = errno;
        if (e != ENOENT && e != ENOTDIR && saved == 0) saved = e;
    }
    report(errpipe, saved ? saved : e, "exec");
    _exit(255);
setup_failed:
    report(errpipe, errno, "setup");
    _exit(255);
}

/* ---- the parent -------------------------------------------------------------- */

/* A NULL-terminated array of C strings from a list or tuple of str / bytes
 * (os paths); the strings live in the objects appended to `keep`.  `what`
 * names the argument in errors.  NULL on error. */
static char **cstrings(TrThread *ts, TrObject *seq, const char *what, TrObject *keep) {
    if (!list_check(seq) && !tuple_check(seq)) {
        err_format(ts, &tr_exc_TypeError, "%s must be a tuple or list", what);
        return NULL;
    }
    TrObject *items = list_check(seq) ? list_as_tuple(ts, seq) : tr_newref(seq);
    if (!items) return NULL;
    size_t n = tuple_size(items);
    char **v = calloc(n + 1, sizeof *v);
    if (!v) { tr_decref(items); err_nomemory(ts); return NULL; }
    for (size_t i = 0; i < n; i++) {
        TrOsPath p;
        if (os_path_conv(ts, "fork_exec", what, tuple_get(items, i), 0, &p) < 0) goto fail;
        v[i] = (char *)p.c;
        if (list_append_take(ts, keep, p.conv) < 0) goto fail;
    }
    tr_decref(items);
    return v;
fail:
    free(v);
    tr_decref(items);
    return NULL;
}

static int int_arg(TrThread *ts, TrObject *o, int *out) { return os_int_arg(ts, o, out); }

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

/* fork_exec(executables, argv, env, cwd, stdin_fd, stdout_fd, stderr_fd,
 *           errpipe_write, close_fds, keep_fds, start_new_session,
 *           process_group, umask, restore_signals) -> pid
 * executables: the paths to try in turn; env: None (inherit the C
 * environment) or a list of b"KEY=VALUE"; cwd: None or a path; the *_fd
 * arguments -1 to inherit; keep_fds: descriptors close_fds leaves open;
 * process_group / umask: -1 for none.  OSError if fork fails. */
static TrObject *psp_fork_exec(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "fork_exec", nargs, kwnames, 14, 14) < 0) return NULL;
    ChildSpec s;
    memset(&s, 0, sizeof s);
    TrObject *keep = list_new(ts, 0);
    TrOsPath cwd;
    memset(&cwd, 0, sizeof cwd);
    int *keep_fds = NULL;
    TrObject *result = NULL;
    if (!keep) return NULL;
    if (!(s.exes = cstrings(ts, args[0], "executables", keep))) goto done;
    if (!(s.argv = cstrings(ts, args[1], "argv", keep))) goto done;
    if (args[2] != tr_none && !(s.envp = cstrings(ts, args[2], "env", keep))) goto done;
    if (args[3] != tr_none) {
        if (os_path_conv(ts, "fork_exec", "cwd", args[3], 0, &cwd) < 0) goto done;
        s.cwd = cwd.c;
    }
    for (int i = 0; i < 3; i++)
        if (int_arg(ts, args[4 + i], &s.src[i]) < 0) goto done;
    if (int_arg(ts, args[7], &s.errpipe) < 0) goto done;
    if ((s.close_fds = tr_is_true(ts, args[8])) < 0) goto done;
    if (!tuple_check(args[9]) && !list_check(args[9])) {
        err_set(ts, &tr_exc_TypeError, "keep_fds must be a tuple or list");
        goto done;
    }
    {
        TrObject *kt = list_check(args[9]) ? list_as_tuple(ts, args[9]) : tr_newref(args[9]);
        if (!kt) goto done;
        s.nkeep = tuple_size(kt);
        keep_fds = malloc((s.nkeep + 1) * sizeof *keep_fds);
        int bad = !keep_fds;
        if (bad) err_nomemory(ts);
        for (size_t i = 0; !bad && i < s.nkeep; i++) bad = int_arg(ts, tuple_get(kt, i), &keep_fds[i]) < 0;
        tr_decref(kt);
        if (bad) goto done;
        qsort(keep_fds, s.nkeep, sizeof *keep_fds, cmp_int);
        s.keep = keep_fds;
    }
    if ((s.new_session = tr_is_true(ts, args[10])) < 0) goto done;
    if (int_arg(ts, args[11], &s.pgid) < 0 || int_arg(ts, args[12], &s.umask_v) < 0) goto done;
    if ((s.restore_signals = tr_is_true(ts, args[13])) < 0) goto done;
    long open_max = sysconf(_SC_OPEN_MAX);
    s.max_fd = open_max > 0 && open_max < INT_MAX ? (int)open_max - 1 : 65535;
    if (s.max_fd > (1 << 20)) s.max_fd = 1 << 20;

    sigset_t all;
    sigfillset(&all);
    pid_t pid;
    int e = 0;
    gil_release_for_blocking(ts);
    pthread_sigmask(SIG_BLOCK, &all, &s.old_mask);
    pid = fork();
    if (pid == 0) child(&s);
    e = errno;
    pthread_sigmask(SIG_SETMASK, &s.old_mask, NULL);
    gil_reacquire_after_blocking(ts);
    if (pid < 0) {
        os_error(ts, e, NULL, NULL);
        goto done;
    }
    result = int_from_i64(ts, pid);
done:
    free(s.exes);
    free(s.argv);
    free(s.envp);
    free(keep_fds);
    os_path_clear(&cwd);
    tr_decref(keep);
    return result;
}

/* write(fd, data) -> count: one write(2), detached, retried on EINTR; a
 * closed reader raises BrokenPipeError (EPIPE) and the SIGPIPE it raised is
 * discarded: SIGPIPE is blocked in this thread for the call and the pending
 * one taken with sigtimedwait (unless one was pending before: that one is
 * left for its handler). */
static TrObject *psp_write(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "write", nargs, kwnames, 2, 2) < 0) return NULL;
    int fd;
    if (int_arg(ts, args[0], &fd) < 0) return NULL;
    TrBytesView v;
    int k = bytes_view(ts, args[1], &v);
    if (k < 0) return NULL;
    if (k == 0)
        return err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%s'", tr_type_name(args[1]));
    for (;;) {
        ssize_t w;
        int e = 0;
        gil_release_for_blocking(ts);
        sigset_t pipe_set, old;
        sigemptyset(&pipe_set);
        sigaddset(&pipe_set, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
        sigset_t pending;
        sigpending(&pending);
        int was_pending = sigismember(&pending, SIGPIPE);
        w = write(fd, v.p, v.n);
        e = errno;
        /* a reader that goes away during a partial write raises SIGPIPE
         * too, though write() then returns the count written so far */
        sigpending(&pending);
        if (!was_pending && sigismember(&pending, SIGPIPE)) {
            struct timespec zero = {0, 0};
            while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR) {}
        }
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        gil_reacquire_after_blocking(ts);
        if (w >= 0) {
            bytes_view_release(&v);
            return int_from_i64(ts, w);
        }
        if (e == EINTR && signals_check(ts) == 0) continue;
        bytes_view_release(&v);
        return e == EINTR ? NULL : os_error(ts, e, NULL, NULL);
    }
}

static const TrMethodDef psp_functions[] = {
    {"fork_exec", psp_fork_exec},
    {"write", psp_write},
    {NULL, NULL}
};

TrObject *_posixsubprocess_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "_posixsubprocess");
    if (!m) return NULL;
    if (module_add_functions(ts, m, psp_functions) < 0) {
        tr_decref(m);
        return NULL;
    }
    return m;
}
