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
TrObject *gc_module_init(TrThread *ts);
TrObject *_collections_module_init(TrThread *ts);
TrObject *_weakref_module_init(TrThread *ts);
TrObject *atexit_module_init(TrThread *ts);    /* stdlib/atexit.c */
/* Calls the functions atexit.register'ed, last first (runtime_finalize). */
void atexit_run_callbacks(TrThread *ts);  /* stdlib/_weakref.c (+ stdlib/py/weakref.py) */
TrObject *random_module_init(TrThread *ts);   /* stdlib/random.c */
TrObject *os_module_init(TrThread *ts);       /* stdlib/os.c */
TrObject *os_path_module_init(TrThread *ts);  /* os.path, the same module as os.path */
TrObject *io_module_init(TrThread *ts);       /* stdlib/io.c */
TrObject *_json_module_init(TrThread *ts);    /* stdlib/_json.c */
TrObject *re_module_init(TrThread *ts);       /* stdlib/re.c (+ stdlib/py/re.py) */
TrObject *traceback_module_init(TrThread *ts); /* stdlib/traceback.c (+ stdlib/py/traceback.py) */
TrObject *signal_module_init(TrThread *ts);    /* stdlib/signal.c: the module made at start-up */
/* Raises OSError(e, strerror(e), filename) (the errno's subclass, e.g.
 * FileNotFoundError); `filename` and `filename2` (rename's target) may be
 * NULL.  Always returns NULL (stdlib/os.c). */
TrObject *os_error(TrThread *ts, int e, TrObject *filename, TrObject *filename2);

/* Binds `args` (nargs positional, then one value per name in `kwnames`) to
 * names[0..npos) (positional or keyword; the first `nreq` required) and
 * names[npos..npos+nkwonly) (keyword only), as a Python function `fname`
 * would ("Random.randint() missing 1 required positional argument: 'b'";
 * `self_counted` adds one to the positional totals for methods).  out[i] is
 * borrowed, NULL where not given.  0, or -1 with TypeError (stdlib/args.c). */
int args_parse(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
               const char *const *names, size_t npos, size_t nreq, size_t nkwonly, int self_counted,
               TrObject **out);

/* Adds exec, eval, compile, globals, locals, dir, exit and quit to the
 * builtins dict `d` (stdlib/builtins_eval.c).  -1 on error. */
int builtins_eval_init(TrThread *ts, TrObject *d);
/* locals() of the running frame: the module/class namespace, or a new dict
 * snapshot of a function's variables.  New reference or NULL. */
TrObject *builtins_locals(TrThread *ts);
/* sys._getframe(depth): a frame object (include/torii/frameobj.h) for the
 * running frame `depth` calls up, with its callers; ValueError "call stack
 * is not deep enough".  New reference or NULL. */
TrObject *builtins_getframe(TrThread *ts, int64_t depth);

/* Readies every builtin type outside objects/type.c's own list
 * (stdlib/modules.c).  -1 on error. */
int objects_types_init(TrThread *ts);

/* sys.stdout / sys.stderr (stdlib/stdio.c). */
extern TrType tr_textio_type;
TrObject *stdio_stream_new(TrThread *ts, int fd, const char *name);
#endif
