/* core/capi.c: the extension C API (include/torii/ext.h, docs/capi.md) over
 * values, containers, errors, calls, critical sections, thread states and
 * buffers.  Types, functions and modules made from specs, and loading
 * `name.so`, are in core/capi_type.c; the API names the runtime itself
 * defines inline (tr_incref, tr_bool, ...) get their exported bodies in
 * core/capi_abi.c.
 *
 * Every function here is an ordinary call so that an extension binary
 * depends on no layout or inline code of either build: the GIL build and
 * the free-threaded one export the same symbols with the same contracts.
 * Most are thin: the runtime's functions already follow ext.h's rules (new
 * references out of lists and dicts, -1/NULL with the exception set).
 * Threads: nothing here keeps state; the locks taken are the objects' own
 * (critical sections, a bytearray's lock around its export count). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "torii/set.h"
#include "torii/memoryview.h"
#include "torii/array.h"
#include "torii/str.h"
#include "threads/tstate.h"
#include "core/capi.h"
#include "torii/ext.h"

_Static_assert(sizeof(TrObjectHead) == sizeof(TrObject), "TrObjectHead must be the object header's size");
_Static_assert(sizeof(TrCriticalSection) >= sizeof(TrCritical), "TrCriticalSection too small for TrCritical");
_Static_assert(_Alignof(TrCriticalSection) >= _Alignof(TrCritical), "TrCriticalSection under-aligned");

/* ---- the bodies behind core/capi_abi.c's exported names ----------------- */

void capi_incref(TrObject *o) { tr_incref(o); }
void capi_decref(TrObject *o) { tr_decref(o); }
TrObject *capi_bool(int v) { return tr_bool(v); }
const char *capi_type_name(const TrObject *o) { return tr_type_name(o); }

/* ---- objects and types ------------------------------------------------- */

TrObject *tr_type_of(TrObject *o) { return (TrObject *)tr_type(o); }

int tr_type_check(TrObject *o, TrObject *type) { return tr_isinstance(o, (TrType *)type); }

int tr_callable(TrObject *o) {
    TrType *t = tr_type(o);
    return t->call != NULL || tr_type_is_subtype(t, &tr_type_type);
}

TrObject *tr_call_method(TrThread *ts, TrObject *o, const char *name, TrObject *const *args, size_t nargs) {
    TrObject *m = tr_getattr_cstr(ts, o, name);
    if (!m) return NULL;
    TrObject *r = tr_call(ts, m, args, nargs, NULL);
    tr_decref(m);
    return r;
}

/* ---- numbers ------------------------------------------------------------ */

int tr_int_check(TrObject *o) { return int_check(o); }
TrObject *tr_int_from_i64(TrThread *ts, int64_t v) { return int_from_i64(ts, v); }
TrObject *tr_int_from_u64(TrThread *ts, uint64_t v) { return int_from_u64(ts, v); }

int64_t tr_int_as_i64(TrThread *ts, TrObject *o) {
    if (int_check(o)) return int_as_i64(ts, o);
    int64_t v;
    return tr_index_i64(ts, o, &v) < 0 ? -1 : v;
}

int tr_float_check(TrObject *o) { return float_check(o); }
TrObject *tr_float_from_double(TrThread *ts, double v) { return float_new(ts, v); }

double tr_float_as_double(TrThread *ts, TrObject *o) {
    if (float_check(o) || int_check(o)) return float_as_double(ts, o);
    TrObject *f = tr_call_method(ts, o, "__float__", NULL, 0);
    if (!f) {
        if (err_matches(ts, &tr_exc_AttributeError)) {
            err_clear(ts);
            err_format(ts, &tr_exc_TypeError, "must be real number, not %s", tr_type_name(o));
        }
        return -1.0;
    }
    double d = float_check(f) ? float_value(f) : -1.0;
    if (!float_check(f))
        err_format(ts, &tr_exc_TypeError, "%s.__float__ returned non-float (type %s)", tr_type_name(o),
                   tr_type_name(f));
    tr_decref(f);
    return d;
}

/* ---- str and bytes ------------------------------------------------------ */

int tr_str_check(TrObject *o) { return str_check(o); }
TrObject *tr_str_from_utf8(TrThread *ts, const char *s, size_t n) { return str_from_utf8(ts, s, n); }
TrObject *tr_str_from_cstr(TrThread *ts, const char *s) { return str_from_cstr(ts, s); }

TrObject *tr_str_format(TrThread *ts, const char *fmt, ...) {
    TrStrBuf b;
    strbuf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    err_vformat_buf(ts, &b, fmt, ap);
    va_end(ap);
    return strbuf_finish(ts, &b);
}

const char *tr_str_as_utf8(TrThread *ts, TrObject *o, size_t *len) {
    if (!str_check(o)) {
        err_format(ts, &tr_exc_TypeError, "expected str, not %s", tr_type_name(o));
        return NULL;
    }
    if (len) *len = str_nbytes(o);
    return str_utf8(o);
}

int tr_bytes_check(TrObject *o) { return bytes_check(o); }
TrObject *tr_bytes_from(TrThread *ts, const char *s, size_t n) { return bytes_from(ts, s, n); }

const char *tr_bytes_data(TrThread *ts, TrObject *o, size_t *len) {
    if (!bytes_check(o)) {
        err_format(ts, &tr_exc_TypeError, "expected bytes, not %s", tr_type_name(o));
        return NULL;
    }
    if (len) *len = bytes_size(o);
    return bytes_data(o);
}

/* ---- tuple, list, dict, set --------------------------------------------- */

int tr_tuple_check(TrObject *o) { return tuple_check(o); }
TrObject *tr_tuple_from_array(TrThread *ts, TrObject *const *items, size_t n) {
    return tuple_from_array(ts, items, n);
}

TrObject *tr_tuple_pack(TrThread *ts, size_t n, ...) {
    TrObject *t = tuple_new(ts, n);
    if (!t) return NULL;
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++) tuple_set_take(t, i, tr_newref(va_arg(ap, TrObject *)));
    va_end(ap);
    return t;
}

size_t tr_tuple_size(TrObject *t) { return tuple_size(t); }
TrObject *tr_tuple_get(TrObject *t, size_t i) { return tuple_get(t, i); }

int tr_list_check(TrObject *o) { return list_check(o); }
TrObject *tr_list_new(TrThread *ts) { return list_new(ts, 0); }
int tr_list_append(TrThread *ts, TrObject *list, TrObject *item) { return list_append(ts, list, item); }
TrObject *tr_list_get(TrThread *ts, TrObject *list, ssize_t i) { return list_get(ts, list, i); }
int tr_list_set(TrThread *ts, TrObject *list, ssize_t i, TrObject *item) { return list_set(ts, list, i, item); }
size_t tr_list_size(TrObject *list) { return list_size(list); }
TrObject *tr_list_to_tuple(TrThread *ts, TrObject *list) { return list_as_tuple(ts, list); }

int tr_dict_check(TrObject *o) { return dict_check(o); }
TrObject *tr_dict_new(TrThread *ts) { return dict_new(ts); }
TrObject *tr_dict_get(TrThread *ts, TrObject *d, TrObject *key) { return dict_get(ts, d, key); }
TrObject *tr_dict_get_cstr(TrThread *ts, TrObject *d, const char *key) { return dict_get_cstr(ts, d, key); }
int tr_dict_set(TrThread *ts, TrObject *d, TrObject *key, TrObject *value) { return dict_set(ts, d, key, value); }
int tr_dict_set_cstr(TrThread *ts, TrObject *d, const char *key, TrObject *value) {
    return dict_set_cstr(ts, d, key, value);
}
int tr_dict_del(TrThread *ts, TrObject *d, TrObject *key) { return dict_del(ts, d, key); }
size_t tr_dict_size(TrObject *d) { return dict_size(d); }
TrObject *tr_dict_items(TrThread *ts, TrObject *d) { return dict_items_list(ts, d); }

int tr_set_check(TrObject *o) { return anyset_check(o); }
TrObject *tr_set_new(TrThread *ts, TrObject *iterable) {
    return iterable ? set_from_iterable(ts, iterable) : set_new(ts);
}
TrObject *tr_frozenset_new(TrThread *ts, TrObject *iterable) {
    if (iterable) return frozenset_from_iterable(ts, iterable);
    TrObject *empty = tuple_new(ts, 0);
    if (!empty) return NULL;
    TrObject *r = frozenset_from_iterable(ts, empty);
    tr_decref(empty);
    return r;
}
int tr_set_add(TrThread *ts, TrObject *set, TrObject *key) { return set_add(ts, set, key); }
int tr_set_discard(TrThread *ts, TrObject *set, TrObject *key) { return set_discard(ts, set, key); }
int tr_set_contains(TrThread *ts, TrObject *set, TrObject *key) { return set_contains(ts, set, key); }
size_t tr_set_size(TrObject *set) { return set_size(set); }

/* ---- exceptions --------------------------------------------------------- */

void tr_err_set(TrThread *ts, TrObject *type, const char *msg) { err_set(ts, (TrType *)type, msg); }

TrObject *tr_err_format(TrThread *ts, TrObject *type, const char *fmt, ...) {
    TrStrBuf b;
    strbuf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    err_vformat_buf(ts, &b, fmt, ap);
    va_end(ap);
    TrObject *m = strbuf_finish(ts, &b);
    if (!m) return NULL;
    err_set_value(ts, (TrType *)type, m);
    tr_decref(m);
    return NULL;
}

TrObject *tr_err_nomemory(TrThread *ts) { return err_nomemory(ts); }
int tr_err_occurred(TrThread *ts) { return err_occurred(ts); }

int tr_err_matches(TrThread *ts, TrObject *type) {
    if (!ts->exc) return 0;
    if (!tuple_check(type)) return tr_isinstance(ts->exc, (TrType *)type);
    for (size_t i = 0; i < tuple_size(type); i++)
        if (tr_isinstance(ts->exc, (TrType *)tuple_get(type, i))) return 1;
    return 0;
}

void tr_err_clear(TrThread *ts) { err_clear(ts); }
TrObject *tr_err_fetch(TrThread *ts) { return err_fetch(ts); }
void tr_err_restore(TrThread *ts, TrObject *exc) { err_restore(ts, exc); }

/* ---- modules ------------------------------------------------------------ */

int tr_module_add_object(TrThread *ts, TrObject *module, const char *name, TrObject *value) {
    return dict_set_cstr(ts, module_dict(module), name, value);
}

int tr_module_add_int(TrThread *ts, TrObject *module, const char *name, int64_t v) {
    TrObject *i = int_from_i64(ts, v);
    if (!i) return -1;
    int r = dict_set_cstr(ts, module_dict(module), name, i);
    tr_decref(i);
    return r;
}

TrObject *tr_import(TrThread *ts, const char *name) {
    TrObject *n = str_from_cstr(ts, name);
    if (!n) return NULL;
    TrObject *m = runtime_import(ts, n);
    tr_decref(n);
    return m;
}

/* ---- critical sections -------------------------------------------------- */

void tr_begin_critical(TrThread *ts, TrCriticalSection *cs, TrObject *o) {
    TR_CRITICAL_ENTER(ts, (TrCritical *)cs, o);
}

void tr_begin_critical2(TrThread *ts, TrCriticalSection *cs, TrObject *a, TrObject *b) {
    TR_CRITICAL_ENTER2(ts, (TrCritical *)cs, a, b);
}

void tr_end_critical(TrThread *ts, TrCriticalSection *cs) { TR_CRITICAL_EXIT(ts, (TrCritical *)cs); }

/* ---- thread states ------------------------------------------------------ */

void tr_detach(TrThread *ts) { gil_release_for_blocking(ts); }
void tr_attach(TrThread *ts) { gil_reacquire_after_blocking(ts); }

TrThread *tr_thread_new(void) {
    if (tr_thread_current()) return NULL;   /* one state per OS thread */
    TrThread *ts = tstate_new();
    if (ts) tstate_attach(ts);
    return ts;
}

void tr_thread_delete(TrThread *ts) { tstate_exit(ts); }

int tr_gil_enabled(void) { return TR_GIL_ENABLED; }

/* ---- buffers ------------------------------------------------------------
 * `internal_` is the object whose export count this buffer raised (a
 * bytearray, or a memoryview's bytearray/BytesIO root), NULL for bytes. */

int tr_buffer_get(TrThread *ts, TrObject *o, TrBuffer *b, int flags) {
    memset(b, 0, sizeof *b);
    b->itemsize = 1;
    b->format = 'B';
    int writable = (flags & TR_BUFFER_WRITABLE) != 0;
    if (!tr_is_imm(o) && bytes_check(o)) {
        if (writable) { err_set(ts, &tr_exc_BufferError, "Object is not writable."); return -1; }
        b->buf = bytes_data(o);
        b->len = bytes_size(o);
        b->readonly = 1;
    } else if (!tr_is_imm(o) && (bytearray_check(o) || array_check(o))) {
        /* array.array shares the layout; its items keep their own format */
        TrByteArray *a = (TrByteArray *)o;
        TR_BEGIN_CRITICAL(ts, o);
        a->exports++;    /* from here on the array refuses to resize: data stays put */
        b->buf = a->data;
        b->len = a->size;
        TR_END_CRITICAL(ts);
        b->internal_ = o;
        if (array_check(o)) {
            b->itemsize = (size_t)((TrArray *)o)->itemsize;
            b->format = ((TrArray *)o)->typecode == 'u' ? 'w' : ((TrArray *)o)->typecode;
        }
    } else if (!tr_is_imm(o) && memview_check(o)) {
        TrMemExport e;
        if (memview_export(ts, o, writable, &e) < 0) return -1;
        b->buf = e.buf;
        b->len = e.len;
        b->itemsize = (size_t)e.itemsize;
        b->format = e.format;
        b->readonly = e.readonly;
        b->internal_ = e.root;
    } else {
        err_format(ts, &tr_exc_TypeError, "a bytes-like object is required, not '%s'", tr_type_name(o));
        return -1;
    }
    b->obj = tr_newref(o);
    return 0;
}

void tr_buffer_release(TrThread *ts, TrBuffer *b) {
    if (b->internal_) memview_unexport(ts, (TrObject *)b->internal_);
    TR_CLEAR(b->obj);
    b->internal_ = NULL;
    b->buf = NULL;
}
