/* include/torii/str.h: the str type.  Immutable, UTF-8 inside, code-point
 * semantics outside: len(), indexing and slicing count code points.  `ascii`
 * strings (the common case) index in O(1). */
#ifndef TORII_STR_H
#define TORII_STR_H
#include "torii/object.h"

typedef struct TrStr {
    TrObject ob_base;
    size_t nbytes;       /* UTF-8 length */
    size_t length;       /* code points */
    int64_t hash;        /* -1 until computed; atomic relaxed (idempotent race) */
    bool ascii;          /* every byte < 0x80 */
    char data[];         /* nbytes + 1, NUL-terminated */
} TrStr;

extern TrType tr_str_type;
static inline int str_check(const TrObject *o) { return tr_isinstance(o, &tr_str_type); }
/* New str from UTF-8 bytes (must be valid UTF-8).  NULL on MemoryError. */
TrObject *str_from_utf8(TrThread *ts, const char *s, size_t n);
TrObject *str_from_cstr(TrThread *ts, const char *s);
/* printf-style formatting with the same conversions as err_format. */
TrObject *str_format(TrThread *ts, const char *fmt, ...);
/* The interned, immortal str equal to `s`: the same object for the same text
 * in every thread.  NULL on MemoryError.  Borrowed (immortal). */
TrObject *str_intern_cstr(TrThread *ts, const char *s);
TrObject *str_intern_utf8(TrThread *ts, const char *s, size_t n);
/* Interns `o` (a str): returns the interned copy (borrowed, immortal). */
TrObject *str_intern(TrThread *ts, TrObject *o);
/* Borrowed pointer to the NUL-terminated UTF-8 text, valid while `o` lives. */
static inline const char *str_utf8(const TrObject *o) { return ((const TrStr *)o)->data; }
static inline size_t str_nbytes(const TrObject *o) { return ((const TrStr *)o)->nbytes; }
static inline size_t str_length(const TrObject *o) { return ((const TrStr *)o)->length; }
/* 1 if equal text.  Cannot fail. */
int str_equal(TrObject *a, TrObject *b);
int str_equal_cstr(TrObject *a, const char *s);
int64_t str_hash(TrObject *o);
/* Concatenation; new reference. */
TrObject *str_concat(TrThread *ts, TrObject *a, TrObject *b);
/* repr(s) with CPython's quoting rules; new reference. */
TrObject *str_repr(TrThread *ts, TrObject *s);
/* ascii(s): repr(s) with every non-ASCII character escaped; new reference. */
TrObject *str_ascii(TrThread *ts, TrObject *s);
/* `sep.join(iterable)`; new reference. */
TrObject *str_join(TrThread *ts, TrObject *sep, TrObject *iterable);

/* A new, unshared str holding a copy of `s` (valid UTF-8), never a cached
 * singleton: for callers that will make it immortal (interning).  New
 * reference; NULL on MemoryError. */
TrObject *str_from_utf8_fresh(TrThread *ts, const char *s, size_t n);
/* The hash str objects use for `n` bytes of text (never -1).  Cannot fail. */
int64_t str_hash_bytes(const char *s, size_t n);
/* A str of one code point `c` (< 0x110000); ASCII ones are cached and
 * immortal.  New reference; NULL on MemoryError. */
TrObject *str_from_codepoint(TrThread *ts, uint32_t c);
/* Adds the static method str.maketrans to str's dict (start-up). */
int str_type_init(TrThread *ts);

/* The iterator returned by iter(str).  Shared iterators never hand out a
 * character twice: the position advances by compare-and-swap. */
extern TrType tr_str_iter_type;

/* format(value, spec) and f-string `{value:spec}` (objects/format.c): the
 * format-spec mini-language for int, bool, float and str; for other types
 * an empty spec gives str(value) and a non-empty one TypeError
 * "unsupported format string passed to NoneType.__format__".  A user class
 * with a Python-level __format__ method gets it called.  `spec` is a str or
 * NULL (same as '').  Returns a new reference, NULL on error. */
TrObject *tr_format(TrThread *ts, TrObject *value, TrObject *spec);
/* `fmt % args` (printf-style formatting, fmt a str; args a tuple, a mapping
 * or a single value).  New reference, NULL on error. */
TrObject *str_printf_format(TrThread *ts, TrObject *fmt, TrObject *args);
/* ascii(o): repr(o) with every non-ASCII code point escaped (objects/format.c); new str. */
TrObject *tr_ascii(TrThread *ts, TrObject *o);
/* The method `fmt.format(*args, **kwargs)` (objects/format.c), in vector-call
 * form as a TrMethodDef wants it; new reference. */
/* str.format_map(mapping): fields by name looked up with mapping[name]. */
TrObject *str_format_map(TrThread *ts, TrObject *fmt, TrObject *mapping);
TrObject *str_format_method(TrThread *ts, TrObject *fmt, TrObject *const *args, size_t nargs,
                            TrObject *kwnames);

/* A growable UTF-8 buffer for building strings (repr of containers, join). */
typedef struct TrStrBuf { char *data; size_t len, cap; bool failed; } TrStrBuf;
void strbuf_init(TrStrBuf *b);
void strbuf_add(TrStrBuf *b, const char *s, size_t n);
void strbuf_adds(TrStrBuf *b, const char *s);
void strbuf_addc(TrStrBuf *b, char c);
/* Appends str `o`'s text. */
void strbuf_addstr(TrStrBuf *b, TrObject *o);
/* Appends `count` copies of the `fill_nbytes`-byte UTF-8 character `fill`. */
void strbuf_addfill(TrStrBuf *b, const char *fill, size_t fill_nbytes, size_t count);
/* Ensures room for `extra` more bytes; 0, or -1 after marking the buffer failed. */
int strbuf_reserve(TrStrBuf *b, size_t extra);
/* Returns a new str and frees the buffer; NULL (MemoryError) if any add failed. */
TrObject *strbuf_finish(TrThread *ts, TrStrBuf *b);
void strbuf_free(TrStrBuf *b);
#endif
