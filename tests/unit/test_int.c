/* tests/unit/test_int.c: int, bool and float against values taken from
 * CPython 3.13: immediates at their boundaries, promotion to GMP and back,
 * Python's division signs, parsing, hashing and float repr. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"

static TrThread *ts;

static void setup(void) {
    static TrThread *once;
    if (!once) once = runtime_init(0, NULL);
    ts = once;
    ck_assert_ptr_nonnull(ts);
}

/* Parses a decimal literal (never fails in these tests). */
static TrObject *I(const char *s) {
    TrObject *o = int_from_string(ts, s, strlen(s), 10);
    ck_assert_ptr_nonnull(o);
    return o;
}

/* The decimal text of an int, compared with `want`; consumes `o`. */
static void assert_int_text(TrObject *o, const char *want) {
    ck_assert_ptr_nonnull(o);
    TrObject *r = int_repr(ts, o);
    ck_assert_ptr_nonnull(r);
    ck_assert_str_eq(str_utf8(r), want);
    tr_decref(r);
    tr_decref(o);
}

static TrObject *binop(int op, const char *a, const char *b) {
    TrObject *x = I(a), *y = I(b);
    TrObject *r = int_binop(ts, op, x, y);
    tr_decref(x);
    tr_decref(y);
    return r;
}

/* The pending exception's message (its str), then clears it. */
static void assert_error(TrType *type, const char *msg) {
    ck_assert(err_occurred(ts));
    ck_assert(err_matches(ts, type));
    TrObject *exc = err_fetch(ts);
    TrObject *s = exc_str(ts, exc);
    ck_assert_ptr_nonnull(s);
    ck_assert_str_eq(str_utf8(s), msg);
    tr_decref(s);
    tr_decref(exc);
}

START_TEST(test_immediates_round_trip_at_the_boundaries) {
    TrObject *mx = int_from_i64(ts, TR_IMM_MAX), *mn = int_from_i64(ts, TR_IMM_MIN);
    ck_assert(tr_is_imm(mx));
    ck_assert(tr_is_imm(mn));
    ck_assert_int_eq(int_as_i64(ts, mx), TR_IMM_MAX);
    ck_assert_int_eq(int_as_i64(ts, mn), TR_IMM_MIN);
    TrObject *above = int_from_i64(ts, TR_IMM_MAX + 1), *below = int_from_i64(ts, TR_IMM_MIN - 1);
    ck_assert(!tr_is_imm(above));
    ck_assert(!tr_is_imm(below));
    ck_assert_int_eq(int_as_i64(ts, above), TR_IMM_MAX + 1);
    ck_assert_int_eq(int_as_i64(ts, below), TR_IMM_MIN - 1);
    tr_decref(above);
    tr_decref(below);
}
END_TEST

START_TEST(test_overflow_promotes_to_gmp_and_demotes_back) {
    TrObject *mx = int_from_i64(ts, TR_IMM_MAX), *one = int_from_i64(ts, 1);
    TrObject *big = int_binop(ts, TR_BINOP_ADD, mx, one);
    ck_assert(!tr_is_imm(big));
    ck_assert(tr_type(big) == &tr_int_type);
    TrObject *back = int_binop(ts, TR_BINOP_SUB, big, one);
    ck_assert(tr_is_imm(back));
    ck_assert_int_eq(int_compare(back, mx), 0);
    tr_decref(big);
    /* 2**124 // 2**62 is 2**62, just out of range; 2**124 // 2**63 is back in */
    TrObject *p = binop(TR_BINOP_FLOORDIV, "21267647932558653966460912964485513216", "4611686018427387904");
    ck_assert(!tr_is_imm(p));
    assert_int_text(p, "4611686018427387904");
    TrObject *q = binop(TR_BINOP_FLOORDIV, "21267647932558653966460912964485513216", "9223372036854775808");
    ck_assert(tr_is_imm(q));
    assert_int_text(q, "2305843009213693952");
}
END_TEST

START_TEST(test_floor_division_and_modulo_take_the_sign_of_the_divisor) {
    assert_int_text(binop(TR_BINOP_FLOORDIV, "-7", "2"), "-4");
    assert_int_text(binop(TR_BINOP_MOD, "-7", "2"), "1");
    assert_int_text(binop(TR_BINOP_FLOORDIV, "7", "-2"), "-4");
    assert_int_text(binop(TR_BINOP_MOD, "7", "-2"), "-1");
    assert_int_text(binop(TR_BINOP_FLOORDIV, "-1180591620717411303424", "3"), "-393530540239137101142");
    assert_int_text(binop(TR_BINOP_MOD, "-1180591620717411303424", "3"), "2");
    assert_int_text(binop(TR_BINOP_MOD, "1180591620717411303424", "-3"), "-2");
}
END_TEST

START_TEST(test_division_by_zero_messages_match_cpython) {
    ck_assert_ptr_null(binop(TR_BINOP_FLOORDIV, "1", "0"));
    assert_error(&tr_exc_ZeroDivisionError, "integer division or modulo by zero");
    ck_assert_ptr_null(binop(TR_BINOP_MOD, "1", "0"));
    assert_error(&tr_exc_ZeroDivisionError, "integer modulo by zero");
    ck_assert_ptr_null(binop(TR_BINOP_TRUEDIV, "1", "0"));
    assert_error(&tr_exc_ZeroDivisionError, "division by zero");
    ck_assert_ptr_null(binop(TR_BINOP_POW, "0", "-1"));
    assert_error(&tr_exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    ck_assert_ptr_null(binop(TR_BINOP_LSHIFT, "1", "-1"));
    assert_error(&tr_exc_ValueError, "negative shift count");
}
END_TEST

START_TEST(test_big_multiplication_matches_known_values) {
    assert_int_text(binop(TR_BINOP_MUL, "18446744073709551617", "18446744073709551615"),
                    "340282366920938463463374607431768211455");
    assert_int_text(binop(TR_BINOP_POW, "2", "100"), "1267650600228229401496703205376");
    assert_int_text(binop(TR_BINOP_MUL, "3037000499", "3037000499"), "9223372030926249001");
    assert_int_text(binop(TR_BINOP_AND, "-1267650600228229401496703205376", "255"), "0");
    assert_int_text(binop(TR_BINOP_RSHIFT, "-1267650600228229401496703205376", "99"), "-2");
}
END_TEST

START_TEST(test_int_from_string_accepts_bases_prefixes_and_underscores) {
    assert_int_text(int_from_string(ts, "  -0b1_01  ", 11, 0), "-5");
    assert_int_text(int_from_string(ts, "-0x_ff", 6, 16), "-255");
    assert_int_text(int_from_string(ts, "12", 2, 16), "18");
    assert_int_text(int_from_string(ts, "Zz", 2, 36), "1295");
    assert_int_text(int_from_string(ts, "000", 3, 0), "0");
    assert_int_text(int_from_string(ts, "1_000_000_000_000_000_000_000", 29, 10), "1000000000000000000000");
}
END_TEST

START_TEST(test_int_from_string_rejects_bad_literals_with_cpython_messages) {
    ck_assert_ptr_null(int_from_string(ts, "abc", 3, 10));
    assert_error(&tr_exc_ValueError, "invalid literal for int() with base 10: 'abc'");
    ck_assert_ptr_null(int_from_string(ts, "010", 3, 0));
    assert_error(&tr_exc_ValueError, "invalid literal for int() with base 0: '010'");
    ck_assert_ptr_null(int_from_string(ts, "1__0", 4, 10));
    assert_error(&tr_exc_ValueError, "invalid literal for int() with base 10: '1__0'");
    ck_assert_ptr_null(int_from_string(ts, "1_", 2, 10));
    assert_error(&tr_exc_ValueError, "invalid literal for int() with base 10: '1_'");
    ck_assert_ptr_null(int_from_string(ts, "0x", 2, 16));
    assert_error(&tr_exc_ValueError, "invalid literal for int() with base 16: '0x'");
    ck_assert_ptr_null(int_from_string(ts, "1", 1, 37));
    assert_error(&tr_exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
}
END_TEST

START_TEST(test_huge_decimal_conversions_hit_the_4300_digit_limit) {
    char *s = malloc(5001);
    memset(s, '1', 5000);
    s[5000] = '\0';
    ck_assert_ptr_null(int_from_string(ts, s, 5000, 10));
    assert_error(&tr_exc_ValueError,
                 "Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; "
                 "use sys.set_int_max_str_digits() to increase the limit");
    TrObject *hex = int_from_string(ts, s, 5000, 16); /* powers of two are not limited */
    ck_assert_ptr_nonnull(hex);
    tr_decref(hex);
    free(s);
    TrObject *big = binop(TR_BINOP_POW, "10", "5000");
    ck_assert_ptr_null(int_repr(ts, big));
    assert_error(&tr_exc_ValueError,
                 "Exceeds the limit (4300 digits) for integer string conversion; "
                 "use sys.set_int_max_str_digits() to increase the limit");
    tr_decref(big);
}
END_TEST

START_TEST(test_int_hashes_equal_cpython) {
    static const struct { const char *v; int64_t h; } cases[] = {
        {"2305843009213693952", 1},          /* 2**61 */
        {"2305843009213693951", 0},          /* 2**61 - 1 */
        {"-2305843009213693952", -2},
        {"1267650600228229401496703205376", 549755813888}, /* 2**100 */
        {"-1", -2},
        {"4611686018427387904", 2},          /* 2**62 */
        {"-4611686018427387905", -3},
        {"1000000000000000000000000000000", 465258685558744706},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        TrObject *o = I(cases[i].v);
        ck_assert_int_eq(int_hash(o), cases[i].h);
        tr_decref(o);
    }
}
END_TEST

START_TEST(test_float_hashes_equal_cpython_and_match_equal_ints) {
    ck_assert_int_eq(float_hash_double(0.1), 230584300921369408);
    ck_assert_int_eq(float_hash_double(1.5), 1152921504606846977);
    ck_assert_int_eq(float_hash_double(-1.5), -1152921504606846977);
    ck_assert_int_eq(float_hash_double(1e300), 1224995262755759164);
    ck_assert_int_eq(float_hash_double(5e-324), 16777216);
    ck_assert_int_eq(float_hash_double(INFINITY), 314159);
    ck_assert_int_eq(float_hash_double(-1.0), -2);
    TrObject *big = I("4611686018427387904");
    ck_assert_int_eq(float_hash_double(4611686018427387904.0), int_hash(big));
    tr_decref(big);
}
END_TEST

START_TEST(test_float_repr_is_the_shortest_round_trip_string) {
    static const struct { double v; const char *want; } cases[] = {
        {0.1, "0.1"}, {1e16, "1e+16"}, {1e-5, "1e-05"}, {1.0 / 3, "0.3333333333333333"},
        {1.4142135623730951, "1.4142135623730951"}, {-0.0, "-0.0"}, {5e-324, "5e-324"},
        {1.7976931348623157e308, "1.7976931348623157e+308"}, {1e22, "1e+22"}, {123.0, "123.0"},
        {1e-4, "0.0001"}, {5e-5, "5e-05"}, {2.5, "2.5"}, {1e15, "1000000000000000.0"},
        {1e23, "1e+23"}, {INFINITY, "inf"}, {-INFINITY, "-inf"}, {NAN, "nan"},
    };
    char buf[40];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = float_format_repr(cases[i].v, buf);
        ck_assert_uint_eq(n, strlen(cases[i].want));
        ck_assert_str_eq(buf, cases[i].want);
    }
}
END_TEST

START_TEST(test_int_float_comparison_is_exact) {
    TrObject *a = I("9007199254740993"); /* 2**53 + 1 */
    ck_assert_int_eq(float_compare_with_int(9007199254740992.0, a), -1);
    tr_decref(a);
    TrObject *b = I("9007199254740992");
    ck_assert_int_eq(float_compare_with_int(9007199254740992.0, b), 0);
    tr_decref(b);
    TrObject *c = I("10000000000000000000000000000000000000000");
    ck_assert_int_eq(float_compare_with_int(1e40, c), 1); /* 1e40 is 10**40 + 303786028427003666890752 */
    ck_assert_int_eq(float_compare_with_int(NAN, c), 2);
    tr_decref(c);
}
END_TEST

START_TEST(test_true_division_of_big_ints_is_correctly_rounded) {
    TrObject *r = binop(TR_BINOP_TRUEDIV, "1267650600228229401496703205376", "3");
    ck_assert_ptr_nonnull(r);
    ck_assert(float_value(r) == 4.2255020007607644e+29);
    tr_decref(r);
    r = binop(TR_BINOP_TRUEDIV, "1267650600228229401496703205377", "9007199254740992");
    ck_assert(float_value(r) == 140737488355328.0);
    tr_decref(r);
    TrObject *huge = binop(TR_BINOP_POW, "2", "1100");
    TrObject *three = int_from_i64(ts, 3);
    ck_assert_ptr_null(int_binop(ts, TR_BINOP_TRUEDIV, huge, three));
    tr_decref(huge);
    assert_error(&tr_exc_OverflowError, "integer division result too large for a float");
}
END_TEST

START_TEST(test_bools_are_ints_and_logic_on_bools_gives_bools) {
    ck_assert(int_check(tr_true));
    ck_assert_int_eq(int_as_i64(ts, tr_true), 1);
    TrObject *two = int_binop(ts, TR_BINOP_ADD, tr_true, tr_true);
    ck_assert(tr_is_imm(two));
    ck_assert_int_eq(int_as_i64(ts, two), 2);
    TrObject *and_ = tr_bool_type.number->binop[TR_BINOP_AND](ts, tr_true, tr_false);
    ck_assert_ptr_eq(and_, tr_false);
}
END_TEST

START_TEST(test_round_is_half_to_even_like_cpython) {
    TrObject *r = float_round(ts, 2.5, NULL);
    ck_assert_int_eq(int_as_i64(ts, r), 2);
    TrObject *two = int_from_i64(ts, 2), *m2 = int_from_i64(ts, -2), *m1 = int_from_i64(ts, -1);
    r = float_round(ts, 2.675, two);
    ck_assert(float_value(r) == 2.67);
    tr_decref(r);
    r = float_round(ts, 1349.5, m2);
    ck_assert(float_value(r) == 1300.0);
    tr_decref(r);
    TrObject *x = I("25");
    assert_int_text(int_round(ts, x, m1), "20");
    tr_decref(x);
}
END_TEST

static Suite *int_suite(void) {
    Suite *s = suite_create("int");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_immediates_round_trip_at_the_boundaries);
    tcase_add_test(tc, test_overflow_promotes_to_gmp_and_demotes_back);
    tcase_add_test(tc, test_floor_division_and_modulo_take_the_sign_of_the_divisor);
    tcase_add_test(tc, test_division_by_zero_messages_match_cpython);
    tcase_add_test(tc, test_big_multiplication_matches_known_values);
    tcase_add_test(tc, test_int_from_string_accepts_bases_prefixes_and_underscores);
    tcase_add_test(tc, test_int_from_string_rejects_bad_literals_with_cpython_messages);
    tcase_add_test(tc, test_huge_decimal_conversions_hit_the_4300_digit_limit);
    tcase_add_test(tc, test_int_hashes_equal_cpython);
    tcase_add_test(tc, test_float_hashes_equal_cpython_and_match_equal_ints);
    tcase_add_test(tc, test_float_repr_is_the_shortest_round_trip_string);
    tcase_add_test(tc, test_int_float_comparison_is_exact);
    tcase_add_test(tc, test_true_division_of_big_ints_is_correctly_rounded);
    tcase_add_test(tc, test_bools_are_ints_and_logic_on_bools_gives_bools);
    tcase_add_test(tc, test_round_is_half_to_even_like_cpython);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(int_suite());
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
