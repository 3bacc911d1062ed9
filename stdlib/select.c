/* stdlib/select.c: the `select` module: select(), the poll object and the
 * epoll object (Linux), and the POLL* / EPOLL* constants.  `select.error` is
 * OSError.
 *
 * Waiting: every wait runs detached (gil_release_for_blocking) and touches
 * only C copies meanwhile (fd_sets, a private pollfd array, an event buffer),
 * never an object.  The main thread waits in slices of SIGNALS_SLICE_NS
 * (signals_slice_ns) so that a signal caught by another thread still wakes
 * it; when a signal is pending or the call failed with EINTR it re-attaches,
 * runs the Python handlers and, unless one raised, waits again for the time
 * left (PEP 475).
 * Threads: a poll object's table (`fds`, `n`, `cap`, `running`) is read and
 * written only inside the object's critical section; poll() copies the table
 * out and marks the object `running` (a second concurrent poll() raises
 * RuntimeError, as in CPython).  An epoll object's `epfd` is written (set to
 * -1 by close) inside its critical section and read with a relaxed atomic
 * load; the kernel serialises the epoll_ctl / epoll_wait calls themselves.
 * Closing an epoll object while another thread waits on it is the caller's
 * race, as in CPython. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <unistd.h>

#include "torii/torii.h"
#include "torii/func.h"
#include "torii/class.h"
#include "stdlib/stdlib.h"
#include "threads/atomic.h"
#include "threads/lock.h"
#include "threads/signals.h"

/* ---- arguments ------------------------------------------------------------ */

/* The descriptor of `o`: an int, or what o.fileno() returns.  CPython's
 * messages: "argument must be an int, or have a fileno() method.",
 * "fileno() returned a non-integer", "file descriptor cannot be a negative
 * integer (-1)".  0 or -1. */
static int fd_of(TrThread *ts, TrObject *o, int *fd) {
    TrObject *v;
    if (int_check(o)) {
        v = tr_newref(o);
    } else {
        TrObject *name = str_intern_cstr(ts, "fileno");
        TrObject *fn = name ? type_lookup(ts, tr_type(o), name) : NULL;
        if (!fn) {
            if (!err_occurred(ts)) err_set(ts, &tr_exc_TypeError, "argument must be an int, or have a fileno() method.");
            return -1;
        }
        TrObject *bound = type_bind_take(ts, fn, o);
        v = bound ? tr_call(ts, bound, NULL, 0, NULL) : NULL;
        tr_xdecref(bound);
        if (!v) return -1;
        if (!int_check(v)) {
            tr_decref(v);
            err_set(ts, &tr_exc_TypeError, "fileno() returned a non-integer");
            return -1;
        }
    }
    int overflow = 0;
    int64_t n = int_as_i64_overflow(v, &overflow);
    tr_decref(v);
    if (overflow || n != (int)n) {
        err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to C int");
        return -1;
    }
    if (n < 0) {
        err_format(ts, &tr_exc_ValueError, "file descriptor cannot be a negative integer (%d)", (int)n);
        return -1;
    }
    *fd = (int)n;
    return 0;
}

/* A timeout as nanoseconds rounded up (-1: wait forever), from None or an int
 * or float counting `unit_ns` each.  `type_msg` is the TypeError's text.
 * Negative values mean forever when `neg_forever`, else ValueError.  The
 * result is at most `max_ns` (OverflowError `big_msg` beyond).  0 or -1. */
static int timeout_arg(TrThread *ts, TrObject *o, double unit_ns, const char *type_msg, int neg_forever,
                       double max_ns, const char *big_msg, int64_t *out) {
    *out = -1;
    if (!o || o == tr_none) return 0;
    double v;
    if (float_check(o)) {
        v = float_value(o);
        if (isnan(v)) {
            err_set(ts, &tr_exc_ValueError, "Invalid value NaN (not a number)");
            return -1;
        }
    } else if (int_check(o)) {
        v = int_as_double(ts, o);
        if (v == -1.0 && err_occurred(ts)) {
            err_clear(ts);
            v = int_sign(o) < 0 ? -INFINITY : INFINITY;
        }
    } else {
        err_set(ts, &tr_exc_TypeError, type_msg);
        return -1;
    }
    if (v < 0) {
        if (neg_forever) return 0;
        err_set(ts, &tr_exc_ValueError, "timeout must be non-negative");
        return -1;
    }
    double ns = ceil(v * unit_ns);
    if (ns > max_ns) {
        err_set(ts, &tr_exc_OverflowError, big_msg);
        return -1;
    }
    *out = (int64_t)ns;
    return 0;
}

/* Milliseconds for poll(2) / epoll_wait(2) from nanoseconds (-1: forever),
 * rounded up so that a wait never ends early. */
static int ns_to_ms(int64_t ns) {
    if (ns < 0) return -1;
    int64_t ms = (ns + 999999) / 1000000;
    return ms > INT_MAX ? INT_MAX : (int)ms;
}

/* ---- the wait loop --------------------------------------------------------- */

/* One wait of at most `slice_ns` (-1: forever); the system call's result
 * with errno kept.  Runs detached: must touch no object. */
typedef int (*wait_fn)(void *ctx, int64_t slice_ns);

/* Calls `fn(ctx, ...)` until it reports ready descriptors, fails, or the
 * CLOCK_MONOTONIC time `deadline` passes (-1: never), running the signal
 * handlers between waits (see the file comment).  Returns the call's count
 * (0: timed out), or -1 with the exception set (OSError, or what a handler
 * raised). */
static int wait_loop(TrThread *ts, wait_fn fn, void *ctx, int64_t deadline) {
    for (;;) {
        int r, e = 0;
        gil_release_for_blocking(ts);
        for (;;) {
            int64_t remaining = -1;
            if (deadline >= 0) {
                int64_t now = lock_now_ns();
                remaining = deadline > now ? deadline - now : 0;
            }
            int64_t slice = signals_slice_ns(ts, remaining);
            r = fn(ctx, slice);
            e = errno;
            /* keep waiting detached while only a slice (not the timeout) ran out */
            if (r != 0 || slice == remaining || signals_pending()) break;
        }
        gil_reacquire_after_blocking(ts);
        if (r < 0 && e != EINTR) {
            os_error(ts, e, NULL, NULL);
            return -1;
        }
        if (signals_check(ts) < 0) return -1;
        if (r > 0) return r;
        if (r == 0 && deadline >= 0 && lock_now_ns() >= deadline) return 0;
    }
}

/* The CLOCK_MONOTONIC deadline `ns` from now (-1 stays forever). */
static int64_t deadline_after(int64_t ns) {
    if (ns < 0) return -1;
    int64_t now = lock_now_ns();
    return ns > INT64_MAX - now ? INT64_MAX : now + ns;
}

/* ---- select() ---------------------------------------------------------------- */

/* One of select()'s three lists: its objects (a new list of the items) and
 * their descriptors. */
typedef struct FdList {
    TrObject *items;   /* owned list, or NULL */
    int *fds;          /* malloc'd, one per item */
    size_t n;
} FdList;

static void fdlist_clear(FdList *l) {
    tr_xdecref(l->items);
    free(l->fds);
    memset(l, 0, sizeof *l);
}

/* Fills `l` from the iterable `seq` and adds its descriptors to `set`,
 * raising max_fd.  0 or -1. */
static int fdlist_fill(TrThread *ts, TrObject *seq, FdList *l, fd_set *set, int *max_fd) {
    TrObject *it = tr_iter(ts, seq);
    if (!it) {
        if (err_matches(ts, &tr_exc_TypeError)) {
            err_clear(ts);
            err_set(ts, &tr_exc_TypeError, "arguments 1-3 must be sequences");
        }
        return -1;
    }
    l->items = list_new(ts, 0);
    if (!l->items) { tr_decref(it); return -1; }
    TrObject *o;
    while ((o = tr_next(ts, it)) != NULL) {
        if (list_append_take(ts, l->items, o) < 0) { tr_decref(it); return -1; }
    }
    tr_decref(it);
    if (err_occurred(ts)) return -1;
    l->n = list_size(l->items);
    l->fds = malloc((l->n ? l->n : 1) * sizeof(int));
    if (!l->fds) { err_nomemory(ts); return -1; }
    for (size_t i = 0; i < l->n; i++) {
        TrObject *item = list_get(ts, l->items, (ssize_t)i);
        if (!item) return -1;
        int fd, r = fd_of(ts, item, &fd);
        tr_decref(item);
        if (r < 0) return -1;
        if (fd >= FD_SETSIZE) {
            err_set(ts, &tr_exc_ValueError, "filedescriptor out of range in select()");
            return -1;
        }
        l->fds[i] = fd;
        FD_SET(fd, set);
        if (fd > *max_fd) *max_fd = fd;
    }
    return 0;
}

/* The items of `l` whose descriptor is in `set`, in order.  New reference. */
static TrObject *fdlist_ready(TrThread *ts, const FdList *l, const fd_set *set) {
    TrObject *out = list_new(ts, 0);
    for (size_t i = 0; out && i < l->n; i++) {
        if (!FD_ISSET(l->fds[i], set)) continue;
        TrObject *item = list_get(ts, l->items, (ssize_t)i);
        if (!item || list_append_take(ts, out, item) < 0) TR_CLEAR(out);
    }
    return out;
}

typedef struct SelectCtx {
    int nfds;
    fd_set want[3], got[3];
} SelectCtx;

static int select_once(void *p, int64_t slice_ns) {
    SelectCtx *c = p;
    memcpy(c->got, c->want, sizeof c->got);
    struct timeval tv, *tvp = NULL;
    if (slice_ns >= 0) {
        int64_t us = (slice_ns + 999) / 1000;
        tv.tv_sec = (time_t)(us / 1000000);
        tv.tv_usec = (suseconds_t)(us % 1000000);
        tvp = &tv;
    }
    return select(c->nfds, &c->got[0], &c->got[1], &c->got[2], tvp);
}

/* select(rlist, wlist, xlist[, timeout]) -> (ready rlist, wlist, xlist). */
static TrObject *select_select(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_no_kwargs(ts, "select.select", kwnames) < 0) return NULL;
    if (tr_check_nargs(ts, "select", nargs, 3, 4) < 0) return NULL;
    int64_t timeout_ns;
    if (timeout_arg(ts, nargs > 3 ? args[3] : NULL, 1e9, "timeout must be a float or None", 0, 9.2233720368e18,
                    "timestamp out of range for platform time_t", &timeout_ns) < 0)
        return NULL;
    SelectCtx *c = calloc(1, sizeof *c);
    if (!c) return err_nomemory(ts);
    FdList lists[3];
    memset(lists, 0, sizeof lists);
    TrObject *result = NULL;
    int max_fd = -1;
    for (int i = 0; i < 3; i++) {
        FD_ZERO(&c->want[i]);
        if (fdlist_fill(ts, args[i], &lists[i], &c->want[i], &max_fd) < 0) goto done;
    }
    c->nfds = max_fd + 1;
    int n = wait_loop(ts, select_once, c, deadline_after(timeout_ns));
    if (n < 0) goto done;
    if (n == 0)
        for (int i = 0; i < 3; i++) FD_ZERO(&c->got[i]);
    TrObject *r0 = fdlist_ready(ts, &lists[0], &c->got[0]);
    TrObject *r1 = r0 ? fdlist_ready(ts, &lists[1], &c->got[1]) : NULL;
    TrObject *r2 = r1 ? fdlist_ready(ts, &lists[2], &c->got[2]) : NULL;
    if (r2 && (result = tuple_new(ts, 3)) != NULL) {
        TrObject **items = ((TrTuple *)result)->items;
        items[0] = r0; items[1] = r1; items[2] = r2;
    } else {
        tr_xdecref(r0); tr_xdecref(r1); tr_xdecref(r2);
    }
done:
    for (int i = 0; i < 3; i++) fdlist_clear(&lists[i]);
    free(c);
    return result;
}

/* ---- poll objects -------------------------------------------------------------- */

/* Registered descriptors in registration order (poll() reports them in that
 * order, as CPython's dict does). */
typedef struct TrPoll {
    TrObject ob_base;
    struct pollfd *fds;   /* owned; [0, n) registered; guarded by the critical section */
    size_t n, cap;
    bool running;         /* a poll() is waiting on a copy; guarded by the critical section */
} TrPoll;

static TrType tr_poll_type;

static void poll_dealloc(TrThread *ts, TrObject *self) {
    free(((TrPoll *)self)->fds);
    tr_free(self);
}

/* Index of `fd` in the table, or -1.  Under the critical section. */
static ssize_t poll_find(TrPoll *p, int fd) {
    for (size_t i = 0; i < p->n; i++)
        if (p->fds[i].fd == fd) return (ssize_t)i;
    return -1;
}

/* An event mask for poll: an int in [0, 65535].  0 or -1. */
static int poll_mask_arg(TrThread *ts, TrObject *o, short *out) {
    if (!int_check(o)) {
        err_set(ts, &tr_exc_TypeError, "an integer is required");
        return -1;
    }
    if (int_sign(o) < 0) {
        err_set(ts, &tr_exc_ValueError, "value must be positive");
        return -1;
    }
    int overflow = 0;
    int64_t v = int_as_i64_overflow(o, &overflow);
    if (overflow || v > 0xFFFF) {
        err_set(ts, &tr_exc_OverflowError, "Python int too large for C unsigned short");
        return -1;
    }
    *out = (short)(unsigned short)v;
    return 0;
}

/* register(fd[, eventmask]) / modify(fd, eventmask): `must_exist` is
 * modify's: ENOENT (FileNotFoundError) when fd is not registered. */
static TrObject *poll_set(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames,
                          const char *fname, int must_exist) {
    if (tr_check_no_kwargs(ts, must_exist ? "poll.modify" : "poll.register", kwnames) < 0) return NULL;
    if (tr_check_nargs(ts, fname, nargs, must_exist ? 2 : 1, 2) < 0) return NULL;
    int fd;
    short mask = POLLIN | POLLPRI | POLLOUT;
    if (fd_of(ts, args[0], &fd) < 0) return NULL;
    if (nargs > 1 && poll_mask_arg(ts, args[1], &mask) < 0) return NULL;
    TrPoll *p = (TrPoll *)self;
    int err = 0;
    TR_BEGIN_CRITICAL(ts, p);
    ssize_t i = poll_find(p, fd);
    if (i >= 0) {
        p->fds[i].events = mask;
    } else if (must_exist) {
        err = ENOENT;
    } else {
        if (p->n == p->cap) {
            size_t cap = p->cap ? p->cap * 2 : 8;
            struct pollfd *nf = realloc(p->fds, cap * sizeof *nf);
            if (nf) { p->fds = nf; p->cap = cap; }
        }
        if (p->n < p->cap) p->fds[p->n++] = (struct pollfd){.fd = fd, .events = mask};
        else err = ENOMEM;
    }
    TR_END_CRITICAL(ts);
    if (err == ENOMEM) return err_nomemory(ts);
    if (err) return os_error(ts, err, NULL, NULL);
    return tr_none;
}

static TrObject *poll_register(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return poll_set(ts, self, args, nargs, kwnames, "register", 0);
}

static TrObject *poll_modify(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return poll_set(ts, self, args, nargs, kwnames, "modify", 1);
}

static TrObject *poll_unregister(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "poll.unregister", nargs, kwnames, 1, 1) < 0) return NULL;
    int fd;
    if (fd_of(ts, args[0], &fd) < 0) return NULL;
    TrPoll *p = (TrPoll *)self;
    ssize_t i;
    TR_BEGIN_CRITICAL(ts, p);
    i = poll_find(p, fd);
    if (i >= 0) {
        memmove(&p->fds[i], &p->fds[i + 1], (p->n - (size_t)i - 1) * sizeof *p->fds);
        p->n--;
    }
    TR_END_CRITICAL(ts);
    if (i < 0) {
        TrObject *key = int_from_i64(ts, fd);
        if (key) { err_set_value(ts, &tr_exc_KeyError, key); tr_decref(key); }
        return NULL;
    }
    return tr_none;
}

typedef struct PollCtx { struct pollfd *fds; size_t n; } PollCtx;

static int poll_once(void *p, int64_t slice_ns) {
    PollCtx *c = p;
    return poll(c->fds, (nfds_t)c->n, ns_to_ms(slice_ns));
}

/* poll([timeout]) -> [(fd, events), ...]; timeout in milliseconds. */
static TrObject *poll_poll(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_no_kwargs(ts, "poll.poll", kwnames) < 0) return NULL;
    if (tr_check_nargs(ts, "poll", nargs, 0, 1) < 0) return NULL;
    int64_t timeout_ns;
    if (timeout_arg(ts, nargs ? args[0] : NULL, 1e6, "timeout must be an integer or None", 1, (double)INT_MAX * 1e6,
                    "timeout is too large", &timeout_ns) < 0)
        return NULL;
    TrPoll *p = (TrPoll *)self;
    PollCtx c = {NULL, 0};
    int busy = 0, nomem = 0;
    TR_BEGIN_CRITICAL(ts, p);
    if (p->running) {
        busy = 1;
    } else {
        c.n = p->n;
        c.fds = malloc((c.n ? c.n : 1) * sizeof *c.fds);
        if (c.fds) {
            memcpy(c.fds, p->fds, c.n * sizeof *c.fds);
            p->running = true;
        } else {
            nomem = 1;
        }
    }
    TR_END_CRITICAL(ts);
    if (busy) return err_format(ts, &tr_exc_RuntimeError, "concurrent poll() invocation");
    if (nomem) return err_nomemory(ts);
    int n = wait_loop(ts, poll_once, &c, deadline_after(timeout_ns));
    TR_BEGIN_CRITICAL(ts, p);
    p->running = false;
    TR_END_CRITICAL(ts);
    TrObject *out = n < 0 ? NULL : list_new(ts, 0);
    for (size_t i = 0; out && n > 0 && i < c.n; i++) {
        if (!c.fds[i].revents) continue;
        TrObject *pair = tuple_pair_take(ts, int_from_i64(ts, c.fds[i].fd),
                                         int_from_i64(ts, (unsigned short)c.fds[i].revents));
        if (!pair || list_append_take(ts, out, pair) < 0) TR_CLEAR(out);
    }
    free(c.fds);
    return out;
}

static const TrMethodDef poll_methods[] = {
    {"register", poll_register},
    {"modify", poll_modify},
    {"unregister", poll_unregister},
    {"poll", poll_poll},
    {NULL, NULL}
};

static TrType tr_poll_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "select.poll",
    .basicsize = sizeof(TrPoll),
    .dealloc = poll_dealloc,
    .methods = poll_methods,
};

/* select.poll(): a new, empty poll object. */
static TrObject *select_poll(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "select.poll", nargs, kwnames, 0, 0) < 0) return NULL;
    return tr_alloc(ts, &tr_poll_type);
}

/* ---- epoll objects --------------------------------------------------------------- */

typedef struct TrEpoll {
    TrObject ob_base;
    uint32_t epfd;   /* the descriptor as a uint32 (-1 once closed): written in the
                      * critical section, read with a relaxed atomic load */
} TrEpoll;

static TrType tr_epoll_type;

static int epfd_of(TrObject *self) { return (int)atomic_load_u32_relaxed(&((TrEpoll *)self)->epfd); }

static TrObject *closed_error(TrThread *ts) {
    return err_format(ts, &tr_exc_ValueError, "I/O operation on closed epoll object");
}

/* Closes the descriptor (once).  0 or an errno. */
static int epoll_close_fd(TrThread *ts, TrObject *self) {
    int fd;
    TR_BEGIN_CRITICAL(ts, self);
    fd = epfd_of(self);
    atomic_store_u32_relaxed(&((TrEpoll *)self)->epfd, (uint32_t)-1);
    TR_END_CRITICAL(ts);
    if (fd < 0) return 0;
    int r, e = 0;
    gil_release_for_blocking(ts);
    r = close(fd);
    e = errno;
    gil_reacquire_after_blocking(ts);
    return r < 0 && e != EINTR ? e : 0;
}

static void epoll_dealloc(TrThread *ts, TrObject *self) {
    int fd = (int)((TrEpoll *)self)->epfd;   /* the last reference: no other thread can see it */
    if (fd >= 0) close(fd);
    tr_free(self);
}

/* A new epoll object of `type` owning descriptor `fd` (closed on failure). */
static TrObject *epoll_wrap(TrThread *ts, TrType *type, int fd) {
    TrObject *o = tr_alloc(ts, type);
    if (!o) { close(fd); return NULL; }
    ((TrEpoll *)o)->epfd = (uint32_t)fd;
    return o;
}

/* epoll(sizehint=-1, flags=0): a new epoll descriptor (close-on-exec). */
static TrObject *epoll_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"sizehint", "flags"};
    TrObject *a[2];
    if (args_parse_clinic(ts, "epoll", args, nargs, kwnames, names, 2, 0, 0, a) < 0) return NULL;
    int sizehint = -1, flags = 0;
    if (a[0] && os_int_arg(ts, a[0], &sizehint) < 0) return NULL;
    if (a[1] && os_int_arg(ts, a[1], &flags) < 0) return NULL;
    if (sizehint == 0 || sizehint < -1) return err_format(ts, &tr_exc_ValueError, "negative sizehint");
    /* `flags` is obsolete: the descriptor is always close-on-exec */
    int fd = epoll_create1(EPOLL_CLOEXEC);
    if (fd < 0) return os_error(ts, errno, NULL, NULL);
    return epoll_wrap(ts, type, fd);
}

/* epoll.fromfd(fd): an epoll object taking over descriptor `fd`. */
static TrObject *epoll_fromfd(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "epoll.fromfd", nargs, kwnames, 1, 1) < 0) return NULL;
    int fd;
    if (os_int_arg(ts, args[0], &fd) < 0) return NULL;
    TrType *type = tr_isinstance(self, &tr_type_type) ? (TrType *)self : &tr_epoll_type;
    TrObject *o = tr_alloc(ts, type);
    if (o) ((TrEpoll *)o)->epfd = (uint32_t)fd;
    return o;
}

static TrObject *epoll_close(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "epoll.close", nargs, kwnames, 0, 0) < 0) return NULL;
    int e = epoll_close_fd(ts, self);
    return e ? os_error(ts, e, NULL, NULL) : tr_none;
}

static TrObject *epoll_fileno(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "epoll.fileno", nargs, kwnames, 0, 0) < 0) return NULL;
    int fd = epfd_of(self);
    return fd < 0 ? closed_error(ts) : int_from_i64(ts, fd);
}

/* epoll_ctl(op) for register / modify / unregister. */
static TrObject *epoll_ctl_common(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames,
                                  const char *fname, int op) {
    static const char *const names[] = {"fd", "eventmask"};
    TrObject *a[2];
    size_t npos = op == EPOLL_CTL_DEL ? 1 : 2, nreq = op == EPOLL_CTL_MOD ? 2 : 1;
    if (args_parse_clinic(ts, fname, args, nargs, kwnames, names, npos, nreq, 0, a) < 0) return NULL;
    int fd;
    if (fd_of(ts, a[0], &fd) < 0) return NULL;
    uint32_t mask = EPOLLIN | EPOLLPRI | EPOLLOUT;
    if (npos > 1 && a[1]) {
        int64_t v;
        if (!int_check(a[1]))
            return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                              tr_type_name(a[1]));
        if (tr_index_i64(ts, a[1], &v) < 0) return NULL;
        mask = (uint32_t)v;   /* 'I': no range check, as in CPython */
    }
    int epfd = epfd_of(self);
    if (epfd < 0) return closed_error(ts);
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = mask;
    ev.data.fd = fd;
    if (epoll_ctl(epfd, op, fd, &ev) < 0) return os_error(ts, errno, NULL, NULL);
    return tr_none;
}

static TrObject *epoll_register(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return epoll_ctl_common(ts, self, args, nargs, kwnames, "register", EPOLL_CTL_ADD);
}

static TrObject *epoll_modify(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return epoll_ctl_common(ts, self, args, nargs, kwnames, "modify", EPOLL_CTL_MOD);
}

static TrObject *epoll_unregister(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return epoll_ctl_common(ts, self, args, nargs, kwnames, "unregister", EPOLL_CTL_DEL);
}

typedef struct EpollCtx { int epfd, max; struct epoll_event *evs; } EpollCtx;

static int epoll_once(void *p, int64_t slice_ns) {
    EpollCtx *c = p;
    return epoll_wait(c->epfd, c->evs, c->max, ns_to_ms(slice_ns));
}

/* poll(timeout=None, maxevents=-1) -> [(fd, events), ...]; timeout in seconds. */
static TrObject *epoll_poll(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"timeout", "maxevents"};
    TrObject *a[2];
    if (args_parse_clinic(ts, "poll", args, nargs, kwnames, names, 2, 0, 0, a) < 0) return NULL;
    int64_t timeout_ns;
    if (timeout_arg(ts, a[0], 1e9, "timeout must be an integer or None", 1, (double)INT_MAX * 1e6,
                    "timeout is too large", &timeout_ns) < 0)
        return NULL;
    int maxevents = -1;
    if (a[1] && os_int_arg(ts, a[1], &maxevents) < 0) return NULL;
    if (maxevents == -1) maxevents = FD_SETSIZE - 1;
    else if (maxevents < 1)
        return err_format(ts, &tr_exc_ValueError, "maxevents must be greater than 0, got %d", maxevents);
    EpollCtx c = {epfd_of(self), maxevents, NULL};
    if (c.epfd < 0) return closed_error(ts);
    c.evs = malloc((size_t)maxevents * sizeof *c.evs);
    if (!c.evs) return err_nomemory(ts);
    int n = wait_loop(ts, epoll_once, &c, deadline_after(timeout_ns));
    TrObject *out = n < 0 ? NULL : list_new(ts, 0);
    for (int i = 0; out && i < n; i++) {
        TrObject *pair = tuple_pair_take(ts, int_from_i64(ts, c.evs[i].data.fd), int_from_i64(ts, c.evs[i].events));
        if (!pair || list_append_take(ts, out, pair) < 0) TR_CLEAR(out);
    }
    free(c.evs);
    return out;
}

static TrObject *epoll_enter(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "epoll.__enter__", nargs, kwnames, 0, 0) < 0) return NULL;
    if (epfd_of(self) < 0) return closed_error(ts);
    return tr_newref(self);
}

static TrObject *epoll_exit(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_no_kwargs(ts, "epoll.__exit__", kwnames) < 0) return NULL;
    if (tr_check_nargs(ts, "__exit__", nargs, 0, 3) < 0) return NULL;
    int e = epoll_close_fd(ts, self);
    return e ? os_error(ts, e, NULL, NULL) : tr_none;
}

/* The getter of the `closed` property: called with the epoll object. */
static TrObject *epoll_closed_get(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (nargs != 1 || !tr_isinstance(args[0], &tr_epoll_type))
        return err_format(ts, &tr_exc_TypeError, "descriptor 'closed' needs a 'select.epoll' object");
    return tr_bool(epfd_of(args[0]) < 0);
}

static const TrMethodDef epoll_methods[] = {
    {"close", epoll_close},
    {"fileno", epoll_fileno},
    {"register", epoll_register},
    {"modify", epoll_modify},
    {"unregister", epoll_unregister},
    {"poll", epoll_poll},
    {"__enter__", epoll_enter},
    {"__exit__", epoll_exit},
    {NULL, NULL}
};

static TrType tr_epoll_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "select.epoll",
    .basicsize = sizeof(TrEpoll),
    .dealloc = epoll_dealloc,
    .new_ = epoll_new,
    .methods = epoll_methods,
};

/* ---- the module ---------------------------------------------------------------------- */

static const TrMethodDef select_functions[] = {
    {"select", select_select},
    {"poll", select_poll},
    {NULL, NULL}
};

typedef struct IntConst { const char *name; long value; } IntConst;
#define C(x) {#x, (long)(x)}
static const IntConst select_consts[] = {
    C(POLLIN), C(POLLPRI), C(POLLOUT), C(POLLERR), C(POLLHUP), C(POLLNVAL), C(POLLRDNORM), C(POLLRDBAND),
    C(POLLWRNORM), C(POLLWRBAND), C(POLLMSG), C(POLLRDHUP),
    C(EPOLLIN), C(EPOLLOUT), C(EPOLLPRI), C(EPOLLERR), C(EPOLLHUP), C(EPOLLRDHUP), C(EPOLLET),
    C(EPOLLONESHOT), C(EPOLLEXCLUSIVE), C(EPOLLRDNORM), C(EPOLLRDBAND), C(EPOLLWRNORM), C(EPOLLWRBAND),
    C(EPOLLMSG), C(EPOLL_CLOEXEC), C(PIPE_BUF),
};
#undef C

TrObject *select_module_init(TrThread *ts) {
    if (!(tr_poll_type.flags & TR_TPFLAG_READY) && type_ready(ts, &tr_poll_type) < 0) return NULL;
    if (!(tr_epoll_type.flags & TR_TPFLAG_READY)) {
        if (type_ready(ts, &tr_epoll_type) < 0) return NULL;
        /* fromfd is a class method: bound to the type itself */
        TrObject *f = cfunction_new(ts, "fromfd", epoll_fromfd, (TrObject *)&tr_epoll_type);
        if (!f) return NULL;
        tr_make_immortal(f);
        int r = dict_set_cstr(ts, tr_epoll_type.dict, "fromfd", f);
        tr_decref(f);
        if (r < 0) return NULL;
        /* closed: a read-only property */
        TrObject *g = cfunction_new(ts, "closed", epoll_closed_get, NULL);
        TrObject *prop = g ? tr_call(ts, (TrObject *)&tr_property_type, &g, 1, NULL) : NULL;
        tr_xdecref(g);
        if (!prop) return NULL;
        tr_make_immortal(prop);
        r = dict_set_cstr(ts, tr_epoll_type.dict, "closed", prop);
        tr_decref(prop);
        if (r < 0) return NULL;
    }
    TrObject *m = module_new(ts, "select");
    if (!m) return NULL;
    TrObject *d = module_dict(m);
    if (module_add_functions(ts, m, select_functions) < 0) goto fail;
    if (dict_set_cstr(ts, d, "error", (TrObject *)&tr_exc_OSError) < 0 ||
        dict_set_cstr(ts, d, "epoll", (TrObject *)&tr_epoll_type) < 0)
        goto fail;
    for (size_t i = 0; i < sizeof select_consts / sizeof select_consts[0]; i++) {
        TrObject *v = int_from_i64(ts, select_consts[i].value);
        int r = v ? dict_set_cstr(ts, d, select_consts[i].name, v) : -1;
        tr_xdecref(v);
        if (r < 0) goto fail;
    }
    return m;
fail:
    tr_decref(m);
    return NULL;
}
