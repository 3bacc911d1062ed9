/* include/torii/memoryview.h: the memoryview type (objects/memoryview.c), a
 * view of the bytes of another object without copying them.
 * The exporters are bytes (immutable), bytearray and io.BytesIO (both with
 * the TrByteArray layout: see include/torii/bytes.h); a view of a view
 * refers to the same root exporter. */
#ifndef TORII_MEMORYVIEW_H
#define TORII_MEMORYVIEW_H
#include "torii/object.h"
#include "torii/bytes.h"

extern TrType tr_memview_type;
static inline int memview_check(const TrObject *o) { return tr_isinstance(o, &tr_memview_type); }

/* memoryview(o) for a bytes-like `o`: TypeError "memoryview: a bytes-like
 * object is required, not 'int'".  New reference or NULL. */
TrObject *memview_new(TrThread *ts, TrObject *o);
/* A writable 1-D 'B' view of `exporter`, an object with the TrByteArray
 * layout whose lock guards its fields (io.BytesIO.getbuffer).  Counts one
 * export (the caller holds no lock).  New reference or NULL. */
TrObject *memview_from_array(TrThread *ts, TrObject *exporter);
/* The bytes of view `mv` in logical order, for bytes_view: borrowed from a
 * bytes exporter when contiguous, else a private copy in `v->owned`.
 * 1, or -1 (ValueError "operation forbidden on released memoryview object",
 * MemoryError). */
int memview_bytes_view(TrThread *ts, TrObject *mv, TrBytesView *v);
/* Copies `src[0..n)` into the first `n` bytes of view `mv`, which must be
 * writable and C-contiguous with at least `n` bytes: else -1 with TypeError
 * "`fname`() argument must be read-write bytes-like object, not memoryview".
 * 0 or -1. */
int memview_write_prefix(TrThread *ts, TrObject *mv, const char *src, size_t n, const char *fname);
/* The number of bytes in view `mv` (nbytes), or -1 with ValueError when released. */
ssize_t memview_nbytes(TrThread *ts, TrObject *mv);
/* A C-contiguous export of view `mv`'s bytes for the C API's buffers
 * (core/capi.c).  `root` is the exporter whose `exports` count was raised
 * (bytearray, io.BytesIO: it cannot resize until memview_unexport(root)), or
 * NULL for a bytes exporter.  `buf` stays valid while the caller holds `mv`
 * (which holds the root) and, for a counted root, until memview_unexport. */
typedef struct TrMemExport {
    char *buf;
    size_t len;
    int itemsize;
    char format;          /* the struct letter: 'B', 'd', ... */
    int readonly;
    TrObject *root;       /* borrowed: kept alive by `mv` */
} TrMemExport;
/* Fills `e`: 0, or -1 with BufferError (not C-contiguous; `writable` asked
 * of a read-only view) or ValueError (released). */
int memview_export(TrThread *ts, TrObject *mv, int writable, TrMemExport *e);
/* Drops the export memview_export counted on `root` (a TrByteArray layout). */
void memview_unexport(TrThread *ts, TrObject *root);
#endif
