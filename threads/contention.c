/* threads/contention.c: the contention report's counters and its printout
 * (`torii -X contention`; docs/contention.md).
 *
 * Design.  Each thread counts in its own table (`ts->contention`), a small
 * open-addressing hash of entries keyed by (section, site, what): the
 * section is one of the report's four; the site is the innermost Python
 * frame's code object and instruction (code objects are immortal, so the
 * pair stays valid to the end and is turned into file:line only when the
 * report is printed); `what` is the object's type (locks, reference counts),
 * the reason string and the requesting thread (stop-the-world), or nothing
 * (GIL).  Recording is a look-up and a few additions in memory only the
 * thread touches: no atomic, no lock, so counting never serialises threads.
 * A thread's table is folded into the global `merged` table (under
 * `merged_mu`) by tstate_exit; the report folds the calling thread's in too
 * and prints the top rows of each section.
 *
 * What an entry says about the object: a short description (the describe
 * hook: type name, length, function name; no Python code runs) taken when
 * the entry is made, and for locks again at every wait, while the waiter
 * holds the lock it waited for.  An entry remembers the last object's
 * address only to say "and others" when a site touched several objects of
 * one type; the address is never dereferenced afterwards.
 *
 * Threads: `contention_on` and `report_path` are written once before any
 * thread starts (contention_enable), then only read.  A thread's table is
 * owner-only until tstate_exit hands it over.  `merged` and `reported` are
 * guarded by `merged_mu`.
 * Lock order: `merged_mu` is a leaf; it is never taken by a recording call,
 * only at thread exit and by the report.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

#include "threads/contention.h"

int contention_on;
TrContentionHooks contention_hooks;
static const char *report_path;     /* NULL: stderr */

enum { SEC_LOCK, SEC_REF, SEC_STW, SEC_GIL, NSEC };

#define TOP_ROWS 10

typedef struct Entry {
    /* the key; an entry with `used` 0 is free */
    uint8_t used;
    uint8_t sec;                  /* SEC_* */
    uint8_t several;              /* more than one object was seen here */
    uint8_t main_thread;          /* SEC_STW: the requester was the main thread */
    int instr;                    /* the instruction; once folded by line (the report), the line */
    int line;                     /* 0, or the line once folded */
    const void *code;             /* NULL: no Python frame ran */
    const void *what;             /* SEC_LOCK/SEC_REF: the type (or kind string); SEC_STW: the reason */
    uintptr_t tid;                /* SEC_STW: the requesting thread's id; else 0 */
    /* the counts */
    uint64_t count;               /* waits, shared writes, pauses */
    uint64_t count2;              /* SEC_LOCK: waits that parked; SEC_REF: writes that queued */
    uint64_t total_ns, max_ns;
    const void *obj;              /* identity of the last object; never dereferenced */
    char kind[32];                /* type name, "threading.Lock", or the reason */
    char desc[56];                /* the object's description */
} Entry;

typedef struct Table {
    Entry *slots;                 /* `cap` entries, a power of two, or NULL */
    size_t cap, len;
    uint64_t dropped;             /* events lost to a failed allocation */
} Table;

static pthread_mutex_t merged_mu = PTHREAD_MUTEX_INITIALIZER;
static Table merged;              /* guarded by merged_mu */
static int reported;              /* guarded by merged_mu */

void contention_enable(const char *path) {
    contention_on = 1;
    report_path = path;
}

/* ---- the hash table -------------------------------------------------- */

/* Cheap (one multiply): a reference-count event may come every few dozen
 * instructions.  Code objects and types are at least 16-byte aligned. */
static inline size_t hash_key(int sec, const void *code, int instr, const void *what, uintptr_t tid) {
    return (((uintptr_t)code ^ (uintptr_t)what) >> 4) ^ ((uint32_t)instr * 0x9E3779B1u) ^
           (tid << 7) ^ (uintptr_t)sec;
}

static inline int same_key(const Entry *e, int sec, const void *code, int instr, const void *what, uintptr_t tid) {
    return e->sec == sec && e->code == code && e->instr == instr && e->what == what && e->tid == tid;
}

/* The slot for the key in `t` (free or matching); `t` has a free slot. */
static Entry *probe(Table *t, int sec, const void *code, int instr, const void *what, uintptr_t tid) {
    size_t mask = t->cap - 1;
    for (size_t i = hash_key(sec, code, instr, what, tid) & mask;; i = (i + 1) & mask) {
        Entry *e = &t->slots[i];
        if (!e->used || same_key(e, sec, code, instr, what, tid)) return e;
    }
}

/* Doubles `t` (or makes its first 64 slots).  -1 if out of memory: `t` is
 * as it was. */
static int grow(Table *t) {
    size_t cap = t->cap ? t->cap * 2 : 64;
    Entry *slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    Table n = { slots, cap, 0, t->dropped };
    for (size_t i = 0; i < t->cap; i++) {
        Entry *e = &t->slots[i];
        if (!e->used) continue;
        *probe(&n, e->sec, e->code, e->instr, e->what, e->tid) = *e;
        n.len++;
    }
    free(t->slots);
    *t = n;
    return 0;
}

/* The entry for the key in `t`, made (counts 0, `*fresh` set) if missing;
 * NULL if out of memory. */
static Entry *lookup(Table *t, int sec, const void *code, int instr, const void *what,
                     uintptr_t tid, int *fresh) {
    *fresh = 0;
    if (t->cap) {
        Entry *e = probe(t, sec, code, instr, what, tid);
        if (e->used) return e;
    }
    if ((t->len + 1) * 2 > t->cap && grow(t) < 0) { t->dropped++; return NULL; }
    Entry *e = probe(t, sec, code, instr, what, tid);
    memset(e, 0, sizeof *e);
    e->used = 1;
    e->sec = (uint8_t)sec;
    e->code = code;
    e->instr = instr;
    e->what = what;
    e->tid = tid;
    t->len++;
    *fresh = 1;
    return e;
}

static Table *table_of(TrThread *ts) {
    if (!ts->contention) ts->contention = calloc(1, sizeof(Table));
    return ts->contention;
}

/* The innermost Python frame of `ts` (the calling thread's own): its code
 * object and instruction.  0 if `ts` runs no Python frame. */
static inline int site_of(TrThread *ts, const void **code, int *instr) {
    const char *f = (const char *)ts->frame;
    if (!f || !contention_hooks.resolve) return 0;
    *code = *(const void *const *)(f + contention_hooks.frame_code);
    *instr = *(const int *)(f + contention_hooks.frame_instr);
    return *code != NULL;
}

/* The entry for an event of `ts` at its current site. */
static Entry *entry_here(TrThread *ts, int sec, const void *what, uintptr_t tid,
                         int need_frame, int *fresh) {
    const void *code = NULL;
    int instr = 0;
    if (!site_of(ts, &code, &instr)) {
        if (need_frame) return NULL;
        code = NULL;
        instr = 0;
    }
    Table *t = table_of(ts);
    if (!t) return NULL;
    return lookup(t, sec, code, instr, what, tid, fresh);
}

static void add_time(Entry *e, int64_t ns) {
    if (ns < 0) ns = 0;
    e->total_ns += (uint64_t)ns;
    if ((uint64_t)ns > e->max_ns) e->max_ns = (uint64_t)ns;
}

static void copy_str(char *dst, size_t n, const char *src) {
    snprintf(dst, n, "%s", src ? src : "?");
}

static void describe(TrObject *o, Entry *e) {
    if (contention_hooks.describe) contention_hooks.describe(o, e->desc, sizeof e->desc);
    else copy_str(e->desc, sizeof e->desc, tr_type(o)->name);
}

static inline void note_object(Entry *e, TrObject *o) {
    if (e->obj != o) {
        if (e->obj) e->several = 1;
        else e->obj = o;
    }
}

/* ---- recording ------------------------------------------------------- */

void contention_lock_wait(TrThread *ts, TrObject *o, const char *kind, int64_t wait_ns, int parked) {
    if (!ts) return;
    const void *what = kind ? (const void *)kind : (const void *)tr_type(o);
    int fresh;
    Entry *e = entry_here(ts, SEC_LOCK, what, 0, 0, &fresh);
    if (!e) return;
    if (fresh) copy_str(e->kind, sizeof e->kind, kind ? kind : tr_type(o)->name);
    /* The waiter holds `o`'s lock now: the description is consistent. */
    describe(o, e);
    note_object(e, o);
    e->count++;
    if (parked) e->count2++;
    add_time(e, wait_ns);
}

/* A first event at this site for this type, or a slot taken by another
 * key: the full look-up, kept out of contention_refcount's short path. */
static __attribute__((noinline)) void refcount_slow(TrThread *ts, TrObject *o, const void *code,
                                                    int instr, int queued) {
    int fresh;
    Table *t = table_of(ts);
    if (!t) return;
    Entry *e = lookup(t, SEC_REF, code, instr, tr_type(o), 0, &fresh);
    if (!e) return;
    if (fresh) {
        copy_str(e->kind, sizeof e->kind, tr_type(o)->name);
        describe(o, e);
    }
    note_object(e, o);
    if (queued) e->count2++;
    else e->count++;
}

void contention_refcount(TrObject *o, int queued) {
    TrThread *ts = tr_thread_current();
    if (!ts) return;
    const void *code;
    int instr;
    if (!site_of(ts, &code, &instr)) return;
    const void *what = tr_type(o);
    Table *t = ts->contention;
    if (__builtin_expect(t != NULL && t->cap != 0, 1)) {
        /* The common case, kept short: the entry exists, in its first slot. */
        Entry *e = &t->slots[hash_key(SEC_REF, code, instr, what, 0) & (t->cap - 1)];
        if (__builtin_expect(e->code == code && e->instr == instr && e->what == what &&
                             e->sec == SEC_REF && e->used, 1)) {
            note_object(e, o);
            if (queued) e->count2++;
            else e->count++;
            return;
        }
    }
    refcount_slow(ts, o, code, instr, queued);
}

void contention_stw(TrThread *ts, const char *reason, int64_t pause_ns) {
    if (!ts) return;
    int fresh;
    Entry *e = entry_here(ts, SEC_STW, reason, ts->id, 0, &fresh);
    if (!e) return;
    if (fresh) {
        copy_str(e->kind, sizeof e->kind, reason);
        e->main_thread = ts == tr_runtime.main_thread;
    }
    e->count++;
    add_time(e, pause_ns);
}

void contention_gil_wait(TrThread *ts, int64_t wait_ns) {
    if (!ts) return;
    int fresh;
    Entry *e = entry_here(ts, SEC_GIL, NULL, 0, 0, &fresh);
    if (!e) return;
    e->count++;
    add_time(e, wait_ns);
}

/* ---- merging --------------------------------------------------------- */

/* Adds the entries of `from` into `into` (under merged_mu). */
static void merge_into(Table *into, const Table *from) {
    into->dropped += from->dropped;
    for (size_t i = 0; i < from->cap; i++) {
        const Entry *s = &from->slots[i];
        if (!s->used) continue;
        int fresh;
        Entry *d = lookup(into, s->sec, s->code, s->instr, s->what, s->tid, &fresh);
        if (!d) { into->dropped += s->count; continue; }
        if (fresh) {
            *d = *s;
            continue;
        }
        /* The busier side's description wins. */
        if (s->count > d->count) memcpy(d->desc, s->desc, sizeof d->desc);
        if (s->several || (s->obj && d->obj && s->obj != d->obj)) d->several = 1;
        d->count += s->count;
        d->count2 += s->count2;
        d->total_ns += s->total_ns;
        if (s->max_ns > d->max_ns) d->max_ns = s->max_ns;
    }
}

static void table_free(Table *t) {
    if (!t) return;
    free(t->slots);
    free(t);
}

void contention_thread_exit(TrThread *ts) {
    Table *t = ts->contention;
    if (!t) return;
    ts->contention = NULL;
    pthread_mutex_lock(&merged_mu);
    if (!reported) merge_into(&merged, t);
    pthread_mutex_unlock(&merged_mu);
    table_free(t);
}

/* ---- the report ------------------------------------------------------ */

#define MAXCOLS 8
#define CELL 96

typedef struct Grid {
    int ncols;
    const char *head[MAXCOLS];
    int right[MAXCOLS];           /* 1: a number, aligned right */
    char cell[TOP_ROWS][MAXCOLS][CELL];
    int nrows;
} Grid;

static void print_grid(FILE *out, Grid *g) {
    size_t w[MAXCOLS];
    for (int c = 0; c < g->ncols; c++) {
        w[c] = strlen(g->head[c]);
        for (int r = 0; r < g->nrows; r++)
            if (strlen(g->cell[r][c]) > w[c]) w[c] = strlen(g->cell[r][c]);
    }
    for (int r = -1; r < g->nrows; r++) {
        fputs("  ", out);
        for (int c = 0; c < g->ncols; c++) {
            const char *s = r < 0 ? g->head[c] : g->cell[r][c];
            int last = c == g->ncols - 1;
            if (g->right[c]) fprintf(out, "%*s", (int)w[c], s);
            else if (last) fputs(s, out);
            else fprintf(out, "%-*s", (int)w[c], s);
            if (!last) fputs("  ", out);
        }
        fputc('\n', out);
    }
}

static int sort_key_sec;

static uint64_t weight(const Entry *e) {
    return sort_key_sec == SEC_REF ? e->count : e->total_ns;
}

static int by_weight(const void *a, const void *b) {
    const Entry *x = *(const Entry *const *)a, *y = *(const Entry *const *)b;
    uint64_t wx = weight(x), wy = weight(y);
    if (wx != wy) return wx < wy ? 1 : -1;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return 0;
}

static void fmt_ms(char *buf, uint64_t ns) {
    snprintf(buf, CELL, "%.3f", (double)ns / 1e6);
}

static void fmt_u64(char *buf, uint64_t v) {
    snprintf(buf, CELL, "%llu", (unsigned long long)v);
}

static void fmt_site(char *site, char *func, const Entry *e) {
    if (!e->code) {
        snprintf(site, CELL, "-");
        snprintf(func, CELL, "(no Python frame)");
        return;
    }
    char file[CELL], fn[CELL];
    int line = 0;
    if (contention_hooks.resolve) {
        contention_hooks.resolve(e->code, e->line ? 0 : e->instr, file, sizeof file, &line, fn, sizeof fn);
        if (e->line) line = e->line;
    } else {
        snprintf(file, sizeof file, "?");
        snprintf(fn, sizeof fn, "?");
    }
    snprintf(site, CELL, "%.80s:%d", file, line);
    snprintf(func, CELL, "%s", fn);
}

static void fmt_desc(char *buf, const Entry *e) {
    snprintf(buf, CELL, "%s%s", e->desc, e->several ? " and others" : "");
}

static void print_section(FILE *out, Entry **all, size_t n, int sec) {
    static const char *const titles[NSEC] = {
        "1. Object locks that had to wait (by total wait)",
        "2. Reference counts written by threads that do not own the object (by writes)",
        "3. Stop-the-world pauses (by total pause)",
        "4. GIL waits (by total wait)",
    };
    fprintf(out, "\n%s\n", titles[sec]);
    Entry **rows = malloc((n ? n : 1) * sizeof *rows);
    size_t m = 0;
    uint64_t total_count = 0, total_ns = 0;
    if (rows)
        for (size_t i = 0; i < n; i++)
            if (all[i]->sec == sec) {
                rows[m++] = all[i];
                total_count += all[i]->count;
                total_ns += all[i]->total_ns;
            }
    if (m == 0) {
        fputs("  no contention recorded\n", out);
        free(rows);
        return;
    }
    sort_key_sec = sec;
    qsort(rows, m, sizeof *rows, by_weight);
    static Grid g;
    memset(&g, 0, sizeof g);
    g.nrows = m < TOP_ROWS ? (int)m : TOP_ROWS;
    for (int r = 0; r < g.nrows; r++) {
        const Entry *e = rows[r];
        char (*c)[CELL] = g.cell[r];
        switch (sec) {
        case SEC_LOCK:
            copy_str(c[0], CELL, e->kind);
            fmt_desc(c[1], e);
            fmt_site(c[2], c[3], e);
            fmt_u64(c[4], e->count);
            fmt_u64(c[5], e->count2);
            fmt_ms(c[6], e->total_ns);
            fmt_ms(c[7], e->max_ns);
            break;
        case SEC_REF:
            copy_str(c[0], CELL, e->kind);
            fmt_desc(c[1], e);
            fmt_site(c[2], c[3], e);
            fmt_u64(c[4], e->count);
            fmt_u64(c[5], e->count2);
            break;
        case SEC_STW:
            copy_str(c[0], CELL, e->kind);
            if (e->main_thread) snprintf(c[1], CELL, "main");
            else snprintf(c[1], CELL, "%llu", (unsigned long long)e->tid);
            fmt_site(c[2], c[3], e);
            fmt_u64(c[4], e->count);
            fmt_ms(c[5], e->total_ns);
            fmt_ms(c[6], e->max_ns);
            break;
        case SEC_GIL:
            fmt_site(c[0], c[1], e);
            fmt_u64(c[2], e->count);
            fmt_ms(c[3], e->total_ns);
            fmt_ms(c[4], e->max_ns);
            break;
        }
    }
    static const char *const heads[NSEC][MAXCOLS] = {
        {"type", "object", "site", "function", "waits", "parked", "total ms", "max ms"},
        {"type", "object", "site", "function", "shared writes", "queued"},
        {"reason", "thread", "site", "function", "pauses", "total ms", "max ms"},
        {"site", "function", "waits", "total ms", "max ms"},
    };
    static const int ncols[NSEC] = {8, 6, 7, 5};
    static const int first_number[NSEC] = {4, 4, 4, 2};
    g.ncols = ncols[sec];
    for (int c = 0; c < g.ncols; c++) {
        g.head[c] = heads[sec][c];
        g.right[c] = c >= first_number[sec];
    }
    print_grid(out, &g);
    if (sec == SEC_REF)
        fprintf(out, "  all sites: %llu shared writes in %zu rows\n", (unsigned long long)total_count, m);
    else
        fprintf(out, "  all sites: %llu %s, %.3f ms in %zu rows\n", (unsigned long long)total_count,
                sec == SEC_STW ? "pauses" : "waits", (double)total_ns / 1e6, m);
    free(rows);
}

/* Folds the entries of `t` that name different instructions of one line
 * into one.  On out of memory `t` is left as it was. */
static void fold_by_line(Table *t) {
    Table *folded = calloc(1, sizeof *folded);
    if (!folded) return;
    for (size_t i = 0; i < t->cap; i++) {
        Entry *e = &t->slots[i];
        if (!e->used || !e->code || !contention_hooks.resolve) continue;
        char file[8], fn[8];
        int line = 0;
        contention_hooks.resolve(e->code, e->instr, file, sizeof file, &line, fn, sizeof fn);
        e->instr = e->line = line > 0 ? line : -1;
    }
    merge_into(folded, t);
    /* Every entry found a place (none dropped): the folded table replaces
     * `t`; else `t` keeps one row per instruction, each showing its line. */
    if (folded->dropped == t->dropped) {
        free(t->slots);
        *t = *folded;
    } else {
        free(folded->slots);
    }
    free(folded);
}

void contention_report(TrThread *ts) {
    if (!contention_on) return;
    Table *mine = ts ? ts->contention : NULL;
    if (ts) ts->contention = NULL;
    pthread_mutex_lock(&merged_mu);
    if (reported) {
        pthread_mutex_unlock(&merged_mu);
        table_free(mine);
        return;
    }
    if (mine) merge_into(&merged, mine);
    reported = 1;
    pthread_mutex_unlock(&merged_mu);
    table_free(mine);
    /* From here `merged` is ours alone: later exits skip it (`reported`). */
    fold_by_line(&merged);

    FILE *out = stderr;
    if (report_path) {
        out = fopen(report_path, "w");
        if (!out) {
            fprintf(stderr, "torii: cannot write the contention report to '%s': %s\n",
                    report_path, strerror(errno));
            out = stderr;
        }
    }
    Entry **all = malloc((merged.len ? merged.len : 1) * sizeof *all);
    size_t n = 0;
    if (all)
        for (size_t i = 0; i < merged.cap; i++)
            if (merged.slots[i].used) all[n++] = &merged.slots[i];
    fprintf(out, "torii contention report (%s build; sites are the innermost Python frame)\n",
            TR_GIL_ENABLED ? "GIL" : "free-threaded");
    for (int sec = 0; sec < NSEC; sec++) print_section(out, all, n, sec);
    if (merged.dropped)
        fprintf(out, "\n(%llu events not counted: out of memory)\n", (unsigned long long)merged.dropped);
    free(all);
    if (out != stderr) fclose(out);
    else fflush(stderr);
}
