/* tests/unit/test_brc.c: biased reference counting (threads/brc.c): owner
 * and non-owner paths, the merge queue, objects outliving their owner, and
 * deferred objects.  Objects are "probes" whose dealloc counts frees.  The
 * assertions need the no-GIL build (TR_BIASED_RC); with the GIL they pass
 * trivially. */
#include <check.h>
#include <pthread.h>
#include <stdlib.h>

#include "torii/torii.h"
#include "threads/brc.h"
#include "threads/tstate.h"

static uint32_t freed;   /* atomic: probes deallocated */

static void probe_dealloc(TrThread *ts, TrObject *o) {
    atomic_add_u32(&freed, 1);
    tr_free(o);
}

static TrType probe_type = {
    .name = "probe",
    .basicsize = sizeof(TrObject),
    .dealloc = probe_dealloc,
};

static TrThread *main_ts;

static void setup(void) {
    main_ts = runtime_init(0, NULL);
    ck_assert_ptr_nonnull(main_ts);
    type_ready(main_ts, &probe_type);
    atomic_store_u32_relaxed(&freed, 0);
}

static uint32_t nfreed(void) { return atomic_load_u32_acquire(&freed); }
static intptr_t shared_of(TrObject *o) { return atomic_load_ssize_relaxed((ssize_t *)&o->ob_ref_shared); }

/* Runs fn(arg) on a new OS thread with its own attached thread state. */
typedef void (*Body)(TrThread *ts, void *arg);
typedef struct { Body fn; void *arg; } Start;
static void *trampoline(void *p) {
    Start *s = p;
    TrThread *ts = tstate_new();
    tstate_attach(ts);
    s->fn(ts, s->arg);
    tstate_exit(ts);
    return NULL;
}
static void run_in_thread(Body fn, void *arg) {
    pthread_t t;
    Start s = {fn, arg};
    pthread_create(&t, NULL, trampoline, &s);
    pthread_join(t, NULL);
}

START_TEST(test_owner_counts_in_the_local_field_only)
{
    if (!TR_BIASED_RC) return;
    TrObject *o = tr_alloc(main_ts, &probe_type);
    ck_assert_uint_eq(o->ob_tid, main_ts->id);
    tr_incref(o);
    tr_incref(o);
    ck_assert_uint_eq(o->ob_ref_local, 3);
    ck_assert_int_eq(shared_of(o), 0);
    tr_decref(o);
    tr_decref(o);
    ck_assert_uint_eq(nfreed(), 0);
    tr_decref(o);
    ck_assert_uint_eq(nfreed(), 1);
}
END_TEST

static void incref_then_check(TrThread *ts, void *arg) {
    TrObject *o = arg;
    tr_incref(o);
    tr_incref(o);
    ck_assert_int_eq(shared_of(o), 2 << TR_SHARED_SHIFT);
    ck_assert_uint_eq(o->ob_ref_local, 1);
    tr_decref(o);
}

static void decref_it(TrThread *ts, void *arg) { tr_decref((TrObject *)arg); }

START_TEST(test_non_owner_counts_in_the_shared_field)
{
    if (!TR_BIASED_RC) return;
    TrObject *o = tr_alloc(main_ts, &probe_type);
    run_in_thread(incref_then_check, o);
    /* It kept one reference: the shared count says so. */
    ck_assert_int_eq(shared_of(o), 1 << TR_SHARED_SHIFT);
    tr_decref(o);   /* local 0, shared 1: ownership given up, not freed */
    ck_assert_uint_eq(nfreed(), 0);
    ck_assert_uint_eq(o->ob_tid, 0);
    ck_assert_int_eq(shared_of(o), (1 << TR_SHARED_SHIFT) | TR_SHARED_MERGED);
    run_in_thread(decref_it, o);   /* merged: the last decref anywhere frees */
    ck_assert_uint_eq(nfreed(), 1);
}
END_TEST

START_TEST(test_non_owner_decref_below_zero_queues_and_the_owner_merge_frees)
{
    if (!TR_BIASED_RC) return;
    TrObject *o = tr_alloc(main_ts, &probe_type);
    tr_incref(o);                  /* this reference goes to the other thread */
    run_in_thread(decref_it, o);
    ck_assert_int_eq(shared_of(o), TR_SHARED_QUEUED);
    ck_assert_uint_eq(main_ts->brc_len, 1);
    ck_assert(atomic_load_u32_relaxed(&main_ts->eval_breaker) & TR_EB_BRC_MERGE);
    tr_decref(o);                  /* the owner's own reference */
    ck_assert_uint_eq(nfreed(), 0);
    tstate_handle_eval_breaker(main_ts);
    ck_assert_uint_eq(nfreed(), 1);
    ck_assert_uint_eq(main_ts->brc_len, 0);
    ck_assert(!(atomic_load_u32_relaxed(&main_ts->eval_breaker) & TR_EB_BRC_MERGE));
}
END_TEST

START_TEST(test_merge_keeps_an_object_still_referenced)
{
    if (!TR_BIASED_RC) return;
    TrObject *o = tr_alloc(main_ts, &probe_type);
    tr_incref(o);
    run_in_thread(decref_it, o);   /* queued */
    brc_merge_queue(main_ts);      /* total 1: merged, alive */
    ck_assert_uint_eq(nfreed(), 0);
    ck_assert_uint_eq(o->ob_tid, 0);
    ck_assert_uint_eq(o->ob_ref_local, 0);
    ck_assert_int_eq(shared_of(o), (1 << TR_SHARED_SHIFT) | TR_SHARED_MERGED);
    tr_decref(o);
    ck_assert_uint_eq(nfreed(), 1);
}
END_TEST

static TrObject *handed[2];
static void create_two_refs_and_exit(TrThread *ts, void *arg) {
    TrObject *o = tr_alloc(ts, &probe_type);
    tr_incref(o);
    handed[0] = handed[1] = o;     /* both references leave with the thread */
}

START_TEST(test_objects_outlive_their_owner_thread_without_leak_or_early_free)
{
    if (!TR_BIASED_RC) return;
    run_in_thread(create_two_refs_and_exit, NULL);
    TrObject *o = handed[0];
    ck_assert_uint_eq(o->ob_ref_local, 2);   /* frozen: the owner is dead */
    tr_decref(handed[0]);          /* owner gone: merged here, total 1 */
    ck_assert_uint_eq(nfreed(), 0);
    ck_assert_uint_eq(o->ob_tid, 0);
    run_in_thread(decref_it, handed[1]);
    ck_assert_uint_eq(nfreed(), 1);
}
END_TEST

#define NOBJ 2000
#define NDROP 4
static TrObject *pool[NOBJ];
static void drop_all(TrThread *ts, void *arg) {
    for (int i = 0; i < NOBJ; i++) tr_decref(pool[i]);
}
static void *drop_all_thread(void *arg) {
    TrThread *ts = tstate_new();
    tstate_attach(ts);
    drop_all(ts, arg);
    tstate_exit(ts);
    return NULL;
}

START_TEST(test_concurrent_drops_by_many_threads_free_each_object_once)
{
    if (!TR_BIASED_RC) return;
    for (int i = 0; i < NOBJ; i++) {
        pool[i] = tr_alloc(main_ts, &probe_type);
        for (int k = 0; k < NDROP; k++) tr_incref(pool[i]);
    }
    pthread_t t[NDROP];
    for (int k = 0; k < NDROP; k++) pthread_create(&t[k], NULL, drop_all_thread, NULL);
    /* The owner drops its own references and merges while they run. */
    for (int i = 0; i < NOBJ; i++) {
        tr_decref(pool[i]);
        if (atomic_load_u32_relaxed(&main_ts->eval_breaker)) tstate_handle_eval_breaker(main_ts);
    }
    for (int k = 0; k < NDROP; k++) pthread_join(t[k], NULL);
    brc_merge_queue(main_ts);
    ck_assert_uint_eq(nfreed(), NOBJ);
}
END_TEST

START_TEST(test_deferred_objects_wait_for_reclaim)
{
    TrObject *o = tr_alloc(main_ts, &probe_type);
    tr_make_deferred(o);
    size_t before = brc_deferred_count();
    tr_decref(o);
    ck_assert_uint_eq(nfreed(), 0);
    ck_assert_uint_eq(brc_deferred_count(), before + 1);
    brc_reclaim_deferred(main_ts);
    ck_assert_uint_eq(nfreed(), 1);
    ck_assert_uint_eq(brc_deferred_count(), 0);
}
END_TEST

static Suite *brc_suite(void) {
    Suite *s = suite_create("brc");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_owner_counts_in_the_local_field_only);
    tcase_add_test(tc, test_non_owner_counts_in_the_shared_field);
    tcase_add_test(tc, test_non_owner_decref_below_zero_queues_and_the_owner_merge_frees);
    tcase_add_test(tc, test_merge_keeps_an_object_still_referenced);
    tcase_add_test(tc, test_objects_outlive_their_owner_thread_without_leak_or_early_free);
    tcase_add_test(tc, test_concurrent_drops_by_many_threads_free_each_object_once);
    tcase_add_test(tc, test_deferred_objects_wait_for_reclaim);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(brc_suite());
    /* runtime_init runs once per process: one process per test. */
    srunner_set_fork_status(sr, CK_FORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
