/* include/torii/bytes.h: the bytes type (immutable byte strings), the
 * bytearray type (their mutable twin) and the text codecs that turn str into
 * bytes and back (objects/bytes.c, objects/bytearray.c, objects/codecs.c). */
#ifndef TORII_BYTES_H
#define TORII_BYTES_H
#include "torii/object.h"

/* A bytes object: `size` bytes plus a NUL (never counted), immutable once
 * published.  `hash` is a cache: -1 until computed, relaxed atomic. */
typedef struct TrBytes {
    TrObject ob_base;
    size_t size;
    int64_t hash;
    char data[];
} TrBytes;

/* A bytearray: `data[0..size)` in a malloc'd block of `cap` bytes.  Every
 * field is written only under the object's lock (TR_BEGIN_CRITICAL); `size`
 * is also stored atomically so len() may read it without the lock.
 * While `exports` > 0 (memoryviews over the data are alive) `data` and
 * `size` never change: every resize raises BufferError.  io.BytesIO
 * (stdlib/bytesio.c) begins with this same layout, so a memoryview reaches
 * either through these fields, under the exporter's lock; so does mmap.mmap
 * (stdlib/mmap.c, a type flagged TR_TPFLAG_ARRAY_EXPORT), whose `data` is
 * the mapping. */
typedef struct TrByteArray {
    TrObject ob_base;
    char *data;          /* owned; NULL while cap == 0 */
    size_t size, cap;
    size_t exports;      /* live memoryviews; under the lock (read relaxed outside it) */
    bool readonly;       /* views are read-only (an mmap opened ACCESS_READ); set before sharing */
} TrByteArray;

extern TrType tr_bytes_type, tr_bytearray_type;
static inline int bytes_check(const TrObject *o) { return tr_isinstance(o, &tr_bytes_type); }
static inline int bytearray_check(const TrObject *o) { return tr_isinstance(o, &tr_bytearray_type); }

/* A new bytes holding a copy of `s[0..n)` (`s` may be NULL when n == 0).
 * New reference, NULL on MemoryError. */
TrObject *bytes_from(TrThread *ts, const char *s, size_t n);
/* A new bytes of `n` bytes for the caller to fill before sharing it (see
 * bytes_data).  New reference, NULL on MemoryError. */
TrObject *bytes_alloc(TrThread *ts, size_t n);
/* The bytes of a bytes object `o`: borrowed, valid while `o` lives. */
static inline char *bytes_data(TrObject *o) { return ((TrBytes *)o)->data; }
static inline size_t bytes_size(const TrObject *o) { return ((const TrBytes *)o)->size; }
/* A new bytearray holding a copy of `s[0..n)`.  New reference or NULL. */
TrObject *bytearray_from(TrThread *ts, const char *s, size_t n);

/* A read view of a bytes-like object (bytes, bytearray or memoryview).  For
 * bytes (and a contiguous memoryview of bytes) it points into the object;
 * for a bytearray (or a view of one) it is a private copy taken under the
 * array's lock (`owned`), so the view never changes under its reader. */
typedef struct TrBytesView {
    const char *p;
    size_t n;
    char *owned;         /* malloc'd copy or NULL; freed by bytes_view_release */
} TrBytesView;
/* Fills `v` for `o`: 1 when `o` is bytes-like, 0 (no exception) when not,
 * -1 on MemoryError (or ValueError for a released memoryview).  The view
 * borrows `o` (keep it alive while in use). */
int bytes_view(TrThread *ts, TrObject *o, TrBytesView *v);

/* readinto()'s target `dst` (a bytearray, an array.array or a writable
 * memoryview): its size in bytes now, or -1 with TypeError ("readinto()
 * argument must be read-write bytes-like object, not ...") or the view's
 * error (read-only, released).  `fname` names the method in errors. */
ssize_t bytes_into_room(TrThread *ts, TrObject *dst, const char *fname);
/* Copies data[0..n) to the start of `dst` (checked by bytes_into_room), at
 * most its size now (it may have shrunk), under its lock or through the
 * view.  Returns the bytes copied, or -1 with an exception. */
ssize_t bytes_into_copy(TrThread *ts, TrObject *dst, const char *data, size_t n, const char *fname);
void bytes_view_release(TrBytesView *v);

/* A bytes-like object, or the result of `o.__bytes__()`, as new bytes:
 * TypeError "__bytes__ returned non-bytes (type int)".  1 with `*out` set, 0
 * (no exception) when `o` is neither, -1 on error.  For bytes(x) and %b. */
int bytes_from_buffer_or_dunder(TrThread *ts, TrObject *o, TrObject **out);
/* `fmt % args` for bytes (PEP 461): `fmt[0..n)` is the format; the result
 * is a new bytes (objects/format.c, shared with str % args). */
TrObject *bytes_printf_format(TrThread *ts, const char *fmt, size_t n, TrObject *args);

/* Codecs (objects/codecs.c): utf-8, latin-1 and ascii under their usual
 * aliases; errors 'strict', 'ignore', 'replace', 'backslashreplace' (and
 * 'xmlcharrefreplace' when encoding).  LookupError "unknown encoding: x" /
 * "unknown error handler name 'x'"; UnicodeDecodeError / UnicodeEncodeError
 * with CPython's messages.  `encoding`/`errors` NULL mean 'utf-8'/'strict'.
 * codec_decode returns a new str, codec_encode a new bytes from str `s`. */
TrObject *codec_decode(TrThread *ts, const char *s, size_t n, const char *encoding, const char *errors);
TrObject *codec_encode(TrThread *ts, TrObject *s, const char *encoding, const char *errors);
/* Binds `(encoding='utf-8', errors='strict')` for str.encode / bytes.decode
 * (`fname` "encode" or "decode") and fills the two C strings (borrowed from
 * the arguments, or defaults).  0, or -1 with TypeError. */
int codec_args(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
               const char **encoding, const char **errors);

/* Readies bytes, bytearray and their iterators and adds the class methods
 * bytes.fromhex, bytearray.fromhex and int.from_bytes.  Once at start-up.  -1 on error. */
int bytes_types_init(TrThread *ts);
#endif
