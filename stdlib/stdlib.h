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
/* The name of the threading.Thread `ts` runs ("MainThread" for the main
 * thread), or "" when it has none, into `buf` (NUL-terminated, truncated).
 * Runs no Python code (for the race detector's reports).  Cannot fail. */
void threading_thread_name(TrThread *ts, char *buf, size_t n);
TrObject *math_module_init(TrThread *ts);
TrObject *gc_module_init(TrThread *ts);
TrObject *_collections_module_init(TrThread *ts);
TrObject *_weakref_module_init(TrThread *ts);
TrObject *struct_module_init(TrThread *ts);
TrObject *array_module_init(TrThread *ts);
TrObject *cmath_module_init(TrThread *ts);
TrObject *atexit_module_init(TrThread *ts);    /* stdlib/atexit.c */
TrObject *_types_module_init(TrThread *ts);    /* stdlib/_types.c */
/* Calls the functions atexit.register'ed, last first (runtime_finalize). */
void atexit_run_callbacks(TrThread *ts);  /* stdlib/_weakref.c (+ stdlib/py/weakref.py) */
TrObject *random_module_init(TrThread *ts);   /* stdlib/random.c */
TrObject *os_module_init(TrThread *ts);       /* stdlib/os.c */
TrObject *os_path_module_init(TrThread *ts);  /* stdlib/os_path.c: os.path (posixpath), made once */
TrObject *io_module_init(TrThread *ts);       /* stdlib/io.c */
TrObject *_json_module_init(TrThread *ts);    /* stdlib/_json.c */
TrObject *re_module_init(TrThread *ts);       /* stdlib/re.c (+ stdlib/py/re.py) */
TrObject *traceback_module_init(TrThread *ts); /* stdlib/traceback.c (+ stdlib/py/traceback.py) */
TrObject *signal_module_init(TrThread *ts);    /* stdlib/signal.c: the module made at start-up */
TrObject *select_module_init(TrThread *ts);    /* stdlib/select.c */
TrObject *_posixsubprocess_module_init(TrThread *ts); /* stdlib/_posixsubprocess.c: fork_exec for subprocess */
TrObject *binascii_module_init(TrThread *ts);  /* stdlib/binascii.c */
TrObject *zlib_module_init(TrThread *ts);      /* stdlib/zlib.c */
TrObject *_bz2_module_init(TrThread *ts);      /* stdlib/_bz2.c */
TrObject *_lzma_module_init(TrThread *ts);     /* stdlib/_lzma.c */
TrObject *pwd_module_init(TrThread *ts);       /* stdlib/pwd.c */
TrObject *grp_module_init(TrThread *ts);       /* stdlib/grp.c */
TrObject *hashlib_module_init(TrThread *ts);   /* stdlib/_hashlib.c: `_hashlib` (+ stdlib/py/hashlib.py) */
TrObject *_socket_module_init(TrThread *ts);   /* stdlib/_socket.c: `_socket` (+ stdlib/py/socket.py) */
TrObject *mmap_module_init(TrThread *ts);      /* stdlib/mmap.c */
TrObject *_asyncio_module_init(TrThread *ts);  /* stdlib/_asyncio.c: the running loop per thread (+ stdlib/py/asyncio) */
TrObject *_sqlite3_module_init(TrThread *ts);  /* stdlib/_sqlite3.c: connection and statement handles (+ stdlib/py/sqlite3) */
/* Raises OSError(e, strerror(e), filename) (the errno's subclass, e.g.
 * FileNotFoundError); `filename` and `filename2` (rename's target) may be
 * NULL.  Always returns NULL (stdlib/os.c). */
TrObject *os_error(TrThread *ts, int e, TrObject *filename, TrObject *filename2);

/* ---- shared by the parts of `os`: stdlib/os.c (the module, files, fds,
 * processes), stdlib/os_stat.c (stat_result and the other struct sequences,
 * stat, scandir) and stdlib/os_path.c (os.path). ---- */

/* A path argument of an os function, made ready for a system call. */
typedef struct TrOsPath {
    const char *c;        /* NUL-terminated path, borrowed from `conv`; NULL for an fd or None */
    size_t n;             /* bytes in `c` */
    int fd;               /* the descriptor when an int was given (OS_PATH_FD), else -1 */
    int is_bytes;         /* bytes were given (or __fspath__ returned bytes): results are bytes too */
    TrObject *obj;        /* for error filenames: `conv` for a path, the int for an fd; NULL for None */
    TrObject *conv;       /* owned: the str or bytes `c` points into, or NULL */
} TrOsPath;
/* `allow` bits of os_path_conv. */
#define OS_PATH_FD 1      /* an int is a file descriptor */
#define OS_PATH_NONE 2    /* None (or a missing argument, `o` NULL) means no path: `c` NULL */
/* Converts `o` (str, bytes, os.PathLike, and what `allow` adds) into `p`
 * for function `fname`'s parameter `argname`, with CPython's errors:
 * "stat: path should be string, bytes, os.PathLike or integer, not float",
 * "stat: embedded null character in path".  0, or -1 with the exception
 * set (then `p` holds nothing to release). */
int os_path_conv(TrThread *ts, const char *fname, const char *argname, TrObject *o, int allow, TrOsPath *p);
/* Releases what os_path_conv took.  Cannot fail; idempotent. */
void os_path_clear(TrOsPath *p);
/* os.fspath(o): `o` itself when str or bytes, else o.__fspath__() (which
 * must give str or bytes).  TypeError "expected str, bytes or os.PathLike
 * object, not int".  New reference or NULL. */
TrObject *os_fspath(TrThread *ts, TrObject *o);
/* A file name from the system as Python sees it: bytes when `as_bytes`,
 * else str (UTF-8; a name that is not valid UTF-8 is decoded with
 * U+FFFD replacements, torii having no surrogateescape).  New reference. */
TrObject *os_name_from(TrThread *ts, const char *s, size_t n, int as_bytes);
/* An int argument that must fit a C int (a file descriptor, a mode, flags):
 * TypeError "'str' object cannot be interpreted as an integer",
 * OverflowError "signed integer is greater than maximum".  0 or -1. */
int os_int_arg(TrThread *ts, TrObject *o, int *out);
/* The os module's `environ` dict: a new reference (NULL with an exception
 * only when the os module cannot be had). */
TrObject *os_environ(TrThread *ts);
/* stdlib/os_stat.c: readies os.stat_result, os.terminal_size,
 * posix.uname_result, posix.times_result, os.DirEntry and the scandir
 * iterator, and adds them and stat, lstat, fstat, scandir, uname, times and
 * get_terminal_size to the os module's dict `d`.  Once, from
 * os_module_init (under the import lock).  -1 on error. */
int os_stat_init(TrThread *ts, TrObject *d);
/* A new os.stat_result for `st` (a struct stat).  NULL on MemoryError. */
struct stat;
TrObject *os_stat_result(TrThread *ts, const struct stat *st);

/* Binds `args` (nargs positional, then one value per name in `kwnames`) to
 * names[0..npos) (positional or keyword; the first `nreq` required) and
 * names[npos..npos+nkwonly) (keyword only), as a Python function `fname`
 * would ("Random.randint() missing 1 required positional argument: 'b'";
 * `self_counted` adds one to the positional totals for methods).  out[i] is
 * borrowed, NULL where not given.  0, or -1 with TypeError (stdlib/args.c). */
int args_parse(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
               const char *const *names, size_t npos, size_t nreq, size_t nkwonly, int self_counted,
               TrObject **out);
/* As args_parse, with Argument Clinic's messages, for functions CPython
 * writes in C (os, _thread, threading): names[0..npos) positional-or-
 * keyword (the first `nreq` required), then `nkwonly` keyword-only ones;
 * out[i] borrowed or NULL.  "stat() missing required argument 'path' (pos
 * 1)", "stat() takes exactly 1 positional argument (2 given)", "stat() got
 * an unexpected keyword argument 'x'", "argument for stat() given by name
 * ('path') and position (1)".  0, or -1 with TypeError (stdlib/args.c). */
int args_parse_clinic(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
                      const char *const *names, size_t npos, size_t nreq, size_t nkwonly, TrObject **out);

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
