/* threads/cstack.c: each thread's C stack limit and the slow paths of the C
 * recursion guard (include/torii/recursion.h).
 *
 * The limit is computed once per thread, lazily: `tr_cstack_limit` starts
 * at UINTPTR_MAX, so the first guarded call on a thread (or its first
 * eval_loop entry, core/vm.c) takes the slow path, which asks pthreads for
 * the thread's stack and sets the limit a margin above its low end: 256 KiB
 * on stacks of 2 MiB or more (the main thread's 8 MiB, the 16 MiB of
 * threads started by _thread), a quarter of smaller ones.  The margin is
 * what raising and unwinding the RecursionError may use.  When the stack is
 * unknown, 1 MiB below the first checking frame is assumed.
 * Threads: both variables are thread-local; nothing here is shared. */
#define _GNU_SOURCE 1   /* pthread_getattr_np */
#include <pthread.h>
#include <stdint.h>

#include "torii/recursion.h"
#include "torii/error.h"

__thread int tr_c_depth;
__thread uintptr_t tr_cstack_limit = UINTPTR_MAX;

static __attribute__((noinline)) void compute_limit(void) {
    pthread_attr_t attr;
    void *addr = NULL;
    size_t size = 0;
    uintptr_t here = tr_stack_pointer();
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstack(&attr, &addr, &size);
        pthread_attr_destroy(&attr);
    }
    if (!addr || size == 0 || here < (uintptr_t)addr || here > (uintptr_t)addr + size) {
        tr_cstack_limit = here > (1u << 20) ? here - (1u << 20) : 1;
        return;
    }
    size_t margin = size >= (2u << 20) ? (256u << 10) : size / 4;
    tr_cstack_limit = (uintptr_t)addr + margin;
}

int tr_cstack_exhausted(uintptr_t sp) {
    if (tr_cstack_limit == UINTPTR_MAX) compute_limit();
    return sp < tr_cstack_limit;
}

int tr_enter_recursive_slow(TrThread *ts, const char *where) {
    if (tr_c_depth <= TR_C_RECURSION_LIMIT && !tr_cstack_exhausted(tr_stack_pointer()))
        return 0;     /* only the first check on this thread: the limit was not computed */
    tr_c_depth--;
    err_format(ts, &tr_exc_RecursionError, "maximum recursion depth exceeded%s", where);
    return -1;
}

int tr_check_cstack_slow(TrThread *ts, const char *where) {
    if (!tr_cstack_exhausted(tr_stack_pointer())) return 0;
    err_format(ts, &tr_exc_RecursionError, "maximum recursion depth exceeded%s", where);
    return -1;
}
