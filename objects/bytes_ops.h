/* objects/bytes_ops.h: private to objects/bytes.c, objects/bytearray.c and
 * objects/memoryview.c (which borrows hex):
 * the read-only methods and slots the two types share (objects/bytes_ops.c).
 * Each method reads `self` through a TrBytesView (a private copy for a
 * bytearray, taken under its lock) and builds results of `self`'s kind:
 * bytes for bytes, bytearray for bytearray.  Every function returns a new
 * reference or NULL with the exception set. */
#ifndef TORII_OBJECTS_BYTES_OPS_H
#define TORII_OBJECTS_BYTES_OPS_H
#include "torii/torii.h"
#include "torii/bytes.h"

/* b'..' with CPython's quoting and \xhh escapes; `bytearray` wraps it as
 * "bytearray(b'..')". */
TrObject *bytesops_repr(TrThread *ts, const char *p, size_t n, const char *wrap);
/* Rich comparison of two bytes-like objects; NotImplemented otherwise. */
TrObject *bytesops_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op);
/* `item in view`: an int byte or a bytes-like substring.  1, 0, -1. */
int bytesops_contains(TrThread *ts, const char *p, size_t n, TrObject *item);
/* A byte value from an int-like object, checked to range(0, 256).  0 or -1. */
int bytesops_byte_value(TrThread *ts, TrObject *o, int *out);
/* Fills a malloc'd buffer from bytes(x)'s argument forms: an iterable of ints
 * or a bytes-like object (not int, not str).  0 or -1; `*out` owned. */
int bytesops_from_object(TrThread *ts, TrObject *o, char **out, size_t *n);
/* fromhex(string) as a class method: `self` is the type (bound at start-up). */
TrObject *bytesops_fromhex(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw);

#define BYTESOPS_METHOD(name) \
    TrObject *bytesops_##name(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw)
BYTESOPS_METHOD(decode); BYTESOPS_METHOD(hex); BYTESOPS_METHOD(split); BYTESOPS_METHOD(rsplit);
BYTESOPS_METHOD(join); BYTESOPS_METHOD(strip); BYTESOPS_METHOD(lstrip); BYTESOPS_METHOD(rstrip);
BYTESOPS_METHOD(startswith); BYTESOPS_METHOD(endswith); BYTESOPS_METHOD(find); BYTESOPS_METHOD(rfind);
BYTESOPS_METHOD(index); BYTESOPS_METHOD(rindex); BYTESOPS_METHOD(count); BYTESOPS_METHOD(replace);
BYTESOPS_METHOD(upper); BYTESOPS_METHOD(lower); BYTESOPS_METHOD(isdigit); BYTESOPS_METHOD(isalpha);
BYTESOPS_METHOD(isspace); BYTESOPS_METHOD(isalnum); BYTESOPS_METHOD(isupper); BYTESOPS_METHOD(islower);
BYTESOPS_METHOD(isascii); BYTESOPS_METHOD(partition); BYTESOPS_METHOD(rpartition);
BYTESOPS_METHOD(splitlines); BYTESOPS_METHOD(swapcase); BYTESOPS_METHOD(capitalize);
BYTESOPS_METHOD(ljust); BYTESOPS_METHOD(rjust); BYTESOPS_METHOD(center); BYTESOPS_METHOD(zfill);
BYTESOPS_METHOD(removeprefix); BYTESOPS_METHOD(removesuffix); BYTESOPS_METHOD(expandtabs);
BYTESOPS_METHOD(title); BYTESOPS_METHOD(istitle); BYTESOPS_METHOD(translate);
/* maketrans(from, to) as a static method (bound to the type at start-up):
 * always a bytes of 256. */
BYTESOPS_METHOD(maketrans);
#undef BYTESOPS_METHOD

/* The methods above, as a table fragment both types include. */
#define BYTESOPS_METHOD_DEFS \
    {"decode", bytesops_decode}, {"hex", bytesops_hex}, {"split", bytesops_split}, \
    {"rsplit", bytesops_rsplit}, {"join", bytesops_join}, {"strip", bytesops_strip}, \
    {"lstrip", bytesops_lstrip}, {"rstrip", bytesops_rstrip}, {"startswith", bytesops_startswith}, \
    {"endswith", bytesops_endswith}, {"find", bytesops_find}, {"rfind", bytesops_rfind}, \
    {"index", bytesops_index}, {"rindex", bytesops_rindex}, {"count", bytesops_count}, \
    {"replace", bytesops_replace}, {"upper", bytesops_upper}, {"lower", bytesops_lower}, \
    {"isdigit", bytesops_isdigit}, {"isalpha", bytesops_isalpha}, {"isspace", bytesops_isspace}, \
    {"isalnum", bytesops_isalnum}, {"isupper", bytesops_isupper}, {"islower", bytesops_islower}, \
    {"isascii", bytesops_isascii}, {"partition", bytesops_partition}, {"rpartition", bytesops_rpartition}, \
    {"splitlines", bytesops_splitlines}, {"swapcase", bytesops_swapcase}, {"capitalize", bytesops_capitalize}, \
    {"ljust", bytesops_ljust}, {"rjust", bytesops_rjust}, {"center", bytesops_center}, \
    {"zfill", bytesops_zfill}, {"removeprefix", bytesops_removeprefix}, \
    {"removesuffix", bytesops_removesuffix}, {"expandtabs", bytesops_expandtabs}, {"title", bytesops_title}, \
    {"istitle", bytesops_istitle}, {"translate", bytesops_translate}
#endif
