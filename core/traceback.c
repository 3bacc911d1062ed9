/* core/traceback.c: printing an uncaught exception as CPython 3.13's default
 * excepthook does (Lib/traceback.py): the chain of causes and contexts,
 * "Traceback (most recent call last):", one entry per frame with its source
 * line(s) and the caret line, repeated frames collapsed, then "Type: message"
 * and the notes; exception groups in their margins and numbered boxes.
 *
 * The caret logic re-parses the instruction's source segment the way
 * traceback.py does with `ast`: a small tokenizer and recursive-descent
 * expression parser below find whether the segment is a binary operation,
 * a subscript or a call, and where its operator or brackets are.
 *
 * Threads: the in-memory source registry is guarded by `registry_lock`; all
 * other state is local to one exc_print call.  An exception being printed
 * is read under its own lock only while its traceback array is copied. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "torii/torii.h"
#include "core/traceback.h"
#include "torii/excgroup.h"

/* ---- a growable byte buffer ----------------------------------------------- */

typedef struct Buf { char *p; size_t len, cap; int failed; } Buf;

static void buf_add(Buf *b, const char *s, size_t n) {
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 128;
        while (cap < b->len + n + 1) cap *= 2;
        char *np = realloc(b->p, cap);
        if (!np) { b->failed = 1; return; }
        b->p = np;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}
static void buf_adds(Buf *b, const char *s) { buf_add(b, s, strlen(s)); }
static void buf_addc(Buf *b, char c) { buf_add(b, &c, 1); }

/* Code points to UTF-8. */
static void buf_add_cp(Buf *b, uint32_t c) {
    char u[4];
    size_t k;
    if (c < 0x80) { u[0] = (char)c; k = 1; }
    else if (c < 0x800) { u[0] = (char)(0xC0 | (c >> 6)); u[1] = (char)(0x80 | (c & 0x3F)); k = 2; }
    else if (c < 0x10000) { u[0] = (char)(0xE0 | (c >> 12)); u[1] = (char)(0x80 | ((c >> 6) & 0x3F)); u[2] = (char)(0x80 | (c & 0x3F)); k = 3; }
    else { u[0] = (char)(0xF0 | (c >> 18)); u[1] = (char)(0x80 | ((c >> 12) & 0x3F)); u[2] = (char)(0x80 | ((c >> 6) & 0x3F)); u[3] = (char)(0x80 | (c & 0x3F)); k = 4; }
    buf_add(b, u, k);
}

/* ---- lines as code points ------------------------------------------------- */

typedef struct Line { uint32_t *c; int len; } Line;

/* Decodes UTF-8 (invalid bytes become U+FFFD, as errors="replace"). */
static Line decode(const char *s, size_t n) {
    Line l = {malloc((n + 1) * sizeof(uint32_t)), 0};
    if (!l.c) return l;
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        int k;
        if (c < 0x80) { cp = c; k = 1; }
        else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; k = 2; }
        else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; k = 3; }
        else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; k = 4; }
        else { l.c[l.len++] = 0xFFFD; i++; continue; }
        if (i + (size_t)k > n) { l.c[l.len++] = 0xFFFD; i++; continue; }
        int ok = 1;
        for (int j = 1; j < k; j++) {
            unsigned char d = (unsigned char)s[i + j];
            if ((d & 0xC0) != 0x80) { ok = 0; break; }
            cp = (cp << 6) | (d & 0x3F);
        }
        if (!ok) { l.c[l.len++] = 0xFFFD; i++; continue; }
        l.c[l.len++] = cp;
        i += (size_t)k;
    }
    return l;
}

/* Python's str.isspace() for the characters that matter in source. */
static int is_space(uint32_t c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == 0x85 || c == 0xA0
        || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
        || c == 0x205F || c == 0x3000;
}

/* Characters of the first `offset` UTF-8 bytes of `s` (as
 * _byte_offset_to_character_offset). */
static int byte_to_char(const char *s, int offset) {
    int n = 0, len = (int)strlen(s);
    if (offset > len) offset = len;
    for (int i = 0; i < offset; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

/* East Asian Wide and Fullwidth ranges (unicodedata.east_asian_width in "WF"). */
static int is_wide(uint32_t c) {
    static const uint32_t r[][2] = {
        {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0},
        {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F},
        {0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5},
        {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
        {0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728},
        {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
        {0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
        {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
        {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F},
        {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE4}, {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF},
        {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A},
        {0x1F200, 0x1F251}, {0x1F260, 0x1F265}, {0x1F300, 0x1F320}, {0x1F32D, 0x1F335},
        {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3},
        {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440},
        {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D}, {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567},
        {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F},
        {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6D7},
        {0x1F6DC, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC}, {0x1F7E0, 0x1F7EB},
        {0x1F7F0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF},
        {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    };
    if (c < 0x1100) return 0;
    for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
        if (c >= r[i][0] && c <= r[i][1]) return 1;
    return 0;
}

/* _display_width(line, offset). */
static int display_width(const Line *l, int offset) {
    int ascii = 1;
    for (int i = 0; i < l->len; i++) if (l->c[i] >= 0x80) { ascii = 0; break; }
    if (ascii) return offset;
    int w = 0;
    for (int i = 0; i < offset && i < l->len; i++) w += is_wide(l->c[i]) ? 2 : 1;
    return w;
}

/* ---- a tokenizer and expression parser for caret anchors -------------------- */

/* The text is a flat array of code points with '\n' between lines; tokens
 * record [start, end) indices into it. */
enum { T_NAME, T_NUMBER, T_STRING, T_OP, T_EOF };
typedef struct Tok { int type, start, end; } Tok;

typedef struct Text {
    const uint32_t *c;
    int len;
    Tok *toks;
    int ntok, cap;
    int *match;        /* for bracket tokens: index of the matching one */
} Text;

static int is_id_start(uint32_t c) { return c == '_' || (c | 32) - 'a' < 26 || c >= 0x80; }
static int is_id_char(uint32_t c) { return is_id_start(c) || (c >= '0' && c <= '9'); }

static int skip_string(const Text *t, int i);

/* An f-string replacement field starting after '{': returns the index after
 * its closing '}', or -1. */
static int skip_fstring_field(const Text *t, int i) {
    int depth = 0;
    while (i < t->len) {
        uint32_t c = t->c[i];
        if (c == '\'' || c == '"') {
            i = skip_string(t, i);
            if (i < 0) return -1;
            continue;
        }
        if (c == '(' || c == '[' || c == '{') depth++;
        else if (c == ')' || c == ']') depth--;
        else if (c == '}') {
            if (depth == 0) return i + 1;
            depth--;
        }
        i++;
    }
    return -1;
}

/* A string literal whose quote is at `i` (prefix already consumed by the
 * caller, `fstr` is set from it through the global below). */
static int cur_fstring;
static int skip_string_body(const Text *t, int i, int fstr) {
    uint32_t q = t->c[i];
    int triple = i + 2 < t->len && t->c[i + 1] == q && t->c[i + 2] == q;
    i += triple ? 3 : 1;
    while (i < t->len) {
        uint32_t c = t->c[i];
        if (c == '\\') { i += 2; continue; }
        if (!triple && c == '\n') return -1;
        if (fstr && c == '{') {
            if (i + 1 < t->len && t->c[i + 1] == '{') { i += 2; continue; }
            i = skip_fstring_field(t, i + 1);
            if (i < 0) return -1;
            continue;
        }
        if (c == q) {
            if (!triple) return i + 1;
            if (i + 2 < t->len && t->c[i + 1] == q && t->c[i + 2] == q) return i + 3;
        }
        i++;
    }
    return -1;
}

static int skip_string(const Text *t, int i) { return skip_string_body(t, i, 0); }

/* Splits `t` into tokens; -1 on a character Python would reject. */
static int tokenize(Text *t) {
    static const char *const ops3[] = {"**=", "//=", ">>=", "<<=", "...", NULL};
    static const char *const ops2[] = {"**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", ":=",
                                       "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", NULL};
    int i = 0;
    (void)cur_fstring;
    for (;;) {
        while (i < t->len) {
            uint32_t c = t->c[i];
            if (c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r') i++;
            else if (c == '#') { while (i < t->len && t->c[i] != '\n') i++; }
            else if (c == '\\' && i + 1 < t->len && t->c[i + 1] == '\n') i += 2;
            else break;
        }
        if (t->ntok == t->cap) {
            t->cap = t->cap ? t->cap * 2 : 64;
            Tok *nt = realloc(t->toks, (size_t)t->cap * sizeof *nt);
            if (!nt) return -1;
            t->toks = nt;
        }
        Tok *k = &t->toks[t->ntok];
        k->start = i;
        if (i >= t->len) { k->type = T_EOF; k->end = i; t->ntok++; return 0; }
        uint32_t c = t->c[i];
        if (is_id_start(c)) {
            int j = i;
            while (j < t->len && is_id_char(t->c[j])) j++;
            /* a string prefix: r, b, u, f and their pairs */
            if (j < t->len && (t->c[j] == '\'' || t->c[j] == '"') && j - i <= 2) {
                int ok = 1, fstr = 0;
                for (int m = i; m < j; m++) {
                    uint32_t p = t->c[m] | 32;
                    if (p != 'r' && p != 'b' && p != 'u' && p != 'f') ok = 0;
                    if (p == 'f') fstr = 1;
                }
                if (ok) {
                    int e = skip_string_body(t, j, fstr);
                    if (e < 0) return -1;
                    k->type = T_STRING;
                    k->end = e;
                    i = e;
                    t->ntok++;
                    continue;
                }
            }
            k->type = T_NAME;
            k->end = j;
            i = j;
        } else if ((c >= '0' && c <= '9') || (c == '.' && i + 1 < t->len && t->c[i + 1] >= '0' && t->c[i + 1] <= '9')) {
            int j = i + 1, hex = c == '0' && j < t->len && (t->c[j] | 32) == 'x';
            while (j < t->len) {
                uint32_t d = t->c[j];
                if (is_id_char(d) || d == '.') { j++; continue; }
                if ((d == '+' || d == '-') && !hex && (t->c[j - 1] | 32) == 'e') { j++; continue; }
                break;
            }
            k->type = T_NUMBER;
            k->end = j;
            i = j;
        } else if (c == '\'' || c == '"') {
            int e = skip_string(t, i);
            if (e < 0) return -1;
            k->type = T_STRING;
            k->end = e;
            i = e;
        } else {
            int n = 0;
            for (int m = 0; ops3[m] && !n; m++)
                if (i + 2 < t->len && t->c[i] == (uint32_t)ops3[m][0] && t->c[i + 1] == (uint32_t)ops3[m][1]
                    && t->c[i + 2] == (uint32_t)ops3[m][2]) n = 3;
            for (int m = 0; ops2[m] && !n; m++)
                if (i + 1 < t->len && t->c[i] == (uint32_t)ops2[m][0] && t->c[i + 1] == (uint32_t)ops2[m][1]) n = 2;
            if (!n) {
                if (!strchr("()[]{},:;.+-*/%&|^~<>=@", (int)c) || c == 0) return -1;
                n = 1;
            }
            k->type = T_OP;
            k->end = i + n;
            i += n;
        }
        t->ntok++;
    }
}

/* Pairs the brackets; -1 when unbalanced. */
static int match_brackets(Text *t) {
    t->match = malloc((size_t)t->ntok * sizeof(int));
    int *stack = malloc((size_t)t->ntok * sizeof(int));
    if (!t->match || !stack) { free(stack); return -1; }
    int sp = 0;
    for (int i = 0; i < t->ntok; i++) {
        t->match[i] = -1;
        if (t->toks[i].type != T_OP || t->toks[i].end - t->toks[i].start != 1) continue;
        uint32_t c = t->c[t->toks[i].start];
        if (c == '(' || c == '[' || c == '{') stack[sp++] = i;
        else if (c == ')' || c == ']' || c == '}') {
            if (!sp) { free(stack); return -1; }
            int o = stack[--sp];
            uint32_t oc = t->c[t->toks[o].start];
            if ((oc == '(' && c != ')') || (oc == '[' && c != ']') || (oc == '{' && c != '}')) {
                free(stack);
                return -1;
            }
            t->match[o] = i;
            t->match[i] = o;
        }
    }
    free(stack);
    return sp ? -1 : 0;
}

/* Node kinds the anchors care about. */
enum { N_OTHER, N_NAME, N_BINOP, N_SUBSCRIPT, N_CALL };
typedef struct Node {
    int kind;
    int start, end;     /* text indices, end exclusive; parentheses excluded as in the AST */
    int a_end;          /* BINOP: end of left; SUBSCRIPT: end of value; CALL: end of func */
    int b_start;        /* BINOP: start of right */
    int func_is_name;   /* CALL: the callee is a plain name */
    int ostart, oend;   /* the same span with any enclosing parentheses */
} Node;

typedef struct Parser { Text *t; int pos, limit; } Parser;

static const Tok *peek(Parser *p) {
    return p->pos < p->limit ? &p->t->toks[p->pos] : &p->t->toks[p->t->ntok - 1];
}
static int tok_is(Parser *p, const Tok *k, const char *s) {
    int n = (int)strlen(s);
    if (k->type == T_EOF || k->end - k->start != n) return 0;
    for (int i = 0; i < n; i++) if (p->t->c[k->start + i] != (uint32_t)s[i]) return 0;
    return 1;
}
static int at(Parser *p, const char *s) { return p->pos < p->limit && tok_is(p, peek(p), s); }
static int at_end(Parser *p) { return p->pos >= p->limit || peek(p)->type == T_EOF; }

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
    "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    NULL,
};
static int is_keyword(Parser *p, const Tok *k) {
    if (k->type != T_NAME) return 0;
    for (int i = 0; keywords[i]; i++) if (tok_is(p, k, keywords[i])) return 1;
    return 0;
}

static int parse_expr(Parser *p, Node *out);

/* Skips a bracketed group starting at the current '(' '[' or '{'. */
static int skip_group(Parser *p) {
    int m = p->t->match[p->pos];
    if (m < 0 || m >= p->limit) return -1;
    p->pos = m + 1;
    return 0;
}

static void set_span(Node *n, int start, int end) {
    n->start = n->ostart = start;
    n->end = n->oend = end;
}

static int parse_atom0(Parser *p, Node *n) {
    if (at_end(p)) return -1;
    const Tok *k = peek(p);
    memset(n, 0, sizeof *n);
    n->start = k->start;
    if (k->type == T_NAME) {
        if (is_keyword(p, k) && !tok_is(p, k, "True") && !tok_is(p, k, "False") && !tok_is(p, k, "None"))
            return -1;
        n->kind = is_keyword(p, k) ? N_OTHER : N_NAME;
        n->end = k->end;
        p->pos++;
        return 0;
    }
    if (k->type == T_NUMBER) { n->kind = N_OTHER; n->end = k->end; p->pos++; return 0; }
    if (k->type == T_STRING) {
        while (!at_end(p) && peek(p)->type == T_STRING) { n->end = peek(p)->end; p->pos++; }
        n->kind = N_OTHER;
        return 0;
    }
    if (at(p, "...")) { n->kind = N_OTHER; n->end = k->end; p->pos++; return 0; }
    if (at(p, "[") || at(p, "{")) {
        if (skip_group(p) < 0) return -1;
        n->kind = N_OTHER;
        n->end = p->t->toks[p->pos - 1].end;
        return 0;
    }
    if (at(p, "(")) {
        int open = p->pos, close = p->t->match[open];
        if (close < 0 || close >= p->limit) return -1;
        int ostart = p->t->toks[open].start, oend = p->t->toks[close].end;
        /* a parenthesised expression is its inner node; a tuple, a
         * generator expression or `()` is an atom including the parens */
        Parser sub = {p->t, open + 1, close};
        Node inner;
        if (close > open + 1 && parse_expr(&sub, &inner) == 0 && sub.pos == close) {
            *n = inner;
        } else {
            n->kind = N_OTHER;
            n->end = oend;
        }
        n->ostart = ostart;
        n->oend = oend;
        p->pos = close + 1;
        return 0;
    }
    return -1;
}

static int parse_atom(Parser *p, Node *n) {
    int paren = at(p, "(");
    if (parse_atom0(p, n) < 0) return -1;
    if (!paren) { n->ostart = n->start; n->oend = n->end; }
    return 0;
}

static int parse_primary(Parser *p, Node *n) {
    if (parse_atom(p, n) < 0) return -1;
    for (;;) {
        if (at(p, ".")) {
            p->pos++;
            if (at_end(p) || peek(p)->type != T_NAME) return -1;
            n->kind = N_OTHER;
            set_span(n, n->ostart, peek(p)->end);
            p->pos++;
        } else if (at(p, "(") || at(p, "[")) {
            int call = at(p, "(");
            Node r = {0};
            r.kind = call ? N_CALL : N_SUBSCRIPT;
            r.a_end = n->end;
            r.func_is_name = n->kind == N_NAME;
            if (skip_group(p) < 0) return -1;
            set_span(&r, n->ostart, p->t->toks[p->pos - 1].end);
            *n = r;
        } else {
            return 0;
        }
    }
}

static int parse_factor(Parser *p, Node *n);

static int parse_power(Parser *p, Node *n) {
    int start = at_end(p) ? 0 : peek(p)->start;
    if (!at_end(p) && tok_is(p, peek(p), "await")) {
        p->pos++;
        if (parse_primary(p, n) < 0) return -1;
        n->kind = N_OTHER;
        set_span(n, start, n->oend);
    } else if (parse_primary(p, n) < 0) {
        return -1;
    }
    if (at(p, "**")) {
        p->pos++;
        Node r;
        if (parse_factor(p, &r) < 0) return -1;
        Node b = {N_BINOP, 0, 0, n->end, r.start, 0, 0, 0};
        set_span(&b, n->ostart, r.oend);
        *n = b;
    }
    return 0;
}

static int parse_factor(Parser *p, Node *n) {
    if (at(p, "-") || at(p, "+") || at(p, "~")) {
        int start = peek(p)->start;
        p->pos++;
        if (parse_factor(p, n) < 0) return -1;
        n->kind = N_OTHER;
        set_span(n, start, n->oend);
        return 0;
    }
    return parse_power(p, n);
}

/* Binary levels, loosest first: | ^ & shifts arith term. */
static const char *const level_ops[][5] = {
    {"|", NULL}, {"^", NULL}, {"&", NULL}, {"<<", ">>", NULL}, {"+", "-", NULL},
    {"*", "/", "//", "%", "@"},
};
#define NLEVELS 6

static int parse_level(Parser *p, Node *n, int level) {
    if (level == NLEVELS) return parse_factor(p, n);
    if (parse_level(p, n, level + 1) < 0) return -1;
    for (;;) {
        int found = 0;
        for (int i = 0; i < 5 && level_ops[level][i]; i++)
            if (at(p, level_ops[level][i])) found = 1;
        if (!found) return 0;
        p->pos++;
        Node r;
        if (parse_level(p, &r, level + 1) < 0) return -1;
        Node b = {N_BINOP, 0, 0, n->end, r.start, 0, 0, 0};
        set_span(&b, n->ostart, r.oend);
        *n = b;
    }
}

static int parse_comparison(Parser *p, Node *n) {
    if (parse_level(p, n, 0) < 0) return -1;
    static const char *const cmp[] = {"<", ">", "==", ">=", "<=", "!=", "in", "is", NULL};
    for (;;) {
        int found = 0;
        for (int i = 0; cmp[i]; i++) if (at(p, cmp[i])) found = 1;
        if (at(p, "not")) {
            p->pos++;
            if (!at(p, "in")) return -1;
            found = 1;
        }
        if (!found) return 0;
        if (at(p, "is")) { p->pos++; if (at(p, "not")) p->pos++; }
        else p->pos++;
        Node r;
        if (parse_level(p, &r, 0) < 0) return -1;
        n->kind = N_OTHER;
        set_span(n, n->ostart, r.oend);
    }
}

static int parse_not(Parser *p, Node *n) {
    if (at(p, "not")) {
        int start = peek(p)->start;
        p->pos++;
        if (parse_not(p, n) < 0) return -1;
        n->kind = N_OTHER;
        set_span(n, start, n->oend);
        return 0;
    }
    return parse_comparison(p, n);
}

static int parse_boolop(Parser *p, Node *n, int is_or) {
    if (is_or ? parse_boolop(p, n, 0) : parse_not(p, n)) return -1;
    while (at(p, is_or ? "or" : "and")) {
        p->pos++;
        Node r;
        if (is_or ? parse_boolop(p, &r, 0) : parse_not(p, &r)) return -1;
        n->kind = N_OTHER;
        set_span(n, n->ostart, r.oend);
    }
    return 0;
}

/* expression: lambda, conditional, or a disjunction. */
static int parse_expr(Parser *p, Node *n) {
    if (at(p, "lambda")) {
        int start = peek(p)->start;
        p->pos++;
        while (!at_end(p) && !at(p, ":")) {
            if (at(p, "(") || at(p, "[") || at(p, "{")) { if (skip_group(p) < 0) return -1; }
            else p->pos++;
        }
        if (!at(p, ":")) return -1;
        p->pos++;
        if (parse_expr(p, n) < 0) return -1;
        n->kind = N_OTHER;
        set_span(n, start, n->oend);
        return 0;
    }
    if (parse_boolop(p, n, 1) < 0) return -1;
    if (at(p, "if")) {
        p->pos++;
        Node c, e;
        if (parse_boolop(p, &c, 1) < 0 || !at(p, "else")) return -1;
        p->pos++;
        if (parse_expr(p, &e) < 0) return -1;
        n->kind = N_OTHER;
        set_span(n, n->ostart, e.oend);
    }
    return 0;
}

/* Builds the flat text of `lines[0..n)` joined with '\n'. */
typedef struct Flat { uint32_t *c; int len; int *line_start; int nlines; } Flat;

static int flatten(Flat *f, const Line *lines, int n) {
    int total = 0;
    for (int i = 0; i < n; i++) total += lines[i].len + 1;
    f->c = malloc((size_t)(total + 1) * sizeof(uint32_t));
    f->line_start = malloc((size_t)(n + 1) * sizeof(int));
    if (!f->c || !f->line_start) return -1;
    f->len = 0;
    f->nlines = n;
    for (int i = 0; i < n; i++) {
        f->line_start[i] = f->len;
        if (lines[i].len) memcpy(f->c + f->len, lines[i].c, (size_t)lines[i].len * sizeof(uint32_t));
        f->len += lines[i].len;
        if (i + 1 < n) f->c[f->len++] = '\n';
    }
    f->line_start[n] = f->len + 1;
    return 0;
}

static void flat_free(Flat *f) { free(f->c); free(f->line_start); }

/* Text index -> (line, column). */
static void flat_pos(const Flat *f, int idx, int *line, int *col) {
    int l = 0;
    while (l + 1 < f->nlines && f->line_start[l + 1] <= idx) l++;
    *line = l;
    *col = idx - f->line_start[l];
}

static void text_free(Text *t) { free(t->toks); free(t->match); }

/* Parses the whole flat text as one expression.  0 on success. */
static int parse_text(const Flat *f, Text *t, Node *n) {
    memset(t, 0, sizeof *t);
    t->c = f->c;
    t->len = f->len;
    if (tokenize(t) < 0 || match_brackets(t) < 0) return -1;
    Parser p = {t, 0, t->ntok - 1};
    if (parse_expr(&p, n) < 0) return -1;
    /* a top-level tuple, generator expression or named expression: not an
     * anchor kind; whatever follows must still be balanced (checked above) */
    if (!at_end(&p)) {
        if (at(&p, ",") || at(&p, "for") || at(&p, "async") || at(&p, ":=")) { n->kind = N_OTHER; return 0; }
        return -1;
    }
    return 0;
}

typedef struct Anchors {
    int ok;
    int left_line, left_col, right_line, right_col;
    char primary, secondary;
} Anchors;

/* _extract_caret_anchors_from_line_segment over segment lines `seg`. */
static Anchors extract_anchors(const Line *seg, int nseg) {
    Anchors a = {0};
    a.primary = '~';
    a.secondary = '^';
    /* splitlines() drops a trailing empty line */
    while (nseg > 0 && seg[nseg - 1].len == 0) nseg--;
    if (nseg == 0) return a;
    Flat f;
    Text t;
    Node n;
    memset(&t, 0, sizeof t);
    if (flatten(&f, seg, nseg) < 0) { flat_free(&f); return a; }
    if (parse_text(&f, &t, &n) < 0) goto done;
    int line, col;
#define VALID(l, c) (l) < nseg && (c) < seg[l].len
#define NEXT_VALID(l, c) do { while ((l) < nseg && (c) >= seg[l].len) { (c) = 0; (l)++; } if ((l) >= nseg) goto done; } while (0)
    if (n.kind == N_BINOP) {
        flat_pos(&f, n.a_end, &line, &col);
        NEXT_VALID(line, col);
        /* first operator character: the first non-space, non-')' one */
        for (;;) {
            uint32_t ch = seg[line].c[col];
            if (ch == '\\' || ch == '#') { line++; col = 0; NEXT_VALID(line, col); }
            else if (is_space(ch) || ch == ')') { col++; NEXT_VALID(line, col); }
            else break;
        }
        int right_col = col + 1;
        int rl, rc;
        flat_pos(&f, n.b_start, &rl, &rc);
        if (right_col < seg[line].len && (rl > line || right_col < rc)) {
            uint32_t ch = seg[line].c[right_col];
            if (!is_space(ch) && ch != '\\' && ch != '#') right_col++;
        }
        a.left_line = line; a.left_col = col; a.right_line = line; a.right_col = right_col;
        a.ok = 1;
    } else if (n.kind == N_SUBSCRIPT || n.kind == N_CALL) {
        uint32_t open = n.kind == N_CALL ? '(' : '[';
        flat_pos(&f, n.a_end, &line, &col);
        NEXT_VALID(line, col);
        for (;;) {
            uint32_t ch = seg[line].c[col];
            if (ch == '\\' || ch == '#') { line++; col = 0; NEXT_VALID(line, col); }
            else if (ch != open) { col++; NEXT_VALID(line, col); }
            else break;
        }
        int rl, rc;
        flat_pos(&f, n.end, &rl, &rc);
        a.left_line = line; a.left_col = col; a.right_line = rl; a.right_col = rc;
        a.ok = 1;
    }
#undef VALID
#undef NEXT_VALID
done:
    text_free(&t);
    flat_free(&f);
    return a;
}

/* The part of _should_show_carets that parses the statement: 1 when the
 * lines are `return name(...)` or `x = f(...)` and that call spans exactly
 * [start, end) over all the lines, so the carets would add nothing. */
static int call_spans_statement(const Line *lines, int n, int start, int end) {
    Flat f;
    Text t;
    memset(&t, 0, sizeof t);
    int result = 0;
    if (flatten(&f, lines, n) < 0) goto done;
    t.c = f.c;
    t.len = f.len;
    if (tokenize(&t) < 0 || match_brackets(&t) < 0) goto done;
    Parser p = {&t, 0, t.ntok - 1};
    if (at_end(&p) || peek(&p)->start != 0) goto done;   /* an indented first line does not parse */
    int is_return = 0;
    if (at(&p, "return")) {
        is_return = 1;
        p.pos++;
    } else if (peek(&p)->type == T_NAME && !is_keyword(&p, peek(&p))) {
        p.pos++;
        if (!at(&p, "=")) goto done;
        p.pos++;
    } else {
        goto done;
    }
    Node v;
    if (parse_expr(&p, &v) < 0) goto done;
    if (!at_end(&p) && !at(&p, ";")) goto done;      /* `a = b = f()`, `return f(), 1`: not this case */
    if (v.kind != N_CALL || (is_return && !v.func_is_name)) goto done;
    int sl, sc, el, ec;
    flat_pos(&f, v.start, &sl, &sc);
    flat_pos(&f, v.end, &el, &ec);
    result = sl == 0 && el == n - 1 && sc == start && ec == end;
done:
    text_free(&t);
    flat_free(&f);
    return result;
}

/* Whether the text is only comments and blank lines (ast body empty). */
static int no_statement(const Line *lines, int n) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < lines[i].len; j++) {
            if (lines[i].c[j] == '#') break;
            if (!is_space(lines[i].c[j])) return 0;
        }
    }
    return 1;
}

/* ---- formatting one frame's source ------------------------------------------- */

static void add_line(Buf *b, const Line *l, int from, int to) {
    for (int i = from; i < to && i < l->len; i++) buf_add_cp(b, l->c[i]);
}

/* textwrap.dedent then textwrap.indent(prefix "    ", every line). */
static void dedent_indent(Buf *out, const char *text) {
    /* margin: the longest common run of leading blanks over non-blank lines */
    const char *margin = NULL;
    size_t mlen = 0;
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        size_t ws = 0;
        while (p + ws < e && (p[ws] == ' ' || p[ws] == '\t')) ws++;
        if (p + ws < e) {
            if (!margin) { margin = p; mlen = ws; }
            else {
                size_t k = 0;
                while (k < mlen && k < ws && margin[k] == p[k]) k++;
                mlen = k;
            }
        }
        p = *e ? e + 1 : e;
    }
    for (const char *p = text; *p;) {
        const char *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        size_t ws = 0;
        while (p + ws < e && (p[ws] == ' ' || p[ws] == '\t')) ws++;
        buf_adds(out, "    ");
        if (p + ws < e) buf_add(out, p + mlen, (size_t)(e - p) - mlen);
        if (*e) buf_addc(out, '\n');
        p = *e ? e + 1 : e;
    }
}

static void rstrip_line(Line *l) {
    while (l->len > 0 && is_space(l->c[l->len - 1])) l->len--;
}

char *traceback_format_source(const char *const *raw, int n, int col, int end_col) {
    Buf out = {0};
    buf_adds(&out, "");
    if (n <= 0) return out.p;
    Line *L = calloc((size_t)n, sizeof *L);
    Line *D = calloc((size_t)n, sizeof *D);
    Line *S = calloc((size_t)n, sizeof *S);
    Buf res = {0};
    if (!L || !D || !S) goto done;
    for (int i = 0; i < n; i++) {
        const char *s = raw[i] ? raw[i] : "";
        L[i] = decode(s, strlen(s));
        if (!L[i].c) goto done;
        rstrip_line(&L[i]);
    }
    /* dedent: the run of leading blanks common to all non-blank lines */
    int margin = -1, first = -1;
    for (int i = 0; i < n; i++) {
        if (L[i].len == 0) continue;
        int ws = 0;
        while (ws < L[i].len && (L[i].c[ws] == ' ' || L[i].c[ws] == '\t')) ws++;
        if (first < 0) { first = i; margin = ws; continue; }
        int k = 0;
        while (k < margin && k < ws && L[first].c[k] == L[i].c[k]) k++;
        margin = k;
    }
    if (margin < 0) goto done;                   /* all blank: nothing shown */
    for (int i = 0; i < n; i++) {
        D[i].c = L[i].c + (L[i].len ? margin : 0);
        D[i].len = L[i].len ? L[i].len - margin : 0;
    }
    if (col < 0 || end_col < 0) {
        /* no columns: the first line, stripped */
        int s = 0, e = L[0].len;
        while (s < e && is_space(L[0].c[s])) s++;
        buf_adds(&out, "    ");
        add_line(&out, &L[0], s, e);
        buf_addc(&out, '\n');
        goto done;
    }
    int start = byte_to_char(raw[0] ? raw[0] : "", col);
    int end = byte_to_char(raw[n - 1] ? raw[n - 1] : "", end_col);
    if (start > L[0].len) start = L[0].len;
    if (end > L[n - 1].len) end = L[n - 1].len;
    int dedent_chars = L[0].len - D[0].len;
    start = start - dedent_chars > 0 ? start - dedent_chars : 0;
    end = end - dedent_chars > 0 ? end - dedent_chars : 0;

    /* the segment of source the instruction covers */
    for (int i = 0; i < n; i++) S[i] = D[i];
    if (n == 1) {
        S[0].c = D[0].c + start;
        S[0].len = end > start ? end - start : 0;
    } else {
        S[0].c = D[0].c + start;
        S[0].len = D[0].len - start;
        S[n - 1].len = end;
    }
    Anchors an = extract_anchors(S, n);

    /* _should_show_carets */
    int show;
    if (no_statement(D, n)) show = 0;
    else if (call_spans_statement(D, n, start, end)) show = 0;
    else if (an.ok) show = 1;
    else {
        show = 0;
        for (int i = 0; i < start && i < D[0].len; i++) if (!is_space(D[0].c[i])) show = 1;
        for (int i = end; i < D[n - 1].len; i++) if (!is_space(D[n - 1].c[i])) show = 1;
    }

    int dp_start = display_width(&D[0], start);
    int dp_end = display_width(&D[n - 1], end);
    int left_off = 0, right_off = 0;
    char primary = '^', secondary = '^';
    char *sig = calloc((size_t)n, 1);
    if (!sig) goto done;
    sig[0] = sig[n - 1] = 1;
    if (an.ok) {
        left_off = an.left_col + (an.left_line == 0 ? start : 0);
        right_off = an.right_col + (an.right_line == 0 ? start : 0);
        left_off = display_width(&D[an.left_line], left_off);
        right_off = display_width(&D[an.right_line < n ? an.right_line : n - 1], right_off);
        primary = an.primary;
        secondary = an.secondary;
        for (int k = -1; k <= 1; k++) {
            if (an.left_line + k >= 0 && an.left_line + k < n) sig[an.left_line + k] = 1;
            if (an.right_line + k >= 0 && an.right_line + k < n) sig[an.right_line + k] = 1;
        }
    }
    int prev = -1;
    for (int ln = 0; ln < n; ln++) {
        if (!sig[ln]) continue;
        if (prev >= 0 && ln - prev > 1) {
            if (ln - prev > 2) {
                char msg[64];
                snprintf(msg, sizeof msg, "...<%d lines>...\n", ln - prev - 1);
                buf_adds(&res, msg);
            }
        }
        /* one line in between is printed rather than elided */
        for (int l2 = (prev >= 0 && ln - prev == 2) ? ln - 1 : ln; l2 <= ln; l2++) {
            add_line(&res, &D[l2], 0, D[l2].len);
            buf_addc(&res, '\n');
            if (!show) continue;
            int num_spaces = 0;
            while (num_spaces < D[l2].len && is_space(D[l2].c[num_spaces])) num_spaces++;
            int num_carets = l2 == n - 1 ? dp_end : display_width(&D[l2], D[l2].len);
            for (int c = 0; c < num_carets; c++) {
                char ch;
                if (c < num_spaces || (l2 == 0 && c < dp_start)) ch = ' ';
                else if (an.ok && (l2 > an.left_line || (l2 == an.left_line && c >= left_off))
                         && (l2 < an.right_line || (l2 == an.right_line && c < right_off)))
                    ch = secondary;
                else ch = primary;
                buf_addc(&res, ch);
            }
            buf_addc(&res, '\n');
        }
        prev = ln;
    }
    free(sig);
    if (res.p && !res.failed) dedent_indent(&out, res.p);
done:
    if (L) for (int i = 0; i < n; i++) free(L[i].c);
    free(L);
    free(D);
    free(S);
    free(res.p);
    if (out.failed) { free(out.p); return NULL; }
    return out.p;
}

/* ---- sources: registered in-memory texts and files ---------------------------- */

typedef struct Source {
    char *name;
    char *text;             /* '\n'-separated, owned */
    struct Source *next;
} Source;

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static Source *registry;    /* guarded by registry_lock; entries live forever */

void traceback_set_source(const char *filename, const char *source) {
    char *name = strdup(filename), *text = strdup(source);
    Source *s = malloc(sizeof *s);
    if (!name || !text || !s) { free(name); free(text); free(s); return; }
    s->name = name;
    s->text = text;
    pthread_mutex_lock(&registry_lock);
    s->next = registry;     /* newest first: shadows an older entry of the same name */
    registry = s;
    pthread_mutex_unlock(&registry_lock);
}

/* The sources one exc_print call has loaded, by file name. */
typedef struct Loaded {
    char *name;
    char *text;             /* owned copy, newlines normalised to '\n' */
    char **lines;           /* pointers into `text`, each NUL-terminated */
    int nlines;
} Loaded;

/* `plain`: frames as CPython's C traceback printer (sys.unraisablehook's
 * default) shows them: the first source line only, no carets. */
typedef struct Cache { Loaded *items; int n; int plain; } Cache;

static void split_lines(Loaded *l) {
    int n = 1;
    for (char *p = l->text; *p; p++) if (*p == '\n') n++;
    l->lines = malloc((size_t)n * sizeof(char *));
    if (!l->lines) return;
    l->nlines = 0;
    char *p = l->text;
    while (*p) {
        l->lines[l->nlines++] = p;
        char *e = strchr(p, '\n');
        if (!e) break;
        *e = '\0';
        p = e + 1;
    }
}

static char *read_file(const char *name) {
    FILE *f = fopen(name, "rb");
    if (!f) return NULL;
    Buf b = {0};
    char tmp[8192];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) buf_add(&b, tmp, k);
    fclose(f);
    if (b.failed) { free(b.p); return NULL; }
    if (!b.p) return strdup("");
    /* universal newlines: \r\n and \r become \n */
    char *w = b.p;
    for (char *r = b.p; *r; r++) {
        if (*r == '\r') { *w++ = '\n'; if (r[1] == '\n') r++; }
        else *w++ = *r;
    }
    *w = '\0';
    return b.p;
}

static Loaded *load(Cache *c, const char *name) {
    for (int i = 0; i < c->n; i++) if (!strcmp(c->items[i].name, name)) return &c->items[i];
    char *text = NULL;
    pthread_mutex_lock(&registry_lock);
    for (Source *s = registry; s; s = s->next)
        if (!strcmp(s->name, name)) { text = strdup(s->text); break; }
    pthread_mutex_unlock(&registry_lock);
    if (!text && name[0] != '<') text = read_file(name);
    Loaded *ni = realloc(c->items, (size_t)(c->n + 1) * sizeof *ni);
    if (!ni) { free(text); return NULL; }
    c->items = ni;
    Loaded *l = &c->items[c->n++];
    l->name = strdup(name);
    l->text = text;
    l->lines = NULL;
    l->nlines = 0;
    if (text) split_lines(l);
    return l;
}

static void cache_free(Cache *c) {
    for (int i = 0; i < c->n; i++) { free(c->items[i].name); free(c->items[i].text); free(c->items[i].lines); }
    free(c->items);
}

void traceback_syntax_warning(const char *filename, int lineno, const char *msg) {
    if (!filename) return;
    tr_flush_stdout();
    fprintf(stderr, "%s:%d: SyntaxWarning: %s\n", filename, lineno, msg);
    if (filename[0] != '<') {        /* the warnings module shows the stripped line */
        Cache cache = {0};
        Loaded *l = load(&cache, filename);
        if (l && lineno >= 1 && lineno <= l->nlines) {
            const char *a = l->lines[lineno - 1], *e = a + strlen(a);
            while (*a == ' ' || *a == '\t' || *a == '\f' || *a == '\v') a++;
            while (e > a && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\f' || e[-1] == '\v')) e--;
            if (e > a) fprintf(stderr, "  %.*s\n", (int)(e - a), a);
        }
        cache_free(&cache);
    }
    fflush(stderr);
}

/* ---- printing an exception -------------------------------------------------- */

static void add_utf8_obj(Buf *b, TrObject *s) {
    if (s && !tr_is_imm(s) && tr_type(s) == &tr_str_type) buf_add(b, str_utf8(s), str_nbytes(s));
}

static void format_entry(Buf *out, Cache *cache, TrCode *code, int instr) {
    TrPosition pos = {-1, -1, -1, -1};
    if (code->positions && instr >= 0 && (size_t)instr < code->ninstrs) pos = code->positions[instr];
    else if (instr == -1) pos = (TrPosition){code->firstlineno, code->firstlineno, -1, -1};   /* a frame that never ran (gen.throw) */
    char num[32];
    buf_adds(out, "  File \"");
    add_utf8_obj(out, code->filename);
    buf_adds(out, "\", line ");
    if (pos.lineno >= 0) snprintf(num, sizeof num, "%d", pos.lineno);
    else snprintf(num, sizeof num, "None");
    buf_adds(out, num);
    buf_adds(out, ", in ");
    add_utf8_obj(out, code->name);
    buf_addc(out, '\n');
    if (pos.lineno <= 0) return;
    int end_line = pos.end_lineno >= pos.lineno && !cache->plain ? pos.end_lineno : pos.lineno;
    Loaded *l = code->filename ? load(cache, str_utf8(code->filename)) : NULL;
    if (!l || !l->text || pos.lineno > l->nlines) return;
    int n = end_line - pos.lineno + 1;
    const char **lines = malloc((size_t)n * sizeof *lines);
    if (!lines) return;
    for (int i = 0; i < n; i++) {
        int ln = pos.lineno + i;
        lines[i] = ln <= l->nlines ? l->lines[ln - 1] : "";
    }
    int col = pos.col, end_col = pos.end_col;
    if (pos.end_lineno < 0) end_col = -1;
    if (cache->plain) col = end_col = -1;
    char *s = traceback_format_source(lines, n, col, end_col);
    if (s) buf_adds(out, s);
    free(s);
    free(lines);
}

/* The frames of `e`, outermost first, with CPython's collapsing of a frame
 * repeated more than three times. */
static void format_stack(Buf *out, Cache *cache, TrTraceEntry *tb, size_t len) {
    const TrCode *last = NULL;
    int last_line = -2;
    long count = 0;
    char msg[96];
    for (size_t k = len; k-- > 0;) {
        TrCode *code = (TrCode *)tb[k].code;
        int line = code->positions && tb[k].instr >= 0 && (size_t)tb[k].instr < code->ninstrs
                   ? code->positions[tb[k].instr].lineno : tb[k].instr == -1 ? code->firstlineno : -1;
        int same = last && line == last_line && str_equal(code->filename, last->filename)
                   && str_equal(code->name, last->name);
        if (!same) {
            if (count > 3) {
                snprintf(msg, sizeof msg, "  [Previous line repeated %ld more time%s]\n", count - 3,
                         count - 3 > 1 ? "s" : "");
                buf_adds(out, msg);
            }
            last = code;
            last_line = line;
            count = 0;
        }
        count++;
        if (count > 3) continue;
        format_entry(out, cache, code, tb[k].instr);
    }
    if (count > 3) {
        snprintf(msg, sizeof msg, "  [Previous line repeated %ld more time%s]\n", count - 3,
                 count - 3 > 1 ? "s" : "");
        buf_adds(out, msg);
    }
}

/* "ValueError", "__main__"-less class names, "mod.Cls" for other modules. */
static void add_type_name(TrThread *ts, Buf *out, TrType *t) {
    if ((t->flags & TR_TPFLAG_HEAPTYPE) && t->dict) {
        TrObject *mod = dict_get_cstr(ts, t->dict, "__module__");
        if (!mod && err_occurred(ts)) err_clear(ts);
        if (mod && str_check(mod) && !str_equal_cstr(mod, "__main__") && !str_equal_cstr(mod, "builtins")) {
            add_utf8_obj(out, mod);
            buf_addc(out, '.');
        } else if (mod && !str_check(mod)) {
            buf_adds(out, "<unknown>.");
        }
        tr_xdecref(mod);
    }
    buf_adds(out, type_qualname(t));
}

static TrObject *attr_or_null(TrThread *ts, TrExc *e, const char *name) {
    if (!e->dict) return NULL;
    TrObject *v = dict_get_cstr(ts, e->dict, name);
    if (!v && err_occurred(ts)) err_clear(ts);
    return v;
}

/* The last lines of a SyntaxError: where it is, the text and carets. */
static void format_syntax_error(TrThread *ts, Buf *out, TrExc *e) {
    TrObject *fn = attr_or_null(ts, e, "filename"), *ln = attr_or_null(ts, e, "lineno");
    TrObject *eln = attr_or_null(ts, e, "end_lineno"), *text = attr_or_null(ts, e, "text");
    TrObject *off = attr_or_null(ts, e, "offset"), *eoff = attr_or_null(ts, e, "end_offset");
    TrObject *msg = attr_or_null(ts, e, "msg");
    Buf suffix = {0};
    buf_adds(&suffix, "");
    if (ln && ln != tr_none) {
        buf_adds(out, "  File \"");
        if (fn && str_check(fn)) add_utf8_obj(out, fn); else buf_adds(out, "<string>");
        buf_adds(out, "\", line ");
        TrObject *s = tr_str(ts, ln);
        if (s) { add_utf8_obj(out, s); tr_decref(s); } else err_clear(ts);
        buf_addc(out, '\n');
    } else if (fn && fn != tr_none) {
        TrObject *s = tr_str(ts, fn);
        buf_adds(&suffix, " (");
        if (s) { add_utf8_obj(&suffix, s); tr_decref(s); } else err_clear(ts);
        buf_adds(&suffix, ")");
    }
    if (text && str_check(text)) {
        Line t = decode(str_utf8(text), str_nbytes(text));
        if (t.c) {
            int rlen = t.len;
            while (rlen > 0 && t.c[rlen - 1] == '\n') rlen--;
            int sp = 0;
            while (sp < rlen && (t.c[sp] == ' ' || t.c[sp] == '\n' || t.c[sp] == '\f')) sp++;
            buf_adds(out, "    ");
            add_line(out, &t, sp, rlen);
            buf_addc(out, '\n');
            if (off && tr_is_imm(off)) {
                long offset = (long)tr_imm_value(off), end_offset;
                int same_line = ln && eln && tr_is_imm(ln) && tr_is_imm(eln) && ln == eln;
                if (same_line) {
                    end_offset = eoff && tr_is_imm(eoff) && tr_imm_value(eoff) != 0 ? (long)tr_imm_value(eoff) : offset;
                } else {
                    end_offset = rlen + 1;
                }
                if (offset > t.len) offset = rlen + 1;
                if (end_offset > t.len) end_offset = rlen + 1;
                if (offset >= end_offset || end_offset < 0) end_offset = offset + 1;
                long colno = offset - 1 - sp, end_colno = end_offset - 1 - sp;
                if (colno >= 0) {
                    buf_adds(out, "    ");
                    for (long i = 0; i < colno && sp + i < t.len; i++)
                        buf_addc(out, is_space(t.c[sp + i]) ? (char)t.c[sp + i] : ' ');
                    for (long i = 0; i < end_colno - colno; i++) buf_addc(out, '^');
                    buf_addc(out, '\n');
                }
            }
            free(t.c);
        }
    }
    add_type_name(ts, out, tr_type((TrObject *)e));
    buf_adds(out, ": ");
    if (msg && msg != tr_none) {
        TrObject *s = tr_str(ts, msg);
        if (s) { add_utf8_obj(out, s); tr_decref(s); } else err_clear(ts);
    } else {
        buf_adds(out, "<no detail available>");
    }
    if (suffix.p) buf_adds(out, suffix.p);
    buf_addc(out, '\n');
    free(suffix.p);
    tr_xdecref(fn); tr_xdecref(ln); tr_xdecref(eln); tr_xdecref(text);
    tr_xdecref(off); tr_xdecref(eoff); tr_xdecref(msg);
}

/* The exception-only part: "Type: message" (or the SyntaxError block), then notes. */
static void format_exception_only(TrThread *ts, Buf *out, TrObject *exc) {
    TrType *t = tr_type(exc);
    TrExc *e = (TrExc *)exc;
    if (tr_type_is_subtype(t, &tr_exc_SyntaxError)) {
        format_syntax_error(ts, out, e);
    } else {
        add_type_name(ts, out, t);
        TrObject *s = tr_str(ts, exc);
        if (!s) {
            err_clear(ts);
            buf_adds(out, ": <exception str() failed>");
        } else {
            if (str_check(s) && str_nbytes(s) > 0) {
                buf_adds(out, ": ");
                add_utf8_obj(out, s);
            }
            tr_decref(s);
        }
        buf_addc(out, '\n');
    }
    TrObject *notes = attr_or_null(ts, e, "__notes__");
    if (notes && (list_check(notes) || tuple_check(notes))) {
        int is_list = list_check(notes);
        size_t n = is_list ? list_size(notes) : tuple_size(notes);
        for (size_t i = 0; i < n; i++) {
            TrObject *note = is_list ? list_get(ts, notes, (ssize_t)i) : tr_newref(tuple_get(notes, i));
            if (!note) { err_clear(ts); break; }
            TrObject *s = tr_str(ts, note);
            if (s) { add_utf8_obj(out, s); tr_decref(s); }
            else { err_clear(ts); buf_adds(out, "<note str() failed>"); }
            buf_addc(out, '\n');
            tr_decref(note);
        }
    } else if (notes && notes != tr_none) {
        TrObject *s = tr_repr(ts, notes);
        if (s) { add_utf8_obj(out, s); tr_decref(s); } else { err_clear(ts); buf_adds(out, "<__notes__ repr() failed>"); }
        buf_addc(out, '\n');
    }
    tr_xdecref(notes);
}

/* A copy of `e`'s traceback array, taken under its lock (another thread
 * may be appending to a shared exception). */
static TrTraceEntry *copy_tb(TrThread *ts, TrExc *e, size_t *len) {
    TrTraceEntry *copy = NULL;
    *len = 0;
    TR_BEGIN_CRITICAL(ts, e);
    if (e->tb_len) {
        copy = malloc(e->tb_len * sizeof *copy);
        if (copy) {
            memcpy(copy, e->tb, e->tb_len * sizeof *copy);
            *len = e->tb_len;
        }
    }
    TR_END_CRITICAL(ts);
    return copy;   /* the codes are immortal: no references needed */
}

/* ---- the report tree ----------------------------------------------------------
 * As traceback.TracebackException builds it: a node per exception to print,
 * linked to the nodes of its __cause__, its __context__ (only when there is
 * no cause and the context is not suppressed) and, for an exception group,
 * its members.  A cause or context already in the tree (anywhere: `seen` is
 * global) is not followed, which ends cycles; members are always followed.
 * Nodes are made in CPython's order (a LIFO queue), so the same duplicates
 * are left out.  Each node holds a reference to its exception: printing runs
 * __str__, which may unlink a cause. */

typedef struct TeNode {
    TrObject *exc;                    /* owned */
    struct TeNode *cause, *context;   /* borrowed from the tree, NULL when not shown */
    struct TeNode **members;          /* owned array (nodes borrowed), NULL unless a group */
    size_t nmembers;
} TeNode;

typedef struct Tree {
    TeNode **nodes;                   /* owned, each owned */
    size_t n, cap;
    int failed;                       /* out of memory: print what was built */
} Tree;

static int tree_seen(const Tree *t, TrObject *exc) {
    for (size_t i = 0; i < t->n; i++) if (t->nodes[i]->exc == exc) return 1;
    return 0;
}

static TeNode *tree_node(Tree *t, TrObject *exc) {
    if (t->failed) return NULL;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        TeNode **g = realloc(t->nodes, cap * sizeof *g);
        if (!g) { t->failed = 1; return NULL; }
        t->nodes = g;
        t->cap = cap;
    }
    TeNode *n = calloc(1, sizeof *n);
    if (!n) { t->failed = 1; return NULL; }
    n->exc = tr_newref(exc);
    t->nodes[t->n++] = n;
    return n;
}

static void tree_free(Tree *t) {
    for (size_t i = 0; i < t->n; i++) {
        tr_decref(t->nodes[i]->exc);
        free(t->nodes[i]->members);
        free(t->nodes[i]);
    }
    free(t->nodes);
}

static TeNode *tree_build(Tree *t, TrObject *exc) {
    TeNode *root = tree_node(t, exc);
    TeNode **stack = NULL;
    size_t sn = 0, scap = 0;
    if (root) {
        stack = malloc(16 * sizeof *stack);
        if (stack) { stack[sn++] = root; scap = 16; } else t->failed = 1;
    }
    while (sn) {
        TeNode *te = stack[--sn];
        TrExc *e = (TrExc *)te->exc;
        if (e->cause && !tree_seen(t, e->cause)) te->cause = tree_node(t, e->cause);
        if (!te->cause && !e->suppress_context && e->context && !tree_seen(t, e->context))
            te->context = tree_node(t, e->context);
        if (excgroup_check(te->exc)) {
            TrObject *excs = ((TrExcGroup *)te->exc)->excs;
            size_t k = tuple_size(excs);
            te->members = malloc(k * sizeof *te->members);
            if (!te->members) { t->failed = 1; break; }
            for (size_t i = 0; i < k; i++) {
                TeNode *m = tree_node(t, tuple_get(excs, i));
                if (!m) break;
                te->members[te->nmembers++] = m;
            }
        }
        size_t need = sn + 2 + te->nmembers;
        if (need > scap) {
            size_t cap = scap * 2 > need ? scap * 2 : need;
            TeNode **g = realloc(stack, cap * sizeof *g);
            if (!g) { t->failed = 1; break; }
            stack = g;
            scap = cap;
        }
        if (te->cause) stack[sn++] = te->cause;
        if (te->context) stack[sn++] = te->context;
        for (size_t i = 0; i < te->nmembers; i++) stack[sn++] = te->members[i];
    }
    free(stack);
    return root;
}

/* ---- writing the tree -------------------------------------------------------------
 * Inside an exception group every line gets a margin: two spaces per level
 * of nesting, then "| " ("+ " on a top-level group's first line); members
 * are introduced by "+---------------- 1 ----------------" and the last one
 * is closed by "+------------------------------------" unless a nested
 * group already closed it.  At most 15 members are shown per group, and
 * groups nested deeper than 10 are cut. */

#define MAX_GROUP_WIDTH 15
#define MAX_GROUP_DEPTH 10

typedef struct PrintCtx { int depth; int need_close; } PrintCtx;

static void add_indent(Buf *out, int depth) {
    for (int i = 0; i < depth; i++) buf_adds(out, "  ");
}

/* Appends `text` (lines ending in '\n'), each line with the margin. */
static void emit(Buf *out, const PrintCtx *ctx, const char *text, size_t len, char margin) {
    if (!ctx->depth) { buf_add(out, text, len); return; }
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t n = nl ? (size_t)(nl - (text + i)) + 1 : len - i;
        add_indent(out, ctx->depth);
        buf_addc(out, margin);
        buf_addc(out, ' ');
        buf_add(out, text + i, n);
        i += n;
    }
}

static void emits(Buf *out, const PrintCtx *ctx, const char *text) { emit(out, ctx, text, strlen(text), '|'); }

static void emit_buf(Buf *out, const PrintCtx *ctx, Buf *tmp, char margin) {
    if (tmp->failed) out->failed = 1;
    else if (tmp->len) emit(out, ctx, tmp->p, tmp->len, margin);
    free(tmp->p);
    *tmp = (Buf){0};
}

/* The frames of `exc` after `header`, when it has any. */
static void emit_stack(TrThread *ts, Buf *out, Cache *cache, const PrintCtx *ctx, TrObject *exc,
                       const char *header, char margin) {
    size_t len;
    TrTraceEntry *tb = copy_tb(ts, (TrExc *)exc, &len);
    if (len) {
        Buf tmp = {0};
        buf_adds(&tmp, header);
        emit_buf(out, ctx, &tmp, margin);
        format_stack(&tmp, cache, tb, len);
        emit_buf(out, ctx, &tmp, '|');
    }
    free(tb);
}

static void format_node(TrThread *ts, Buf *out, Cache *cache, PrintCtx *ctx, TeNode *te, int chain, int only) {
    /* the chain, newest first */
    size_t n = 0, cap = 8;
    TeNode **links = malloc(cap * sizeof *links);
    int *kind = malloc(cap * sizeof *kind);   /* how links[i] links to links[i - 1]: 1 cause, 2 context */
    if (!links || !kind) { free(links); free(kind); out->failed = 1; return; }
    for (TeNode *cur = te; cur;) {
        if (n == cap) {
            cap *= 2;
            TeNode **l = realloc(links, cap * sizeof *l);
            if (l) links = l;
            int *k = l ? realloc(kind, cap * sizeof *k) : NULL;
            if (!k) { out->failed = 1; break; }
            kind = k;
        }
        links[n] = cur;
        if (!chain) { n++; break; }
        TrExc *e = (TrExc *)cur->exc;
        TeNode *next = NULL;
        int k = 0;
        if (cur->cause) { next = cur->cause; k = 1; }
        else if (cur->context && !e->suppress_context) { next = cur->context; k = 2; }
        kind[n++] = k;
        cur = next;
    }
    for (size_t i = n; i-- > 0;) {
        TeNode *node = links[i];
        if (i + 1 < n && !only) {
            if (kind[i] == 1)
                emits(out, ctx, "\nThe above exception was the direct cause of the following exception:\n\n");
            else
                emits(out, ctx, "\nDuring handling of the above exception, another exception occurred:\n\n");
        }
        Buf tmp = {0};
        if (!node->members || only) {
            if (!only) emit_stack(ts, out, cache, ctx, node->exc, "Traceback (most recent call last):\n", '|');
            format_exception_only(ts, &tmp, node->exc);
            emit_buf(out, ctx, &tmp, '|');
            continue;
        }
        if (ctx->depth > MAX_GROUP_DEPTH) {
            char msg[64];
            snprintf(msg, sizeof msg, "... (max_group_depth is %d)\n", MAX_GROUP_DEPTH);
            emits(out, ctx, msg);
            continue;
        }
        int toplevel = ctx->depth == 0;
        if (toplevel) ctx->depth = 1;
        emit_stack(ts, out, cache, ctx, node->exc, "Exception Group Traceback (most recent call last):\n",
                   toplevel ? '+' : '|');
        format_exception_only(ts, &tmp, node->exc);
        emit_buf(out, ctx, &tmp, '|');
        size_t shown = node->nmembers <= MAX_GROUP_WIDTH ? node->nmembers : MAX_GROUP_WIDTH + 1;
        ctx->need_close = 0;
        for (size_t j = 0; j < shown; j++) {
            int last = j == shown - 1, truncated = j >= MAX_GROUP_WIDTH;
            if (last) ctx->need_close = 1;   /* a nested group's own closer may do */
            char title[64];
            if (truncated) snprintf(title, sizeof title, "+---------------- ... ----------------\n");
            else snprintf(title, sizeof title, "+---------------- %zu ----------------\n", j + 1);
            add_indent(out, ctx->depth);
            buf_adds(out, j == 0 ? "+-" : "  ");
            buf_adds(out, title);
            ctx->depth++;
            if (!truncated) {
                format_node(ts, out, cache, ctx, node->members[j], chain, only);
            } else {
                size_t more = node->nmembers - MAX_GROUP_WIDTH;
                char msg[64];
                snprintf(msg, sizeof msg, "and %zu more exception%s\n", more, more > 1 ? "s" : "");
                emits(out, ctx, msg);
            }
            if (last && ctx->need_close) {
                add_indent(out, ctx->depth);
                buf_adds(out, "+------------------------------------\n");
                ctx->need_close = 0;
            }
            ctx->depth--;
        }
        if (toplevel) ctx->depth = 0;
    }
    free(links);
    free(kind);
}


/* Appends the report of `exc` to `out`: its chain when `chain`, else `exc`
 * alone; with `only`, just the "Type: message" lines. */
static void format_report(TrThread *ts, Buf *out, Cache *cache, TrObject *exc, int chain_on, int only);

static void print_report(TrThread *ts, TrObject *exc, int plain);

void exc_print(TrThread *ts, TrObject *exc) { print_report(ts, exc, 0); }
void exc_print_plain(TrThread *ts, TrObject *exc) { print_report(ts, exc, 1); }

static void print_report(TrThread *ts, TrObject *exc, int plain) {
    TrObject *saved = err_fetch(ts);
    Buf out = {0};
    Cache cache = {0};
    cache.plain = plain;
    format_report(ts, &out, &cache, exc, 1, 0);
    if (out.p && !out.failed) tr_write_report(ts, out.p, out.len);
    else tr_write_report(ts, "MemoryError\n", 12);
    free(out.p);
    cache_free(&cache);
    if (err_occurred(ts)) err_clear(ts);
    if (saved) err_restore(ts, saved);
}

TrObject *exc_format_frame(TrThread *ts, TrObject *code, int instr) {
    Buf out = {0};
    Cache cache = {0};
    format_entry(&out, &cache, (TrCode *)code, instr);
    TrObject *r = out.failed ? err_nomemory(ts) : str_from_utf8(ts, out.p ? out.p : "", out.len);
    free(out.p);
    cache_free(&cache);
    return r;
}

TrObject *exc_format(TrThread *ts, TrObject *exc, int chain, int only) {
    TrObject *saved = err_fetch(ts);
    Buf out = {0};
    Cache cache = {0};
    format_report(ts, &out, &cache, exc, chain, only);
    if (err_occurred(ts)) err_clear(ts);
    if (saved) err_restore(ts, saved);
    TrObject *r = out.failed ? err_nomemory(ts) : str_from_utf8(ts, out.p ? out.p : "", out.len);
    free(out.p);
    cache_free(&cache);
    return r;
}

static void format_report(TrThread *ts, Buf *out, Cache *cache, TrObject *exc, int chain_on, int only) {
    if (!exc || tr_is_imm(exc) || !(tr_type(exc)->flags & TR_TPFLAG_EXCEPTION)) {
        buf_adds(out, "TypeError: print_exception(): Exception expected for value, ");
        buf_adds(out, exc ? tr_type_name(exc) : "NoneType");
        buf_adds(out, " found\n");
        return;
    }
    Tree tree = {0};
    TeNode *root = tree_build(&tree, exc);
    PrintCtx ctx = {0, 0};
    if (root) format_node(ts, out, cache, &ctx, root, chain_on, only);
    else out->failed = 1;
    tree_free(&tree);
}
