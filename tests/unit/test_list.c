/* tests/unit/test_list.c: the list type (objects/list.c): appends, the
 * lock-free read path list_get_ref, sorting, and appends from four attached
 * threads at once. */
#include <check.h>
#include <pthread.h>
#include <stdlib.h>

#include "torii/torii.h"
#include "torii/runtime.h"
#include "threads/tstate.h"

#define NTHREADS 4
#define NAPPEND 10000

static TrThread *ts;

static void setup(void) {
    if (!ts) ts = runtime_init(0, NULL);
    ck_assert_ptr_nonnull(ts);
}

START_TEST(test_append_keeps_order_and_grows)
{
    TrObject *l = list_new(ts, 0);
    for (int i = 0; i < 1000; i++) ck_assert_int_eq(list_append_take(ts, l, int_from_i64(ts, i)), 0);
    ck_assert_uint_eq(list_size(l), 1000);
    for (int i = 0; i < 1000; i += 97) {
        TrObject *v = list_get(ts, l, i);
        ck_assert_int_eq(int_as_i64(ts, v), i);
        tr_decref(v);
    }
    tr_decref(l);
}
END_TEST

START_TEST(test_get_ref_returns_2_for_an_immediate_and_1_for_a_heap_item)
{
    TrObject *l = list_new(ts, 0);
    TrObject *s = str_from_cstr(ts, "heap");
    list_append_take(ts, l, tr_imm_from(7));
    list_append(ts, l, s);
    TrObject *out = NULL;
    ck_assert_int_eq(list_get_ref(ts, l, 0, &out), 2);
    ck_assert(out == tr_imm_from(7));
    ck_assert_int_eq(list_get_ref(ts, l, -1, &out), 1);
    ck_assert(out == s);
    tr_decref(out);
    ck_assert_int_eq(list_get_ref(ts, l, 2, &out), -1);
    ck_assert(err_matches(ts, &tr_exc_IndexError));
    err_clear(ts);
    tr_decref(s);
    tr_decref(l);
}
END_TEST

START_TEST(test_sort_orders_ascending_and_reverse_descending)
{
    TrObject *l = list_new(ts, 0);
    for (int i = 0; i < 50; i++) list_append_take(ts, l, int_from_i64(ts, (i * 7) % 5));
    ck_assert_int_eq(list_sort(ts, l, NULL, 0), 0);
    for (size_t i = 1; i < list_size(l); i++) {
        TrObject *a = list_get(ts, l, (ssize_t)i - 1), *b = list_get(ts, l, (ssize_t)i);
        ck_assert(int_as_i64(ts, a) <= int_as_i64(ts, b));
    }
    ck_assert_int_eq(list_sort(ts, l, NULL, 1), 0);
    TrObject *first = list_get(ts, l, 0);
    ck_assert_int_eq(int_as_i64(ts, first), 4);
    tr_decref(l);
}
END_TEST

START_TEST(test_sort_of_mixed_types_raises_type_error)
{
    TrObject *l = list_new(ts, 0);
    list_append_take(ts, l, tr_imm_from(1));
    list_append_take(ts, l, str_from_cstr(ts, "a"));
    ck_assert_int_eq(list_sort(ts, l, NULL, 0), -1);
    ck_assert(err_matches(ts, &tr_exc_TypeError));
    err_clear(ts);
    ck_assert_uint_eq(list_size(l), 2);
    tr_decref(l);
}
END_TEST

static TrObject *shared_list;

static void *append_worker(void *arg) {
    TrThread *me = arg;
    tstate_attach(me);
    for (int i = 0; i < NAPPEND; i++) {
        /* heap items as well as immediates, so counting crosses threads */
        TrObject *v = (i & 1) ? int_from_i64(me, i) : str_from_cstr(me, "x");
        list_append_take(me, shared_list, v);
        TrObject *out;
        if (list_get_ref(me, shared_list, -1, &out) == 1) tr_decref(out);
    }
    tstate_exit(me);
    return NULL;
}

START_TEST(test_four_threads_appending_ten_thousand_each_give_forty_thousand)
{
    shared_list = list_new(ts, 0);
    pthread_t t[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        TrThread *child = tstate_new();
        ck_assert_ptr_nonnull(child);
        pthread_create(&t[i], NULL, append_worker, child);
    }
    gil_release_for_blocking(ts);
    for (int i = 0; i < NTHREADS; i++) pthread_join(t[i], NULL);
    gil_reacquire_after_blocking(ts);
    ck_assert_uint_eq(list_size(shared_list), (size_t)NTHREADS * NAPPEND);
    TR_CLEAR(shared_list);
}
END_TEST

static Suite *list_suite(void) {
    Suite *s = suite_create("list");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_append_keeps_order_and_grows);
    tcase_add_test(tc, test_get_ref_returns_2_for_an_immediate_and_1_for_a_heap_item);
    tcase_add_test(tc, test_sort_orders_ascending_and_reverse_descending);
    tcase_add_test(tc, test_sort_of_mixed_types_raises_type_error);
    tcase_add_test(tc, test_four_threads_appending_ten_thousand_each_give_forty_thousand);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(list_suite());
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
