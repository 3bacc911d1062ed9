/* examples/ext/counter.c: `counter`, an extension type whose state is
 * guarded by critical sections (docs/capi.md).
 *
 *   c = counter.Counter(start=0)
 *   c.add(n=1)          adds n; returns the new value
 *   c.get()             the value
 *   c.value             the same, as a read/write attribute (a getset)
 *   c.adds              how many add() calls (a read-only int64 member)
 *   c.log               None or a list (an object member; add() appends n to it)
 *   c.merge(other)      moves other's value into c, atomically for the pair
 *   counter.total(counters) -> the sum of the values
 *
 * Threads: `value` and `adds` and `log` are read and written only inside a
 * critical section on the counter (tr_begin_critical); merge locks both
 * counters at once (tr_begin_critical2, address order: no deadlock between
 * a.merge(b) and b.merge(a)).  No Python code runs inside a section; the
 * log list is appended to after the section ends (a list is thread-safe).
 * The type is a GC type: `log` may hold a cycle back to the counter. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <torii/ext.h>

typedef struct Counter {
    TrObjectHead head;
    int64_t value;           /* under the counter's critical section */
    int64_t adds;            /* under the counter's critical section */
    TrObject *log;           /* owned or NULL; under the counter's critical section */
} Counter;

#define C(o) ((Counter *)(o))

static TrObject *counter_type;   /* the type (immortal), set by exec */

static TrObject *counter_new(TrThread *ts, TrObject *type, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    size_t nkw = kwnames ? tr_tuple_size(kwnames) : 0;
    if (nargs + nkw > 1) return tr_err_format(ts, TR_EXC(TypeError), "Counter() takes at most 1 argument (%zu given)", nargs + nkw);
    if (nkw) {
        const char *k = tr_str_as_utf8(ts, tr_tuple_get(kwnames, 0), NULL);
        if (!k) return NULL;
        if (strcmp(k, "start") != 0)
            return tr_err_format(ts, TR_EXC(TypeError), "Counter() got an unexpected keyword argument '%s'", k);
    }
    int64_t start = 0;
    if (nargs + nkw == 1) {
        start = tr_int_as_i64(ts, args[0]);
        if (start == -1 && tr_err_occurred(ts)) return NULL;
    }
    TrObject *self = tr_alloc_instance(ts, type);
    if (!self) return NULL;
    C(self)->value = start;   /* not shared yet: no section needed */
    return self;
}

static void counter_clear(TrThread *ts, TrObject *self) {
    TrObject *log = C(self)->log;   /* no other reference to `self` exists now */
    C(self)->log = NULL;
    tr_xdecref(log);
}

static void counter_traverse(TrObject *self, tr_visitfunc visit, void *arg) {
    if (C(self)->log) visit(C(self)->log, arg);
}

static TrObject *counter_repr(TrThread *ts, TrObject *self) {
    TrCriticalSection cs;
    tr_begin_critical(ts, &cs, self);
    int64_t v = C(self)->value;
    tr_end_critical(ts, &cs);
    return tr_str_format(ts, "Counter(%lld)", (long long)v);
}

/* add(n=1) */
static TrObject *counter_add(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "add", nargs, kwnames, 0, 1) < 0) return NULL;
    int64_t n = 1;
    if (nargs) {
        if (!tr_int_check(args[0]))
            return tr_err_format(ts, TR_EXC(TypeError), "add() argument must be int, not %s", tr_type_name(args[0]));
        n = tr_int_as_i64(ts, args[0]);
        if (n == -1 && tr_err_occurred(ts)) return NULL;
    }
    TrCriticalSection cs;
    tr_begin_critical(ts, &cs, self);
    int64_t v = C(self)->value += n;
    C(self)->adds++;
    TrObject *log = C(self)->log;
    if (log) tr_incref(log);    /* keep it alive past the section */
    tr_end_critical(ts, &cs);
    if (log) {
        int r = tr_list_append(ts, log, nargs ? args[0] : tr_true);
        tr_decref(log);
        if (r < 0) return NULL;
    }
    return tr_int_from_i64(ts, v);
}

static TrObject *counter_get(TrThread *ts, TrObject *self) {
    TrCriticalSection cs;
    tr_begin_critical(ts, &cs, self);
    int64_t v = C(self)->value;
    tr_end_critical(ts, &cs);
    return tr_int_from_i64(ts, v);
}

/* merge(other): self.value += other.value; other.value = 0, as one step. */
static TrObject *counter_merge(TrThread *ts, TrObject *self, TrObject *other) {
    if (!tr_type_check(other, counter_type))
        return tr_err_format(ts, TR_EXC(TypeError), "merge() argument must be Counter, not %s", tr_type_name(other));
    if (other == self) return tr_newref(tr_none);
    TrCriticalSection cs;
    tr_begin_critical2(ts, &cs, self, other);
    C(self)->value += C(other)->value;
    C(other)->value = 0;
    tr_end_critical(ts, &cs);
    return tr_newref(tr_none);
}

static TrObject *value_get(TrThread *ts, TrObject *self, void *closure) { return counter_get(ts, self); }

static int value_set(TrThread *ts, TrObject *self, TrObject *v, void *closure) {
    if (!v) { tr_err_set(ts, TR_EXC(AttributeError), "can't delete Counter.value"); return -1; }
    int64_t n = tr_int_as_i64(ts, v);
    if (n == -1 && tr_err_occurred(ts)) return -1;
    TrCriticalSection cs;
    tr_begin_critical(ts, &cs, self);
    C(self)->value = n;
    tr_end_critical(ts, &cs);
    return 0;
}

static const TrFuncDef counter_methods[] = {
    {"add", TR_CALL_FAST, {.fast = counter_add}, "add(n=1) -> the new value"},
    {"get", TR_CALL_NOARGS, {.noargs = counter_get}, "get() -> the value"},
    {"merge", TR_CALL_O, {.onearg = counter_merge}, "merge(other): move other's value into this counter"},
    {NULL},
};

static const TrMemberDef counter_members[] = {
    {"adds", TR_MEMBER_INT64, offsetof(Counter, adds), TR_MEMBER_READONLY, "number of add() calls"},
    {"log", TR_MEMBER_OBJECT, offsetof(Counter, log), 0, "None, or a list add() appends to"},
    {NULL},
};

static const TrGetSetDef counter_getsets[] = {
    {"value", value_get, value_set, "the count", NULL},
    {NULL},
};

static const TrTypeSpec counter_spec = {
    .name = "counter.Counter",
    .basicsize = sizeof(Counter),
    .flags = TR_TYPE_GC,
    .new_ = counter_new,
    .clear = counter_clear,
    .traverse = counter_traverse,
    .repr = counter_repr,
    .methods = counter_methods,
    .members = counter_members,
    .getsets = counter_getsets,
    .doc = "A thread-safe counter.",
};

/* total(counters): the sum of their values. */
static TrObject *total(TrThread *ts, TrObject *module, TrObject *counters) {
    TrObject *it = tr_iter(ts, counters), *c;
    if (!it) return NULL;
    int64_t sum = 0;
    while ((c = tr_next(ts, it))) {
        if (!tr_type_check(c, counter_type)) {
            tr_err_format(ts, TR_EXC(TypeError), "total() needs Counters, not %s", tr_type_name(c));
            tr_decref(c);
            break;
        }
        TrCriticalSection cs;
        tr_begin_critical(ts, &cs, c);
        sum += C(c)->value;
        tr_end_critical(ts, &cs);
        tr_decref(c);
    }
    tr_decref(it);
    if (tr_err_occurred(ts)) return NULL;
    return tr_int_from_i64(ts, sum);
}

static const TrFuncDef functions[] = {
    {"total", TR_CALL_O, {.onearg = total}, "total(counters) -> int"},
    {NULL},
};

static int exec_counter(TrThread *ts, TrObject *m) {
    counter_type = tr_type_from_spec(ts, &counter_spec);
    if (!counter_type) return -1;
    return tr_module_add_object(ts, m, "Counter", counter_type);
}

static const TrModuleSpec spec = {TR_EXT_ABI_VERSION, "counter", "A counter type (examples/ext)", functions,
                                  exec_counter};

TR_MODULE_INIT(counter) { return &spec; }
