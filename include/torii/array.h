/* include/torii/array.h: the array.array type (stdlib/array.c), a growable
 * array of C numbers or code points of one type code.
 * Its struct begins with the TrByteArray layout (include/torii/bytes.h):
 * `ba.data[0..ba.size)` holds the items (`ba.size` counts bytes), guarded by
 * the array's lock, and `ba.exports` counts the memoryviews over it, so
 * memoryview and bytes_view reach an array exactly as they reach a
 * bytearray; while exports are counted the array never resizes. */
#ifndef TORII_ARRAY_H
#define TORII_ARRAY_H
#include "torii/object.h"
#include "torii/bytes.h"

typedef struct TrArray {
    TrByteArray ba;
    char typecode;      /* one of "bBuwhHiIlLqQfd"; set at creation, never changes */
    int itemsize;       /* bytes per item; set at creation, never changes */
} TrArray;

extern TrType tr_array_type;
static inline int array_check(const TrObject *o) { return !tr_is_imm(o) && tr_isinstance(o, &tr_array_type); }
#endif
