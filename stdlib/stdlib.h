/* stdlib/stdlib.h: the builtin modules' entry points (private to torii).
 * Each returns a new module, or NULL with the exception set. */
#ifndef TORII_STDLIB_H
#define TORII_STDLIB_H
#include "torii/torii.h"

TrObject *builtins_module_init(TrThread *ts);
TrObject *sys_module_init(TrThread *ts, int argc, char **argv);
TrObject *sys_module_get(TrThread *ts);          /* for `import sys` */
TrObject *time_module_init(TrThread *ts);
TrObject *_thread_module_init(TrThread *ts);
TrObject *threading_module_init(TrThread *ts);
TrObject *math_module_init(TrThread *ts);

/* Readies every builtin type outside objects/type.c's own list
 * (stdlib/modules.c).  -1 on error. */
int objects_types_init(TrThread *ts);

/* sys.stdout / sys.stderr (stdlib/stdio.c). */
extern TrType tr_textio_type;
TrObject *stdio_stream_new(TrThread *ts, int fd, const char *name);
#endif
