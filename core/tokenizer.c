/* core/tokenizer.c: turns UTF-8 Python source into tokens, as CPython 3.13's
 * tokenizer does, with its error messages and positions.
 *
 * Indentation is a stack of columns (tabs to the next multiple of 8) kept in
 * step with a second stack where a tab counts 1, so that a line whose
 * indentation compares differently under the two is a TabError.  Blank and
 * comment-only lines produce nothing.  Inside brackets newlines are ignored.
 * A string literal, f-strings included, is one token; for f-strings the
 * tokenizer follows the replacement fields (nested brackets, nested strings,
 * format specs) only to find where the literal ends.
 * Threads: a tokenizer is used by one thread; it never writes the source.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/tokenizer.h"

const char *const tokenizer_op_names[OP_COUNT] = {
    [OP_NONE] = "?",
    [OP_LPAR] = "(", [OP_RPAR] = ")", [OP_LSQB] = "[", [OP_RSQB] = "]",
    [OP_LBRACE] = "{", [OP_RBRACE] = "}", [OP_COLON] = ":", [OP_COMMA] = ",",
    [OP_SEMI] = ";", [OP_DOT] = ".", [OP_ELLIPSIS] = "...", [OP_ARROW] = "->",
    [OP_WALRUS] = ":=", [OP_PLUS] = "+", [OP_MINUS] = "-", [OP_STAR] = "*",
    [OP_SLASH] = "/", [OP_VBAR] = "|", [OP_AMPER] = "&", [OP_LESS] = "<",
    [OP_GREATER] = ">", [OP_EQUAL] = "=", [OP_PERCENT] = "%", [OP_TILDE] = "~",
    [OP_CIRCUMFLEX] = "^", [OP_AT] = "@", [OP_EXCLAMATION] = "!",
    [OP_EQEQUAL] = "==", [OP_NOTEQUAL] = "!=", [OP_LESSEQUAL] = "<=",
    [OP_GREATEREQUAL] = ">=", [OP_LSHIFT] = "<<", [OP_RSHIFT] = ">>",
    [OP_DOUBLESTAR] = "**", [OP_DOUBLESLASH] = "//", [OP_PLUSEQUAL] = "+=",
    [OP_MINEQUAL] = "-=", [OP_STAREQUAL] = "*=", [OP_SLASHEQUAL] = "/=",
    [OP_PERCENTEQUAL] = "%=", [OP_AMPEREQUAL] = "&=", [OP_VBAREQUAL] = "|=",
    [OP_CIRCUMFLEXEQUAL] = "^=", [OP_LSHIFTEQUAL] = "<<=", [OP_RSHIFTEQUAL] = ">>=",
    [OP_DOUBLESTAREQUAL] = "**=", [OP_DOUBLESLASHEQUAL] = "//=", [OP_ATEQUAL] = "@=",
};

/* ---- errors -------------------------------------------------------------- */

void tokenizer_error_at(TrSyntaxError *err, const char *src, const char *end, const char *type,
                        int lineno, int col, int end_lineno, int end_col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->type = type;
    err->lineno = lineno;
    err->col = col;
    err->end_lineno = end_lineno;
    err->end_col = end_col;
    err->text = NULL;
    const char *p = src;
    for (int l = 1; l < lineno && p < end; p++)
        if (*p == '\n')
            l++;
    if (p > end)
        return;
    const char *e = p;
    while (e < end && *e != '\n')
        e++;
    size_t n = (size_t)(e - p);
    err->text = malloc(n + 2);
    if (err->text) {
        memcpy(err->text, p, n);
        err->text[n] = '\n';
        err->text[n + 1] = '\0';
    }
}

#define TERR(t, type, col, end_col, ...) \
    tokenizer_error_at(err, (t)->src, (t)->end, type, (t)->lineno, col, (t)->lineno, end_col, __VA_ARGS__)

/* ---- characters ---------------------------------------------------------- */

/* Decodes one UTF-8 sequence at `p`; sets `*n` to its length (1 for a bad byte). */
static unsigned decode(const char *p, const char *end, int *n)
{
    const unsigned char *s = (const unsigned char *)p;
    unsigned c = s[0];
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (c >= 0x80 && c < 0xC0)
        len = 1;
    if (p + len > end)
        len = 1;
    unsigned cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (int i = 1; i < len; i++)
        cp = (cp << 6) | (s[i] & 0x3F);
    *n = len;
    return cp;
}

/* Non-printable in CPython's sense (str.isprintable() is false): controls,
 * separators other than ' ', format characters. */
static bool is_nonprintable(unsigned cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD ||
           (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
           (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || cp == 0xFEFF ||
           (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xE000 && cp <= 0xF8FF) ||
           cp == 0x1680 || cp == 0x180E;
}

/* An approximation of XID_Continue for non-ASCII code points: letters of all
 * scripts are accepted; the symbol and punctuation blocks are not. */
static bool is_id_nonascii(unsigned cp)
{
    if (is_nonprintable(cp))
        return false;
    if (cp < 0x100)
        return cp == 0xAA || cp == 0xB5 || cp == 0xBA || cp == 0xB7 ||
               (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7);
    if ((cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
        (cp >= 0x20A0 && cp <= 0x20CF) ||
        (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x3001 && cp <= 0x3004) ||
        (cp >= 0x3008 && cp <= 0x3020) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
        (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFE10 && cp <= 0xFE6F) ||
        (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2E00 && cp <= 0x2E7F) ||
        (cp >= 0x2100 && cp <= 0x214F && cp != 0x2102 && cp != 0x2107 &&
         !(cp >= 0x210A && cp <= 0x2113) && cp != 0x2115 && !(cp >= 0x2119 && cp <= 0x211D) &&
         cp != 0x2124 && cp != 0x2126 && cp != 0x2128 && !(cp >= 0x212A && cp <= 0x2139) &&
         !(cp >= 0x213C && cp <= 0x213F) && !(cp >= 0x2145 && cp <= 0x2149) && cp != 0x214E))
        return false;
    return true;
}

static bool is_id_ascii(int c, bool start)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (!start && c >= '0' && c <= '9');
}

static bool is_digit(int c) { return c >= '0' && c <= '9'; }

/* ---- set up -------------------------------------------------------------- */

void tokenizer_init(TrTokenizer *t, const char *src, size_t len)
{
    memset(t, 0, sizeof *t);
    t->src = t->cur = t->line_start = src;
    t->end = src + len;
    t->lineno = 1;
    t->nindents = 1;
    t->at_bol = true;
    t->emitted_newline = true;
    /* a UTF-8 byte order mark is not part of the first line's text */
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
        t->cur = t->line_start = src + 3;
}

void tokenizer_init_at(TrTokenizer *t, const char *src, const char *from, const char *to,
                       int lineno, const char *line_start)
{
    memset(t, 0, sizeof *t);
    t->src = src;
    t->cur = from;
    t->end = to;
    t->line_start = line_start;
    t->lineno = lineno;
    t->nindents = 1;
    t->sub = true;
}

static void newline_at(TrTokenizer *t, const char *nl)
{
    t->lineno++;
    t->line_start = nl + 1;
}

static void make(TrTokenizer *t, TrToken *tok, TrTokKind kind, const char *start, int lineno, int col)
{
    tok->kind = kind;
    tok->op = OP_NONE;
    tok->start = start;
    tok->len = (size_t)(t->cur - start);
    tok->lineno = lineno;
    tok->col = col;
    tok->end_lineno = t->lineno;
    tok->end_col = (int)(t->cur - t->line_start);
}

/* ---- strings ------------------------------------------------------------- */

static int scan_field(TrTokenizer *t, char quote, bool triple, TrSyntaxError *err);

static bool at_close(TrTokenizer *t, char quote, bool triple)
{
    if (*t->cur != quote)
        return false;
    return !triple || (t->end - t->cur >= 3 && t->cur[1] == quote && t->cur[2] == quote);
}

/* `t->cur` is at the opening quote of a literal whose token began at `start`. */
static int scan_literal(TrTokenizer *t, const char *start, int lineno, int col, bool is_f, bool raw,
                        TrSyntaxError *err)
{
    char quote = *t->cur;
    bool triple = t->end - t->cur >= 3 && t->cur[1] == quote && t->cur[2] == quote;
    t->cur += triple ? 3 : 1;
    for (;;) {
        if (t->cur >= t->end || (!triple && *t->cur == '\n')) {
            int at = t->lineno - (t->cur >= t->end && t->cur > t->src && t->cur[-1] == '\n');
            const char *kind = is_f ? "f-string" : "string";
            tokenizer_error_at(err, t->src, t->end, "SyntaxError", lineno, col, lineno, -1,
                               triple ? "unterminated triple-quoted %s literal (detected at line %d)"
                                      : "unterminated %s literal (detected at line %d)", kind, at);
            return -1;
        }
        char c = *t->cur;
        if (at_close(t, quote, triple)) {
            t->cur += triple ? 3 : 1;
            return 0;
        }
        if (c == '\\') {
            t->cur++;
            /* in an f-string a backslash does not hide a brace */
            if (is_f && t->cur < t->end && (*t->cur == '{' || *t->cur == '}'))
                continue;
            if (t->cur < t->end) {
                if (*t->cur == '\n')
                    newline_at(t, t->cur);
                else if (*t->cur == '\r' && t->cur + 1 < t->end && t->cur[1] == '\n')
                    newline_at(t, ++t->cur);
                /* \N{...} in an f-string holds braces that are not fields */
                if (is_f && !raw && *t->cur == 'N' && t->cur + 1 < t->end && t->cur[1] == '{') {
                    while (t->cur < t->end && *t->cur != '}' && *t->cur != '\n')
                        t->cur++;
                }
                t->cur++;
            }
            continue;
        }
        if (c == '\n')
            newline_at(t, t->cur);
        if (is_f && c == '{') {
            if (t->cur + 1 < t->end && t->cur[1] == '{') {
                t->cur += 2;
                continue;
            }
            t->cur++;
            if (scan_field(t, quote, triple, err) < 0)
                return -1;
            continue;
        }
        if (is_f && c == '}') {
            if (t->cur + 1 < t->end && t->cur[1] == '}') {
                t->cur += 2;
                continue;
            }
            int ec = (int)(t->cur - t->line_start);
            TERR(t, "SyntaxError", ec, -1, "f-string: single '}' is not allowed");
            return -1;
        }
        t->cur++;
    }
}

/* scan_literal, counting f-strings: each one nested in another's field
 * recurses in C, so as in CPython at most TOK_MAX_FSTRING - 1 may be open. */
static int scan_string(TrTokenizer *t, const char *start, int lineno, int col, bool is_f, bool raw,
                       TrSyntaxError *err)
{
    if (!is_f)
        return scan_literal(t, start, lineno, col, false, raw, err);
    if (t->fdepth + 1 >= TOK_MAX_FSTRING) {
        int qc = (int)(t->cur - t->line_start);
        TERR(t, "SyntaxError", qc, qc, "too many nested f-strings");
        t->fdepth_error = true;
        return -1;
    }
    t->fdepth++;
    int r = scan_literal(t, start, lineno, col, true, raw, err);
    t->fdepth--;
    return r;
}

/* Is [p, q) a string prefix (r, b, u, f and their pairs, any case)? */
static bool string_prefix(const char *p, size_t n, bool *is_f, bool *raw)
{
    bool r = false, b = false, f = false, u = false;
    if (n > 2)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = (char)(p[i] | 0x20);
        if (c == 'r' && !r) r = true;
        else if (c == 'b' && !b) b = true;
        else if (c == 'f' && !f) f = true;
        else if (c == 'u' && !u) u = true;
        else return false;
    }
    if ((b && f) || (u && n > 1))
        return false;
    *is_f = f;
    *raw = r;
    return true;
}

/* `t->cur` is at a quote inside a replacement field: a nested literal. */
static int nested_string(TrTokenizer *t, TrSyntaxError *err)
{
    const char *q = t->cur;
    const char *p = q;
    while (p > t->line_start && is_id_ascii((unsigned char)p[-1], false))
        p--;
    bool is_f = false, raw = false;
    if (!string_prefix(p, (size_t)(q - p), &is_f, &raw))
        is_f = raw = false;
    return scan_string(t, p, t->lineno, (int)(p - t->line_start), is_f, raw, err);
}

int tokenizer_skip_fexpr(TrTokenizer *t, char quote, bool triple, TrSyntaxError *err)
{
    int depth = 0;
    while (t->cur < t->end) {
        char c = *t->cur;
        if (c == quote || c == '\'' || c == '"') {
            if (c == quote && triple && at_close(t, quote, triple))
                break;
            /* 3.12+ lets a field hold the enclosing quote; if no literal can
             * start here, it is the enclosing literal's end */
            TrTokenizer save = *t;
            TrSyntaxError tmp = {0};
            if (nested_string(t, &tmp) < 0) {
                if (t->fdepth_error) {
                    *err = tmp;
                    return -1;
                }
                free(tmp.text);
                if (c != quote) {
                    *t = save;
                    return nested_string(t, err);
                }
                *t = save;
                break;
            }
            continue;
        }
        char n = t->cur + 1 < t->end ? t->cur[1] : 0;
        switch (c) {
        case '(': case '[': case '{':
            depth++;
            break;
        case ')': case ']':
            if (depth > 0)
                depth--;
            break;
        case '}':
            if (depth == 0)
                return 0;
            depth--;
            break;
        case ':':
            if (depth == 0)
                return 0;
            break;
        case '!':
            if (depth == 0 && n != '=')
                return 0;
            if (n == '=')
                t->cur++;
            break;
        case '=': case '<': case '>':
            if (n == '=') {
                t->cur++;
                break;
            }
            if (c == '=' && depth == 0)
                return 0;
            break;
        case '\n':
            newline_at(t, t->cur);
            break;
        case '\\':
            if (n == '\n') {
                t->cur++;
                newline_at(t, t->cur);
            }
            break;
        }
        t->cur++;
    }
    TERR(t, "SyntaxError", (int)(t->cur - t->line_start), -1, "f-string: expecting '}'");
    return -1;
}

/* Inside an f-string, just past a field's '{': skips to just past its '}'. */
static int scan_field(TrTokenizer *t, char quote, bool triple, TrSyntaxError *err)
{
    if (tokenizer_skip_fexpr(t, quote, triple, err) < 0)
        return -1;
    if (*t->cur == '=') {
        t->cur++;
        while (t->cur < t->end && (*t->cur == ' ' || *t->cur == '\t'))
            t->cur++;
    }
    if (t->cur < t->end && *t->cur == '!') {
        while (t->cur < t->end && *t->cur != ':' && *t->cur != '}' && !at_close(t, quote, triple) &&
               *t->cur != '\n')
            t->cur++;
    }
    if (t->cur < t->end && *t->cur == ':') {
        t->cur++;
        while (t->cur < t->end && *t->cur != '}') {
            if (at_close(t, quote, triple) || (!triple && *t->cur == '\n'))
                goto expecting;
            if (*t->cur == '{') {
                t->cur++;
                if (scan_field(t, quote, triple, err) < 0)
                    return -1;
                continue;
            }
            if (*t->cur == '\n')
                newline_at(t, t->cur);
            t->cur++;
        }
    }
    if (t->cur < t->end && *t->cur == '}') {
        t->cur++;
        return 0;
    }
expecting:
    TERR(t, "SyntaxError", (int)(t->cur - t->line_start), -1, "f-string: expecting '}'");
    return -1;
}

/* ---- numbers ------------------------------------------------------------- */

/* After a number: a letter right behind it is an error, except a keyword
 * that CPython still accepts there ("1if x else y"). */
static int end_of_number(TrTokenizer *t, const char *start, int col, const char *kind, TrSyntaxError *err)
{
    static const char *const ok[] = {"and", "else", "for", "if", "in", "is", "not", "or"};
    unsigned char c = (unsigned char)(t->cur < t->end ? *t->cur : 0);
    if (c >= 0x80) {
        int n;
        if (!is_id_nonascii(decode(t->cur, t->end, &n)))
            return 0;
    } else if (!is_id_ascii(c, false)) {
        return 0;
    }
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        size_t n = strlen(ok[i]);
        if ((size_t)(t->end - t->cur) >= n && memcmp(t->cur, ok[i], n) == 0)
            return 0;
    }
    TERR(t, "SyntaxError", col, -1, "invalid %s literal", kind);
    return -1;
}

/* Digits (with single underscores between them) matching `ok`. */
static int digits(TrTokenizer *t, bool (*ok)(int), const char *kind, TrSyntaxError *err)
{
    for (;;) {
        while (t->cur < t->end && ok((unsigned char)*t->cur))
            t->cur++;
        if (t->cur < t->end && *t->cur == '_') {
            if (t->cur + 1 < t->end && ok((unsigned char)t->cur[1])) {
                t->cur++;
                continue;
            }
            int c = (int)(t->cur - t->line_start);
            TERR(t, "SyntaxError", c, -1, "invalid %s literal", kind);
            return -1;
        }
        return 0;
    }
}

static bool is_hex(int c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
static bool is_oct(int c) { return c >= '0' && c <= '7'; }
static bool is_bin(int c) { return c == '0' || c == '1'; }
static bool is_dec(int c) { return is_digit(c); }

static int scan_number(TrTokenizer *t, TrToken *tok, TrSyntaxError *err)
{
    const char *start = t->cur;
    int col = (int)(start - t->line_start);
    char c0 = *t->cur;
    char x = t->cur + 1 < t->end ? (char)(t->cur[1] | 0x20) : 0;
    if (c0 == '0' && (x == 'x' || x == 'o' || x == 'b')) {
        const char *kind = x == 'x' ? "hexadecimal" : x == 'o' ? "octal" : "binary";
        bool (*ok)(int) = x == 'x' ? is_hex : x == 'o' ? is_oct : is_bin;
        t->cur += 2;
        if (t->cur < t->end && *t->cur == '_')
            t->cur++;
        if (t->cur >= t->end || !ok((unsigned char)*t->cur)) {
            if (t->cur < t->end && is_digit((unsigned char)*t->cur)) {
                int c = (int)(t->cur - t->line_start);
                TERR(t, "SyntaxError", c, -1, "invalid digit '%c' in %s literal", *t->cur, kind);
                return -1;
            }
            TERR(t, "SyntaxError", (int)(t->cur - t->line_start) - 1, -1, "invalid %s literal", kind);
            return -1;
        }
        if (digits(t, ok, kind, err) < 0)
            return -1;
        if (t->cur < t->end && is_digit((unsigned char)*t->cur)) {
            int c = (int)(t->cur - t->line_start);
            TERR(t, "SyntaxError", c, -1, "invalid digit '%c' in %s literal", *t->cur, kind);
            return -1;
        }
        if (end_of_number(t, start, col, kind, err) < 0)
            return -1;
        make(t, tok, T_NUMBER, start, t->lineno, col);
        return 0;
    }
    bool is_float = false;
    if (c0 != '.') {
        if (digits(t, is_dec, "decimal", err) < 0)
            return -1;
    }
    if (t->cur < t->end && *t->cur == '.') {
        is_float = true;
        t->cur++;
        if (t->cur < t->end && is_digit((unsigned char)*t->cur) && digits(t, is_dec, "decimal", err) < 0)
            return -1;
    }
    if (t->cur < t->end && (*t->cur | 0x20) == 'e') {
        const char *e = t->cur;
        t->cur++;
        if (t->cur < t->end && (*t->cur == '+' || *t->cur == '-'))
            t->cur++;
        if (t->cur >= t->end || !is_digit((unsigned char)*t->cur)) {
            t->cur = e;
            TERR(t, "SyntaxError", col, -1, "invalid decimal literal");
            return -1;
        }
        is_float = true;
        if (digits(t, is_dec, "decimal", err) < 0)
            return -1;
    }
    if (t->cur < t->end && (*t->cur | 0x20) == 'j')
        t->cur++;
    else if (!is_float && c0 == '0') {
        /* "0", "00", "0_0" are fine; "012" is not */
        for (const char *p = start; p < t->cur; p++)
            if (*p != '0' && *p != '_') {
                TERR(t, "SyntaxError", col, -1,
                     "leading zeros in decimal integer literals are not permitted; "
                     "use an 0o prefix for octal integers");
                return -1;
            }
    }
    if (end_of_number(t, start, col, "decimal", err) < 0)
        return -1;
    make(t, tok, T_NUMBER, start, t->lineno, col);
    return 0;
}

/* ---- operators ----------------------------------------------------------- */

static TrOp scan_op(const char *p, const char *end, int *n)
{
    char a = *p, b = p + 1 < end ? p[1] : 0, c = p + 2 < end ? p[2] : 0;
    *n = 3;
    if (a == '*' && b == '*' && c == '=') return OP_DOUBLESTAREQUAL;
    if (a == '/' && b == '/' && c == '=') return OP_DOUBLESLASHEQUAL;
    if (a == '<' && b == '<' && c == '=') return OP_LSHIFTEQUAL;
    if (a == '>' && b == '>' && c == '=') return OP_RSHIFTEQUAL;
    if (a == '.' && b == '.' && c == '.') return OP_ELLIPSIS;
    *n = 2;
    if (b == '=') {
        switch (a) {
        case '!': return OP_NOTEQUAL;
        case '%': return OP_PERCENTEQUAL;
        case '&': return OP_AMPEREQUAL;
        case '*': return OP_STAREQUAL;
        case '+': return OP_PLUSEQUAL;
        case '-': return OP_MINEQUAL;
        case '/': return OP_SLASHEQUAL;
        case ':': return OP_WALRUS;
        case '<': return OP_LESSEQUAL;
        case '=': return OP_EQEQUAL;
        case '>': return OP_GREATEREQUAL;
        case '@': return OP_ATEQUAL;
        case '^': return OP_CIRCUMFLEXEQUAL;
        case '|': return OP_VBAREQUAL;
        }
    }
    if (a == '*' && b == '*') return OP_DOUBLESTAR;
    if (a == '/' && b == '/') return OP_DOUBLESLASH;
    if (a == '<' && b == '<') return OP_LSHIFT;
    if (a == '>' && b == '>') return OP_RSHIFT;
    if (a == '-' && b == '>') return OP_ARROW;
    if (a == '<' && b == '>') { *n = 2; return OP_NONE; }
    *n = 1;
    switch (a) {
    case '(': return OP_LPAR;
    case ')': return OP_RPAR;
    case '[': return OP_LSQB;
    case ']': return OP_RSQB;
    case '{': return OP_LBRACE;
    case '}': return OP_RBRACE;
    case ':': return OP_COLON;
    case ',': return OP_COMMA;
    case ';': return OP_SEMI;
    case '.': return OP_DOT;
    case '+': return OP_PLUS;
    case '-': return OP_MINUS;
    case '*': return OP_STAR;
    case '/': return OP_SLASH;
    case '|': return OP_VBAR;
    case '&': return OP_AMPER;
    case '<': return OP_LESS;
    case '>': return OP_GREATER;
    case '=': return OP_EQUAL;
    case '%': return OP_PERCENT;
    case '~': return OP_TILDE;
    case '^': return OP_CIRCUMFLEX;
    case '@': return OP_AT;
    case '!': return OP_EXCLAMATION;
    }
    return OP_NONE;
}

/* ---- indentation --------------------------------------------------------- */

/* At the start of a logical line: measures the indentation, skips blank and
 * comment-only lines, and queues INDENT/DEDENT tokens.  Returns 1 if a line
 * with content was found, 0 at end of input, -1 on error. */
static int indentation(TrTokenizer *t, TrSyntaxError *err)
{
    for (;;) {
        int col = 0, alt = 0;
        const char *p = t->cur;
        while (p < t->end) {
            if (*p == ' ') col++, alt++;
            else if (*p == '\t') col = (col / 8 + 1) * 8, alt++;
            else if (*p == '\f') col = alt = 0;
            else break;
            p++;
        }
        t->cur = p;
        if (p >= t->end)
            return 0;
        if (*p == '#') {
            while (t->cur < t->end && *t->cur != '\n')
                t->cur++;
            p = t->cur;
            if (p >= t->end)
                return 0;
        }
        if (*p == '\n' || (*p == '\r' && p + 1 < t->end && p[1] == '\n')) {
            if (*p == '\r')
                p++;
            t->cur = p + 1;
            newline_at(t, p);
            continue;
        }
        if (*p == '\\' && p + 1 < t->end && (p[1] == '\n' || p[1] == '\r'))
            return 1;               /* a continuation line: CPython measures no indent here */
        int top = t->nindents - 1;
        if (col == t->indents[top]) {
            if (alt != t->altindents[top])
                goto tab_error;
        } else if (col > t->indents[top]) {
            if (t->nindents >= TOK_MAX_INDENT) {
                TERR(t, "IndentationError", 0, -1, "too many levels of indentation");
                return -1;
            }
            if (alt <= t->altindents[top])
                goto tab_error;
            t->indents[t->nindents] = col;
            t->altindents[t->nindents++] = alt;
            t->pending = 1;
        } else {
            while (t->nindents > 1 && col < t->indents[t->nindents - 1]) {
                t->nindents--;
                t->pending--;
            }
            if (col != t->indents[t->nindents - 1]) {
                const char *e = p;
                while (e < t->end && *e != '\n')
                    e++;
                TERR(t, "IndentationError", (int)(e - t->line_start), -1,
                     "unindent does not match any outer indentation level");
                return -1;
            }
            if (alt != t->altindents[t->nindents - 1])
                goto tab_error;
        }
        return 1;
    tab_error:
        TERR(t, "TabError", 0, -1, "inconsistent use of tabs and spaces in indentation");
        return -1;
    }
}

/* ---- the main loop ------------------------------------------------------- */

static int paren_error(TrTokenizer *t, TrToken *tok, TrSyntaxError *err)
{
    char c = *t->cur;
    int col = (int)(t->cur - t->line_start);
    char open = c == ')' ? '(' : c == ']' ? '[' : '{';
    if (t->level == 0) {
        TERR(t, "SyntaxError", col, -1, "unmatched '%c'", c);
        return -1;
    }
    char have = t->paren[t->level - 1];
    if (have != open) {
        if (t->paren_line[t->level - 1] != t->lineno)
            TERR(t, "SyntaxError", col, -1,
                 "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d", c, have,
                 t->paren_line[t->level - 1]);
        else
            TERR(t, "SyntaxError", col, -1,
                 "closing parenthesis '%c' does not match opening parenthesis '%c'", c, have);
        return -1;
    }
    t->level--;
    return 0;
}

int tokenizer_next(TrTokenizer *t, TrToken *tok, TrSyntaxError *err)
{
again:
    if (t->pending > 0) {
        t->pending--;
        make(t, tok, T_INDENT, t->line_start, t->lineno, 0);
        return 0;
    }
    if (t->pending < 0) {
        t->pending++;
        make(t, tok, T_DEDENT, t->cur, t->lineno, (int)(t->cur - t->line_start));
        return 0;
    }
    if (t->at_bol && !t->sub) {
        t->at_bol = false;
        int r = indentation(t, err);
        if (r < 0)
            return -1;
        if (r > 0 && t->pending)
            goto again;
    }
    while (t->cur < t->end && (*t->cur == ' ' || *t->cur == '\t' || *t->cur == '\f'))
        t->cur++;
    if (t->cur < t->end && *t->cur == '#') {
        while (t->cur < t->end && *t->cur != '\n' && *t->cur != '\r')
            t->cur++;
    }
    if (t->cur >= t->end) {
        if (t->level > 0 && !t->sub) {
            int l = t->level - 1;
            t->eof_in_paren = true;
            tokenizer_error_at(err, t->src, t->end, "SyntaxError", t->paren_line[l], t->paren_col[l],
                               t->paren_line[l], -1, "'%c' was never closed", t->paren[l]);
            return -1;
        }
        if (!t->emitted_newline && !t->sub) {
            t->emitted_newline = true;
            make(t, tok, T_NEWLINE, t->cur, t->lineno, (int)(t->cur - t->line_start));
            tok->end_col++;
            return 0;
        }
        if (t->nindents > 1) {
            t->nindents--;
            make(t, tok, T_DEDENT, t->cur, t->lineno, (int)(t->cur - t->line_start));
            return 0;
        }
        t->done = true;
        make(t, tok, T_ENDMARKER, t->cur, t->lineno, (int)(t->cur - t->line_start));
        return 0;
    }
    const char *start = t->cur;
    int col = (int)(start - t->line_start);
    unsigned char c = (unsigned char)*t->cur;

    if (c == '\n' || (c == '\r' && t->cur + 1 < t->end && t->cur[1] == '\n')) {
        if (c == '\r')
            t->cur++;
        const char *nl = t->cur;
        t->cur++;
        if (t->level > 0 || t->sub) {
            newline_at(t, nl);
            goto again;
        }
        make(t, tok, T_NEWLINE, start, t->lineno, col);
        tok->end_col = col + 1;
        tok->end_lineno = t->lineno;
        newline_at(t, nl);
        t->at_bol = true;
        t->emitted_newline = true;
        return 0;
    }
    t->emitted_newline = false;

    if (c == '\\') {
        const char *n = t->cur + 1;
        if (n < t->end && *n == '\r' && n + 1 < t->end && n[1] == '\n')
            n++;
        if (n >= t->end) {
            TERR(t, "SyntaxError", col + 1, -1, "unexpected EOF while parsing");
            return -1;
        }
        if (*n != '\n') {
            TERR(t, "SyntaxError", col + 1, -1, "unexpected character after line continuation character");
            return -1;
        }
        t->cur = n + 1;
        newline_at(t, n);
        if (t->cur >= t->end) {
            TERR(t, "SyntaxError", 0, -1, "unexpected EOF while parsing");
            return -1;
        }
        goto again;
    }

    if (is_id_ascii(c, true) || c >= 0x80) {
        for (;;) {
            unsigned char d = (unsigned char)(t->cur < t->end ? *t->cur : 0);
            if (t->cur >= t->end)
                break;
            if (is_id_ascii(d, false)) {
                t->cur++;
                continue;
            }
            if (d >= 0x80) {
                int n;
                unsigned cp = decode(t->cur, t->end, &n);
                if (is_id_nonascii(cp)) {
                    t->cur += n;
                    continue;
                }
                int ec = (int)(t->cur - t->line_start);
                char chr[8] = {0};
                memcpy(chr, t->cur, (size_t)n);
                if (is_nonprintable(cp))
                    TERR(t, "SyntaxError", ec, ec + n, "invalid non-printable character U+%04X", cp);
                else
                    TERR(t, "SyntaxError", ec, ec + n, "invalid character '%s' (U+%04X)", chr, cp);
                return -1;
            }
            break;
        }
        if (t->cur < t->end && (*t->cur == '\'' || *t->cur == '"')) {
            bool is_f, raw;
            if (string_prefix(start, (size_t)(t->cur - start), &is_f, &raw)) {
                int line = t->lineno;
                if (scan_string(t, start, line, col, is_f, raw, err) < 0)
                    return -1;
                make(t, tok, T_STRING, start, line, col);
                return 0;
            }
        }
        make(t, tok, T_NAME, start, t->lineno, col);
        return 0;
    }
    if (is_digit(c) || (c == '.' && t->cur + 1 < t->end && is_digit((unsigned char)t->cur[1])))
        return scan_number(t, tok, err);
    if (c == '\'' || c == '"') {
        int line = t->lineno;
        if (scan_string(t, start, line, col, false, false, err) < 0)
            return -1;
        make(t, tok, T_STRING, start, line, col);
        return 0;
    }
    if (c == 0) {
        TERR(t, "SyntaxError", col, -1, "source code cannot contain null bytes");
        return -1;
    }
    if (c < 0x20 && c != '\r') {
        TERR(t, "SyntaxError", col, col + 1, "invalid non-printable character U+%04X", c);
        return -1;
    }
    int n;
    TrOp op = scan_op(t->cur, t->end, &n);
    if (c == ')' || c == ']' || c == '}') {
        if (paren_error(t, tok, err) < 0)
            return -1;
    } else if (c == '(' || c == '[' || c == '{') {
        if (t->level >= TOK_MAX_PAREN) {
            TERR(t, "SyntaxError", col, -1, "too many nested parentheses");
            return -1;
        }
        t->paren[t->level] = (char)c;
        t->paren_line[t->level] = t->lineno;
        t->paren_col[t->level++] = col;
    }
    t->cur += n;
    make(t, tok, T_OP, start, t->lineno, col);
    tok->op = op;
    return 0;
}
