/* core/runtime.c: start-up, running a script, and shutdown.
 *
 * Start-up order: GIL, main thread state, builtin types, builtins, sys,
 * sys.modules.  Everything created here before any other thread exists is
 * made immortal (types, builtin modules and their functions), so threads read
 * it without counting.  runtime_run_source: parse -> compile -> run in
 * __main__; an uncaught exception is printed as CPython prints it.
 * runtime_finalize waits for non-daemon threads (threading_shutdown), runs
 * the atexit callbacks, finalizes what __main__ holds, then frees deferred
 * objects no thread can reference any more.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "torii/torii.h"
#include "core/ast.h"
#include "core/compile.h"
#include "core/vm.h"
#include "core/traceback.h"
#include "threads/tstate.h"
#include "threads/brc.h"
#include "threads/qsbr.h"
#include "threads/gc.h"
#include "torii/weakref.h"
#include "threads/signals.h"
#include "threads/contention.h"
#include "threads/race.h"
#include "core/sites.h"
#include "stdlib/stdlib.h"
#include "torii/class.h"

TrThread *runtime_init(int argc, char **argv) {
    gil_init();
    TrThread *ts = tstate_create_main();
    if (!ts) return NULL;
    gc_hooks.finalize = class_finalize;
    gc_hooks.weakref_detach = weakref_detach;
    gc_hooks.weakref_unlink = weakref_unlink;
    gc_hooks.weakref_callbacks = weakref_run_callbacks;
    sites_install();
    if (types_init(ts) < 0 || objects_types_init(ts) < 0) goto fail;
    tr_runtime.modules = dict_new(ts);
    if (!tr_runtime.modules) goto fail;
    tr_make_immortal(tr_runtime.modules);
    tr_runtime.builtins = builtins_module_init(ts);
    if (!tr_runtime.builtins) goto fail;
    tr_make_immortal(tr_runtime.builtins);
    tr_runtime.builtins_dict = module_dict(tr_runtime.builtins);
    tr_make_immortal(tr_runtime.builtins_dict);
    tr_runtime.sys = sys_module_init(ts, argc, argv);
    if (!tr_runtime.sys) goto fail;
    tr_make_immortal(tr_runtime.sys);
    if (dict_set_cstr(ts, tr_runtime.modules, "builtins", tr_runtime.builtins) < 0 ||
        dict_set_cstr(ts, tr_runtime.modules, "sys", tr_runtime.sys) < 0)
        goto fail;
    if (signals_init(ts) < 0) goto fail;
    return ts;
fail:
    if (err_occurred(ts)) exc_print(ts, ts->exc);
    return NULL;
}

/* Prints a syntax error found in `source` and returns exit status 1. */
static int report_syntax_error(TrSyntaxError *err, const char *source, size_t len, const char *filename) {
    if (!err->text && err->lineno > 0) {
        /* Fill the offending line from the source. */
        const char *p = source, *end = source + len;
        for (int line = 1; line < err->lineno && p < end; line++) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            p = nl ? nl + 1 : end;
        }
        if (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
            err->text = malloc(n + 1);
            if (err->text) { memcpy(err->text, p, n); err->text[n] = '\0'; }
        }
    }
    tr_flush_stdout();
    syntaxerr_print(err, filename, stderr);
    fflush(stderr);
    free(err->text);
    err->text = NULL;
    return 1;
}

/* Exit status for an uncaught exception `exc` (owned, consumed): SystemExit
 * gives its code; anything else is printed and gives 1. */
static int handle_uncaught(TrThread *ts, TrObject *exc) {
    int status = 1;
    tr_flush_stdout();
    if (tr_isinstance(exc, &tr_exc_SystemExit)) {
        TrExc *e = (TrExc *)exc;
        TrObject *code = tuple_size(e->args) == 0 ? tr_none
                       : tuple_size(e->args) == 1 ? tuple_get(e->args, 0) : e->args;
        if (code == tr_none) {
            status = 0;
        } else if (int_check(code)) {
            status = (int)int_as_i64(ts, code);
            err_clear(ts);
        } else {
            TrObject *s = tr_str(ts, code);
            if (s) {
                fwrite(str_utf8(s), 1, str_nbytes(s), stderr);
                fputc('\n', stderr);
                tr_decref(s);
            }
            err_clear(ts);
            status = 1;
        }
    } else {
        exc_print(ts, exc);
        /* CPython ends with SIGINT's default action: the shell's status 130 */
        if (tr_isinstance(exc, &tr_exc_KeyboardInterrupt)) status = 130;
    }
    fflush(stderr);
    tr_decref(exc);
    return status;
}

/* Fills sys.path (empty until now): `first` (consumed; NULL means a failed
 * allocation), then PYTHONPATH's directories (':'-separated; an empty entry
 * is the current directory, '') unless -E or -I.  0, or -1 with an
 * exception set, or none when sys.path is gone. */
static int path_init(TrThread *ts, TrObject *first) {
    TrObject *path = dict_get_cstr(ts, module_dict(tr_runtime.sys), "path");
    int bad = !first || !path || !list_check(path) || list_append(ts, path, first) < 0;
    tr_xdecref(first);
    const char *env = tr_runtime.ignore_environment ? NULL : getenv("PYTHONPATH");
    for (const char *p = env; !bad && p && *env;) {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        TrObject *dir = str_from_utf8(ts, p, n);
        bad = !dir || list_append(ts, path, dir) < 0;
        tr_xdecref(dir);
        p = colon ? colon + 1 : NULL;
    }
    tr_xdecref(path);
    return bad ? -1 : 0;
}

/* Runs `source` as __main__.  `package` (NULL: none) becomes __package__;
 * `set_path`: sys.path[0] is the script's directory ('' for -c and stdin),
 * else the caller set it; `is_file`: `filename` is a file, which __file__
 * names and tracebacks quote from. */
static int run_main(TrThread *ts, const char *source, size_t len, const char *filename,
                    const char *package, int set_path, int is_file) {
    if (is_file) traceback_set_source(filename, source);
    TrArena *arena = arena_new();
    if (!arena) { fprintf(stderr, "MemoryError\n"); return 1; }
    TrSyntaxError err;
    memset(&err, 0, sizeof err);
    TrAstModule *mod = parse_module(arena, source, len, filename, &err);
    if (!mod) {
        arena_free(arena);
        return report_syntax_error(&err, source, len, filename);
    }
    TrObject *code = compile_module(ts, mod, filename, &err);
    arena_free(arena);
    if (!code) {
        if (err.msg[0]) return report_syntax_error(&err, source, len, filename);
        return handle_uncaught(ts, err_fetch(ts));
    }
    TrObject *main_mod = module_new(ts, "__main__");
    if (!main_mod) return handle_uncaught(ts, err_fetch(ts));
    TrObject *globals = module_dict(main_mod);
    TrObject *fname = str_from_cstr(ts, filename);
    TrObject *pkg = package ? str_from_cstr(ts, package) : NULL;
    if (!fname || (package && (!pkg || dict_set_cstr(ts, globals, "__package__", pkg) < 0)) ||
        dict_set_cstr(ts, globals, "__builtins__", tr_runtime.builtins) < 0 ||
        (is_file && dict_set_cstr(ts, globals, "__file__", fname) < 0) ||
        dict_set_cstr(ts, tr_runtime.modules, "__main__", main_mod) < 0) {
        tr_xdecref(fname);
        tr_xdecref(pkg);
        return handle_uncaught(ts, err_fetch(ts));
    }
    tr_decref(fname);
    tr_xdecref(pkg);
    /* sys.path[0]: the script's directory, or '' (the current directory)
     * for -c and standard input, where the script's siblings are imported from. */
    int bad = 0;
    if (set_path) {
        const char *slash = strrchr(filename, '/');
        bad = path_init(ts, slash && filename[0] == '/' ? str_from_utf8(ts, filename, (size_t)(slash - filename))
                                                        : str_from_cstr(ts, "")) < 0;
    }
    if (bad) {
        tr_decref(main_mod);
        if (!err_occurred(ts)) err_set(ts, &tr_exc_RuntimeError, "lost sys.path");
        return handle_uncaught(ts, err_fetch(ts));
    }
    TrObject *result = vm_run_module(ts, code, globals);
    int status = 0;
    if (!result)
        status = handle_uncaught(ts, err_fetch(ts));
    else
        tr_decref(result);
    tr_decref(main_mod);
    return status;
}

int runtime_run_source(TrThread *ts, const char *source, size_t len, const char *filename) {
    int is_file = strcmp(filename, "<string>") != 0 && strcmp(filename, "<stdin>") != 0;
    return run_main(ts, source, len, filename, NULL, 1, is_file);
}

int runtime_run_module(TrThread *ts, const char *name) {
    /* sys.path[0]: the working directory, where NAME is looked for first */
    char cwd[4096];
    int bad = path_init(ts, str_from_cstr(ts, getcwd(cwd, sizeof cwd) ? cwd : "")) < 0;
    if (bad) {
        if (!err_occurred(ts)) err_set(ts, &tr_exc_RuntimeError, "lost sys.path");
        return handle_uncaught(ts, err_fetch(ts));
    }
    char *source = NULL, filename[4096], pkg[256];
    size_t len = 0;
    int is_file = 0;
    int found = runtime_find_module_source(ts, name, &source, &len, filename, &is_file, pkg);
    if (found < 0) return handle_uncaught(ts, err_fetch(ts));
    if (found == 0) {
        /* CPython names itself: sys.executable */
        TrObject *exe = dict_get_cstr(ts, module_dict(tr_runtime.sys), "executable");
        err_clear(ts);
        const char *me = exe && str_check(exe) ? str_utf8(exe) : "torii";
        if (is_file) {
            size_t n = strlen(filename);
            if (n > 9) filename[n - 9] = '\0';    /* drop ".__main__" */
            fprintf(stderr, "%s: No module named %s.__main__; '%s' is a package and cannot be directly executed\n",
                    me, filename, filename);
        } else {
            fprintf(stderr, "%s: No module named %s\n", me, filename);
        }
        tr_xdecref(exe);
        return 1;
    }
    /* sys.argv[0]: the module's file */
    TrObject *argv = dict_get_cstr(ts, module_dict(tr_runtime.sys), "argv");
    TrObject *first = str_from_cstr(ts, filename);
    bad = !argv || !first || !list_check(argv) || list_size(argv) == 0 ||
          list_set(ts, argv, 0, first) < 0;
    tr_xdecref(argv);
    tr_xdecref(first);
    if (bad) {
        free(source);
        if (!err_occurred(ts)) err_set(ts, &tr_exc_RuntimeError, "lost sys.argv");
        return handle_uncaught(ts, err_fetch(ts));
    }
    int status = run_main(ts, source, len, filename, pkg, 0, is_file);
    free(source);
    return status;
}

/* ---- exit: the main module's globals ------------------------------------------ */

/* Stacks a counted reference: a finalizer run meanwhile may drop the
 * container's own. */
static void push_child(TrObject *r, void *arg) {
    if (r && gc_is_tracked(r) && !(r->ob_gc_bits & TR_GC_REACHABLE) && !tr_is_immortal(r)) {
        TrObjVec *s = arg;
        gc_vec_push(s, r);
        if (!s->failed) tr_incref(r);
    }
}

/* Runs the finalizers of everything `root` reaches through containers,
 * depth first, before anything is released: a list's items last to first,
 * a dict's values first to last (the order CPython 3.13's exit shows).
 * Marks what it visits in `seen`. */
static void finalize_reachable(TrThread *ts, TrObject *root, TrObjVec *seen) {
    TrObjVec todo = {0}, kids = {0};
    push_child(root, &todo);
    while (todo.n) {
        TrObject *o = todo.v[--todo.n];
        if ((o->ob_gc_bits & TR_GC_REACHABLE) || seen->failed || todo.failed) { tr_decref(o); continue; }
        o->ob_gc_bits |= TR_GC_REACHABLE;
        gc_vec_push(seen, o);                /* keeps our reference */
        if (seen->failed) { o->ob_gc_bits &= (uint8_t)~TR_GC_REACHABLE; tr_decref(o); continue; }
        class_finalize(ts, o);
        kids.n = 0;
        if (o->ob_type->traverse) o->ob_type->traverse(o, push_child, &kids);
        int forward = tr_isinstance(o, &tr_list_type) || tr_isinstance(o, &tr_tuple_type);
        for (size_t i = 0; i < kids.n; i++) {
            TrObject *k = kids.v[forward ? i : kids.n - 1 - i];
            gc_vec_push(&todo, k);
            if (todo.failed) tr_decref(k);
        }
        if (kids.failed) { kids.failed = 0; todo.failed = 1; }
    }
    free(todo.v);
    free(kids.v);
}

/* Releases what a module's globals hold, as CPython does at exit,
 * so that the __del__ of objects they keep runs: first the finalizers of
 * the objects the globals name, in the dict's order, then those of what
 * these reach (finalize_reachable), all while every global is still bound;
 * then the dict is emptied and its values dropped.  Only when no other
 * thread runs (a daemon thread may still be using the globals): then
 * nothing else writes the ob_gc_bits marks used here. */
static void finalize_globals(TrThread *ts, TrObject *globals) {
    TrObject *vals = dict_values_list(ts, globals);
    if (vals) {
        size_t n = list_size(vals);
        for (size_t i = 0; i < n; i++) class_finalize(ts, ((TrList *)vals)->items[i]);
        TrObjVec seen = {0};
        if (gc_is_tracked(globals)) {
            gc_vec_push(&seen, globals);
            if (!seen.failed) { tr_incref(globals); globals->ob_gc_bits |= TR_GC_REACHABLE; }
        }
        for (size_t i = 0; i < n; i++) finalize_reachable(ts, ((TrList *)vals)->items[i], &seen);
        for (size_t i = 0; i < seen.n; i++) seen.v[i]->ob_gc_bits &= (uint8_t)~TR_GC_REACHABLE;
        for (size_t i = 0; i < seen.n; i++) tr_decref(seen.v[i]);
        free(seen.v);
        tr_decref(vals);
    }
    err_clear(ts);
    /* CPython runs no weak reference callback while it tears modules down */
    weakref_callbacks_off();
    dict_clear(ts, globals);
    err_clear(ts);
}

/* __main__ first, then the modules imported from .py files (those with a
 * __file__; the embedded standard library has none), last imported first,
 * as CPython 3.13 orders them. */
static void finalize_main(TrThread *ts) {
    TrObject *main_mod = dict_get_cstr(ts, tr_runtime.modules, "__main__");
    if (!main_mod) err_clear(ts);
    else if (tr_isinstance(main_mod, &tr_module_type)) finalize_globals(ts, module_dict(main_mod));
    tr_xdecref(main_mod);
    TrObject *mods = dict_values_list(ts, tr_runtime.modules);
    if (!mods) { err_clear(ts); return; }
    for (size_t i = list_size(mods); i-- > 0;) {
        TrObject *m = ((TrList *)mods)->items[i];
        if (m == main_mod || !tr_isinstance(m, &tr_module_type)) continue;
        TrObject *file = dict_get_cstr(ts, module_dict(m), "__file__");
        if (!file) { err_clear(ts); continue; }
        tr_decref(file);
        finalize_globals(ts, module_dict(m));
    }
    tr_decref(mods);
}

int runtime_finalize(TrThread *ts, int status) {
    threading_shutdown(ts);
    /* An exception raised by a thread's report is already printed. */
    err_clear(ts);
    atexit_run_callbacks(ts);
    err_clear(ts);
    if (tstate_count() == 1) finalize_main(ts);
    /* Deferred objects and delayed frees may only go once no other thread
     * can hold an uncounted reference: daemon threads may still run. */
    if (tstate_count() == 1) {
        brc_reclaim_deferred(ts);
        qsbr_free_all(ts);
    }
    tr_flush_stdout();
    /* After the program's own output; threads still running (daemons) are
     * left out of it. */
    contention_report(ts);
    status = race_finish(status);   /* 66 if races were reported, as TSan exits */
    fflush(stderr);
    return status;
}
