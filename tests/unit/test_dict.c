/* tests/unit/test_dict.c: the dict type (objects/dict.c): insertion order
 * across deletions and resizes, KeyError, the dict_get_ref contract, and
 * concurrent inserts of disjoint keys from four attached threads. */
#include <check.h>
#include <pthread.h>
#include <stdlib.h>

#include "torii/torii.h"
#include "torii/runtime.h"
#include "threads/tstate.h"

#define NTHREADS 4
#define NKEYS 5000

static TrThread *ts;

static void setup(void) {
    if (!ts) ts = runtime_init(0, NULL);
    ck_assert_ptr_nonnull(ts);
}

START_TEST(test_insertion_order_survives_deletes_and_resizes)
{
    TrObject *d = dict_new(ts);
    for (int i = 0; i < 200; i++) ck_assert_int_eq(dict_set(ts, d, tr_imm_from(i), tr_imm_from(i * 2)), 0);
    for (int i = 0; i < 200; i += 3) ck_assert_int_eq(dict_del(ts, d, tr_imm_from(i)), 0);
    for (int i = 1000; i < 1300; i++) dict_set(ts, d, tr_imm_from(i), tr_none);   /* forces resizes */
    size_t pos = 0;
    TrObject *k, *v;
    int64_t prev = -1;
    size_t n = 0;
    while (dict_next(ts, d, &pos, &k, &v)) {
        int64_t x = tr_imm_value(k);
        ck_assert(x > prev);
        ck_assert(x % 3 != 0 || x >= 1000);
        prev = x;
        n++;
        tr_decref(k);
        tr_decref(v);
    }
    ck_assert_uint_eq(n, dict_size(d));
    ck_assert_uint_eq(n, 200 - 67 + 300);
    tr_decref(d);
}
END_TEST

START_TEST(test_get_ref_returns_2_for_an_immediate_and_1_for_a_heap_value)
{
    TrObject *d = dict_new(ts);
    TrObject *key = str_intern_cstr(ts, "k"), *heap = str_from_cstr(ts, "value");
    dict_set(ts, d, key, tr_imm_from(5));
    dict_set(ts, d, tr_imm_from(1), heap);
    TrObject *out = NULL;
    ck_assert_int_eq(dict_get_ref(ts, d, key, &out), 2);
    ck_assert(out == tr_imm_from(5));
    ck_assert_int_eq(dict_get_ref(ts, d, tr_imm_from(1), &out), 1);
    ck_assert(out == heap);
    tr_decref(out);
    ck_assert_int_eq(dict_get_ref(ts, d, tr_imm_from(2), &out), 0);
    ck_assert(!err_occurred(ts));
    tr_decref(heap);
    tr_decref(d);
}
END_TEST

START_TEST(test_deleting_a_missing_key_raises_key_error)
{
    TrObject *d = dict_new(ts);
    ck_assert_int_eq(dict_del(ts, d, tr_imm_from(42)), -1);
    ck_assert(err_matches(ts, &tr_exc_KeyError));
    err_clear(ts);
    ck_assert_ptr_null(dict_get(ts, d, tr_imm_from(42)));
    ck_assert(!err_occurred(ts));
    tr_decref(d);
}
END_TEST

START_TEST(test_version_moves_on_every_mutation)
{
    TrObject *d = dict_new(ts);
    uint64_t v0 = dict_version(d);
    dict_set(ts, d, tr_imm_from(1), tr_imm_from(1));
    uint64_t v1 = dict_version(d);
    ck_assert(v1 != v0);
    dict_set(ts, d, tr_imm_from(1), tr_imm_from(2));
    ck_assert(dict_version(d) != v1);
    tr_decref(d);
}
END_TEST

static TrObject *shared_dict;

static void *insert_worker(void *arg) {
    TrThread *me = ((void **)arg)[0];
    intptr_t base = (intptr_t)((void **)arg)[1];
    tstate_attach(me);
    for (intptr_t i = 0; i < NKEYS; i++) {
        TrObject *k = int_from_i64(me, base + i);
        TrObject *v = str_from_cstr(me, "v");
        dict_set(me, shared_dict, k, v);
        tr_decref(v);
        TrObject *out;
        if (dict_get_ref(me, shared_dict, k, &out) == 1) tr_decref(out);
        tr_decref(k);
    }
    tstate_exit(me);
    return NULL;
}

START_TEST(test_four_threads_setting_disjoint_keys_give_the_right_size)
{
    shared_dict = dict_new(ts);
    pthread_t t[NTHREADS];
    void *args[NTHREADS][2];
    for (int i = 0; i < NTHREADS; i++) {
        args[i][0] = tstate_new();
        args[i][1] = (void *)(intptr_t)(i * 1000000);
        ck_assert_ptr_nonnull(args[i][0]);
        pthread_create(&t[i], NULL, insert_worker, args[i]);
    }
    gil_release_for_blocking(ts);
    for (int i = 0; i < NTHREADS; i++) pthread_join(t[i], NULL);
    gil_reacquire_after_blocking(ts);
    ck_assert_uint_eq(dict_size(shared_dict), (size_t)NTHREADS * NKEYS);
    TR_CLEAR(shared_dict);
}
END_TEST

static Suite *dict_suite(void) {
    Suite *s = suite_create("dict");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_insertion_order_survives_deletes_and_resizes);
    tcase_add_test(tc, test_get_ref_returns_2_for_an_immediate_and_1_for_a_heap_value);
    tcase_add_test(tc, test_deleting_a_missing_key_raises_key_error);
    tcase_add_test(tc, test_version_moves_on_every_mutation);
    tcase_add_test(tc, test_four_threads_setting_disjoint_keys_give_the_right_size);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(dict_suite());
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
