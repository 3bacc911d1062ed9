/* tests/unit/test_tokenizer.c: the tokenizer against CPython 3.13's token
 * stream and error messages.  Needs only core/tokenizer.c and core/arena.c. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "core/tokenizer.h"

#define MAXT 64

/* Tokenizes `src` into `out`; returns the count, or -1 with `*err` filled. */
static int lex(const char *src, TrToken *out, TrSyntaxError *err)
{
    TrTokenizer t;
    tokenizer_init(&t, src, strlen(src));
    for (int n = 0; n < MAXT; n++) {
        if (tokenizer_next(&t, &out[n], err) < 0)
            return -1;
        if (out[n].kind == T_ENDMARKER)
            return n + 1;
    }
    return MAXT;
}

static const char *lex_error(const char *src, TrSyntaxError *err)
{
    TrToken toks[MAXT];
    memset(err, 0, sizeof *err);
    if (lex(src, toks, err) >= 0)
        return NULL;
    free(err->text);
    err->text = NULL;
    return err->msg;
}

static bool text_is(const TrToken *t, const char *s)
{
    return t->len == strlen(s) && memcmp(t->start, s, t->len) == 0;
}

START_TEST(test_indent_and_dedent_follow_the_block_structure)
{
    TrToken t[MAXT];
    TrSyntaxError err;
    int n = lex("if x:\n    y\n\n    # c\nz\n", t, &err);
    TrTokKind want[] = {T_NAME, T_NAME, T_OP, T_NEWLINE, T_INDENT, T_NAME, T_NEWLINE, T_DEDENT,
                        T_NAME, T_NEWLINE, T_ENDMARKER};
    ck_assert_int_eq(n, 11);
    for (int i = 0; i < n; i++)
        ck_assert_int_eq(t[i].kind, want[i]);
}
END_TEST

START_TEST(test_tabs_count_to_the_next_multiple_of_eight)
{
    TrToken t[MAXT];
    TrSyntaxError err;
    /* a tab then 8 spaces + tab: both columns 8 -> same block */
    int n = lex("if x:\n\ta\n\tb\n", t, &err);
    ck_assert_int_gt(n, 0);
    int indents = 0;
    for (int i = 0; i < n; i++)
        indents += t[i].kind == T_INDENT;
    ck_assert_int_eq(indents, 1);
}
END_TEST

START_TEST(test_brackets_join_lines_and_backslash_continues)
{
    TrToken t[MAXT];
    TrSyntaxError err;
    int n = lex("x = (1,\n     2)\ny = 1 + \\\n  2\n", t, &err);
    int newlines = 0;
    for (int i = 0; i < n; i++)
        newlines += t[i].kind == T_NEWLINE;
    ck_assert_int_eq(newlines, 2);
}
END_TEST

START_TEST(test_missing_final_newline_is_supplied)
{
    TrToken t[MAXT];
    TrSyntaxError err;
    int n = lex("x", t, &err);
    ck_assert_int_eq(n, 3);
    ck_assert_int_eq(t[1].kind, T_NEWLINE);
    ck_assert_int_eq(t[1].col, 1);
    ck_assert_int_eq(t[1].end_col, 2);
}
END_TEST

START_TEST(test_numbers_of_every_base_are_one_token)
{
    const char *ok[] = {"0", "00", "123", "1_000", "0x1F", "0o17", "0b1_0", "1.5", "1.", ".5", "1e10",
                        "1.5E-3", "0_0", "12345678901234567890123"};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        TrToken t[MAXT];
        TrSyntaxError err;
        int n = lex(ok[i], t, &err);
        ck_assert_int_eq(n, 3);
        ck_assert_int_eq(t[0].kind, T_NUMBER);
        ck_assert(text_is(&t[0], ok[i]));
    }
}
END_TEST

START_TEST(test_bad_numbers_give_cpython_messages)
{
    TrSyntaxError err;
    ck_assert_str_eq(lex_error("x = 1a\n", &err), "invalid decimal literal");
    ck_assert_int_eq(err.col, 4);
    ck_assert_str_eq(lex_error("x = 1_\n", &err), "invalid decimal literal");
    ck_assert_int_eq(err.col, 5);
    ck_assert_str_eq(lex_error("x = 0x\n", &err), "invalid hexadecimal literal");
    ck_assert_str_eq(lex_error("x = 0b12\n", &err), "invalid digit '2' in binary literal");
    ck_assert_int_eq(err.col, 7);
    ck_assert_str_eq(lex_error("x = 0o8\n", &err), "invalid digit '8' in octal literal");
    ck_assert_str_eq(lex_error("x = 01\n", &err),
                     "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    ck_assert_ptr_null(lex_error("x = 1if y else 2\n", &err));
}
END_TEST

START_TEST(test_strings_keep_prefix_and_quotes)
{
    const char *ok[] = {"'a'", "\"a\"", "'''a\nb'''", "\"\"\"x\"\"\"", "r'\\d'", "b'x'", "Rb'x'", "f'{x}'",
                        "fR'{x}'", "'it\\'s'", "'a\\\nb'", "f'{x!r:>{w}}'", "f'{a[\"k\"]}'", "f'{', '.join(x)}'",
                        "f'{{literal}}'", "u'x'"};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        TrToken t[MAXT];
        TrSyntaxError err;
        int n = lex(ok[i], t, &err);
        ck_assert_msg(n == 3, "%s", ok[i]);
        ck_assert_int_eq(t[0].kind, T_STRING);
        ck_assert(text_is(&t[0], ok[i]));
    }
}
END_TEST

START_TEST(test_unterminated_strings_report_the_detecting_line)
{
    TrSyntaxError err;
    ck_assert_str_eq(lex_error("x = 'abc\n", &err), "unterminated string literal (detected at line 1)");
    ck_assert_int_eq(err.col, 4);
    ck_assert_str_eq(lex_error("x = \"\"\"abc\n\n", &err),
                     "unterminated triple-quoted string literal (detected at line 2)");
    ck_assert_int_eq(err.lineno, 1);
    ck_assert_str_eq(lex_error("x = f'{a'\n", &err), "f-string: expecting '}'");
}
END_TEST

START_TEST(test_operators_take_the_longest_match)
{
    TrToken t[MAXT];
    TrSyntaxError err;
    int n = lex("a **= b // c >>= d := e -> f ... @= != <= << ~", t, &err);
    TrOp want[] = {OP_DOUBLESTAREQUAL, OP_DOUBLESLASH, OP_RSHIFTEQUAL, OP_WALRUS, OP_ARROW,
                   OP_ELLIPSIS, OP_ATEQUAL, OP_NOTEQUAL, OP_LESSEQUAL, OP_LSHIFT, OP_TILDE};
    size_t k = 0;
    for (int i = 0; i < n; i++)
        if (t[i].kind == T_OP) {
            ck_assert_int_lt(k, sizeof want / sizeof *want);
            ck_assert_int_eq(t[i].op, want[k++]);
        }
    ck_assert_int_eq(k, sizeof want / sizeof *want);
}
END_TEST

START_TEST(test_bracket_errors_match_cpython)
{
    TrSyntaxError err;
    ck_assert_str_eq(lex_error("x = 1)\n", &err), "unmatched ')'");
    ck_assert_int_eq(err.col, 5);
    ck_assert_str_eq(lex_error("x = (1]\n", &err),
                     "closing parenthesis ']' does not match opening parenthesis '('");
    ck_assert_str_eq(lex_error("x = (1,\n", &err), "'(' was never closed");
    ck_assert_int_eq(err.col, 4);
    ck_assert_str_eq(lex_error("x = [1,\n\n}\n", &err),
                     "closing parenthesis '}' does not match opening parenthesis '[' on line 1");
}
END_TEST

START_TEST(test_indentation_errors_match_cpython)
{
    TrSyntaxError err;
    ck_assert_str_eq(lex_error("if x:\n    a\n  b\n", &err), "unindent does not match any outer indentation level");
    ck_assert_str_eq(err.type, "IndentationError");
    ck_assert_int_eq(err.lineno, 3);
    ck_assert_str_eq(lex_error("if x:\n\ta\n        b\n", &err), "inconsistent use of tabs and spaces in indentation");
    ck_assert_str_eq(err.type, "TabError");
}
END_TEST

START_TEST(test_bad_characters_are_named)
{
    TrSyntaxError err;
    ck_assert_str_eq(lex_error("x = 1 \xe2\x82\xac 2\n", &err), "invalid character '\xe2\x82\xac' (U+20AC)");
    ck_assert_int_eq(err.col, 6);
    ck_assert_str_eq(lex_error("x = 1\xc2\xa0+ 2\n", &err), "invalid non-printable character U+00A0");
    ck_assert_str_eq(lex_error("x = a \\ b\n", &err), "unexpected character after line continuation character");
}
END_TEST

START_TEST(test_unicode_identifiers_are_names)
{
    TrToken t[MAXT];
    TrSyntaxError err;
    int n = lex("caf\xc3\xa9 = \xce\xb1\n", t, &err);
    ck_assert_int_eq(n, 5);
    ck_assert_int_eq(t[0].kind, T_NAME);
    ck_assert_int_eq(t[0].end_col, 5);      /* byte columns */
    ck_assert_int_eq(t[2].kind, T_NAME);
}
END_TEST

START_TEST(test_spans_are_one_based_lines_and_byte_columns)
{
    TrToken t[MAXT];
    TrSyntaxError err;
    int n = lex("x = '''a\nbc'''  + 1\n", t, &err);
    ck_assert_int_gt(n, 4);
    ck_assert_int_eq(t[2].kind, T_STRING);
    ck_assert_int_eq(t[2].lineno, 1);
    ck_assert_int_eq(t[2].col, 4);
    ck_assert_int_eq(t[2].end_lineno, 2);
    ck_assert_int_eq(t[2].end_col, 5);
    ck_assert_int_eq(t[3].lineno, 2);
    ck_assert_int_eq(t[3].col, 7);
}
END_TEST

static Suite *tokenizer_suite(void)
{
    Suite *s = suite_create("tokenizer");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_indent_and_dedent_follow_the_block_structure);
    tcase_add_test(tc, test_tabs_count_to_the_next_multiple_of_eight);
    tcase_add_test(tc, test_brackets_join_lines_and_backslash_continues);
    tcase_add_test(tc, test_missing_final_newline_is_supplied);
    tcase_add_test(tc, test_numbers_of_every_base_are_one_token);
    tcase_add_test(tc, test_bad_numbers_give_cpython_messages);
    tcase_add_test(tc, test_strings_keep_prefix_and_quotes);
    tcase_add_test(tc, test_unterminated_strings_report_the_detecting_line);
    tcase_add_test(tc, test_operators_take_the_longest_match);
    tcase_add_test(tc, test_bracket_errors_match_cpython);
    tcase_add_test(tc, test_indentation_errors_match_cpython);
    tcase_add_test(tc, test_bad_characters_are_named);
    tcase_add_test(tc, test_unicode_identifiers_are_names);
    tcase_add_test(tc, test_spans_are_one_based_lines_and_byte_columns);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(tokenizer_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
