/* objects/strbuf.c: TrStrBuf, a growable UTF-8 byte buffer for building str
 * objects (container reprs, join, formatting).
 * Threads: a buffer is a local of the function that builds it; it is never
 * shared, so nothing here locks.
 * Failure: the first allocation failure sets `failed`; later adds are no-ops
 * and strbuf_finish then returns NULL with MemoryError pending. */
#include <stdlib.h>
#include <string.h>

#include "torii/str.h"
#include "torii/error.h"

void strbuf_init(TrStrBuf *b) {
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = false;
}

/* Makes room for `extra` more bytes plus the terminating NUL.  0 or -1. */
static int reserve(TrStrBuf *b, size_t extra) {
    if (b->failed) return -1;
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) { b->failed = true; return -1; }
    b->data = p;
    b->cap = cap;
    return 0;
}

int strbuf_reserve(TrStrBuf *b, size_t extra) { return reserve(b, extra); }

void strbuf_add(TrStrBuf *b, const char *s, size_t n) {
    if (reserve(b, n) < 0) return;
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void strbuf_adds(TrStrBuf *b, const char *s) { strbuf_add(b, s, strlen(s)); }

void strbuf_addc(TrStrBuf *b, char c) {
    if (reserve(b, 1) < 0) return;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void strbuf_addstr(TrStrBuf *b, TrObject *o) { strbuf_add(b, str_utf8(o), str_nbytes(o)); }

void strbuf_addfill(TrStrBuf *b, const char *fill, size_t fill_nbytes, size_t count) {
    if (count == 0) return;
    if (reserve(b, fill_nbytes * count) < 0) return;
    if (fill_nbytes == 1) {
        memset(b->data + b->len, fill[0], count);
        b->len += count;
    } else {
        for (size_t i = 0; i < count; i++) {
            memcpy(b->data + b->len, fill, fill_nbytes);
            b->len += fill_nbytes;
        }
    }
    b->data[b->len] = '\0';
}

TrObject *strbuf_finish(TrThread *ts, TrStrBuf *b) {
    if (b->failed) {
        strbuf_free(b);
        return err_nomemory(ts);
    }
    TrObject *r = str_from_utf8(ts, b->data ? b->data : "", b->len);
    strbuf_free(b);
    return r;
}

void strbuf_free(TrStrBuf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
