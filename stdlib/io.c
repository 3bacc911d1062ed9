/* stdlib/io.c: the io module: open(), TextIOWrapper and UnsupportedOperation
 * (all defined in objects/file.c), BytesIO (stdlib/bytesio.c) and StringIO
 * (stdlib/py/_stringio.py, imported when io is).  No state of its own. */
#include "torii/torii.h"
#include "torii/file.h"
#include "torii/runtime.h"
#include "stdlib/bytesio.h"
#include "stdlib/stdlib.h"

static const TrMethodDef io_functions[] = {
    {"open", file_open},
    {NULL, NULL},
};

TrObject *io_module_init(TrThread *ts) {
    TrObject *m = module_new(ts, "io");
    if (!m) return NULL;
    TrObject *d = module_dict(m);
    if (module_add_functions(ts, m, io_functions) < 0 || bytesio_type_init(ts) < 0 ||
        dict_set_cstr(ts, d, "BytesIO", (TrObject *)&tr_bytesio_type) < 0 ||
        dict_set_cstr(ts, d, "TextIOWrapper", (TrObject *)&tr_file_type) < 0 ||
        dict_set_cstr(ts, d, "UnsupportedOperation", (TrObject *)&tr_exc_UnsupportedOperation) < 0) {
        tr_decref(m);
        return NULL;
    }
    /* StringIO is Python code (stdlib/py/_stringio.py) */
    TrObject *name = str_from_cstr(ts, "_stringio");
    TrObject *sm = name ? runtime_import(ts, name) : NULL;
    tr_xdecref(name);
    TrObject *cls = sm ? tr_getattr_cstr(ts, sm, "StringIO") : NULL;
    tr_xdecref(sm);
    int rc = cls ? dict_set_cstr(ts, d, "StringIO", cls) : -1;
    tr_xdecref(cls);
    if (rc < 0) {
        tr_decref(m);
        return NULL;
    }
    return m;
}
