/* stdlib/modules.c: the table of builtin modules and `import`.
 * sys.modules (tr_runtime.modules) caches every imported module; a module is
 * created at most once: the first importer holds the (recursive) import lock
 * while it runs the module's C init and/or its embedded Python source
 * (stdlib/pysrc.h), so two threads importing at once get the same object, and
 * a module appears in sys.modules only once its code has finished.  Dotted
 * names import the parent packages first and bind the submodule as their
 * attribute (`import a.b` binds `a`; `from a.b import c` reads a.b).
 * Builtin and embedded modules are immortal once imported (they live until
 * exit anyway), so every thread reads them and their dicts without counting;
 * modules loaded from files (sys.path) are deferred like every module.
 * Extension modules (name.so, include/torii/ext.h) are loaded by
 * core/capi_type.c under the same lock. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "torii/iter.h"
#include "torii/set.h"
#include "torii/gen.h"
#include "torii/weakref.h"
#include "torii/genericalias.h"
#include "torii/frameobj.h"
#include "torii/tbobj.h"
#include "torii/file.h"
#include "core/ast.h"
#include "core/compile.h"
#include "core/vm.h"
#include "stdlib/pysrc.h"
#include "core/capi.h"
#include "threads/race.h"

static TrObject *builtins_get(TrThread *ts) { return tr_newref(tr_runtime.builtins); }
static TrObject *sys_get(TrThread *ts) { return tr_newref(tr_runtime.sys); }

const TrModuleDef tr_builtin_modules[] = {
    {"builtins", builtins_get},
    {"sys", sys_get},
    {"time", time_module_init},
    {"_thread", _thread_module_init},
    {"threading", threading_module_init},
    {"math", math_module_init},
    {"gc", gc_module_init},
    {"_collections", _collections_module_init},
    {"_weakref", _weakref_module_init},
    {"struct", struct_module_init},
    {"array", array_module_init},
    {"cmath", cmath_module_init},
    {"atexit", atexit_module_init},
    {"_types", _types_module_init},
    {"random", random_module_init},
    {"os", os_module_init},
    {"os.path", os_path_module_init},
    {"io", io_module_init},
    {"_json", _json_module_init},
    {"re", re_module_init},
    {"traceback", traceback_module_init},
    {"signal", signal_module_init},
    {"select", select_module_init},
    {"_posixsubprocess", _posixsubprocess_module_init},
    {"binascii", binascii_module_init},
    {"zlib", zlib_module_init},
    {"_bz2", _bz2_module_init},
    {"_lzma", _lzma_module_init},
    {"pwd", pwd_module_init},
    {"grp", grp_module_init},
    {"_hashlib", hashlib_module_init},
    {"_socket", _socket_module_init},
    {"mmap", mmap_module_init},
    {"_asyncio", _asyncio_module_init},
    {"_sqlite3", _sqlite3_module_init},
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

/* Compiles `source` (named `filename` in tracebacks) and runs it in module
 * `m`'s dict.  `path` (borrowed, may be NULL) becomes the module's
 * `__path__`: the directories its submodules are searched in (a package).
 * -1 on error. */
static int exec_source(TrThread *ts, TrObject *m, const char *source, size_t len,
                       const char *filename, TrObject *path) {
    TrArena *arena = arena_new();
    if (!arena) { err_nomemory(ts); return -1; }
    TrSyntaxError serr;
    memset(&serr, 0, sizeof serr);
    TrObject *code = NULL;
    TrAstModule *ast = parse_module(arena, source, len, filename, &serr);
    if (ast) code = compile_module(ts, ast, filename, &serr);
    arena_free(arena);
    free(serr.text);
    if (!code) {
        if (err_occurred(ts)) return -1;
        if (serr.type && strcmp(serr.type, "MemoryError") == 0)
            err_set(ts, &tr_exc_MemoryError, serr.msg);     /* "Parser stack overflowed - ..." */
        else
            err_format(ts, &tr_exc_SyntaxError, "%s (%s, line %d)", serr.msg, filename, serr.lineno);
        return -1;
    }
    TrObject *d = module_dict(m);
    if (dict_set_cstr(ts, d, "__builtins__", tr_runtime.builtins) < 0) return -1;
    if (path && dict_set_cstr(ts, d, "__path__", path) < 0) return -1;
    /* __package__: the package itself, or the one the module sits in ('' at
     * the top level): what relative imports resolve against */
    const char *mname = str_utf8(((TrModule *)m)->name), *mdot = strrchr(mname, '.');
    TrObject *pkg = path ? tr_newref(((TrModule *)m)->name)
                         : str_from_utf8(ts, mname, mdot ? (size_t)(mdot - mname) : 0);
    if (!pkg || dict_set_cstr(ts, d, "__package__", pkg) < 0) { tr_xdecref(pkg); return -1; }
    tr_decref(pkg);
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

/* Runs the embedded source `py` in `m`.  Tracebacks name it "<frozen NAME>"
 * and show no source line, like CPython's frozen modules.  -1 on error. */
static int exec_py(TrThread *ts, const TrPySource *py, TrObject *m) {
    char filename[256];
    snprintf(filename, sizeof filename, "<frozen %s>", py->name);
    TrObject *path = NULL;
    if (py->is_package && !(path = list_new(ts, 0))) return -1;
    int r = exec_source(ts, m, py->source, py->len, filename, path);
    tr_xdecref(path);
    return r;
}

/* ---- modules from files ---------------------------------------------------
 * A name no builtin or embedded module has is searched, as CPython does, in
 * the directories of sys.path (a top-level name; sys.path[0] is the script's
 * directory) or of the parent package's __path__ (a submodule): an extension
 * DIR/NAME.torii-1.so or DIR/NAME.so, then DIR/NAME.py, then
 * DIR/NAME/__init__.py (a package, whose __path__ is [DIR/NAME]). */

/* Reads a whole file into a malloc'd, NUL-terminated buffer; NULL if it
 * cannot be opened or read (no exception set). */
static char *read_source(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 14, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        char *grown = realloc(buf, cap * 2 + 1);
        if (!grown) { free(buf); buf = NULL; break; }
        buf = grown;
        cap *= 2;
    }
    int failed = ferror(f);
    fclose(f);
    if (!buf || failed) { free(buf); return NULL; }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Looks for module `leaf` in the directories of the list `dirs`.  Returns a
 * new module (its code run), NULL with ModuleNotFoundError-free "not found"
 * (no exception) when no file matched, or NULL with the exception raised by
 * the module's code. */
/* The absolute form of `file` (relative to the working directory) in
 * `abs` (8192 bytes): tracebacks and __file__ name files by it. */
static void absolute_path(const char *file, char *abs) {
    if (file[0] != '/' && getcwd(abs, 4096)) {
        size_t used = strlen(abs);
        snprintf(abs + used, 8192 - used, "/%s", file[0] == '.' && file[1] == '/' ? file + 2 : file);
    } else {
        snprintf(abs, 8192, "%s", file);
    }
}

/* 1 if DIR/LEAF<suffix> exists, its path in `file` (4096 bytes). */
static int find_file(const char *d, const char *leaf, const char *suffix, char *file) {
    return (size_t)snprintf(file, 4096, "%s/%s%s", d, leaf, suffix) < 4096 && access(file, F_OK) == 0;
}

/* Looks for module `leaf` in the directories of the list `dirs`: in each,
 * an extension module (LEAF.torii-1.so, LEAF.so: core/capi_type.c), then
 * LEAF.py, then the package LEAF/__init__.py.  Returns a new module (its
 * code run), NULL (no exception) when no file matched, or NULL with the
 * exception raised by loading or by the module's code. */
static TrObject *import_from_dirs(TrThread *ts, TrObject *name, const char *leaf, TrObject *dirs) {
    size_t n = list_size(dirs);
    for (size_t i = 0; i < n; i++) {
        TrObject *dir = list_get(ts, dirs, (ssize_t)i);
        if (!dir) { err_clear(ts); break; }   /* the list shrank meanwhile */
        if (!str_check(dir)) { tr_decref(dir); continue; }
        const char *d = str_nbytes(dir) ? str_utf8(dir) : ".";
        char file[4096];
        char abs[8192];
        if (find_file(d, leaf, CAPI_EXT_SUFFIX, file) || find_file(d, leaf, ".so", file)) {
            tr_decref(dir);
            absolute_path(file, abs);
            return capi_load_module(ts, name, abs);
        }
        int is_pkg = 0;
        size_t len;
        char *src = NULL;
        /* A path too long for the buffer cannot name a file: skip it. */
        if ((size_t)snprintf(file, sizeof file, "%s/%s.py", d, leaf) < sizeof file)
            src = read_source(file, &len);
        if (!src && (size_t)snprintf(file, sizeof file, "%s/%s/__init__.py", d, leaf) < sizeof file) {
            src = read_source(file, &len);
            is_pkg = src != NULL;
        }
        tr_decref(dir);
        if (!src) continue;
        absolute_path(file, abs);
        TrObject *m = module_new(ts, str_utf8(name));
        TrObject *fname = m ? str_from_cstr(ts, abs) : NULL;
        TrObject *path = NULL;
        if (fname && is_pkg) {
            path = list_new(ts, 1);
            char *slash = strrchr(abs, '/');   /* .../NAME/__init__.py -> .../NAME */
            TrObject *pd = slash ? str_from_utf8(ts, abs, (size_t)(slash - abs)) : NULL;
            if (!path || !pd || list_append(ts, path, pd) < 0) TR_CLEAR(path);
            tr_xdecref(pd);
        }
        int ok = fname && (!is_pkg || path) &&
                 dict_set_cstr(ts, module_dict(m), "__file__", fname) == 0 &&
                 exec_source(ts, m, src, len, abs, path) == 0;
        free(src);
        tr_xdecref(fname);
        tr_xdecref(path);
        if (!ok) {
            tr_xdecref(m);
            if (!err_occurred(ts)) err_nomemory(ts);
            return NULL;
        }
        return m;
    }
    return NULL;
}

/* The directories to search for `name`: its parent package's __path__, or
 * sys.path.  A new reference to a list, or NULL (no exception) if none. */
static TrObject *search_dirs(TrThread *ts, TrObject *name) {
    const char *s = str_utf8(name);
    const char *dot = strrchr(s, '.');
    if (!dot) {
        TrObject *p = dict_get_cstr(ts, module_dict(tr_runtime.sys), "path");
        if (p && !list_check(p)) TR_CLEAR(p);
        err_clear(ts);
        return p;
    }
    TrObject *pname = str_from_utf8(ts, s, (size_t)(dot - s));
    TrObject *parent = pname ? dict_get(ts, tr_runtime.modules, pname) : NULL;
    /* a package importing its own submodules is still initializing */
    for (int i = ninitializing - 1; !parent && pname && i >= 0; i--)
        if (str_equal(initializing[i].name, pname)) parent = tr_newref(initializing[i].module);
    tr_xdecref(pname);
    TrObject *p = parent ? dict_get_cstr(ts, module_dict(parent), "__path__") : NULL;
    tr_xdecref(parent);
    if (p && !list_check(p)) TR_CLEAR(p);
    err_clear(ts);
    return p;
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
        TrObject *dirs = search_dirs(ts, name);
        if (dirs) {
            const char *dot = strrchr(str_utf8(name), '.');
            m = import_from_dirs(ts, name, dot ? dot + 1 : str_utf8(name), dirs);
            tr_decref(dirs);
            if (m) {
                if (dict_set(ts, tr_runtime.modules, name, m) < 0) TR_CLEAR(m);
                return m;
            }
            if (err_occurred(ts)) return NULL;
        }
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
    /* Race detector: the module's body, run by whoever imported it first
     * under the import lock, happens before any later import of it. */
    if (m) RACE_ACQUIRE(ts, m);
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
    if (m) {
        /* as the import lock orders importers: a lock's acquire and release */
        RACE_ACQUIRE(ts, m);
        RACE_RELEASE(ts, m);
    }
    import_lock_release(ts);
    tr_xdecref(parent);
    tr_xdecref(child);
    return m;
}

int runtime_find_module_source(TrThread *ts, const char *name, char **source, size_t *len,
                               char *filename, int *is_file, char *pkg) {
    const char *dot = strrchr(name, '.');
    TrObject *pyname = str_from_cstr(ts, name);
    if (!pyname) return -1;
    if (dot) {
        /* the parents are imported first, as runpy does */
        TrObject *pname = str_from_utf8(ts, name, (size_t)(dot - name));
        TrObject *parent = pname ? runtime_import(ts, pname) : NULL;
        tr_xdecref(pname);
        if (!parent) { tr_decref(pyname); return -1; }
        tr_decref(parent);
    }
    snprintf(pkg, 256, "%.*s", dot ? (int)(dot - name) : 0, name);
    int is_pkg = 0, found = 0;
    const TrPySource *py = find_py(pyname);
    if (py) {
        found = 1;
        is_pkg = py->is_package;
        if (!is_pkg) {
            snprintf(filename, 4096, "<frozen %s>", name);
            *is_file = 0;
            *source = malloc(py->len + 1);
            if (!*source) { tr_decref(pyname); err_nomemory(ts); return -1; }
            memcpy(*source, py->source, py->len + 1);
            *len = py->len;
        }
    } else {
        TrObject *dirs = search_dirs(ts, pyname);
        const char *leaf = dot ? dot + 1 : name;
        size_t n = dirs ? list_size(dirs) : 0;
        for (size_t i = 0; i < n && !found; i++) {
            TrObject *dir = list_get(ts, dirs, (ssize_t)i);
            if (!dir) { err_clear(ts); break; }
            const char *d = str_check(dir) ? (str_nbytes(dir) ? str_utf8(dir) : ".") : NULL;
            char file[4096];
            if (d && find_file(d, leaf, ".py", file)) {
                found = 1;
                *source = read_source(file, len);
                char abs[8192];
                absolute_path(file, abs);
                size_t alen = strlen(abs);
                if (alen >= 4096) alen = 4095;   /* find_file's own limit: cannot happen */
                memcpy(filename, abs, alen);
                filename[alen] = '\0';
                *is_file = 1;
                if (!*source) {
                    tr_decref(dir);
                    tr_decref(dirs);
                    tr_decref(pyname);
                    err_format(ts, &tr_exc_OSError, "can't read %s", abs);
                    return -1;
                }
            } else if (d && find_file(d, leaf, "/__init__.py", file)) {
                found = is_pkg = 1;
            }
            tr_decref(dir);
        }
        tr_xdecref(dirs);
    }
    if (!found) {
        tr_decref(pyname);
        snprintf(filename, 4096, "%s", name);
        *is_file = 0;
        return 0;
    }
    if (is_pkg) {
        /* a package runs NAME.__main__, with the package imported first */
        TrObject *m = runtime_import(ts, pyname);
        tr_decref(pyname);
        if (!m) return -1;
        tr_decref(m);
        char sub[4096];
        snprintf(sub, sizeof sub, "%s.__main__", name);
        int r = runtime_find_module_source(ts, sub, source, len, filename, is_file, pkg);
        if (r == 0) *is_file = 1;    /* "... is a package and cannot be directly executed" */
        return r;
    }
    tr_decref(pyname);
    return 1;
}

/* Every builtin type outside objects/type.c's own list and the modules' own
 * types, readied once at start-up while only the main thread runs. */
int objects_types_init(TrThread *ts) {
    static TrType *const types[] = {
        &tr_int_type, &tr_bool_type, &tr_float_type, &tr_complex_type, &tr_none_type, &tr_notimpl_type,
        &tr_ellipsis_type, &tr_str_type, &tr_str_iter_type, &tr_tuple_type, &tr_list_type,
        &tr_dict_type, &tr_dict_keys_type, &tr_dict_values_type, &tr_dict_items_type,
        &tr_set_type, &tr_frozenset_type, &tr_set_iter_type, &tr_range_type, &tr_range_iter_type,
        &tr_seq_iter_type, &tr_enumerate_type, &tr_zip_type, &tr_slice_type, &tr_code_type,
        &tr_function_type, &tr_cell_type, &tr_weakref_type, &tr_generic_alias_type, &tr_union_type, &tr_frame_obj_type, &tr_tb_type, &tr_calliter_type, &tr_textio_type, &tr_dict_keyiter_type,
        &tr_dict_valueiter_type, &tr_dict_itemiter_type, &tr_dict_revkeyiter_type,
        &tr_dict_revvalueiter_type, &tr_dict_revitemiter_type, &tr_tuple_iter_type,
        &tr_list_iter_type, &tr_list_reviter_type, &tr_map_type, &tr_filter_type, &tr_reversed_type,
        &tr_generator_type,
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (type_ready(ts, types[i]) < 0) return -1;
    if (coro_types_init(ts) < 0) return -1;   /* coroutine, coroutine_wrapper */
    if (asyncgen_types_init(ts) < 0) return -1;   /* async_generator and its awaitables */
    if (bytes_types_init(ts) < 0) return -1;   /* bytes, bytearray, fromhex */
    if (file_types_init(ts) < 0) return -1;   /* open()'s files, io.UnsupportedOperation */
    if (str_type_init(ts) < 0) return -1;   /* str.maketrans, a static method */
    if (capi_types_init(ts) < 0) return -1;   /* extension functions and descriptors (core/capi_type.c) */
    return dict_type_init(ts);   /* dict.fromkeys, a class method */
}
