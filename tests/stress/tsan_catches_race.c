/* tests/stress/tsan_catches_race.c: proves ThreadSanitizer still sees races
 * in a torii build.  Built twice with -fsanitize=thread:
 *   default            two threads increment a plain int: TSan MUST report
 *                      a data race (the CMake test asserts the report);
 *   -DTR_RACE_FREE=1   the same through threads/atomic.h: TSan must NOT
 *                      report (proves atomic.h's backend is visible to TSan).
 * Prints the final counter; exits 0 (TSan's own exit code 66 marks a report). */
#include <pthread.h>
#include <stdio.h>

#include "threads/atomic.h"

#define N 100000

static uint32_t counter;

static void *worker(void *arg) {
    for (int i = 0; i < N; i++) {
#if TR_RACE_FREE
        atomic_add_u32(&counter, 1);
#else
        counter++;   /* deliberate data race */
#endif
    }
    return NULL;
}

int main(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
#if TR_RACE_FREE
    printf("%u\n", atomic_load_u32_relaxed(&counter));
#else
    printf("%u\n", counter);
#endif
    return 0;
}
