/* tests/unit/test_stw.c: stop-the-world (threads/stw.c) and the deferred
 * reclaim pass built on it (threads/brc.c: brc_reclaim_pass).  Worker threads
 * run real bytecode (compiled here, run with vm_run_code in a shared globals
 * dict) so that they stop at their eval-breaker checks; "probe" objects count
 * their deallocations.  In the GIL build stopping is a no-op and the
 * stop-specific assertions are skipped. */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "torii/torii.h"
#include "core/ast.h"
#include "core/compile.h"
#include "core/vm.h"
#include "threads/brc.h"
#include "threads/lock.h"
#include "threads/qsbr.h"
#include "threads/stw.h"
#include "threads/tstate.h"
#include "threads/typeref.h"

static TrThread *main_ts;
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

static uint32_t nfreed(void) { return atomic_load_u32_acquire(&freed); }

static void setup(void) {
    /* Once: every runtime_init attaches one more main thread state, and a
     * stale attached state would never stop. */
    if (!main_ts) {
        main_ts = runtime_init(0, NULL);
        ck_assert_ptr_nonnull(main_ts);
        type_ready(main_ts, &probe_type);
    }
    atomic_store_u32_relaxed(&freed, 0);
}

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

/* Runs `code` in `g` on the calling thread; fails the test on an exception. */
static void run_code(TrThread *ts, TrObject *code, TrObject *g) {
    TrObject *r = vm_run_code(ts, code, g, g);
    ck_assert_msg(r != NULL, "uncaught %s", ts->exc ? tr_type(ts->exc)->name : "?");
    tr_decref(r);
}

/* ---- Python worker threads -------------------------------------------- */

/* Each worker runs `code` in the shared dict `g`; its functions take their
 * worker index with `ks.pop()` (start_workers fills `ks`). */
typedef struct Worker {
    pthread_t th;
    TrObject *code, *g;
    int k;
} Worker;

static void *worker_main(void *p) {
    Worker *w = p;
    TrThread *ts = tstate_new();
    tstate_attach(ts);
    TrObject *r = vm_run_code(ts, w->code, w->g, w->g);
    if (!r) {
        TrObject *s = exc_str(ts, ts->exc);
        fprintf(stderr, "worker %d: %s: %s\n", w->k, tr_type(ts->exc)->name, s ? str_utf8(s) : "?");
        abort();
    }
    tr_decref(r);
    tstate_exit(ts);
    return NULL;
}

static void run_code(TrThread *ts, TrObject *code, TrObject *g);
static TrObject *compile_src(TrThread *ts, const char *src);

static void start_workers(Worker *ws, int n, TrObject *code, TrObject *g) {
    char src[64];
    snprintf(src, sizeof src, "ks = list(range(%d))\n", n);
    run_code(main_ts, compile_src(main_ts, src), g);
    for (int i = 0; i < n; i++) {
        ws[i] = (Worker){.code = code, .g = g, .k = i};
        pthread_create(&ws[i].th, NULL, worker_main, &ws[i]);
    }
}

static void join_workers(Worker *ws, int n) {
    for (int i = 0; i < n; i++) {
        /* joining blocks: detach so that a stop never waits for us */
        gil_release_for_blocking(main_ts);
        pthread_join(ws[i].th, NULL);
        gil_reacquire_after_blocking(main_ts);
    }
}

/* g[name][i] as a C integer (the list is shared with the workers). */
static int64_t item(TrObject *g, const char *name, ssize_t i) {
    TrObject *l = dict_get_cstr(main_ts, g, name);
    ck_assert_ptr_nonnull(l);
    TrObject *v = list_get(main_ts, l, i);
    tr_decref(l);
    ck_assert_ptr_nonnull(v);
    int64_t x = int_as_i64(main_ts, v);
    tr_decref(v);
    return x;
}

static void set_item(TrObject *g, const char *name, ssize_t i, int64_t x) {
    TrObject *l = dict_get_cstr(main_ts, g, name);
    list_set(main_ts, l, i, int_from_i64(main_ts, x));
    tr_decref(l);
}

/* Sleeps without blocking a stop or the workers. */
static void nap_ms(int ms) {
    gil_release_for_blocking(main_ts);
    usleep((useconds_t)ms * 1000);
    gil_reacquire_after_blocking(main_ts);
}

/* Waits until every worker reported progress in g['prog']. */
static void wait_all_running(TrObject *g, int n) {
    for (int i = 0; i < n; i++)
        while (item(g, "prog", i) == 0) nap_ms(1);
}

static TrObject *shared_globals(const char *src_setup) {
    TrObject *g = dict_new(main_ts);
    ck_assert_ptr_nonnull(g);
    run_code(main_ts, compile_src(main_ts, src_setup), g);
    return g;
}

static const char *SPIN =
    "def spin():\n"
    "    k = ks.pop()\n"
    "    n = 0\n"
    "    while ctl[0] == 0:\n"
    "        n += 1\n"
    "        prog[k] = n\n"
    "spin()\n";

static size_t count_state(uint32_t state) {
    size_t n = 0;
    mutex_lock(&tr_runtime.lock);
    for (TrThread *t = tr_runtime.threads; t; t = t->next)
        if (t != main_ts && atomic_load_u32_acquire(&t->state) == state) n++;
    mutex_unlock(&tr_runtime.lock);
    return n;
}

START_TEST(test_stop_parks_four_spinning_threads_and_start_resumes_them)
{
    TrObject *g = shared_globals("ctl = [0]\nprog = [0, 0, 0, 0]\n");
    Worker ws[4];
    start_workers(ws, 4, compile_src(main_ts, SPIN), g);
    wait_all_running(g, 4);
    for (int round = 0; round < 20; round++) {
        stw_stop(main_ts, "test");
        if (!TR_GIL_ENABLED) {
            ck_assert(stw_in_progress());
            ck_assert_uint_eq(count_state(TR_THREAD_SUSPENDED), 4);
            int64_t before[4];
            for (int i = 0; i < 4; i++) before[i] = item(g, "prog", i);
            usleep(2000);   /* still attached: nobody may attach meanwhile anyway */
            for (int i = 0; i < 4; i++) ck_assert_int_eq(item(g, "prog", i), before[i]);
        }
        stw_start(main_ts);
        ck_assert(!stw_in_progress());
        /* every worker moves again */
        int64_t base[4];
        for (int i = 0; i < 4; i++) base[i] = item(g, "prog", i);
        for (int i = 0; i < 4; i++)
            while (item(g, "prog", i) == base[i]) nap_ms(1);
    }
    set_item(g, "ctl", 0, 1);
    join_workers(ws, 4);
    tr_decref(g);
}
END_TEST

/* ---- detached threads -------------------------------------------------- */

typedef struct Blocker {
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cond;
    int go;                       /* guarded by mu */
    uint32_t reattached;          /* atomic */
    uint32_t detached;            /* atomic */
} Blocker;

static void *blocker_main(void *p) {
    Blocker *b = p;
    TrThread *ts = tstate_new();
    tstate_attach(ts);
    gil_release_for_blocking(ts);
    atomic_store_u32_release(&b->detached, 1);
    pthread_mutex_lock(&b->mu);
    while (!b->go) pthread_cond_wait(&b->cond, &b->mu);
    pthread_mutex_unlock(&b->mu);
    gil_reacquire_after_blocking(ts);    /* must wait for the restart */
    atomic_store_u32_release(&b->reattached, 1);
    tstate_exit(ts);
    return NULL;
}

START_TEST(test_detached_threads_count_as_stopped_and_wait_to_attach)
{
    Blocker bs[3];
    for (int i = 0; i < 3; i++) {
        memset(&bs[i], 0, sizeof bs[i]);
        pthread_mutex_init(&bs[i].mu, NULL);
        pthread_cond_init(&bs[i].cond, NULL);
        pthread_create(&bs[i].th, NULL, blocker_main, &bs[i]);
    }
    for (int i = 0; i < 3; i++)
        while (!atomic_load_u32_acquire(&bs[i].detached)) usleep(100);
    stw_stop(main_ts, "test");           /* returns although nobody reaches an eval breaker */
    for (int i = 0; i < 3; i++) {
        pthread_mutex_lock(&bs[i].mu);
        bs[i].go = 1;
        pthread_cond_signal(&bs[i].cond);
        pthread_mutex_unlock(&bs[i].mu);
    }
    usleep(20000);
    if (!TR_GIL_ENABLED)
        for (int i = 0; i < 3; i++) ck_assert_uint_eq(atomic_load_u32_acquire(&bs[i].reattached), 0);
    stw_start(main_ts);
    gil_release_for_blocking(main_ts);   /* the GIL build: let them take the GIL */
    for (int i = 0; i < 3; i++) pthread_join(bs[i].th, NULL);
    gil_reacquire_after_blocking(main_ts);
    for (int i = 0; i < 3; i++) ck_assert_uint_eq(atomic_load_u32_acquire(&bs[i].reattached), 1);
}
END_TEST

/* ---- the reclaim pass -------------------------------------------------- */

START_TEST(test_unreferenced_zombies_are_freed_while_four_threads_run)
{
    TrObject *g = shared_globals("ctl = [0]\nprog = [0, 0, 0, 0]\n");
    Worker ws[4];
    start_workers(ws, 4, compile_src(main_ts, SPIN), g);
    wait_all_running(g, 4);
    enum { NZ = 3000 };
    for (int i = 0; i < NZ; i++) {
        TrObject *o = tr_alloc(main_ts, &probe_type);
        tr_make_deferred(o);
        tr_decref(o);            /* a zombie: nothing can reference it */
    }
    ck_assert_uint_eq(nfreed(), 0);
    ck_assert_uint_ge(brc_deferred_count(), NZ);
    /* crossing the limit asked this thread for a pass */
    ck_assert(atomic_load_u32_relaxed(&main_ts->eval_breaker) & TR_EB_RECLAIM);
    tstate_handle_eval_breaker(main_ts);
    ck_assert_uint_eq(nfreed(), NZ);
    ck_assert(!(atomic_load_u32_relaxed(&main_ts->eval_breaker) & TR_EB_RECLAIM));
    /* the workers still run afterwards */
    int64_t base = item(g, "prog", 3);
    while (item(g, "prog", 3) == base) nap_ms(1);
    set_item(g, "ctl", 0, 1);
    join_workers(ws, 4);
    tr_decref(g);
}
END_TEST

START_TEST(test_a_zombie_on_a_thread_stack_survives_the_pass)
{
    TrObject *g = shared_globals("ctl = [0]\nprog = [0]\n");
    TrObject *o = tr_alloc(main_ts, &probe_type);
    tr_make_deferred(o);         /* before storing: the dict may hand it out uncounted */
    dict_set_cstr(main_ts, g, "obj", o);
    tr_decref(o);                /* the dict's reference is the only counted one */
    Worker w;
    start_workers(&w, 1, compile_src(main_ts,
        "def hold():\n"
        "    k = ks.pop()\n"
        "    x = obj\n"              /* an uncounted ref in a fast local */
        "    n = 0\n"
        "    while ctl[0] == 0:\n"
        "        n += 1\n"
        "        prog[k] = n\n"
        "    return x\n"
        "hold()\n"), g);
    wait_all_running(g, 1);
    TrObject *key = str_from_cstr(main_ts, "obj");
    ck_assert_int_eq(dict_del(main_ts, g, key), 0);
    tr_decref(key);
    /* a zombie now: no counted reference anywhere (the worker's is uncounted) */
    ck_assert_uint_eq(nfreed(), 0);
    ck_assert_uint_eq(atomic_load_u32_relaxed(&o->ob_ref_local), 0);
    ck_assert_int_eq(atomic_load_ssize_relaxed((ssize_t *)&o->ob_ref_shared) >> TR_SHARED_SHIFT, 0);
    for (int i = 0; i < 3; i++) {
        brc_reclaim_pass(main_ts);
        ck_assert_uint_eq(nfreed(), 0);
    }
    set_item(g, "ctl", 0, 1);
    join_workers(&w, 1);
    brc_reclaim_pass(main_ts);   /* the frame is gone: now it goes */
    ck_assert_uint_eq(nfreed(), 1);
    tr_decref(g);
}
END_TEST

START_TEST(test_rebinding_a_shared_global_keeps_the_zombie_list_bounded)
{
    /* tests/stress/rebind_shared.py in C: the main thread rebinds a global
     * list while three workers read it; the lists the workers loaded became
     * deferred, so each rebinding leaves a zombie. */
    TrObject *g = shared_globals("ctl = [0]\nprog = [0, 0, 0]\ndata = [0, 1, 2, 3]\n");
    Worker ws[3];
    start_workers(ws, 3, compile_src(main_ts,
        "def read():\n"
        "    k = ks.pop()\n"
        "    n = 0\n"
        "    while ctl[0] == 0:\n"
        "        d = data\n"
        "        n += d[3] - d[0]\n"
        "        prog[k] = n\n"
        "read()\n"), g);
    wait_all_running(g, 3);
    TrObject *rebind = compile_src(main_ts, "for i in range(1000):\n    data = [i, i + 1, i + 2, i + 3]\n");
    size_t most = 0;
    for (int chunk = 0; chunk < 20; chunk++) {
        run_code(main_ts, rebind, g);
        size_t n = brc_deferred_count();
        if (n > most) most = n;
    }
    set_item(g, "ctl", 0, 1);
    join_workers(ws, 3);
    for (int i = 0; i < 3; i++) ck_assert_int_eq(item(g, "prog", i) % 3, 0);
    /* 20000 lists were dropped; the list never held more than a few limits */
    ck_assert_uint_lt(most, 4096);
    tr_decref(g);
}
END_TEST


/* ---- per-thread class counts (threads/typeref.h) ------------------------ */

START_TEST(test_a_class_lives_while_instances_made_in_other_threads_do)
{
    TrObject *g = shared_globals("class C:\n    pass\nkeep = []\n");
    size_t nclasses = typeref_registered();
    if (TR_BIASED_RC) ck_assert_uint_ge(nclasses, 1);
    /* two threads make instances, keep half of them in a shared list, drop
     * the rest (counted in their own deltas) and exit (deltas orphaned) */
    Worker ws[2];
    start_workers(ws, 2, compile_src(main_ts,
        "k = ks.pop()\n"
        "mine = [C() for i in range(1000)]\n"
        "keep.extend(mine[:500])\n"
        "mine = None\n"), g);
    join_workers(ws, 2);
    run_code(main_ts, compile_src(main_ts, "n = len(keep)\nassert n == 1000, n\ndel C\n"), g);
    /* no name holds the class: only the instances' per-thread counts do */
    for (int i = 0; i < 2; i++) {
        brc_reclaim_pass(main_ts);
        ck_assert_uint_eq(typeref_registered(), nclasses);
        run_code(main_ts, compile_src(main_ts, "assert type(keep[999]).__name__ == 'C'\n"), g);
    }
    /* the main thread drops the instances the workers made */
    run_code(main_ts, compile_src(main_ts, "keep.clear()\n"), g);
    /* The last releases may wait: the workers share the global `mine`, so
     * one may drop the other's list, a release that waits (QSBR) for a
     * quiescent point of a running thread once its dropper has exited; then
     * the class waits for a reclamation pass.  Pass both, for up to a second
     * on a loaded machine. */
    for (int tries = 0; tries < 100 && typeref_registered() != nclasses - 1; tries++) {
        qsbr_quiescent(main_ts);
        brc_reclaim_pass(main_ts);
        if (typeref_registered() != nclasses - 1) usleep(10000);
    }
    if (TR_BIASED_RC) ck_assert_uint_eq(typeref_registered(), nclasses - 1);
    tr_decref(g);
}
END_TEST

static Suite *stw_suite(void) {
    Suite *s = suite_create("stw");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_stop_parks_four_spinning_threads_and_start_resumes_them);
    tcase_add_test(tc, test_detached_threads_count_as_stopped_and_wait_to_attach);
    tcase_add_test(tc, test_unreferenced_zombies_are_freed_while_four_threads_run);
    tcase_add_test(tc, test_a_zombie_on_a_thread_stack_survives_the_pass);
    tcase_add_test(tc, test_rebinding_a_shared_global_keeps_the_zombie_list_bounded);
    tcase_add_test(tc, test_a_class_lives_while_instances_made_in_other_threads_do);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) {
    SRunner *sr = srunner_create(stw_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
