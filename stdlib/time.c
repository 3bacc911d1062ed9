/* stdlib/time.c: the `time` module: clocks and sleep.
 * Threads: stateless; sleep() detaches the thread (gil_release_for_blocking)
 * for the whole wait, so it never holds the GIL or a critical section. */
#include <errno.h>
#include <math.h>
#include <time.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"

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
    struct timespec req = { (time_t)secs, (long)((secs - floor(secs)) * 1e9) };
    if (req.tv_nsec >= 1000000000) { req.tv_sec++; req.tv_nsec -= 1000000000; }
    gil_release_for_blocking(ts);
    while (nanosleep(&req, &req) != 0 && errno == EINTR) {}
    gil_reacquire_after_blocking(ts);
    return tr_none;
}

static const TrMethodDef time_functions[] = {
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
