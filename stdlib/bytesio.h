/* stdlib/bytesio.h: io.BytesIO (stdlib/bytesio.c), for stdlib/io.c. */
#ifndef TORII_STDLIB_BYTESIO_H
#define TORII_STDLIB_BYTESIO_H
#include "torii/torii.h"

/* The type `_io.BytesIO`; subclassable. */
extern TrType tr_bytesio_type;
/* Readies tr_bytesio_type; once, from io_module_init (under the import lock).  -1 on error. */
int bytesio_type_init(TrThread *ts);
#endif
