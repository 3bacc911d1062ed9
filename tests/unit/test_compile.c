/* tests/unit/test_compile.c: the compiler (core/compile.c, core/symtable.c,
 * core/assemble.c): name classification, emitted opcodes, stack sizes,
 * positions and compile-time syntax errors.  Parses real source, so it links
 * against the whole library. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "torii/torii.h"
#include "core/ast.h"
#include "core/compile.h"
#include "core/opcodes.h"

static TrThread *ts;
static TrSyntaxError err;

static void setup(void)
{
    if (!ts) ts = runtime_init(0, NULL);
}

/* Compiles `src`; NULL with `err` filled on a syntax error. */
static TrCode *compile_src(const char *src)
{
    TrArena *a = arena_new();
    memset(&err, 0, sizeof err);
    TrAstModule *m = parse_module(a, src, strlen(src), "x.py", &err);
    ck_assert_msg(m != NULL, "parse failed: %s", err.msg);
    TrObject *co = compile_module(ts, m, "x.py", &err);
    arena_free(a);
    return (TrCode *)co;
}

static const char *compile_error(const char *src)
{
    TrCode *co = compile_src(src);
    ck_assert_msg(co == NULL, "expected a syntax error for: %s", src);
    ck_assert_ptr_null(ts->exc);
    return err.msg;
}

/* The first nested code object named `name`, searched depth-first. */
static TrCode *child(TrCode *co, const char *name)
{
    for (size_t i = 0; i < tuple_size(co->consts); i++) {
        TrObject *c = tuple_get(co->consts, i);
        if (tr_type(c) != &tr_code_type) continue;
        if (strcmp(str_utf8(((TrCode *)c)->name), name) == 0) return (TrCode *)c;
        TrCode *r = child((TrCode *)c, name);
        if (r) return r;
    }
    return NULL;
}

static int count_op(TrCode *co, int op)
{
    int n = 0;
    for (size_t i = 0; i < co->ninstrs; i++) n += TR_OP(co->instrs[i]) == op;
    return n;
}

static int find_op(TrCode *co, int op)
{
    for (size_t i = 0; i < co->ninstrs; i++)
        if (TR_OP(co->instrs[i]) == op) return (int)i;
    return -1;
}

static int has_name(TrObject *tuple, const char *name)
{
    for (size_t i = 0; i < tuple_size(tuple); i++)
        if (strcmp(str_utf8(tuple_get(tuple, i)), name) == 0) return 1;
    return 0;
}

START_TEST(test_module_names_are_globals)
{
    TrCode *co = compile_src("x = 1\ndel x\n");
    ck_assert_ptr_nonnull(co);
    ck_assert(co->flags & TR_CO_MODULE);
    ck_assert_int_eq(count_op(co, OP_STORE_GLOBAL), 1);
    ck_assert_int_eq(count_op(co, OP_DELETE_GLOBAL), 1);
    ck_assert_str_eq(str_utf8(co->name), "<module>");
}
END_TEST

START_TEST(test_function_locals_are_fast_and_globals_are_global)
{
    TrCode *f = child(compile_src("def f(a):\n    b = a\n    return len(b)\n"), "f");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->argcount, 1);
    ck_assert_int_eq(f->nlocals, 2);
    ck_assert_str_eq(str_utf8(tuple_get(f->varnames, 0)), "a");
    ck_assert_int_eq(count_op(f, OP_STORE_FAST), 1);
    ck_assert_int_eq(count_op(f, OP_LOAD_GLOBAL), 1);
}
END_TEST

START_TEST(test_closure_variable_is_cell_outside_and_free_inside)
{
    TrCode *co = compile_src("def outer():\n    x = 1\n    def inner():\n        return x\n    return inner\n");
    TrCode *outer = child(co, "outer"), *inner = child(co, "inner");
    ck_assert_int_eq(outer->ncells, 1);
    ck_assert(has_name(outer->cellvars, "x"));
    ck_assert(!has_name(outer->varnames, "x"));
    ck_assert_int_eq(inner->nfrees, 1);
    ck_assert(has_name(inner->freevars, "x"));
    ck_assert_int_eq(count_op(inner, OP_LOAD_DEREF), 1);
    ck_assert_int_eq(count_op(outer, OP_LOAD_CLOSURE), 1);
    int mf = find_op(outer, OP_MAKE_FUNCTION);
    ck_assert_int_eq(TR_ARG(outer->instrs[mf]) & TR_MF_CLOSURE, TR_MF_CLOSURE);
    ck_assert_str_eq(str_utf8(inner->qualname), "outer.<locals>.inner");
}
END_TEST

START_TEST(test_captured_parameter_maps_its_cell_to_the_argument)
{
    TrCode *f = child(compile_src("def f(a, b):\n    return lambda: b\n"), "f");
    ck_assert_int_eq(f->ncells, 1);
    ck_assert_ptr_nonnull(f->cell2arg);
    ck_assert_int_eq(f->cell2arg[0], 1);
}
END_TEST

START_TEST(test_nonlocal_passes_through_intermediate_function)
{
    TrCode *co = compile_src("def a():\n    v = 0\n    def b():\n        def c():\n            nonlocal v\n            v += 1\n        return c\n    return b\n");
    ck_assert(has_name(child(co, "a")->cellvars, "v"));
    ck_assert(has_name(child(co, "b")->freevars, "v"));
    ck_assert(has_name(child(co, "c")->freevars, "v"));
    ck_assert_int_eq(count_op(child(co, "c"), OP_STORE_DEREF), 1);
}
END_TEST

START_TEST(test_list_comprehension_is_inlined_with_hidden_slot)
{
    TrCode *co = compile_src("y = [i * 2 for i in range(3) if i]\n");
    ck_assert_ptr_nonnull(co);
    ck_assert_int_eq(co->nlocals, 1);
    ck_assert_int_eq(count_op(co, OP_MAKE_FUNCTION), 0);
    ck_assert_int_eq(count_op(co, OP_STORE_FAST), 1);
    ck_assert_int_eq(count_op(co, OP_LIST_APPEND), 1);
    ck_assert_int_eq(count_op(co, OP_STORE_GLOBAL), 1);
}
END_TEST

START_TEST(test_method_call_uses_load_method)
{
    TrCode *co = compile_src("o.m(1)\n");
    int lm = find_op(co, OP_LOAD_METHOD);
    ck_assert_int_ge(lm, 0);
    ck_assert_int_eq(count_op(co, OP_PUSH_NULL), 0);
    ck_assert_int_eq(count_op(co, OP_CALL), 1);
}
END_TEST

START_TEST(test_keyword_call_passes_names_tuple)
{
    TrCode *co = compile_src("f(1, k=2)\n");
    int i = find_op(co, OP_CALL_KW);
    ck_assert_int_ge(i, 1);
    ck_assert_int_eq(TR_ARG(co->instrs[i]), 2);
    ck_assert_int_eq(TR_OP(co->instrs[i - 1]), OP_LOAD_CONST);
    TrObject *names = tuple_get(co->consts, (size_t)TR_ARG(co->instrs[i - 1]));
    ck_assert_int_eq(tuple_size(names), 1);
    ck_assert_str_eq(str_utf8(tuple_get(names, 0)), "k");
}
END_TEST

START_TEST(test_star_call_uses_call_ex)
{
    TrCode *co = compile_src("f(x, *a, **k)\n");
    int i = find_op(co, OP_CALL_EX);
    ck_assert_int_eq(TR_ARG(co->instrs[i]), 1);
    ck_assert_int_eq(count_op(co, OP_LIST_TO_TUPLE), 1);
    ck_assert_int_eq(count_op(co, OP_DICT_MERGE), 1);
}
END_TEST

/* f(*a) hands `a` itself to CALL_EX, which names f if `a` is no iterable. */
START_TEST(test_lone_star_call_passes_the_iterable)
{
    TrCode *co = compile_src("f(*a, **k)\n");
    int i = find_op(co, OP_CALL_EX);
    ck_assert_int_eq(TR_ARG(co->instrs[i]), 1);
    ck_assert_int_eq(count_op(co, OP_LIST_TO_TUPLE), 0);
    ck_assert_int_eq(count_op(co, OP_LIST_EXTEND), 0);
}
END_TEST

START_TEST(test_call_stack_size_counts_callee_null_and_args)
{
    TrCode *co = compile_src("f(a, b, c)\n");
    ck_assert_int_eq(co->stacksize, 5);
}
END_TEST

START_TEST(test_handler_stack_size_includes_exception_pair)
{
    TrCode *co = compile_src("try:\n    pass\nexcept E:\n    pass\n");
    ck_assert_int_ge(co->stacksize, 3);
    ck_assert_int_eq(count_op(co, OP_SETUP_FINALLY), 1);
    ck_assert_int_eq(count_op(co, OP_CHECK_EXC_MATCH), 1);
    ck_assert_int_eq(count_op(co, OP_RERAISE), 1);
}
END_TEST

START_TEST(test_finally_body_is_emitted_for_normal_and_exceptional_exit)
{
    TrCode *co = compile_src("try:\n    a()\nfinally:\n    b()\n");
    int calls_b = 0;
    for (size_t i = 0; i < co->ninstrs; i++)
        if (TR_OP(co->instrs[i]) == OP_LOAD_GLOBAL &&
            strcmp(str_utf8(tuple_get(co->names, (size_t)TR_ARG(co->instrs[i]))), "b") == 0) calls_b++;
    ck_assert_int_eq(calls_b, 2);
}
END_TEST

START_TEST(test_chained_comparison_short_circuits)
{
    TrCode *co = compile_src("r = a < b < c\n");
    ck_assert_int_eq(count_op(co, OP_COMPARE_OP), 2);
    ck_assert_int_eq(count_op(co, OP_JUMP_IF_FALSE_OR_POP), 1);
    ck_assert_int_eq(count_op(co, OP_LOAD_GLOBAL), 3);
}
END_TEST

START_TEST(test_binop_position_spans_whole_expression)
{
    TrCode *co = compile_src("x = a + b\n");
    int i = find_op(co, OP_BINARY_OP);
    ck_assert_int_eq(co->positions[i].lineno, 1);
    ck_assert_int_eq(co->positions[i].col, 4);
    ck_assert_int_eq(co->positions[i].end_col, 9);
}
END_TEST

START_TEST(test_decorated_function_starts_at_first_decorator)
{
    TrCode *co = compile_src("@d1\n@d2\ndef f():\n    pass\n");
    ck_assert_int_eq(child(co, "f")->firstlineno, 1);
    ck_assert_int_eq(count_op(co, OP_CALL), 2);
}
END_TEST

START_TEST(test_constants_are_deduplicated)
{
    TrCode *co = compile_src("a = 7\nb = 7\nc = 'x'\nd = 'x'\n");
    ck_assert_int_eq(tuple_size(co->consts), 3);   /* 7, 'x', None */
}
END_TEST

START_TEST(test_symtable_errors_use_cpython_messages)
{
    ck_assert_str_eq(compile_error("def f():\n    x = 1\n    global x\n"),
                     "name 'x' is assigned to before global declaration");
    ck_assert_int_eq(err.lineno, 3);
    ck_assert_int_eq(err.col, 4);
    ck_assert_str_eq(compile_error("def f():\n    print(x)\n    global x\n"),
                     "name 'x' is used prior to global declaration");
    ck_assert_str_eq(compile_error("def f(x):\n    global x\n"), "name 'x' is parameter and global");
    ck_assert_str_eq(compile_error("nonlocal x\n"), "nonlocal declaration not allowed at module level");
    ck_assert_str_eq(compile_error("def f():\n    nonlocal x\n"), "no binding for nonlocal 'x' found");
    ck_assert_str_eq(compile_error("def f(a, a):\n    pass\n"), "duplicate argument 'a' in function definition");
    ck_assert_int_eq(err.col, 9);
}
END_TEST

START_TEST(test_control_flow_errors_use_cpython_messages)
{
    ck_assert_str_eq(compile_error("return 5\n"), "'return' outside function");
    ck_assert_str_eq(compile_error("break\n"), "'break' outside loop");
    ck_assert_str_eq(compile_error("continue\n"), "'continue' not properly in loop");
    ck_assert_str_eq(compile_error("for x in y:\n    def f():\n        break\n"), "'break' outside loop");
    ck_assert_str_eq(compile_error("yield 1\n"), "'yield' outside function");
}
END_TEST

Suite *compile_suite(void)
{
    Suite *s = suite_create("compile");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_module_names_are_globals);
    tcase_add_test(tc, test_function_locals_are_fast_and_globals_are_global);
    tcase_add_test(tc, test_closure_variable_is_cell_outside_and_free_inside);
    tcase_add_test(tc, test_captured_parameter_maps_its_cell_to_the_argument);
    tcase_add_test(tc, test_nonlocal_passes_through_intermediate_function);
    tcase_add_test(tc, test_list_comprehension_is_inlined_with_hidden_slot);
    tcase_add_test(tc, test_method_call_uses_load_method);
    tcase_add_test(tc, test_keyword_call_passes_names_tuple);
    tcase_add_test(tc, test_star_call_uses_call_ex);
    tcase_add_test(tc, test_lone_star_call_passes_the_iterable);
    tcase_add_test(tc, test_call_stack_size_counts_callee_null_and_args);
    tcase_add_test(tc, test_handler_stack_size_includes_exception_pair);
    tcase_add_test(tc, test_finally_body_is_emitted_for_normal_and_exceptional_exit);
    tcase_add_test(tc, test_chained_comparison_short_circuits);
    tcase_add_test(tc, test_binop_position_spans_whole_expression);
    tcase_add_test(tc, test_decorated_function_starts_at_first_decorator);
    tcase_add_test(tc, test_constants_are_deduplicated);
    tcase_add_test(tc, test_symtable_errors_use_cpython_messages);
    tcase_add_test(tc, test_control_flow_errors_use_cpython_messages);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(compile_suite());
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
