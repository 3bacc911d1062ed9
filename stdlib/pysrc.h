/* stdlib/pysrc.h: the standard library modules written in Python, embedded
 * in the binary (the table is generated at build time from stdlib/py by
 * scripts/embed_py.cmake) and run on first import by stdlib/modules.c.
 * A source whose name is also a builtin C module (e.g. "threading") is run
 * in that module's dict after its C init, to add the parts written in Python. */
#ifndef TORII_STDLIB_PYSRC_H
#define TORII_STDLIB_PYSRC_H
#include <stddef.h>

typedef struct TrPySource {
    const char *name;       /* dotted module name: "queue", "concurrent.futures" */
    int is_package;         /* from a .../__init__.py: may have submodules */
    const char *source;     /* UTF-8, NUL-terminated; static */
    size_t len;             /* bytes, without the NUL */
} TrPySource;

/* Terminated by an entry whose name is NULL. */
extern const TrPySource tr_py_sources[];
#endif
