/* stdlib/re.c: the `re` module: Pattern and Match objects, the module
 * functions, replacement templates, and the compiled-pattern cache.  The
 * engine is stdlib/re_engine.c; re.error (PatternError) is written in Python
 * (stdlib/py/re.py, run in this module's dict after re_module_init).
 * Threads: a Pattern is immutable after creation (its ReProg is never
 * written; matching keeps all state in a per-call ReMatchState), so threads
 * share patterns freely.  A Match is immutable too.  The cache is an array
 * guarded by `cache_lock` (a leaf: nothing is called while it is held but
 * str_equal and reference increments; evicted entries are released after
 * unlocking). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "stdlib/re_engine.h"
#include "objects/unicode_util.h"

/* ---- subjects: a str seen as code points --------------------------------- */

#define CKPT 64

/* The code points of a str for the engine, and a way back to byte offsets:
 * `ckpt[i]` is the byte offset of code point i*CKPT (non-ASCII only). */
typedef struct Subj {
    TrObject *str;            /* borrowed */
    ReSubject s;
    uint32_t *buf;            /* owned, non-ASCII only */
    size_t *ckpt;             /* owned, non-ASCII only */
} Subj;

static int subj_init(TrThread *ts, TrObject *str, Subj *out) {
    memset(out, 0, sizeof *out);
    out->str = str;
    size_t n = str_length(str);
    out->s.len = (ssize_t)n;
    if (((TrStr *)str)->ascii) { out->s.s8 = (const uint8_t *)str_utf8(str); return 0; }
    out->buf = malloc((n + 1) * sizeof(uint32_t));
    out->ckpt = malloc((n / CKPT + 2) * sizeof(size_t));
    if (!out->buf || !out->ckpt) {
        free(out->buf); free(out->ckpt);
        err_nomemory(ts);
        return -1;
    }
    const char *base = str_utf8(str), *p = base;
    for (size_t i = 0; i < n; i++) {
        if (i % CKPT == 0) out->ckpt[i / CKPT] = (size_t)(p - base);
        out->buf[i] = utf8_next(&p);
    }
    if (n % CKPT == 0) out->ckpt[n / CKPT] = (size_t)(p - base);
    out->s.s32 = out->buf;
    return 0;
}

static void subj_free(Subj *s) { free(s->buf); free(s->ckpt); }

static size_t subj_byte(const Subj *s, ssize_t i) {
    if (s->s.s8) return (size_t)i;
    const char *base = str_utf8(s->str);
    size_t b = s->ckpt[i / CKPT];
    for (ssize_t k = (i / CKPT) * CKPT; k < i; k++) b += utf8_seqlen((unsigned char)base[b]);
    return b;
}

static TrObject *subj_slice(TrThread *ts, const Subj *s, ssize_t a, ssize_t b) {
    size_t ba = subj_byte(s, a), bb = subj_byte(s, b);
    return str_from_utf8(ts, str_utf8(s->str) + ba, bb - ba);
}

static void subj_add(TrStrBuf *buf, const Subj *s, ssize_t a, ssize_t b) {
    if (a >= b) return;
    size_t ba = subj_byte(s, a), bb = subj_byte(s, b);
    strbuf_add(buf, str_utf8(s->str) + ba, bb - ba);
}

/* ---- types ------------------------------------------------------------------ */

typedef struct RePattern {
    TrObject ob_base;
    TrObject *pattern;        /* owned str */
    int flags;                /* as Pattern.flags reports them */
    ReProg *prog;             /* owned; immutable */
    TrObject *groupindex;     /* owned dict name -> int; never mutated after creation */
} RePattern;

/* spans: per group g, [4g] start, [4g+1] end (code points), [4g+2],
 * [4g+3] the same in bytes; -1 when the group did not take part. */
typedef struct ReMatchObj {
    TrObject ob_base;
    TrObject *pattern;        /* owned RePattern */
    TrObject *string;         /* owned str */
    ssize_t pos, endpos, lastindex;
    int ngroups;
    ssize_t spans[];
} ReMatchObj;

static TrType re_pattern_type, re_match_type;
static TrObject *re_module_dict;    /* borrowed: the module is immortal; set once at import */

static TrObject *raise_error(TrThread *ts, const char *msg, TrObject *pattern, ssize_t pos) {
    TrObject *d = atomic_load_ptr_acquire((void *const *)&re_module_dict);
    TrObject *cls = d ? dict_get_cstr(ts, d, "error") : NULL;
    if (!cls) {
        if (!err_occurred(ts)) err_set(ts, &tr_exc_ValueError, msg);
        return NULL;
    }
    TrObject *args[3] = {str_from_cstr(ts, msg), pattern && pos >= 0 ? pattern : tr_none,
                         pos >= 0 ? int_from_i64(ts, pos) : tr_none};
    TrObject *exc = args[0] ? tr_call(ts, cls, args, 3, NULL) : NULL;
    tr_xdecref(args[0]);
    tr_decref(args[2]);
    tr_decref(cls);
    if (exc) err_raise(ts, exc);
    return NULL;
}

/* ---- compiling and the cache --------------------------------------------- */

static int decode_pattern(TrThread *ts, TrObject *s, uint32_t **out, size_t *n) {
    size_t len = str_length(s);
    uint32_t *buf = malloc((len + 1) * sizeof *buf);
    if (!buf) { err_nomemory(ts); return -1; }
    const char *p = str_utf8(s);
    for (size_t i = 0; i < len; i++) buf[i] = utf8_next(&p);
    *out = buf;
    *n = len;
    return 0;
}

static TrObject *pattern_new(TrThread *ts, TrObject *pattern, int flags) {
    if ((flags & RE_A) && (flags & RE_U))
        return err_format(ts, &tr_exc_ValueError, "ASCII and UNICODE flags are incompatible");
    if (flags & RE_L) return err_format(ts, &tr_exc_ValueError, "cannot use LOCALE flag with a str pattern");
    uint32_t *cps;
    size_t n;
    if (decode_pattern(ts, pattern, &cps, &n) < 0) return NULL;
    ReCompileError err;
    ReProg *prog = re_prog_compile(cps, n, flags, &err);
    free(cps);
    if (!prog) {
        if (!err.msg[0]) return err_nomemory(ts);
        if (err.overflow) return err_format(ts, &tr_exc_OverflowError, "%s", err.msg);
        return raise_error(ts, err.msg, pattern, err.pos);
    }
    RePattern *p = (RePattern *)tr_alloc(ts, &re_pattern_type);
    if (!p) { re_prog_free(prog); return NULL; }
    p->pattern = tr_newref(pattern);
    p->prog = prog;
    int f = re_prog_flags(prog);
    if ((f & RE_A) && (f & RE_U)) {
        tr_decref((TrObject *)p);
        return err_format(ts, &tr_exc_ValueError, "ASCII and UNICODE flags are incompatible");
    }
    if (!(f & RE_A)) f |= RE_U;
    p->flags = f;
    p->groupindex = dict_new(ts);
    if (!p->groupindex) { tr_decref((TrObject *)p); return NULL; }
    for (int g = 1; g <= re_prog_groups(prog); g++) {
        const char *name = re_prog_group_name(prog, g);
        if (!name) continue;
        TrObject *v = int_from_i64(ts, g);
        if (dict_set_cstr(ts, p->groupindex, name, v) < 0) { tr_decref((TrObject *)p); return NULL; }
    }
    return (TrObject *)p;
}

#define CACHE_SIZE 64
typedef struct CacheEntry { TrObject *pattern; int flags; } CacheEntry;   /* pattern: owned RePattern */
static CacheEntry cache[CACHE_SIZE];      /* guarded by cache_lock */
static int cache_next;                    /* guarded by cache_lock */
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static int flags_arg(TrThread *ts, TrObject *o, int *out) {
    if (!o) { *out = 0; return 0; }
    if (!int_check(o)) {
        err_format(ts, &tr_exc_TypeError, "unsupported operand type(s) for &: '%s' and 'int'", tr_type_name(o));
        return -1;
    }
    int64_t v = int_as_i64(ts, o);
    if (v == -1 && err_occurred(ts)) return -1;
    *out = (int)v;
    return 0;
}

/* re.compile's core: a new reference to a Pattern for (`pattern`, `flags`). */
static TrObject *get_pattern(TrThread *ts, TrObject *pattern, int flags) {
    if (tr_type(pattern) == &re_pattern_type) {
        if (flags) return err_format(ts, &tr_exc_ValueError, "cannot process flags argument with a compiled pattern");
        return tr_newref(pattern);
    }
    if (!str_check(pattern))
        return err_format(ts, &tr_exc_TypeError, "first argument must be string or compiled pattern");
    int cacheable = tr_type(pattern) == &tr_str_type;
    if (cacheable) {
        TrObject *hit = NULL;
        pthread_mutex_lock(&cache_lock);
        for (int i = 0; i < CACHE_SIZE; i++) {
            RePattern *p = (RePattern *)cache[i].pattern;
            if (p && cache[i].flags == flags && (p->pattern == pattern || str_equal(p->pattern, pattern))) {
                hit = tr_newref((TrObject *)p);
                break;
            }
        }
        pthread_mutex_unlock(&cache_lock);
        if (hit) return hit;
    }
    TrObject *p = pattern_new(ts, pattern, flags);
    if (!p || !cacheable) return p;
    TrObject *old;
    pthread_mutex_lock(&cache_lock);
    old = cache[cache_next].pattern;
    cache[cache_next].pattern = tr_newref(p);
    cache[cache_next].flags = flags;
    cache_next = (cache_next + 1) % CACHE_SIZE;
    pthread_mutex_unlock(&cache_lock);
    tr_xdecref(old);   /* after unlocking: this may free a pattern */
    return p;
}

/* ---- Match ------------------------------------------------------------------ */

static TrObject *match_new(TrThread *ts, RePattern *pat, const Subj *s, ssize_t pos, ssize_t endpos,
                           const ssize_t *caps, ssize_t lastindex) {
    int ng = re_prog_groups(pat->prog);
    size_t size = sizeof(ReMatchObj) + (size_t)(ng + 1) * 4 * sizeof(ssize_t);
    ReMatchObj *m = (ReMatchObj *)tr_alloc_var(ts, &re_match_type, size);
    if (!m) return NULL;
    m->pattern = tr_newref((TrObject *)pat);
    m->string = tr_newref(s->str);
    m->pos = pos;
    m->endpos = endpos;
    m->lastindex = lastindex;
    m->ngroups = ng;
    for (int g = 0; g <= ng; g++) {
        ssize_t a = caps[2 * g], b = caps[2 * g + 1];
        if (a < 0 || b < 0) { a = b = -1; }
        m->spans[4 * g] = a;
        m->spans[4 * g + 1] = b;
        m->spans[4 * g + 2] = a < 0 ? -1 : (ssize_t)subj_byte(s, a);
        m->spans[4 * g + 3] = b < 0 ? -1 : (ssize_t)subj_byte(s, b);
    }
    return (TrObject *)m;
}

static void match_dealloc(TrThread *ts, TrObject *o) {
    ReMatchObj *m = (ReMatchObj *)o;
    tr_decref(m->pattern);
    tr_decref(m->string);
    tr_free(o);
}

/* The group number `g` names (an int or a group name); -1 with IndexError. */
static int group_index(TrThread *ts, ReMatchObj *m, TrObject *g) {
    if (int_check(g)) {
        int ov = 0;
        int64_t v = int_as_i64_overflow(g, &ov);
        if (!ov && v >= 0 && v <= m->ngroups) return (int)v;
    } else if (str_check(g)) {
        TrObject *v = dict_get(ts, ((RePattern *)m->pattern)->groupindex, g);
        if (v) { int64_t i = tr_imm_value(v); tr_decref(v); return (int)i; }
        if (err_occurred(ts)) return -1;
    }
    err_set(ts, &tr_exc_IndexError, "no such group");
    return -1;
}

static TrObject *group_value(TrThread *ts, ReMatchObj *m, int g, TrObject *deflt) {
    ssize_t a = m->spans[4 * g + 2], b = m->spans[4 * g + 3];
    if (a < 0) return tr_newref(deflt);
    return str_from_utf8(ts, str_utf8(m->string) + a, (size_t)(b - a));
}

static TrObject *match_group(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_no_kwargs(ts, "group", kwnames) < 0) return NULL;
    ReMatchObj *m = (ReMatchObj *)self;
    if (nargs == 0) return group_value(ts, m, 0, tr_none);
    if (nargs == 1) {
        int g = group_index(ts, m, args[0]);
        return g < 0 ? NULL : group_value(ts, m, g, tr_none);
    }
    TrObject *t = tuple_new(ts, nargs);
    if (!t) return NULL;
    for (size_t i = 0; i < nargs; i++) {
        int g = group_index(ts, m, args[i]);
        TrObject *v = g < 0 ? NULL : group_value(ts, m, g, tr_none);
        if (!v) {
            for (size_t k = i; k < nargs; k++) tuple_set_take(t, k, tr_newref(tr_none));
            tr_decref(t);
            return NULL;
        }
        tuple_set_take(t, i, v);
    }
    return t;
}

static TrObject *match_getitem(TrThread *ts, TrObject *self, TrObject *key) {
    ReMatchObj *m = (ReMatchObj *)self;
    int g = group_index(ts, m, key);
    return g < 0 ? NULL : group_value(ts, m, g, tr_none);
}

static TrObject *match_groups(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"default"};
    TrObject *a[1];
    if (args_parse(ts, "groups", args, nargs, kwnames, names, 1, 0, 0, 0, a) < 0) return NULL;
    ReMatchObj *m = (ReMatchObj *)self;
    TrObject *deflt = a[0] ? a[0] : tr_none;
    TrObject *t = tuple_new(ts, (size_t)m->ngroups);
    if (!t) return NULL;
    for (int g = 1; g <= m->ngroups; g++) {
        TrObject *v = group_value(ts, m, g, deflt);
        if (!v) {
            for (int k = g; k <= m->ngroups; k++) tuple_set_take(t, (size_t)k - 1, tr_newref(tr_none));
            tr_decref(t);
            return NULL;
        }
        tuple_set_take(t, (size_t)g - 1, v);
    }
    return t;
}

static TrObject *match_groupdict(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"default"};
    TrObject *a[1];
    if (args_parse(ts, "groupdict", args, nargs, kwnames, names, 1, 0, 0, 0, a) < 0) return NULL;
    ReMatchObj *m = (ReMatchObj *)self;
    RePattern *p = (RePattern *)m->pattern;
    TrObject *d = dict_new(ts);
    if (!d) return NULL;
    for (int g = 1; g <= m->ngroups; g++) {
        const char *name = re_prog_group_name(p->prog, g);
        if (!name) continue;
        TrObject *v = group_value(ts, m, g, a[0] ? a[0] : tr_none);
        if (!v || dict_set_cstr(ts, d, name, v) < 0) { tr_xdecref(v); tr_decref(d); return NULL; }
        tr_decref(v);
    }
    return d;
}

static int opt_group(TrThread *ts, ReMatchObj *m, const char *fname, TrObject *const *args, size_t nargs,
                     TrObject *kwnames) {
    if (tr_check_args(ts, fname, nargs, kwnames, 0, 1) < 0) return -1;
    return nargs ? group_index(ts, m, args[0]) : 0;
}

static TrObject *match_start(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    ReMatchObj *m = (ReMatchObj *)self;
    int g = opt_group(ts, m, "start", args, nargs, kwnames);
    return g < 0 ? NULL : int_from_i64(ts, m->spans[4 * g]);
}

static TrObject *match_end(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    ReMatchObj *m = (ReMatchObj *)self;
    int g = opt_group(ts, m, "end", args, nargs, kwnames);
    return g < 0 ? NULL : int_from_i64(ts, m->spans[4 * g + 1]);
}

static TrObject *span_tuple(TrThread *ts, ReMatchObj *m, int g) {
    TrObject *t = tuple_new(ts, 2);
    if (!t) return NULL;
    tuple_set_take(t, 0, int_from_i64(ts, m->spans[4 * g]));
    tuple_set_take(t, 1, int_from_i64(ts, m->spans[4 * g + 1]));
    return t;
}

static TrObject *match_span(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    ReMatchObj *m = (ReMatchObj *)self;
    int g = opt_group(ts, m, "span", args, nargs, kwnames);
    return g < 0 ? NULL : span_tuple(ts, m, g);
}

static TrObject *expand_template(TrThread *ts, RePattern *p, TrObject *tmpl, ReMatchObj *m, const Subj *s,
                                 const ssize_t *caps);

static TrObject *match_expand(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "expand", nargs, kwnames, 1, 1) < 0) return NULL;
    ReMatchObj *m = (ReMatchObj *)self;
    if (!str_check(args[0])) return err_format(ts, &tr_exc_TypeError, "expected str instance, %s found", tr_type_name(args[0]));
    return expand_template(ts, (RePattern *)m->pattern, args[0], m, NULL, NULL);
}

static TrObject *match_repr(TrThread *ts, TrObject *self) {
    ReMatchObj *m = (ReMatchObj *)self;
    TrObject *g = group_value(ts, m, 0, tr_none);
    if (!g) return NULL;
    TrObject *r = tr_repr(ts, g);
    tr_decref(g);
    if (!r) return NULL;
    if (str_length(r) > 50) {
        const char *p = str_utf8(r);
        for (int k = 0; k < 50; k++) p += utf8_seqlen((unsigned char)*p);
        TrObject *cut = str_from_utf8(ts, str_utf8(r), (size_t)(p - str_utf8(r)));
        tr_decref(r);
        if (!cut) return NULL;
        r = cut;
    }
    TrObject *out = str_format(ts, "<re.Match object; span=(%zd, %zd), match=%S>", m->spans[0], m->spans[1], r);
    tr_decref(r);
    return out;
}

static TrObject *match_getattr(TrThread *ts, TrObject *self, TrObject *name) {
    ReMatchObj *m = (ReMatchObj *)self;
    const char *n = str_utf8(name);
    if (!strcmp(n, "string")) return tr_newref(m->string);
    if (!strcmp(n, "re")) return tr_newref(m->pattern);
    if (!strcmp(n, "pos")) return int_from_i64(ts, m->pos);
    if (!strcmp(n, "endpos")) return int_from_i64(ts, m->endpos);
    if (!strcmp(n, "lastindex")) return m->lastindex > 0 ? int_from_i64(ts, m->lastindex) : tr_none;
    if (!strcmp(n, "lastgroup")) {
        const char *g = m->lastindex > 0 ? re_prog_group_name(((RePattern *)m->pattern)->prog, (int)m->lastindex) : NULL;
        return g ? str_from_cstr(ts, g) : tr_none;
    }
    if (!strcmp(n, "regs")) {
        TrObject *t = tuple_new(ts, (size_t)m->ngroups + 1);
        if (!t) return NULL;
        for (int g = 0; g <= m->ngroups; g++) {
            TrObject *sp = span_tuple(ts, m, g);
            if (!sp) {
                for (int k = g; k <= m->ngroups; k++) tuple_set_take(t, (size_t)k, tr_newref(tr_none));
                tr_decref(t);
                return NULL;
            }
            tuple_set_take(t, (size_t)g, sp);
        }
        return t;
    }
    return tr_generic_getattr(ts, self, name);
}

static TrObject *match_getitem_m(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "__getitem__", nargs, kwnames, 1, 1) < 0) return NULL;
    return match_getitem(ts, self, args[0]);
}

static const TrMethodDef match_methods[] = {
    {"group", match_group}, {"groups", match_groups}, {"groupdict", match_groupdict},
    {"start", match_start}, {"end", match_end}, {"span", match_span}, {"expand", match_expand},
    {"__getitem__", match_getitem_m},
    {NULL, NULL},
};

static int match_truth(TrThread *ts, TrObject *o) { return 1; }

static TrType re_match_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "re.Match",
    .basicsize = sizeof(ReMatchObj),
    .dealloc = match_dealloc,
    .repr = match_repr,
    .truth = match_truth,
    .getitem = match_getitem,
    .getattr = match_getattr,
    .methods = match_methods,
};

/* ---- templates (sub's repl, Match.expand) -------------------------------- */

/* A parsed template: literal text pieces and group references, in order. */
typedef struct TItem { int group; size_t off, len; } TItem;   /* group -1: literal text[off:off+len] */
typedef struct Template { TItem *items; int n, cap; TrStrBuf text; } Template;

static int titem_add(TrThread *ts, Template *t, int group, size_t off, size_t len) {
    if (t->n == t->cap) {
        int nc = t->cap ? t->cap * 2 : 8;
        TItem *ni = realloc(t->items, (size_t)nc * sizeof *ni);
        if (!ni) { err_nomemory(ts); return -1; }
        t->items = ni; t->cap = nc;
    }
    t->items[t->n++] = (TItem){group, off, len};
    return 0;
}

static void template_free(Template *t) { free(t->items); strbuf_free(&t->text); }

/* Appends literal code point `c` to the template. */
static int tlit(TrThread *ts, Template *t, uint32_t c) {
    char u[4];
    size_t k = utf8_encode(c, u);
    size_t off = t->text.len;
    strbuf_add(&t->text, u, k);
    if (t->text.failed) { err_nomemory(ts); return -1; }
    if (t->n && t->items[t->n - 1].group < 0) { t->items[t->n - 1].len += k; return 0; }
    return titem_add(ts, t, -1, off, k);
}

static int template_parse(TrThread *ts, RePattern *p, TrObject *tmpl, Template *t) {
    memset(t, 0, sizeof *t);
    strbuf_init(&t->text);
    uint32_t *cp;
    size_t n;
    if (decode_pattern(ts, tmpl, &cp, &n) < 0) return -1;
    int ng = re_prog_groups(p->prog);
    char msg[200];
    ssize_t epos = -1;
    int rc = -1;
    for (size_t i = 0; i < n;) {
        uint32_t c = cp[i];
        if (c != '\\') { if (tlit(ts, t, c) < 0) goto out; i++; continue; }
        size_t start = i++;
        if (i >= n) { snprintf(msg, sizeof msg, "bad escape (end of pattern)"); epos = (ssize_t)start; goto err; }
        c = cp[i++];
        if (c == 'g') {
            if (i >= n || cp[i] != '<') { snprintf(msg, sizeof msg, "missing <"); epos = (ssize_t)i; goto err; }
            size_t ns = ++i;
            while (i < n && cp[i] != '>') i++;
            if (i >= n) {
                snprintf(msg, sizeof msg, ns == n ? "missing group name" : "missing >, unterminated name");
                epos = (ssize_t)ns;
                goto err;
            }
            size_t ne = i++;
            if (ne == ns) { snprintf(msg, sizeof msg, "missing group name"); epos = (ssize_t)ns; goto err; }
            TrStrBuf nb;
            strbuf_init(&nb);
            int alldig = 1, ident = 1;
            for (size_t k = ns; k < ne; k++) {
                char u[4];
                strbuf_add(&nb, u, utf8_encode(cp[k], u));
                if (cp[k] < '0' || cp[k] > '9') alldig = 0;
                if (!(k == ns ? uc_isidstart(cp[k]) : uc_isidcontinue(cp[k]))) ident = 0;
            }
            TrObject *name = strbuf_finish(ts, &nb);
            if (!name) goto out;
            int g;
            if (alldig) {
                g = 0;
                for (size_t k = ns; k < ne && g <= ng; k++) g = g * 10 + (int)(cp[k] - '0');
                if (g > ng) {
                    snprintf(msg, sizeof msg, "invalid group reference %s", str_utf8(name));
                    tr_decref(name);
                    epos = (ssize_t)ns;
                    goto err;
                }
            } else if (!ident) {
                snprintf(msg, sizeof msg, "bad character in group name '%s'", str_utf8(name));
                tr_decref(name);
                epos = (ssize_t)ns;
                goto err;
            } else {
                TrObject *v = dict_get(ts, p->groupindex, name);
                if (!v) {
                    if (!err_occurred(ts)) err_format(ts, &tr_exc_IndexError, "unknown group name '%S'", name);
                    tr_decref(name);
                    goto out;
                }
                g = (int)tr_imm_value(v);
            }
            tr_decref(name);
            if (titem_add(ts, t, g, 0, 0) < 0) goto out;
            continue;
        }
        if (c == '0') {
            uint32_t v = 0;
            for (int k = 0; k < 2 && i < n && cp[i] >= '0' && cp[i] <= '7'; k++) v = v * 8 + (cp[i++] - '0');
            if (tlit(ts, t, v) < 0) goto out;
            continue;
        }
        if (c >= '1' && c <= '9') {
            int g = (int)(c - '0');
            if (i < n && cp[i] >= '0' && cp[i] <= '9') {
                if (c <= '7' && cp[i] <= '7' && i + 1 < n && cp[i + 1] >= '0' && cp[i + 1] <= '7') {
                    uint32_t v = (c - '0') * 64 + (cp[i] - '0') * 8 + (cp[i + 1] - '0');
                    i += 2;
                    if (v > 0377) {
                        snprintf(msg, sizeof msg, "octal escape value \\%c%c%c outside of range 0-0o377",
                                 (char)c, (char)cp[i - 2], (char)cp[i - 1]);
                        epos = (ssize_t)start;
                        goto err;
                    }
                    if (tlit(ts, t, v) < 0) goto out;
                    continue;
                }
                g = g * 10 + (int)(cp[i++] - '0');
            }
            if (g > ng) {
                snprintf(msg, sizeof msg, "invalid group reference %d", g);
                epos = (ssize_t)start + 1;
                goto err;
            }
            if (titem_add(ts, t, g, 0, 0) < 0) goto out;
            continue;
        }
        uint32_t e = 0;
        switch (c) {
        case 'a': e = 7; break; case 'b': e = 8; break; case 'f': e = 12; break; case 'n': e = 10; break;
        case 'r': e = 13; break; case 't': e = 9; break; case 'v': e = 11; break; case '\\': e = '\\'; break;
        }
        if (e) { if (tlit(ts, t, e) < 0) goto out; continue; }
        if (c < 128 && ((c | 32) >= 'a' && (c | 32) <= 'z')) {
            snprintf(msg, sizeof msg, "bad escape \\%c", (char)c);
            epos = (ssize_t)start;
            goto err;
        }
        if (tlit(ts, t, '\\') < 0 || tlit(ts, t, c) < 0) goto out;
    }
    rc = 0;
    goto out;
err:
    raise_error(ts, msg, tmpl, epos);
out:
    free(cp);
    if (rc < 0) template_free(t);
    return rc;
}

/* Appends the expansion of `t` for a match given either as `m` or as (`s`, `caps`). */
static void template_apply(const Template *t, TrStrBuf *out, const ReMatchObj *m, const Subj *s, const ssize_t *caps) {
    for (int k = 0; k < t->n; k++) {
        const TItem *it = &t->items[k];
        if (it->group < 0) { strbuf_add(out, t->text.data + it->off, it->len); continue; }
        int g = it->group;
        if (m) {
            ssize_t a = m->spans[4 * g + 2], b = m->spans[4 * g + 3];
            if (a >= 0) strbuf_add(out, str_utf8(m->string) + a, (size_t)(b - a));
        } else {
            ssize_t a = caps[2 * g], b = caps[2 * g + 1];
            if (a >= 0 && b >= 0) subj_add(out, s, a, b);
        }
    }
}

static TrObject *expand_template(TrThread *ts, RePattern *p, TrObject *tmpl, ReMatchObj *m, const Subj *s,
                                 const ssize_t *caps) {
    Template t;
    if (template_parse(ts, p, tmpl, &t) < 0) return NULL;
    TrStrBuf out;
    strbuf_init(&out);
    template_apply(&t, &out, m, s, caps);
    template_free(&t);
    return strbuf_finish(ts, &out);
}

/* ---- Pattern ------------------------------------------------------------------ */

static void pattern_dealloc(TrThread *ts, TrObject *o) {
    RePattern *p = (RePattern *)o;
    tr_xdecref(p->pattern);
    tr_xdecref(p->groupindex);
    re_prog_free(p->prog);
    tr_free(o);
}

static const char *const flag_names[] = {
    "TEMPLATE", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "UNICODE", "VERBOSE", "DEBUG", "ASCII",
};

static TrObject *pattern_repr(TrThread *ts, TrObject *self) {
    RePattern *p = (RePattern *)self;
    TrObject *r = tr_repr(ts, p->pattern);
    if (!r) return NULL;
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "re.compile(");
    if (str_length(r) > 200) {
        const char *s = str_utf8(r), *q = s;
        for (int k = 0; k < 200; k++) q += utf8_seqlen((unsigned char)*q);
        strbuf_add(&b, s, (size_t)(q - s));
    } else {
        strbuf_addstr(&b, r);
    }
    tr_decref(r);
    int f = p->flags;
    if ((f & (RE_L | RE_U | RE_A)) == RE_U) f &= ~RE_U;
    if (f) {
        strbuf_adds(&b, ", ");
        int first = 1;
        for (int bit = 1; bit < 9; bit++) {
            if (!(f & (1 << bit))) continue;
            if (!first) strbuf_addc(&b, '|');
            strbuf_adds(&b, "re.");
            strbuf_adds(&b, flag_names[bit]);
            first = 0;
            f &= ~(1 << bit);
        }
        if (f) {
            char hex[32];
            snprintf(hex, sizeof hex, "%s0x%x", first ? "" : "|", (unsigned)f);
            strbuf_adds(&b, hex);
        }
    }
    strbuf_addc(&b, ')');
    return strbuf_finish(ts, &b);
}

static TrObject *pattern_getattr(TrThread *ts, TrObject *self, TrObject *name) {
    RePattern *p = (RePattern *)self;
    const char *n = str_utf8(name);
    if (!strcmp(n, "pattern")) return tr_newref(p->pattern);
    if (!strcmp(n, "flags")) return int_from_i64(ts, p->flags);
    if (!strcmp(n, "groups")) return int_from_i64(ts, re_prog_groups(p->prog));
    if (!strcmp(n, "groupindex")) return dict_copy(ts, p->groupindex);
    return tr_generic_getattr(ts, self, name);
}

static int64_t pattern_hash(TrThread *ts, TrObject *self) {
    RePattern *p = (RePattern *)self;
    int64_t h = str_hash(p->pattern) ^ ((int64_t)p->flags * 1000003);
    return h == -1 ? -2 : h;
}

static TrObject *pattern_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if ((op != TR_EQ && op != TR_NE) || tr_type(b) != &re_pattern_type) return tr_notimplemented;
    RePattern *x = (RePattern *)a, *y = (RePattern *)b;
    int eq = x == y || (x->flags == y->flags && str_equal(x->pattern, y->pattern));
    return tr_bool(op == TR_EQ ? eq : !eq);
}

/* Reads an index argument (pos, endpos, count, maxsplit); `deflt` if absent. */
static int ssize_arg(TrThread *ts, TrObject *o, ssize_t deflt, ssize_t *out) {
    if (!o) { *out = deflt; return 0; }
    if (!int_check(o)) {
        err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", tr_type_name(o));
        return -1;
    }
    int ov = 0;
    int64_t v = int_as_i64_overflow(o, &ov);
    *out = ov ? (ov > 0 ? INT64_MAX : INT64_MIN) : (ssize_t)v;
    return 0;
}

static int string_arg(TrThread *ts, TrObject *o) {
    if (str_check(o)) return 0;
    err_format(ts, &tr_exc_TypeError, "expected string or bytes-like object, got '%s'", tr_type_name(o));
    return -1;
}

/* Clamps pos/endpos to the string as CPython does. */
static void clamp(ssize_t len, ssize_t *pos, ssize_t *endpos) {
    if (*pos < 0) *pos = 0; else if (*pos > len) *pos = len;
    if (*endpos < 0) *endpos = 0; else if (*endpos > len) *endpos = len;
}

static TrObject *do_match(TrThread *ts, RePattern *p, TrObject *string, ssize_t pos, ssize_t endpos, int mode) {
    Subj s;
    if (subj_init(ts, string, &s) < 0) return NULL;
    clamp(s.s.len, &pos, &endpos);
    int ng = re_prog_groups(p->prog);
    ssize_t *caps = malloc((size_t)(ng + 1) * 2 * sizeof *caps);
    if (!caps) { subj_free(&s); return err_nomemory(ts); }
    ReMatchState st;
    memset(&st, 0, sizeof st);
    ssize_t last = 0;
    TrObject *res = tr_none;
    int r = pos <= endpos ? re_exec(p->prog, &s.s, pos, endpos, mode, 0, &st, caps, &last) : 0;
    if (r < 0) res = err_nomemory(ts);
    else if (r > 0) res = match_new(ts, p, &s, pos, endpos, caps, last);
    re_state_free(&st);
    free(caps);
    subj_free(&s);
    return res;
}

static TrObject *pattern_match_common(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                      TrObject *kwnames, const char *fname, int mode) {
    static const char *const names[] = {"string", "pos", "endpos"};
    TrObject *a[3];
    if (args_parse(ts, fname, args, nargs, kwnames, names, 3, 1, 0, 0, a) < 0) return NULL;
    ssize_t pos, endpos;
    if (string_arg(ts, a[0]) < 0 || ssize_arg(ts, a[1], 0, &pos) < 0 || ssize_arg(ts, a[2], INT64_MAX, &endpos) < 0)
        return NULL;
    return do_match(ts, (RePattern *)self, a[0], pos, endpos, mode);
}

static TrObject *pattern_match(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return pattern_match_common(ts, self, args, nargs, kwnames, "match", RE_MODE_MATCH);
}
static TrObject *pattern_search(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return pattern_match_common(ts, self, args, nargs, kwnames, "search", RE_MODE_SEARCH);
}
static TrObject *pattern_fullmatch(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return pattern_match_common(ts, self, args, nargs, kwnames, "fullmatch", RE_MODE_FULL);
}

/* The scanning loop findall, finditer, sub and split share: calls `each`
 * for every match of `p` in string[pos:endpos], at most `limit` (0: no
 * limit), with the empty-match rules of CPython 3.7+.  -1 on error. */
typedef int (*each_fn)(TrThread *ts, void *ctx, const Subj *s, const ssize_t *caps, ssize_t lastindex);

static int scan(TrThread *ts, RePattern *p, const Subj *s, ssize_t pos, ssize_t endpos, ssize_t limit,
                each_fn each, void *ctx) {
    int ng = re_prog_groups(p->prog);
    ssize_t *caps = malloc((size_t)(ng + 1) * 2 * sizeof *caps);
    if (!caps) { err_nomemory(ts); return -1; }
    ReMatchState st;
    memset(&st, 0, sizeof st);
    int rc = 0, must_advance = 0;
    ssize_t n = 0;
    while (pos <= endpos && (limit <= 0 || n < limit)) {
        ssize_t last = 0;
        int r = re_exec(p->prog, &s->s, pos, endpos, RE_MODE_SEARCH, must_advance, &st, caps, &last);
        if (r < 0) { err_nomemory(ts); rc = -1; break; }
        if (r == 0) break;
        if (each(ts, ctx, s, caps, last) < 0) { rc = -1; break; }
        n++;
        must_advance = caps[1] == caps[0];
        pos = caps[1];
    }
    re_state_free(&st);
    free(caps);
    return rc;
}

typedef struct FindCtx { RePattern *p; TrObject *list; ssize_t pos, endpos; int as_match; } FindCtx;

static int findall_each(TrThread *ts, void *vctx, const Subj *s, const ssize_t *caps, ssize_t last) {
    FindCtx *c = vctx;
    TrObject *item;
    int ng = re_prog_groups(c->p->prog);
    if (c->as_match) {
        item = match_new(ts, c->p, s, c->pos, c->endpos, caps, last);
    } else if (ng == 0) {
        item = subj_slice(ts, s, caps[0], caps[1]);
    } else if (ng == 1) {
        item = caps[2] >= 0 && caps[3] >= 0 ? subj_slice(ts, s, caps[2], caps[3]) : str_from_cstr(ts, "");
    } else {
        item = tuple_new(ts, (size_t)ng);
        if (!item) return -1;
        for (int g = 1; g <= ng; g++) {
            TrObject *v = caps[2 * g] >= 0 && caps[2 * g + 1] >= 0 ? subj_slice(ts, s, caps[2 * g], caps[2 * g + 1])
                                                                    : str_from_cstr(ts, "");
            if (!v) {
                for (int k = g; k <= ng; k++) tuple_set_take(item, (size_t)k - 1, tr_newref(tr_none));
                tr_decref(item);
                return -1;
            }
            tuple_set_take(item, (size_t)g - 1, v);
        }
    }
    if (!item) return -1;
    return list_append_take(ts, c->list, item);
}

static TrObject *find_common(TrThread *ts, RePattern *p, TrObject *string, ssize_t pos, ssize_t endpos, int as_match) {
    if (string_arg(ts, string) < 0) return NULL;
    Subj s;
    if (subj_init(ts, string, &s) < 0) return NULL;
    clamp(s.s.len, &pos, &endpos);
    FindCtx c = {p, list_new(ts, 0), pos, endpos, as_match};
    if (!c.list || scan(ts, p, &s, pos, endpos, 0, findall_each, &c) < 0) TR_CLEAR(c.list);
    subj_free(&s);
    if (!c.list || !as_match) return c.list;
    TrObject *it = tr_iter(ts, c.list);
    tr_decref(c.list);
    return it;
}

static TrObject *pattern_find2(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames,
                               const char *fname, int as_match) {
    static const char *const names[] = {"string", "pos", "endpos"};
    TrObject *a[3];
    if (args_parse(ts, fname, args, nargs, kwnames, names, 3, 1, 0, 0, a) < 0) return NULL;
    ssize_t pos, endpos;
    if (ssize_arg(ts, a[1], 0, &pos) < 0 || ssize_arg(ts, a[2], INT64_MAX, &endpos) < 0) return NULL;
    return find_common(ts, (RePattern *)self, a[0], pos, endpos, as_match);
}

static TrObject *pattern_findall(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return pattern_find2(ts, self, args, nargs, kwnames, "findall", 0);
}
static TrObject *pattern_finditer(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return pattern_find2(ts, self, args, nargs, kwnames, "finditer", 1);
}

typedef struct SubCtx {
    RePattern *p;
    TrStrBuf out;
    ssize_t last;             /* end of the previous match: text from here is copied */
    Template *tmpl;           /* NULL: literal or callable */
    TrObject *literal;        /* borrowed */
    TrObject *func;           /* borrowed */
    ssize_t items;
} SubCtx;

static int sub_each(TrThread *ts, void *vctx, const Subj *s, const ssize_t *caps, ssize_t lastindex) {
    SubCtx *c = vctx;
    if (caps[0] > c->last) c->items++;
    subj_add(&c->out, s, c->last, caps[0]);
    if (c->func) {
        TrObject *m = match_new(ts, c->p, s, 0, s->s.len, caps, lastindex);
        if (!m) return -1;
        TrObject *r = tr_call(ts, c->func, &m, 1, NULL);
        tr_decref(m);
        if (!r) return -1;
        if (r != tr_none) {
            if (!str_check(r)) {
                err_format(ts, &tr_exc_TypeError, "sequence item %zd: expected str instance, %s found",
                           c->items, tr_type_name(r));
                tr_decref(r);
                return -1;
            }
            strbuf_addstr(&c->out, r);
            c->items++;
        }
        tr_decref(r);
    } else if (c->tmpl) {
        template_apply(c->tmpl, &c->out, NULL, s, caps);
        c->items++;
    } else {
        strbuf_addstr(&c->out, c->literal);
        c->items++;
    }
    c->last = caps[1];
    return 0;
}

typedef struct CountCtx { SubCtx *sub; ssize_t n; } CountCtx;

static int count_each(TrThread *ts, void *vctx, const Subj *s, const ssize_t *caps, ssize_t lastindex) {
    CountCtx *c = vctx;
    c->n++;
    return sub_each(ts, c->sub, s, caps, lastindex);
}

static TrObject *do_subn(TrThread *ts, RePattern *p, TrObject *repl, TrObject *string, ssize_t count, int want_n) {
    if (string_arg(ts, string) < 0) return NULL;
    SubCtx c;
    memset(&c, 0, sizeof c);
    c.p = p;
    Template t;
    if (str_check(repl)) {
        if (strchr(str_utf8(repl), '\\')) {
            if (template_parse(ts, p, repl, &t) < 0) return NULL;
            c.tmpl = &t;
        } else {
            c.literal = repl;
        }
    } else if (tr_type(repl)->call) {
        c.func = repl;
    } else {
        return err_format(ts, &tr_exc_TypeError, "expected str instance, %s found", tr_type_name(repl));
    }
    Subj s;
    if (subj_init(ts, string, &s) < 0) { if (c.tmpl) template_free(c.tmpl); return NULL; }
    strbuf_init(&c.out);
    CountCtx cc = {&c, 0};
    int rc = scan(ts, p, &s, 0, s.s.len, count, count_each, &cc);
    TrObject *res = NULL;
    if (rc == 0) {
        subj_add(&c.out, &s, c.last, s.s.len);
        TrObject *str = strbuf_finish(ts, &c.out);
        if (str && !want_n) {
            res = str;
        } else if (str) {
            res = tuple_new(ts, 2);
            if (res) {
                tuple_set_take(res, 0, str);
                tuple_set_take(res, 1, int_from_i64(ts, cc.n));
            } else {
                tr_decref(str);
            }
        }
    } else {
        strbuf_free(&c.out);
    }
    if (c.tmpl) template_free(c.tmpl);
    subj_free(&s);
    return res;
}

static TrObject *pattern_sub_common(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                    TrObject *kwnames, const char *fname, int want_n) {
    static const char *const names[] = {"repl", "string", "count"};
    TrObject *a[3];
    if (args_parse(ts, fname, args, nargs, kwnames, names, 3, 2, 0, 0, a) < 0) return NULL;
    ssize_t count;
    if (ssize_arg(ts, a[2], 0, &count) < 0) return NULL;
    return do_subn(ts, (RePattern *)self, a[0], a[1], count, want_n);
}

static TrObject *pattern_sub(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return pattern_sub_common(ts, self, args, nargs, kwnames, "sub", 0);
}
static TrObject *pattern_subn(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return pattern_sub_common(ts, self, args, nargs, kwnames, "subn", 1);
}

typedef struct SplitCtx { RePattern *p; TrObject *list; ssize_t last; } SplitCtx;

static int split_each(TrThread *ts, void *vctx, const Subj *s, const ssize_t *caps, ssize_t lastindex) {
    SplitCtx *c = vctx;
    if (list_append_take(ts, c->list, subj_slice(ts, s, c->last, caps[0])) < 0) return -1;
    int ng = re_prog_groups(c->p->prog);
    for (int g = 1; g <= ng; g++) {
        TrObject *v = caps[2 * g] >= 0 && caps[2 * g + 1] >= 0 ? subj_slice(ts, s, caps[2 * g], caps[2 * g + 1])
                                                                : tr_newref(tr_none);
        if (!v || list_append_take(ts, c->list, v) < 0) return -1;
    }
    c->last = caps[1];
    return 0;
}

static TrObject *do_split(TrThread *ts, RePattern *p, TrObject *string, ssize_t maxsplit) {
    if (string_arg(ts, string) < 0) return NULL;
    Subj s;
    if (subj_init(ts, string, &s) < 0) return NULL;
    SplitCtx c = {p, list_new(ts, 0), 0};
    if (c.list && maxsplit >= 0) {
        if (scan(ts, p, &s, 0, s.s.len, maxsplit, split_each, &c) < 0 ||
            list_append_take(ts, c.list, subj_slice(ts, &s, c.last, s.s.len)) < 0)
            TR_CLEAR(c.list);
    } else if (c.list && list_append(ts, c.list, string) < 0) {
        TR_CLEAR(c.list);
    }
    subj_free(&s);
    return c.list;
}

static TrObject *pattern_split(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"string", "maxsplit"};
    TrObject *a[2];
    if (args_parse(ts, "split", args, nargs, kwnames, names, 2, 1, 0, 0, a) < 0) return NULL;
    ssize_t maxsplit;
    if (ssize_arg(ts, a[1], 0, &maxsplit) < 0) return NULL;
    return do_split(ts, (RePattern *)self, a[0], maxsplit);
}

static const TrMethodDef pattern_methods[] = {
    {"match", pattern_match}, {"search", pattern_search}, {"fullmatch", pattern_fullmatch},
    {"findall", pattern_findall}, {"finditer", pattern_finditer}, {"sub", pattern_sub},
    {"subn", pattern_subn}, {"split", pattern_split},
    {NULL, NULL},
};

static TrType re_pattern_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "re.Pattern",
    .flags = TR_TPFLAG_WEAKREFABLE | TR_TPFLAG_GENERIC,
    .basicsize = sizeof(RePattern),
    .dealloc = pattern_dealloc,
    .repr = pattern_repr,
    .hash = pattern_hash,
    .richcompare = pattern_richcompare,
    .getattr = pattern_getattr,
    .methods = pattern_methods,
};

/* ---- module functions ------------------------------------------------------ */

/* Binds (pattern, <rest...>, flags) and compiles: `a` gets the arguments,
 * the new Pattern is returned. */
static TrObject *bind_compile(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
                              const char *const *names, size_t npos, size_t nreq, TrObject **a) {
    if (args_parse(ts, fname, args, nargs, kwnames, names, npos, nreq, 0, 0, a) < 0) return NULL;
    int flags;
    if (flags_arg(ts, a[npos - 1], &flags) < 0) return NULL;
    return get_pattern(ts, a[0], flags);
}

static TrObject *mod_match_common(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kwnames,
                                  const char *fname, int mode) {
    static const char *const names[] = {"pattern", "string", "flags"};
    TrObject *a[3];
    TrObject *p = bind_compile(ts, fname, args, nargs, kwnames, names, 3, 2, a);
    if (!p) return NULL;
    TrObject *r = string_arg(ts, a[1]) < 0 ? NULL : do_match(ts, (RePattern *)p, a[1], 0, INT64_MAX, mode);
    tr_decref(p);
    return r;
}

static TrObject *re_match(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return mod_match_common(ts, args, nargs, kwnames, "match", RE_MODE_MATCH);
}
static TrObject *re_search(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return mod_match_common(ts, args, nargs, kwnames, "search", RE_MODE_SEARCH);
}
static TrObject *re_fullmatch(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return mod_match_common(ts, args, nargs, kwnames, "fullmatch", RE_MODE_FULL);
}

static TrObject *mod_find_common(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kwnames,
                                 const char *fname, int as_match) {
    static const char *const names[] = {"pattern", "string", "flags"};
    TrObject *a[3];
    TrObject *p = bind_compile(ts, fname, args, nargs, kwnames, names, 3, 2, a);
    if (!p) return NULL;
    TrObject *r = find_common(ts, (RePattern *)p, a[1], 0, INT64_MAX, as_match);
    tr_decref(p);
    return r;
}

static TrObject *re_findall(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return mod_find_common(ts, args, nargs, kwnames, "findall", 0);
}
static TrObject *re_finditer(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return mod_find_common(ts, args, nargs, kwnames, "finditer", 1);
}

static TrObject *mod_sub_common(TrThread *ts, TrObject *const *args, size_t nargs, TrObject *kwnames,
                                const char *fname, int want_n) {
    static const char *const names[] = {"pattern", "repl", "string", "count", "flags"};
    TrObject *a[5];
    TrObject *p = bind_compile(ts, fname, args, nargs, kwnames, names, 5, 3, a);
    if (!p) return NULL;
    ssize_t count;
    TrObject *r = ssize_arg(ts, a[3], 0, &count) < 0 ? NULL : do_subn(ts, (RePattern *)p, a[1], a[2], count, want_n);
    tr_decref(p);
    return r;
}

static TrObject *re_sub(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return mod_sub_common(ts, args, nargs, kwnames, "sub", 0);
}
static TrObject *re_subn(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return mod_sub_common(ts, args, nargs, kwnames, "subn", 1);
}

static TrObject *re_split(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"pattern", "string", "maxsplit", "flags"};
    TrObject *a[4];
    TrObject *p = bind_compile(ts, "split", args, nargs, kwnames, names, 4, 2, a);
    if (!p) return NULL;
    ssize_t maxsplit;
    TrObject *r = ssize_arg(ts, a[2], 0, &maxsplit) < 0 ? NULL : do_split(ts, (RePattern *)p, a[1], maxsplit);
    tr_decref(p);
    return r;
}

static TrObject *re_compile(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"pattern", "flags"};
    TrObject *a[2];
    return bind_compile(ts, "compile", args, nargs, kwnames, names, 2, 1, a);
}

static TrObject *re_purge(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "purge", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *old[CACHE_SIZE];
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < CACHE_SIZE; i++) { old[i] = cache[i].pattern; cache[i].pattern = NULL; }
    cache_next = 0;
    pthread_mutex_unlock(&cache_lock);
    for (int i = 0; i < CACHE_SIZE; i++) tr_xdecref(old[i]);   /* after unlocking */
    return tr_none;
}

static TrObject *re_escape(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"pattern"};
    TrObject *a[1];
    if (args_parse(ts, "escape", args, nargs, kwnames, names, 1, 1, 0, 0, a) < 0) return NULL;
    if (!str_check(a[0])) return err_format(ts, &tr_exc_TypeError, "expected str instance, %s found", tr_type_name(a[0]));
    const char *s = str_utf8(a[0]);
    size_t n = str_nbytes(a[0]);
    TrStrBuf b;
    strbuf_init(&b);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c && strchr("()[]{}?*+-|^$\\.&~# \t\n\r\v\f", c)) strbuf_addc(&b, '\\');
        strbuf_addc(&b, c);
    }
    return strbuf_finish(ts, &b);
}

static const TrMethodDef re_functions[] = {
    {"compile", re_compile}, {"match", re_match}, {"search", re_search}, {"fullmatch", re_fullmatch},
    {"findall", re_findall}, {"finditer", re_finditer}, {"sub", re_sub}, {"subn", re_subn},
    {"split", re_split}, {"escape", re_escape}, {"purge", re_purge},
    {NULL, NULL},
};

TrObject *re_module_init(TrThread *ts) {
    if (type_ready(ts, &re_pattern_type) < 0 || type_ready(ts, &re_match_type) < 0) return NULL;
    TrObject *m = module_new(ts, "re");
    if (!m) return NULL;
    TrObject *d = module_dict(m);
    if (module_add_functions(ts, m, re_functions) < 0 ||
        dict_set_cstr(ts, d, "Pattern", (TrObject *)&re_pattern_type) < 0 ||
        dict_set_cstr(ts, d, "Match", (TrObject *)&re_match_type) < 0)
        goto fail;
    static const struct { const char *name; int v; } consts[] = {
        {"NOFLAG", 0}, {"IGNORECASE", RE_I}, {"I", RE_I}, {"LOCALE", RE_L}, {"L", RE_L},
        {"MULTILINE", RE_M}, {"M", RE_M}, {"DOTALL", RE_S}, {"S", RE_S}, {"UNICODE", RE_U}, {"U", RE_U},
        {"VERBOSE", RE_X}, {"X", RE_X}, {"DEBUG", RE_DEBUG}, {"ASCII", RE_A}, {"A", RE_A},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (dict_set_cstr(ts, d, consts[i].name, tr_imm_from(consts[i].v)) < 0) goto fail;
    /* release: pairs with the acquire in raise_error */
    atomic_store_ptr_release(&re_module_dict, d);
    return m;
fail:
    tr_decref(m);
    return NULL;
}
