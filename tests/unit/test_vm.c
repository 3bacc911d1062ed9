/* tests/unit/test_vm.c: the bytecode interpreter (core/vm.c), argument
 * binding (core/call.c), functions and cells.  Each test compiles a small
 * program, runs it as a module in a fresh globals dict and checks the globals
 * it leaves (or the exception it raises). */
#include <check.h>
#include <pthread.h>
#include <string.h>

#include "torii/torii.h"
#include "core/ast.h"
#include "core/compile.h"
#include "core/vm.h"
#include "threads/tstate.h"

static TrThread *main_ts;

static void setup_once(void) {
    main_ts = runtime_init(0, NULL);
    ck_assert_ptr_nonnull(main_ts);
}

/* Compiles `src`; returns the code object (immortal) or fails the test. */
static TrObject *compile_src(TrThread *ts, const char *src) {
    TrArena *arena = arena_new();
    TrSyntaxError err;
    memset(&err, 0, sizeof err);
    TrAstModule *mod = parse_module(arena, src, strlen(src), "<test>", &err);
    ck_assert_msg(mod != NULL, "syntax error: %s", err.msg);
    TrObject *code = compile_module(ts, mod, "<test>", &err);
    arena_free(arena);
    ck_assert_msg(code != NULL, "compile error: %s", err.msg);
    return code;
}

/* Runs `src` in a new globals dict.  Returns the dict (new reference); the
 * module's result (NULL on an uncaught exception, left pending) in *ok. */
static TrObject *run_in(TrThread *ts, const char *src, int *ok) {
    TrObject *code = compile_src(ts, src);
    TrObject *g = dict_new(ts);
    ck_assert_ptr_nonnull(g);
    TrObject *name = str_from_cstr(ts, "__main__");
    dict_set_cstr(ts, g, "__name__", name);
    tr_decref(name);
    TrObject *r = vm_run_module(ts, code, g);
    *ok = r != NULL;
    tr_xdecref(r);
    return g;
}

static TrObject *run(const char *src) {
    int ok;
    TrObject *g = run_in(main_ts, src, &ok);
    if (!ok) {
        TrObject *s = exc_str(main_ts, main_ts->exc);
        ck_abort_msg("uncaught %s: %s", tr_type(main_ts->exc)->name, s ? str_utf8(s) : "?");
    }
    return g;
}

static int64_t get_int(TrObject *g, const char *name) {
    TrObject *v = dict_get_cstr(main_ts, g, name);
    ck_assert_msg(v != NULL, "global %s missing", name);
    ck_assert_msg(int_check(v), "global %s is not an int", name);
    int64_t x = int_as_i64(main_ts, v);
    tr_decref(v);
    return x;
}

static void assert_str(TrObject *g, const char *name, const char *want) {
    TrObject *v = dict_get_cstr(main_ts, g, name);
    ck_assert_msg(v != NULL, "global %s missing", name);
    ck_assert_msg(str_check(v), "global %s is not a str", name);
    ck_assert_str_eq(str_utf8(v), want);
    tr_decref(v);
}

START_TEST(test_arithmetic_on_immediates_and_big_ints)
{
    TrObject *g = run("a = 2 + 3 * 4\n"
                      "b = 7 // -2\n"
                      "c = 7 % -2\n"
                      "d = (2 ** 70) // (2 ** 68)\n"
                      "e = 4611686018427387903 + 1 - 1\n"
                      "f = -(-4611686018427387904) == 4611686018427387904\n"
                      "h = 1 << 61 << 3 >> 64\n");
    ck_assert_int_eq(get_int(g, "a"), 14);
    ck_assert_int_eq(get_int(g, "b"), -4);
    ck_assert_int_eq(get_int(g, "c"), -1);
    ck_assert_int_eq(get_int(g, "d"), 4);
    ck_assert_int_eq(get_int(g, "e"), 4611686018427387903LL);
    ck_assert_int_eq(get_int(g, "f"), 1);
    ck_assert_int_eq(get_int(g, "h"), 1);
    tr_decref(g);
}
END_TEST

START_TEST(test_loops_and_calls_compute_the_right_sum)
{
    TrObject *g = run("def add(x, y):\n    return x + y\n"
                      "t = 0\n"
                      "for i in range(10000):\n    t = add(t, i)\n"
                      "n = 0\n"
                      "while n < 100:\n    n += 3\n");
    ck_assert_int_eq(get_int(g, "t"), 49995000);
    ck_assert_int_eq(get_int(g, "n"), 102);
    tr_decref(g);
}
END_TEST

START_TEST(test_closures_share_their_cells)
{
    TrObject *g = run("def counter():\n"
                      "    n = 0\n"
                      "    def inc():\n"
                      "        nonlocal n\n"
                      "        n += 1\n"
                      "        return n\n"
                      "    return inc\n"
                      "c = counter()\nc()\nc()\nr = c()\n"
                      "def arg_cell(x):\n"
                      "    def get():\n        return x\n"
                      "    return get\n"
                      "s = arg_cell(41)() + 1\n");
    ck_assert_int_eq(get_int(g, "r"), 3);
    ck_assert_int_eq(get_int(g, "s"), 42);
    tr_decref(g);
}
END_TEST

START_TEST(test_exceptions_are_caught_and_chained)
{
    TrObject *g = run("r = 0\n"
                      "try:\n    1 / 0\nexcept ZeroDivisionError:\n    r = 1\n"
                      "try:\n"
                      "    try:\n        raise ValueError('a')\n"
                      "    except ValueError:\n        raise KeyError('b')\n"
                      "except KeyError as e:\n"
                      "    ctx = type(e.__context__).__name__\n"
                      "try:\n    raise\nexcept RuntimeError as e:\n    bare = str(e)\n"
                      "try:\n    raise 5\nexcept TypeError as e:\n    bad = str(e)\n"
                      "def f():\n    try:\n        return 1\n    finally:\n        global fin\n        fin = 7\n"
                      "f()\n");
    ck_assert_int_eq(get_int(g, "r"), 1);
    assert_str(g, "ctx", "ValueError");
    assert_str(g, "bare", "No active exception to reraise");
    assert_str(g, "bad", "exceptions must derive from BaseException");
    ck_assert_int_eq(get_int(g, "fin"), 7);
    ck_assert_ptr_null(main_ts->handled_exc);
    tr_decref(g);
}
END_TEST

START_TEST(test_binding_errors_match_cpython_messages)
{
    TrObject *g = run("def msg(f, *a, **k):\n"
                      "    try:\n        f(*a, **k)\n"
                      "    except TypeError as e:\n        return str(e)\n"
                      "def f(x): pass\n"
                      "def g(x, y): pass\n"
                      "def h(x, y=1): pass\n"
                      "def k(x, *, k): pass\n"
                      "def outer():\n    def inner(x): pass\n    return inner\n"
                      "m1 = msg(f)\n"
                      "m2 = msg(g)\n"
                      "m3 = msg(g, 1, 2, 3)\n"
                      "m4 = msg(h, 1, 2, 3)\n"
                      "m5 = msg(f, 1, z=2)\n"
                      "m6 = msg(f, 1, x=2)\n"
                      "m7 = msg(k, 1)\n"
                      "m8 = msg(outer())\n"
                      "m9 = msg(f, 1, 2)\n");
    assert_str(g, "m1", "f() missing 1 required positional argument: 'x'");
    assert_str(g, "m2", "g() missing 2 required positional arguments: 'x' and 'y'");
    assert_str(g, "m3", "g() takes 2 positional arguments but 3 were given");
    assert_str(g, "m4", "h() takes from 1 to 2 positional arguments but 3 were given");
    assert_str(g, "m5", "f() got an unexpected keyword argument 'z'");
    assert_str(g, "m6", "f() got multiple values for argument 'x'");
    assert_str(g, "m7", "k() missing 1 required keyword-only argument: 'k'");
    assert_str(g, "m8", "outer.<locals>.inner() missing 1 required positional argument: 'x'");
    assert_str(g, "m9", "f() takes 1 positional argument but 2 were given");
    tr_decref(g);
}
END_TEST

START_TEST(test_name_errors_have_cpython_messages)
{
    TrObject *g = run("try:\n    nope\nexcept NameError as e:\n    a = str(e)\n"
                      "def f():\n    print(q)\n    q = 1\n"
                      "try:\n    f()\nexcept UnboundLocalError as e:\n    b = str(e)\n");
    assert_str(g, "a", "name 'nope' is not defined");
    assert_str(g, "b", "cannot access local variable 'q' where it is not associated with a value");
    tr_decref(g);
}
END_TEST

START_TEST(test_recursion_limit_raises_instead_of_crashing)
{
    TrObject *g = run("def r(n):\n    return r(n + 1)\n"
                      "try:\n    r(0)\nexcept RecursionError as e:\n    m = str(e)\n");
    assert_str(g, "m", "maximum recursion depth exceeded");
    tr_decref(g);
    ck_assert_int_eq(main_ts->recursion_depth, 0);

    /* a limit far beyond what the C stack holds still ends in RecursionError */
    int saved = main_ts->recursion_limit;
    main_ts->recursion_limit = 100000000;
    int ok;
    g = run_in(main_ts, "def r(n):\n    return r(n + 1)\nr(0)\n", &ok);
    main_ts->recursion_limit = saved;
    ck_assert_int_eq(ok, 0);
    ck_assert(err_matches(main_ts, &tr_exc_RecursionError));
    ck_assert_uint_gt(((TrExc *)main_ts->exc)->tb_len, 1);
    err_clear(main_ts);
    tr_decref(g);
    ck_assert_int_eq(main_ts->recursion_depth, 0);
    ck_assert_ptr_null(main_ts->frame);
}
END_TEST

START_TEST(test_uncaught_exception_carries_one_traceback_entry_per_frame)
{
    int ok;
    TrObject *g = run_in(main_ts, "def a():\n    return b()\ndef b():\n    return 1 / 0\na()\n", &ok);
    ck_assert_int_eq(ok, 0);
    ck_assert(err_matches(main_ts, &tr_exc_ZeroDivisionError));
    TrExc *e = (TrExc *)main_ts->exc;
    ck_assert_uint_eq(e->tb_len, 3);
    TrCode *inner = (TrCode *)e->tb[0].code;
    ck_assert_str_eq(str_utf8(inner->name), "b");
    ck_assert_int_eq(inner->positions[e->tb[0].instr].lineno, 4);
    err_clear(main_ts);
    tr_decref(g);
}
END_TEST

START_TEST(test_global_cache_sees_rebinding)
{
    TrObject *g = run("v = 1\n"
                      "def get():\n    return v\n"
                      "a = get()\n"
                      "v = 2\n"
                      "b = get()\n"
                      "def len(x):\n    return 99\n"
                      "c = len([])\n");
    ck_assert_int_eq(get_int(g, "a"), 1);
    ck_assert_int_eq(get_int(g, "b"), 2);
    ck_assert_int_eq(get_int(g, "c"), 99);
    tr_decref(g);
}
END_TEST

START_TEST(test_methods_subscripts_and_unpacking)
{
    TrObject *g = run("l = [3, 1, 2]\nl.append(4)\nl.sort()\n"
                      "d = {'a': 1}\nd['b'] = l[-1]\n"
                      "x, *ys, z = l\n"
                      "s = f'{x}-{len(ys)}-{z}-{d[\"b\"]}'\n"
                      "try:\n    a, b = l\nexcept ValueError as e:\n    m = str(e)\n"
                      "try:\n    d['zz']\nexcept KeyError as e:\n    k = repr(e)\n");
    assert_str(g, "s", "1-2-4-4");
    assert_str(g, "m", "too many values to unpack (expected 2)");
    assert_str(g, "k", "KeyError('zz')");
    tr_decref(g);
}
END_TEST

START_TEST(test_function_repr_and_attributes)
{
    TrObject *g = run("def f(a, b=2):\n    pass\n"
                      "def outer():\n    def inner():\n        pass\n    return inner\n"
                      "n = f.__name__\nq = outer().__qualname__\nd = f.__defaults__[0]\n"
                      "r = repr(f).startswith('<function f at 0x')\n"
                      "ri = repr(outer()).startswith('<function outer.<locals>.inner at 0x')\n"
                      "f.tag = 5\nt = f.tag\n");
    assert_str(g, "n", "f");
    assert_str(g, "q", "outer.<locals>.inner");
    ck_assert_int_eq(get_int(g, "d"), 2);
    ck_assert_int_eq(get_int(g, "r"), 1);
    ck_assert_int_eq(get_int(g, "ri"), 1);
    ck_assert_int_eq(get_int(g, "t"), 5);
    tr_decref(g);
}
END_TEST

/* A thread that calls a function of the main thread through a global gets
 * that function and the list it reads marked deferred. */
typedef struct { TrObject *globals; int64_t result; } ThreadArg;
static void *call_from_thread(void *p) {
    ThreadArg *a = p;
    TrThread *ts = tstate_new();
    tstate_attach(ts);
    TrObject *code = compile_src(ts, "res = use()\n");
    TrObject *r = vm_run_module(ts, code, a->globals);
    if (r) {
        tr_decref(r);
        TrObject *v = dict_get_cstr(ts, a->globals, "res");
        a->result = v ? int_as_i64(ts, v) : -1;
        tr_xdecref(v);
    } else {
        err_clear(ts);
        a->result = -2;
    }
    vm_thread_fini(ts);
    tstate_exit(ts);
    return NULL;
}

START_TEST(test_loads_by_another_thread_mark_shared_objects_deferred)
{
    TrObject *g = run("data = [1, 2, 3]\n"
                      "def use():\n    return data[0] + data[2]\n");
    TrObject *fn = dict_get_cstr(main_ts, g, "use");
    TrObject *data = dict_get_cstr(main_ts, g, "data");
    ck_assert(!tr_is_deferred(fn));
    ThreadArg a = {g, 0};
    gil_release_for_blocking(main_ts);
    pthread_t t;
    pthread_create(&t, NULL, call_from_thread, &a);
    pthread_join(t, NULL);
    gil_reacquire_after_blocking(main_ts);
    ck_assert_int_eq(a.result, 4);
    if (TR_BIASED_RC) {
        ck_assert(tr_is_deferred(fn));
        ck_assert(tr_is_deferred(data));
    }
    tr_decref(fn);
    tr_decref(data);
    tr_decref(g);
}
END_TEST

static Suite *vm_suite(void) {
    Suite *s = suite_create("vm");
    TCase *tc = tcase_create("core");
    tcase_add_unchecked_fixture(tc, setup_once, NULL);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_arithmetic_on_immediates_and_big_ints);
    tcase_add_test(tc, test_loops_and_calls_compute_the_right_sum);
    tcase_add_test(tc, test_closures_share_their_cells);
    tcase_add_test(tc, test_exceptions_are_caught_and_chained);
    tcase_add_test(tc, test_binding_errors_match_cpython_messages);
    tcase_add_test(tc, test_name_errors_have_cpython_messages);
    tcase_add_test(tc, test_recursion_limit_raises_instead_of_crashing);
    tcase_add_test(tc, test_uncaught_exception_carries_one_traceback_entry_per_frame);
    tcase_add_test(tc, test_global_cache_sees_rebinding);
    tcase_add_test(tc, test_methods_subscripts_and_unpacking);
    tcase_add_test(tc, test_function_repr_and_attributes);
    tcase_add_test(tc, test_loads_by_another_thread_mark_shared_objects_deferred);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(vm_suite());
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
