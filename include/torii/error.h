/* include/torii/error.h: the pending exception of a thread, and the builtin
 * exception classes.
 *
 * Convention: a function that fails returns NULL (pointer results) or -1 (int
 * results) and leaves exactly one pending exception in `ts->exc`.  The pending
 * exception is always an instance (never a bare class).  Messages are CPython
 * 3.13's, word for word.
 */
#ifndef TORII_ERROR_H
#define TORII_ERROR_H

#include <stdarg.h>
#include "torii/thread.h"

/* X-macro of the builtin exception classes: X(Name, Base).  objects/exc.c
 * defines `tr_exc_<Name>` for each; the builtins module exports them. */
#define TR_EXC_LIST(X) \
    X(BaseException, NULL) \
    X(SystemExit, BaseException) \
    X(KeyboardInterrupt, BaseException) \
    X(GeneratorExit, BaseException) \
    X(BaseExceptionGroup, BaseException) \
    X(Exception, BaseException) \
    X(StopIteration, Exception) \
    X(StopAsyncIteration, Exception) \
    X(ArithmeticError, Exception) \
    X(ZeroDivisionError, ArithmeticError) \
    X(OverflowError, ArithmeticError) \
    X(AssertionError, Exception) \
    X(AttributeError, Exception) \
    X(LookupError, Exception) \
    X(IndexError, LookupError) \
    X(KeyError, LookupError) \
    X(NameError, Exception) \
    X(UnboundLocalError, NameError) \
    X(RuntimeError, Exception) \
    X(RecursionError, RuntimeError) \
    X(NotImplementedError, RuntimeError) \
    X(TypeError, Exception) \
    X(ValueError, Exception) \
    X(UnicodeError, ValueError) \
    X(UnicodeDecodeError, UnicodeError) \
    X(UnicodeEncodeError, UnicodeError) \
    X(ImportError, Exception) \
    X(ModuleNotFoundError, ImportError) \
    X(MemoryError, Exception) \
    X(OSError, Exception) \
    X(FileNotFoundError, OSError) \
    X(FileExistsError, OSError) \
    X(PermissionError, OSError) \
    X(IsADirectoryError, OSError) \
    X(NotADirectoryError, OSError) \
    X(TimeoutError, OSError) \
    X(BlockingIOError, OSError) \
    X(ChildProcessError, OSError) \
    X(InterruptedError, OSError) \
    X(ProcessLookupError, OSError) \
    X(ConnectionError, OSError) \
    X(BrokenPipeError, ConnectionError) \
    X(ConnectionAbortedError, ConnectionError) \
    X(ConnectionRefusedError, ConnectionError) \
    X(ConnectionResetError, ConnectionError) \
    X(SyntaxError, Exception) \
    X(IndentationError, SyntaxError) \
    X(EOFError, Exception) \
    X(ReferenceError, Exception) \
    X(SystemError, Exception) \
    X(BufferError, Exception) \
    X(Warning, Exception) \
    X(UserWarning, Warning) \
    X(DeprecationWarning, Warning) \
    X(PendingDeprecationWarning, Warning) \
    X(SyntaxWarning, Warning) \
    X(RuntimeWarning, Warning) \
    X(FutureWarning, Warning) \
    X(ImportWarning, Warning) \
    X(UnicodeWarning, Warning) \
    X(BytesWarning, Warning) \
    X(ResourceWarning, Warning) \
    X(EncodingWarning, Warning)

#define TR_DECLARE_EXC(name, base) extern TrType tr_exc_##name;
TR_EXC_LIST(TR_DECLARE_EXC)
#undef TR_DECLARE_EXC

/* Sets a new exception of class `type` with the single argument `msg`
 * (a C string, UTF-8).  Replaces any pending exception. */
void err_set(TrThread *ts, TrType *type, const char *msg);
/* As err_set with a printf-like message.  Besides the C conversions (%s %d %u
 * %ld %lu %zd %zu %lld %c %%), accepts %R (repr of a TrObject *), %S (str of
 * a TrObject *) and %T (the type name of a TrObject *, e.g. `int`).
 * Always returns NULL, so `return err_format(...)` works. */
TrObject *err_format(TrThread *ts, TrType *type, const char *fmt, ...);
/* Sets `exc` (an exception instance) pending; steals the reference.  Does
 * not touch `__context__` (for re-raising an exception as it was). */
void err_restore(TrThread *ts, TrObject *exc);
/* As err_restore, but first sets `exc.__context__` to the exception being
 * handled (`ts->handled_exc`), as CPython's `raise` does; err_set,
 * err_format and err_set_value chain the same way.  Steals `exc`. */
void err_raise(TrThread *ts, TrObject *exc);
/* err_format's formatter, appending to a string buffer (include/torii/str.h). */
struct TrStrBuf;
void err_vformat_buf(TrThread *ts, struct TrStrBuf *b, const char *fmt, va_list ap);
/* Sets an exception of class `type` with args `(value,)`; value borrowed.
 * Used for KeyError(key) and StopIteration(value). */
void err_set_value(TrThread *ts, TrType *type, TrObject *value);
/* Returns the pending exception (new reference) and clears it; NULL if none. */
TrObject *err_fetch(TrThread *ts);
/* 1 if an exception is pending. */
static inline int err_occurred(TrThread *ts) { return ts->exc != NULL; }
/* 1 if the pending exception is an instance of `type` (or a subclass). */
int err_matches(TrThread *ts, TrType *type);
/* Drops the pending exception, if any. */
void err_clear(TrThread *ts);
/* Sets MemoryError; returns NULL. */
TrObject *err_nomemory(TrThread *ts);

/* Exception instances (objects/exc.c). */
typedef struct TrTraceEntry {
    TrObject *code;          /* owned: the code object of the frame */
    int instr;               /* instruction index within code, for line and columns */
} TrTraceEntry;

typedef struct TrExc {
    TrObject ob_base;
    TrObject *args;          /* owned tuple */
    TrObject *cause;         /* owned or NULL: `raise ... from cause` */
    TrObject *context;       /* owned or NULL: the exception being handled when raised */
    bool suppress_context;   /* set by `raise ... from` */
    TrTraceEntry *tb;        /* owned array, appended as the exception travels outward: innermost first; printed last to first */
    size_t tb_len, tb_cap;   /* written under the exception's lock; tb_len with relaxed stores, as the VM reads it without */
    TrObject *dict;          /* owned or NULL: attributes (e.g. `value` of StopIteration, `code` of SystemExit) */
} TrExc;

/* Creates an instance of exception class `type` with positional `args`
 * (borrowed).  Returns a new reference, NULL on error. */
TrObject *exc_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs);
/* Appends a traceback entry for `code` at instruction `instr`.  -1 on
 * MemoryError (then the entry is lost but the exception stays valid). */
int exc_add_traceback(TrThread *ts, TrObject *exc, TrObject *code, int instr);
/* Replaces `dst`'s traceback entries with a copy of `src`'s (read under
 * src's lock), as `dst.__traceback__ = src.__traceback__` would.  -1 on
 * MemoryError (dst then keeps its own). */
int exc_copy_traceback(TrThread *ts, TrObject *dst, TrObject *src);
/* 1 if exceptions `a` and `b` carry the same traceback entries (the test
 * CPython makes with `a.__traceback__ is b.__traceback__`), else 0.
 * Cannot fail. */
int exc_same_traceback(TrThread *ts, TrObject *a, TrObject *b);
/* Writes `exc` to stderr as CPython's default excepthook does: chained
 * exceptions, "Traceback (most recent call last):", each frame with its source
 * line and carets, then "Type: message".  Cannot fail (errors while printing
 * are swallowed). */
void exc_print(TrThread *ts, TrObject *exc);
/* As exc_print, as CPython's C traceback printer writes frames (the default
 * sys.unraisablehook): each frame's first source line, no carets. */
void exc_print_plain(TrThread *ts, TrObject *exc);
/* The text exc_print writes, as a new str (core/traceback.c): with `chain`
 * 0 only `exc` itself, not its causes and contexts; with `only` 1 just the
 * "Type: message" lines (traceback.format_exception_only).  NULL on error. */
TrObject *exc_format(TrThread *ts, TrObject *exc, int chain, int only);
/* One frame of a report, '  File "f.py", line 3, in g' with its source and
 * carets, for code object `code` at instruction `instr` (new str or NULL). */
TrObject *exc_format_frame(TrThread *ts, TrObject *code, int instr);
/* Reports the pending exception (fetched and cleared; nothing happens when
 * none is pending) as one that cannot propagate: a failing __del__, a
 * generator's cleanup, a thread's last error.  It goes to sys.unraisablehook
 * (stdlib/sys.c installs `tr_unraisable_hook` at start-up), whose default,
 * err_print_unraisable, writes CPython's report to stderr:
 *     "<msg>: <repr(obj)>" or, msg NULL, "Exception ignored in: <repr(obj)>";
 *     "<msg>:" when obj is NULL; then the traceback.
 * `msg` and `obj` (borrowed) may be NULL.  The caller's pending exception is
 * the one reported; cannot fail. */
void err_write_unraisable(TrThread *ts, const char *msg, TrObject *obj);
void err_print_unraisable(TrThread *ts, TrObject *exc, const char *msg, TrObject *obj);
extern void (*tr_unraisable_hook)(TrThread *ts, TrObject *exc, const char *msg, TrObject *obj);
/* `str(exc)` for the last line of a report; returns a new reference. */
TrObject *exc_str(TrThread *ts, TrObject *exc);

#endif
