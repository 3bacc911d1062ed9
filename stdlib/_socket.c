/* stdlib/_socket.c: the `_socket` module: the socket type ("_socket.socket",
 * which socket.py subclasses), name resolution (getaddrinfo, gethostbyname,
 * getservbyname, ...), address conversions (inet_aton/ntoa/pton/ntop), byte
 * order (htons, ...), CMSG_LEN / CMSG_SPACE for sendmsg / recvmsg, the
 * default timeout and the AF_ / SOCK_ / SO_ / ... constants.  gaierror and herror are OSError subclasses; timeout is
 * TimeoutError.
 *
 * Timeouts: `timeout_ns` is -1 (blocking), 0 (non-blocking) or a positive
 * number of nanoseconds.  A socket with a timeout keeps its descriptor in
 * O_NONBLOCK mode and waits with poll(2) (signals_wait_fd) before each system
 * call, raising TimeoutError('timed out') when the deadline passes.  A
 * descriptor adopted through `fileno` keeps its own mode when blocking.
 * Blocking: every system call that may wait runs detached
 * (gil_release_for_blocking) and touches only C copies meanwhile (the
 * descriptor number, a private buffer, a sockaddr).  The main thread waits
 * for readiness in poll(2) together with the signal self-pipe, so a signal
 * runs its Python handler (KeyboardInterrupt is raised) while it blocks;
 * EINTR retries the call after the handlers ran (PEP 475).
 * Threads: `fd`, `users` and `pending_fd` are written only inside the
 * socket's critical section; `fd` and `timeout_ns` are also read with
 * relaxed atomic loads outside it.  `family`, `type` and `proto` are written
 * by __init__ only (before the object is shared) and read plainly.
 * Every call on the descriptor counts itself in `users` for its duration
 * (use_begin / use_end).  close() while another thread is inside a call
 * does not close the descriptor under it (its number could be reused by an
 * unrelated open): it sets `fd` to -1, shuts the socket down so the blocked
 * call returns, and leaves the close(2) to the last user leaving; that call
 * then fails with EBADF, as any call on a closed socket does.
 * Lock order: only the socket's own critical section, never held across a
 * system call that may block or across Python code. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "torii/torii.h"
#include "torii/bytes.h"
#include "torii/class.h"
#include "torii/func.h"
#include "torii/memoryview.h"
#include "stdlib/stdlib.h"
#include "stdlib/posargs.h"
#include "threads/atomic.h"
#include "threads/lock.h"
#include "threads/signals.h"

typedef struct TrSocket {
    TrObject ob_base;
    uint32_t fd;          /* descriptor as uint32, (uint32_t)-1 when closed: see the file comment */
    int family, type, proto;   /* written by __init__ only; `type` without SOCK_NONBLOCK / SOCK_CLOEXEC */
    uint64_t timeout_ns;  /* int64 as uint64: -1 blocking, 0 non-blocking, else ns; relaxed atomic */
    int users;            /* calls in progress on `fd`; critical section */
    int pending_fd;       /* descriptor closed by the last user, or -1; critical section */
} TrSocket;

TrType tr_socket_type;   /* not static: objects/class.c lets classes extend it */

/* gaierror and herror: immortal classes made once at import (under the import lock). */
static TrObject *gaierror_class, *herror_class;
/* setdefaulttimeout's value, as timeout_ns is kept; relaxed atomic. */
static uint64_t default_timeout_ns = (uint64_t)-1;

#define SOCK(o) ((TrSocket *)(o))

static int fd_of(TrSocket *s) { return (int)atomic_load_u32_relaxed(&s->fd); }
static int64_t timeout_of(TrSocket *s) { return (int64_t)atomic_load_u64_relaxed(&s->timeout_ns); }

/* ---- errors ----------------------------------------------------------------- */

/* OSError (the errno's subclass) for `e`.  Returns NULL. */
static TrObject *sock_errno(TrThread *ts, int e) { return os_error(ts, e, NULL, NULL); }

static TrObject *timeout_error(TrThread *ts) { return err_format(ts, &tr_exc_TimeoutError, "timed out"); }

/* Raises cls(code, msg).  Returns NULL. */
static TrObject *raise_coded(TrThread *ts, TrObject *cls, int code, const char *msg) {
    TrObject *a[2] = {int_from_i64(ts, code), str_from_cstr(ts, msg)};
    TrObject *exc = a[0] && a[1] ? tr_call(ts, cls, a, 2, NULL) : NULL;
    tr_xdecref(a[0]);
    tr_xdecref(a[1]);
    if (exc) err_raise(ts, exc);
    return NULL;
}

/* gaierror for a getaddrinfo / getnameinfo result; EAI_SYSTEM is errno's OSError. */
static TrObject *raise_gai(TrThread *ts, int code, int e) {
    if (code == EAI_SYSTEM) return sock_errno(ts, e);
    return raise_coded(ts, gaierror_class, code, gai_strerror(code));
}

/* OSError with a bare message, as CPython's PyErr_SetString(OSError, ...). */
static TrObject *os_msg(TrThread *ts, const char *msg) { return err_format(ts, &tr_exc_OSError, "%s", msg); }

/* ---- arguments ------------------------------------------------------------- */

#define nargs_check posargs_count   /* stdlib/posargs.h */

/* An int argument converted as 'i' does: via __index__, TypeError "'str'
 * object cannot be interpreted as an integer", OverflowError beyond C int
 * ("signed integer is greater than maximum").  0 or -1. */
static int int_arg(TrThread *ts, TrObject *o, int *out) { return os_int_arg(ts, o, out); }

/* An int64 via __index__ with the same TypeError.  0 or -1. */
static int i64_arg(TrThread *ts, TrObject *o, int64_t *out) {
    if (!int_check(o)) {
        TrType *t = tr_type(o);
        if (!t->number || !t->number->index) {
            err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", tr_type_name(o));
            return -1;
        }
        TrObject *i = t->number->index(ts, o);
        if (!i) return -1;
        int overflow = 0;
        *out = int_as_i64_overflow(i, &overflow);
        tr_decref(i);
        if (overflow) { err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to C long"); return -1; }
        return 0;
    }
    int overflow = 0;
    *out = int_as_i64_overflow(o, &overflow);
    if (overflow) { err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to C long"); return -1; }
    return 0;
}

/* A timeout argument (None, or a number of seconds >= 0) as timeout_ns:
 * ValueError "Timeout value out of range".  0 or -1. */
static int timeout_arg(TrThread *ts, TrObject *o, int64_t *out) {
    if (o == tr_none) { *out = -1; return 0; }
    double v;
    if (float_check(o)) {
        v = float_value(o);
    } else {
        if (!int_check(o)) {
            TrType *t = tr_type(o);
            if (!t->number || !t->number->to_float) {
                /* CPython's _PyTime conversion: an object without __float__ or __index__ */
                err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                           tr_type_name(o));
                return -1;
            }
        }
        v = float_as_double(ts, o);
        if (v == -1.0 && err_occurred(ts)) return -1;
    }
    if (isnan(v)) { err_set(ts, &tr_exc_ValueError, "Invalid value NaN (not a number)"); return -1; }
    if (v < 0) { err_set(ts, &tr_exc_ValueError, "Timeout value out of range"); return -1; }
    double ns = ceil(v * 1e9);
    if (ns > 9.2e18) { err_set(ts, &tr_exc_OverflowError, "timeout doesn't fit into C timeval"); return -1; }
    *out = (int64_t)ns;
    return 0;
}

/* A timeout_ns value as gettimeout() shows it: None or float seconds.  New reference. */
static TrObject *timeout_obj(TrThread *ts, int64_t ns) {
    if (ns < 0) return tr_newref(tr_none);
    return float_new(ts, (double)ns / 1e9);
}

/* A host name argument: str (UTF-8), bytes or bytearray, copied into `buf`.
 * TypeError "`what` str, bytes or bytearray expected, not int" (`prefix`
 * starts the message, "" for none).  0 or -1. */
static int host_arg(TrThread *ts, TrObject *o, char *buf, size_t cap, const char *fmt) {
    const char *p;
    size_t n;
    TrBytesView v = {0};
    if (str_check(o)) {
        p = str_utf8(o);
        n = str_nbytes(o);
    } else if (!tr_is_imm(o) && (bytes_check(o) || bytearray_check(o))) {
        if (bytes_view(ts, o, &v) < 0) return -1;
        p = v.p;
        n = v.n;
    } else {
        err_format(ts, &tr_exc_TypeError, fmt, tr_type_name(o));
        return -1;
    }
    if (n >= cap || memchr(p, 0, n)) {
        bytes_view_release(&v);
        if (n >= cap) err_set(ts, &tr_exc_UnicodeError, "label too long");
        else err_set(ts, &tr_exc_TypeError, "host name must not contain null character");
        return -1;
    }
    memcpy(buf, p, n);
    buf[n] = 0;
    bytes_view_release(&v);
    return 0;
}

/* ---- addresses ----------------------------------------------------------------- */

typedef struct SockAddr {
    struct sockaddr_storage ss;
    socklen_t len;
} SockAddr;

/* Resolves `name` (as CPython's setipaddr: '' any, '<broadcast>', a
 * numeric address, else getaddrinfo) for `family` into `out` (port 0).
 * Detaches around the lookup.  0, or -1 with gaierror. */
static int resolve_host(TrThread *ts, const char *name, int family, SockAddr *out) {
    memset(out, 0, sizeof *out);
    if (family == AF_INET || family == AF_UNSPEC) {
        struct sockaddr_in *a = (struct sockaddr_in *)&out->ss;
        a->sin_family = AF_INET;
        out->len = sizeof *a;
        if (!name[0]) { a->sin_addr.s_addr = htonl(INADDR_ANY); return 0; }
        if (!strcmp(name, "<broadcast>") || !strcmp(name, "255.255.255.255")) {
            a->sin_addr.s_addr = htonl(INADDR_BROADCAST);
            return 0;
        }
        if (inet_pton(AF_INET, name, &a->sin_addr) == 1) return 0;
    }
    if (family == AF_INET6 || family == AF_UNSPEC) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&out->ss;
        if (family == AF_INET6 && !name[0]) {
            a->sin6_family = AF_INET6;
            a->sin6_addr = in6addr_any;
            out->len = sizeof *a;
            return 0;
        }
        if (!strchr(name, '%') && inet_pton(AF_INET6, name, &a->sin6_addr) == 1) {
            a->sin6_family = AF_INET6;
            out->len = sizeof *a;
            return 0;
        }
    }
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = family;
    int rc, e;
    gil_release_for_blocking(ts);
    rc = getaddrinfo(name, NULL, &hints, &res);
    e = errno;
    gil_reacquire_after_blocking(ts);
    if (rc) { raise_gai(ts, rc, e); return -1; }
    memset(out, 0, sizeof *out);
    if (res->ai_addrlen > sizeof out->ss) res->ai_addrlen = sizeof out->ss;
    memcpy(&out->ss, res->ai_addr, res->ai_addrlen);
    out->len = res->ai_addrlen;
    freeaddrinfo(res);
    return 0;
}

/* A port as CPython's 'i' then range check: OverflowError "bind(): port must be 0-65535.". */
static int port_arg(TrThread *ts, const char *caller, TrObject *o, int *port) {
    int64_t v;
    if (i64_arg(ts, o, &v) < 0) return -1;
    if (v < 0 || v > 65535) {
        err_format(ts, &tr_exc_OverflowError, "%s(): port must be 0-65535.", caller);
        return -1;
    }
    *port = (int)v;
    return 0;
}

/* 1 if `o`'s type defines __fspath__ (an os.PathLike), else 0. */
static int has_fspath(TrThread *ts, TrObject *o) {
    if (tr_is_imm(o) || int_check(o)) return 0;
    TrObject *name = str_intern_cstr(ts, "__fspath__");
    TrObject *fn = name ? type_lookup(ts, tr_type(o), name) : NULL;
    if (!fn) { err_clear(ts); return 0; }
    tr_decref(fn);
    return 1;
}

/* Converts the Python address `o` for socket `s` (its family) into `out`,
 * for method `caller` ("bind", "connect", "sendto").  0 or -1. */
static int addr_parse(TrThread *ts, TrSocket *s, TrObject *o, const char *caller, SockAddr *out) {
    memset(out, 0, sizeof *out);
    switch (s->family) {
    case AF_UNIX: {
        struct sockaddr_un *a = (struct sockaddr_un *)&out->ss;
        TrObject *path = NULL;
        if (str_check(o) || (!tr_is_imm(o) && (bytes_check(o) || bytearray_check(o)))) {
            path = tr_newref(o);
        } else if (has_fspath(ts, o)) {
            path = os_fspath(ts, o);
            if (!path) return -1;
        } else {
            err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%s'", tr_type_name(o));
            return -1;
        }
        TrBytesView v = {0};
        const char *p;
        size_t n;
        if (str_check(path)) {
            p = str_utf8(path);
            n = str_nbytes(path);
        } else {
            if (bytes_view(ts, path, &v) < 0) { tr_decref(path); return -1; }
            p = v.p;
            n = v.n;
        }
        int too_long = n > sizeof a->sun_path || (n == sizeof a->sun_path && p[0] != 0);
        if (!too_long) {
            a->sun_family = AF_UNIX;
            memcpy(a->sun_path, p, n);
            /* an abstract name (leading NUL) counts exactly its bytes */
            out->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + (n && p[0] ? 1 : 0));
            if (n == 0) out->len = (socklen_t)offsetof(struct sockaddr_un, sun_path);
        }
        bytes_view_release(&v);
        tr_decref(path);
        if (too_long) { err_set(ts, &tr_exc_OSError, "AF_UNIX path too long"); return -1; }
        return 0;
    }
    case AF_INET:
    case AF_INET6: {
        int six = s->family == AF_INET6;
        if (!tuple_check(o)) {
            err_format(ts, &tr_exc_TypeError, "%s(): %s address must be tuple, not %s", caller,
                       six ? "AF_INET6" : "AF_INET", tr_type_name(o));
            return -1;
        }
        size_t n = tuple_size(o);
        if (six ? (n < 2 || n > 4) : n != 2) {
            err_set(ts, &tr_exc_TypeError, six ? "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])"
                                               : "AF_INET address must be a pair (host, port)");
            return -1;
        }
        char host[1025];
        int port;
        if (host_arg(ts, tuple_get(o, 0), host, sizeof host, "str, bytes or bytearray expected, not %s") < 0) return -1;
        if (port_arg(ts, caller, tuple_get(o, 1), &port) < 0) return -1;
        int64_t flowinfo = 0, scope = 0;
        if (n > 2 && i64_arg(ts, tuple_get(o, 2), &flowinfo) < 0) return -1;
        if (n > 3 && i64_arg(ts, tuple_get(o, 3), &scope) < 0) return -1;
        if (flowinfo < 0 || flowinfo > 0xfffff) {
            err_format(ts, &tr_exc_OverflowError, "%s(): flowinfo must be 0-1048575.", caller);
            return -1;
        }
        if (resolve_host(ts, host, s->family, out) < 0) return -1;
        if (six) {
            struct sockaddr_in6 *a = (struct sockaddr_in6 *)&out->ss;
            a->sin6_port = htons((uint16_t)port);
            a->sin6_flowinfo = htonl((uint32_t)flowinfo);
            if (n > 3) a->sin6_scope_id = (uint32_t)scope;
        } else {
            ((struct sockaddr_in *)&out->ss)->sin_port = htons((uint16_t)port);
        }
        return 0;
    }
    default:
        err_format(ts, &tr_exc_OSError, "%s(): bad family", caller);
        return -1;
    }
}

/* The Python form of a socket address: (host, port) for AF_INET, (host,
 * port, flowinfo, scope_id) for AF_INET6, the path (str; bytes for an
 * abstract name) for AF_UNIX, '' / None when empty.  New reference. */
static TrObject *addr_make(TrThread *ts, const struct sockaddr *sa, socklen_t len) {
    if (len == 0) return tr_newref(tr_none);
    char buf[INET6_ADDRSTRLEN];
    switch (sa->sa_family) {
    case AF_INET: {
        const struct sockaddr_in *a = (const struct sockaddr_in *)sa;
        inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
        return tuple_pair_take(ts, str_from_cstr(ts, buf), int_from_i64(ts, ntohs(a->sin_port)));
    }
    case AF_INET6: {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)sa;
        inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
        TrObject *t = tuple_new(ts, 4);
        if (!t) return NULL;
        tuple_set_take(t, 0, str_from_cstr(ts, buf));
        tuple_set_take(t, 1, int_from_i64(ts, ntohs(a->sin6_port)));
        tuple_set_take(t, 2, int_from_i64(ts, ntohl(a->sin6_flowinfo)));
        tuple_set_take(t, 3, int_from_i64(ts, a->sin6_scope_id));
        for (int i = 0; i < 4; i++)
            if (!tuple_get(t, i)) { tr_decref(t); return NULL; }
        return t;
    }
    case AF_UNIX: {
        const struct sockaddr_un *a = (const struct sockaddr_un *)sa;
        size_t off = offsetof(struct sockaddr_un, sun_path);
        size_t n = len > off ? len - off : 0;
        if (n && a->sun_path[0] == 0) return bytes_from(ts, a->sun_path, n);   /* abstract namespace */
        n = strnlen(a->sun_path, n);
        return os_name_from(ts, a->sun_path, n, 0);
    }
    default: {
        TrObject *fam = int_from_i64(ts, sa->sa_family);
        return tuple_pair_take(ts, fam, bytes_from(ts, sa->sa_data, sizeof sa->sa_data));
    }
    }
}

/* ---- calls on the descriptor ---------------------------------------------------- */

/* Counts a call in; its descriptor in *fd.  -1 with OSError EBADF when closed. */
static int use_begin(TrThread *ts, TrSocket *s, int *fd) {
    int f;
    TR_BEGIN_CRITICAL(ts, s);
    f = fd_of(s);
    if (f >= 0) s->users++;
    TR_END_CRITICAL(ts);
    if (f < 0) { sock_errno(ts, EBADF); return -1; }
    *fd = f;
    return 0;
}

/* Counts a call out; the last one out closes a descriptor close() left to it. */
static void use_end(TrThread *ts, TrSocket *s) {
    int pending = -1;
    TR_BEGIN_CRITICAL(ts, s);
    if (--s->users == 0 && s->pending_fd >= 0) {
        pending = s->pending_fd;
        s->pending_fd = -1;
    }
    TR_END_CRITICAL(ts);
    if (pending >= 0) close(pending);
}

/* One attempt of an operation on `fd`: the system call's result (>= 0) or
 * -1 with errno.  Runs detached: must touch no object. */
typedef ssize_t (*io_fn)(int fd, void *ctx);

/* Runs `fn` on the socket's descriptor as the file comment describes:
 * `events` is what to wait for (POLLIN / POLLOUT) when the socket has a
 * timeout.  Returns the call's result, or -1 with the exception set
 * (OSError from errno, TimeoutError, EBADF once closed, what a signal
 * handler raised).  `until`, when not NULL, shares one deadline among
 * several calls (sendall's timeout bounds the whole send): 0 on the first,
 * which stores the deadline there (-1: none). */
static ssize_t sock_call_until(TrThread *ts, TrSocket *s, short events, io_fn fn, void *ctx, int64_t *until) {
    int fd;
    if (use_begin(ts, s, &fd) < 0) return -1;
    int64_t timeout = timeout_of(s);
    int64_t deadline;
    if (until && *until) {
        deadline = *until;
    } else {
        deadline = timeout > 0 ? lock_now_ns() + timeout : -1;
        if (until) *until = deadline;
    }
    int main_thread = signals_is_main(ts);
    ssize_t r = -1;
    for (;;) {
        int e = 0, ready = 1;
        gil_release_for_blocking(ts);
        /* wait first when the call would otherwise not return by itself
         * (a timeout) or could not see signals (the main thread blocking) */
        if (timeout > 0 || (timeout < 0 && main_thread)) {
            ready = signals_wait_fd(ts, fd, events, deadline);
        }
        if (ready) {
            r = fn(fd, ctx);
            e = errno;
        }
        gil_reacquire_after_blocking(ts);
        if (fd_of(s) != fd) { sock_errno(ts, EBADF); r = -1; break; }   /* closed meanwhile */
        if (ready && r >= 0) break;
        if (!ready || e == EINTR) {
            if (signals_check(ts) < 0) { r = -1; break; }
            if (!ready && deadline >= 0 && lock_now_ns() >= deadline) { timeout_error(ts); r = -1; break; }
            continue;
        }
        if ((e == EAGAIN || e == EWOULDBLOCK) && timeout > 0) continue;   /* readiness was spurious */
        sock_errno(ts, e);
        r = -1;
        break;
    }
    use_end(ts, s);
    return r;
}

static ssize_t sock_call(TrThread *ts, TrSocket *s, short events, io_fn fn, void *ctx) {
    return sock_call_until(ts, s, events, fn, ctx, NULL);
}

/* ---- creation -------------------------------------------------------------------- */

/* Puts the descriptor in (non-)blocking mode for `timeout_ns`.  0 or errno. */
static int apply_blocking(int fd, int64_t timeout_ns) {
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0) return errno;
    int want = timeout_ns >= 0 ? fl | O_NONBLOCK : fl & ~O_NONBLOCK;
    if (want != fl && fcntl(fd, F_SETFL, want) < 0) return errno;
    return 0;
}

/* socket.__init__(family=-1, type=-1, proto=-1, fileno=None): opens a new
 * socket (close-on-exec), or adopts `fileno`, reading the family, type and
 * protocol the system reports where they are -1. */
static TrObject *sock_init(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"family", "type", "proto", "fileno"};
    TrObject *a[4];
    if (args_parse_clinic(ts, "socket", args, nargs, kwnames, names, 4, 0, 0, a) < 0) return NULL;
    int family = -1, type = -1, proto = -1, fd = -1;
    if (a[0] && int_arg(ts, a[0], &family) < 0) return NULL;
    if (a[1] && int_arg(ts, a[1], &type) < 0) return NULL;
    if (a[2] && int_arg(ts, a[2], &proto) < 0) return NULL;
    TrSocket *s = SOCK(self);
    int64_t timeout = (int64_t)atomic_load_u64_relaxed(&default_timeout_ns);
    if (a[3] && a[3] != tr_none) {
        int64_t v;
        if (i64_arg(ts, a[3], &v) < 0) return NULL;
        if (v < 0) return err_format(ts, &tr_exc_ValueError, "negative file descriptor");
        if (v > INT_MAX) return err_format(ts, &tr_exc_OverflowError, "file descriptor too large");   /* unlikely */
        fd = (int)v;
        int val;
        socklen_t l = sizeof val;
        if (family == -1) {
            if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &val, &l) < 0) return sock_errno(ts, errno);
            family = val;
        }
        if (type == -1) {
            l = sizeof val;
            if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &val, &l) < 0) return sock_errno(ts, errno);
            type = val;
        }
        if (proto == -1) {
            l = sizeof val;
            if (getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &val, &l) < 0) return sock_errno(ts, errno);
            proto = val;
        }
        if (fcntl(fd, F_GETFL) < 0) return sock_errno(ts, errno);
    } else {
        if (family == -1) family = AF_INET;
        if (type == -1) type = SOCK_STREAM;
        if (proto == -1) proto = 0;
        fd = socket(family, type | SOCK_CLOEXEC, proto);
        if (fd < 0) return sock_errno(ts, errno);
    }
    if (type & SOCK_NONBLOCK) timeout = 0;
    /* an adopted descriptor keeps its mode unless a timeout needs O_NONBLOCK (as CPython) */
    int adopted = a[3] && a[3] != tr_none;
    int e = adopted && timeout < 0 ? 0 : apply_blocking(fd, timeout);
    if (e) {
        if (!(a[3] && a[3] != tr_none)) close(fd);
        return sock_errno(ts, e);
    }
    int old;
    TR_BEGIN_CRITICAL(ts, s);
    old = fd_of(s);
    s->family = family;
    s->type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    s->proto = proto;
    atomic_store_u64_relaxed(&s->timeout_ns, (uint64_t)timeout);
    atomic_store_u32_relaxed(&s->fd, (uint32_t)fd);
    TR_END_CRITICAL(ts);
    if (old >= 0 && old != fd) close(old);
    return tr_newref(tr_none);
}

static TrObject *sock_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    TrObject *o = tr_alloc(ts, type);
    if (!o) return NULL;
    TrSocket *s = SOCK(o);
    s->fd = (uint32_t)-1;
    s->family = AF_INET;
    s->type = SOCK_STREAM;
    s->proto = 0;
    s->timeout_ns = (uint64_t)-1;
    s->pending_fd = -1;
    /* a subclass's instance is set up by __init__ (class.c's heap_new calls it) */
    if (type == &tr_socket_type) {
        TrObject *r = sock_init(ts, o, args, nargs, kwnames);
        if (!r) { tr_decref(o); return NULL; }
        tr_decref(r);
    }
    return o;
}

static void sock_dealloc(TrThread *ts, TrObject *self) {
    /* the last reference: no call can be in progress */
    int fd = (int)SOCK(self)->fd;
    if (fd >= 0) close(fd);
    if (SOCK(self)->pending_fd >= 0) close(SOCK(self)->pending_fd);
    tr_free(self);
}

static TrObject *sock_repr(TrThread *ts, TrObject *self) {
    TrSocket *s = SOCK(self);
    return str_format(ts, "<socket object, fd=%d, family=%d, type=%d, proto=%d>", fd_of(s), s->family, s->type,
                      s->proto);
}

#define METHOD(name) static TrObject *name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw)

/* ---- simple state -------------------------------------------------------------------- */

METHOD(sock_fileno) {
    if (tr_check_args(ts, "socket.fileno", nargs, kw, 0, 0) < 0) return NULL;
    return int_from_i64(ts, fd_of(SOCK(self)));
}

/* Takes the descriptor away from the object (-1 left); the caller closes it. */
static int take_fd(TrThread *ts, TrSocket *s, int *shut) {
    int fd;
    *shut = 0;
    TR_BEGIN_CRITICAL(ts, s);
    fd = fd_of(s);
    atomic_store_u32_relaxed(&s->fd, (uint32_t)-1);
    if (fd >= 0 && s->users > 0) {
        s->pending_fd = fd;   /* the last user closes it */
        *shut = 1;
    }
    TR_END_CRITICAL(ts);
    return fd;
}

METHOD(sock_close) {
    if (tr_check_args(ts, "socket.close", nargs, kw, 0, 0) < 0) return NULL;
    int shut, fd = take_fd(ts, SOCK(self), &shut);
    if (fd < 0) return tr_newref(tr_none);
    if (shut) {
        shutdown(fd, SHUT_RDWR);   /* wakes the calls blocked on it */
        return tr_newref(tr_none);
    }
    int r, e;
    gil_release_for_blocking(ts);
    r = close(fd);
    e = errno;
    gil_reacquire_after_blocking(ts);
    /* ECONNRESET: the peer reset the connection; the descriptor is closed anyway */
    if (r < 0 && e != ECONNRESET && e != EINTR) return sock_errno(ts, e);
    return tr_newref(tr_none);
}

METHOD(sock_detach) {
    if (tr_check_args(ts, "socket.detach", nargs, kw, 0, 0) < 0) return NULL;
    int fd;
    TrSocket *s = SOCK(self);
    TR_BEGIN_CRITICAL(ts, s);
    fd = fd_of(s);
    atomic_store_u32_relaxed(&s->fd, (uint32_t)-1);
    TR_END_CRITICAL(ts);
    return int_from_i64(ts, fd);
}

METHOD(sock_gettimeout) {
    if (tr_check_args(ts, "socket.gettimeout", nargs, kw, 0, 0) < 0) return NULL;
    return timeout_obj(ts, timeout_of(SOCK(self)));
}

/* Sets the timeout and the descriptor's mode.  NULL or None. */
static TrObject *set_timeout(TrThread *ts, TrSocket *s, int64_t ns) {
    atomic_store_u64_relaxed(&s->timeout_ns, (uint64_t)ns);
    int fd;
    if (use_begin(ts, s, &fd) < 0) return NULL;
    int e = apply_blocking(fd, ns);
    use_end(ts, s);
    if (e) return sock_errno(ts, e);
    return tr_newref(tr_none);
}

METHOD(sock_settimeout) {
    if (tr_check_args(ts, "socket.settimeout", nargs, kw, 1, 1) < 0) return NULL;
    int64_t ns;
    if (timeout_arg(ts, args[0], &ns) < 0) return NULL;
    return set_timeout(ts, SOCK(self), ns);
}

METHOD(sock_setblocking) {
    if (tr_check_args(ts, "socket.setblocking", nargs, kw, 1, 1) < 0) return NULL;
    int t = tr_is_true(ts, args[0]);
    if (t < 0) return NULL;
    return set_timeout(ts, SOCK(self), t ? -1 : 0);
}

METHOD(sock_getblocking) {
    if (tr_check_args(ts, "socket.getblocking", nargs, kw, 0, 0) < 0) return NULL;
    return tr_newref(tr_bool(timeout_of(SOCK(self)) != 0));
}

/* ---- addresses of the socket ---------------------------------------------------------- */

static TrObject *name_of(TrThread *ts, TrObject *self, int peer) {
    TrSocket *s = SOCK(self);
    int fd;
    if (use_begin(ts, s, &fd) < 0) return NULL;
    SockAddr a;
    memset(&a, 0, sizeof a);
    a.len = sizeof a.ss;
    int r = peer ? getpeername(fd, (struct sockaddr *)&a.ss, &a.len) : getsockname(fd, (struct sockaddr *)&a.ss, &a.len);
    int e = errno;
    use_end(ts, s);
    if (r < 0) return sock_errno(ts, e);
    if (a.len <= offsetof(struct sockaddr_un, sun_path) && s->family == AF_UNIX) return str_from_cstr(ts, "");
    return addr_make(ts, (struct sockaddr *)&a.ss, a.len);
}

METHOD(sock_getsockname) {
    if (tr_check_args(ts, "socket.getsockname", nargs, kw, 0, 0) < 0) return NULL;
    return name_of(ts, self, 0);
}

METHOD(sock_getpeername) {
    if (tr_check_args(ts, "socket.getpeername", nargs, kw, 0, 0) < 0) return NULL;
    return name_of(ts, self, 1);
}

METHOD(sock_bind) {
    if (tr_check_args(ts, "socket.bind", nargs, kw, 1, 1) < 0) return NULL;
    TrSocket *s = SOCK(self);
    SockAddr a;
    if (addr_parse(ts, s, args[0], "bind", &a) < 0) return NULL;
    int fd;
    if (use_begin(ts, s, &fd) < 0) return NULL;
    int r = bind(fd, (struct sockaddr *)&a.ss, a.len), e = errno;
    use_end(ts, s);
    if (r < 0) return sock_errno(ts, e);
    return tr_newref(tr_none);
}

METHOD(sock_listen) {
    if (nargs_check(ts, "listen", nargs, kw, 0, 1) < 0) return NULL;
    int backlog = SOMAXCONN < 128 ? SOMAXCONN : 128;
    if (nargs && int_arg(ts, args[0], &backlog) < 0) return NULL;
    if (backlog < 0) backlog = 0;
    TrSocket *s = SOCK(self);
    int fd;
    if (use_begin(ts, s, &fd) < 0) return NULL;
    int r = listen(fd, backlog), e = errno;
    use_end(ts, s);
    if (r < 0) return sock_errno(ts, e);
    return tr_newref(tr_none);
}

METHOD(sock_shutdown) {
    if (tr_check_args(ts, "socket.shutdown", nargs, kw, 1, 1) < 0) return NULL;
    int how;
    if (int_arg(ts, args[0], &how) < 0) return NULL;
    TrSocket *s = SOCK(self);
    int fd;
    if (use_begin(ts, s, &fd) < 0) return NULL;
    int r = shutdown(fd, how), e = errno;
    use_end(ts, s);
    if (r < 0) return sock_errno(ts, e);
    return tr_newref(tr_none);
}

/* ---- accept and connect ----------------------------------------------------------------- */

typedef struct AcceptCtx { SockAddr addr; } AcceptCtx;

static ssize_t accept_once(int fd, void *p) {
    AcceptCtx *c = p;
    c->addr.len = sizeof c->addr.ss;
    return accept4(fd, (struct sockaddr *)&c->addr.ss, &c->addr.len, SOCK_CLOEXEC);
}

/* _accept() -> (fd, address): the new descriptor is blocking and close-on-exec. */
METHOD(sock_accept) {
    if (tr_check_args(ts, "socket._accept", nargs, kw, 0, 0) < 0) return NULL;
    AcceptCtx c;
    memset(&c, 0, sizeof c);
    ssize_t fd = sock_call(ts, SOCK(self), POLLIN, accept_once, &c);
    if (fd < 0) return NULL;
    TrObject *addr = addr_make(ts, (struct sockaddr *)&c.addr.ss, c.addr.len);
    if (!addr) { close((int)fd); return NULL; }
    if (SOCK(self)->family == AF_UNIX && c.addr.len <= offsetof(struct sockaddr_un, sun_path)) {
        tr_decref(addr);
        addr = str_from_cstr(ts, "");
    }
    TrObject *n = int_from_i64(ts, fd);
    return tuple_pair_take(ts, n, addr);
}

/* connect's core: 0 when connected, else the errno (and -1 with an
 * exception set for what is not an errno: a signal handler's exception,
 * TimeoutError, bad arguments).  `raise` is false for connect_ex. */
static int do_connect(TrThread *ts, TrSocket *s, TrObject *addr, const char *caller, int *err) {
    SockAddr a;
    *err = 0;
    if (addr_parse(ts, s, addr, caller, &a) < 0) return -1;
    int fd;
    if (use_begin(ts, s, &fd) < 0) return -1;
    int64_t timeout = timeout_of(s);
    int r, e;
    gil_release_for_blocking(ts);
    r = connect(fd, (struct sockaddr *)&a.ss, a.len);
    e = errno;
    gil_reacquire_after_blocking(ts);
    int rc = 0;
    if (r == 0) goto done;
    if (e == EINTR && signals_check(ts) < 0) { rc = -1; goto done; }
    if (e != EINTR && !(e == EINPROGRESS && timeout != 0)) { *err = e; goto done; }
    /* in progress (or interrupted): wait until writable, then ask SO_ERROR */
    int64_t deadline = timeout > 0 ? lock_now_ns() + timeout : -1;
    for (;;) {
        int ready;
        gil_release_for_blocking(ts);
        ready = signals_wait_fd(ts, fd, POLLOUT, deadline);
        gil_reacquire_after_blocking(ts);
        if (fd_of(s) != fd) { *err = EBADF; goto done; }
        if (ready) break;
        if (signals_check(ts) < 0) { rc = -1; goto done; }
        if (deadline >= 0 && lock_now_ns() >= deadline) {
            timeout_error(ts);
            rc = -1;
            goto done;
        }
    }
    int soerr = 0;
    socklen_t l = sizeof soerr;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &l) < 0) soerr = errno;
    *err = soerr == EINTR ? 0 : soerr;
done:
    use_end(ts, s);
    return rc;
}

METHOD(sock_connect) {
    if (tr_check_args(ts, "socket.connect", nargs, kw, 1, 1) < 0) return NULL;
    int e;
    if (do_connect(ts, SOCK(self), args[0], "connect", &e) < 0) return NULL;
    if (e) return sock_errno(ts, e);
    return tr_newref(tr_none);
}

METHOD(sock_connect_ex) {
    if (tr_check_args(ts, "socket.connect_ex", nargs, kw, 1, 1) < 0) return NULL;
    int e;
    if (do_connect(ts, SOCK(self), args[0], "connect_ex", &e) < 0) return NULL;
    return int_from_i64(ts, e);
}

/* ---- receiving ------------------------------------------------------------------------------ */

typedef struct RecvCtx {
    char *buf;
    size_t n;
    int flags;
    SockAddr from;   /* recvfrom only */
    int want_from;
} RecvCtx;

static ssize_t recv_once(int fd, void *p) {
    RecvCtx *c = p;
    if (!c->want_from) return recv(fd, c->buf, c->n, c->flags);
    c->from.len = sizeof c->from.ss;
    return recvfrom(fd, c->buf, c->n, c->flags, (struct sockaddr *)&c->from.ss, &c->from.len);
}

/* Receives at most `n` bytes into a private buffer: the count, or -1.  The
 * caller frees c->buf. */
static ssize_t recv_common(TrThread *ts, TrObject *self, RecvCtx *c) {
    c->buf = malloc(c->n ? c->n : 1);
    if (!c->buf) { err_nomemory(ts); return -1; }
    return sock_call(ts, SOCK(self), POLLIN, recv_once, c);
}

/* The (size, flags) pair of recv and recvfrom. */
static int size_flags(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kw,
                      RecvCtx *c) {
    if (nargs_check(ts, fname, nargs, kw, 1, 2) < 0) return -1;
    int64_t n;
    if (i64_arg(ts, args[0], &n) < 0) return -1;
    if (n < 0) { err_format(ts, &tr_exc_ValueError, "negative buffersize in %s", fname); return -1; }
    c->n = (size_t)n;
    c->flags = 0;
    if (nargs > 1 && int_arg(ts, args[1], &c->flags) < 0) return -1;
    return 0;
}

METHOD(sock_recv) {
    RecvCtx c;
    memset(&c, 0, sizeof c);
    if (size_flags(ts, "recv", args, nargs, kw, &c) < 0) return NULL;
    if (c.n == 0) return bytes_from(ts, NULL, 0);   /* as CPython: no call, no wait */
    ssize_t n = recv_common(ts, self, &c);
    TrObject *out = n < 0 ? NULL : bytes_from(ts, c.buf, (size_t)n);
    free(c.buf);
    return out;
}

METHOD(sock_recvfrom) {
    RecvCtx c;
    memset(&c, 0, sizeof c);
    if (size_flags(ts, "recvfrom", args, nargs, kw, &c) < 0) return NULL;
    c.want_from = 1;
    ssize_t n = recv_common(ts, self, &c);
    TrObject *out = NULL;
    if (n >= 0) {
        TrObject *data = bytes_from(ts, c.buf, (size_t)n);
        out = tuple_pair_take(ts, data, addr_make(ts, (struct sockaddr *)&c.from.ss, c.from.len));
    }
    free(c.buf);
    return out;
}

/* The writable target of recv_into / recvfrom_into and its size; the
 * bytes received are copied in afterwards (into_copy). */
static int into_target(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kw,
                       const char *const *names, RecvCtx *c) {
    TrObject *a[3];
    if (args_parse_clinic(ts, fname, args, nargs, kw, names, 3, 1, 0, a) < 0) return -1;
    TrObject *dst = a[0];
    int is_ba = !tr_is_imm(dst) && bytearray_check(dst), is_mv = !tr_is_imm(dst) && memview_check(dst);
    if (!is_ba && !is_mv) {
        err_format(ts, &tr_exc_TypeError, "%s() argument 1 must be read-write bytes-like object, not %s", fname,
                   tr_type_name(dst));
        return -1;
    }
    ssize_t room = is_ba ? tr_len(ts, dst) : memview_nbytes(ts, dst);
    if (room < 0) return -1;
    if (is_mv && memview_write_prefix(ts, dst, NULL, 0, fname) < 0) return -1;   /* writable? */
    int64_t want = 0;
    if (a[1] && i64_arg(ts, a[1], &want) < 0) return -1;
    if (want < 0) { err_format(ts, &tr_exc_ValueError, "negative buffersize in %s", fname); return -1; }
    if (want > room) {
        err_set(ts, &tr_exc_ValueError, c->want_from ? "nbytes is greater than the length of the buffer"
                                                     : "buffer too small for requested bytes");
        return -1;
    }
    c->n = want ? (size_t)want : (size_t)room;
    c->flags = 0;
    if (a[2] && int_arg(ts, a[2], &c->flags) < 0) return -1;
    return 0;
}

/* Copies what recv_common got into `dst` (it may have shrunk meanwhile).  0 or -1. */
static int into_copy(TrThread *ts, TrObject *dst, const char *src, size_t n, const char *fname) {
    if (memview_check(dst)) return memview_write_prefix(ts, dst, src, n, fname);
    TR_BEGIN_CRITICAL(ts, dst);
    TrByteArray *b = (TrByteArray *)dst;
    if (n > b->size) n = b->size;
    if (n) memcpy(b->data, src, n);
    TR_END_CRITICAL(ts);
    return 0;
}

METHOD(sock_recv_into) {
    static const char *const names[] = {"buffer", "nbytes", "flags"};
    RecvCtx c;
    memset(&c, 0, sizeof c);
    if (into_target(ts, "recv_into", args, nargs, kw, names, &c) < 0) return NULL;
    ssize_t n = recv_common(ts, self, &c);
    TrObject *out = NULL;
    if (n >= 0 && into_copy(ts, args[0], c.buf, (size_t)n, "recv_into") == 0) out = int_from_i64(ts, n);
    free(c.buf);
    return out;
}

METHOD(sock_recvfrom_into) {
    static const char *const names[] = {"buffer", "nbytes", "flags"};
    RecvCtx c;
    memset(&c, 0, sizeof c);
    c.want_from = 1;
    if (into_target(ts, "recvfrom_into", args, nargs, kw, names, &c) < 0) return NULL;
    ssize_t n = recv_common(ts, self, &c);
    TrObject *out = NULL;
    if (n >= 0 && into_copy(ts, args[0], c.buf, (size_t)n, "recvfrom_into") == 0)
        out = tuple_pair_take(ts, int_from_i64(ts, n), addr_make(ts, (struct sockaddr *)&c.from.ss, c.from.len));
    free(c.buf);
    return out;
}

/* ---- sending ----------------------------------------------------------------------------------- */

typedef struct SendCtx {
    const char *p;
    size_t n;
    int flags;
    const SockAddr *to;   /* sendto only */
} SendCtx;

static ssize_t send_once(int fd, void *p) {
    SendCtx *c = p;
    int fl = c->flags | MSG_NOSIGNAL;
    if (c->to) return sendto(fd, c->p, c->n, fl, (const struct sockaddr *)&c->to->ss, c->to->len);
    return send(fd, c->p, c->n, fl);
}

/* The data argument: a bytes-like view.  TypeError "a bytes-like object is
 * required, not 'str'".  0 or -1. */
static int data_arg(TrThread *ts, TrObject *o, TrBytesView *v) {
    int k = tr_is_imm(o) ? 0 : bytes_view(ts, o, v);
    if (k < 0) return -1;
    if (k == 0) {
        err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%s'", tr_type_name(o));
        return -1;
    }
    return 0;
}

METHOD(sock_send) {
    if (nargs_check(ts, "send", nargs, kw, 1, 2) < 0) return NULL;
    TrBytesView v = {0};
    SendCtx c = {0};
    if (nargs > 1 && int_arg(ts, args[1], &c.flags) < 0) return NULL;
    if (data_arg(ts, args[0], &v) < 0) return NULL;
    c.p = v.p;
    c.n = v.n;
    ssize_t n = sock_call(ts, SOCK(self), POLLOUT, send_once, &c);
    bytes_view_release(&v);
    return n < 0 ? NULL : int_from_i64(ts, n);
}

METHOD(sock_sendall) {
    if (nargs_check(ts, "sendall", nargs, kw, 1, 2) < 0) return NULL;
    TrBytesView v = {0};
    SendCtx c = {0};
    if (nargs > 1 && int_arg(ts, args[1], &c.flags) < 0) return NULL;
    if (data_arg(ts, args[0], &v) < 0) return NULL;
    size_t done = 0;
    int failed = 0;
    int64_t until = 0;
    while (done < v.n || (v.n == 0 && !done)) {
        c.p = v.p + done;
        c.n = v.n - done;
        ssize_t n = sock_call_until(ts, SOCK(self), POLLOUT, send_once, &c, &until);
        if (n < 0) { failed = 1; break; }
        if (v.n == 0) break;
        done += (size_t)n;
        /* between chunks: let a pending signal's handler run (PEP 475) */
        if (done < v.n && signals_check(ts) < 0) { failed = 1; break; }
    }
    bytes_view_release(&v);
    return failed ? NULL : tr_newref(tr_none);
}

METHOD(sock_sendto) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "sendto() takes no keyword arguments");
    if (nargs < 2 || nargs > 3)
        return err_format(ts, &tr_exc_TypeError, "sendto() takes 2 or 3 arguments (%zu given)", nargs);
    SendCtx c = {0};
    if (nargs == 3 && int_arg(ts, args[1], &c.flags) < 0) return NULL;
    TrBytesView v = {0};
    if (data_arg(ts, args[0], &v) < 0) return NULL;
    SockAddr to;
    if (addr_parse(ts, SOCK(self), args[nargs - 1], "sendto", &to) < 0) { bytes_view_release(&v); return NULL; }
    c.p = v.p;
    c.n = v.n;
    c.to = &to;
    ssize_t n = sock_call(ts, SOCK(self), POLLOUT, send_once, &c);
    bytes_view_release(&v);
    return n < 0 ? NULL : int_from_i64(ts, n);
}

/* ---- messages with ancillary data --------------------------------------------------------------------- */

typedef struct MsgCtx {
    struct msghdr msg;
    int flags;
} MsgCtx;

static ssize_t sendmsg_once(int fd, void *p) {
    MsgCtx *c = p;
    return sendmsg(fd, &c->msg, c->flags | MSG_NOSIGNAL);
}

static ssize_t recvmsg_once(int fd, void *p) {
    MsgCtx *c = p;
    return recvmsg(fd, &c->msg, c->flags);
}

/* The items of iterable `o` as a new list; TypeError `msg` when it is not
 * iterable.  New reference or NULL. */
static TrObject *items_of(TrThread *ts, TrObject *o, const char *msg) {
    TrObject *it = tr_iter(ts, o);
    if (!it) {
        if (err_matches(ts, &tr_exc_TypeError)) {
            err_clear(ts);
            err_set(ts, &tr_exc_TypeError, msg);
        }
        return NULL;
    }
    TrObject *l = list_new(ts, 0), *x;
    while (l && (x = tr_next(ts, it)) != NULL)
        if (list_append_take(ts, l, x) < 0) TR_CLEAR(l);
    tr_decref(it);
    if (l && err_occurred(ts)) TR_CLEAR(l);
    return l;
}

/* sendmsg(buffers[, ancdata[, flags[, address]]]) -> bytes sent. */
METHOD(sock_sendmsg) {
    if (nargs_check(ts, "sendmsg", nargs, kw, 1, 4) < 0) return NULL;
    TrSocket *s = SOCK(self);
    MsgCtx c;
    memset(&c, 0, sizeof c);
    TrObject *bufs = NULL, *anc = NULL, *result = NULL;
    TrBytesView *views = NULL, *adata = NULL;
    size_t nb = 0, na = 0;
    int *levels = NULL;
    char *control = NULL;
    SockAddr to;
    if (nargs > 2 && int_arg(ts, args[2], &c.flags) < 0) return NULL;
    if (nargs > 3 && args[3] != tr_none) {
        if (addr_parse(ts, s, args[3], "sendmsg", &to) < 0) return NULL;
        c.msg.msg_name = &to.ss;
        c.msg.msg_namelen = to.len;
    }
    if (!(bufs = items_of(ts, args[0], "sendmsg() argument 1 must be an iterable"))) goto done;
    nb = list_size(bufs);
    views = calloc(nb ? nb : 1, sizeof *views);
    struct iovec *iov = calloc(nb ? nb : 1, sizeof *iov);
    c.msg.msg_iov = iov;
    if (!views || !iov) { err_nomemory(ts); nb = 0; goto done; }
    for (size_t i = 0; i < nb; i++) {
        TrObject *b = list_get(ts, bufs, (ssize_t)i);
        int r = b ? data_arg(ts, b, &views[i]) : -1;
        tr_xdecref(b);
        if (r < 0) { nb = i; goto done; }
        iov[i].iov_base = (void *)views[i].p;
        iov[i].iov_len = views[i].n;
    }
    c.msg.msg_iovlen = nb;
    if (nargs > 1) {
        if (!(anc = items_of(ts, args[1], "sendmsg() argument 2 must be an iterable"))) goto done;
        na = list_size(anc);
        adata = calloc(na ? na : 1, sizeof *adata);
        levels = calloc(2 * (na ? na : 1), sizeof *levels);
        if (!adata || !levels) { err_nomemory(ts); na = 0; goto done; }
        size_t space = 0;
        for (size_t i = 0; i < na; i++) {
            TrObject *item = list_get(ts, anc, (ssize_t)i);
            if (!item) { na = i; goto done; }
            int bad = !tuple_check(item) && !(!tr_is_imm(item) && tr_type(item) == &tr_list_type);
            size_t len = bad ? 0 : tuple_check(item) ? tuple_size(item) : list_size(item);
            if (bad || len != 3) {
                if (bad)
                    err_format(ts, &tr_exc_TypeError,
                               "[sendmsg() ancillary data items]() argument must be 3-item sequence, not %s",
                               tr_type_name(item));
                else
                    err_format(ts, &tr_exc_TypeError,
                               "[sendmsg() ancillary data items]() argument must be sequence of length 3, not %zu",
                               len);
                tr_decref(item);
                na = i;
                goto done;
            }
            TrObject *f[3];
            for (int k = 0; k < 3; k++)
                f[k] = tuple_check(item) ? tr_newref(tuple_get(item, k)) : list_get(ts, item, k);
            int r = (f[0] && f[1] && f[2] && int_arg(ts, f[0], &levels[2 * i]) == 0 &&
                     int_arg(ts, f[1], &levels[2 * i + 1]) == 0 && data_arg(ts, f[2], &adata[i]) == 0) ? 0 : -1;
            for (int k = 0; k < 3; k++) tr_xdecref(f[k]);
            tr_decref(item);
            if (r < 0) { na = i + (adata[i].p != NULL); goto done; }
            space += CMSG_SPACE(adata[i].n);
        }
        if (space) {
            control = calloc(1, space);
            if (!control) { err_nomemory(ts); goto done; }
            c.msg.msg_control = control;
            c.msg.msg_controllen = space;
            struct cmsghdr *h = CMSG_FIRSTHDR(&c.msg);
            for (size_t i = 0; i < na && h; i++, h = CMSG_NXTHDR(&c.msg, h)) {
                h->cmsg_level = levels[2 * i];
                h->cmsg_type = levels[2 * i + 1];
                h->cmsg_len = CMSG_LEN(adata[i].n);
                memcpy(CMSG_DATA(h), adata[i].p, adata[i].n);
            }
        }
    }
    ssize_t n = sock_call(ts, s, POLLOUT, sendmsg_once, &c);
    if (n >= 0) result = int_from_i64(ts, n);
done:
    for (size_t i = 0; i < nb; i++) bytes_view_release(&views[i]);
    for (size_t i = 0; adata && i < na; i++) bytes_view_release(&adata[i]);
    free(views);
    free(c.msg.msg_iov);
    free(adata);
    free(levels);
    free(control);
    tr_xdecref(bufs);
    tr_xdecref(anc);
    return result;
}

/* recvmsg(bufsize[, ancbufsize[, flags]]) -> (data, ancdata, msg_flags, address). */
METHOD(sock_recvmsg) {
    if (nargs_check(ts, "recvmsg", nargs, kw, 1, 3) < 0) return NULL;
    int64_t size, ancsize = 0;
    MsgCtx c;
    memset(&c, 0, sizeof c);
    if (i64_arg(ts, args[0], &size) < 0) return NULL;
    if (size < 0) return err_format(ts, &tr_exc_ValueError, "negative buffer size in recvmsg()");
    if (nargs > 1 && i64_arg(ts, args[1], &ancsize) < 0) return NULL;
    if (ancsize < 0 || ancsize > INT_MAX)
        return err_format(ts, &tr_exc_ValueError, "invalid ancillary data buffer length");
    if (nargs > 2 && int_arg(ts, args[2], &c.flags) < 0) return NULL;
    SockAddr from;
    memset(&from, 0, sizeof from);
    struct iovec iov;
    char *buf = malloc(size ? (size_t)size : 1), *control = ancsize ? calloc(1, (size_t)ancsize) : NULL;
    if (!buf || (ancsize && !control)) { free(buf); free(control); return err_nomemory(ts); }
    iov.iov_base = buf;
    iov.iov_len = (size_t)size;
    c.msg.msg_name = &from.ss;
    c.msg.msg_namelen = sizeof from.ss;
    c.msg.msg_iov = &iov;
    c.msg.msg_iovlen = 1;
    c.msg.msg_control = control;
    c.msg.msg_controllen = (size_t)ancsize;
    ssize_t n = sock_call(ts, SOCK(self), POLLIN, recvmsg_once, &c);
    TrObject *out = NULL, *data = NULL, *anc = NULL, *addr = NULL;
    if (n < 0) goto done;
    data = bytes_from(ts, buf, (size_t)n);
    anc = data ? list_new(ts, 0) : NULL;
    if (!anc) goto done;
    if (c.msg.msg_controllen) {
        for (struct cmsghdr *h = CMSG_FIRSTHDR(&c.msg); h; h = CMSG_NXTHDR(&c.msg, h)) {
            size_t dlen = h->cmsg_len > CMSG_LEN(0) ? h->cmsg_len - CMSG_LEN(0) : 0;
            size_t room = (size_t)(control + c.msg.msg_controllen - (char *)CMSG_DATA(h));
            if (dlen > room) dlen = room;   /* truncated by MSG_CTRUNC */
            TrObject *t = tuple_new(ts, 3);
            if (!t) goto done;
            tuple_set_take(t, 0, int_from_i64(ts, h->cmsg_level));
            tuple_set_take(t, 1, int_from_i64(ts, h->cmsg_type));
            tuple_set_take(t, 2, bytes_from(ts, (const char *)CMSG_DATA(h), dlen));
            if (!tuple_get(t, 0) || !tuple_get(t, 1) || !tuple_get(t, 2) || list_append_take(ts, anc, t) < 0) {
                if (!tuple_get(t, 0) || !tuple_get(t, 1) || !tuple_get(t, 2)) tr_decref(t);
                goto done;
            }
        }
    }
    addr = addr_make(ts, (struct sockaddr *)&from.ss, c.msg.msg_namelen);
    if (!addr) goto done;
    if ((out = tuple_new(ts, 4)) != NULL) {
        tuple_set_take(out, 0, data);
        tuple_set_take(out, 1, anc);
        tuple_set_take(out, 2, int_from_i64(ts, c.msg.msg_flags));
        tuple_set_take(out, 3, addr);
        data = anc = addr = NULL;
        if (!tuple_get(out, 2)) TR_CLEAR(out);
    }
done:
    tr_xdecref(data);
    tr_xdecref(anc);
    tr_xdecref(addr);
    free(buf);
    free(control);
    return out;
}

/* ---- options ------------------------------------------------------------------------------------- */

METHOD(sock_setsockopt) {
    if (kw && tuple_size(kw)) return err_format(ts, &tr_exc_TypeError, "setsockopt() takes no keyword arguments");
    if (nargs != 3 && nargs != 4)
        return err_format(ts, &tr_exc_TypeError, "setsockopt() takes exactly %d arguments (%zu given)",
                          nargs < 3 ? 3 : 4, nargs);
    int level, opt;
    if (int_arg(ts, args[0], &level) < 0 || int_arg(ts, args[1], &opt) < 0) return NULL;
    TrBytesView v = {0};
    int ival;
    const void *val;
    socklen_t len;
    if (nargs == 4) {
        /* setsockopt(level, opt, None, optlen) */
        if (args[2] != tr_none)
            return err_format(ts, &tr_exc_TypeError, "setsockopt() argument 3 must be NoneType, not %s",
                              tr_type_name(args[2]));
        int l;
        if (int_arg(ts, args[3], &l) < 0) return NULL;
        val = NULL;
        len = (socklen_t)l;
    } else if (int_check(args[2])) {
        if (int_arg(ts, args[2], &ival) < 0) return NULL;
        val = &ival;
        len = sizeof ival;
    } else {
        if (data_arg(ts, args[2], &v) < 0) return NULL;
        val = v.p;
        len = (socklen_t)v.n;
    }
    TrSocket *s = SOCK(self);
    int fd;
    if (use_begin(ts, s, &fd) < 0) { bytes_view_release(&v); return NULL; }
    int r = setsockopt(fd, level, opt, val, len), e = errno;
    use_end(ts, s);
    bytes_view_release(&v);
    if (r < 0) return sock_errno(ts, e);
    return tr_newref(tr_none);
}

METHOD(sock_getsockopt) {
    if (nargs_check(ts, "getsockopt", nargs, kw, 2, 3) < 0) return NULL;
    int level, opt, buflen = 0;
    if (int_arg(ts, args[0], &level) < 0 || int_arg(ts, args[1], &opt) < 0) return NULL;
    if (nargs == 3 && int_arg(ts, args[2], &buflen) < 0) return NULL;
    if (nargs == 3 && (buflen <= 0 || buflen > 1024)) return os_msg(ts, "getsockopt buflen out of range");
    TrSocket *s = SOCK(self);
    int fd;
    if (use_begin(ts, s, &fd) < 0) return NULL;
    char buf[1024];
    int ival = 0;
    socklen_t len = nargs == 3 ? (socklen_t)buflen : sizeof ival;
    int r = getsockopt(fd, level, opt, nargs == 3 ? (void *)buf : (void *)&ival, &len), e = errno;
    use_end(ts, s);
    if (r < 0) return sock_errno(ts, e);
    if (nargs == 3) return bytes_from(ts, buf, len);
    return int_from_i64(ts, ival);
}

/* ---- attributes ---------------------------------------------------------------------------------- */

/* The getters of the read-only properties: called with the socket. */
static TrObject *getter_self(TrThread *ts, const char *name, TrObject *const *args, size_t nargs) {
    if (nargs != 1 || !tr_isinstance(args[0], &tr_socket_type))
        return err_format(ts, &tr_exc_TypeError, "descriptor '%s' needs a '_socket.socket' object", name);
    return args[0];
}

METHOD(get_family) {
    TrObject *o = getter_self(ts, "family", args, nargs);
    return o ? int_from_i64(ts, SOCK(o)->family) : NULL;
}

METHOD(get_type) {
    TrObject *o = getter_self(ts, "type", args, nargs);
    return o ? int_from_i64(ts, SOCK(o)->type) : NULL;
}

METHOD(get_proto) {
    TrObject *o = getter_self(ts, "proto", args, nargs);
    return o ? int_from_i64(ts, SOCK(o)->proto) : NULL;
}

METHOD(get_timeout) {
    TrObject *o = getter_self(ts, "timeout", args, nargs);
    return o ? timeout_obj(ts, timeout_of(SOCK(o))) : NULL;
}

METHOD(sock_enter) {
    if (tr_check_args(ts, "socket.__enter__", nargs, kw, 0, 0) < 0) return NULL;
    return tr_newref(self);
}

METHOD(sock_exit) {
    return sock_close(ts, self, NULL, 0, NULL);
}

static const TrMethodDef sock_methods[] = {
    {"__init__", sock_init},
    {"_accept", sock_accept},
    {"bind", sock_bind},
    {"close", sock_close},
    {"connect", sock_connect},
    {"connect_ex", sock_connect_ex},
    {"detach", sock_detach},
    {"fileno", sock_fileno},
    {"getpeername", sock_getpeername},
    {"getsockname", sock_getsockname},
    {"getsockopt", sock_getsockopt},
    {"setsockopt", sock_setsockopt},
    {"getblocking", sock_getblocking},
    {"setblocking", sock_setblocking},
    {"gettimeout", sock_gettimeout},
    {"settimeout", sock_settimeout},
    {"listen", sock_listen},
    {"recv", sock_recv},
    {"recv_into", sock_recv_into},
    {"recvfrom", sock_recvfrom},
    {"recvfrom_into", sock_recvfrom_into},
    {"send", sock_send},
    {"sendall", sock_sendall},
    {"sendto", sock_sendto},
    {"sendmsg", sock_sendmsg},
    {"recvmsg", sock_recvmsg},
    {"shutdown", sock_shutdown},
    {"__enter__", sock_enter},
    {"__exit__", sock_exit},
    {NULL, NULL}
};

TrType tr_socket_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "_socket.socket",
    .basicsize = sizeof(TrSocket),
    .flags = TR_TPFLAG_BASETYPE,
    .dealloc = sock_dealloc,
    .repr = sock_repr,
    .new_ = sock_new,
    .methods = sock_methods,
};

/* ---- module functions: conversions ---------------------------------------------------------------- */

/* An unsigned argument of `bits` bits for htons & co. */
static int uint_arg(TrThread *ts, const char *fname, TrObject *o, int bits, uint64_t *out) {
    if (!int_check(o)) {
        int64_t dummy;
        if (i64_arg(ts, o, &dummy) < 0) return -1;   /* raises the TypeError */
    }
    if (int_sign(o) < 0) {
        if (bits == 16)
            err_format(ts, &tr_exc_OverflowError, "%s: can't convert negative Python int to C 16-bit unsigned integer",
                       fname);
        else
            err_set(ts, &tr_exc_OverflowError, "can't convert negative value to unsigned int");
        return -1;
    }
    int overflow = 0;
    int64_t v = int_as_i64_overflow(o, &overflow);
    if (overflow || (uint64_t)v >> bits) {
        if (bits == 16)
            err_format(ts, &tr_exc_OverflowError, "%s: Python int too large to convert to C 16-bit unsigned integer",
                       fname);
        else
            err_set(ts, &tr_exc_OverflowError, "int larger than 32 bits");
        return -1;
    }
    *out = (uint64_t)v;
    return 0;
}

static TrObject *byteorder(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kw,
                           int bits) {
    if (tr_check_args(ts, fname, nargs, kw, 1, 1) < 0) return NULL;
    uint64_t v;
    if (uint_arg(ts, fname, args[0], bits, &v) < 0) return NULL;
    return int_from_u64(ts, bits == 16 ? htons((uint16_t)v) : htonl((uint32_t)v));
}

METHOD(m_htons) { return byteorder(ts, "htons", args, nargs, kw, 16); }
METHOD(m_ntohs) { return byteorder(ts, "ntohs", args, nargs, kw, 16); }
METHOD(m_htonl) { return byteorder(ts, "htonl", args, nargs, kw, 32); }
METHOD(m_ntohl) { return byteorder(ts, "ntohl", args, nargs, kw, 32); }

METHOD(m_inet_aton) {
    if (tr_check_args(ts, "inet_aton", nargs, kw, 1, 1) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "inet_aton() argument must be str, not %s", tr_type_name(args[0]));
    struct in_addr a;
    if (memchr(str_utf8(args[0]), 0, str_nbytes(args[0])) || !inet_aton(str_utf8(args[0]), &a))
        return os_msg(ts, "illegal IP address string passed to inet_aton");
    return bytes_from(ts, (const char *)&a, 4);
}

METHOD(m_inet_ntoa) {
    if (tr_check_args(ts, "inet_ntoa", nargs, kw, 1, 1) < 0) return NULL;
    TrBytesView v = {0};
    if (data_arg(ts, args[0], &v) < 0) return NULL;
    if (v.n != 4) { bytes_view_release(&v); return os_msg(ts, "packed IP wrong length for inet_ntoa"); }
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, v.p, buf, sizeof buf);
    bytes_view_release(&v);
    return str_from_cstr(ts, buf);
}

METHOD(m_inet_pton) {
    if (nargs_check(ts, "inet_pton", nargs, kw, 2, 2) < 0) return NULL;
    int af;
    if (int_arg(ts, args[0], &af) < 0) return NULL;
    if (!str_check(args[1]))
        return err_format(ts, &tr_exc_TypeError, "inet_pton() argument 2 must be str, not %s", tr_type_name(args[1]));
    unsigned char buf[16];
    int r = inet_pton(af, str_utf8(args[1]), buf);
    if (r < 0) return sock_errno(ts, errno);
    if (r == 0 || memchr(str_utf8(args[1]), 0, str_nbytes(args[1])))
        return os_msg(ts, "illegal IP address string passed to inet_pton");
    return bytes_from(ts, (const char *)buf, af == AF_INET ? 4 : 16);
}

METHOD(m_inet_ntop) {
    if (nargs_check(ts, "inet_ntop", nargs, kw, 2, 2) < 0) return NULL;
    int af;
    if (int_arg(ts, args[0], &af) < 0) return NULL;
    TrBytesView v = {0};
    if (data_arg(ts, args[1], &v) < 0) return NULL;
    char buf[INET6_ADDRSTRLEN];
    TrObject *out = NULL;
    if (af != AF_INET && af != AF_INET6)
        err_format(ts, &tr_exc_ValueError, "unknown address family %d", af);
    else if (v.n != (af == AF_INET ? 4u : 16u))
        err_set(ts, &tr_exc_ValueError, "invalid length of packed IP address string");
    else if (!inet_ntop(af, v.p, buf, sizeof buf))
        sock_errno(ts, errno);
    else
        out = str_from_cstr(ts, buf);
    bytes_view_release(&v);
    return out;
}

/* ---- module functions: names ------------------------------------------------------------------------- */

METHOD(m_gethostname) {
    if (tr_check_args(ts, "gethostname", nargs, kw, 0, 0) < 0) return NULL;
    char buf[1025];
    if (gethostname(buf, sizeof buf - 1) < 0) return sock_errno(ts, errno);
    buf[sizeof buf - 1] = 0;
    return str_from_cstr(ts, buf);
}

METHOD(m_gethostbyname) {
    if (tr_check_args(ts, "gethostbyname", nargs, kw, 1, 1) < 0) return NULL;
    char host[1025];
    if (host_arg(ts, args[0], host, sizeof host, "gethostbyname() argument 1 must be str, bytes or bytearray, not %s") < 0)
        return NULL;
    SockAddr a;
    if (resolve_host(ts, host, AF_INET, &a) < 0) return NULL;
    char buf[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &((struct sockaddr_in *)&a.ss)->sin_addr, buf, sizeof buf);
    return str_from_cstr(ts, buf);
}

/* gethostbyname_ex(name) -> (canonical name, aliases, addresses), through
 * getaddrinfo with AI_CANONNAME (IPv4 addresses, in order, no repeats). */
METHOD(m_gethostbyname_ex) {
    if (tr_check_args(ts, "gethostbyname_ex", nargs, kw, 1, 1) < 0) return NULL;
    char host[1025];
    if (host_arg(ts, args[0], host, sizeof host,
                 "gethostbyname_ex() argument 1 must be str, bytes or bytearray, not %s") < 0)
        return NULL;
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_CANONNAME;
    int rc, e;
    gil_release_for_blocking(ts);
    rc = getaddrinfo(host, NULL, &hints, &res);
    e = errno;
    gil_reacquire_after_blocking(ts);
    if (rc) return raise_gai(ts, rc, e);
    TrObject *addrs = list_new(ts, 0), *aliases = list_new(ts, 0), *out = NULL;
    if (addrs && aliases) {
        int ok = 1;
        for (struct addrinfo *p = res; p && ok; p = p->ai_next) {
            char buf[INET_ADDRSTRLEN];
            inet_ntop(AF_INET, &((struct sockaddr_in *)p->ai_addr)->sin_addr, buf, sizeof buf);
            TrObject *s = str_from_cstr(ts, buf);
            int has = s ? tr_contains(ts, addrs, s) : -1;
            if (has < 0 || (!has && list_append(ts, addrs, s) < 0)) ok = 0;
            tr_xdecref(s);
        }
        TrObject *name = ok ? str_from_cstr(ts, res->ai_canonname ? res->ai_canonname : host) : NULL;
        if (name && (out = tuple_new(ts, 3)) != NULL) {
            tuple_set_take(out, 0, name);
            tuple_set_take(out, 1, tr_newref(aliases));
            tuple_set_take(out, 2, tr_newref(addrs));
        } else {
            tr_xdecref(name);
        }
    }
    tr_xdecref(addrs);
    tr_xdecref(aliases);
    freeaddrinfo(res);
    return out;
}

/* gethostbyaddr(ip) -> (name, [], [ip]) through getnameinfo (NI_NAMEREQD). */
METHOD(m_gethostbyaddr) {
    if (tr_check_args(ts, "gethostbyaddr", nargs, kw, 1, 1) < 0) return NULL;
    char host[1025], name[NI_MAXHOST];
    if (host_arg(ts, args[0], host, sizeof host, "gethostbyaddr() argument 1 must be str, bytes or bytearray, not %s") < 0)
        return NULL;
    SockAddr a;
    if (resolve_host(ts, host, AF_UNSPEC, &a) < 0) return NULL;
    int rc, e;
    gil_release_for_blocking(ts);
    rc = getnameinfo((struct sockaddr *)&a.ss, a.len, name, sizeof name, NULL, 0, NI_NAMEREQD);
    e = errno;
    gil_reacquire_after_blocking(ts);
    if (rc) return raise_coded(ts, herror_class, 1, "Unknown host");
    (void)e;
    char buf[INET6_ADDRSTRLEN];
    if (a.ss.ss_family == AF_INET) inet_ntop(AF_INET, &((struct sockaddr_in *)&a.ss)->sin_addr, buf, sizeof buf);
    else inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&a.ss)->sin6_addr, buf, sizeof buf);
    TrObject *out = tuple_new(ts, 3);
    if (!out) return NULL;
    TrObject *ip = str_from_cstr(ts, buf);
    TrObject *ips = ip ? list_new(ts, 0) : NULL;
    if (ips && list_append(ts, ips, ip) < 0) TR_CLEAR(ips);
    tr_xdecref(ip);
    tuple_set_take(out, 0, str_from_cstr(ts, name));
    tuple_set_take(out, 1, list_new(ts, 0));
    tuple_set_take(out, 2, ips);
    for (int i = 0; i < 3; i++)
        if (!tuple_get(out, i)) { tr_decref(out); return NULL; }
    return out;
}

/* An optional protocol name argument ("tcp"): NULL for none.  0 or -1. */
static int proto_name_arg(TrThread *ts, const char *fname, TrObject *o, int pos, const char **out) {
    *out = NULL;
    if (!o) return 0;
    if (!str_check(o)) {
        err_format(ts, &tr_exc_TypeError, "%s() argument %d must be str, not %s", fname, pos, tr_type_name(o));
        return -1;
    }
    *out = str_utf8(o);
    return 0;
}

METHOD(m_getservbyname) {
    if (nargs_check(ts, "getservbyname", nargs, kw, 1, 2) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "getservbyname() argument 1 must be str, not %s",
                          tr_type_name(args[0]));
    const char *proto;
    if (proto_name_arg(ts, "getservbyname", nargs > 1 ? args[1] : NULL, 2, &proto) < 0) return NULL;
    struct servent se, *r = NULL;
    char buf[4096];
    getservbyname_r(str_utf8(args[0]), proto, &se, buf, sizeof buf, &r);
    if (!r) return os_msg(ts, "service/proto not found");
    return int_from_i64(ts, ntohs((uint16_t)r->s_port));
}

METHOD(m_getservbyport) {
    if (nargs_check(ts, "getservbyport", nargs, kw, 1, 2) < 0) return NULL;
    int port;
    if (int_arg(ts, args[0], &port) < 0) return NULL;
    if (port < 0 || port > 0xffff)
        return err_format(ts, &tr_exc_OverflowError, "getservbyport: port must be 0-65535.");
    const char *proto;
    if (proto_name_arg(ts, "getservbyport", nargs > 1 ? args[1] : NULL, 2, &proto) < 0) return NULL;
    struct servent se, *r = NULL;
    char buf[4096];
    getservbyport_r(htons((uint16_t)port), proto, &se, buf, sizeof buf, &r);
    if (!r) return os_msg(ts, "port/proto not found");
    return str_from_cstr(ts, r->s_name);
}

METHOD(m_getprotobyname) {
    if (tr_check_args(ts, "getprotobyname", nargs, kw, 1, 1) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "getprotobyname() argument must be str, not %s",
                          tr_type_name(args[0]));
    struct protoent pe, *r = NULL;
    char buf[4096];
    getprotobyname_r(str_utf8(args[0]), &pe, buf, sizeof buf, &r);
    if (!r) return os_msg(ts, "protocol not found");
    return int_from_i64(ts, r->p_proto);
}

/* getaddrinfo(host, port, family=0, type=0, proto=0, flags=0) ->
 * [(family, type, proto, canonname, sockaddr), ...] with plain ints
 * (socket.py makes them enum members). */
METHOD(m_getaddrinfo) {
    static const char *const names[] = {"host", "port", "family", "type", "proto", "flags"};
    TrObject *a[6];
    if (args_parse(ts, "getaddrinfo", args, nargs, kw, names, 6, 2, 0, 0, a) < 0) return NULL;
    char host[1025], port[64];
    const char *hp = NULL, *pp = NULL;
    if (a[0] != tr_none) {
        if (!str_check(a[0]) && (tr_is_imm(a[0]) || !bytes_check(a[0])))
            return err_format(ts, &tr_exc_TypeError, "getaddrinfo() argument 1 must be string or None");
        if (host_arg(ts, a[0], host, sizeof host, "%s") < 0) return NULL;
        hp = host;
    }
    if (int_check(a[1])) {
        int64_t v;
        if (i64_arg(ts, a[1], &v) < 0) return NULL;
        snprintf(port, sizeof port, "%lld", (long long)v);
        pp = port;
    } else if (str_check(a[1]) || (!tr_is_imm(a[1]) && bytes_check(a[1]))) {
        if (host_arg(ts, a[1], port, sizeof port, "%s") < 0) return NULL;
        pp = port;
    } else if (a[1] != tr_none) {
        return os_msg(ts, "Int or String expected");
    }
    int v[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4; i++)
        if (a[2 + i] && int_arg(ts, a[2 + i], &v[i]) < 0) return NULL;
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = v[0];
    hints.ai_socktype = v[1];
    hints.ai_protocol = v[2];
    hints.ai_flags = v[3];
    int rc, e;
    gil_release_for_blocking(ts);
    rc = getaddrinfo(hp, pp, &hints, &res);
    e = errno;
    gil_reacquire_after_blocking(ts);
    if (rc) return raise_gai(ts, rc, e);
    TrObject *out = list_new(ts, 0);
    for (struct addrinfo *p = res; out && p; p = p->ai_next) {
        TrObject *t = tuple_new(ts, 5);
        if (!t) { TR_CLEAR(out); break; }
        tuple_set_take(t, 0, int_from_i64(ts, p->ai_family));
        tuple_set_take(t, 1, int_from_i64(ts, p->ai_socktype));
        tuple_set_take(t, 2, int_from_i64(ts, p->ai_protocol));
        tuple_set_take(t, 3, str_from_cstr(ts, p->ai_canonname ? p->ai_canonname : ""));
        tuple_set_take(t, 4, addr_make(ts, p->ai_addr, p->ai_addrlen));
        int ok = 1;
        for (int i = 0; i < 5; i++)
            if (!tuple_get(t, i)) ok = 0;
        if (!ok || list_append_take(ts, out, t) < 0) {
            if (!ok) tr_decref(t);
            TR_CLEAR(out);
        }
    }
    freeaddrinfo(res);
    return out;
}

/* getnameinfo((host, port), flags) -> (host, port). */
METHOD(m_getnameinfo) {
    if (nargs_check(ts, "getnameinfo", nargs, kw, 2, 2) < 0) return NULL;
    if (!tuple_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "getnameinfo() argument 1 must be a tuple");
    int flags;
    if (int_arg(ts, args[1], &flags) < 0) return NULL;
    size_t n = tuple_size(args[0]);
    if (n < 2 || n > 4) return err_format(ts, &tr_exc_TypeError, "getnameinfo() argument 1 must be a tuple");
    char host[1025];
    if (host_arg(ts, tuple_get(args[0], 0), host, sizeof host, "str, bytes or bytearray expected, not %s") < 0)
        return NULL;
    int port;
    if (port_arg(ts, "getnameinfo", tuple_get(args[0], 1), &port) < 0) return NULL;
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICHOST;
    char pbuf[16];
    snprintf(pbuf, sizeof pbuf, "%d", port);
    int rc = getaddrinfo(host, pbuf, &hints, &res), e = errno;
    if (rc) return raise_gai(ts, rc, e);
    char hbuf[NI_MAXHOST], sbuf[NI_MAXSERV];
    gil_release_for_blocking(ts);
    rc = getnameinfo(res->ai_addr, res->ai_addrlen, hbuf, sizeof hbuf, sbuf, sizeof sbuf, flags);
    e = errno;
    gil_reacquire_after_blocking(ts);
    freeaddrinfo(res);
    if (rc) return raise_gai(ts, rc, e);
    return tuple_pair_take(ts, str_from_cstr(ts, hbuf), str_from_cstr(ts, sbuf));
}

/* ---- module functions: descriptors and defaults --------------------------------------------------------- */

/* socketpair(family, type, proto) -> (fd, fd): close-on-exec descriptors. */
METHOD(m_socketpair) {
    if (nargs_check(ts, "socketpair", nargs, kw, 0, 3) < 0) return NULL;
    int v[3] = {AF_UNIX, SOCK_STREAM, 0};
    for (size_t i = 0; i < nargs; i++)
        if (int_arg(ts, args[i], &v[i]) < 0) return NULL;
    int sv[2];
    if (socketpair(v[0], v[1] | SOCK_CLOEXEC, v[2], sv) < 0) return sock_errno(ts, errno);
    TrObject *out = tuple_pair_take(ts, int_from_i64(ts, sv[0]), int_from_i64(ts, sv[1]));
    if (!out) { close(sv[0]); close(sv[1]); }
    return out;
}

/* dup(fd) -> a close-on-exec duplicate. */
METHOD(m_dup) {
    if (tr_check_args(ts, "dup", nargs, kw, 1, 1) < 0) return NULL;
    int fd;
    if (int_arg(ts, args[0], &fd) < 0) return NULL;
    int r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (r < 0) return sock_errno(ts, errno);
    return int_from_i64(ts, r);
}

METHOD(m_close) {
    if (tr_check_args(ts, "close", nargs, kw, 1, 1) < 0) return NULL;
    int fd;
    if (int_arg(ts, args[0], &fd) < 0) return NULL;
    if (close(fd) < 0 && errno != ECONNRESET) return sock_errno(ts, errno);
    return tr_newref(tr_none);
}

METHOD(m_getdefaulttimeout) {
    if (tr_check_args(ts, "getdefaulttimeout", nargs, kw, 0, 0) < 0) return NULL;
    return timeout_obj(ts, (int64_t)atomic_load_u64_relaxed(&default_timeout_ns));
}

METHOD(m_setdefaulttimeout) {
    if (tr_check_args(ts, "setdefaulttimeout", nargs, kw, 1, 1) < 0) return NULL;
    int64_t ns;
    if (timeout_arg(ts, args[0], &ns) < 0) return NULL;
    atomic_store_u64_relaxed(&default_timeout_ns, (uint64_t)ns);
    return tr_newref(tr_none);
}

/* CMSG_LEN(length) / CMSG_SPACE(length): OverflowError "CMSG_LEN() argument out of range". */
static TrObject *cmsg_size(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kw,
                           int space) {
    if (tr_check_args(ts, fname, nargs, kw, 1, 1) < 0) return NULL;
    int64_t n;
    if (i64_arg(ts, args[0], &n) < 0) return NULL;
    if (n < 0 || n > INT_MAX - 64)
        return err_format(ts, &tr_exc_OverflowError, "%s() argument out of range", fname);
    return int_from_i64(ts, space ? (int64_t)CMSG_SPACE((size_t)n) : (int64_t)CMSG_LEN((size_t)n));
}

METHOD(m_cmsg_len) { return cmsg_size(ts, "CMSG_LEN", args, nargs, kw, 0); }
METHOD(m_cmsg_space) { return cmsg_size(ts, "CMSG_SPACE", args, nargs, kw, 1); }

static const TrMethodDef socket_functions[] = {
    {"htons", m_htons},
    {"ntohs", m_ntohs},
    {"htonl", m_htonl},
    {"ntohl", m_ntohl},
    {"inet_aton", m_inet_aton},
    {"inet_ntoa", m_inet_ntoa},
    {"inet_pton", m_inet_pton},
    {"inet_ntop", m_inet_ntop},
    {"gethostname", m_gethostname},
    {"gethostbyname", m_gethostbyname},
    {"gethostbyname_ex", m_gethostbyname_ex},
    {"gethostbyaddr", m_gethostbyaddr},
    {"getservbyname", m_getservbyname},
    {"getservbyport", m_getservbyport},
    {"getprotobyname", m_getprotobyname},
    {"getaddrinfo", m_getaddrinfo},
    {"getnameinfo", m_getnameinfo},
    {"socketpair", m_socketpair},
    {"dup", m_dup},
    {"close", m_close},
    {"getdefaulttimeout", m_getdefaulttimeout},
    {"setdefaulttimeout", m_setdefaulttimeout},
    {"CMSG_LEN", m_cmsg_len},
    {"CMSG_SPACE", m_cmsg_space},
    {NULL, NULL}
};

/* ---- constants and the module ------------------------------------------------------------------------------- */

typedef struct IntConst { const char *name; long value; } IntConst;
#define C(x) {#x, (long)(x)}
static const IntConst socket_consts[] = {
    C(AF_UNSPEC), C(AF_UNIX), C(AF_INET), C(AF_INET6), C(AF_NETLINK), C(AF_PACKET),
    C(SOCK_STREAM), C(SOCK_DGRAM), C(SOCK_RAW), C(SOCK_RDM), C(SOCK_SEQPACKET), C(SOCK_NONBLOCK), C(SOCK_CLOEXEC),
    C(SOL_SOCKET), C(SO_DEBUG), C(SO_ACCEPTCONN), C(SO_REUSEADDR), C(SO_REUSEPORT), C(SO_KEEPALIVE),
    C(SO_DONTROUTE), C(SO_BROADCAST), C(SO_LINGER), C(SO_OOBINLINE), C(SO_SNDBUF), C(SO_RCVBUF),
    C(SO_SNDLOWAT), C(SO_RCVLOWAT), C(SO_SNDTIMEO), C(SO_RCVTIMEO), C(SO_ERROR), C(SO_TYPE), C(SO_DOMAIN),
    C(SO_PROTOCOL), C(SO_PEERCRED), C(SO_PASSCRED), C(SO_BINDTODEVICE), C(SO_PRIORITY), C(SO_MARK),
    C(SOMAXCONN), C(SCM_RIGHTS), C(SCM_CREDENTIALS),
    C(MSG_OOB), C(MSG_PEEK), C(MSG_DONTROUTE), C(MSG_DONTWAIT), C(MSG_EOR), C(MSG_TRUNC), C(MSG_CTRUNC),
    C(MSG_WAITALL), C(MSG_NOSIGNAL), C(MSG_CMSG_CLOEXEC), C(MSG_CONFIRM), C(MSG_ERRQUEUE), C(MSG_MORE),
    C(SHUT_RD), C(SHUT_WR), C(SHUT_RDWR),
    C(IPPROTO_IP), C(IPPROTO_ICMP), C(IPPROTO_TCP), C(IPPROTO_UDP), C(IPPROTO_IPV6), C(IPPROTO_RAW),
    C(IPPROTO_ICMPV6), C(IPPROTO_SCTP), C(IPPROTO_UDPLITE),
    C(IP_TOS), C(IP_TTL), C(IP_HDRINCL), C(IP_OPTIONS), C(IP_MULTICAST_IF), C(IP_MULTICAST_TTL),
    C(IP_MULTICAST_LOOP), C(IP_ADD_MEMBERSHIP), C(IP_DROP_MEMBERSHIP), C(IP_RECVTOS),
    C(IPV6_V6ONLY), C(IPV6_UNICAST_HOPS), C(IPV6_MULTICAST_IF), C(IPV6_MULTICAST_HOPS), C(IPV6_MULTICAST_LOOP),
    C(IPV6_JOIN_GROUP), C(IPV6_LEAVE_GROUP),
    C(TCP_NODELAY), C(TCP_MAXSEG), C(TCP_CORK), C(TCP_KEEPIDLE), C(TCP_KEEPINTVL), C(TCP_KEEPCNT),
    C(TCP_SYNCNT), C(TCP_LINGER2), C(TCP_DEFER_ACCEPT), C(TCP_WINDOW_CLAMP), C(TCP_INFO), C(TCP_QUICKACK),
    C(TCP_FASTOPEN), C(TCP_CONGESTION), C(TCP_USER_TIMEOUT), C(TCP_NOTSENT_LOWAT),
    C(INADDR_ANY), C(INADDR_BROADCAST), C(INADDR_LOOPBACK), C(INADDR_NONE),
    C(AI_PASSIVE), C(AI_CANONNAME), C(AI_NUMERICHOST), C(AI_NUMERICSERV), C(AI_V4MAPPED), C(AI_ALL),
    C(AI_ADDRCONFIG),
    C(NI_NUMERICHOST), C(NI_NUMERICSERV), C(NI_NOFQDN), C(NI_NAMEREQD), C(NI_DGRAM), C(NI_MAXHOST), C(NI_MAXSERV),
    C(EAI_AGAIN), C(EAI_BADFLAGS), C(EAI_FAIL), C(EAI_FAMILY), C(EAI_MEMORY), C(EAI_NONAME), C(EAI_SERVICE),
    C(EAI_SOCKTYPE), C(EAI_SYSTEM), C(EAI_OVERFLOW), C(EAI_NODATA), C(EAI_ADDRFAMILY),
};
#undef C

/* Adds a read-only property `name` with getter `fn` to the socket type's dict.  -1 on error. */
static int add_property(TrThread *ts, const char *name, tr_methodfunc fn) {
    TrObject *g = cfunction_new(ts, name, fn, NULL);
    TrObject *prop = g ? tr_call(ts, (TrObject *)&tr_property_type, &g, 1, NULL) : NULL;
    tr_xdecref(g);
    if (!prop) return -1;
    tr_make_immortal(prop);
    int r = dict_set_cstr(ts, tr_socket_type.dict, name, prop);
    tr_decref(prop);
    return r;
}

TrObject *_socket_module_init(TrThread *ts) {
    if (!(tr_socket_type.flags & TR_TPFLAG_READY)) {
        if (type_ready(ts, &tr_socket_type) < 0) return NULL;
        if (add_property(ts, "family", get_family) < 0 || add_property(ts, "type", get_type) < 0 ||
            add_property(ts, "proto", get_proto) < 0 || add_property(ts, "timeout", get_timeout) < 0)
            return NULL;
        TrObject *mod = str_from_cstr(ts, "_socket");
        int r = mod ? dict_set_cstr(ts, tr_socket_type.dict, "__module__", mod) : -1;
        tr_xdecref(mod);
        if (r < 0) return NULL;
    }
    if (!gaierror_class) {
        TrObject *g = posargs_new_exception(ts, "socket", "gaierror", &tr_exc_OSError);
        TrObject *h = g ? posargs_new_exception(ts, "socket", "herror", &tr_exc_OSError) : NULL;
        if (!h) { tr_xdecref(g); return NULL; }
        tr_make_immortal(g);
        tr_make_immortal(h);
        gaierror_class = g;
        herror_class = h;
    }
    TrObject *m = module_new(ts, "_socket");
    if (!m) return NULL;
    TrObject *d = module_dict(m);
    if (module_add_functions(ts, m, socket_functions) < 0) goto fail;
    if (dict_set_cstr(ts, d, "socket", (TrObject *)&tr_socket_type) < 0 ||
        dict_set_cstr(ts, d, "SocketType", (TrObject *)&tr_socket_type) < 0 ||
        dict_set_cstr(ts, d, "error", (TrObject *)&tr_exc_OSError) < 0 ||
        dict_set_cstr(ts, d, "timeout", (TrObject *)&tr_exc_TimeoutError) < 0 ||
        dict_set_cstr(ts, d, "gaierror", gaierror_class) < 0 || dict_set_cstr(ts, d, "herror", herror_class) < 0 ||
        dict_set_cstr(ts, d, "has_ipv6", tr_true) < 0)
        goto fail;
    for (size_t i = 0; i < sizeof socket_consts / sizeof socket_consts[0]; i++) {
        TrObject *v = int_from_i64(ts, socket_consts[i].value);
        int r = v ? dict_set_cstr(ts, d, socket_consts[i].name, v) : -1;
        tr_xdecref(v);
        if (r < 0) goto fail;
    }
    return m;
fail:
    tr_decref(m);
    return NULL;
}
