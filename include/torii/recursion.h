/* include/torii/recursion.h: the guard against C recursion that data or
 * source can drive without bound (repr of a list nested 100,000 deep, `==`
 * between two such lists, isinstance with nested tuples, compiling
 * "1+1+...+1").  Python-to-Python calls do not recurse in C (core/vm.c) and
 * are bounded by `ts->recursion_limit`; this guard bounds the C functions
 * that call themselves through data.  Guarded now: tr_repr, tr_str (" while
 * getting the repr/str of an object"), the container comparisons (" in
 * comparison"), isinstance/issubclass over nested tuples, the symbol table
 * and the compiler (" during compilation"); each entry of the eval loop from
 * C counts one level too, as in CPython.  tr_next and tuple hashes, which
 * CPython does not count, check the stack alone (tr_check_cstack).
 *
 * Two limits, both per thread:
 *   - a depth counter, `tr_c_depth`, against TR_C_RECURSION_LIMIT (CPython
 *     3.13's C recursion limit), so that what CPython accepts (a repr 9,000
 *     deep) works here too and what it refuses raises the same error;
 *   - the C stack itself: `tr_cstack_limit` is the lowest address a frame
 *     may have, a margin above the end of the thread's stack, so that a
 *     thread with a small stack (or a build with big frames, TSan) raises
 *     RecursionError before it overflows.
 * Both are thread-local, touched only by their thread.  The limit starts as
 * UINTPTR_MAX ("not computed"): the first check on a thread fails the fast
 * compare and the slow path computes it (threads/cstack.c).
 *
 * Usage, around the recursive step:
 *     if (tr_enter_recursive(ts, " while getting the repr of an object")) return NULL;
 *     r = ...recurse...;
 *     tr_leave_recursive(ts);
 */
#ifndef TORII_RECURSION_H
#define TORII_RECURSION_H

#include <stdint.h>
#include "torii/thread.h"

/* CPython 3.13's Py_C_RECURSION_LIMIT: how deep guarded C calls may nest. */
#define TR_C_RECURSION_LIMIT 10000

/* Guarded C calls in progress on this thread (tr_enter_recursive minus
 * tr_leave_recursive).  Owner thread only. */
extern __thread int tr_c_depth;
/* Lowest safe C stack address of this thread; UINTPTR_MAX until the first
 * slow check computes it.  Owner thread only. */
extern __thread uintptr_t tr_cstack_limit;

/* The slow half of tr_enter_recursive: computes the stack limit if needed;
 * when a limit is really passed, undoes the count and raises
 * RecursionError("maximum recursion depth exceeded" + `where`).  0 or -1. */
int tr_enter_recursive_slow(TrThread *ts, const char *where);
/* 1 if `sp` (a stack address of the calling thread) lies below the thread's
 * safe stack limit, computing the limit on first use; else 0.  Cannot fail. */
int tr_cstack_exhausted(uintptr_t sp);

/* The calling thread's stack pointer.  One instruction; unlike
 * __builtin_frame_address(0) it does not make the calling function set up a
 * frame pointer, so a guarded fast path can still end in a tail call. */
static inline uintptr_t tr_stack_pointer(void) {
    uintptr_t sp;
#if defined(__x86_64__)
    __asm__("mov %%rsp, %0" : "=r"(sp));
#elif defined(__aarch64__)
    __asm__("mov %0, sp" : "=r"(sp));
#else
    sp = (uintptr_t)__builtin_frame_address(0);
#endif
    return sp;
}

/* 1 if this thread's C stack is (maybe) near its end: the cheap half of
 * the stack check; confirm with tr_cstack_exhausted. */
static inline int tr_cstack_low(void) {
    return __builtin_expect(tr_stack_pointer() < tr_cstack_limit, 0);
}

/* Enters one level of guarded C recursion.  0 on success (pair it with
 * tr_leave_recursive); -1 with RecursionError set, the level not entered, when
 * the thread is TR_C_RECURSION_LIMIT levels deep or near the end of its C
 * stack.  `where` (a static string, e.g. " in comparison") ends the message. */
static inline int tr_enter_recursive(TrThread *ts, const char *where) {
    if (__builtin_expect(++tr_c_depth > TR_C_RECURSION_LIMIT || tr_stack_pointer() < tr_cstack_limit, 0))
        return tr_enter_recursive_slow(ts, where);
    return 0;
}

/* Leaves a level entered by a successful tr_enter_recursive.  Cannot fail. */
static inline void tr_leave_recursive(TrThread *ts) {
    (void)ts;
    tr_c_depth--;
}

/* The slow half of tr_check_cstack: 0, or -1 with RecursionError set. */
int tr_check_cstack_slow(TrThread *ts, const char *where);

/* The stack half alone, for recursion that CPython does not count (tuple
 * hash): 0, or -1 with RecursionError("maximum recursion depth exceeded" +
 * `where`) when the C stack is near its end.  Nothing to undo. */
static inline int tr_check_cstack(TrThread *ts, const char *where) {
    if (tr_cstack_low())
        return tr_check_cstack_slow(ts, where);
    return 0;
}

#endif
