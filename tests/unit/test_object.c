/* tests/unit/test_object.c: the object core: the binary-operator protocol,
 * CPython's error texts, exception str/repr, traceback carets (expected
 * outputs produced with CPython 3.13's traceback module), the release of
 * deeply nested objects (the trashcan) and the C recursion guard. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "torii/torii.h"
#include "core/traceback.h"

static TrThread *ts;
static void setup(void) { if (!ts) ts = runtime_init(0, NULL); }

/* Two test types: `Left` declines every + (NotImplemented); `Right`
 * handles + with either operand order and returns 42. */
static TrObject *left_add(TrThread *t, TrObject *a, TrObject *b) { return tr_notimplemented; }
static TrObject *right_add(TrThread *t, TrObject *a, TrObject *b) { return int_from_i64(t, 42); }
static const TrNumberSlots left_num = {.binop = {[TR_BINOP_ADD] = left_add}};
static const TrNumberSlots right_num = {.binop = {[TR_BINOP_ADD] = right_add}};
static TrType left_type = {.ob_base = TR_STATIC_TYPE_HEADER, .name = "Left", .basicsize = sizeof(TrObject), .number = &left_num};
static TrType right_type = {.ob_base = TR_STATIC_TYPE_HEADER, .name = "Right", .basicsize = sizeof(TrObject), .number = &right_num};

static const char *pending_message(void) {
    static char buf[256];
    TrObject *e = err_fetch(ts);
    ck_assert_ptr_nonnull(e);
    TrObject *s = exc_str(ts, e);
    snprintf(buf, sizeof buf, "%s: %s", tr_type(e)->name, str_utf8(s));
    tr_decref(s);
    tr_decref(e);
    return buf;
}

START_TEST(test_binop_falls_back_to_right_operand_slot) {
    ck_assert_int_eq(type_ready(ts, &left_type), 0);
    ck_assert_int_eq(type_ready(ts, &right_type), 0);
    TrObject *l = tr_alloc(ts, &left_type), *r = tr_alloc(ts, &right_type);
    TrObject *res = tr_binop(ts, TR_BINOP_ADD, l, r);
    ck_assert_ptr_nonnull(res);
    ck_assert_int_eq(tr_imm_value(res), 42);
    res = tr_binop(ts, TR_BINOP_ADD | TR_BINOP_INPLACE, l, r);
    ck_assert_int_eq(tr_imm_value(res), 42);
    ck_assert_ptr_null(tr_binop(ts, TR_BINOP_ADD, l, l));
    ck_assert_str_eq(pending_message(), "TypeError: unsupported operand type(s) for +: 'Left' and 'Left'");
    tr_decref(l);
    tr_decref(r);
}
END_TEST

START_TEST(test_operator_errors_use_cpython_text) {
    TrObject *s = str_from_cstr(ts, "a"), *one = tr_imm_from(1);
    ck_assert_ptr_null(tr_binop(ts, TR_BINOP_ADD, one, s));
    ck_assert_str_eq(pending_message(), "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
    ck_assert_ptr_null(tr_binop(ts, TR_BINOP_POW, s, one));
    ck_assert_str_eq(pending_message(), "TypeError: unsupported operand type(s) for ** or pow(): 'str' and 'int'");
    ck_assert_ptr_null(tr_binop(ts, TR_BINOP_ADD | TR_BINOP_INPLACE, one, s));
    ck_assert_str_eq(pending_message(), "TypeError: unsupported operand type(s) for +=: 'int' and 'str'");
    ck_assert_ptr_null(tr_neg(ts, s));
    ck_assert_str_eq(pending_message(), "TypeError: bad operand type for unary -: 'str'");
    ck_assert_int_eq(tr_len(ts, one), -1);
    ck_assert_str_eq(pending_message(), "TypeError: object of type 'int' has no len()");
    ck_assert_ptr_null(tr_getitem(ts, one, one));
    ck_assert_str_eq(pending_message(), "TypeError: 'int' object is not subscriptable");
    ck_assert_int_eq(tr_setitem(ts, s, one, one), -1);
    ck_assert_str_eq(pending_message(), "TypeError: 'str' object does not support item assignment");
    ck_assert_int_eq(tr_contains(ts, one, one), -1);
    ck_assert_str_eq(pending_message(), "TypeError: argument of type 'int' is not iterable");
    ck_assert_ptr_null(tr_iter(ts, one));
    ck_assert_str_eq(pending_message(), "TypeError: 'int' object is not iterable");
    ck_assert_ptr_null(tr_call(ts, one, NULL, 0, NULL));
    ck_assert_str_eq(pending_message(), "TypeError: 'int' object is not callable");
    ck_assert_ptr_null(tr_richcompare(ts, one, s, TR_LT));
    ck_assert_str_eq(pending_message(), "TypeError: '<' not supported between instances of 'int' and 'str'");
    ck_assert_int_eq(tr_setattr(ts, one, str_from_cstr(ts, "x"), one), -1);
    ck_assert_str_eq(pending_message(),
                     "AttributeError: 'int' object has no attribute 'x' and no __dict__ for setting new attributes");
    tr_decref(s);
}
END_TEST

START_TEST(test_check_args_messages_match_cpython) {
    ck_assert_int_eq(tr_check_args(ts, "len", 2, NULL, 1, 1), -1);
    ck_assert_str_eq(pending_message(), "TypeError: len() takes exactly one argument (2 given)");
    ck_assert_int_eq(tr_check_args(ts, "list.clear", 1, NULL, 0, 0), -1);
    ck_assert_str_eq(pending_message(), "TypeError: list.clear() takes no arguments (1 given)");
    ck_assert_int_eq(tr_check_nargs(ts, "pop", 2, 0, 1), -1);
    ck_assert_str_eq(pending_message(), "TypeError: pop expected at most 1 argument, got 2");
    ck_assert_int_eq(tr_check_nargs(ts, "sorted", 0, 1, 1), -1);
    ck_assert_str_eq(pending_message(), "TypeError: sorted expected 1 argument, got 0");
    ck_assert_int_eq(tr_check_nargs(ts, "divmod", 1, 2, 2), -1);
    ck_assert_str_eq(pending_message(), "TypeError: divmod expected 2 arguments, got 1");
    ck_assert_int_eq(tr_check_args(ts, "f", 0, NULL, 0, 2), 0);
}
END_TEST

static const char *str_of(TrObject *e, int repr) {
    static char buf[256];
    TrObject *s = repr ? tr_repr(ts, e) : exc_str(ts, e);
    snprintf(buf, sizeof buf, "%s", str_utf8(s));
    tr_decref(s);
    tr_decref(e);
    return buf;
}

START_TEST(test_exception_str_and_repr_follow_args) {
    TrObject *x = str_from_cstr(ts, "x"), *two = tr_imm_from(2);
    TrObject *args[2] = {x, two};
    ck_assert_str_eq(str_of(exc_new(ts, &tr_exc_ValueError, NULL, 0), 0), "");
    ck_assert_str_eq(str_of(exc_new(ts, &tr_exc_ValueError, args, 1), 0), "x");
    ck_assert_str_eq(str_of(exc_new(ts, &tr_exc_ValueError, args, 2), 0), "('x', 2)");
    ck_assert_str_eq(str_of(exc_new(ts, &tr_exc_KeyError, args, 1), 0), "'x'");
    ck_assert_str_eq(str_of(exc_new(ts, &tr_exc_ValueError, args, 1), 1), "ValueError('x')");
    ck_assert_str_eq(str_of(exc_new(ts, &tr_exc_ValueError, args, 2), 1), "ValueError('x', 2)");
    ck_assert_str_eq(str_of(exc_new(ts, &tr_exc_ValueError, NULL, 0), 1), "ValueError()");
    err_format(ts, &tr_exc_TypeError, "%s %d %zu %R %S %T %%", "a", -3, (size_t)7, x, x, two);
    ck_assert_str_eq(pending_message(), "TypeError: a -3 7 'x' x int %");
    tr_decref(x);
}
END_TEST

static void check_carets(const char *line, const char *span, const char *want) {
    const char *at = strstr(line, span);
    ck_assert_ptr_nonnull(at);
    int col = (int)(at - line);
    char *got = traceback_format_source(&line, 1, col, col + (int)strlen(span));
    ck_assert_str_eq(got, want);
    free(got);
}

START_TEST(test_carets_match_cpython_for_single_lines) {
    check_carets("    return a[3] + 1", "a[3]", "    return a[3] + 1\n           ~^^^\n");
    check_carets("    return a[3] + 1", "a[3] + 1", "    return a[3] + 1\n           ~~~~~^~~\n");
    check_carets("    x = f(a, b)", "f(a, b)", "    x = f(a, b)\n");
    check_carets("    return f(a, b)", "f(a, b)", "    return f(a, b)\n");
    check_carets("    y = obj.f(a, b)", "obj.f(a, b)", "    y = obj.f(a, b)\n");
    check_carets("    print(x.foo)", "x.foo", "    print(x.foo)\n          ^^^^^\n");
    check_carets("1/0", "1/0", "    1/0\n    ~^~\n");
    check_carets("    raise ValueError('x')", "raise ValueError('x')", "    raise ValueError('x')\n");
    check_carets("    result = a +(b)", "a +(b)", "    result = a +(b)\n             ~~^^~~\n");
    check_carets("    z = (f)(x)", "(f)(x)", "    z = (f)(x)\n");
    check_carets("    s = '中文' + 1", "'中文' + 1", "    s = '中文' + 1\n        ~~~~~~~^~~\n");
}
END_TEST

START_TEST(test_call_spanning_whole_multiline_statement_has_no_carets) {
    const char *lines[] = {"    x = foo(", "        a,", "        b,", "        c,", "        d)"};
    char *got = traceback_format_source(lines, 5, 8, 10);
    ck_assert_str_eq(got, "    x = foo(\n        a,\n        b,\n        c,\n        d)\n");
    free(got);
}
END_TEST

/* `Link`: a test type holding one owned reference, so a chain of them is
 * released one dealloc inside the next.  Its dealloc records how deep those
 * deallocs nest and what the trashcan holds meanwhile. */
typedef struct Link {
    TrObject ob_base;
    TrObject *next;              /* owned or NULL */
} Link;

static int link_nesting, link_max_nesting;
static size_t link_freed, link_max_pending;
static int link_header_dirty;

static void link_dealloc(TrThread *t, TrObject *o) {
    /* a listed object gets its header back before its dealloc runs */
    if ((atomic_load_ssize_relaxed((ssize_t *)&o->ob_ref_shared) >> TR_SHARED_SHIFT) != 0) link_header_dirty = 1;
    if (++link_nesting > link_max_nesting) link_max_nesting = link_nesting;
    TrObject *next = ((Link *)o)->next;
    tr_free(o);
    tr_xdecref(next);
    size_t pending = tr_dealloc_pending();        /* `next`, if it was listed instead of freed */
    if (pending > link_max_pending) link_max_pending = pending;
    link_nesting--;
    link_freed++;
}

static TrType link_type = {.ob_base = TR_STATIC_TYPE_HEADER, .name = "Link", .basicsize = sizeof(Link),
                           .dealloc = link_dealloc};

START_TEST(test_deep_chain_is_released_without_deep_recursion) {
    ck_assert_int_eq(type_ready(ts, &link_type), 0);
    enum { N = 1000000 };
    TrObject *head = NULL;
    for (int i = 0; i < N; i++) {
        Link *l = (Link *)tr_alloc(ts, &link_type);
        ck_assert_ptr_nonnull(l);
        l->next = head;
        head = (TrObject *)l;
    }
    link_nesting = link_max_nesting = 0;
    link_freed = link_max_pending = 0;
    link_header_dirty = 0;
    tr_decref(head);
    ck_assert_uint_eq(link_freed, N);
    ck_assert_int_eq(link_nesting, 0);
    ck_assert_int_gt(link_max_nesting, 1);       /* nested at first... */
    ck_assert_int_le(link_max_nesting, 100);     /* ...but not a million deep */
    ck_assert_uint_ge(link_max_pending, 1);      /* the trashcan was used */
    ck_assert_uint_eq(tr_dealloc_pending(), 0);  /* and drained before the release returned */
    ck_assert_int_eq(link_header_dirty, 0);
}
END_TEST

START_TEST(test_shallow_chain_is_released_in_place) {
    TrObject *head = NULL;
    for (int i = 0; i < 10; i++) {
        Link *l = (Link *)tr_alloc(ts, &link_type);
        l->next = head;
        head = (TrObject *)l;
    }
    link_nesting = link_max_nesting = 0;
    link_freed = link_max_pending = 0;
    tr_decref(head);
    ck_assert_uint_eq(link_freed, 10);
    ck_assert_int_eq(link_max_nesting, 10);      /* nothing was deferred */
    ck_assert_uint_eq(link_max_pending, 0);
}
END_TEST

START_TEST(test_recursion_guard_raises_at_the_limit_and_balances) {
    int start = tr_c_depth;
    int entered = 0;
    while (tr_enter_recursive(ts, " in a test") == 0) entered++;
    ck_assert_int_eq(start + entered, TR_C_RECURSION_LIMIT);
    ck_assert_int_eq(tr_c_depth, TR_C_RECURSION_LIMIT);   /* the failed level was not entered */
    while (entered--) tr_leave_recursive(ts);
    ck_assert_int_eq(tr_c_depth, start);
    ck_assert_str_eq(pending_message(), "RecursionError: maximum recursion depth exceeded in a test");
    ck_assert_int_eq(tr_enter_recursive(ts, ""), 0);
    tr_leave_recursive(ts);
}
END_TEST

START_TEST(test_stack_check_knows_this_stack) {
    ck_assert_int_eq(tr_cstack_exhausted(tr_stack_pointer()), 0);
    ck_assert_int_eq(tr_check_cstack(ts, ""), 0);
    ck_assert_int_eq(tr_cstack_exhausted(tr_cstack_limit - 1), 1);
    ck_assert(!err_occurred(ts));
}
END_TEST

Suite *object_suite(void) {
    Suite *s = suite_create("object");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_binop_falls_back_to_right_operand_slot);
    tcase_add_test(tc, test_operator_errors_use_cpython_text);
    tcase_add_test(tc, test_check_args_messages_match_cpython);
    tcase_add_test(tc, test_exception_str_and_repr_follow_args);
    tcase_add_test(tc, test_carets_match_cpython_for_single_lines);
    tcase_add_test(tc, test_call_spanning_whole_multiline_statement_has_no_carets);
    tcase_add_test(tc, test_deep_chain_is_released_without_deep_recursion);
    tcase_add_test(tc, test_shallow_chain_is_released_in_place);
    tcase_add_test(tc, test_recursion_guard_raises_at_the_limit_and_balances);
    tcase_add_test(tc, test_stack_check_knows_this_stack);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(object_suite());
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
