/* examples/ext/kernel.c: `kernel`, an extension module of CPU-bound
 * kernels that scale across threads (docs/capi.md).
 *
 *   mandel_row(y, width, height, maxiter) -> list of iteration counts
 *   dot(a, b)            -> float: a and b buffers of doubles (memoryview.cast('d'))
 *   sum_floats(seq, start=0.0) -> float: a list (or any iterable) of numbers
 *   scale(values, *, factor) -> list: keyword arguments through a fast call
 *   call_catching(func, exc_type) -> the exception func() raised, or its result
 *   run_in_c_threads(func, n) -> [func(0), ..., func(n-1)], each called from
 *                                 a thread this module starts with pthreads
 *
 * The pure-C loops run detached (tr_detach): they touch no object, so under
 * torii-gil other threads run Python meanwhile, and under torii they do not
 * hold up a collection.  Build:
 *   cc -shared -fPIC $(pkg-config --cflags --libs torii) -o kernel.so kernel.c */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <torii/ext.h>

static int mandel(double cr, double ci, int maxiter) {
    double zr = 0, zi = 0;
    int i = 0;
    while (i < maxiter && zr * zr + zi * zi <= 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        i++;
    }
    return i;
}

static TrObject *mandel_row(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "mandel_row", nargs, kwnames, 4, 4) < 0) return NULL;
    int64_t v[4];
    for (int i = 0; i < 4; i++) {
        v[i] = tr_int_as_i64(ts, args[i]);
        if (v[i] == -1 && tr_err_occurred(ts)) return NULL;
    }
    int64_t y = v[0], width = v[1], height = v[2], maxiter = v[3];
    if (width < 0 || width > (1 << 24) || height <= 0 || maxiter < 0)
        return tr_err_format(ts, TR_EXC(ValueError), "mandel_row: bad size");
    int *out = malloc((size_t)(width ? width : 1) * sizeof *out);
    if (!out) return tr_err_nomemory(ts);
    tr_detach(ts);   /* no object is touched until tr_attach */
    double ci = -1.5 + 3.0 * (double)y / (double)height;
    for (int64_t x = 0; x < width; x++)
        out[x] = mandel(-2.0 + 3.0 * (double)x / (double)width, ci, (int)maxiter);
    tr_attach(ts);
    TrObject *row = tr_list_new(ts);
    for (int64_t x = 0; row && x < width; x++) {
        TrObject *n = tr_int_from_i64(ts, out[x]);
        if (!n || tr_list_append(ts, row, n) < 0) {
            tr_xdecref(n);
            tr_decref(row);
            row = NULL;
            break;
        }
        tr_decref(n);
    }
    free(out);
    return row;   /* a new reference, or NULL with the exception set */
}

static int get_doubles(TrThread *ts, TrObject *o, TrBuffer *b) {
    if (tr_buffer_get(ts, o, b, 0) < 0) return -1;
    if (b->format != 'd' || b->itemsize != sizeof(double)) {
        tr_buffer_release(ts, b);
        tr_err_format(ts, TR_EXC(TypeError), "dot: expected a buffer of doubles ('d'), got '%c'", b->format);
        return -1;
    }
    return 0;
}

static TrObject *dot(TrThread *ts, TrObject *self, TrObject *args) {
    if (tr_tuple_size(args) != 2)
        return tr_err_format(ts, TR_EXC(TypeError), "dot() takes exactly 2 arguments (%zu given)", tr_tuple_size(args));
    TrBuffer a, b;
    if (get_doubles(ts, tr_tuple_get(args, 0), &a) < 0) return NULL;
    if (get_doubles(ts, tr_tuple_get(args, 1), &b) < 0) { tr_buffer_release(ts, &a); return NULL; }
    TrObject *r = NULL;
    if (a.len != b.len) {
        tr_err_set(ts, TR_EXC(ValueError), "dot: buffers of different lengths");
    } else {
        const double *x = a.buf, *y = b.buf;
        size_t n = a.len / sizeof(double);
        double s = 0;
        tr_detach(ts);   /* the buffers stay put while held: no object is touched */
        for (size_t i = 0; i < n; i++) s += x[i] * y[i];
        tr_attach(ts);
        r = tr_float_from_double(ts, s);
    }
    tr_buffer_release(ts, &a);
    tr_buffer_release(ts, &b);
    return r;
}

/* sum_floats(seq, start=0.0): positional and keyword arguments as a tuple and a dict. */
static TrObject *sum_floats(TrThread *ts, TrObject *self, TrObject *args, TrObject *kwargs) {
    size_t nkw = kwargs ? tr_dict_size(kwargs) : 0;
    TrObject *start = NULL;
    if (kwargs) {
        start = tr_dict_get_cstr(ts, kwargs, "start");   /* a new reference */
        if (!start && tr_err_occurred(ts)) return NULL;
        if (nkw != (start ? 1u : 0u)) {
            tr_xdecref(start);
            return tr_err_format(ts, TR_EXC(TypeError), "sum_floats() got an unexpected keyword argument");
        }
    }
    size_t np = tr_tuple_size(args);
    if (np < 1 || np + (start ? 1 : 0) > 2) {
        tr_xdecref(start);
        return tr_err_format(ts, TR_EXC(TypeError), "sum_floats() takes 1 or 2 arguments");
    }
    if (np == 2) start = tr_newref(tr_tuple_get(args, 1));
    double s = start ? tr_float_as_double(ts, start) : 0.0;
    tr_xdecref(start);
    if (tr_err_occurred(ts)) return NULL;
    TrObject *seq = tr_tuple_get(args, 0);
    if (tr_list_check(seq)) {
        /* tr_list_get returns new references: another thread may shrink the
         * list meanwhile, so stop at the first missing index */
        for (ssize_t i = 0;; i++) {
            TrObject *item = tr_list_get(ts, seq, i);
            if (!item) {
                if (!tr_err_matches(ts, TR_EXC(IndexError))) return NULL;
                tr_err_clear(ts);
                break;
            }
            double d = tr_float_as_double(ts, item);
            tr_decref(item);
            if (d == -1.0 && tr_err_occurred(ts)) return NULL;
            s += d;
        }
    } else {
        TrObject *it = tr_iter(ts, seq), *item;
        if (!it) return NULL;
        while ((item = tr_next(ts, it))) {
            double d = tr_float_as_double(ts, item);
            tr_decref(item);
            if (d == -1.0 && tr_err_occurred(ts)) { tr_decref(it); return NULL; }
            s += d;
        }
        tr_decref(it);
        if (tr_err_occurred(ts)) return NULL;
    }
    return tr_float_from_double(ts, s);
}

/* scale(values, *, factor): a fast call with a keyword-only argument. */
static TrObject *scale(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    size_t nkw = kwnames ? tr_tuple_size(kwnames) : 0;
    TrObject *factor = NULL;
    for (size_t i = 0; i < nkw; i++) {
        const char *k = tr_str_as_utf8(ts, tr_tuple_get(kwnames, i), NULL);
        if (!k) return NULL;
        if (strcmp(k, "factor") != 0)
            return tr_err_format(ts, TR_EXC(TypeError), "scale() got an unexpected keyword argument '%s'", k);
        factor = args[nargs + i];
    }
    if (nargs != 1) return tr_err_format(ts, TR_EXC(TypeError), "scale() takes exactly 1 positional argument (%zu given)", nargs);
    if (!factor) return tr_err_format(ts, TR_EXC(TypeError), "scale() missing required keyword-only argument: 'factor'");
    TrObject *it = tr_iter(ts, args[0]);
    TrObject *out = it ? tr_list_new(ts) : NULL, *item;
    while (out && (item = tr_next(ts, it))) {
        TrObject *p = tr_binop(ts, TR_BINOP_MUL, item, factor);
        tr_decref(item);
        if (!p || tr_list_append(ts, out, p) < 0) { tr_xdecref(p); tr_decref(out); out = NULL; break; }
        tr_decref(p);
    }
    tr_xdecref(it);
    if (out && tr_err_occurred(ts)) { tr_decref(out); out = NULL; }
    return out;
}

/* call_catching(func, exc_type): func()'s result, or the exception it raised
 * when that is an exc_type; other exceptions propagate. */
static TrObject *call_catching(TrThread *ts, TrObject *self, TrObject *args) {
    if (tr_tuple_size(args) != 2) return tr_err_format(ts, TR_EXC(TypeError), "call_catching() takes 2 arguments");
    TrObject *r = tr_call(ts, tr_tuple_get(args, 0), NULL, 0, NULL);
    if (r) return r;
    if (!tr_err_matches(ts, tr_tuple_get(args, 1))) return NULL;
    return tr_err_fetch(ts);   /* a new reference; nothing is pending after */
}

/* ---- threads a C library starts ------------------------------------------ */

typedef struct Job {
    TrObject *func;          /* borrowed: the caller's argument outlives the threads */
    int64_t index;
    TrObject *result;        /* owned: func(index), or the exception it raised */
    int failed;
} Job;

static void *job_main(void *arg) {
    Job *j = arg;
    TrThread *ts = tr_thread_new();   /* this OS thread has no state yet */
    if (!ts) { j->failed = 1; return NULL; }
    TrObject *i = tr_int_from_i64(ts, j->index);
    j->result = i ? tr_call(ts, j->func, &i, 1, NULL) : NULL;
    tr_xdecref(i);
    if (!j->result) {
        j->failed = 1;
        j->result = tr_err_fetch(ts);
    }
    tr_thread_delete(ts);   /* no object may be touched after this */
    return NULL;
}

static TrObject *run_in_c_threads(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "run_in_c_threads", nargs, kwnames, 2, 2) < 0) return NULL;
    int64_t n = tr_int_as_i64(ts, args[1]);
    if (n == -1 && tr_err_occurred(ts)) return NULL;
    if (n < 0 || n > 256) return tr_err_format(ts, TR_EXC(ValueError), "run_in_c_threads: 0 <= n <= 256");
    Job *jobs = calloc((size_t)(n ? n : 1), sizeof *jobs);
    pthread_t *tids = calloc((size_t)(n ? n : 1), sizeof *tids);
    if (!jobs || !tids) { free(jobs); free(tids); return tr_err_nomemory(ts); }
    int64_t started = 0;
    for (; started < n; started++) {
        jobs[started] = (Job){args[0], started, NULL, 0};
        if (pthread_create(&tids[started], NULL, job_main, &jobs[started]) != 0) break;
    }
    tr_detach(ts);   /* joining blocks: let the threads attach and run */
    for (int64_t i = 0; i < started; i++) pthread_join(tids[i], NULL);
    tr_attach(ts);
    TrObject *out = started == n ? tr_list_new(ts) : NULL;
    if (started != n) tr_err_set(ts, TR_EXC(RuntimeError), "can't start new thread");
    for (int64_t i = 0; i < started; i++) {
        int ok = out && !jobs[i].failed && tr_list_append(ts, out, jobs[i].result) == 0;
        if (out && !ok) {
            if (jobs[i].failed && jobs[i].result) tr_err_restore(ts, tr_newref(jobs[i].result));
            else if (jobs[i].failed) tr_err_nomemory(ts);
            tr_decref(out);
            out = NULL;
        }
        tr_xdecref(jobs[i].result);
    }
    free(jobs);
    free(tids);
    return out;
}

static const TrFuncDef functions[] = {
    {"mandel_row", TR_CALL_FAST, {.fast = mandel_row}, "mandel_row(y, width, height, maxiter) -> list of counts"},
    {"dot", TR_CALL_VARARGS, {.varargs = dot}, "dot(a, b) -> float, over two buffers of doubles"},
    {"sum_floats", TR_CALL_KEYWORDS, {.keywords = sum_floats}, "sum_floats(seq, start=0.0) -> float"},
    {"scale", TR_CALL_FAST, {.fast = scale}, "scale(values, *, factor) -> list"},
    {"call_catching", TR_CALL_VARARGS, {.varargs = call_catching}, "call_catching(func, exc_type)"},
    {"run_in_c_threads", TR_CALL_FAST, {.fast = run_in_c_threads}, "run_in_c_threads(func, n) -> list"},
    {NULL},
};

static int exec_kernel(TrThread *ts, TrObject *m) {
    return tr_module_add_int(ts, m, "GIL", tr_gil_enabled());
}

static const TrModuleSpec spec = {TR_EXT_ABI_VERSION, "kernel", "CPU-bound kernels (examples/ext)", functions,
                                  exec_kernel};

TR_MODULE_INIT(kernel) { return &spec; }
