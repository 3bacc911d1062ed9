/* include/torii/excgroup.h: exception groups (PEP 654), objects/excgroup.c.
 *
 * BaseExceptionGroup is a builtin exception class (TR_EXC_LIST) whose
 * instances are a TrExcGroup; ExceptionGroup is a class made at start-up
 * with bases (BaseExceptionGroup, Exception), so that its MRO is CPython's
 * and `except Exception` catches it.  A group never changes after it is
 * built: `msg` and `excs` are written once, before the group is shared. */
#ifndef TORII_EXCGROUP_H
#define TORII_EXCGROUP_H
#include "torii/error.h"

typedef struct TrExcGroup {
    TrExc base;
    TrObject *msg;            /* owned str: `message`, immutable */
    TrObject *excs;           /* owned non-empty tuple of exceptions: `exceptions`, immutable */
} TrExcGroup;

/* ExceptionGroup (a class, immortal); NULL until excgroup_init has run.
 * Written once at start-up, before any second thread exists. */
extern TrType *tr_exc_ExceptionGroup;

/* 1 if `o` is a BaseExceptionGroup instance (any subclass). */
static inline int excgroup_check(const TrObject *o) {
    return !tr_is_imm(o) && tr_isinstance(o, &tr_exc_BaseExceptionGroup);
}

/* Sets BaseExceptionGroup's slots and methods; called by exc_types_init
 * before the exception classes are readied.  Cannot fail. */
void excgroup_type_setup(void);
/* Makes the ExceptionGroup class and stores it in `builtins` (a dict).
 * Once per process, after the class machinery is ready.  -1 on error. */
int excgroup_init(TrThread *ts, TrObject *builtins);

/* CHECK_EG_MATCH of `except* T`: validates `type` (TypeError "catching
 * classes that do not inherit from BaseException is not allowed", "catching
 * ExceptionGroup with except* is not allowed. Use except instead.") and
 * splits `exc` (a group, a naked exception, or None) into *match and *rest
 * (new references, each None when empty).  A naked exception that matches
 * is wrapped in ExceptionGroup('', (exc,)).  -1 on error. */
int excgroup_match(TrThread *ts, TrObject *exc, TrObject *type, TrObject **match, TrObject **rest);
/* The exception that leaves a try-except* statement: `orig` is the exception
 * that entered it, `raised` (a list) what each clause raised, then the
 * unhandled rest (None entries for nothing).  Returns a new reference: None
 * when nothing is left; otherwise the re-raised parts of `orig` (kept in its
 * shape, with its traceback) combined with the new ones into
 * ExceptionGroup('', [...]), or the single exception alone.  NULL on error. */
TrObject *excgroup_prep_reraise(TrThread *ts, TrObject *orig, TrObject *raised);

#endif
