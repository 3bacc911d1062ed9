/* stdlib/modules.c: the table of builtin modules and `import`.
 * sys.modules (tr_runtime.modules) caches every imported module; a module is
 * created at most once: the first importer holds `import_lock` while it runs
 * the module's init, so two threads importing at once get the same object.
 * Modules are immortal once imported (they live until exit anyway), so every
 * thread reads them and their dicts without counting. */
#include <pthread.h>

#include "torii/torii.h"
#include "stdlib/stdlib.h"
#include "torii/iter.h"
#include "torii/set.h"
#include "torii/gen.h"

static TrObject *builtins_get(TrThread *ts) { return tr_newref(tr_runtime.builtins); }
static TrObject *sys_get(TrThread *ts) { return tr_newref(tr_runtime.sys); }

const TrModuleDef tr_builtin_modules[] = {
    {"builtins", builtins_get},
    {"sys", sys_get},
    {"time", time_module_init},
    {"_thread", _thread_module_init},
    {"threading", threading_module_init},
    {"math", math_module_init},
    {NULL, NULL},
};

static pthread_mutex_t import_lock = PTHREAD_MUTEX_INITIALIZER;

TrObject *runtime_import(TrThread *ts, TrObject *name) {
    TrObject *m = dict_get(ts, tr_runtime.modules, name);
    if (m || err_occurred(ts)) return m;
    const TrModuleDef *def = tr_builtin_modules;
    while (def->name && !str_equal_cstr(name, def->name)) def++;
    if (!def->name) {
        TrObject *exc = err_format(ts, &tr_exc_ModuleNotFoundError, "No module named %R", name);
        return exc;
    }
    /* Module init runs no user code, so holding a plain mutex is safe; the
     * thread detaches while it waits so it never blocks a GIL or a
     * stop-the-world request. */
    gil_release_for_blocking(ts);
    pthread_mutex_lock(&import_lock);
    gil_reacquire_after_blocking(ts);
    m = dict_get(ts, tr_runtime.modules, name);
    if (!m && !err_occurred(ts)) {
        m = def->init(ts);
        if (m) {
            tr_make_immortal(m);
            tr_make_immortal(module_dict(m));
            if (dict_set(ts, tr_runtime.modules, name, m) < 0) TR_CLEAR(m);
        }
    }
    pthread_mutex_unlock(&import_lock);
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
    return dict_type_init(ts);   /* dict.fromkeys, a class method */
}
