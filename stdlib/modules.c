/* stdlib/modules.c: the table of builtin modules and `import`.
 * sys.modules (tr_runtime.modules) caches every imported module; a module is
 * created at most once: the first importer holds the (recursive) import lock
 * while it runs the module's C init and/or its embedded Python source
 * (stdlib/pysrc.h), so two threads importing at once get the same object, and
 * a module appears in sys.modules only once its code has finished.  Dotted
 * names import the parent packages first and bind the submodule as their
 * attribute (`import a.b` binds `a`; `from a.b import c` reads a.b).
 * Modules are immortal once imported (they live until exit anyway), so every
 * thread reads them and their dicts without counting. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "torii/iter.h"
#include "torii/set.h"
#include "torii/gen.h"
#include "torii/file.h"
#include "core/ast.h"
#include "core/compile.h"
#include "core/vm.h"
#include "stdlib/pysrc.h"

static TrObject *builtins_get(TrThread *ts) { return tr_newref(tr_runtime.builtins); }
static TrObject *sys_get(TrThread *ts) { return tr_newref(tr_runtime.sys); }

const TrModuleDef tr_builtin_modules[] = {
    {"builtins", builtins_get},
    {"sys", sys_get},
    {"time", time_module_init},
    {"_thread", _thread_module_init},
    {"threading", threading_module_init},
    {"math", math_module_init},
    {"_collections", _collections_module_init},
    {"random", random_module_init},
    {"os", os_module_init},
    {"os.path", os_path_module_init},
    {"io", io_module_init},
    {"_json", _json_module_init},
    {"re", re_module_init},
    {"traceback", traceback_module_init},
    {NULL, NULL},
};

/* The import lock is recursive: a module written in Python imports others
 * while it runs.  `lock_owner` is written only by the holder (under
 * import_lock) and read racily by others, hence atomic; a thread reading its
 * own id there is the holder. */
static pthread_mutex_t import_lock = PTHREAD_MUTEX_INITIALIZER;
static uintptr_t lock_owner;           /* atomic: the holder's TrThread, 0 if none */
static int lock_depth;                 /* holder only */

static void import_lock_acquire(TrThread *ts) {
    if (atomic_load_uptr_relaxed(&lock_owner) == (uintptr_t)ts) { lock_depth++; return; }
    /* Detach while waiting: the holder may run Python code for a while, and
     * this thread must not block a GIL hand-off or a stop-the-world request. */
    gil_release_for_blocking(ts);
    pthread_mutex_lock(&import_lock);
    gil_reacquire_after_blocking(ts);
    atomic_store_uptr_relaxed(&lock_owner, (uintptr_t)ts);
    lock_depth = 1;
}

static void import_lock_release(TrThread *ts) {
    if (--lock_depth > 0) return;
    atomic_store_uptr_relaxed(&lock_owner, 0);
    pthread_mutex_unlock(&import_lock);
}

/* Modules whose Python code is running (guarded by import_lock): a circular
 * import gets the half-made module, as in CPython; other threads wait on the
 * lock and then find the finished one in sys.modules. */
typedef struct Initializing { TrObject *name, *module; } Initializing;   /* borrowed */
static Initializing initializing[64];
static int ninitializing;

static const TrPySource *find_py(TrObject *name) {
    for (const TrPySource *p = tr_py_sources; p->name; p++)
        if (str_equal_cstr(name, p->name)) return p;
    return NULL;
}

/* Runs the embedded source `py` in module `m`'s dict.  Tracebacks name it
 * "<frozen NAME>" and show no source line, like CPython's frozen modules.
 * -1 on error. */
static int exec_py(TrThread *ts, const TrPySource *py, TrObject *m) {
    char filename[256];
    snprintf(filename, sizeof filename, "<frozen %s>", py->name);
    TrArena *arena = arena_new();
    if (!arena) { err_nomemory(ts); return -1; }
    TrSyntaxError serr;
    memset(&serr, 0, sizeof serr);
    TrObject *code = NULL;
    TrAstModule *ast = parse_module(arena, py->source, py->len, filename, &serr);
    if (ast) code = compile_module(ts, ast, filename, &serr);
    arena_free(arena);
    free(serr.text);
    if (!code) {
        if (!err_occurred(ts))
            err_format(ts, &tr_exc_SyntaxError, "%s (%s, line %d)", serr.msg, filename, serr.lineno);
        return -1;
    }
    TrObject *d = module_dict(m);
    if (dict_set_cstr(ts, d, "__builtins__", tr_runtime.builtins) < 0) return -1;
    if (py->is_package) {
        TrObject *path = list_new(ts, 0);
        if (!path) return -1;
        int r = dict_set_cstr(ts, d, "__path__", path);
        tr_decref(path);
        if (r < 0) return -1;
    }
    if (ninitializing == (int)(sizeof initializing / sizeof initializing[0])) {
        err_set(ts, &tr_exc_RecursionError, "maximum recursion depth exceeded while importing");
        return -1;
    }
    initializing[ninitializing++] = (Initializing){((TrModule *)m)->name, m};
    TrObject *r = vm_run_module(ts, code, d);
    ninitializing--;
    if (!r) return -1;
    tr_decref(r);
    return 0;
}

/* Imports `name` (no dots handled here) with the import lock held. */
static TrObject *import_locked(TrThread *ts, TrObject *name) {
    TrObject *m = dict_get(ts, tr_runtime.modules, name);
    if (m || err_occurred(ts)) return m;
    for (int i = ninitializing - 1; i >= 0; i--)
        if (str_equal(initializing[i].name, name)) return tr_newref(initializing[i].module);
    const TrModuleDef *def = tr_builtin_modules;
    while (def->name && !str_equal_cstr(name, def->name)) def++;
    const TrPySource *py = find_py(name);
    if (!def->name && !py) {
        err_format(ts, &tr_exc_ModuleNotFoundError, "No module named %R", name);
        TrObject *exc = err_fetch(ts), *attr = str_from_cstr(ts, "name");
        if (exc && attr && tr_setattr(ts, exc, attr, name) < 0) err_clear(ts);
        tr_xdecref(attr);
        if (exc) err_restore(ts, exc);
        return NULL;
    }
    m = def->name ? def->init(ts) : module_new(ts, str_utf8(name));
    if (!m) return NULL;
    if (py && exec_py(ts, py, m) < 0) { tr_decref(m); return NULL; }
    tr_make_immortal(m);
    tr_make_immortal(module_dict(m));
    if (dict_set(ts, tr_runtime.modules, name, m) < 0) { tr_decref(m); return NULL; }
    return m;
}

TrObject *runtime_import(TrThread *ts, TrObject *name) {
    TrObject *m = dict_get(ts, tr_runtime.modules, name);
    if (m || err_occurred(ts)) return m;
    /* `a.b.c`: the parents first, then the submodule becomes their attribute. */
    const char *s = str_utf8(name);
    const char *dot = strrchr(s, '.');
    TrObject *parent = NULL, *child = NULL;
    if (dot) {
        TrObject *pname = str_from_utf8(ts, s, (size_t)(dot - s));
        if (!pname) return NULL;
        parent = runtime_import(ts, pname);
        tr_decref(pname);
        if (!parent) return NULL;
        child = str_from_cstr(ts, dot + 1);
        if (!child) { tr_decref(parent); return NULL; }
    }
    import_lock_acquire(ts);
    m = import_locked(ts, name);
    if (m && parent && tr_setattr(ts, parent, child, m) < 0) TR_CLEAR(m);
    import_lock_release(ts);
    tr_xdecref(parent);
    tr_xdecref(child);
    return m;
}

/* Every builtin type outside objects/type.c's own list and the modules' own
 * types, readied once at start-up while only the main thread runs. */
int objects_types_init(TrThread *ts) {
    static TrType *const types[] = {
        &tr_int_type, &tr_bool_type, &tr_float_type, &tr_none_type, &tr_notimpl_type,
        &tr_ellipsis_type, &tr_str_type, &tr_str_iter_type, &tr_tuple_type, &tr_list_type,
        &tr_dict_type, &tr_dict_keys_type, &tr_dict_values_type, &tr_dict_items_type,
        &tr_set_type, &tr_frozenset_type, &tr_set_iter_type, &tr_range_type, &tr_range_iter_type,
        &tr_seq_iter_type, &tr_enumerate_type, &tr_zip_type, &tr_slice_type, &tr_code_type,
        &tr_function_type, &tr_cell_type, &tr_textio_type, &tr_dict_keyiter_type,
        &tr_dict_valueiter_type, &tr_dict_itemiter_type, &tr_dict_revkeyiter_type,
        &tr_dict_revvalueiter_type, &tr_dict_revitemiter_type, &tr_tuple_iter_type,
        &tr_list_iter_type, &tr_list_reviter_type, &tr_map_type, &tr_filter_type, &tr_reversed_type,
        &tr_generator_type,
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (type_ready(ts, types[i]) < 0) return -1;
    if (bytes_types_init(ts) < 0) return -1;   /* bytes, bytearray, fromhex */
    if (file_types_init(ts) < 0) return -1;   /* open()'s files, io.UnsupportedOperation */
    if (str_type_init(ts) < 0) return -1;   /* str.maketrans, a static method */
    return dict_type_init(ts);   /* dict.fromkeys, a class method */
}
