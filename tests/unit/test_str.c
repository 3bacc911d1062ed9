/* tests/unit/test_str.c: the str type: repr quoting, code-point length and
 * indexing of non-ASCII text, split/strip/replace edge cases, interning
 * identity, the format-spec mini-language and printf-style formatting.
 * Expected values come from CPython 3.13. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"

static TrThread *ts;

static void setup(void) {
    if (!ts) ts = runtime_init(0, NULL);
    ck_assert_ptr_nonnull(ts);
}

static TrObject *S(const char *s) { return str_from_cstr(ts, s); }
static TrObject *I(int64_t v) { return int_from_i64(ts, v); }

/* repr(o) as a C string (leaks: tests are short-lived). */
static const char *E(void);
static const char *R(TrObject *o) {
    ck_assert_msg(o != NULL, "unexpected exception %s", o ? "" : E());
    TrObject *r = tr_repr(ts, o);
    ck_assert_ptr_nonnull(r);
    return str_utf8(r);
}

/* o.name(*args) with `n` positional arguments. */
static TrObject *call(TrObject *o, const char *name, size_t n, ...) {
    TrObject *args[8];
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++) args[i] = va_arg(ap, TrObject *);
    va_end(ap);
    TrObject *m = tr_getattr_cstr(ts, o, name);
    ck_assert_msg(m != NULL, "no method %s", name);
    TrObject *r = tr_call(ts, m, args, n, NULL);
    tr_decref(m);
    return r;
}

/* The pending exception as "Type: message", cleared. */
static const char *E(void) {
    ck_assert_msg(err_occurred(ts), "expected an exception");
    TrObject *e = err_fetch(ts);
    TrObject *s = exc_str(ts, e);
    static char buf[512];
    snprintf(buf, sizeof buf, "%s: %s", tr_type_name(e), s ? str_utf8(s) : "?");
    return buf;
}

START_TEST(test_repr_prefers_single_quotes) {
    ck_assert_str_eq(R(S("abc")), "'abc'");
    ck_assert_str_eq(R(S("it's")), "\"it's\"");
    ck_assert_str_eq(R(S("'\"")), "'\\'\"'");
    ck_assert_str_eq(R(S("a\\b\n\r\t")), "'a\\\\b\\n\\r\\t'");
    ck_assert_str_eq(R(S("\x01\x7f")), "'\\x01\\x7f'");
}
END_TEST

START_TEST(test_repr_keeps_printable_non_ascii_and_escapes_the_rest) {
    ck_assert_str_eq(R(S("h\xc3\xa9llo \xe4\xb8\xad")), "'h\xc3\xa9llo \xe4\xb8\xad'");   /* héllo 中 */
    ck_assert_str_eq(R(S("\xc2\x85\xc2\xa0")), "'\\x85\\xa0'");                          /* NEL, NBSP */
    ck_assert_str_eq(R(S("\xe2\x80\x8b")), "'\\u200b'");                                 /* ZWSP (Cf) */
    ck_assert_str_eq(R(S("\xf3\xa0\x80\x81")), "'\\U000e0001'");                         /* tag (Cf) */
    ck_assert_str_eq(R(S("\xf0\x9f\x98\x80")), "'\xf0\x9f\x98\x80'");                    /* emoji */
}
END_TEST

START_TEST(test_length_and_indexing_count_code_points) {
    TrObject *s = S("a\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80z");   /* aé中😀z */
    ck_assert_int_eq(tr_len(ts, s), 5);
    ck_assert_str_eq(R(tr_getitem(ts, s, I(1))), "'\xc3\xa9'");
    ck_assert_str_eq(R(tr_getitem(ts, s, I(3))), "'\xf0\x9f\x98\x80'");
    ck_assert_str_eq(R(tr_getitem(ts, s, I(-1))), "'z'");
    ck_assert_str_eq(R(tr_getitem(ts, s, slice_new(ts, I(1), I(4), NULL))), "'\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80'");
    ck_assert_str_eq(R(tr_getitem(ts, s, slice_new(ts, NULL, NULL, I(-2)))), "'z\xe4\xb8\xad" "a'");
    ck_assert_ptr_null(tr_getitem(ts, s, I(5)));
    ck_assert_str_eq(E(), "IndexError: string index out of range");
    ck_assert_ptr_null(tr_getitem(ts, s, S("x")));
    ck_assert_str_eq(E(), "TypeError: string indices must be integers, not 'str'");
    ck_assert_str_eq(R(call(s, "find", 1, S("\xf0\x9f\x98\x80"))), "3");
    ck_assert_str_eq(R(call(s, "upper", 0)), "'A\xc3\x89\xe4\xb8\xad\xf0\x9f\x98\x80Z'");
}
END_TEST

START_TEST(test_iteration_yields_characters) {
    TrObject *it = tr_iter(ts, S("x\xc3\xa9"));
    ck_assert_str_eq(R(tr_next(ts, it)), "'x'");
    ck_assert_str_eq(R(tr_next(ts, it)), "'\xc3\xa9'");
    ck_assert_ptr_null(tr_next(ts, it));
    ck_assert(!err_occurred(ts));
}
END_TEST

START_TEST(test_split_edge_cases) {
    ck_assert_str_eq(R(call(S("  a  b \t c\n"), "split", 0)), "['a', 'b', 'c']");
    ck_assert_str_eq(R(call(S(""), "split", 0)), "[]");
    ck_assert_str_eq(R(call(S(""), "split", 1, S(","))), "['']");
    ck_assert_str_eq(R(call(S("a,,b,"), "split", 1, S(","))), "['a', '', 'b', '']");
    ck_assert_str_eq(R(call(S("a b c d"), "split", 2, tr_none, I(2))), "['a', 'b', 'c d']");
    ck_assert_str_eq(R(call(S(" a b c "), "rsplit", 2, tr_none, I(1))), "[' a b', 'c']");
    ck_assert_str_eq(R(call(S(" a b c "), "split", 2, tr_none, I(1))), "['a', 'b c ']");
    ck_assert_str_eq(R(call(S("a::b::c"), "rsplit", 2, S("::"), I(1))), "['a::b', 'c']");
    ck_assert_str_eq(R(call(S("a\nb\r\nc\rd"), "splitlines", 0)), "['a', 'b', 'c', 'd']");
    ck_assert_str_eq(R(call(S("a\nb\r\n"), "splitlines", 1, tr_true)), "['a\\n', 'b\\r\\n']");
    ck_assert_ptr_null(call(S("a"), "split", 1, S("")));
    ck_assert_str_eq(E(), "ValueError: empty separator");
    ck_assert_ptr_null(call(S("a"), "split", 1, I(1)));
    ck_assert_str_eq(E(), "TypeError: must be str or None, not int");
}
END_TEST

START_TEST(test_strip_and_replace_edge_cases) {
    ck_assert_str_eq(R(call(S(" \t x y \n"), "strip", 0)), "'x y'");
    ck_assert_str_eq(R(call(S("xxhixx"), "strip", 1, S("x"))), "'hi'");
    ck_assert_str_eq(R(call(S("xxhixx"), "lstrip", 1, S("x"))), "'hixx'");
    ck_assert_str_eq(R(call(S("\xc3\xa9h\xc3\xa9"), "rstrip", 1, S("\xc3\xa9"))), "'\xc3\xa9h'");
    ck_assert_str_eq(R(call(S("aaa"), "replace", 2, S("a"), S("bb"))), "'bbbbbb'");
    ck_assert_str_eq(R(call(S("aaa"), "replace", 3, S("a"), S("b"), I(2))), "'bba'");
    ck_assert_str_eq(R(call(S("ab"), "replace", 2, S(""), S("-"))), "'-a-b-'");
    ck_assert_ptr_null(call(S("a"), "strip", 1, I(1)));
    ck_assert_str_eq(E(), "TypeError: strip arg must be None or str");
}
END_TEST

START_TEST(test_join_and_errors_use_cpython_words) {
    TrObject *l = list_new(ts, 0);
    list_append(ts, l, S("a"));
    list_append(ts, l, S("b"));
    ck_assert_str_eq(R(str_join(ts, S(", "), l)), "'a, b'");
    ck_assert_ptr_null(str_join(ts, S(","), I(5)));
    ck_assert_str_eq(E(), "TypeError: can only join an iterable");
    list_append(ts, l, I(1));
    ck_assert_ptr_null(str_join(ts, S(","), l));
    ck_assert_str_eq(E(), "TypeError: sequence item 2: expected str instance, int found");
    ck_assert_ptr_null(tr_binop(ts, TR_BINOP_ADD, S("a"), I(1)));
    ck_assert_str_eq(E(), "TypeError: can only concatenate str (not \"int\") to str");
    ck_assert_str_eq(R(tr_binop(ts, TR_BINOP_MUL, I(3), S("ab"))), "'ababab'");
    ck_assert_int_eq(tr_contains(ts, S("abc"), I(1)), -1);
    ck_assert_str_eq(E(), "TypeError: 'in <string>' requires string as left operand, not int");
    ck_assert_ptr_null(call(S("abc"), "index", 1, S("z")));
    ck_assert_str_eq(E(), "ValueError: substring not found");
}
END_TEST

START_TEST(test_interned_strings_are_identical_and_immortal) {
    TrObject *a = str_intern_cstr(ts, "some_identifier");
    TrObject *b = str_intern_utf8(ts, "some_identifier_x", 15);
    TrObject *c = str_intern(ts, S("some_identifier"));
    ck_assert_ptr_eq(a, b);
    ck_assert_ptr_eq(a, c);
    ck_assert(tr_is_immortal(a));
    ck_assert(a->ob_flags & TR_FLAG_INTERNED);
    ck_assert(str_equal(a, S("some_identifier")));
    for (int i = 0; i < 5000; i++) {   /* forces the table to grow */
        char buf[32];
        snprintf(buf, sizeof buf, "name%d", i);
        ck_assert_ptr_eq(str_intern_cstr(ts, buf), str_intern_cstr(ts, buf));
    }
    ck_assert_ptr_eq(str_intern_cstr(ts, "some_identifier"), a);
}
END_TEST

typedef struct { const char *kind, *value, *spec, *expected; } FmtCase;
static const FmtCase fmt_cases[] = {
    {"i", "1234", "010,", "00,001,234"},
    {"i", "1234", "*=10,", "*****1,234"},
    {"s", "a", "05", "a0000"},
    {"s", "a", "0>5", "0000a"},
    {"i", "1", "05", "00001"},
    {"i", "-1", "05", "-0001"},
    {"i", "255", "#x", "0xff"},
    {"i", "255", "#010x", "0x000000ff"},
    {"i", "255", "#X", "0XFF"},
    {"i", "255", "#o", "0o377"},
    {"i", "255", "#b", "0b11111111"},
    {"i", "-255", "#x", "-0xff"},
    {"i", "123456789", "_x", "75b_cd15"},
    {"i", "123456789", "_b", "111_0101_1011_1100_1101_0001_0101"},
    {"i", "12345", "_d", "12_345"},
    {"i", "12345", "n", "12345"},
    {"i", "65", "c", "A"},
    {"i", "1", "f", "1.000000"},
    {"i", "1", "%", "100.000000%"},
    {"i", "1", "e", "1.000000e+00"},
    {"i", "1", "g", "1"},
    {"i", "100000000000000000000", "g", "1e+20"},
    {"i", "1000000000000000000000000000000", "", "1000000000000000000000000000000"},
    {"i", "1000000000000000000000000000000", ",", "1,000,000,000,000,000,000,000,000,000,000"},
    {"b", "1", "", "True"},
    {"b", "1", "d", "1"},
    {"b", "1", ">5", "    1"},
    {"b", "0", "x", "0"},
    {"f", "1.0", "", "1.0"},
    {"f", "1e+20", ".3", "1e+20"},
    {"f", "0.5", "10", "       0.5"},
    {"f", "1.5", ".1", "2e+00"},
    {"f", "2.5", ".1", "2e+00"},
    {"f", "1e+16", "", "1e+16"},
    {"f", "1e+16", ".3", "1e+16"},
    {"f", "123.456", ".3", "1.23e+02"},
    {"f", "0.0001", ".2", "0.0001"},
    {"f", "1e-05", "", "1e-05"},
    {"f", "1e-05", ".3", "1e-05"},
    {"f", "3.0", ".3", "3.0"},
    {"f", "3.0", ".0", "3e+00"},
    {"f", "1234.5", ",", "1,234.5"},
    {"f", "1234.5", ",.2f", "1,234.50"},
    {"f", "1234567.125", "_.3f", "1_234_567.125"},
    {"f", "0.1", "g", "0.1"},
    {"f", "1e-05", "g", "1e-05"},
    {"f", "123456789.0", "g", "1.23457e+08"},
    {"f", "1.0", "#g", "1.00000"},
    {"f", "1.0", "#.0f", "1."},
    {"f", "1.0", "#.0e", "1.e+00"},
    {"f", "1.5", "e", "1.500000e+00"},
    {"f", "1.5", "E", "1.500000E+00"},
    {"f", "1.5", "G", "1.5"},
    {"f", "inf", "", "inf"},
    {"f", "-inf", "10", "      -inf"},
    {"f", "nan", "F", "NAN"},
    {"f", "inf", "010", "0000000inf"},
    {"f", "-0.0", "", "-0.0"},
    {"f", "-0.0", "z", "0.0"},
    {"f", "-0.0001", "z.1f", "0.0"},
    {"f", "0.25", "%", "25.000000%"},
    {"f", "0.25", ".1%", "25.0%"},
    {"f", "1.0", "n", "1"},
    {"f", "1234.5", "010,.1f", "0,001,234.5"},
    {"f", "-1234.5", "012,.1f", "-0,001,234.5"},
    {"f", "1.0", "+", "+1.0"},
    {"f", "1.0", " ", " 1.0"},
    {"f", "1.0", "^10", "   1.0    "},
    {"f", "1.0", "x<10", "1.0xxxxxxx"},
    {"f", "1e+22", "", "1e+22"},
    {"f", "123.0", ".2", "1.2e+02"},
    {"f", "5e-324", "", "5e-324"},
    {"f", "0.30000000000000004", "", "0.30000000000000004"},
    {"f", "0.3333333333333333", ".5", "0.33333"},
    {"f", "100.0", ".3", "1e+02"},
    {"f", "1000.0", ".4", "1e+03"},
    {"f", "0.1", ".20", "0.10000000000000000555"},
    {"f", "2.675", ".2f", "2.67"},
    {"f", "0.0", "g", "0"},
    {"f", "0.0", "e", "0.000000e+00"},
    {"s", "hello", ".3", "hel"},
    {"s", "hello", "^10.3", "   hel    "},
    {"s", "hé", "^6", "  hé  "},
    {"s", "x", "<3", "x  "},
    {"s", "x", ">3", "  x"},
    {"s", "é", "*^5", "**é**"},
    {"n", "", "", "None"},
    {"i", "12", "+d", "+12"},
    {"i", "12", " d", " 12"},
    {"i", "-12", "=8", "-     12"},
    {"i", "-12", "*^8", "**-12***"},
    {"i", "10000000000000000000000000", "x", "84595161401484a000000"},
    {"i", "-10000000000000000000000000", "#b", "-0b100001000101100101010001011000010100000000010100100001001010000000000000000000000000"},
    {"i", "10000000000000000000000000", "_", "10_000_000_000_000_000_000_000_000"},
    {"f", "1.5", "015", "0000000000001.5"},
    {"f", "1e+22", "f", "10000000000000000000000.000000"},
    {"f", "1.23456789e-07", ".10f", "0.0000001235"},
    {"f", "12345.678", ".3e", "1.235e+04"},
    {"f", "1.0", ".3g", "1"},
    {"f", "1.0", "#.3g", "1.00"},
    {"i", "-5", "#o", "-0o5"},
    {"i", "1234", "06,", "01,234"},
    {"i", "1234", "08,", "0,001,234"},
    {"i", "-1234", "09,", "-0,001,234"},
};

static TrObject *make_value(const FmtCase *c) {
    switch (c->kind[0]) {
    case 'i': return int_from_string(ts, c->value, strlen(c->value), 10);
    case 'b': return tr_bool(c->value[0] == '1');
    case 'f': return float_from_string(ts, c->value, strlen(c->value));
    case 's': return S(c->value);
    default: return tr_none;
    }
}

START_TEST(test_format_specs_match_cpython) {
    for (size_t i = 0; i < sizeof fmt_cases / sizeof fmt_cases[0]; i++) {
        const FmtCase *c = &fmt_cases[i];
        TrObject *r = tr_format(ts, make_value(c), S(c->spec));
        ck_assert_msg(r != NULL, "format(%s, '%s') raised %s", c->value, c->spec, r ? "" : E());
        ck_assert_msg(strcmp(str_utf8(r), c->expected) == 0, "format(%s, '%s') gave '%s', want '%s'", c->value,
                      c->spec, str_utf8(r), c->expected);
    }
}
END_TEST

START_TEST(test_format_errors_use_cpython_words) {
    ck_assert_ptr_null(tr_format(ts, float_new(ts, 1.0), S("d")));
    ck_assert_str_eq(E(), "ValueError: Unknown format code 'd' for object of type 'float'");
    ck_assert_ptr_null(tr_format(ts, tr_none, S("x")));
    ck_assert_str_eq(E(), "TypeError: unsupported format string passed to NoneType.__format__");
    ck_assert_ptr_null(tr_format(ts, I(1), S(".2d")));
    ck_assert_str_eq(E(), "ValueError: Precision not allowed in integer format specifier");
    ck_assert_ptr_null(tr_format(ts, S("a"), S("=")));
    ck_assert_str_eq(E(), "ValueError: '=' alignment not allowed in string format specifier");
    ck_assert_ptr_null(tr_format(ts, I(1), S("_,")));
    ck_assert_str_eq(E(), "ValueError: Cannot specify both ',' and '_'.");
}
END_TEST

START_TEST(test_str_format_method_fields) {
    TrObject *l = list_new(ts, 0);
    list_append(ts, l, S("zero"));
    ck_assert_str_eq(R(call(S("{} and {}"), "format", 2, I(1), S("x"))), "'1 and x'");
    ck_assert_str_eq(R(call(S("{1}{0}{{}}"), "format", 2, I(1), I(2))), "'21{}'");
    ck_assert_str_eq(R(call(S("{0[0]!r:>8}|{1:{2}}"), "format", 3, l, I(7), S("03"))), "\"  'zero'|007\"");
    ck_assert_ptr_null(call(S("{0}{}"), "format", 2, I(1), I(2)));
    ck_assert_str_eq(E(), "ValueError: cannot switch from manual field specification to automatic field numbering");
    ck_assert_ptr_null(call(S("{}"), "format", 0));
    ck_assert_str_eq(E(), "IndexError: Replacement index 0 out of range for positional args tuple");
    ck_assert_ptr_null(call(S("}"), "format", 0));
    ck_assert_str_eq(E(), "ValueError: Single '}' encountered in format string");
}
END_TEST

START_TEST(test_printf_style_formatting) {
    TrObject *t = tuple_new(ts, 6);
    tuple_set_take(t, 0, float_new(ts, 1.25));
    tuple_set_take(t, 1, I(3));
    tuple_set_take(t, 2, I(-3));
    tuple_set_take(t, 3, I(5));
    tuple_set_take(t, 4, S("\xc3\xa9"));
    tuple_set_take(t, 5, S("\xc3\xa9"));
    ck_assert_str_eq(R(str_printf_format(ts, S("%5.1f|%-5d|%05d|%+d|%r|%a|%%"), t)),
                     "\"  1.2|3    |-0003|+5|'\xc3\xa9'|'\\\\xe9'|%\"");
    ck_assert_str_eq(R(str_printf_format(ts, S("%#x %o %c"), tuple_from_array(ts, (TrObject *[]){I(255), I(8), I(65)}, 3))),
                     "'0xff 10 A'");
    ck_assert_str_eq(R(str_printf_format(ts, S("[%s]"), S("x"))), "'[x]'");
    ck_assert_ptr_null(str_printf_format(ts, S("%d"), S("a")));
    ck_assert_str_eq(E(), "TypeError: %d format: a real number is required, not str");
    ck_assert_ptr_null(str_printf_format(ts, S("%d %d"), tuple_from_array(ts, (TrObject *[]){I(1)}, 1)));
    ck_assert_str_eq(E(), "TypeError: not enough arguments for format string");
    ck_assert_ptr_null(str_printf_format(ts, S("x"), I(1)));
    ck_assert_str_eq(E(), "TypeError: not all arguments converted during string formatting");
    TrObject *d = dict_new(ts);
    dict_set(ts, d, S("name"), S("v"));
    ck_assert_str_eq(R(str_printf_format(ts, S("%(name)s!"), d)), "'v!'");
}
END_TEST

START_TEST(test_case_mapping_covers_latin1) {
    ck_assert_str_eq(R(call(S("stra\xc3\x9f" "e \xc3\xa0"), "upper", 0)), "'STRASSE \xc3\x80'");
    ck_assert_str_eq(R(call(S("HELLO w\xc3\x96rld"), "title", 0)), "'Hello W\xc3\xb6rld'");
    ck_assert_str_eq(R(call(S("stra\xc3\x9f" "e"), "casefold", 0)), "'strasse'");
    ck_assert_str_eq(R(call(S("they're bill's"), "title", 0)), "\"They'Re Bill'S\"");
    ck_assert(call(S("Hello World"), "istitle", 0) == tr_true);
    ck_assert(call(S("abc1"), "isalnum", 0) == tr_true);
    ck_assert(call(S(""), "isdigit", 0) == tr_false);
    ck_assert_str_eq(R(call(S("ab"), "center", 2, I(5), S("*"))), "'**ab*'");
    ck_assert_str_eq(R(call(S("-42"), "zfill", 1, I(6))), "'-00042'");
}
END_TEST

static Suite *str_suite(void) {
    Suite *s = suite_create("str");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_repr_prefers_single_quotes);
    tcase_add_test(tc, test_repr_keeps_printable_non_ascii_and_escapes_the_rest);
    tcase_add_test(tc, test_length_and_indexing_count_code_points);
    tcase_add_test(tc, test_iteration_yields_characters);
    tcase_add_test(tc, test_split_edge_cases);
    tcase_add_test(tc, test_strip_and_replace_edge_cases);
    tcase_add_test(tc, test_join_and_errors_use_cpython_words);
    tcase_add_test(tc, test_interned_strings_are_identical_and_immortal);
    tcase_add_test(tc, test_format_specs_match_cpython);
    tcase_add_test(tc, test_format_errors_use_cpython_words);
    tcase_add_test(tc, test_str_format_method_fields);
    tcase_add_test(tc, test_printf_style_formatting);
    tcase_add_test(tc, test_case_mapping_covers_latin1);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(str_suite());
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
