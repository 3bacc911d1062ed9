/* threads/parking.c: the parking lot, where threads sleep waiting on an
 * address (a TrMutex byte).
 *
 * Design: a fixed table of buckets hashed by address.  Each bucket has a
 * pthread mutex and a FIFO list of waiters; a waiter lives on its sleeping
 * thread's stack and owns a condition variable.  A thread parks only if the
 * watched byte still holds the value it expects, checked under the bucket
 * lock; the unlocker changes the byte under the same bucket lock, so no
 * wake-up can fall between the check and the sleep.
 * Threads: `head`/`tail` and every field of a queued waiter are guarded by
 * the bucket's `mu`.  A waiter leaves its stack frame only after it has
 * re-taken `mu` and found itself dequeued (woken) or dequeued itself (timeout).
 * Lock order: a bucket lock is a leaf; nothing else is taken while held.
 */
#include <pthread.h>
#include <time.h>
#include <stdbool.h>

#include "threads/lock.h"

typedef struct Waiter {
    uint8_t *addr;
    int64_t handoff_after_ns;     /* unlockers hand over directly after this time */
    int result;                   /* PARK_WOKEN / PARK_HANDOFF, set by the waker */
    bool woken;                   /* set by the waker once dequeued */
    pthread_cond_t cond;
    struct Waiter *next, *prev;
} Waiter;

typedef struct Bucket {
    pthread_mutex_t mu;
    Waiter *head, *tail;          /* guarded by mu */
} Bucket;

#define NBUCKETS 251
static Bucket buckets[NBUCKETS];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static void init_buckets(void) {
    for (int i = 0; i < NBUCKETS; i++) {
        pthread_mutex_init(&buckets[i].mu, NULL);
        buckets[i].head = buckets[i].tail = NULL;
    }
}

static Bucket *bucket_for(const void *addr) {
    pthread_once(&buckets_once, init_buckets);
    uintptr_t a = (uintptr_t)addr;
    return &buckets[(a ^ (a >> 9)) % NBUCKETS];
}

int64_t lock_now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void enqueue(Bucket *b, Waiter *w) {
    w->next = NULL;
    w->prev = b->tail;
    if (b->tail) b->tail->next = w; else b->head = w;
    b->tail = w;
}

static void dequeue(Bucket *b, Waiter *w) {
    if (w->prev) w->prev->next = w->next; else b->head = w->next;
    if (w->next) w->next->prev = w->prev; else b->tail = w->prev;
    w->next = w->prev = NULL;
}

static Waiter *find(Bucket *b, const uint8_t *addr, Waiter *after) {
    for (Waiter *w = after ? after->next : b->head; w; w = w->next)
        if (w->addr == addr) return w;
    return NULL;
}

/* Sets the byte at `addr` to `v`.  Runs under the bucket lock, which every
 * other writer of the PARKED bit also holds; plain lock fast paths may still
 * CAS the LOCKED bit, hence the loop.  The CAS is a full barrier: it releases
 * the critical section of the unlocking thread. */
static void store_byte(uint8_t *addr, uint8_t v) {
    uint8_t old = atomic_load_u8_relaxed(addr);
    for (;;) {
        uint8_t seen = atomic_cas_u8(addr, old, v);
        if (seen == old) return;
        old = seen;
    }
}

int parking_park(uint8_t *addr, uint8_t expected, int64_t deadline_ns, int64_t handoff_after_ns) {
    Bucket *b = bucket_for(addr);
    pthread_mutex_lock(&b->mu);
    if (atomic_load_u8_relaxed(addr) != expected) {
        pthread_mutex_unlock(&b->mu);
        return PARK_INVALID;
    }
    Waiter w;
    w.addr = addr;
    w.handoff_after_ns = handoff_after_ns;
    w.result = PARK_WOKEN;
    w.woken = false;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&w.cond, &attr);
    pthread_condattr_destroy(&attr);
    enqueue(b, &w);

    int result;
    for (;;) {
        if (w.woken) { result = w.result; break; }
        if (deadline_ns < 0) {
            pthread_cond_wait(&w.cond, &b->mu);
            continue;
        }
        if (lock_now_ns() >= deadline_ns) {
            /* Timed out and still queued: leave, and clear the PARKED bit if
             * we were the last waiter on this address. */
            dequeue(b, &w);
            if (!find(b, addr, NULL)) {
                uint8_t old = atomic_load_u8_relaxed(addr);
                while (old & TR_MUTEX_PARKED) {
                    uint8_t seen = atomic_cas_u8(addr, old, old & ~TR_MUTEX_PARKED);
                    if (seen == old) break;
                    old = seen;
                }
            }
            result = PARK_TIMEOUT;
            break;
        }
        struct timespec ts = { deadline_ns / 1000000000, deadline_ns % 1000000000 };
        pthread_cond_timedwait(&w.cond, &b->mu, &ts);
    }
    pthread_mutex_unlock(&b->mu);
    pthread_cond_destroy(&w.cond);
    return result;
}

void parking_unpark_one(uint8_t *addr) {
    Bucket *b = bucket_for(addr);
    pthread_mutex_lock(&b->mu);
    Waiter *w = find(b, addr, NULL);
    if (w) {
        bool more = find(b, addr, w) != NULL;
        dequeue(b, w);
        /* whoever holds the lock keeps it: only the PARKED bit changes */
        uint8_t old = atomic_load_u8_relaxed(addr);
        for (;;) {
            uint8_t v = (uint8_t)((old & ~TR_MUTEX_PARKED) | (more ? TR_MUTEX_PARKED : 0));
            uint8_t seen = atomic_cas_u8(addr, old, v);
            if (seen == old) break;
            old = seen;
        }
        w->result = PARK_WOKEN;
        w->woken = true;
        pthread_cond_signal(&w->cond);
    }
    pthread_mutex_unlock(&b->mu);
}

void parking_unpark_mutex(uint8_t *addr) {
    Bucket *b = bucket_for(addr);
    pthread_mutex_lock(&b->mu);
    Waiter *w = find(b, addr, NULL);
    if (!w) {
        /* Every waiter timed out: just unlock. */
        store_byte(addr, 0);
        pthread_mutex_unlock(&b->mu);
        return;
    }
    bool more = find(b, addr, w) != NULL;
    bool handoff = lock_now_ns() >= w->handoff_after_ns;
    dequeue(b, w);
    /* On hand-off the byte stays locked: the woken thread owns the lock
     * without competing with spinners. */
    store_byte(addr, (uint8_t)((handoff ? TR_MUTEX_LOCKED : 0) | (more ? TR_MUTEX_PARKED : 0)));
    w->result = handoff ? PARK_HANDOFF : PARK_WOKEN;
    w->woken = true;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&b->mu);
}
