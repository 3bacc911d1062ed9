/* include/torii/runtime.h: start-up, the entry points the CLI uses, and the
 * builtin module registry. */
#ifndef TORII_RUNTIME_H
#define TORII_RUNTIME_H
#include "torii/object.h"
#include "torii/thread.h"

/* Initialises allocator hooks, the main thread state, builtin types,
 * builtins and sys.  Returns the main thread, or NULL (fatal). */
TrThread *runtime_init(int argc, char **argv);
/* Waits for non-daemon threads, drains BRC queues, flushes stdout.  Returns the
 * exit status to use. */
int runtime_finalize(TrThread *ts, int status);
/* Compiles and runs `source` as __main__ with `filename`.  Returns the exit
 * status: 0, 1 after printing an uncaught exception or syntax error, or the
 * SystemExit code. */
int runtime_run_source(TrThread *ts, const char *source, size_t len, const char *filename);

/* Builtin modules: each stdlib/<name>.c defines `TrObject *<name>_module_init(TrThread *)`
 * returning a new module (new reference) or NULL.  `import name` looks the name
 * up in this table (stdlib/modules.c). */
typedef struct TrModuleDef { const char *name; TrObject *(*init)(TrThread *ts); } TrModuleDef;
extern const TrModuleDef tr_builtin_modules[];
/* import: returns a new reference to the module (cached in sys.modules), or
 * NULL with ModuleNotFoundError "No module named 'x'". */
TrObject *runtime_import(TrThread *ts, TrObject *name);

/* Writes text to stdout / stderr (buffered, thread-safe).  -1 on error. */
int tr_write_stdout(TrThread *ts, const char *s, size_t n);
int tr_write_stderr(const char *s, size_t n);
void tr_flush_stdout(void);
/* Writes an error report (a traceback, an unraisable report) where Python
 * code expects it: to sys.stderr, which a script may have replaced (its
 * write() is called; None drops the text), else to fd 2.  Errors while
 * writing are swallowed; the pending exception is kept. */
void tr_write_report(TrThread *ts, const char *s, size_t n);
/* Writes all of s[0..n) to `fd`, retrying short writes and EINTR.  0, or -1
 * with errno set.  Blocks: callers that hold the GIL detach first. */
int tr_write_all(int fd, const char *s, size_t n);
#endif
