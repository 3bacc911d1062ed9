/* core/sites.c: what the contention report (threads/contention.c) and the
 * race detector (threads/race.c) need from the VM and the object layer,
 * handed to them as hooks at start-up: the calling thread's current Python
 * site, a site as file:line and function, a short description of an object;
 * for the detector also where an attribute, item or global access lands, a
 * location in words, and a thread's Python name.
 *
 * The site is the innermost frame on `ts->frame` and its `instr` (handed
 * over as their offsets in TrFrame, read by threads/contention.c), the index
 * the VM saves (SAVE) before every instruction that may call out, block or
 * lock a container shared with other threads (calls, stores, imports), so it
 * names the instruction that is waiting; an instruction whose fast path does
 * not save it shows as the last one that did, nearly always on the same line.
 * Threads: the hooks read only the calling thread's own frames, immortal
 * code objects, and fields of the described object that are immutable or
 * read with an atomic load (container sizes).  None runs Python code, takes
 * a lock or touches a reference count: they run inside lock and
 * reference-count slow paths.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "torii/torii.h"
#include "core/frame.h"
#include "core/sites.h"
#include "torii/set.h"
#include "threads/contention.h"
#include "threads/race.h"
#include "torii/class.h"
#include "stdlib/stdlib.h"

/* The last path component of `path`. */
static const char *base_name(const char *path) {
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void resolve(const void *c, int instr, char *file, size_t nfile, int *line,
                    char *func, size_t nfunc) {
    const TrCode *co = c;
    snprintf(file, nfile, "%s", co->filename ? base_name(str_utf8(co->filename)) : "?");
    snprintf(func, nfunc, "%s", co->name ? str_utf8(co->name) : "?");
    int l = -1;
    /* An instruction the compiler added has no line: take the nearest one
     * before it that has. */
    for (int i = instr; co->positions && i >= 0 && (size_t)i < co->ninstrs; i--)
        if ((l = co->positions[i].lineno) > 0) break;
    *line = l > 0 ? l : co->firstlineno;
}

static void describe(TrObject *o, char *buf, size_t n) {
    TrType *t = tr_type(o);
    if (t == &tr_dict_type) snprintf(buf, n, "dict of %zu items", dict_size(o));
    else if (t == &tr_list_type) snprintf(buf, n, "list of %zu items", list_size(o));
    else if (t == &tr_set_type || t == &tr_frozenset_type) snprintf(buf, n, "%s of %zu items", t->name, set_size(o));
    else if (t == &tr_tuple_type) snprintf(buf, n, "tuple of %zu items", tuple_size(o));
    else if (t == &tr_str_type) snprintf(buf, n, "str of %zu chars", str_length(o));
    else if (t == &tr_function_type) {
        /* The code object (immutable, `__code__` is read-only) names it:
         * `__qualname__` may be rebound by another thread meanwhile. */
        const TrCode *co = (const TrCode *)((TrFunction *)o)->code;
        snprintf(buf, n, "function %s", co->qualname ? str_utf8(co->qualname) : "?");
    } else if (t == &tr_module_type) {
        TrObject *name = ((TrModule *)o)->name;
        snprintf(buf, n, "module %s", name ? str_utf8(name) : "?");
    } else if (tr_isinstance(o, &tr_type_type)) snprintf(buf, n, "class %s", ((TrType *)o)->name);
    else snprintf(buf, n, "%s object at %p", t->name, (void *)o);
}

/* ---- the race detector's hooks ---- */

static uint64_t str_sub(TrObject *s) { return (uint64_t)str_hash(s) * 4 + 1; }

/* 1 if `k` hashes in C alone: an exact int, float or str, None, a bool, or
 * a tuple of such (depth-limited). */
static int plain_key(TrObject *k, int depth) {
    if (tr_is_imm(k) || k == tr_none || k == tr_true || k == tr_false) return 1;
    TrType *t = tr_type(k);
    if (t == &tr_str_type || t == &tr_int_type || t == &tr_float_type) return 1;
    if (t != &tr_tuple_type || depth > 4) return 0;
    for (size_t i = 0; i < tuple_size(k); i++)
        if (!plain_key(tuple_get(k, i), depth + 1)) return 0;
    return 1;
}

/* A dict key's location: equal keys meet (their hash; str and small ints
 * apart from the rest).  -1 for a key whose hash could run Python code, or
 * one compared by identity: a key object freed and another made at its
 * address would look like the same key; such accesses are not tracked. */
static int key_sub(TrObject *k, uint64_t *sub) {
    if (tr_is_imm(k)) { *sub = (uint64_t)tr_imm_value(k) * 4 + 2; return 0; }
    if (tr_type(k) == &tr_str_type) { *sub = str_sub(k); return 0; }
    if (!plain_key(k, 0)) return -1;
    TrThread *ts = tr_thread_current();
    int64_t h = tr_hash(ts, k);
    if (h == -1 && err_occurred(ts)) { err_clear(ts); return -1; }
    *sub = (uint64_t)h * 4 + 3;
    return 0;
}

/* 1 if `name` of instances of `t` lives in the instance (its __dict__ or a
 * slot): no data descriptor of the class (a property) stands in the way,
 * and the class has no attribute hooks of its own (__getattribute__,
 * __getattr__, __setattr__: threading.local, proxies), whose code is what
 * the detector sees instead. */
static int storage_lookup(TrType *t, TrObject *name) {
    TrThread *ts = tr_thread_current();
    TrObject *d = type_lookup(ts, t, name);
    if (!d) {
        if (err_occurred(ts)) err_clear(ts);
        return 1;
    }
    TrType *dt = tr_type(d);
    int ok = !dt->descr_set || dt == &tr_member_descr_type;
    tr_decref(d);
    return ok;
}

/* The calling thread's memory of storage_lookup's answers, by class and
 * name.  An answer holds while the class is the one it was made for (its
 * tag: never reused) and no dict of its MRO has changed (their version
 * words, as the VM's attribute caches check them, core/vm_cache.h). */
#define STORAGE_WAYS 64
#define STORAGE_MRO 4
typedef struct StorageHit {
    uint64_t tag;                        /* 0: empty */
    const TrObject *name;                /* interned: co_names */
    int ok;
    uint32_t nver;
    const uint64_t *word[STORAGE_MRO];
    uint64_t seen[STORAGE_MRO];
} StorageHit;
static __thread StorageHit storage_hits[STORAGE_WAYS];

static int instance_storage(TrType *t, TrObject *name) {
    if (!(t->flags & TR_TPFLAG_HEAPTYPE)) return 0;
    if (t->getattr || (t->setattr && t->setattr != tr_generic_setattr)) return 0;
    uint64_t tag = ((TrHeapType *)t)->tag;
    StorageHit *h = &storage_hits[(((uintptr_t)name >> 4) ^ tag * 0x9E3779B1u) & (STORAGE_WAYS - 1)];
    if (h->tag == tag && h->name == name) {
        uint32_t i = 0;
        while (i < h->nver && atomic_load_u64_relaxed((uint64_t *)h->word[i]) == h->seen[i]) i++;
        if (i == h->nver) return h->ok;
    }
    size_t n;
    TrType *const *mro = class_mro(t, &n);
    StorageHit fresh = { tag, name, 0, 0, {0}, {0} };
    int cacheable = n <= STORAGE_MRO;
    /* The versions before the look-up: a change meanwhile shows as a miss. */
    for (size_t i = 0; cacheable && i < n; i++) {
        if (!mro[i]->dict) continue;
        fresh.word[fresh.nver] = dict_version_ptr(mro[i]->dict);
        fresh.seen[fresh.nver] = atomic_load_u64_relaxed((uint64_t *)fresh.word[fresh.nver]);
        fresh.nver++;
    }
    fresh.ok = storage_lookup(t, name);
    if (cacheable) *h = fresh;
    return fresh.ok;
}

static int race_locate(int op, TrObject *obj, TrObject *key, const void **target, uint64_t *sub) {
    int kind = op & ~RACE_WRITE;
    if (tr_is_imm(obj) || (atomic_load_u16_relaxed(&obj->ob_flags) & TR_FLAG_STATIC)) return -1;
    TrType *t = tr_type(obj);
    switch (kind) {
    case RACE_ATTR:
        if (!str_check(key)) return -1;
        if (t == &tr_module_type) {
            /* a module's attribute is its global */
            TrObject *d = ((TrModule *)obj)->dict;
            if (!d) return -1;
            *target = d;
            *sub = str_sub(key);
            return RACE_GLOBAL;
        }
        if (tr_isinstance(obj, &tr_type_type)) {
            if (!(((TrType *)obj)->flags & TR_TPFLAG_HEAPTYPE)) return -1;
        } else if (!instance_storage(t, key)) {
            return -1;
        }
        *target = obj;
        *sub = str_sub(key);
        return RACE_ATTR;
    case RACE_ITEM:
        /* Exact types only: a subclass's own __getitem__ / __setitem__ (which
         * may take a lock) is what runs, and the detector sees its code. */
        if (t == &tr_list_type) {
            if (!tr_is_imm(key)) return -1;
            int64_t i = tr_imm_value(key);
            if (i < 0) i += (int64_t)list_size(obj);
            *target = obj;
            *sub = (uint64_t)i;
            return RACE_ITEM;
        }
        if (t == &tr_dict_type) {
            if (key_sub(key, sub) < 0) return -1;
            *target = obj;
            return RACE_ITEM;
        }
        return -1;
    default:
        if (t != &tr_dict_type || !str_check(key)) return -1;
        *target = obj;
        *sub = str_sub(key);
        return RACE_GLOBAL;
    }
}

/* `key` as Python shows it (its repr: the keys tracked are plain_key ones,
 * whose repr runs no Python code), truncated. */
static void show_key(TrObject *key, char *buf, size_t n) {
    TrThread *ts = tr_thread_current();
    int plain = plain_key(key, 0);
    TrObject *r = plain ? tr_repr(ts, key) : NULL;
    if (r) {
        snprintf(buf, n, "%.100s", str_utf8(r));
        tr_decref(r);
        return;
    }
    if (plain) err_clear(ts);   /* out of memory: the type name will do */
    snprintf(buf, n, "of type %s", tr_type(key)->name);
}

static void race_describe(int kind, TrObject *obj, TrObject *key, char *buf, size_t n) {
    char k[128];
    show_key(key, k, sizeof k);
    if (kind == RACE_GLOBAL) {
        TrObject *mod = NULL;
        if (tr_type(obj) == &tr_module_type) {
            mod = ((TrModule *)obj)->name;
            if (mod) tr_incref(mod);
        } else if (tr_type(obj) == &tr_dict_type) {
            mod = dict_get_cstr(tr_thread_current(), obj, "__name__");
            if (!mod) err_clear(tr_thread_current());
        }
        if (mod && str_check(mod)) snprintf(buf, n, "global %s of module %s", k, str_utf8(mod));
        else snprintf(buf, n, "global %s", k);
        tr_xdecref(mod);
    } else if (kind == RACE_ATTR) {
        if (tr_isinstance(obj, &tr_type_type)) snprintf(buf, n, "attribute %s of class %s", k, type_qualname((TrType *)obj));
        else snprintf(buf, n, "attribute %s of %s object", k, type_qualname(tr_type(obj)));
    } else if (tr_type(obj) == &tr_list_type) {
        long long i = tr_is_imm(key) ? (long long)tr_imm_value(key) : 0;
        if (i < 0) i += (long long)list_size(obj);
        snprintf(buf, n, "item %lld of list", i);
    } else {
        snprintf(buf, n, "key %s of dict", k);
    }
}

void sites_install(void) {
    race_hooks.frame_back = offsetof(TrFrame, back);
    race_hooks.locate = race_locate;
    race_hooks.describe = race_describe;
    race_hooks.thread_name = threading_thread_name;
    contention_hooks.frame_code = offsetof(TrFrame, code);
    contention_hooks.frame_instr = offsetof(TrFrame, instr);
    contention_hooks.resolve = resolve;
    contention_hooks.describe = describe;
}
