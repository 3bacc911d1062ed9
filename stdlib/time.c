/* stdlib/time.c: the `time` module: clocks, sleep and the libc calendar
 * primitives (_tm, _mktime, _strftime) that stdlib/py/time.py, run in this
 * same module after its init, wraps into struct_time, gmtime, strftime, ...
 * Threads: stateless; sleep() detaches the thread (gil_release_for_blocking)
 * for the whole wait, so it never holds the GIL or a critical section.  The
 * libc calls used are the reentrant ones (gmtime_r, localtime_r); mktime and
 * strftime read the process time zone, which nothing here changes. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "threads/lock.h"
#include "threads/signals.h"

static double clock_seconds(clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static TrObject *clock_ns(TrThread *ts, clockid_t id) {
    struct timespec t;
    clock_gettime(id, &t);
    return int_from_i64(ts, (int64_t)t.tv_sec * 1000000000 + t.tv_nsec);
}

#define CLOCK_FUNCS(pyname, clk) \
    static TrObject *time_##pyname(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) { \
        if (tr_check_args(ts, #pyname, nargs, kwnames, 0, 0) < 0) return NULL; \
        return float_new(ts, clock_seconds(clk)); \
    } \
    static TrObject *time_##pyname##_ns(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) { \
        if (tr_check_args(ts, #pyname "_ns", nargs, kwnames, 0, 0) < 0) return NULL; \
        return clock_ns(ts, clk); \
    }

CLOCK_FUNCS(time, CLOCK_REALTIME)
CLOCK_FUNCS(perf_counter, CLOCK_MONOTONIC)
CLOCK_FUNCS(monotonic, CLOCK_MONOTONIC)
CLOCK_FUNCS(process_time, CLOCK_PROCESS_CPUTIME_ID)
CLOCK_FUNCS(thread_time, CLOCK_THREAD_CPUTIME_ID)

static TrObject *time_sleep(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "sleep", nargs, kwnames, 1, 1) < 0) return NULL;
    TrObject *a = args[0];
    double secs;
    if (float_check(a)) {
        secs = float_value(a);
        if (isnan(secs)) return err_format(ts, &tr_exc_ValueError, "Invalid value NaN (not a number)");
    } else if (int_check(a)) {
        secs = int_as_double(ts, a);
        if (secs == -1.0 && err_occurred(ts)) return NULL;
    } else {
        return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", tr_type_name(a));
    }
    if (secs < 0) return err_format(ts, &tr_exc_ValueError, "sleep length must be non-negative");
    if (secs > 9223372036.0) return err_format(ts, &tr_exc_OverflowError, "timestamp out of range for platform time_t");
    int64_t now = lock_now_ns();
    double ns = secs * 1e9;
    int64_t deadline = ns >= (double)(INT64_MAX - now) ? INT64_MAX : now + (int64_t)ns;
    /* The main thread also wakes for a signal: its handler runs, and the
     * sleep goes on for the time left unless the handler raised (PEP 475). */
    for (;;) {
        gil_release_for_blocking(ts);
        signals_wait_fd(ts, -1, 0, deadline);
        gil_reacquire_after_blocking(ts);
        if (signals_check(ts) < 0) return NULL;
        if (lock_now_ns() >= deadline) break;
    }
    return tr_none;
}


/* _tm(secs, local): the broken-down time of the integer `secs` as an
 * 11-tuple (year, mon, mday, hour, min, sec, wday Monday=0, yday from 1,
 * isdst, zone, gmtoff), UTC or local.  New reference; OverflowError or
 * OSError when libc cannot represent it. */
static TrObject *time__tm(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "_tm", nargs, kwnames, 2, 2) < 0) return NULL;
    int overflow = 0;
    int64_t v = int_as_i64_overflow(args[0], &overflow);
    if (overflow || (int64_t)(time_t)v != v)
        return err_format(ts, &tr_exc_OverflowError, "timestamp out of range for platform time_t");
    time_t t = (time_t)v;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    errno = 0;
    struct tm *r = tr_is_true(ts, args[1]) ? localtime_r(&t, &tm) : gmtime_r(&t, &tm);
    if (!r) return os_error(ts, errno ? errno : EOVERFLOW, NULL, NULL);
    TrObject *tup = tuple_new(ts, 11);
    if (!tup) return NULL;
    TrObject **items = ((TrTuple *)tup)->items;
    int64_t f[9] = {(int64_t)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                    (tm.tm_wday + 6) % 7, tm.tm_yday + 1, tm.tm_isdst};
    for (int i = 0; i < 9; i++) items[i] = int_from_i64(ts, f[i]);
    items[9] = tm.tm_zone ? str_from_cstr(ts, tm.tm_zone) : tr_newref(tr_none);
    items[10] = int_from_i64(ts, tm.tm_gmtoff);
    for (int i = 0; i < 11; i++)
        if (!items[i]) { tr_decref(tup); return NULL; }
    return tup;
}

/* Fills `tm` from the first 9 ints of tuple `t` (the Python layout above);
 * items 9 and 10, when present, are the zone (str or None) and gmtoff.
 * -1 on error. */
static int tuple_to_tm(TrThread *ts, TrObject *t, struct tm *tm) {
    if (!tuple_check(t) || tuple_size(t) < 9) {
        err_set(ts, &tr_exc_TypeError, "Tuple or struct_time argument required");
        return -1;
    }
    int64_t f[9];
    for (int i = 0; i < 9; i++) {
        f[i] = int_as_i64(ts, tuple_get(t, i));
        if (f[i] == -1 && err_occurred(ts)) return -1;
        if (i > 0 && (f[i] > INT32_MAX || f[i] < INT32_MIN)) {
            err_set(ts, &tr_exc_OverflowError, "Python int too large to convert to C int");
            return -1;
        }
    }
    memset(tm, 0, sizeof *tm);
    if (f[0] - 1900 > INT32_MAX || f[0] - 1900 < INT32_MIN) {
        err_set(ts, &tr_exc_OverflowError, "year out of range");
        return -1;
    }
    tm->tm_year = (int)(f[0] - 1900);
    tm->tm_mon = (int)f[1] - 1;
    tm->tm_mday = (int)f[2];
    tm->tm_hour = (int)f[3];
    tm->tm_min = (int)f[4];
    tm->tm_sec = (int)f[5];
    tm->tm_wday = (int)((f[6] + 1) % 7);
    tm->tm_yday = (int)f[7] - 1;
    tm->tm_isdst = (int)f[8];
    if (tuple_size(t) >= 11) {
        TrObject *z = tuple_get(t, 9);
        if (str_check(z)) tm->tm_zone = str_utf8(z);
        if (tuple_get(t, 10) != tr_none) {
            int64_t off = int_as_i64(ts, tuple_get(t, 10));
            if (off == -1 && err_occurred(ts)) return -1;
            tm->tm_gmtoff = (long)off;
        }
    }
    return 0;
}

/* _mktime(tuple): local seconds since the epoch, a float.  New reference. */
static TrObject *time__mktime(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "_mktime", nargs, kwnames, 1, 1) < 0) return NULL;
    struct tm tm;
    if (tuple_to_tm(ts, args[0], &tm) < 0) return NULL;
    tm.tm_wday = -1;   /* mktime leaves it alone on failure: the way to tell -1 from an error */
    time_t r = mktime(&tm);
    if (r == (time_t)-1 && tm.tm_wday == -1)
        return err_format(ts, &tr_exc_OverflowError, "mktime argument out of range");
    return float_new(ts, (double)r);
}

/* _strftime(fmt, tuple): libc strftime of the tuple (see tuple_to_tm).
 * New reference. */
static TrObject *time__strftime(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "_strftime", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "strftime() argument 1 must be str, not %s", tr_type_name(args[0]));
    struct tm tm;
    if (tuple_to_tm(ts, args[1], &tm) < 0) return NULL;
    const char *fmt = str_utf8(args[0]);
    size_t flen = strlen(fmt);
    if (flen == 0) return str_from_cstr(ts, "");
    /* strftime returns 0 both for "too small" and for an empty result, so
     * grow up to a bound far beyond any real format's output. */
    for (size_t cap = 1024; cap <= 256 * flen + 1024; cap *= 2) {
        char *buf = malloc(cap);
        if (!buf) return err_nomemory(ts);
        size_t n = strftime(buf, cap, fmt, &tm);
        if (n > 0 || cap >= 256 * flen) {
            TrObject *r = str_from_utf8(ts, buf, n);
            free(buf);
            return r;
        }
        free(buf);
    }
    return str_from_cstr(ts, "");
}

static const TrMethodDef time_functions[] = {
    {"_tm", time__tm}, {"_mktime", time__mktime}, {"_strftime", time__strftime},
    {"time", time_time}, {"time_ns", time_time_ns},
    {"perf_counter", time_perf_counter}, {"perf_counter_ns", time_perf_counter_ns},
    {"monotonic", time_monotonic}, {"monotonic_ns", time_monotonic_ns},
    {"process_time", time_process_time}, {"process_time_ns", time_process_time_ns},
    {"thread_time", time_thread_time}, {"thread_time_ns", time_thread_time_ns},
    {"sleep", time_sleep},
    {NULL, NULL}
};

TrObject *time_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "time");
    if (!m) return NULL;
    if (module_add_functions(ts, m, time_functions) < 0) {
        tr_decref(m);
        return NULL;
    }
    return m;
}
