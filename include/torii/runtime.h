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
/* `torii -m NAME`: finds module NAME (embedded or on sys.path, whose first
 * entry becomes the working directory; a package runs its __main__) and runs
 * it as __main__, with sys.argv[0] its file.  Returns the exit status as
 * runtime_run_source does; 1 after "No module named NAME" on stderr. */
int runtime_run_module(TrThread *ts, const char *name);
/* Locates the source of module `name` for runtime_run_module, importing its
 * parent packages (and, for a package, the package itself: it then names
 * NAME.__main__).  1: found, `*source` is malloc'd (the caller frees it),
 * `filename` (4096 bytes) is what tracebacks call it ("<frozen NAME>" for
 * an embedded module), `*is_file` whether that is a real path, and `pkg`
 * (256 bytes) the module's package; 0: not found (no exception; `filename`
 * holds the message's module name and `*is_file` is 1 if it was a package
 * without __main__); -1: an exception is set. */
int runtime_find_module_source(TrThread *ts, const char *name, char **source, size_t *len,
                               char *filename, int *is_file, char *pkg);

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
