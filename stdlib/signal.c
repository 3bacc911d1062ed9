/* stdlib/signal.c: the `signal` module: Python-level signal handlers, run
 * by the main thread between bytecodes (threads/signals.c delivers them).
 *
 * The module is made at start-up by signal_setup (runtime_init), because
 * SIGINT's handler, default_int_handler, is one of its functions and must
 * exist before any import; `import signal` returns that same module.
 * handlers[i] is what getsignal(i) returns: SIG_DFL (0), SIG_IGN (1), a
 * callable, or None for a disposition set outside Python (inherited).
 * SIG_DFL / SIG_IGN / the constants are plain ints (no Signals enum).
 * Threads: `handlers` is guarded by `table_mu` (signal() only runs on the main
 * thread, getsignal() on any); Python handlers run on the main thread only,
 * with no lock held.  Lock order: table_mu is a leaf.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "torii/torii.h"
#include "torii/set.h"
#include "stdlib/stdlib.h"
#include "threads/signals.h"
#include "threads/atomic.h"

static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static TrObject *handlers[NSIG];   /* owned; guarded by table_mu; NULL = None */
static TrObject *module;           /* immortal, made by signal_setup */

#define SIGDFL_VAL 0
#define SIGIGN_VAL 1

/* New reference to getsignal(signum)'s value. */
static TrObject *get_handler(int signum) {
    pthread_mutex_lock(&table_mu);
    TrObject *h = handlers[signum] ? tr_newref(handlers[signum]) : tr_none;
    pthread_mutex_unlock(&table_mu);
    return h;
}

/* Stores `h` (new reference taken) as the handler of signum; returns the old one (owned). */
static TrObject *swap_handler(int signum, TrObject *h) {
    pthread_mutex_lock(&table_mu);
    TrObject *old = handlers[signum];
    handlers[signum] = h;
    pthread_mutex_unlock(&table_mu);
    return old ? old : tr_none;
}

static int install(int signum, void (*fn)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sigemptyset(&sa.sa_mask);
    /* SA_RESTART: C code elsewhere need not expect EINTR; the waits that must
     * wake up for a signal poll the self-pipe or wait in slices instead. */
    sa.sa_flags = SA_RESTART | SA_ONSTACK;
    return sigaction(signum, &sa, NULL);
}

static int is_handled(TrObject *h) {
    return h && !tr_is_imm(h) && h != tr_none;
}

int signal_run_pending(TrThread *ts) {
    if (!signals_is_main(ts) || !signals_pending()) return 0;
    signals_clear_any();
    for (int i = 1; i < NSIG; i++) {
        if (!signals_take(i)) continue;
        TrObject *h = get_handler(i);
        if (!is_handled(h)) { tr_decref(h); continue; }   /* changed since it tripped */
        TrObject *args[2] = {int_from_i64(ts, i), tr_none};
        TrObject *r = tr_call(ts, h, args, 2, NULL);
        tr_decref(h);
        if (!r) {
            /* Signals later in the table are still tripped: look again at the
             * next eval-breaker check. */
            for (int j = i + 1; j < NSIG; j++) {
                if (signals_take(j)) { signals_trip(j); break; }
            }
            return -1;
        }
        tr_decref(r);
    }
    return 0;
}

/* ---- module functions ---- */

static int parse_signum(TrThread *ts, TrObject *o, int *out) {
    int64_t v;
    if (!int_check(o)) {
        err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", o);
        return -1;
    }
    if (tr_index_i64(ts, o, &v) < 0) return -1;
    if (v < 1 || v >= NSIG) {
        err_set(ts, &tr_exc_ValueError, "signal number out of range");
        return -1;
    }
    *out = (int)v;
    return 0;
}

static TrObject *sig_signal(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "signal", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!int_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    if (!signals_is_main(ts))
        return err_format(ts, &tr_exc_ValueError, "signal only works in main thread of the main interpreter");
    int signum;
    if (parse_signum(ts, args[0], &signum) < 0) return NULL;
    TrObject *h = args[1];
    void (*fn)(int);
    if (tr_type(h)->call && !tr_is_imm(h)) {
        fn = signals_c_handler;
    } else if (int_check(h) && tr_is_imm(h) && tr_imm_value(h) == SIGIGN_VAL) {
        fn = SIG_IGN;
    } else if (int_check(h) && tr_is_imm(h) && tr_imm_value(h) == SIGDFL_VAL) {
        fn = SIG_DFL;
    } else {
        return err_format(ts, &tr_exc_TypeError,
                          "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object");
    }
    /* A signal that arrived before the change is handled first, as CPython does. */
    if (signals_check(ts) < 0) return NULL;
    if (install(signum, fn) < 0) return os_error(ts, errno, NULL, NULL);
    return swap_handler(signum, tr_newref(h));
}

static TrObject *sig_getsignal(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "getsignal", nargs, kwnames, 1, 1) < 0) return NULL;
    int signum;
    if (parse_signum(ts, args[0], &signum) < 0) return NULL;
    return get_handler(signum);
}

static TrObject *sig_default_int_handler(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    TrObject *e = tr_call(ts, (TrObject *)&tr_exc_KeyboardInterrupt, NULL, 0, NULL);
    if (e) err_raise(ts, e);
    return NULL;
}

static TrObject *sig_raise_signal(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "raise_signal", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!int_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    int64_t signum;
    if (tr_index_i64(ts, args[0], &signum) < 0) return NULL;
    /* No range check, as in CPython: raise(2) says EINVAL. */
    if (signum != (int)signum) return err_format(ts, &tr_exc_OverflowError, "signed integer is greater than maximum");
    if (raise((int)signum) != 0) return os_error(ts, errno, NULL, NULL);
    if (signals_check(ts) < 0) return NULL;
    return tr_none;
}

static TrObject *sig_alarm(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "alarm", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!int_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", args[0]);
    int64_t secs;
    if (tr_index_i64(ts, args[0], &secs) < 0) return NULL;
    if (secs < 0 || secs > 0xFFFFFFFFLL)
        return err_format(ts, &tr_exc_OverflowError, "Python int too large to convert to C unsigned long");
    return int_from_i64(ts, (int64_t)alarm((unsigned)secs));
}

static TrObject *sig_pause(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "pause", nargs, kwnames, 0, 0) < 0) return NULL;
    if (!signals_is_main(ts)) {
        gil_release_for_blocking(ts);
        pause();
        gil_reacquire_after_blocking(ts);
        return tr_none;
    }
    gil_release_for_blocking(ts);
    while (!signals_pending()) signals_wait_fd(ts, -1, 0, -1);
    gil_reacquire_after_blocking(ts);
    if (signals_check(ts) < 0) return NULL;
    return tr_none;
}

static TrObject *sig_strsignal(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "strsignal", nargs, kwnames, 1, 1) < 0) return NULL;
    int signum;
    if (parse_signum(ts, args[0], &signum) < 0) return NULL;
    /* CPython's own table for the common signals (glibc's wording differs for a few). */
    static const struct { int n; const char *s; } names[] = {
        {SIGHUP, "Hangup"}, {SIGINT, "Interrupt"}, {SIGQUIT, "Quit"}, {SIGILL, "Illegal instruction"},
        {SIGTRAP, "Trace/breakpoint trap"}, {SIGABRT, "Aborted"}, {SIGBUS, "Bus error"},
        {SIGFPE, "Floating-point exception"}, {SIGKILL, "Killed"}, {SIGUSR1, "User defined signal 1"},
        {SIGSEGV, "Segmentation fault"}, {SIGUSR2, "User defined signal 2"}, {SIGPIPE, "Broken pipe"},
        {SIGALRM, "Alarm clock"}, {SIGTERM, "Terminated"}, {SIGCHLD, "Child exited"},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (names[i].n == signum) return str_from_cstr(ts, names[i].s);
    const char *s = strsignal(signum);
    if (!s) return tr_none;
    return str_from_cstr(ts, s);
}

static TrObject *sig_valid_signals(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "valid_signals", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *s = set_new(ts);
    if (!s) return NULL;
    for (int i = 1; i < NSIG; i++) {
        if (i == 32 || i == 33) continue;   /* glibc keeps these for itself */
        TrObject *v = int_from_i64(ts, i);
        if (set_add(ts, s, v) < 0) { tr_decref(s); return NULL; }
    }
    return s;
}

static const TrMethodDef signal_functions[] = {
    {"signal", sig_signal},
    {"getsignal", sig_getsignal},
    {"default_int_handler", sig_default_int_handler},
    {"raise_signal", sig_raise_signal},
    {"alarm", sig_alarm},
    {"pause", sig_pause},
    {"strsignal", sig_strsignal},
    {"valid_signals", sig_valid_signals},
    {NULL, NULL}
};

static const struct { const char *name; int value; } constants[] = {
    {"SIG_DFL", SIGDFL_VAL}, {"SIG_IGN", SIGIGN_VAL}, {"NSIG", NSIG},
    {"SIGHUP", SIGHUP}, {"SIGINT", SIGINT}, {"SIGQUIT", SIGQUIT}, {"SIGILL", SIGILL},
    {"SIGTRAP", SIGTRAP}, {"SIGABRT", SIGABRT}, {"SIGIOT", SIGIOT}, {"SIGBUS", SIGBUS},
    {"SIGFPE", SIGFPE}, {"SIGKILL", SIGKILL}, {"SIGUSR1", SIGUSR1}, {"SIGSEGV", SIGSEGV},
    {"SIGUSR2", SIGUSR2}, {"SIGPIPE", SIGPIPE}, {"SIGALRM", SIGALRM}, {"SIGTERM", SIGTERM},
    {"SIGCHLD", SIGCHLD}, {"SIGCONT", SIGCONT}, {"SIGSTOP", SIGSTOP}, {"SIGTSTP", SIGTSTP},
    {"SIGTTIN", SIGTTIN}, {"SIGTTOU", SIGTTOU}, {"SIGURG", SIGURG}, {"SIGXCPU", SIGXCPU},
    {"SIGXFSZ", SIGXFSZ}, {"SIGVTALRM", SIGVTALRM}, {"SIGPROF", SIGPROF},
    {"SIGWINCH", SIGWINCH}, {"SIGIO", SIGIO}, {"SIGPOLL", SIGPOLL}, {"SIGPWR", SIGPWR},
    {"SIGSYS", SIGSYS}, {"SIGRTMIN", 34}, {"SIGRTMAX", 64},
    {"SIG_BLOCK", SIG_BLOCK}, {"SIG_UNBLOCK", SIG_UNBLOCK}, {"SIG_SETMASK", SIG_SETMASK},
};

int signal_setup(TrThread *ts) {
    if (module) return 0;
    TrObject *m = module_new(ts, "signal");
    if (!m) return -1;
    TrObject *d = module_dict(m);
    if (module_add_functions(ts, m, signal_functions) < 0) goto fail;
    for (size_t i = 0; i < sizeof constants / sizeof *constants; i++) {
        TrObject *v = int_from_i64(ts, constants[i].value);
        if (dict_set_cstr(ts, d, constants[i].name, v) < 0) goto fail;
    }
    /* As CPython: a write to a closed pipe or past the file size limit
     * fails with an error (BrokenPipeError, EFBIG) instead of killing the
     * process (subprocess restores the default in its children). */
    signal(SIGPIPE, SIG_IGN);
#ifdef SIGXFSZ
    signal(SIGXFSZ, SIG_IGN);
#endif
    /* What each signal does now: inherited from the parent process. */
    for (int i = 1; i < NSIG; i++) {
        struct sigaction old;
        if (sigaction(i, NULL, &old) != 0) continue;
        if (old.sa_handler == SIG_DFL) handlers[i] = int_from_i64(ts, SIGDFL_VAL);
        else if (old.sa_handler == SIG_IGN) handlers[i] = int_from_i64(ts, SIGIGN_VAL);
    }
    /* SIGINT raises KeyboardInterrupt unless the parent made us ignore it. */
    if (handlers[SIGINT] && tr_imm_value(handlers[SIGINT]) == SIGDFL_VAL) {
        TrObject *h = dict_get_cstr(ts, d, "default_int_handler");
        if (!h) goto fail;
        tr_make_immortal(h);
        if (install(SIGINT, signals_c_handler) == 0) handlers[SIGINT] = h;
        tr_decref(h);
    }
    tr_make_immortal(m);
    module = m;
    return 0;
fail:
    tr_decref(m);
    return -1;
}

TrObject *signal_module_init(TrThread *ts) {
    if (!module && signal_setup(ts) < 0) return NULL;
    return tr_newref(module);
}

/* _thread.interrupt_main(signum): trips `signum` as if it had arrived, when
 * Python handles it; does nothing for SIG_DFL / SIG_IGN.  -1 if out of range. */
int signal_interrupt(int signum) {
    if (signum < 1 || signum >= NSIG) return -1;
    pthread_mutex_lock(&table_mu);
    int handled = is_handled(handlers[signum]);
    pthread_mutex_unlock(&table_mu);
    if (handled) signals_trip(signum);
    return 0;
}
