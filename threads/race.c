/* threads/race.c: the Python-level race detector (`torii -X race`;
 * threads/race.h, docs/tools.md "Race detector").
 *
 * Design: FastTrack (Flanagan & Freund, PLDI 2009) over Python locations.
 * Every thread has a vector clock `vc` (one counter per detector thread
 * number, `tid`; its own entry is its current epoch).  Every
 * synchronisation object has one too, kept in the record of its address:
 * a release joins the thread's clock into the object's and then ticks the
 * thread's own entry; an acquire joins the object's clock into the
 * thread's.  Thread start copies the parent's clock into the child; the end
 * of a thread is a release on its handle and join is an acquire of it.
 *
 * A location (an attribute of an object, an item of a list, a key of a dict,
 * a global) has a shadow `Cell` in the record of its object: the epoch
 * (tid, clock) of the last write, and either the epoch of the last read or,
 * once two threads have read it concurrently, the set of each thread's last
 * read.  An access races with a stored one when the stored epoch is not
 * covered by the accessing thread's clock (clock(tid) < epoch's clock) and
 * one of the two is a write.  Each stored access keeps the Python stack it
 * came from (at most STACK_DEPTH frames: immortal code objects and
 * instruction indexes, resolved to file:line only when a report prints), so
 * a report shows both stacks.  A report is printed once per pair of lines.
 *
 * Records live in a hash table of `NSHARDS` shards keyed by address, each
 * with its own mutex.  An object's record goes when the object is freed
 * (race_forget, called by tr_free), so a new object at the same address
 * starts with no history: no report can pair accesses to two objects.
 *
 * Threads: `race_on` is written once before any thread starts.  A thread's
 * RaceThread (`ts->race`) is its own (the parent writes it before the
 * child's pthread_create).  Records and cells are guarded by their shard's
 * `mu`; the thread names and `nthreads` by `names_mu`; the report state
 * (`reported`, `seen`) by `report_mu`.  `finished` is atomic.
 * Lock order: a shard's `mu`, `names_mu` and `report_mu` are leaves: never
 * held together (but `names_mu` inside `report_mu` while a report is
 * written), never held while a hook runs or Python code could run (the hooks
 * are called before a shard is locked; reports print after it is unlocked).
 * Callers may hold their own locks (a threading.Lock being released, the
 * import lock); nothing here takes one of theirs.  Nothing here frees or
 * allocates a Python object. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "threads/atomic.h"
#include "threads/contention.h"
#include "threads/race.h"

int race_on;
TrRaceHooks race_hooks;

#define NSHARDS 64
#define STACK_DEPTH 8
#define TID_BITS 20                      /* up to 1M threads per run */
#define EPOCH(tid, clk) (((uint64_t)(clk) << TID_BITS) | (uint64_t)(tid))
#define E_TID(e) ((uint32_t)((e) & ((1u << TID_BITS) - 1)))
#define E_CLK(e) ((e) >> TID_BITS)

/* ---- vector clocks ----------------------------------------------------- */

typedef struct VC {
    uint32_t n;                          /* entries in `c`; missing ones are 0 */
    uint64_t *c;                         /* owned */
} VC;

static inline uint64_t vc_get(const VC *v, uint32_t tid) { return tid < v->n ? v->c[tid] : 0; }

/* Makes room for entry `tid`.  -1 if out of memory: `v` is as it was. */
static int vc_reserve(VC *v, uint32_t tid) {
    if (tid < v->n) return 0;
    uint32_t n = v->n ? v->n : 4;
    while (n <= tid) n *= 2;
    uint64_t *c = realloc(v->c, n * sizeof *c);
    if (!c) return -1;
    memset(c + v->n, 0, (n - v->n) * sizeof *c);
    v->c = c;
    v->n = n;
    return 0;
}

/* dst = max(dst, src), entry by entry.  On out of memory `dst` keeps the
 * entries it had room for (a missed edge: possibly a report too many). */
static void vc_join(VC *dst, const VC *src) {
    uint32_t n = src->n;
    while (n && !src->c[n - 1]) n--;
    if (n && vc_reserve(dst, n - 1) < 0) n = dst->n;
    for (uint32_t i = 0; i < n; i++)
        if (src->c[i] > dst->c[i]) dst->c[i] = src->c[i];
}

/* ---- threads ------------------------------------------------------------ */

typedef struct RaceThread {
    uint32_t tid;                        /* the T number in reports */
    int named;                           /* its name is in `names` */
    VC vc;                               /* vc.c[tid] is the current epoch's clock */
} RaceThread;

static pthread_mutex_t names_mu = PTHREAD_MUTEX_INITIALIZER;
static uint32_t nthreads;                /* guarded by names_mu: tids handed out */
static char (*names)[64];                /* guarded by names_mu: `names_cap` names by tid */
static uint32_t names_cap;

/* A new RaceThread with the next tid and its own clock at 1; NULL if out of
 * memory. */
static RaceThread *thread_new(void) {
    RaceThread *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    pthread_mutex_lock(&names_mu);
    uint32_t tid = nthreads;
    if (tid >= names_cap && tid < (1u << TID_BITS) - 1) {
        uint32_t cap = names_cap ? names_cap * 2 : 16;
        char (*nn)[64] = realloc(names, cap * sizeof *nn);
        if (nn) {
            memset(nn + names_cap, 0, (cap - names_cap) * sizeof *nn);
            names = nn;
            names_cap = cap;
        }
    }
    int ok = tid < names_cap;
    if (ok) nthreads++;
    pthread_mutex_unlock(&names_mu);
    if (!ok || vc_reserve(&t->vc, tid) < 0) {
        free(t->vc.c);
        free(t);
        return NULL;
    }
    t->tid = tid;
    t->vc.c[tid] = 1;
    return t;
}

/* The calling thread's state, made on its first event (the main thread,
 * threads that attached from C); NULL if out of memory. */
static RaceThread *state_of(TrThread *ts) {
    if (!ts->race) ts->race = thread_new();
    return ts->race;
}

static void tick(RaceThread *t) { t->vc.c[t->tid]++; }

static void name_thread(TrThread *ts, RaceThread *t) {
    char buf[64] = "";
    if (race_hooks.thread_name) race_hooks.thread_name(ts, buf, sizeof buf);
    pthread_mutex_lock(&names_mu);
    memcpy(names[t->tid], buf, sizeof buf);
    pthread_mutex_unlock(&names_mu);
    t->named = 1;
}

/* ---- shadow state ------------------------------------------------------- */

typedef struct Site { const void *code; int instr; } Site;

typedef struct Stack {
    uint8_t depth;                       /* frames in `f`, innermost first */
    uint8_t more;                        /* 1: there were more frames */
    Site f[STACK_DEPTH];
} Stack;

typedef struct Access {
    uint64_t epoch;                      /* 0: none */
    Stack st;
} Access;

typedef struct ReadSet {                 /* the last read of each thread that read */
    uint32_t n, cap;
    Access a[];
} ReadSet;

typedef struct Cell {
    uint8_t used;
    uint8_t space;                       /* 0: attributes; 1: items, keys and globals */
    uint64_t sub;                        /* the location within the object (race_hooks.locate) */
    Access w;                            /* the last write */
    Access r;                            /* the last read, when `reads` is NULL */
    ReadSet *reads;                      /* owned or NULL: concurrent reads */
} Cell;

typedef struct Rec {
    struct Rec *next;                    /* the bucket's chain */
    uintptr_t addr;
    VC sync;                             /* the clock of a synchronisation object; n 0 if none */
    Cell *cells;                         /* owned: `cap` slots (a power of two), open addressing */
    uint32_t ncells, cap;
} Rec;

typedef struct Shard {
    pthread_mutex_t mu;
    Rec **b;                             /* guarded by mu: `nb` chains (a power of two) */
    size_t nb, len;
    char pad[64];                        /* one shard per cache line or so */
} Shard;

static Shard shards[NSHARDS];
static uint64_t dropped;                 /* atomic: events lost to a failed allocation */

void race_enable(void) {
    for (int i = 0; i < NSHARDS; i++) pthread_mutex_init(&shards[i].mu, NULL);
    race_on = 1;
}

static inline uint64_t mix(uint64_t x) {
    x ^= x >> 31;
    x *= 0x9E3779B97F4A7C15ull;
    return x ^ (x >> 29);
}

static inline Shard *shard_of(uintptr_t addr, uint64_t *h) {
    *h = mix(addr >> 3);
    return &shards[*h & (NSHARDS - 1)];
}

static void lost(void) { atomic_add_u64(&dropped, 1); }

/* The record of `addr` in `s` (locked), or NULL; with `make`, made if
 * missing (NULL then only if out of memory). */
static Rec *rec_find(Shard *s, uint64_t h, uintptr_t addr, int make) {
    if (s->nb) {
        for (Rec *r = s->b[(h >> 6) & (s->nb - 1)]; r; r = r->next)
            if (r->addr == addr) return r;
    }
    if (!make) return NULL;
    if (s->len >= s->nb) {
        size_t nb = s->nb ? s->nb * 2 : 64;
        Rec **b = calloc(nb, sizeof *b);
        if (!b) return NULL;
        for (size_t i = 0; i < s->nb; i++) {
            for (Rec *r = s->b[i], *next; r; r = next) {
                next = r->next;
                size_t j = (mix(r->addr >> 3) >> 6) & (nb - 1);
                r->next = b[j];
                b[j] = r;
            }
        }
        free(s->b);
        s->b = b;
        s->nb = nb;
    }
    Rec *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->addr = addr;
    size_t j = (h >> 6) & (s->nb - 1);
    r->next = s->b[j];
    s->b[j] = r;
    s->len++;
    return r;
}

static void rec_free(Rec *r) {
    for (uint32_t i = 0; i < r->cap; i++) free(r->cells[i].reads);
    free(r->cells);
    free(r->sync.c);
    free(r);
}

static inline size_t cell_hash(int space, uint64_t sub) { return (size_t)mix(sub * 2 + (uint64_t)space); }

static Cell *cell_probe(Cell *cells, uint32_t cap, int space, uint64_t sub) {
    for (size_t i = cell_hash(space, sub) & (cap - 1);; i = (i + 1) & (cap - 1)) {
        Cell *c = &cells[i];
        if (!c->used || (c->sub == sub && c->space == space)) return c;
    }
}

/* The cell of (`space`, `sub`) in `r`, made if missing; NULL if out of
 * memory. */
static Cell *cell_find(Rec *r, int space, uint64_t sub) {
    if (r->cap) {
        Cell *c = cell_probe(r->cells, r->cap, space, sub);
        if (c->used) return c;
    }
    if ((r->ncells + 1) * 2 > r->cap) {
        uint32_t cap = r->cap ? r->cap * 2 : 2;
        Cell *cells = calloc(cap, sizeof *cells);
        if (!cells) return NULL;
        for (uint32_t i = 0; i < r->cap; i++)
            if (r->cells[i].used) *cell_probe(cells, cap, r->cells[i].space, r->cells[i].sub) = r->cells[i];
        free(r->cells);
        r->cells = cells;
        r->cap = cap;
    }
    Cell *c = cell_probe(r->cells, r->cap, space, sub);
    c->used = 1;
    c->space = (uint8_t)space;
    c->sub = sub;
    r->ncells++;
    return c;
}

/* 1 if the access of epoch `e` happens before the thread of clock `vc`
 * (or is none). */
static inline int covered(uint64_t e, const VC *vc) { return E_CLK(e) <= vc_get(vc, E_TID(e)); }

/* Sets `t`'s entry of `rs` (made or grown as needed) to `a`.  Returns the
 * set (possibly moved), or NULL if out of memory (`rs` is unchanged then). */
static ReadSet *reads_put(ReadSet *rs, const Access *a) {
    uint32_t tid = E_TID(a->epoch);
    for (uint32_t i = 0; rs && i < rs->n; i++)
        if (E_TID(rs->a[i].epoch) == tid) { rs->a[i] = *a; return rs; }
    if (!rs || rs->n == rs->cap) {
        uint32_t cap = rs ? rs->cap * 2 : 4;
        ReadSet *n = realloc(rs, sizeof *n + cap * sizeof n->a[0]);
        if (!n) return NULL;
        if (!rs) n->n = 0;
        n->cap = cap;
        rs = n;
    }
    rs->a[rs->n++] = *a;
    return rs;
}

/* ---- stacks ------------------------------------------------------------- */

static void capture(const void *frame, int instr, Stack *s) {
    const char *f = frame;
    int d = 0;
    while (f && d < STACK_DEPTH) {
        s->f[d].code = *(const void *const *)(f + contention_hooks.frame_code);
        s->f[d].instr = d == 0 ? instr : *(const int *)(f + contention_hooks.frame_instr);
        d++;
        f = *(const char *const *)(f + race_hooks.frame_back);
    }
    s->depth = (uint8_t)d;
    s->more = f != NULL;
}

/* ---- reports ------------------------------------------------------------ */

static pthread_mutex_t report_mu = PTHREAD_MUTEX_INITIALIZER;
static uint64_t reported;                /* guarded by report_mu */
static uint32_t finished;                /* atomic: race_finish ran, report nothing more */

/* Pairs of lines already reported: (code, line) twice, the smaller first.
 * Guarded by report_mu. */
typedef struct Pair { const void *c1; int l1; const void *c2; int l2; } Pair;
static Pair *seen;
static size_t nseen, seen_cap;

static int line_of(const Site *s, char *file, size_t nfile, char *func, size_t nfunc) {
    int line = 0;
    if (contention_hooks.resolve && s->code)
        contention_hooks.resolve(s->code, s->instr, file, nfile, &line, func, nfunc);
    else {
        snprintf(file, nfile, "?");
        snprintf(func, nfunc, "?");
    }
    return line;
}

/* 1 if the pair of sites was reported before; else records it (under
 * report_mu). */
static int already(const Site *a, const Site *b) {
    char file[8], func[8];
    Pair p = { a->code, line_of(a, file, sizeof file, func, sizeof func),
               b->code, line_of(b, file, sizeof file, func, sizeof func) };
    if ((uintptr_t)p.c2 < (uintptr_t)p.c1 || (p.c1 == p.c2 && p.l2 < p.l1)) {
        Pair q = { p.c2, p.l2, p.c1, p.l1 };
        p = q;
    }
    for (size_t i = 0; i < nseen; i++)
        if (seen[i].c1 == p.c1 && seen[i].l1 == p.l1 && seen[i].c2 == p.c2 && seen[i].l2 == p.l2) return 1;
    if (nseen == seen_cap) {
        size_t cap = seen_cap ? seen_cap * 2 : 16;
        Pair *n = realloc(seen, cap * sizeof *n);
        if (!n) return 0;
        seen = n;
        seen_cap = cap;
    }
    seen[nseen++] = p;
    return 0;
}

typedef struct Buf { char s[8192]; size_t n; } Buf;

static void put(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(Buf *b, const char *fmt, ...) {
    if (b->n >= sizeof b->s) return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
    va_end(ap);
    if (k > 0) b->n = b->n + (size_t)k < sizeof b->s ? b->n + (size_t)k : sizeof b->s - 1;
}

/* Under names_mu. */
static void put_thread(Buf *b, uint32_t tid) {
    const char *name = tid < names_cap ? names[tid] : "";
    if (name[0]) put(b, "thread T%u (%s)", tid, name);
    else put(b, "thread T%u", tid);
}

static void put_stack(Buf *b, const Stack *st) {
    for (int i = 0; i < st->depth; i++) {
        char file[256], func[128];
        int line = line_of(&st->f[i], file, sizeof file, func, sizeof func);
        put(b, "    #%d %s at %s:%d\n", i, func, file, line);
    }
    if (st->more) put(b, "    ...\n");
}

static void report(int kind, TrObject *obj, TrObject *key, int write, uint64_t e, const Stack *here,
                   int prev_write, const Access *prev) {
    if (atomic_load_u32_relaxed(&finished)) return;
    /* Seen already: the common case in a loop that races, kept cheap. */
    pthread_mutex_lock(&report_mu);
    int dup = already(&here->f[0], &prev->st.f[0]);
    pthread_mutex_unlock(&report_mu);
    if (dup) return;
    char what[256] = "a location";
    /* The hook runs with no lock held; `obj` and `key` are the current
     * access's, held by the caller. */
    if (race_hooks.describe) race_hooks.describe(kind, obj, key, what, sizeof what);
    static Buf b;                        /* guarded by report_mu */
    pthread_mutex_lock(&report_mu);
    reported++;
    b.n = 0;
    put(&b, "==================\nWARNING: torii: data race on %s\n", what);
    pthread_mutex_lock(&names_mu);
    put(&b, "  %s by ", write ? "Write" : "Read");
    put_thread(&b, E_TID(e));
    put(&b, ":\n");
    put_stack(&b, here);
    put(&b, "\n  Previous %s by ", prev_write ? "write" : "read");
    put_thread(&b, E_TID(prev->epoch));
    put(&b, ":\n");
    pthread_mutex_unlock(&names_mu);
    put_stack(&b, &prev->st);
    char file[256], func[128];
    int line = line_of(&here->f[0], file, sizeof file, func, sizeof func);
    put(&b, "\nSUMMARY: torii: data race %s:%d in %s\n==================\n", file, line, func);
    fwrite(b.s, 1, b.n, stderr);
    fflush(stderr);
    pthread_mutex_unlock(&report_mu);
}

/* ---- the accesses ------------------------------------------------------- */

void race_access(TrThread *ts, const void *frame, int instr, int op, TrObject *obj, TrObject *key) {
    if (!ts || !frame || !race_hooks.locate) return;
    const void *target;
    uint64_t sub;
    int kind = race_hooks.locate(op, obj, key, &target, &sub);
    if (kind < 0) return;
    RaceThread *me = state_of(ts);
    if (!me) { lost(); return; }
    if (!me->named) name_thread(ts, me);
    int write = op & RACE_WRITE, space = kind != RACE_ATTR;
    uint64_t e = EPOCH(me->tid, me->vc.c[me->tid]);
    Access here;
    int have = 0, racy = 0, prev_write = 0;
    Access prev;
    uint64_t h;
    Shard *s = shard_of((uintptr_t)target, &h);
    pthread_mutex_lock(&s->mu);
    Rec *r = rec_find(s, h, (uintptr_t)target, 1);
    Cell *c = r ? cell_find(r, space, sub) : NULL;
    if (!c) {
        pthread_mutex_unlock(&s->mu);
        lost();
        return;
    }
    if (!write) {
        /* Same epoch as this thread's last read: nothing new. */
        if (!c->reads && c->r.epoch == e) goto done;
        if (c->reads) {
            for (uint32_t i = 0; i < c->reads->n; i++)
                if (c->reads->a[i].epoch == e) goto done;
        }
        if (c->w.epoch && E_TID(c->w.epoch) != me->tid && !covered(c->w.epoch, &me->vc)) {
            racy = 1;
            prev_write = 1;
            prev = c->w;
        }
        here.epoch = e;
        capture(frame, instr, &here.st);
        have = 1;
        if (c->reads) {
            ReadSet *n = reads_put(c->reads, &here);
            if (n) c->reads = n;
            else lost();
        } else if (!c->r.epoch || E_TID(c->r.epoch) == me->tid || covered(c->r.epoch, &me->vc)) {
            c->r = here;                 /* exclusive: the earlier read happens before this one */
        } else {
            ReadSet *n = reads_put(NULL, &c->r);
            if (n) n = reads_put(n, &here);
            if (n) {
                c->reads = n;
                c->r.epoch = 0;
            } else {
                lost();
                c->r = here;
            }
        }
    } else {
        if (c->w.epoch == e) goto done;
        if (c->w.epoch && E_TID(c->w.epoch) != me->tid && !covered(c->w.epoch, &me->vc)) {
            racy = 1;
            prev_write = 1;
            prev = c->w;
        }
        if (!racy && c->reads) {
            for (uint32_t i = 0; i < c->reads->n; i++) {
                const Access *a = &c->reads->a[i];
                if (E_TID(a->epoch) != me->tid && !covered(a->epoch, &me->vc)) {
                    racy = 1;
                    prev = *a;
                    break;
                }
            }
        } else if (!racy && c->r.epoch && E_TID(c->r.epoch) != me->tid && !covered(c->r.epoch, &me->vc)) {
            racy = 1;
            prev = c->r;
        }
        here.epoch = e;
        capture(frame, instr, &here.st);
        have = 1;
        /* Every read so far either happens before this write or was just
         * reported with it: later accesses need compare with the write only. */
        c->w = here;
        c->r.epoch = 0;
        free(c->reads);
        c->reads = NULL;
    }
done:
    pthread_mutex_unlock(&s->mu);
    if (racy && have) report(kind, obj, key, write, e, &here.st, prev_write, &prev);
}

/* ---- synchronisation ---------------------------------------------------- */

void race_acquire(TrThread *ts, const void *sync) {
    if (!ts) return;
    RaceThread *me = state_of(ts);
    if (!me) { lost(); return; }
    uint64_t h;
    Shard *s = shard_of((uintptr_t)sync, &h);
    pthread_mutex_lock(&s->mu);
    Rec *r = rec_find(s, h, (uintptr_t)sync, 0);
    if (r && r->sync.n) vc_join(&me->vc, &r->sync);
    pthread_mutex_unlock(&s->mu);
}

void race_release(TrThread *ts, const void *sync) {
    if (!ts) return;
    RaceThread *me = state_of(ts);
    if (!me) { lost(); return; }
    uint64_t h;
    Shard *s = shard_of((uintptr_t)sync, &h);
    pthread_mutex_lock(&s->mu);
    Rec *r = rec_find(s, h, (uintptr_t)sync, 1);
    if (r) vc_join(&r->sync, &me->vc);
    else lost();
    pthread_mutex_unlock(&s->mu);
    tick(me);
}

void race_thread_start(TrThread *parent, TrThread *child) {
    RaceThread *p = parent ? state_of(parent) : NULL;
    RaceThread *c = thread_new();
    if (!c) { lost(); return; }
    if (p) {
        uint64_t own = c->vc.c[c->tid];
        vc_join(&c->vc, &p->vc);
        c->vc.c[c->tid] = own;
        tick(p);
    }
    /* Before pthread_create: the child reads it after. */
    child->race = c;
}

void race_forget(const void *addr) {
    uint64_t h;
    Shard *s = shard_of((uintptr_t)addr, &h);
    Rec *gone = NULL;
    pthread_mutex_lock(&s->mu);
    if (s->nb) {
        Rec **p = &s->b[(h >> 6) & (s->nb - 1)];
        for (; *p; p = &(*p)->next) {
            if ((*p)->addr == (uintptr_t)addr) {
                gone = *p;
                *p = gone->next;
                s->len--;
                break;
            }
        }
    }
    pthread_mutex_unlock(&s->mu);
    /* Outside the lock: plain memory, nothing else can reach it now. */
    if (gone) rec_free(gone);
}

void race_thread_exit(TrThread *ts) {
    RaceThread *t = ts->race;
    if (!t) return;
    ts->race = NULL;
    free(t->vc.c);
    free(t);
}

int race_finish(int status) {
    if (!race_on) return status;
    atomic_store_u32_relaxed(&finished, 1);
    pthread_mutex_lock(&report_mu);
    uint64_t n = reported;
    pthread_mutex_unlock(&report_mu);
    uint64_t lostn = atomic_load_u64_relaxed(&dropped);
    if (lostn)
        fprintf(stderr, "torii: race detector: %llu accesses not checked (out of memory)\n",
                (unsigned long long)lostn);
    if (!n) return status;
    fprintf(stderr, "torii: reported %llu data race%s\n", (unsigned long long)n, n == 1 ? "" : "s");
    fflush(stderr);
    return 66;
}
