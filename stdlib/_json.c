/* stdlib/_json.c: the core of the json module, in C for speed: an encoder
 * that writes a whole document into one buffer (_json.encode) and a
 * recursive-descent decoder (_json.scan).  The API (dumps, loads,
 * JSONEncoder, JSONDecoder, JSONDecodeError) is Python, in
 * stdlib/py/json/__init__.py; it passes every option in explicitly.
 * Output and error messages are CPython 3.13's: the decoder raises the
 * JSONDecodeError class it is given, as errcls(msg, doc, pos), with `pos`
 * counted in code points although the scan runs over the UTF-8 bytes.
 * Threads: stateless; every call works on its own buffers.  Containers being
 * encoded are read through the ordinary (locking) accessors, never by
 * holding a lock while Python code (default=, hooks) runs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"

/* ---- encoder ----------------------------------------------------------- */

typedef struct Encoder {
    TrStrBuf out;
    TrObject *indent;        /* borrowed: a str, or NULL for one line */
    TrObject *item_sep, *key_sep;   /* borrowed strs */
    TrObject *dflt;          /* borrowed: called for unknown objects */
    int sort_keys, ensure_ascii, allow_nan, check_circular, skipkeys;
    int level;               /* indent level */
    TrObject **stack;        /* containers being encoded, for "Circular reference detected" */
    size_t nstack, capstack;
} Encoder;

static const char hexdig[] = "0123456789abcdef";

static void add_u4(TrStrBuf *b, unsigned c) {
    char t[6] = {'\\', 'u', hexdig[(c >> 12) & 15], hexdig[(c >> 8) & 15], hexdig[(c >> 4) & 15], hexdig[c & 15]};
    strbuf_add(b, t, 6);
}

/* Decodes one UTF-8 sequence at s (valid, surrogates allowed); advances *i. */
static uint32_t utf8_next(const unsigned char *s, size_t *i) {
    unsigned char c = s[*i];
    if (c < 0x80) { (*i)++; return c; }
    if (c < 0xe0) { uint32_t r = ((c & 0x1fu) << 6) | (s[*i + 1] & 0x3fu); *i += 2; return r; }
    if (c < 0xf0) {
        uint32_t r = ((c & 0x0fu) << 12) | ((s[*i + 1] & 0x3fu) << 6) | (s[*i + 2] & 0x3fu);
        *i += 3;
        return r;
    }
    uint32_t r = ((c & 0x07u) << 18) | ((s[*i + 1] & 0x3fu) << 12) | ((s[*i + 2] & 0x3fu) << 6) | (s[*i + 3] & 0x3fu);
    *i += 4;
    return r;
}

/* Appends `s` as a JSON string literal. */
static void encode_str(TrStrBuf *b, TrObject *s, int ensure_ascii) {
    const unsigned char *p = (const unsigned char *)str_utf8(s);
    size_t n = str_nbytes(s), i = 0;
    if (strbuf_reserve(b, n + 2) < 0) return;
    strbuf_addc(b, '"');
    while (i < n) {
        size_t run = i;
        /* the common case: bytes that are copied as they are */
        while (run < n) {
            unsigned char c = p[run];
            if (c < 0x20 || c == '"' || c == '\\' || (ensure_ascii && c >= 0x7f)) break;
            run++;
        }
        if (run > i) { strbuf_add(b, (const char *)p + i, run - i); i = run; }
        if (i >= n) break;
        unsigned char c = p[i];
        if (c >= 0x7f) {
            uint32_t cp = utf8_next(p, &i);
            if (cp >= 0x10000) {
                cp -= 0x10000;
                add_u4(b, 0xd800 | (cp >> 10));
                add_u4(b, 0xdc00 | (cp & 0x3ff));
            } else {
                add_u4(b, cp);
            }
            continue;
        }
        i++;
        switch (c) {
        case '"': strbuf_add(b, "\\\"", 2); break;
        case '\\': strbuf_add(b, "\\\\", 2); break;
        case '\n': strbuf_add(b, "\\n", 2); break;
        case '\r': strbuf_add(b, "\\r", 2); break;
        case '\t': strbuf_add(b, "\\t", 2); break;
        case '\b': strbuf_add(b, "\\b", 2); break;
        case '\f': strbuf_add(b, "\\f", 2); break;
        default: add_u4(b, c); break;
        }
    }
    strbuf_addc(b, '"');
}

/* The text of a float as JSON writes it; NULL (ValueError) for a
 * non-finite one when allow_nan is off.  Writes into buf (>= 32 bytes). */
static const char *float_text(TrThread *ts, Encoder *e, TrObject *o, char *buf) {
    double v = float_value(o);
    if (isfinite(v)) { float_format_repr(v, buf); return buf; }
    if (!e->allow_nan) {
        err_format(ts, &tr_exc_ValueError, "Out of range float values are not JSON compliant: %R", o);
        return NULL;
    }
    return isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
}

/* Appends int `o`'s decimal text (int.__repr__, whatever the subclass). */
static int add_int(TrThread *ts, TrStrBuf *b, TrObject *o) {
    if (tr_is_imm(o)) {
        char t[32];
        int n = snprintf(t, sizeof t, "%lld", (long long)int_as_i64(ts, o));
        strbuf_add(b, t, (size_t)n);
        return 0;
    }
    TrObject *r = int_repr(ts, o);
    if (!r) return -1;
    strbuf_addstr(b, r);
    tr_decref(r);
    return 0;
}

static void newline_indent(Encoder *e) {
    strbuf_addc(&e->out, '\n');
    for (int i = 0; i < e->level; i++) strbuf_addstr(&e->out, e->indent);
}

static int push_marker(TrThread *ts, Encoder *e, TrObject *o) {
    if (!e->check_circular) return 0;
    for (size_t i = 0; i < e->nstack; i++)
        if (e->stack[i] == o) { err_set(ts, &tr_exc_ValueError, "Circular reference detected"); return -1; }
    if (e->nstack == e->capstack) {
        size_t cap = e->capstack ? e->capstack * 2 : 16;
        TrObject **s = realloc(e->stack, cap * sizeof *s);
        if (!s) { err_nomemory(ts); return -1; }
        e->stack = s;
        e->capstack = cap;
    }
    e->stack[e->nstack++] = o;
    return 0;
}

static void pop_marker(Encoder *e) { if (e->check_circular) e->nstack--; }

static int encode_obj(TrThread *ts, Encoder *e, TrObject *o);

static int enter(TrThread *ts) {
    if (ts->recursion_depth >= ts->recursion_limit) {
        err_set(ts, &tr_exc_RecursionError, "maximum recursion depth exceeded while encoding a JSON object");
        return -1;
    }
    ts->recursion_depth++;
    return 0;
}

static int encode_list(TrThread *ts, Encoder *e, TrObject *o) {
    int is_tuple = tuple_check(o);
    size_t n = is_tuple ? tuple_size(o) : list_size(o);
    if (n == 0) { strbuf_add(&e->out, "[]", 2); return 0; }
    if (push_marker(ts, e, o) < 0) return -1;
    strbuf_addc(&e->out, '[');
    if (e->indent) { e->level++; newline_indent(e); }
    for (size_t i = 0;; i++) {
        TrObject *item;
        if (is_tuple) {
            if (i >= tuple_size(o)) break;
            item = tr_newref(tuple_get(o, i));
        } else {
            int r = list_get_ref_at(ts, o, i, &item);
            if (r < 0) return -1;
            if (r == 0) break;
            if (r == 2) tr_incref(item);
        }
        if (i) {
            strbuf_addstr(&e->out, e->item_sep);
            if (e->indent) newline_indent(e);
        }
        int r = encode_obj(ts, e, item);
        tr_decref(item);
        if (r < 0) return -1;
    }
    if (e->indent) { e->level--; newline_indent(e); }
    strbuf_addc(&e->out, ']');
    pop_marker(e);
    return 0;
}

/* Appends the key of a dict item as a JSON string; 1 when it is to be
 * skipped (skipkeys), 0 done, -1 error. */
static int encode_key(TrThread *ts, Encoder *e, TrObject *k) {
    if (str_check(k)) { encode_str(&e->out, k, e->ensure_ascii); return 0; }
    const char *lit = NULL;
    char buf[40];
    if (float_check(k)) {
        lit = float_text(ts, e, k, buf);
        if (!lit) return -1;
    } else if (k == tr_true) lit = "true";
    else if (k == tr_false) lit = "false";
    else if (k == tr_none) lit = "null";
    else if (int_check(k)) {
        strbuf_addc(&e->out, '"');
        if (add_int(ts, &e->out, k) < 0) return -1;
        strbuf_addc(&e->out, '"');
        return 0;
    } else if (e->skipkeys) {
        return 1;
    } else {
        err_format(ts, &tr_exc_TypeError, "keys must be str, int, float, bool or None, not %s",
                   type_qualname(tr_type(k)));
        return -1;
    }
    strbuf_addc(&e->out, '"');
    strbuf_adds(&e->out, lit);
    strbuf_addc(&e->out, '"');
    return 0;
}

static int encode_dict(TrThread *ts, Encoder *e, TrObject *o) {
    if (dict_size(o) == 0) { strbuf_add(&e->out, "{}", 2); return 0; }
    if (push_marker(ts, e, o) < 0) return -1;
    /* sorted: a list of (key, value) tuples sorted as tuples, as CPython;
     * else straight from the dict in insertion order */
    TrObject *items = NULL;
    if (e->sort_keys) {
        items = dict_items_list(ts, o);
        if (!items) return -1;
        if (list_sort(ts, items, NULL, 0) < 0) { tr_decref(items); return -1; }
    }
    strbuf_addc(&e->out, '{');
    if (e->indent) { e->level++; newline_indent(e); }
    int first = 1;
    size_t pos = 0;
    for (size_t i = 0;; i++) {
        TrObject *k, *v, *kv = NULL;
        if (items) {
            int r = list_get_ref_at(ts, items, i, &kv);
            if (r < 0) { tr_decref(items); return -1; }
            if (r == 0) break;
            k = tr_newref(tuple_get(kv, 0));
            v = tr_newref(tuple_get(kv, 1));
            tr_decref(kv);
        } else if (!dict_next(ts, o, &pos, &k, &v)) {
            break;
        }
        size_t mark = e->out.len;
        if (!first) {
            strbuf_addstr(&e->out, e->item_sep);
            if (e->indent) newline_indent(e);
        }
        int r = encode_key(ts, e, k);
        if (r == 1) { e->out.len = mark; tr_decref(k); tr_decref(v); continue; }
        if (r == 0) {
            strbuf_addstr(&e->out, e->key_sep);
            r = encode_obj(ts, e, v);
        }
        tr_decref(k);
        tr_decref(v);
        if (r < 0) { tr_xdecref(items); return -1; }
        first = 0;
    }
    tr_xdecref(items);
    if (e->indent) { e->level--; newline_indent(e); }
    strbuf_addc(&e->out, '}');
    pop_marker(e);
    return 0;
}

static int encode_obj(TrThread *ts, Encoder *e, TrObject *o) {
    if (o == tr_none) { strbuf_add(&e->out, "null", 4); return 0; }
    if (o == tr_true) { strbuf_add(&e->out, "true", 4); return 0; }
    if (o == tr_false) { strbuf_add(&e->out, "false", 5); return 0; }
    if (str_check(o)) { encode_str(&e->out, o, e->ensure_ascii); return 0; }
    if (int_check(o)) return add_int(ts, &e->out, o);
    if (float_check(o)) {
        char buf[40];
        const char *t = float_text(ts, e, o, buf);
        if (!t) return -1;
        strbuf_adds(&e->out, t);
        return 0;
    }
    if (enter(ts) < 0) return -1;
    int r;
    if (list_check(o) || tuple_check(o)) {
        r = encode_list(ts, e, o);
    } else if (dict_check(o)) {
        r = encode_dict(ts, e, o);
    } else {
        r = push_marker(ts, e, o);
        if (r == 0) {
            TrObject *v = tr_call(ts, e->dflt, &o, 1, NULL);
            if (!v) r = -1;
            else {
                r = encode_obj(ts, e, v);
                tr_decref(v);
            }
            if (r == 0) pop_marker(e);
        }
    }
    ts->recursion_depth--;
    return r;
}

/* encode(obj, indent, sort_keys, item_sep, key_sep, ensure_ascii,
 *        allow_nan, check_circular, default, skipkeys) -> str */
static TrObject *json_encode(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "encode", nargs, kwnames, 10, 10) < 0) return NULL;
    Encoder e;
    memset(&e, 0, sizeof e);
    e.indent = args[1] == tr_none ? NULL : args[1];
    e.item_sep = args[3];
    e.key_sep = args[4];
    if ((e.indent && !str_check(e.indent)) || !str_check(e.item_sep) || !str_check(e.key_sep))
        return err_format(ts, &tr_exc_TypeError, "indent and separators must be str");
    int flags[5];
    const int which[5] = {2, 5, 6, 7, 9};
    for (int i = 0; i < 5; i++) {
        flags[i] = tr_is_true(ts, args[which[i]]);
        if (flags[i] < 0) return NULL;
    }
    e.sort_keys = flags[0];
    e.ensure_ascii = flags[1];
    e.allow_nan = flags[2];
    e.check_circular = flags[3];
    e.skipkeys = flags[4];
    e.dflt = args[8];
    strbuf_init(&e.out);
    int r = encode_obj(ts, &e, args[0]);
    free(e.stack);
    if (r < 0) { strbuf_free(&e.out); return NULL; }
    return strbuf_finish(ts, &e.out);
}

/* encode_basestring(s, ensure_ascii) -> the JSON literal of str s. */
static TrObject *json_encode_str(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "encode_str", nargs, kwnames, 2, 2) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "first argument must be a string, not %.80s", tr_type_name(args[0]));
    int a = tr_is_true(ts, args[1]);
    if (a < 0) return NULL;
    TrStrBuf b;
    strbuf_init(&b);
    encode_str(&b, args[0], a);
    return strbuf_finish(ts, &b);
}

/* ---- decoder ----------------------------------------------------------- */

typedef struct Decoder {
    TrObject *doc;                   /* borrowed: the str being decoded */
    const char *s;                   /* its UTF-8 text */
    size_t n;                        /* bytes */
    TrObject *errcls;                /* borrowed: JSONDecodeError */
    TrObject *object_hook, *pairs_hook, *parse_float, *parse_int, *parse_constant;   /* borrowed or NULL */
    int strict;
} Decoder;

/* Code-point index of byte offset `off`. */
static size_t cp_index(Decoder *d, size_t off) {
    if (((TrStr *)d->doc)->ascii) return off;
    size_t k = 0;
    for (size_t i = 0; i < off; i++)
        if (((unsigned char)d->s[i] & 0xc0) != 0x80) k++;
    return k;
}

/* Raises errcls(msg, doc, pos) for the byte offset `off`; returns NULL. */
static TrObject *fail(TrThread *ts, Decoder *d, const char *msg, size_t off) {
    if (err_occurred(ts)) return NULL;
    TrObject *m = str_from_cstr(ts, msg);
    TrObject *pos = m ? int_from_i64(ts, (int64_t)cp_index(d, off)) : NULL;
    if (!pos) { tr_xdecref(m); return NULL; }
    TrObject *a[3] = {m, d->doc, pos};
    TrObject *exc = tr_call(ts, d->errcls, a, 3, NULL);
    tr_decref(m);
    tr_decref(pos);
    if (exc) err_raise(ts, exc);
    return NULL;
}

static size_t skip_ws(Decoder *d, size_t i) {
    while (i < d->n) {
        char c = d->s[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        i++;
    }
    return i;
}

static int hex4(const char *p, uint32_t *out) {
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p[k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (uint32_t)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

static void add_cp(TrStrBuf *b, uint32_t c) {
    char t[4];
    size_t n;
    if (c < 0x80) { t[0] = (char)c; n = 1; }
    else if (c < 0x800) { t[0] = (char)(0xc0 | (c >> 6)); t[1] = (char)(0x80 | (c & 0x3f)); n = 2; }
    else if (c < 0x10000) {
        t[0] = (char)(0xe0 | (c >> 12)); t[1] = (char)(0x80 | ((c >> 6) & 0x3f)); t[2] = (char)(0x80 | (c & 0x3f)); n = 3;
    } else {
        t[0] = (char)(0xf0 | (c >> 18)); t[1] = (char)(0x80 | ((c >> 12) & 0x3f));
        t[2] = (char)(0x80 | ((c >> 6) & 0x3f)); t[3] = (char)(0x80 | (c & 0x3f)); n = 4;
    }
    strbuf_add(b, t, n);
}

/* The string whose opening quote is at byte `q`; *end is set past the
 * closing quote. */
static TrObject *scan_string(TrThread *ts, Decoder *d, size_t q, size_t *end) {
    const char *s = d->s;
    size_t i = q + 1, n = d->n;
    /* fast path: no escapes */
    size_t j = i;
    while (j < n) {
        unsigned char c = (unsigned char)s[j];
        if (c == '"' || c == '\\' || (c < 0x20 && d->strict)) break;
        j++;
    }
    if (j < n && s[j] == '"') {
        *end = j + 1;
        return str_from_utf8(ts, s + i, j - i);
    }
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_add(&b, s + i, j - i);
    i = j;
    for (;;) {
        if (i >= n) { strbuf_free(&b); return fail(ts, d, "Unterminated string starting at", q); }
        unsigned char c = (unsigned char)s[i];
        if (c == '"') break;
        if (c < 0x20 && d->strict) {
            strbuf_free(&b);
            return fail(ts, d, "Invalid control character at", i);
        }
        if (c != '\\') {
            size_t k = i;
            while (k < n && s[k] != '"' && s[k] != '\\' && !((unsigned char)s[k] < 0x20 && d->strict)) k++;
            strbuf_add(&b, s + i, k - i);
            i = k;
            continue;
        }
        /* an escape */
        if (i + 1 >= n) { strbuf_free(&b); return fail(ts, d, "Unterminated string starting at", q); }
        char esc = s[i + 1];
        char simple = 0;
        switch (esc) {
        case '"': simple = '"'; break;
        case '\\': simple = '\\'; break;
        case '/': simple = '/'; break;
        case 'b': simple = '\b'; break;
        case 'f': simple = '\f'; break;
        case 'n': simple = '\n'; break;
        case 'r': simple = '\r'; break;
        case 't': simple = '\t'; break;
        case 'u': break;
        default:
            strbuf_free(&b);
            return fail(ts, d, "Invalid \\escape", i);
        }
        if (simple) { strbuf_addc(&b, simple); i += 2; continue; }
        uint32_t cp;
        if (i + 6 > n || hex4(s + i + 2, &cp) < 0) {
            strbuf_free(&b);
            return fail(ts, d, "Invalid \\uXXXX escape", i + 1);
        }
        i += 6;
        if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n && s[i] == '\\' && s[i + 1] == 'u') {
            uint32_t lo;
            if (i + 6 > n || hex4(s + i + 2, &lo) < 0) {
                strbuf_free(&b);
                return fail(ts, d, "Invalid \\uXXXX escape", i + 1);
            }
            if (lo >= 0xdc00 && lo <= 0xdfff) {
                cp = 0x10000 + (((cp - 0xd800) << 10) | (lo - 0xdc00));
                i += 6;
            }
        }
        add_cp(&b, cp);
    }
    *end = i + 1;
    return strbuf_finish(ts, &b);
}

static TrObject *scan_value(TrThread *ts, Decoder *d, size_t i, size_t *end);

static int enter_dec(TrThread *ts, const char *what) {
    if (ts->recursion_depth >= ts->recursion_limit) {
        err_format(ts, &tr_exc_RecursionError,
                   "maximum recursion depth exceeded while decoding a JSON %s from a unicode string", what);
        return -1;
    }
    ts->recursion_depth++;
    return 0;
}

static TrObject *scan_array(TrThread *ts, Decoder *d, size_t i, size_t *end) {
    TrObject *list = list_new(ts, 0);
    if (!list) return NULL;
    i = skip_ws(d, i + 1);
    if (i < d->n && d->s[i] == ']') { *end = i + 1; return list; }
    for (;;) {
        TrObject *v = scan_value(ts, d, i, &i);
        if (!v) goto error;
        if (list_append_take(ts, list, v) < 0) goto error;
        i = skip_ws(d, i);
        if (i < d->n && d->s[i] == ']') { *end = i + 1; return list; }
        if (i >= d->n || d->s[i] != ',') { fail(ts, d, "Expecting ',' delimiter", i); goto error; }
        size_t comma = i;
        i = skip_ws(d, i + 1);
        if (i < d->n && d->s[i] == ']') {
            fail(ts, d, "Illegal trailing comma before end of array", comma);
            goto error;
        }
    }
error:
    tr_decref(list);
    return NULL;
}

static TrObject *scan_object(TrThread *ts, Decoder *d, size_t i, size_t *end) {
    /* with object_pairs_hook the pairs go to a list, else to a dict */
    TrObject *acc = d->pairs_hook ? list_new(ts, 0) : dict_new(ts);
    if (!acc) return NULL;
    i = skip_ws(d, i + 1);
    if (i < d->n && d->s[i] == '}') { i++; goto done; }
    if (i >= d->n || d->s[i] != '"') {
        fail(ts, d, "Expecting property name enclosed in double quotes", i);
        goto error;
    }
    for (;;) {
        TrObject *key = scan_string(ts, d, i, &i);
        if (!key) goto error;
        i = skip_ws(d, i);
        if (i >= d->n || d->s[i] != ':') {
            tr_decref(key);
            fail(ts, d, "Expecting ':' delimiter", i);
            goto error;
        }
        i = skip_ws(d, i + 1);
        TrObject *v = scan_value(ts, d, i, &i);
        if (!v) { tr_decref(key); goto error; }
        int r;
        if (d->pairs_hook) {
            TrObject *pair = tuple_new(ts, 2);
            if (!pair) { tr_decref(key); tr_decref(v); goto error; }
            tuple_set_take(pair, 0, key);
            tuple_set_take(pair, 1, v);
            r = list_append_take(ts, acc, pair);
        } else {
            r = dict_set(ts, acc, key, v);
            tr_decref(key);
            tr_decref(v);
        }
        if (r < 0) goto error;
        i = skip_ws(d, i);
        if (i < d->n && d->s[i] == '}') { i++; break; }
        if (i >= d->n || d->s[i] != ',') { fail(ts, d, "Expecting ',' delimiter", i); goto error; }
        size_t comma = i;
        i = skip_ws(d, i + 1);
        if (i < d->n && d->s[i] == '}') {
            fail(ts, d, "Illegal trailing comma before end of object", comma);
            goto error;
        }
        if (i >= d->n || d->s[i] != '"') {
            fail(ts, d, "Expecting property name enclosed in double quotes", i);
            goto error;
        }
    }
done:
    *end = i;
    TrObject *hook = d->pairs_hook ? d->pairs_hook : d->object_hook;
    if (hook) {
        TrObject *r = tr_call(ts, hook, &acc, 1, NULL);
        tr_decref(acc);
        return r;
    }
    return acc;
error:
    tr_decref(acc);
    return NULL;
}

/* A number starting at byte i (a '-' or a digit); NULL with *end == i and
 * no exception when there is none ("Expecting value"). */
static TrObject *scan_number(TrThread *ts, Decoder *d, size_t i, size_t *end) {
    const char *s = d->s;
    size_t n = d->n, j = i;
    if (j < n && s[j] == '-') j++;
    if (j >= n || s[j] < '0' || s[j] > '9') { *end = i; return NULL; }
    if (s[j] == '0') j++;
    else while (j < n && s[j] >= '0' && s[j] <= '9') j++;
    int is_float = 0;
    if (j + 1 < n && s[j] == '.' && s[j + 1] >= '0' && s[j + 1] <= '9') {
        is_float = 1;
        j += 2;
        while (j < n && s[j] >= '0' && s[j] <= '9') j++;
    }
    if (j < n && (s[j] == 'e' || s[j] == 'E')) {
        size_t k = j + 1;
        if (k < n && (s[k] == '+' || s[k] == '-')) k++;
        if (k < n && s[k] >= '0' && s[k] <= '9') {
            while (k < n && s[k] >= '0' && s[k] <= '9') k++;
            is_float = 1;
            j = k;
        }
    }
    *end = j;
    size_t len = j - i;
    TrObject *hook = is_float ? d->parse_float : d->parse_int;
    if (hook) {
        TrObject *text = str_from_utf8(ts, s + i, len);
        if (!text) return NULL;
        TrObject *r = tr_call(ts, hook, &text, 1, NULL);
        tr_decref(text);
        return r;
    }
    if (!is_float && len <= 18) {
        int64_t v = 0;
        size_t k = i + (s[i] == '-');
        for (; k < j; k++) v = v * 10 + (s[k] - '0');
        return int_from_i64(ts, s[i] == '-' ? -v : v);
    }
    if (!is_float) return int_from_string(ts, s + i, len, 10);
    char small[64];
    char *buf = len < sizeof small ? small : malloc(len + 1);
    if (!buf) return err_nomemory(ts);
    memcpy(buf, s + i, len);
    buf[len] = 0;
    double v = strtod(buf, NULL);
    if (buf != small) free(buf);
    return float_new(ts, v);
}

static TrObject *constant(TrThread *ts, Decoder *d, const char *name, double v) {
    if (d->parse_constant) {
        TrObject *t = str_from_cstr(ts, name);
        if (!t) return NULL;
        TrObject *r = tr_call(ts, d->parse_constant, &t, 1, NULL);
        tr_decref(t);
        return r;
    }
    return float_new(ts, v);
}

static int at(Decoder *d, size_t i, const char *lit) {
    size_t k = strlen(lit);
    return i + k <= d->n && memcmp(d->s + i, lit, k) == 0;
}

static TrObject *scan_value(TrThread *ts, Decoder *d, size_t i, size_t *end) {
    if (i >= d->n) return fail(ts, d, "Expecting value", i);
    TrObject *r;
    switch (d->s[i]) {
    case '"': return scan_string(ts, d, i, end);
    case '{':
        if (enter_dec(ts, "object") < 0) return NULL;
        r = scan_object(ts, d, i, end);
        ts->recursion_depth--;
        return r;
    case '[':
        if (enter_dec(ts, "array") < 0) return NULL;
        r = scan_array(ts, d, i, end);
        ts->recursion_depth--;
        return r;
    case 'n': if (at(d, i, "null")) { *end = i + 4; return tr_newref(tr_none); } break;
    case 't': if (at(d, i, "true")) { *end = i + 4; return tr_newref(tr_true); } break;
    case 'f': if (at(d, i, "false")) { *end = i + 5; return tr_newref(tr_false); } break;
    case 'N': if (at(d, i, "NaN")) { *end = i + 3; return constant(ts, d, "NaN", NAN); } break;
    case 'I': if (at(d, i, "Infinity")) { *end = i + 8; return constant(ts, d, "Infinity", INFINITY); } break;
    case '-':
        if (at(d, i, "-Infinity")) { *end = i + 9; return constant(ts, d, "-Infinity", -INFINITY); }
        /* fall through */
    default: {
        size_t e;
        r = scan_number(ts, d, i, &e);
        if (r || err_occurred(ts)) { *end = e; return r; }
        break;
    }
    }
    return fail(ts, d, "Expecting value", i);
}

static TrObject *none_to_null(TrObject *o) { return o == tr_none ? NULL : o; }

/* scan(s, idx, whole, errcls, strict, object_hook, object_pairs_hook,
 *      parse_float, parse_int, parse_constant)
 * whole: skip whitespace, decode, reject extra data; returns the value.
 * else: decode the value at code point idx; returns (value, end). */
static TrObject *json_scan(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "scan", nargs, kwnames, 10, 10) < 0) return NULL;
    if (!str_check(args[0]))
        return err_format(ts, &tr_exc_TypeError, "first argument must be a string, not %.80s", tr_type_name(args[0]));
    Decoder d;
    d.doc = args[0];
    d.s = str_utf8(args[0]);
    d.n = str_nbytes(args[0]);
    int64_t idx;
    if (tr_index_i64(ts, args[1], &idx) < 0) return NULL;
    int whole = tr_is_true(ts, args[2]);
    if (whole < 0) return NULL;
    d.errcls = args[3];
    d.strict = tr_is_true(ts, args[4]);
    if (d.strict < 0) return NULL;
    d.object_hook = none_to_null(args[5]);
    d.pairs_hook = none_to_null(args[6]);
    d.parse_float = none_to_null(args[7]);
    d.parse_int = none_to_null(args[8]);
    d.parse_constant = none_to_null(args[9]);
    if (idx < 0) return err_format(ts, &tr_exc_ValueError, "idx cannot be negative");
    /* code point index -> byte offset */
    size_t off = 0;
    if (((TrStr *)d.doc)->ascii) off = (size_t)idx < d.n ? (size_t)idx : d.n;
    else {
        for (int64_t k = 0; k < idx && off < d.n; k++) {
            off++;
            while (off < d.n && ((unsigned char)d.s[off] & 0xc0) == 0x80) off++;
        }
    }
    if (whole) off = skip_ws(&d, off);
    size_t end;
    TrObject *v = scan_value(ts, &d, off, &end);
    if (!v) return NULL;
    if (whole) {
        end = skip_ws(&d, end);
        if (end != d.n) { tr_decref(v); return fail(ts, &d, "Extra data", end); }
        return v;
    }
    TrObject *e = int_from_i64(ts, (int64_t)cp_index(&d, end));
    if (!e) { tr_decref(v); return NULL; }
    TrObject *t = tuple_new(ts, 2);
    if (!t) { tr_decref(v); tr_decref(e); return NULL; }
    tuple_set_take(t, 0, v);
    tuple_set_take(t, 1, e);
    return t;
}

static const TrMethodDef json_functions[] = {
    {"encode", json_encode},
    {"encode_str", json_encode_str},
    {"scan", json_scan},
    {NULL, NULL},
};

TrObject *_json_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "_json");
    if (!m) return NULL;
    if (module_add_functions(ts, m, json_functions) < 0) { tr_decref(m); return NULL; }
    return m;
}
