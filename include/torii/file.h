/* include/torii/file.h: file objects (`open()`, text and binary; sys.stdin),
 * objects/file.c. */
#ifndef TORII_FILE_H
#define TORII_FILE_H
#include "torii/object.h"

/* "_io.TextIOWrapper" for files opened by open() (UTF-8 text only). */
extern TrType tr_file_type;
/* io.UnsupportedOperation, an OSError subclass ("not readable"). */
extern TrType tr_exc_UnsupportedOperation;
/* The builtin open(file, mode='r', buffering=-1, encoding=None,
 * errors=None, newline=None, closefd=True, opener=None), as a builtin
 * function: `self` is ignored.  Returns a new file object, or NULL with
 * FileNotFoundError etc. set. */
TrObject *file_open(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames);
/* sys.stdin: the text file over descriptor 0 (name '<stdin>', UTF-8),
 * made on the first call (at start-up, by the sys module) and immortal.
 * Its reads detach the thread while they block.  Borrowed; NULL on error. */
TrObject *file_stdin(TrThread *ts);
/* Readies tr_file_type and tr_exc_UnsupportedOperation; once at start-up
 * or at the first import of io.  -1 on error. */
int file_types_init(TrThread *ts);
#endif
