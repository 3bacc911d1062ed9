/* tests/unit/test_lock.c: the one-byte mutex, its parking and hand-off, and
 * critical sections (threads/lock.c, threads/parking.c).  Runs without the
 * runtime: objects here are bare headers, only their `ob_mutex` is used. */
#include <check.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "torii/object.h"
#include "torii/thread.h"
#include "threads/lock.h"
#include "threads/critical.h"
#include "threads/tstate.h"

#define NTHREADS 4
#define NINCR 100000

static uint8_t counter_mutex;
static long plain_counter;   /* protected by counter_mutex only */

static void *increment_worker(void *arg) {
    for (int i = 0; i < NINCR; i++) {
        mutex_lock(&counter_mutex);
        plain_counter++;
        mutex_unlock(&counter_mutex);
    }
    return NULL;
}

START_TEST(test_mutex_excludes_four_threads_of_increments)
{
    pthread_t t[NTHREADS];
    plain_counter = 0;
    for (int i = 0; i < NTHREADS; i++) pthread_create(&t[i], NULL, increment_worker, NULL);
    for (int i = 0; i < NTHREADS; i++) pthread_join(t[i], NULL);
    ck_assert_int_eq(plain_counter, (long)NTHREADS * NINCR);
    ck_assert_int_eq(counter_mutex, 0);
}
END_TEST

START_TEST(test_trylock_fails_on_a_held_mutex)
{
    uint8_t m = 0;
    ck_assert_int_eq(mutex_trylock(&m), 1);
    ck_assert_int_eq(mutex_trylock(&m), 0);
    ck_assert(mutex_is_locked(&m));
    mutex_unlock(&m);
    ck_assert_int_eq(m, 0);
}
END_TEST

START_TEST(test_timed_lock_times_out)
{
    uint8_t m = 0;
    mutex_lock(&m);
    int64_t t0 = lock_now_ns();
    ck_assert_int_eq(mutex_lock_timed(&m, 50 * 1000000), 0);
    int64_t waited = lock_now_ns() - t0;
    ck_assert(waited >= 50 * 1000000);
    ck_assert(waited < 2000 * 1000000LL);
    ck_assert_int_eq(mutex_lock_timed(&m, 0), 0);
    mutex_unlock(&m);
    ck_assert_int_eq(m, 0);   /* the timed-out waiter cleared the parked bit */
}
END_TEST

static uint8_t handoff_mutex;
static void *unlock_later(void *arg) {
    usleep(20000);
    mutex_unlock(&handoff_mutex);
    return NULL;
}

START_TEST(test_timed_lock_gets_a_mutex_released_by_another_thread)
{
    pthread_t t;
    mutex_lock(&handoff_mutex);
    pthread_create(&t, NULL, unlock_later, NULL);
    ck_assert_int_eq(mutex_lock_timed(&handoff_mutex, 5000LL * 1000000), 1);
    pthread_join(t, NULL);
    ck_assert(mutex_is_locked(&handoff_mutex));
    mutex_unlock(&handoff_mutex);
}
END_TEST

/* ---- critical sections ---- */

static TrObject obj_a, obj_b;
static long cs_counter;   /* protected by both obj_a's and obj_b's locks */

typedef struct { int reverse; } Order;

static void *begin2_worker(void *arg) {
    Order *o = arg;
    TrThread *ts = tstate_new();
    for (int i = 0; i < NINCR; i++) {
        TrCritical c;
        if (o->reverse) critical_begin2(ts, &c, &obj_b, &obj_a);
        else critical_begin2(ts, &c, &obj_a, &obj_b);
        cs_counter++;
        critical_end(ts, &c);
    }
    ck_assert_ptr_null(ts->critical);
    tstate_discard(ts);
    return NULL;
}

START_TEST(test_critical_begin2_in_both_orders_does_not_deadlock)
{
    pthread_t t1, t2;
    Order fwd = {0}, rev = {1};
    cs_counter = 0;
    pthread_create(&t1, NULL, begin2_worker, &fwd);
    pthread_create(&t2, NULL, begin2_worker, &rev);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    ck_assert_int_eq(cs_counter, 2L * NINCR);
    ck_assert_int_eq(obj_a.ob_mutex, 0);
    ck_assert_int_eq(obj_b.ob_mutex, 0);
}
END_TEST

static void *nested_worker(void *arg) {
    Order *o = arg;
    TrThread *ts = tstate_new();
    TrObject *first = o->reverse ? &obj_b : &obj_a, *second = o->reverse ? &obj_a : &obj_b;
    for (int i = 0; i < 20000; i++) {
        TrCritical outer, inner;
        critical_begin(ts, &outer, first);
        critical_begin(ts, &inner, second);
        critical_end(ts, &inner);
        /* The outer section is locked again once it is innermost. */
        ck_assert(outer.active);
        critical_end(ts, &outer);
    }
    tstate_discard(ts);
    return NULL;
}

START_TEST(test_nested_sections_in_opposite_orders_suspend_instead_of_deadlocking)
{
    pthread_t t1, t2;
    Order fwd = {0}, rev = {1};
    pthread_create(&t1, NULL, nested_worker, &fwd);
    pthread_create(&t2, NULL, nested_worker, &rev);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    ck_assert_int_eq(obj_a.ob_mutex, 0);
    ck_assert_int_eq(obj_b.ob_mutex, 0);
}
END_TEST

START_TEST(test_reentrant_section_on_the_same_object_is_a_no_op)
{
    TrThread *ts = tstate_new();
    TrThread *other = tstate_new();     /* two states: sections really lock */
    TrObject o = {0};
    TrCritical c1, c2, c3;
    critical_begin(ts, &c1, &o);
    critical_begin(ts, &c2, &o);        /* would self-deadlock if it locked */
    ck_assert_ptr_eq(ts->critical, &c1);
    critical_begin2(ts, &c3, &o, &o);   /* same object twice: lock once */
    critical_end(ts, &c3);
    critical_end(ts, &c2);
    ck_assert(mutex_is_locked(&o.ob_mutex));
    critical_end(ts, &c1);
    ck_assert_int_eq(o.ob_mutex, 0);
    ck_assert_ptr_null(ts->critical);
    tstate_discard(other);
    tstate_discard(ts);
}
END_TEST

START_TEST(test_suspend_releases_and_resume_relocks_the_innermost_section)
{
    TrThread *ts = tstate_new();
    TrThread *other = tstate_new();     /* two states: sections really lock */
    TrObject x = {0}, y = {0};
    TrCritical c1, c2;
    critical_begin(ts, &c1, &x);
    critical_begin(ts, &c2, &y);
    lock_suspend_critical(ts);
    ck_assert_int_eq(x.ob_mutex, 0);
    ck_assert_int_eq(y.ob_mutex, 0);
    lock_resume_critical(ts);
    ck_assert(mutex_is_locked(&y.ob_mutex));
    ck_assert_int_eq(x.ob_mutex, 0);    /* lazily: only when it is innermost */
    critical_end(ts, &c2);
    ck_assert(mutex_is_locked(&x.ob_mutex));
    critical_end(ts, &c1);
    ck_assert_int_eq(x.ob_mutex, 0);
    tstate_discard(other);
    tstate_discard(ts);
}
END_TEST

/* ---- the lone thread (threads/lock.c, "Lone thread") ---- */

static TrObject lone_obj;
static long lone_counter;   /* protected by lone_obj's sections */
#define LONE_INCR 200000

static void lone_increments(TrThread *ts, int n) {
    for (int i = 0; i < n; i++) {
        TrCritical c;
        critical_begin(ts, &c, &lone_obj);
        lone_counter++;
        critical_end(ts, &c);
    }
}

static void *foreign_worker(void *arg) {
    (void)arg;
    TrThread *ts = tstate_new();   /* no state here yet: the foreign path */
    tstate_attach(ts);
    lone_increments(ts, LONE_INCR);
    tstate_exit(ts);
    return NULL;
}

static void *plain_worker(void *arg) {
    TrThread *ts = arg;            /* made by the parent: the synchronous path */
    tstate_attach(ts);
    lone_increments(ts, LONE_INCR);
    tstate_exit(ts);
    return NULL;
}

START_TEST(test_a_lone_thread_elides_its_sections_and_a_second_state_ends_that)
{
    if (TR_GIL_ENABLED) return;
    TrThread *ts = tstate_new();
    tstate_attach(ts);
    if (!lock_lone) {   /* membarrier refused: the state is never entered */
        tstate_exit(ts);
        return;
    }
    TrCritical c;
    critical_begin(ts, &c, &lone_obj);
    ck_assert(c.elided);
    ck_assert_int_eq(lone_obj.ob_mutex, 0);
    ck_assert_uint_eq(lock_elided, 1);
    /* A state made by this thread while its section is open: the section
     * becomes a real one at once. */
    TrThread *child = tstate_new();
    ck_assert_uint_eq(lock_lone, 0);
    ck_assert(!c.elided);
    ck_assert(mutex_is_locked(&lone_obj.ob_mutex));
    ck_assert_uint_eq(lock_elided, 0);
    critical_end(ts, &c);
    ck_assert_int_eq(lone_obj.ob_mutex, 0);
    /* ... and both threads count under the lock. */
    lone_counter = 0;
    pthread_t t;
    pthread_create(&t, NULL, plain_worker, child);
    lone_increments(ts, LONE_INCR);
    pthread_join(t, NULL);
    ck_assert_int_eq(lone_counter, 2L * LONE_INCR);
    /* The child has exited: this thread is lone again. */
    ck_assert_uint_eq(lock_lone, 1);
    critical_begin(ts, &c, &lone_obj);
    ck_assert(c.elided);
    critical_end(ts, &c);
    ck_assert_uint_eq(lock_elided, 0);
    tstate_exit(ts);
}
END_TEST

START_TEST(test_a_thread_attaching_from_outside_waits_for_the_lone_threads_sections)
{
    if (TR_GIL_ENABLED) return;
    TrThread *ts = tstate_new();
    tstate_attach(ts);
    lone_counter = 0;
    /* The worker makes its state while this thread counts in elided
     * sections: from then on both must lock (TSan checks the counter). */
    pthread_t t;
    pthread_create(&t, NULL, foreign_worker, NULL);
    lone_increments(ts, LONE_INCR);
    pthread_join(t, NULL);
    ck_assert_int_eq(lone_counter, 2L * LONE_INCR);
    ck_assert_int_eq(lone_obj.ob_mutex, 0);
    ck_assert_uint_eq(lock_elided, 0);
    tstate_exit(ts);
}
END_TEST

static Suite *lock_suite(void) {
    Suite *s = suite_create("lock");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_mutex_excludes_four_threads_of_increments);
    tcase_add_test(tc, test_trylock_fails_on_a_held_mutex);
    tcase_add_test(tc, test_timed_lock_times_out);
    tcase_add_test(tc, test_timed_lock_gets_a_mutex_released_by_another_thread);
    tcase_add_test(tc, test_critical_begin2_in_both_orders_does_not_deadlock);
    tcase_add_test(tc, test_nested_sections_in_opposite_orders_suspend_instead_of_deadlocking);
    tcase_add_test(tc, test_reentrant_section_on_the_same_object_is_a_no_op);
    tcase_add_test(tc, test_suspend_releases_and_resume_relocks_the_innermost_section);
    tcase_add_test(tc, test_a_lone_thread_elides_its_sections_and_a_second_state_ends_that);
    tcase_add_test(tc, test_a_thread_attaching_from_outside_waits_for_the_lone_threads_sections);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(lock_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
