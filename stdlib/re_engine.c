/* stdlib/re_engine.c: the regular-expression engine: pattern parser,
 * compiler to a small instruction set, and a backtracking matcher.
 *
 * Design.  The parser (recursive descent over the pattern's code points,
 * nesting bounded by MAX_DEPTH) builds a tree of nodes with CPython's error
 * messages and positions; the compiler flattens it to `Inst`s.  The matcher
 * is a loop over instructions with an explicit, heap-allocated backtrack
 * stack: every choice point and every change to a capture or a repeat
 * register pushes an entry, and failing pops entries (restoring what they
 * saved) until a choice point resumes.  The subject's length never deepens
 * the C stack; only lookarounds and atomic groups run a nested matcher
 * invocation, so C recursion is bounded by the pattern's nesting.  A repeat
 * of a single-character item (`a*`, `[^,]+?`, `.*`) is one instruction whose
 * backtrack entry gives back one character at a time, so `.*` over a long
 * line uses one stack entry, not one per character.  Loops whose body can
 * match the empty string stop iterating once an iteration consumed nothing.
 *
 * Threads: a ReProg is never written after re_prog_compile returns; all
 * per-match state is in the caller's ReMatchState. */
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <stdio.h>

#include "stdlib/re_engine.h"
#include "objects/unicode_util.h"

#define MAX_DEPTH 200
#define MAXREPEAT 4294967295LL

/* ---- character predicates ---------------------------------------------- */

int re_is_word(uint32_t c, int ascii) {
    if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (ascii) return 0;
    return uc_isalnum(c);
}

static int is_digit(uint32_t c, int ascii) {
    if (c < 128) return c >= '0' && c <= '9';
    return !ascii && uc_isdecimal(c);
}

static int is_space(uint32_t c, int ascii) {
    if (ascii) return c == ' ' || (c >= 9 && c <= 13);
    return uc_isspace(c);
}

/* The case fold used by IGNORECASE: two characters match when their folds
 * are equal (CPython's lower-case comparison plus re._casefix's pairs). */
static uint32_t fold(uint32_t c, int ascii) {
    if (ascii || c < 128) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return uc_re_fold(c);
}

/* The simple upper case of `c` when its full upper case is that one
 * character, else `c` ('ß' has none: its upper case is "SS"). */
static uint32_t single_upper(uint32_t c) {
    uint32_t m[3];
    return uc_map_full(c, UC_MAP_UPPER, m) == 1 ? m[0] : c;
}

/* ---- the program -------------------------------------------------------- */

enum {
    OP_CHAR, OP_CHAR_I, OP_ANY, OP_ANYALL, OP_CLASS,   /* single-character items */
    OP_ASSERT, OP_SPLIT, OP_JMP, OP_SAVE, OP_BACKREF, OP_LOOK, OP_SUBEND, OP_MATCH,
    OP_STAR, OP_RINIT, OP_RCHECK, OP_RBODY, OP_RINC, OP_CONDREF,
};

enum { AS_BOS, AS_EOS, AS_BOL, AS_MBOL, AS_EOL, AS_MEOL, AS_WORDB, AS_NWORDB };
enum { LK_AHEAD, LK_NAHEAD, LK_BEHIND, LK_NBEHIND, LK_ATOMIC };
enum { CAT_DIGIT = 1, CAT_NDIGIT = 2, CAT_WORD = 4, CAT_NWORD = 8, CAT_SPACE = 16, CAT_NSPACE = 32 };

/* OP_CHAR a=char; OP_CHAR_I a=fold b=char f=ascii; OP_CLASS a=class;
 * OP_ASSERT a=AS_* f=ascii; OP_SPLIT a=try first b=pushed; OP_JMP a;
 * OP_SAVE a=slot; OP_BACKREF a=group f=icase|ascii<<1; OP_LOOK a=LK_* b=after
 * c=width; OP_STAR a=min b=max(-1) f=lazy, item at pc+1, continue at pc+2;
 * OP_RINIT a=reg; OP_RCHECK a=reg b=min c=max(-1) d=exit f=lazy;
 * OP_RBODY a=reg; OP_RINC a=reg b=the RCHECK; OP_CONDREF a=group b=no-branch. */
typedef struct Inst { uint8_t op, f; int32_t a, b, c, d; } Inst;

typedef struct ReClass {
    uint32_t bitmap[8];        /* membership of code points < 256, everything folded in */
    uint32_t (*ranges)[2];     /* owned: literal ranges (chars are ranges of one) */
    int nranges;
    int cats;                  /* CAT_* */
    int negate, icase, ascii;
} ReClass;

struct ReProg {
    Inst *code; int ncode;
    ReClass *classes; int nclasses;
    int ngroups, nregs, flags;
    char **names;              /* [ngroups + 1], owned strings or NULL */
    int first_char;            /* a literal every match starts with, or -1 */
};

int re_prog_groups(const ReProg *p) { return p->ngroups; }
int re_prog_flags(const ReProg *p) { return p->flags; }
const char *re_prog_group_name(const ReProg *p, int g) {
    return (g >= 1 && g <= p->ngroups) ? p->names[g] : NULL;
}

void re_prog_free(ReProg *p) {
    if (!p) return;
    for (int i = 0; i < p->nclasses; i++) free(p->classes[i].ranges);
    if (p->names) for (int i = 0; i <= p->ngroups; i++) free(p->names[i]);
    free(p->names);
    free(p->classes);
    free(p->code);
    free(p);
}

static int class_slow(const ReClass *k, uint32_t c) {
    for (int i = 0; i < k->nranges; i++)
        if (c >= k->ranges[i][0] && c <= k->ranges[i][1]) return 1;
    int a = k->ascii;
    if (k->cats) {
        if ((k->cats & CAT_DIGIT) && is_digit(c, a)) return 1;
        if ((k->cats & CAT_NDIGIT) && !is_digit(c, a)) return 1;
        if ((k->cats & CAT_WORD) && re_is_word(c, a)) return 1;
        if ((k->cats & CAT_NWORD) && !re_is_word(c, a)) return 1;
        if ((k->cats & CAT_SPACE) && is_space(c, a)) return 1;
        if ((k->cats & CAT_NSPACE) && !is_space(c, a)) return 1;
    }
    return 0;
}

static int class_full(const ReClass *k, uint32_t c) {
    int r = class_slow(k, c);
    if (!r && k->icase) {
        if (k->ascii) {
            if (c < 128) {
                uint32_t o = (c >= 'A' && c <= 'Z') ? c + 32 : (c >= 'a' && c <= 'z') ? c - 32 : c;
                r = o != c && class_slow(k, o);
            }
        } else {
            uint32_t l = uc_tolower(c), u = single_upper(c), f = uc_re_fold(c);
            r = (l != c && class_slow(k, l)) || (u != c && class_slow(k, u)) || (f != c && class_slow(k, f));
        }
    }
    return r != k->negate;
}

static inline int class_has(const ReClass *k, uint32_t c) {
    if (c < 256) return (k->bitmap[c >> 5] >> (c & 31)) & 1;
    return class_full(k, c);
}

/* ---- parser --------------------------------------------------------------- */

enum { N_EMPTY, N_CHAR, N_ANY, N_CLASS, N_ASSERT, N_GROUP, N_CAT, N_ALT, N_REPEAT, N_BACKREF,
       N_LOOK, N_COND };

/* N_CHAR a=char b=icase c=ascii; N_ANY a=dotall; N_CLASS a=class; N_ASSERT
 * a=AS_* c=ascii; N_GROUP a=group (0: non-capturing) child; N_CAT/N_ALT
 * child list; N_REPEAT a=min b=max(-1) c=0 greedy/1 lazy/2 possessive;
 * N_BACKREF a=group b=icase c=ascii; N_LOOK a=LK_* child; N_COND a=group
 * child=yes child2=no. */
typedef struct Node { int kind; int64_t a, b; int c; int child, child2, next; } Node;

typedef struct Parser {
    const uint32_t *p; size_t n, i;
    int flags;                 /* flags in force at the current point */
    int gflags;                /* global flags (the pattern's flags) */
    Node *nodes; int nn, ncap;
    ReClass *classes; int nclasses, ccap;
    int ngroups;
    char **names; int names_cap;
    unsigned char *open; int open_cap;   /* open[g]: group g not yet closed */
    int lb_groups;             /* inside a lookbehind: groups > this are its own; else -1 */
    int depth;
    int cond_g; ssize_t cond_pos;   /* the first conditional naming a group not (yet) defined; checked at the end */
    ReCompileError *err;
    int nomem;
} Parser;

static int fail_at(Parser *P, ssize_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail_at(Parser *P, ssize_t pos, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(P->err->msg, sizeof P->err->msg, fmt, ap);
    va_end(ap);
    P->err->pos = pos;
    return -1;
}

static int oom(Parser *P) { P->nomem = 1; P->err->msg[0] = 0; return -1; }

static int new_node(Parser *P, int kind) {
    if (P->nn == P->ncap) {
        int nc = P->ncap ? P->ncap * 2 : 64;
        Node *nn = realloc(P->nodes, (size_t)nc * sizeof *nn);
        if (!nn) return oom(P);
        P->nodes = nn; P->ncap = nc;
    }
    Node *x = &P->nodes[P->nn];
    memset(x, 0, sizeof *x);
    x->kind = kind; x->child = x->child2 = x->next = -1;
    return P->nn++;
}

static inline int peek(Parser *P) { return P->i < P->n ? (int)P->p[P->i] : -1; }

/* Appends code point text of `p[from:to]` to `out` as UTF-8. */
static void src_text(Parser *P, size_t from, size_t to, char *out, size_t cap) {
    size_t k = 0;
    for (size_t j = from; j < to && j < P->n && k + 5 <= cap; j++) k += utf8_encode(P->p[j], out + k);
    out[k] = 0;
}

static void skip_verbose(Parser *P) {
    if (!(P->flags & RE_X)) return;
    for (;;) {
        int c = peek(P);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') { P->i++; continue; }
        if (c == '#') {
            while (P->i < P->n && P->p[P->i] != '\n') P->i++;
            continue;
        }
        return;
    }
}

static int hexval(uint32_t c) {
    if (c >= '0' && c <= '9') return (int)c - '0';
    if (c >= 'a' && c <= 'f') return (int)c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return (int)c - 'A' + 10;
    return -1;
}
static int is_octal(int c) { return c >= '0' && c <= '7'; }
static int is_ddigit(int c) { return c >= '0' && c <= '9'; }
static int is_ascii_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Reads `ndig` hex digits after an \x, \u or \U at `start`; -1 on error. */
static int64_t hex_escape(Parser *P, size_t start, int ndig) {
    int64_t v = 0;
    for (int k = 0; k < ndig; k++) {
        int h = P->i < P->n ? hexval(P->p[P->i]) : -1;
        if (h < 0) {
            char t[64];
            src_text(P, start, P->i, t, sizeof t);
            return fail_at(P, (ssize_t)start, "incomplete escape %s", t);
        }
        v = v * 16 + h;
        P->i++;
    }
    if (v > 0x10FFFF) {
        char t[64];
        src_text(P, start, P->i, t, sizeof t);
        return fail_at(P, (ssize_t)start, "bad escape %s", t);
    }
    return v;
}

/* The escapes both classes and the main pattern share.  Returns the code
 * point, -2 when the escape is not one of these, -1 on error.  P->i is just
 * past the letter. */
static int64_t common_escape(Parser *P, size_t start, int c) {
    switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case 'f': return '\f';
    case 'v': return '\v';
    case 'a': return 7;
    case '\\': return '\\';
    case 'x': return hex_escape(P, start, 2);
    case 'u': return hex_escape(P, start, 4);
    case 'U': return hex_escape(P, start, 8);
    case 'N': {
        if (peek(P) != '{') return fail_at(P, (ssize_t)P->i, "missing {");
        size_t j = P->i + 1;
        while (j < P->n && P->p[j] != '}') j++;
        char t[128];
        src_text(P, P->i + 1, j, t, sizeof t);
        if (j >= P->n) return fail_at(P, (ssize_t)P->i + 1, "missing }, unterminated name");
        return fail_at(P, (ssize_t)start, "undefined character name '%s'", t);
    }
    }
    return -2;
}

static int add_class(Parser *P) {
    if (P->nclasses == P->ccap) {
        int nc = P->ccap ? P->ccap * 2 : 8;
        ReClass *k = realloc(P->classes, (size_t)nc * sizeof *k);
        if (!k) return oom(P);
        P->classes = k; P->ccap = nc;
    }
    memset(&P->classes[P->nclasses], 0, sizeof(ReClass));
    return P->nclasses++;
}

static int class_add_range(Parser *P, ReClass *k, uint32_t lo, uint32_t hi) {
    if ((k->nranges & (k->nranges - 1)) == 0 || k->nranges == 0) {
        int nc = k->nranges ? k->nranges * 2 : 4;
        void *r = realloc(k->ranges, (size_t)nc * sizeof k->ranges[0]);
        if (!r) return oom(P);
        k->ranges = r;
    }
    k->ranges[k->nranges][0] = lo;
    k->ranges[k->nranges][1] = hi;
    k->nranges++;
    return 0;
}

static void class_finish(ReClass *k) {
    for (uint32_t c = 0; c < 256; c++)
        if (class_full(k, c)) k->bitmap[c >> 5] |= 1u << (c & 31);
}

static int cat_of(int c) {
    switch (c) {
    case 'd': return CAT_DIGIT; case 'D': return CAT_NDIGIT;
    case 'w': return CAT_WORD; case 'W': return CAT_NWORD;
    case 's': return CAT_SPACE; case 'S': return CAT_NSPACE;
    }
    return 0;
}

/* A node matching one category (\d, \w...). */
static int cat_node(Parser *P, int cat) {
    int ci = add_class(P);
    if (ci < 0) return -1;
    ReClass *k = &P->classes[ci];
    k->cats = cat;
    k->ascii = (P->flags & RE_A) != 0;
    class_finish(k);
    int x = new_node(P, N_CLASS);
    if (x < 0) return -1;
    P->nodes[x].a = ci;
    return x;
}

/* One class item at P->i: sets *cat (a category) or returns a code point;
 * -1 on error. */
static int64_t class_item(Parser *P, size_t setstart, int *cat) {
    *cat = 0;
    size_t start = P->i;
    uint32_t c = P->p[P->i++];
    if (c != '\\') return c;
    if (P->i >= P->n) return fail_at(P, (ssize_t)setstart, "unterminated character set");
    c = P->p[P->i++];
    int k = cat_of((int)c);
    if (k) { *cat = k; return 0; }
    if (c == 'b') return 8;
    int64_t v = common_escape(P, start, (int)c);
    if (v != -2) return v;
    if (is_octal((int)c)) {
        int64_t o = c - '0';
        for (int j = 0; j < 2 && is_octal(peek(P)); j++) o = o * 8 + (P->p[P->i++] - '0');
        if (o > 0377) {
            char t[32];
            src_text(P, start, P->i, t, sizeof t);
            return fail_at(P, (ssize_t)start, "octal escape value %s outside of range 0-0o377", t);
        }
        return o;
    }
    if (c < 128 && (is_ascii_alpha((int)c) || is_ddigit((int)c)))
        return fail_at(P, (ssize_t)start, "bad escape \\%c", (char)c);
    return c;
}

static int parse_class(Parser *P) {
    size_t setstart = P->i - 1;
    int ci = add_class(P);
    if (ci < 0) return -1;
    if (peek(P) == '^') { P->i++; P->classes[ci].negate = 1; }
    int first = 1;
    for (;;) {
        if (P->i >= P->n) return fail_at(P, (ssize_t)setstart, "unterminated character set");
        if (P->p[P->i] == ']' && !first) { P->i++; break; }
        first = 0;
        size_t lostart = P->i;
        int cat1, cat2;
        int64_t lo = class_item(P, setstart, &cat1);
        if (lo < 0) return -1;
        ReClass *k = &P->classes[ci];
        if (peek(P) == '-') {
            P->i++;
            if (P->i >= P->n) return fail_at(P, (ssize_t)setstart, "unterminated character set");
            if (P->p[P->i] == ']') {
                P->i++;
                if (cat1) k->cats |= cat1; else if (class_add_range(P, k, (uint32_t)lo, (uint32_t)lo) < 0) return -1;
                if (class_add_range(P, k, '-', '-') < 0) return -1;
                break;
            }
            size_t histart = P->i;
            int64_t hi = class_item(P, setstart, &cat2);
            if (hi < 0) return -1;
            if (cat1 || cat2 || hi < lo) {
                char a[64], b[64];
                src_text(P, lostart, histart - 1, a, sizeof a);
                src_text(P, histart, P->i, b, sizeof b);
                return fail_at(P, (ssize_t)lostart, "bad character range %s-%s", a, b);
            }
            if (class_add_range(P, &P->classes[ci], (uint32_t)lo, (uint32_t)hi) < 0) return -1;
            continue;
        }
        if (cat1) k->cats |= cat1;
        else if (class_add_range(P, k, (uint32_t)lo, (uint32_t)lo) < 0) return -1;
    }
    ReClass *k = &P->classes[ci];
    k->icase = (P->flags & RE_I) != 0;
    k->ascii = (P->flags & RE_A) != 0;
    class_finish(k);
    int x = new_node(P, N_CLASS);
    if (x < 0) return -1;
    P->nodes[x].a = ci;
    return x;
}

static int char_node(Parser *P, uint32_t c) {
    int x = new_node(P, N_CHAR);
    if (x < 0) return -1;
    P->nodes[x].a = c;
    P->nodes[x].b = (P->flags & RE_I) != 0;
    P->nodes[x].c = (P->flags & RE_A) != 0;
    return x;
}

static int assert_node(Parser *P, int kind) {
    int x = new_node(P, N_ASSERT);
    if (x < 0) return -1;
    P->nodes[x].a = kind;
    P->nodes[x].c = (P->flags & RE_A) != 0;
    return x;
}

static int backref_node(Parser *P, int g, ssize_t errpos_open, ssize_t errpos_lb) {
    if (g < (int)P->open_cap && P->open[g])
        return fail_at(P, errpos_open, "cannot refer to an open group");
    if (P->lb_groups >= 0 && g > P->lb_groups)
        return fail_at(P, errpos_lb, "cannot refer to group defined in the same lookbehind subpattern");
    int x = new_node(P, N_BACKREF);
    if (x < 0) return -1;
    P->nodes[x].a = g;
    P->nodes[x].b = (P->flags & RE_I) != 0;
    P->nodes[x].c = (P->flags & RE_A) != 0;
    return x;
}

/* An escape outside a class, P->i just past the backslash. */
static int parse_escape(Parser *P) {
    size_t start = P->i - 1;
    if (P->i >= P->n) return fail_at(P, (ssize_t)start, "bad escape (end of pattern)");
    uint32_t c = P->p[P->i++];
    int cat = cat_of((int)c);
    if (cat) return cat_node(P, cat);
    switch (c) {
    case 'A': return assert_node(P, AS_BOS);
    case 'Z': return assert_node(P, AS_EOS);
    case 'b': return assert_node(P, AS_WORDB);
    case 'B': return assert_node(P, AS_NWORDB);
    }
    int64_t v = common_escape(P, start, (int)c);
    if (v == -1) return -1;
    if (v >= 0) return char_node(P, (uint32_t)v);
    if (c == '0') {
        int64_t o = 0;
        for (int j = 0; j < 2 && is_octal(peek(P)); j++) o = o * 8 + (P->p[P->i++] - '0');
        return char_node(P, (uint32_t)o);
    }
    if (c >= '1' && c <= '9') {
        int g = (int)c - '0';
        if (is_ddigit(peek(P))) {
            int d2 = peek(P);
            int d3 = P->i + 1 < P->n ? (int)P->p[P->i + 1] : -1;
            if (is_octal((int)c) && is_octal(d2) && is_octal(d3)) {
                int64_t o = (c - '0') * 64 + (d2 - '0') * 8 + (d3 - '0');
                P->i += 2;
                if (o > 0377) {
                    char t[32];
                    src_text(P, start, P->i, t, sizeof t);
                    return fail_at(P, (ssize_t)start, "octal escape value %s outside of range 0-0o377", t);
                }
                return char_node(P, (uint32_t)o);
            }
            g = g * 10 + (d2 - '0');
            P->i++;
        }
        if (g > P->ngroups) return fail_at(P, (ssize_t)start + 1, "invalid group reference %d", g);
        return backref_node(P, g, (ssize_t)start, (ssize_t)P->i);
    }
    if (c < 128 && is_ascii_alpha((int)c)) return fail_at(P, (ssize_t)start, "bad escape \\%c", (char)c);
    return char_node(P, c);
}

static int is_ident(const uint32_t *s, size_t n) {
    if (n == 0) return 0;
    for (size_t j = 0; j < n; j++) {
        uint32_t c = s[j];
        int ok = j == 0 ? uc_isidstart(c) : uc_isidcontinue(c);
        if (!ok) return 0;
    }
    return 1;
}

/* Reads a group name ending with `term` at P->i.  Returns the group number
 * for a reference (`want_ref`) or 0 after storing the name into *out (a
 * malloc'd UTF-8 string); -1 on error.  `errmiss` is the message for a
 * missing terminator. */
static int read_name(Parser *P, uint32_t term, char **out, size_t *name_start, int check) {
    size_t s = P->i;
    *name_start = s;
    while (P->i < P->n && P->p[P->i] != term) P->i++;
    if (P->i >= P->n) {
        if (s == P->i) return fail_at(P, (ssize_t)s, "missing group name");
        return fail_at(P, (ssize_t)s, term == '>' ? "missing >, unterminated name" : "missing ), unterminated name");
    }
    size_t e = P->i++;
    if (e == s) return fail_at(P, (ssize_t)s, "missing group name");
    char *t = malloc((e - s) * 4 + 5);
    if (!t) return oom(P);
    src_text(P, s, e, t, (e - s) * 4 + 5);
    if (check && !is_ident(P->p + s, e - s)) {
        fail_at(P, (ssize_t)s, "bad character in group name '%s'", t);
        free(t);
        return -1;
    }
    *out = t;
    return 0;
}

static int find_name(Parser *P, const char *name) {
    for (int g = 1; g <= P->ngroups; g++)
        if (g < P->names_cap && P->names[g] && strcmp(P->names[g], name) == 0) return g;
    return -1;
}

static int new_group(Parser *P, char *name) {
    int g = ++P->ngroups;
    if (g >= P->names_cap || g >= P->open_cap) {
        int nc = (g + 1) * 2;
        char **nn = realloc(P->names, (size_t)nc * sizeof *nn);
        if (!nn) { free(name); return oom(P); }
        for (int j = P->names_cap; j < nc; j++) nn[j] = NULL;
        P->names = nn; P->names_cap = nc;
        unsigned char *op = realloc(P->open, (size_t)nc);
        if (!op) { free(name); return oom(P); }
        for (int j = P->open_cap; j < nc; j++) op[j] = 0;
        P->open = op; P->open_cap = nc;
    }
    P->names[g] = name;
    P->open[g] = 1;
    return g;
}

static int parse_alt(Parser *P, int top);
static int parse_seq(Parser *P, int top);

static int flag_of(int c) {
    switch (c) {
    case 'i': return RE_I; case 'L': return RE_L; case 'm': return RE_M; case 's': return RE_S;
    case 'x': return RE_X; case 'a': return RE_A; case 'u': return RE_U;
    }
    return 0;
}

/* Inline flags after "(?", first flag char at P->i.  Returns 1 for global
 * flags "(?i)" (added to P->flags), 0 for a scoped group (fills add/del,
 * P->i past the ':'), -1 on error. */
static int parse_flags(Parser *P, int *add, int *del) {
    *add = *del = 0;
    int c = (int)P->p[P->i++];
    if (c != '-') {
        for (;;) {
            int f = flag_of(c);
            if (f == RE_L) return fail_at(P, (ssize_t)P->i, "bad inline flags: cannot use 'L' flag with a str pattern");
            *add |= f;
            int tf = *add & (RE_A | RE_U | RE_L);
            if ((f & (RE_A | RE_U | RE_L)) && tf != f)
                return fail_at(P, (ssize_t)P->i, "bad inline flags: flags 'a', 'u' and 'L' are incompatible");
            if (P->i >= P->n) return fail_at(P, (ssize_t)P->i, "missing -, : or )");
            c = (int)P->p[P->i++];
            if (c == ')' || c == '-' || c == ':') break;
            if (!flag_of(c))
                return fail_at(P, (ssize_t)P->i - 1, (c < 128 && is_ascii_alpha(c)) || (c >= 128 && uc_isalpha((uint32_t)c)) ? "unknown flag" : "missing -, : or )");
        }
    }
    if (c == ')') return 1;
    if (c == '-') {
        if (P->i >= P->n) return fail_at(P, (ssize_t)P->i, "missing flag");
        c = (int)P->p[P->i++];
        if (!flag_of(c))
            return fail_at(P, (ssize_t)P->i - 1, (c < 128 && is_ascii_alpha(c)) ? "unknown flag" : "missing flag");
        for (;;) {
            int f = flag_of(c);
            if (f & (RE_A | RE_U | RE_L))
                return fail_at(P, (ssize_t)P->i, "bad inline flags: cannot turn off flags 'a', 'u' and 'L'");
            *del |= f;
            if (P->i >= P->n) return fail_at(P, (ssize_t)P->i, "missing :");
            c = (int)P->p[P->i++];
            if (c == ':') break;
            if (!flag_of(c))
                return fail_at(P, (ssize_t)P->i - 1, (c < 128 && is_ascii_alpha(c)) ? "unknown flag" : "missing :");
        }
    }
    if (*add & *del) return fail_at(P, (ssize_t)P->i - 1, "bad inline flags: flag turned on and off");
    return 0;
}

/* Parses the inside of a group whose body starts at P->i and expects ')'
 * closing it; `open_pos` is the '(' for the error message. */
static int group_body(Parser *P, size_t open_pos) {
    if (++P->depth > MAX_DEPTH) return fail_at(P, (ssize_t)open_pos, "too many nested parentheses");
    int body = parse_alt(P, 0);
    P->depth--;
    if (body < 0) return -1;
    if (peek(P) != ')') return fail_at(P, (ssize_t)open_pos, "missing ), unterminated subpattern");
    P->i++;
    return body;
}

static int wrap(Parser *P, int kind, int64_t a, int child) {
    int x = new_node(P, kind);
    if (x < 0) return -1;
    P->nodes[x].a = a;
    P->nodes[x].child = child;
    return x;
}

static int width_of(Parser *P, int x);

/* A group construct; P->i just past '('.  Returns the node, or -3 for
 * global flags / a comment (nothing to add), -1 on error. */
static int parse_group(Parser *P, int first_at_top) {
    size_t open_pos = P->i - 1;
    if (peek(P) != '?') {
        int g = new_group(P, NULL);
        if (g < 0) return -1;
        int body = group_body(P, open_pos);
        if (body < 0) return -1;
        P->open[g] = 0;
        return wrap(P, N_GROUP, g, body);
    }
    P->i++;
    if (P->i >= P->n) return fail_at(P, (ssize_t)P->i, "unexpected end of pattern");
    int c = (int)P->p[P->i++];
    switch (c) {
    case ':': {
        int body = group_body(P, open_pos);
        return body < 0 ? -1 : wrap(P, N_GROUP, 0, body);
    }
    case '>': {
        int body = group_body(P, open_pos);
        return body < 0 ? -1 : wrap(P, N_LOOK, LK_ATOMIC, body);
    }
    case '=': case '!': {
        int body = group_body(P, open_pos);
        return body < 0 ? -1 : wrap(P, N_LOOK, c == '=' ? LK_AHEAD : LK_NAHEAD, body);
    }
    case '#':
        while (P->i < P->n && P->p[P->i] != ')') P->i++;
        if (P->i >= P->n) return fail_at(P, (ssize_t)open_pos, "missing ), unterminated comment");
        P->i++;
        return -3;
    case '<': {
        if (P->i >= P->n) return fail_at(P, (ssize_t)P->i, "unexpected end of pattern");
        int d = (int)P->p[P->i++];
        if (d != '=' && d != '!') {
            char t[16];
            src_text(P, P->i - 1, P->i, t, sizeof t);
            return fail_at(P, (ssize_t)open_pos + 1, "unknown extension ?<%s", t);
        }
        int saved = P->lb_groups;
        if (saved < 0) P->lb_groups = P->ngroups;
        int body = group_body(P, open_pos);
        P->lb_groups = saved;
        if (body < 0) return -1;
        int x = wrap(P, N_LOOK, d == '=' ? LK_BEHIND : LK_NBEHIND, body);
        if (x < 0) return -1;
        int w = width_of(P, body);
        if (w < 0) return fail_at(P, -1, "look-behind requires fixed-width pattern");
        P->nodes[x].b = w;
        return x;
    }
    case 'P': {
        if (P->i >= P->n) return fail_at(P, (ssize_t)P->i, "unexpected end of pattern");
        int d = (int)P->p[P->i++];
        if (d == '<') {
            char *name = NULL;
            size_t ns;
            if (read_name(P, '>', &name, &ns, 1) < 0) return -1;
            int prev = find_name(P, name);
            if (prev > 0) {
                fail_at(P, (ssize_t)ns, "redefinition of group name '%s' as group %d; was group %d",
                        name, P->ngroups + 1, prev);
                free(name);
                return -1;
            }
            int g = new_group(P, name);
            if (g < 0) return -1;
            int body = group_body(P, open_pos);
            if (body < 0) return -1;
            P->open[g] = 0;
            return wrap(P, N_GROUP, g, body);
        }
        if (d == '=') {
            char *name = NULL;
            size_t ns;
            if (read_name(P, ')', &name, &ns, 1) < 0) return -1;
            int g = find_name(P, name);
            if (g < 0) {
                fail_at(P, (ssize_t)ns, "unknown group name '%s'", name);
                free(name);
                return -1;
            }
            free(name);
            return backref_node(P, g, (ssize_t)ns, (ssize_t)P->i - 1);
        }
        char t[16];
        src_text(P, P->i - 1, P->i, t, sizeof t);
        return fail_at(P, (ssize_t)open_pos + 1, "unknown extension ?P%s", t);
    }
    case '(': {
        char *name = NULL;
        size_t ns;
        if (read_name(P, ')', &name, &ns, 0) < 0) return -1;
        int g;
        char *end;
        long v = strtol(name, &end, 10);
        if (*end == 0 && name[0] >= '0' && name[0] <= '9') {
            g = (int)v;
            if (g == 0 || strlen(name) > 9) {
                fail_at(P, (ssize_t)ns, g == 0 ? "bad group number" : "invalid group reference %s", name);
                free(name);
                return -1;
            }
            if (g > P->ngroups && !P->cond_g) { P->cond_g = g; P->cond_pos = (ssize_t)ns; }
        } else if (!is_ident(P->p + ns, P->i - 1 - ns)) {
            fail_at(P, (ssize_t)ns, "bad character in group name '%s'", name);
            free(name);
            return -1;
        } else {
            g = find_name(P, name);
            if (g < 0) {
                fail_at(P, (ssize_t)ns, "unknown group name '%s'", name);
                free(name);
                return -1;
            }
        }
        free(name);
        if (++P->depth > MAX_DEPTH) return fail_at(P, (ssize_t)open_pos, "too many nested parentheses");
        int yes = parse_seq(P, -1);
        P->depth--;
        if (yes < 0) return -1;
        int no = -1;
        if (peek(P) == '|') {
            P->i++;
            P->depth++;
            no = parse_seq(P, -1);
            P->depth--;
            if (no < 0) return -1;
            if (peek(P) == '|') return fail_at(P, (ssize_t)P->i, "conditional backref with more than two branches");
        }
        if (peek(P) != ')') return fail_at(P, (ssize_t)open_pos, "missing ), unterminated subpattern");
        P->i++;
        int x = new_node(P, N_COND);
        if (x < 0) return -1;
        P->nodes[x].a = g; P->nodes[x].child = yes; P->nodes[x].child2 = no;
        return x;
    }
    }
    if (flag_of(c) || c == '-') {
        P->i--;
        int add, del;
        int r = parse_flags(P, &add, &del);
        if (r < 0) return -1;
        if (r == 1) {
            if (!first_at_top)
                return fail_at(P, (ssize_t)open_pos, "global flags not at the start of the expression");
            P->flags |= add;
            P->gflags |= add;
            return -3;
        }
        int saved = P->flags;
        P->flags = (P->flags | add) & ~del;
        if ((add & RE_A)) P->flags &= ~RE_U;
        if ((add & RE_U)) P->flags &= ~RE_A;
        int body = group_body(P, open_pos);
        P->flags = saved;
        return body < 0 ? -1 : wrap(P, N_GROUP, 0, body);
    }
    char t[16];
    src_text(P, P->i - 1, P->i, t, sizeof t);
    return fail_at(P, (ssize_t)open_pos + 1, "unknown extension ?%s", t);
}

/* Reads the digits at P->i as a repeat count (-1 if none). */
static int64_t read_count(Parser *P) {
    if (!is_ddigit(peek(P))) return -1;
    int64_t v = 0;
    while (is_ddigit(peek(P))) {
        if (v < MAXREPEAT * 10) v = v * 10 + (P->p[P->i] - '0');
        P->i++;
    }
    return v;
}

/* Tries to read a quantifier at P->i: 1 with `*min`, `*max` set (P->i past it),
 * 0 if none (P->i unchanged), -1 on error. */
static int parse_quant(Parser *P, int64_t *min, int64_t *max) {
    int c = peek(P);
    if (c == '*') { P->i++; *min = 0; *max = -1; return 1; }
    if (c == '+') { P->i++; *min = 1; *max = -1; return 1; }
    if (c == '?') { P->i++; *min = 0; *max = 1; return 1; }
    if (c != '{') return 0;
    size_t save = P->i;
    P->i++;
    if (peek(P) == '}') { P->i = save; return 0; }
    size_t here = P->i;
    int64_t lo = read_count(P), hi;
    if (peek(P) == ',') { P->i++; hi = read_count(P); } else hi = lo;
    if (peek(P) != '}') { P->i = save; return 0; }
    P->i++;
    if (lo >= MAXREPEAT || hi >= MAXREPEAT) {
        P->err->overflow = 1;
        return fail_at(P, -1, "the repetition number is too large");
    }
    *min = lo < 0 ? 0 : lo;
    *max = hi < 0 ? -1 : hi;
    if (*max >= 0 && *max < *min) return fail_at(P, (ssize_t)here, "min repeat greater than max repeat");
    return 1;
}

/* A sequence of items up to '|', ')' or the end.  `top`: 1 at the top level
 * (first branch), 0 nested, -1 inside a conditional's branches. */
static int parse_seq(Parser *P, int top) {
    int cat = new_node(P, N_CAT);
    if (cat < 0) return -1;
    int last = -1;        /* the last item, which a quantifier applies to */
    int last_kind = -1;   /* N_ASSERT items and repeats refuse a quantifier */
    for (;;) {
        skip_verbose(P);
        if (P->i >= P->n) break;
        int c = (int)P->p[P->i];
        if (c == '|' || (c == ')' && top != 1)) break;
        if (c == ')') return fail_at(P, (ssize_t)P->i, "unbalanced parenthesis");
        size_t qpos = P->i;
        int64_t mn = 0, mx = 0;
        int q = parse_quant(P, &mn, &mx);
        if (q < 0) return -1;
        if (q) {
            if (last < 0 || last_kind == N_ASSERT) return fail_at(P, (ssize_t)qpos, "nothing to repeat");
            if (last_kind == N_REPEAT) return fail_at(P, (ssize_t)qpos, "multiple repeat");
            int mode = 0;
            if (peek(P) == '?') { P->i++; mode = 1; }
            else if (peek(P) == '+') { P->i++; mode = 2; }
            /* Replace `last` in the list by a repeat node wrapping it. */
            int r = new_node(P, N_REPEAT);
            if (r < 0) return -1;
            Node *rn = &P->nodes[r];
            rn->a = mn; rn->b = mx; rn->c = mode;
            rn->child = P->nodes[last].child;    /* `last` is a holder; see below */
            P->nodes[last].child = r;
            last_kind = N_REPEAT;
            continue;
        }
        P->i++;
        int item;
        switch (c) {
        case '.': {
            item = new_node(P, N_ANY);
            if (item >= 0) P->nodes[item].a = (P->flags & RE_S) != 0;
            break;
        }
        case '^': item = assert_node(P, (P->flags & RE_M) ? AS_MBOL : AS_BOL); break;
        case '$': item = assert_node(P, (P->flags & RE_M) ? AS_MEOL : AS_EOL); break;
        case '[': item = parse_class(P); break;
        case '\\': item = parse_escape(P); break;
        case '(': item = parse_group(P, top == 1 && last < 0); break;
        default: item = char_node(P, (uint32_t)c); break;
        }
        if (item == -3) continue;
        if (item < 0) return -1;
        /* Each item sits in a holder (an N_GROUP 0) so a quantifier can wrap it. */
        int h = wrap(P, N_GROUP, 0, item);
        if (h < 0) return -1;
        if (last < 0) P->nodes[cat].child = h; else P->nodes[last].next = h;
        last = h;
        last_kind = P->nodes[item].kind;
        if (last_kind == N_LOOK) last_kind = N_CHAR;   /* lookarounds may be repeated */
    }
    return cat;
}

static int parse_alt(Parser *P, int top) {
    int first = parse_seq(P, top);
    if (first < 0) return -1;
    if (peek(P) != '|') return first;
    int alt = new_node(P, N_ALT);
    if (alt < 0) return -1;
    P->nodes[alt].child = first;
    int last = first;
    while (peek(P) == '|') {
        P->i++;
        int s = parse_seq(P, top == 1 ? 0 : top);
        if (s < 0) return -1;
        P->nodes[last].next = s;
        last = s;
    }
    return alt;
}

/* ---- analysis -------------------------------------------------------------- */

static int width_of(Parser *P, int x) {
    Node *n = &P->nodes[x];
    switch (n->kind) {
    case N_EMPTY: case N_ASSERT: case N_LOOK: return 0;
    case N_CHAR: case N_ANY: case N_CLASS: return 1;
    case N_GROUP: return width_of(P, n->child);
    case N_CAT: {
        int w = 0;
        for (int c = n->child; c >= 0; c = P->nodes[c].next) {
            int k = width_of(P, c);
            if (k < 0) return -1;
            w += k;
        }
        return w;
    }
    case N_ALT: {
        int w = -2;
        for (int c = n->child; c >= 0; c = P->nodes[c].next) {
            int k = width_of(P, c);
            if (k < 0 || (w != -2 && k != w)) return -1;
            w = k;
        }
        return w < 0 ? 0 : w;
    }
    case N_REPEAT: {
        if (n->a != n->b) return -1;
        int k = width_of(P, n->child);
        if (k < 0) return -1;
        int64_t w = (int64_t)k * n->a;
        return w > 1000000 ? -1 : (int)w;
    }
    case N_COND: {
        int y = width_of(P, n->child);
        int no = n->child2 >= 0 ? width_of(P, n->child2) : 0;
        return (y < 0 || y != no) ? -1 : y;
    }
    }
    return -1;
}

static int can_be_empty(Parser *P, int x) {
    Node *n = &P->nodes[x];
    switch (n->kind) {
    case N_CHAR: case N_ANY: case N_CLASS: return 0;
    case N_GROUP: return can_be_empty(P, n->child);
    case N_CAT:
        for (int c = n->child; c >= 0; c = P->nodes[c].next)
            if (!can_be_empty(P, c)) return 0;
        return 1;
    case N_ALT:
        for (int c = n->child; c >= 0; c = P->nodes[c].next)
            if (can_be_empty(P, c)) return 1;
        return 0;
    case N_REPEAT: return n->a == 0 || can_be_empty(P, n->child);
    case N_LOOK: return n->a != LK_ATOMIC || can_be_empty(P, n->child);
    }
    return 1;
}

/* ---- compiler -------------------------------------------------------------- */

typedef struct Comp { Parser *P; Inst *code; int n, cap; int nregs; } Comp;

static int emit(Comp *C, int op, int f, int a, int b, int c, int d) {
    if (C->n == C->cap) {
        int nc = C->cap ? C->cap * 2 : 64;
        Inst *ni = realloc(C->code, (size_t)nc * sizeof *ni);
        if (!ni) return oom(C->P);
        C->code = ni; C->cap = nc;
    }
    C->code[C->n] = (Inst){(uint8_t)op, (uint8_t)f, a, b, c, d};
    return C->n++;
}

/* A node that is one single-character item after unwrapping holders. */
static int single_item(Parser *P, int x) {
    while (P->nodes[x].kind == N_GROUP && P->nodes[x].a == 0) x = P->nodes[x].child;
    if (P->nodes[x].kind == N_CAT) {
        int c = P->nodes[x].child;
        if (c < 0 || P->nodes[c].next >= 0) return -1;
        return single_item(P, c);
    }
    int k = P->nodes[x].kind;
    return (k == N_CHAR || k == N_ANY || k == N_CLASS) ? x : -1;
}

static int compile_node(Comp *C, int x);

static int emit_single(Comp *C, Node *n) {
    if (n->kind == N_CHAR) {
        uint32_t c = (uint32_t)n->a;
        int ascii = n->c;
        int cased = ascii ? (c < 128 && is_ascii_alpha((int)c))
                          : (fold(c, 0) != c || uc_toupper(c) != c || uc_tolower(c) != c);
        if (n->b && cased)
            return emit(C, OP_CHAR_I, ascii, (int)fold(c, ascii), (int)c, 0, 0);
        return emit(C, OP_CHAR, 0, (int)c, 0, 0, 0);
    }
    if (n->kind == N_ANY) return emit(C, n->a ? OP_ANYALL : OP_ANY, 0, 0, 0, 0, 0);
    return emit(C, OP_CLASS, 0, (int)n->a, 0, 0, 0);
}

static int compile_repeat(Comp *C, Node *n) {
    Parser *P = C->P;
    int64_t mn = n->a, mx = n->b;
    int lazy = n->c == 1;
    int child = n->child;
    if (n->c == 2) {   /* possessive: an atomic group around the greedy form */
        int at = emit(C, OP_LOOK, 0, LK_ATOMIC, 0, 0, 0);
        if (at < 0) return -1;
        Node g = *n;
        g.c = 0;
        if (compile_repeat(C, &g) < 0) return -1;
        if (emit(C, OP_SUBEND, 0, 0, 0, 0, 0) < 0) return -1;
        C->code[at].b = C->n;
        return 0;
    }
    if (mx == 0) return 0;
    int s = single_item(P, child);
    if (s >= 0) {
        if (emit(C, OP_STAR, lazy, (int)mn, (int)mx, 0, 0) < 0) return -1;
        return emit_single(C, &P->nodes[s]) < 0 ? -1 : 0;
    }
    if (mn == 0 && mx == 1) {
        int sp = emit(C, OP_SPLIT, 0, 0, 0, 0, 0);
        if (sp < 0 || compile_node(C, child) < 0) return -1;
        if (lazy) { C->code[sp].a = C->n; C->code[sp].b = sp + 1; }
        else { C->code[sp].a = sp + 1; C->code[sp].b = C->n; }
        return 0;
    }
    if (!can_be_empty(P, child) && mx == -1 && mn <= 1) {
        if (mn == 0) {
            int sp = emit(C, OP_SPLIT, 0, 0, 0, 0, 0);
            if (sp < 0 || compile_node(C, child) < 0) return -1;
            if (emit(C, OP_JMP, 0, sp, 0, 0, 0) < 0) return -1;
            if (lazy) { C->code[sp].a = C->n; C->code[sp].b = sp + 1; }
            else { C->code[sp].a = sp + 1; C->code[sp].b = C->n; }
        } else {
            int top = C->n;
            if (compile_node(C, child) < 0) return -1;
            int sp = emit(C, OP_SPLIT, 0, 0, 0, 0, 0);
            if (sp < 0) return -1;
            if (lazy) { C->code[sp].a = sp + 1; C->code[sp].b = top; }
            else { C->code[sp].a = top; C->code[sp].b = sp + 1; }
        }
        return 0;
    }
    int r = C->nregs++;
    if (emit(C, OP_RINIT, 0, r, 0, 0, 0) < 0) return -1;
    int chk = emit(C, OP_RCHECK, lazy, r, (int)mn, (int)mx, 0);
    if (chk < 0 || emit(C, OP_RBODY, 0, r, 0, 0, 0) < 0) return -1;
    if (compile_node(C, child) < 0) return -1;
    if (emit(C, OP_RINC, 0, r, chk, 0, 0) < 0) return -1;
    C->code[chk].d = C->n;
    return 0;
}

static int compile_node(Comp *C, int x) {
    Parser *P = C->P;
    Node *n = &P->nodes[x];
    switch (n->kind) {
    case N_EMPTY: return 0;
    case N_CHAR: case N_ANY: case N_CLASS: return emit_single(C, n) < 0 ? -1 : 0;
    case N_ASSERT: return emit(C, OP_ASSERT, n->c, (int)n->a, 0, 0, 0) < 0 ? -1 : 0;
    case N_BACKREF: return emit(C, OP_BACKREF, (int)(n->b | (n->c << 1)), (int)n->a, 0, 0, 0) < 0 ? -1 : 0;
    case N_GROUP: {
        int g = (int)n->a, child = n->child;
        if (g && emit(C, OP_SAVE, 0, 2 * g, 0, 0, 0) < 0) return -1;
        if (compile_node(C, child) < 0) return -1;
        if (g && emit(C, OP_SAVE, 0, 2 * g + 1, 0, 0, 0) < 0) return -1;
        return 0;
    }
    case N_CAT:
        for (int c = n->child; c >= 0; c = P->nodes[c].next)
            if (compile_node(C, c) < 0) return -1;
        return 0;
    case N_ALT: {
        int jumps[64], nj = 0;
        int *jv = jumps;
        int cap = 64;
        int rc = 0;
        for (int c = P->nodes[x].child; c >= 0; c = P->nodes[c].next) {
            int last = P->nodes[c].next < 0;
            int sp = -1;
            if (!last && (sp = emit(C, OP_SPLIT, 0, 0, 0, 0, 0)) < 0) { rc = -1; break; }
            if (compile_node(C, c) < 0) { rc = -1; break; }
            if (!last) {
                int j = emit(C, OP_JMP, 0, 0, 0, 0, 0);
                if (j < 0) { rc = -1; break; }
                if (nj == cap) {
                    int *nv = malloc((size_t)cap * 2 * sizeof *nv);
                    if (!nv) { rc = oom(P); break; }
                    memcpy(nv, jv, (size_t)nj * sizeof *nv);
                    if (jv != jumps) free(jv);
                    jv = nv; cap *= 2;
                }
                jv[nj++] = j;
                C->code[sp].a = sp + 1;
                C->code[sp].b = C->n;
            }
        }
        if (rc == 0) for (int k = 0; k < nj; k++) C->code[jv[k]].a = C->n;
        if (jv != jumps) free(jv);
        return rc;
    }
    case N_REPEAT: return compile_repeat(C, n);
    case N_LOOK: {
        int kind = (int)n->a, width = (int)n->b, child = n->child;
        int at = emit(C, OP_LOOK, 0, kind, 0, width, 0);
        if (at < 0 || compile_node(C, child) < 0) return -1;
        if (emit(C, OP_SUBEND, 0, 0, 0, 0, 0) < 0) return -1;
        C->code[at].b = C->n;
        return 0;
    }
    case N_COND: {
        int g = (int)n->a, yes = n->child, no = n->child2;
        int at = emit(C, OP_CONDREF, 0, g, 0, 0, 0);
        if (at < 0 || compile_node(C, yes) < 0) return -1;
        int j = emit(C, OP_JMP, 0, 0, 0, 0, 0);
        if (j < 0) return -1;
        C->code[at].b = C->n;
        if (no >= 0 && compile_node(C, no) < 0) return -1;
        C->code[j].a = C->n;
        return 0;
    }
    }
    return 0;
}

ReProg *re_prog_compile(const uint32_t *pat, size_t n, int flags, ReCompileError *err) {
    Parser P;
    memset(&P, 0, sizeof P);
    P.p = pat; P.n = n; P.flags = flags; P.gflags = flags; P.lb_groups = -1; P.err = err;
    err->msg[0] = 0; err->pos = -1; err->overflow = 0;
    Comp C;
    memset(&C, 0, sizeof C);
    C.P = &P;
    ReProg *prog = NULL;
    if (new_group(&P, NULL) < 0) goto done;   /* slot 0: the whole match */
    P.ngroups = 0;
    P.open[0] = 0;
    int root = parse_alt(&P, 1);
    if (root < 0) goto done;
    if (P.i < P.n) { fail_at(&P, (ssize_t)P.i, "unbalanced parenthesis"); goto done; }
    if (P.cond_g > P.ngroups) { fail_at(&P, P.cond_pos, "invalid group reference %d", P.cond_g); goto done; }
    if (emit(&C, OP_SAVE, 0, 0, 0, 0, 0) < 0 || compile_node(&C, root) < 0 ||
        emit(&C, OP_SAVE, 0, 1, 0, 0, 0) < 0 || emit(&C, OP_MATCH, 0, 0, 0, 0, 0) < 0)
        goto done;
    prog = calloc(1, sizeof *prog);
    if (!prog) { oom(&P); goto done; }
    prog->code = C.code; C.code = NULL;
    prog->ncode = C.n;
    prog->classes = P.classes; P.classes = NULL;
    prog->nclasses = P.nclasses; P.nclasses = 0;
    prog->ngroups = P.ngroups;
    prog->nregs = C.nregs;
    prog->flags = P.gflags;
    prog->names = calloc((size_t)P.ngroups + 1, sizeof(char *));
    if (!prog->names) { re_prog_free(prog); prog = NULL; oom(&P); goto done; }
    for (int g = 1; g <= P.ngroups; g++) { prog->names[g] = P.names[g]; P.names[g] = NULL; }
    prog->first_char = -1;
    if (prog->ncode > 1 && prog->code[1].op == OP_CHAR) prog->first_char = prog->code[1].a;
done:
    for (int i = 0; i < P.nclasses; i++) free(P.classes[i].ranges);
    free(P.classes);
    for (int g = 0; g < P.names_cap; g++) free(P.names[g]);
    free(P.names);
    free(P.open);
    free(P.nodes);
    free(C.code);
    return prog;
}

/* ---- matcher --------------------------------------------------------------- */

enum { BT_BRANCH, BT_CAP, BT_REG, BT_STAR, BT_LAZY };

/* A backtrack entry.  BT_BRANCH: resume at `pc` with `pos`.  BT_CAP: caps[a]
 * was b, lastindex was pc.  BT_REG: register pc had count a, start b.
 * BT_STAR: the greedy single-character repeat at `pc` may give back down to
 * position a; pos is the position it stands at now.  BT_LAZY: the lazy one
 * at `pc` has taken a items and stands at pos. */
typedef struct BT { int32_t kind, pc; ssize_t pos, a, b; } BT;

typedef struct M {
    const ReProg *p;
    const uint8_t *s8; const uint32_t *s32;
    ssize_t end;
    ssize_t *caps; int ncaps;
    ssize_t lastindex;
    ssize_t *rcount, *rlast;
    ReMatchState *st;
    size_t sp;
    int full;                /* fullmatch: OP_MATCH needs pos == end */
    ssize_t no_empty_at;     /* must_advance: refuse a match ending here (-1: none) */
} M;

static inline uint32_t CH(const M *m, ssize_t i) { return m->s8 ? m->s8[i] : m->s32[i]; }

static int push(M *m, int kind, int pc, ssize_t pos, ssize_t a, ssize_t b) {
    ReMatchState *st = m->st;
    if (m->sp == st->stack_cap) {
        size_t nc = st->stack_cap ? st->stack_cap * 2 : 256;
        void *ns = realloc(st->stack, nc * sizeof(BT));
        if (!ns) return -1;
        st->stack = ns; st->stack_cap = nc;
    }
    ((BT *)st->stack)[m->sp++] = (BT){kind, pc, pos, a, b};
    return 0;
}

static inline int one(const ReProg *p, const Inst *in, uint32_t c) {
    switch (in->op) {
    case OP_CHAR: return c == (uint32_t)in->a;
    case OP_CHAR_I: return c == (uint32_t)in->b || fold(c, in->f) == (uint32_t)in->a;
    case OP_ANY: return c != '\n';
    case OP_ANYALL: return 1;
    default: return class_has(&p->classes[in->a], c);
    }
}

static int is_word_at(const M *m, ssize_t i, int ascii) {
    return i >= 0 && i < m->end && re_is_word(CH(m, i), ascii);
}

static int check_assert(const M *m, int kind, int ascii, ssize_t pos) {
    switch (kind) {
    case AS_BOS: case AS_BOL: return pos == 0;
    case AS_MBOL: return pos == 0 || CH(m, pos - 1) == '\n';
    case AS_EOS: return pos == m->end;
    case AS_EOL: return pos == m->end || (pos == m->end - 1 && CH(m, pos) == '\n');
    case AS_MEOL: return pos == m->end || CH(m, pos) == '\n';
    case AS_WORDB:
        if (m->end == 0) return 0;
        return is_word_at(m, pos - 1, ascii) != is_word_at(m, pos, ascii);
    case AS_NWORDB:
        if (m->end == 0) return 0;
        return is_word_at(m, pos - 1, ascii) == is_word_at(m, pos, ascii);
    }
    return 0;
}

/* Runs from `pc` at `pos` until OP_MATCH / OP_SUBEND succeeds (1, *out the
 * end position) or every choice above stack depth `base` failed (0).
 * -1: out of memory. */
static int run(M *m, int pc, ssize_t pos, size_t base, ssize_t *out) {
    const ReProg *p = m->p;
    const Inst *code = p->code;
    const ssize_t end = m->end;
    for (;;) {
        const Inst *in = &code[pc];
        switch (in->op) {
        case OP_CHAR: case OP_CHAR_I: case OP_ANY: case OP_ANYALL: case OP_CLASS:
            if (pos < end && one(p, in, CH(m, pos))) { pos++; pc++; continue; }
            goto fail;
        case OP_ASSERT:
            if (check_assert(m, in->a, in->f, pos)) { pc++; continue; }
            goto fail;
        case OP_SPLIT:
            if (push(m, BT_BRANCH, in->b, pos, 0, 0) < 0) return -1;
            pc = in->a;
            continue;
        case OP_JMP: pc = in->a; continue;
        case OP_SAVE:
            if (push(m, BT_CAP, (int)m->lastindex, 0, in->a, m->caps[in->a]) < 0) return -1;
            m->caps[in->a] = pos;
            if ((in->a & 1) && in->a > 1) m->lastindex = in->a / 2;
            pc++;
            continue;
        case OP_BACKREF: {
            ssize_t s = m->caps[2 * in->a], e = m->caps[2 * in->a + 1];
            if (s < 0 || e < 0) goto fail;
            ssize_t len = e - s;
            if (end - pos < len) goto fail;
            int icase = in->f & 1, ascii = in->f >> 1;
            for (ssize_t k = 0; k < len; k++) {
                uint32_t a = CH(m, s + k), b = CH(m, pos + k);
                if (a != b && (!icase || fold(a, ascii) != fold(b, ascii))) goto fail;
            }
            pos += len;
            pc++;
            continue;
        }
        case OP_CONDREF:
            if (m->caps[2 * in->a] >= 0 && m->caps[2 * in->a + 1] >= 0) pc++;
            else pc = in->b;
            continue;
        case OP_STAR: {
            const Inst *item = in + 1;
            ssize_t mn = in->a, mx = in->b;
            ssize_t limit = end - pos;
            if (mx >= 0 && mx < limit) limit = mx;
            if (!in->f) {
                ssize_t k = 0;
                if (item->op == OP_ANYALL) k = limit;
                else if (item->op == OP_CHAR && m->s8) {
                    uint8_t ch = (uint8_t)item->a;
                    if ((uint32_t)item->a > 255) k = 0;
                    else while (k < limit && m->s8[pos + k] == ch) k++;
                } else while (k < limit && one(p, item, CH(m, pos + k))) k++;
                if (k < mn) goto fail;
                if (k > mn && push(m, BT_STAR, pc, pos + k, pos + mn, 0) < 0) return -1;
                pos += k;
            } else {
                if (limit < mn) goto fail;
                for (ssize_t k = 0; k < mn; k++)
                    if (!one(p, item, CH(m, pos + k))) goto fail;
                pos += mn;
                if ((mx < 0 || mn < mx) && push(m, BT_LAZY, pc, pos, mn, 0) < 0) return -1;
            }
            pc += 2;
            continue;
        }
        case OP_RINIT:
            if (push(m, BT_REG, in->a, 0, m->rcount[in->a], m->rlast[in->a]) < 0) return -1;
            m->rcount[in->a] = 0;
            m->rlast[in->a] = -1;
            pc++;
            continue;
        case OP_RCHECK: {
            ssize_t cnt = m->rcount[in->a];
            if (cnt < in->b) { pc++; continue; }
            if ((in->c >= 0 && cnt >= in->c) || pos == m->rlast[in->a]) { pc = in->d; continue; }
            if (!in->f) {
                if (push(m, BT_BRANCH, in->d, pos, 0, 0) < 0) return -1;
                pc++;
            } else {
                if (push(m, BT_BRANCH, pc + 1, pos, 0, 0) < 0) return -1;
                pc = in->d;
            }
            continue;
        }
        case OP_RBODY:
            if (push(m, BT_REG, in->a, 0, m->rcount[in->a], m->rlast[in->a]) < 0) return -1;
            m->rlast[in->a] = pos;
            pc++;
            continue;
        case OP_RINC:
            if (push(m, BT_REG, in->a, 0, m->rcount[in->a], m->rlast[in->a]) < 0) return -1;
            m->rcount[in->a]++;
            pc = in->b;
            continue;
        case OP_LOOK: {
            int kind = in->a;
            ssize_t start = pos, subend = pos;
            int r = 0;
            /* Snapshot the captures: a positive lookaround keeps what it set
             * (with restore entries), a negative one leaves nothing. */
            ReMatchState *st = m->st;
            size_t need = (size_t)m->ncaps + 1;
            size_t snap_at = 0;
            /* snapshots are stacked: the first word is the current top */
            if (!st->snaps) {
                st->snaps = malloc(64 * sizeof(ssize_t));
                if (!st->snaps) return -1;
                st->snaps_cap = 64;
                st->snaps[0] = 1;
            }
            snap_at = (size_t)st->snaps[0];
            if (snap_at + need > st->snaps_cap) {
                size_t nc = (snap_at + need) * 2;
                ssize_t *ns = realloc(st->snaps, nc * sizeof *ns);
                if (!ns) return -1;
                st->snaps = ns; st->snaps_cap = nc;
            }
            memcpy(st->snaps + snap_at, m->caps, (size_t)m->ncaps * sizeof(ssize_t));
            st->snaps[snap_at + m->ncaps] = m->lastindex;
            st->snaps[0] = (ssize_t)(snap_at + need);
            size_t base2 = m->sp;
            if (kind == LK_BEHIND || kind == LK_NBEHIND) {
                if (pos >= in->c) r = run(m, pc + 1, pos - in->c, base2, &subend);
            } else {
                r = run(m, pc + 1, start, base2, &subend);
            }
            if (r < 0) return -1;
            m->sp = base2;
            ssize_t *snap = m->st->snaps + snap_at;   /* reload: run may have grown it */
            int positive = kind == LK_AHEAD || kind == LK_BEHIND || kind == LK_ATOMIC;
            if (positive) {
                if (r) {
                    for (int k = 0; k < m->ncaps; k++)
                        if (m->caps[k] != snap[k] &&
                            push(m, BT_CAP, (int)snap[m->ncaps], 0, k, snap[k]) < 0) return -1;
                    if (kind == LK_ATOMIC) pos = subend;
                }
            } else if (r) {
                memcpy(m->caps, snap, (size_t)m->ncaps * sizeof(ssize_t));
                m->lastindex = snap[m->ncaps];
            }
            m->st->snaps[0] = (ssize_t)snap_at;
            if (r != positive) goto fail;
            pc = in->b;
            continue;
        }
        case OP_SUBEND:
            *out = pos;
            return 1;
        case OP_MATCH:
            if ((m->full && pos != end) || pos == m->no_empty_at) goto fail;
            *out = pos;
            return 1;
        }
    fail:
        for (;;) {
            if (m->sp == base) return 0;
            BT *b = &((BT *)m->st->stack)[m->sp - 1];
            switch (b->kind) {
            case BT_BRANCH:
                m->sp--;
                pc = b->pc;
                pos = b->pos;
                goto resume;
            case BT_CAP:
                m->caps[b->a] = b->b;
                m->lastindex = b->pc;
                m->sp--;
                continue;
            case BT_REG:
                m->rcount[b->pc] = b->a;
                m->rlast[b->pc] = b->b;
                m->sp--;
                continue;
            case BT_STAR: {
                ssize_t cur = b->pos - 1;
                const Inst *nx = &code[b->pc + 2];
                if (nx->op == OP_CHAR) {
                    uint32_t ch = (uint32_t)nx->a;
                    while (cur >= b->a && (cur >= end || CH(m, cur) != ch)) cur--;
                }
                if (cur < b->a) { m->sp--; continue; }
                if (cur == b->a) m->sp--; else b->pos = cur;
                pc = b->pc + 2;
                pos = cur;
                goto resume;
            }
            case BT_LAZY: {
                const Inst *st = &code[b->pc];
                ssize_t cur = b->pos;
                if ((st->b >= 0 && b->a >= st->b) || cur >= end || !one(p, st + 1, CH(m, cur))) {
                    m->sp--;
                    continue;
                }
                cur++;
                b->a++;
                b->pos = cur;
                if (st->b >= 0 && b->a >= st->b) m->sp--;
                pc = b->pc + 2;
                pos = cur;
                goto resume;
            }
            }
        }
    resume:;
    }
}

void re_state_free(ReMatchState *st) {
    free(st->stack);
    free(st->snaps);
    free(st->regs);
    memset(st, 0, sizeof *st);
}

int re_exec(const ReProg *p, const ReSubject *subj, ssize_t pos, ssize_t endpos, int mode,
            int must_advance, ReMatchState *st, ssize_t *caps, ssize_t *lastindex) {
    M m;
    memset(&m, 0, sizeof m);
    m.p = p; m.s8 = subj->s8; m.s32 = subj->s32;
    if (endpos > subj->len) endpos = subj->len;
    if (endpos < 0) endpos = 0;
    if (pos < 0) pos = 0;
    m.end = endpos;
    m.caps = caps;
    m.ncaps = 2 * (p->ngroups + 1);
    m.st = st;
    m.full = mode == RE_MODE_FULL;
    size_t nregs = (size_t)p->nregs * 2;
    if (nregs > st->regs_cap) {
        ssize_t *r = realloc(st->regs, nregs * sizeof *r);
        if (!r) return -1;
        st->regs = r; st->regs_cap = nregs;
    }
    m.rcount = st->regs;
    m.rlast = st->regs + p->nregs;
    if (pos > endpos) return 0;
    for (ssize_t start = pos; start <= endpos; start++) {
        if (mode == RE_MODE_SEARCH && p->first_char >= 0) {
            uint32_t fc = (uint32_t)p->first_char;
            if (m.s8) {
                if (fc > 255) return 0;
                const uint8_t *hit = start < endpos ? memchr(m.s8 + start, (int)fc, (size_t)(endpos - start)) : NULL;
                if (!hit) return 0;
                start = hit - m.s8;
            } else {
                while (start < endpos && m.s32[start] != fc) start++;
                if (start >= endpos) return 0;
            }
        }
        for (int k = 0; k < m.ncaps; k++) caps[k] = -1;
        m.lastindex = 0;
        m.sp = 0;
        m.no_empty_at = (must_advance && start == pos) ? pos : -1;
        ssize_t e;
        int r = run(&m, 0, start, 0, &e);
        if (r != 0) {
            *lastindex = m.lastindex;
            return r;
        }
        if (mode != RE_MODE_SEARCH) break;
    }
    return 0;
}
