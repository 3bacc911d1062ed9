/* objects/intern.c: the interning table, text -> the one immortal str with
 * that text (identifiers, attribute names, string constants).
 *
 * Design: an open-addressing table of TrStr pointers (linear probing, at most
 * half full).  Lookups take no lock: they load the current table with an
 * acquire load and each slot with an acquire load; a str is fully built and
 * immortal before it is published with a release store, so a reader that sees
 * the pointer sees the text.  Insertions take `intern_lock` (a pthread mutex:
 * it guards this table, not an object, and no Python code runs under it) and
 * re-probe before inserting.  Growing copies into a new table and publishes it
 * with a release store; old tables are kept on a chain, never freed, because a
 * lock-free reader may still be probing one (their total size is bounded by
 * the size of the current table).
 * Threads: `table` is written only under `intern_lock`; slots likewise.
 * Lock order: `intern_lock` is a leaf: nothing else is taken while held
 * except the allocator. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "torii/str.h"
#include "torii/error.h"
#include "threads/atomic.h"

typedef struct InternTable {
    size_t mask;                 /* capacity - 1; capacity is a power of two */
    size_t used;                 /* guarded by intern_lock */
    struct InternTable *older;   /* previous table, kept for lock-free readers */
    TrObject *slots[];           /* atomic pointers: NULL or an interned TrStr */
} InternTable;

static pthread_mutex_t intern_lock = PTHREAD_MUTEX_INITIALIZER;
static InternTable *table;       /* atomic pointer; written under intern_lock */

static InternTable *table_new(size_t cap) {
    InternTable *t = calloc(1, sizeof(InternTable) + cap * sizeof(TrObject *));
    if (t) t->mask = cap - 1;
    return t;
}

static int same_text(TrObject *o, const char *s, size_t n) {
    return str_nbytes(o) == n && memcmp(str_utf8(o), s, n) == 0;
}

/* Lock-free probe.  Returns the interned str or NULL. */
static TrObject *probe(InternTable *t, const char *s, size_t n, uint64_t h) {
    if (!t) return NULL;
    for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
        /* acquire: pairs with the release in insert_locked */
        TrObject *o = atomic_load_objptr_acquire(&t->slots[i]);
        if (!o) return NULL;
        if ((uint64_t)str_hash(o) == h && same_text(o, s, n)) return o;
    }
}

static void place(InternTable *t, TrObject *o) {
    uint64_t h = (uint64_t)str_hash(o);
    size_t i = h & t->mask;
    while (t->slots[i]) i = (i + 1) & t->mask;
    /* release: the str's text and header are complete before readers see it */
    atomic_store_ptr_release(&t->slots[i], o);
    t->used++;
}

/* Under intern_lock: makes room for one more entry.  -1 on MemoryError. */
static int grow_locked(void) {
    InternTable *t = table;
    if (t && (t->used + 1) * 2 <= t->mask + 1) return 0;
    size_t cap = t ? (t->mask + 1) * 2 : 1024;
    InternTable *nt = table_new(cap);
    if (!nt) return -1;
    if (t) {
        for (size_t i = 0; i <= t->mask; i++)
            if (t->slots[i]) place(nt, t->slots[i]);
    }
    nt->older = t;
    /* release: pairs with the acquire in intern_lookup; slots are filled first */
    atomic_store_ptr_release(&table, nt);
    return 0;
}

TrObject *str_intern_utf8(TrThread *ts, const char *s, size_t n) {
    uint64_t h = (uint64_t)str_hash_bytes(s, n);
    TrObject *o = probe(atomic_load_ptr_acquire((void *const *)&table), s, n, h);
    if (o) return o;
    /* Build the candidate outside the lock: allocation may be slow. */
    TrObject *fresh = str_from_utf8_fresh(ts, s, n);
    if (!fresh) return NULL;
    ((TrStr *)fresh)->hash = (int64_t)h;
    tr_make_immortal(fresh);
    atomic_or_u16(&fresh->ob_flags, TR_FLAG_INTERNED);
    pthread_mutex_lock(&intern_lock);
    o = probe(table, s, n, h);
    if (!o) {
        if (grow_locked() < 0) {
            pthread_mutex_unlock(&intern_lock);
            tr_free(fresh);    /* never published: no other thread saw it */
            return err_nomemory(ts);
        }
        place(table, fresh);
        o = fresh;
        fresh = NULL;
    }
    pthread_mutex_unlock(&intern_lock);
    if (fresh) tr_free(fresh); /* lost the race: the other copy is the interned one */
    return o;
}

TrObject *str_intern_cstr(TrThread *ts, const char *s) { return str_intern_utf8(ts, s, strlen(s)); }

TrObject *str_intern(TrThread *ts, TrObject *o) {
    if (atomic_load_u16_relaxed(&o->ob_flags) & TR_FLAG_INTERNED) return o;
    return str_intern_utf8(ts, str_utf8(o), str_nbytes(o));
}
