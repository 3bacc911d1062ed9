/* threads/race.h: the Python-level race detector (`torii -X race`,
 * TORII_RACE=1; docs/tools.md, "Race detector").  Reports two accesses from
 * different threads to one instance attribute, list item, dict key or module
 * global, at least one a write, with no happens-before between them:
 * vector clocks per thread and per synchronisation object (locks, events,
 * semaphores, thread start and join), FastTrack epochs for the shadow state
 * of each accessed location (threads/race.c).
 *
 * Cost when off: every call sits behind one test of `race_on`, a plain
 * global written once by core/main.c before any thread starts and never
 * again, so the test is a predictable branch and reading it is no race.  The
 * macros below are the only form the call sites use. */
#ifndef TORII_THREADS_RACE_H
#define TORII_THREADS_RACE_H

#include <stddef.h>
#include <stdint.h>
#include "torii/object.h"
#include "torii/thread.h"

/* 1 when the detector is on.  Written only by race_enable, before the
 * runtime starts. */
extern int race_on;

/* Turns the detector on.  Called by core/main.c before runtime_init, with no
 * other thread running.  Cannot fail. */
void race_enable(void);

/* What an access is: a kind and read or write, or'ed together. */
enum {
    RACE_READ = 0, RACE_WRITE = 1,
    RACE_ATTR = 0 << 1,       /* `obj.key` (a module's: its global `key`) */
    RACE_ITEM = 1 << 1,       /* `obj[key]` (a list or a dict; others are not tracked) */
    RACE_GLOBAL = 2 << 1,     /* the global `key` of the globals dict `obj` */
};

/* What threads/ needs from the VM and the object layer, installed by
 * core/sites.c at start-up (beside contention_hooks, whose frame offsets and
 * `resolve` the detector shares).  None may run Python code; `locate` and
 * `describe` are called with no detector lock held, on objects the caller
 * holds. */
typedef struct TrRaceHooks {
    size_t frame_back;        /* byte offset of TrFrame.back */
    /* Where access `op` to `key` of `obj` lands: the object whose shadow
     * state it uses (`*target`, a module's dict for its attributes) and a
     * 64-bit name of the location within it (`*sub`).  Returns the kind
     * (RACE_ATTR, RACE_ITEM or RACE_GLOBAL, possibly changed, e.g. a
     * module's attribute is a global), or -1 when the access is not tracked
     * (a tuple, an object with its own __getitem__, an immortal object). */
    int (*locate)(int op, TrObject *obj, TrObject *key, const void **target, uint64_t *sub);
    /* The location in words for the report: "attribute 'n' of Counter
     * object", "item 3 of list", "key 'a' of dict", "global 'x' of module
     * __main__".  NUL-terminated, truncated. */
    void (*describe)(int kind, TrObject *obj, TrObject *key, char *buf, size_t n);
    /* The Python name of the calling thread `ts` ("MainThread",
     * "Thread-1 (worker)"), or "" if it has none. */
    void (*thread_name)(TrThread *ts, char *buf, size_t n);
} TrRaceHooks;
extern TrRaceHooks race_hooks;

/* Records an access `op` (RACE_* above) by `ts` to `key` of `obj`, made by
 * instruction `instr` of `frame` (the running TrFrame: `ts->frame`); reports
 * it on stderr if it races with an earlier access.  Never changes what the
 * program does; a failed allocation drops the access. */
void race_access(TrThread *ts, const void *frame, int instr, int op, TrObject *obj, TrObject *key);
#define RACE_ACCESS(ts, frame, instr, op, obj, key) do { \
        if (__builtin_expect(race_on, 0)) race_access((ts), (frame), (instr), (op), (obj), (key)); \
    } while (0)

/* Synchronisation.  `sync` is any address naming the object (a lock, an
 * event, a thread handle); its clock is dropped by race_forget when it is
 * freed.  A release by one thread happens before every later acquire of
 * the same `sync` by another: call race_release before the state change
 * that lets the other thread on (unlocking the mutex, setting the flag), and
 * race_acquire after having seen it. */
void race_acquire(TrThread *ts, const void *sync);
void race_release(TrThread *ts, const void *sync);
#define RACE_ACQUIRE(ts, sync) do { if (__builtin_expect(race_on, 0)) race_acquire((ts), (sync)); } while (0)
#define RACE_RELEASE(ts, sync) do { if (__builtin_expect(race_on, 0)) race_release((ts), (sync)); } while (0)

/* `parent` is about to start `child` (a new thread state not yet running):
 * everything `parent` did so far happens before `child`'s first step. */
void race_thread_start(TrThread *parent, TrThread *child);
#define RACE_THREAD_START(parent, child) do { \
        if (__builtin_expect(race_on, 0)) race_thread_start((parent), (child)); \
    } while (0)

/* `addr` (an object, a thread handle) is being freed: its shadow state and
 * clock go, so a new object at the same address starts clean.  Cannot
 * fail; takes one detector lock, a leaf. */
void race_forget(const void *addr);
#define RACE_FORGET(addr) do { if (__builtin_expect(race_on, 0)) race_forget(addr); } while (0)

/* Frees `ts`'s detector state.  Called by tstate_exit as one of its last
 * steps.  Cannot fail. */
void race_thread_exit(TrThread *ts);

/* At exit: stops reporting, prints "torii: reported N data race(s)" on
 * stderr when N > 0, and returns 66 (as ThreadSanitizer exits) in that case,
 * else `status`.  Called once by runtime_finalize. */
int race_finish(int status);

#endif
