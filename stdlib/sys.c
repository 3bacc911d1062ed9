/* stdlib/sys.c: the sys module, with sys.version_info (a struct sequence)
 * and sys.implementation (a namespace: attributes in a dict).
 * Created once at start-up by the main thread and made immortal; its dict is
 * then read by every thread (sys.argv, sys.stdout) without counting.
 * Threads: setrecursionlimit changes the limit of the calling thread only;
 * sys.implementation's attributes live in a dict, which has its own lock. */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "torii/torii.h"
#include "torii/gen.h"
#include "stdlib/stdlib.h"
#include "torii/file.h"
#include "stdlib/structseq.h"

/* ---- sys.flags ------------------------------------------------------------ */

static const char *const flag_fields[] = {
    "debug", "inspect", "interactive", "optimize", "dont_write_bytecode", "no_user_site", "no_site",
    "ignore_environment", "verbose", "bytes_warning", "quiet", "hash_randomization", "isolated",
    "dev_mode", "utf8_mode", "warn_default_encoding", "safe_path", "int_max_str_digits",
};
SEQ_TYPE(flags_type, "sys.flags", flag_fields, 18, 0, NULL);

/* sys.flags, from the command line (core/main.c); a new reference or NULL. */
static TrObject *sys_flags(TrThread *ts) {
    if (!(flags_type.type.flags & TR_TPFLAG_READY) && seq_ready(ts, &flags_type) < 0) return NULL;
    const TrRuntime *r = &tr_runtime;
    int64_t v[18] = {0, 0, 0, r->optimize, r->dont_write_bytecode, r->no_user_site, r->no_site,
                     r->ignore_environment, 0, 0, 0, 1, r->isolated, 0, 0, 0, 0, 4300};
    TrObject *items[18];
    for (int i = 0; i < 18; i++) items[i] = tr_imm_from(v[i]);
    items[13] = tr_false;   /* dev_mode and safe_path are bools */
    items[16] = tr_false;
    return seq_new_take(ts, &flags_type, items);
}

/* Sets d[name] = value and drops the reference to value (which may be NULL:
 * then the error is already set).  -1 on error. */
static int set_take(TrThread *ts, TrObject *d, const char *name, TrObject *value) {
    if (!value) return -1;
    int r = dict_set_cstr(ts, d, name, value);
    tr_decref(value);
    return r;
}

/* ---- versions ------------------------------------------------------------ */

/* The Python version torii follows, and torii's own (core/main.c's
 * TORII_VERSION and CMakeLists.txt's say the same). */
#define PY_MAJOR 3
#define PY_MINOR 13
#define PY_MICRO 0
#define TORII_MAJOR 0
#define TORII_MINOR 1
#define TORII_MICRO 0
#define STR_(x) #x
#define STR(x) STR_(x)
#define TORII_VERSION_STR STR(TORII_MAJOR) "." STR(TORII_MINOR) "." STR(TORII_MICRO)
#define PY_VERSION_STR STR(PY_MAJOR) "." STR(PY_MINOR) "." STR(PY_MICRO)
/* sys.hexversion's layout: major, minor, micro a byte each, then the release
 * level (0xF: final) and the serial a nibble each. */
#define HEXVERSION(maj, min, mic) (((maj) << 24) | ((min) << 16) | ((mic) << 8) | (0xF << 4))

static const char *const version_fields[] = {"major", "minor", "micro", "releaselevel", "serial"};
SEQ_TYPE(version_info_type, "sys.version_info", version_fields, 5, 0, NULL);

/* sys.version_info's type makes no instances from Python, as CPython's. */
static TrObject *version_info_new(TrThread *ts, TrType *type, TrObject *const *args, size_t nargs,
                                  TrObject *kwnames) {
    (void)args; (void)nargs; (void)kwnames;
    return err_format(ts, &tr_exc_TypeError, "cannot create '%s' instances", type->name);
}

/* A new sys.version_info(major, minor, micro, 'final', 0), or NULL. */
static TrObject *version_info(TrThread *ts, int major, int minor, int micro) {
    if (!(version_info_type.type.flags & TR_TPFLAG_READY)) {
        version_info_type.type.new_ = version_info_new;
        if (seq_ready(ts, &version_info_type) < 0) return NULL;
    }
    TrObject *items[5] = {tr_imm_from(major), tr_imm_from(minor), tr_imm_from(micro),
                          str_from_cstr(ts, "final"), tr_imm_from(0)};
    return seq_new_take(ts, &version_info_type, items);
}

/* ---- sys.implementation ------------------------------------------------------
 * A namespace as types.SimpleNamespace is (repr "namespace(k=v, ...)",
 * attributes readable and writable, `==` compares the attribute dicts), made
 * once in C because sys exists before any Python module.  Only sys makes
 * one: the type has no constructor. */

typedef struct Namespace {
    TrObject ob_base;
    TrObject *dict;   /* owned; made with the object, never replaced */
} Namespace;

static __thread int ns_repr_running;   /* this thread is inside a namespace's repr */

static void ns_dealloc(TrThread *ts, TrObject *o) {
    (void)ts;
    TR_CLEAR(((Namespace *)o)->dict);
    tr_free(o);
}

static TrObject *ns_repr(TrThread *ts, TrObject *o) {
    /* the only instance met again inside its own repr */
    if (ns_repr_running) return str_from_cstr(ts, "namespace(...)");
    TrStrBuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "namespace(");
    ns_repr_running = 1;
    size_t pos = 0;
    TrObject *k, *v;
    int first = 1, rc = 0;
    while (rc == 0 && dict_next(ts, ((Namespace *)o)->dict, &pos, &k, &v)) {
        TrObject *r = tr_repr(ts, v);
        if (r) {
            if (!first) strbuf_adds(&b, ", ");
            first = 0;
            if (str_check(k)) strbuf_addstr(&b, k);
            strbuf_addc(&b, '=');
            strbuf_addstr(&b, r);
            tr_decref(r);
        } else {
            rc = -1;
        }
        tr_decref(k);
        tr_decref(v);
    }
    ns_repr_running = 0;
    if (rc < 0) { strbuf_free(&b); return NULL; }
    strbuf_addc(&b, ')');
    return strbuf_finish(ts, &b);
}

static TrType ns_type;

/* `==` and `!=` between namespaces compare their dicts. */
static TrObject *ns_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op) {
    if ((op != TR_EQ && op != TR_NE) || tr_type(b) != &ns_type) return tr_notimplemented;
    return tr_richcompare(ts, ((Namespace *)a)->dict, ((Namespace *)b)->dict, op);
}

static TrType ns_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "types.SimpleNamespace",
    .basicsize = sizeof(Namespace),
    .base = &tr_object_type,
    .dealloc = ns_dealloc,
    .repr = ns_repr,
    .richcompare = ns_richcompare,
    .getattr = tr_generic_getattr,
    .setattr = tr_generic_setattr,
    .dictoffset = offsetof(Namespace, dict),
};

/* The multiarch tuple of the machine torii was built for (what Debian's
 * dpkg-architecture calls DEB_HOST_MULTIARCH). */
#if defined(__x86_64__)
#define MULTIARCH "x86_64-linux-gnu"
#elif defined(__aarch64__)
#define MULTIARCH "aarch64-linux-gnu"
#elif defined(__i386__)
#define MULTIARCH "i386-linux-gnu"
#else
#define MULTIARCH "unknown-linux-gnu"
#endif

/* sys.implementation: a new reference, or NULL. */
static TrObject *sys_implementation(TrThread *ts) {
    if (!(ns_type.flags & TR_TPFLAG_READY) && type_ready(ts, &ns_type) < 0) return NULL;
    Namespace *ns = (Namespace *)tr_alloc(ts, &ns_type);
    if (!ns) return NULL;
    ns->dict = dict_new(ts);
    TrObject *d = ns->dict;
    if (!d || set_take(ts, d, "name", str_from_cstr(ts, "torii")) < 0 ||
        set_take(ts, d, "cache_tag", str_from_cstr(ts, "torii-" STR(PY_MAJOR) STR(PY_MINOR))) < 0 ||
        set_take(ts, d, "version", version_info(ts, TORII_MAJOR, TORII_MINOR, TORII_MICRO)) < 0 ||
        set_take(ts, d, "hexversion", int_from_i64(ts, HEXVERSION(TORII_MAJOR, TORII_MINOR, TORII_MICRO))) < 0 ||
        set_take(ts, d, "_multiarch", str_from_cstr(ts, MULTIARCH)) < 0) {
        tr_decref((TrObject *)ns);
        return NULL;
    }
    return (TrObject *)ns;
}

/* sys.prefix and the others: the directory above the one holding the
 * executable (/usr/local for /usr/local/bin/torii), or CPython's default
 * /usr/local when the executable is unknown.  Writes into `out` (PATH_MAX). */
static void install_prefix(const char *exe, char *out) {
    if (!*exe) { strcpy(out, "/usr/local"); return; }
    strcpy(out, exe);
    for (int up = 0; up < 2; up++) {   /* dirname, twice */
        char *slash = strrchr(out, '/');
        if (!slash) { strcpy(out, "."); return; }
        if (slash == out) { out[1] = 0; return; }   /* reached the root */
        *slash = 0;
    }
}

static TrObject *sys_exit(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "exit", nargs, kwnames, 0, 1) < 0) return NULL;
    TrObject *exc = exc_new(ts, &tr_exc_SystemExit, args, nargs);
    if (exc) err_restore(ts, exc);
    return NULL;
}

static TrObject *sys_getrecursionlimit(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "getrecursionlimit", nargs, kwnames, 0, 0) < 0) return NULL;
    return int_from_i64(ts, ts->recursion_limit);
}

static TrObject *sys_setrecursionlimit(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "setrecursionlimit", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!int_check(args[0]) || tr_isinstance(args[0], &tr_bool_type)) {
        if (float_check(args[0])) return err_format(ts, &tr_exc_TypeError, "'float' object cannot be interpreted as an integer");
        return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", tr_type_name(args[0]));
    }
    int64_t v = int_as_i64(ts, args[0]);
    if (v == -1 && err_occurred(ts)) return NULL;
    if (v < 1) return err_format(ts, &tr_exc_ValueError, "recursion limit must be greater or equal than 1");
    if (v > INT_MAX) return err_format(ts, &tr_exc_OverflowError, "Python int too large to convert to C int");
    ts->recursion_limit = (int)v;
    return tr_none;
}

static TrObject *sys_getswitchinterval(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "getswitchinterval", nargs, kwnames, 0, 0) < 0) return NULL;
    return float_new(ts, gil_get_switch_interval());
}

static TrObject *sys_setswitchinterval(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "setswitchinterval", nargs, kwnames, 1, 1) < 0) return NULL;
    double v = float_as_double(ts, args[0]);
    if (v == -1.0 && err_occurred(ts)) return NULL;
    if (v <= 0.0) return err_format(ts, &tr_exc_ValueError, "switch interval must be strictly positive");
    gil_set_switch_interval(v);
    return tr_none;
}

static TrObject *sys_is_gil_enabled(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "_is_gil_enabled", nargs, kwnames, 0, 0) < 0) return NULL;
    return tr_bool(TR_GIL_ENABLED);
}

static TrObject *sys_intern(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "intern", nargs, kwnames, 1, 1) < 0) return NULL;
    if (!tr_isinstance_exact(args[0], &tr_str_type))
        return err_format(ts, &tr_exc_TypeError, "intern() argument must be str, not %T", args[0]);
    return str_intern(ts, args[0]);
}

/* sys.exception(): the exception being handled, or None. */
static TrObject *sys_exception(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "exception", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *h = ts->handled_exc;
    return tr_newref(h ? h : tr_none);
}

/* sys.exc_info(): (type, value, value.__traceback__) of the exception being
 * handled, or three Nones. */
static TrObject *sys_exc_info(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "exc_info", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *h = ts->handled_exc;
    if (h == tr_none) h = NULL;
    TrObject *tb = h ? tr_getattr_cstr(ts, h, "__traceback__") : tr_newref(tr_none);
    if (!tb) return NULL;
    TrObject *items[3] = {h ? (TrObject *)tr_type(h) : tr_none, h ? h : tr_none, tb};
    TrObject *r = tuple_from_array(ts, items, 3);
    tr_decref(tb);
    return r;
}

/* ---- sys.unraisablehook ------------------------------------------------------- */

/* sys.UnraisableHookArgs: what the hook receives (CPython's struct sequence,
 * read by attribute). */
enum { UA_EXC_TYPE, UA_EXC_VALUE, UA_EXC_TB, UA_ERR_MSG, UA_OBJECT, UA_COUNT };
static const char *const ua_names[UA_COUNT] = {"exc_type", "exc_value", "exc_traceback", "err_msg", "object"};

typedef struct UnraisableArgs {
    TrObject ob_base;
    TrObject *field[UA_COUNT];   /* owned */
} UnraisableArgs;

static void ua_dealloc(TrThread *ts, TrObject *o) {
    (void)ts;
    for (int i = 0; i < UA_COUNT; i++) TR_CLEAR(((UnraisableArgs *)o)->field[i]);
    tr_free(o);
}

static TrObject *ua_getattr(TrThread *ts, TrObject *o, TrObject *name) {
    const char *n = str_utf8(name);
    for (int i = 0; i < UA_COUNT; i++)
        if (!strcmp(n, ua_names[i])) return tr_newref(((UnraisableArgs *)o)->field[i]);
    return tr_generic_getattr(ts, o, name);
}

static TrType ua_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "UnraisableHookArgs",
    .basicsize = sizeof(UnraisableArgs),
    .dealloc = ua_dealloc,
    .getattr = ua_getattr,
};

/* sys.unraisablehook / sys.__unraisablehook__: the default report. */
static TrObject *sys_unraisablehook(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                    TrObject *kwnames) {
    if (tr_check_args(ts, "unraisablehook", nargs, kwnames, 1, 1) < 0) return NULL;
    if (tr_type(args[0]) != &ua_type)
        return err_format(ts, &tr_exc_TypeError, "sys.unraisablehook argument type must be UnraisableHookArgs");
    UnraisableArgs *a = (UnraisableArgs *)args[0];
    TrObject *msg = a->field[UA_ERR_MSG], *obj = a->field[UA_OBJECT];
    err_print_unraisable(ts, a->field[UA_EXC_VALUE], str_check(msg) ? str_utf8(msg) : NULL,
                         obj == tr_none ? NULL : obj);
    return tr_newref(tr_none);
}

static TrObject *default_hook;   /* immortal: the builtin sys.__unraisablehook__ */

/* tr_unraisable_hook: calls sys.unraisablehook with an UnraisableHookArgs,
 * or reports directly when it is the default or missing.  When the hook
 * itself raises, reports that and the original exception as CPython does. */
static void unraisable_dispatch(TrThread *ts, TrObject *exc, const char *msg, TrObject *obj) {
    TrObject *hook = dict_get_cstr(ts, module_dict(tr_runtime.sys), "unraisablehook");
    if (!hook || hook == default_hook || hook == tr_none) {
        if (!hook) err_clear(ts);
        tr_xdecref(hook);
        err_print_unraisable(ts, exc, msg, obj);
        return;
    }
    UnraisableArgs *a = (UnraisableArgs *)tr_alloc(ts, &ua_type);
    TrObject *m = a && msg ? str_from_cstr(ts, msg) : NULL;
    if (!a || (msg && !m)) {
        err_clear(ts);
        tr_xdecref((TrObject *)a);
        tr_decref(hook);
        err_print_unraisable(ts, exc, msg, obj);
        return;
    }
    a->field[UA_EXC_TYPE] = tr_newref((TrObject *)tr_type(exc));
    a->field[UA_EXC_VALUE] = tr_newref(exc);
    a->field[UA_EXC_TB] = tr_newref(tr_none);
    a->field[UA_ERR_MSG] = m ? m : tr_newref(tr_none);
    a->field[UA_OBJECT] = tr_newref(obj ? obj : tr_none);
    TrObject *arg = (TrObject *)a;
    TrObject *r = tr_call(ts, hook, &arg, 1, NULL);
    tr_decref(arg);
    if (r) {
        tr_decref(r);
    } else {
        TrObject *hook_exc = err_fetch(ts);
        err_print_unraisable(ts, hook_exc, "Exception ignored in sys.unraisablehook", hook);
        tr_xdecref(hook_exc);
        err_print_unraisable(ts, exc, msg, obj);
    }
    tr_decref(hook);
}

/* sys.get_int_max_str_digits() / sys.set_int_max_str_digits(maxdigits) */
static TrObject *sys_get_int_max(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    (void)self; (void)args;
    if (tr_check_args(ts, "get_int_max_str_digits", nargs, kw, 0, 0) < 0) return NULL;
    return int_from_i64(ts, int_get_max_str_digits());
}

static TrObject *sys_set_int_max(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    (void)self;
    static const char *const names[] = {"maxdigits"};
    TrObject *v = NULL;
    if (args_parse(ts, "set_int_max_str_digits", args, nargs, kw, names, 1, 1, 0, 0, &v) < 0) return NULL;
    if (!int_check(v))
        return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer", tr_type_name(v));
    int64_t n = int_as_i64(ts, v);
    if (n == -1 && err_occurred(ts)) return NULL;
    if (n != 0 && (n < 640 || n > INT32_MAX))
        return err_format(ts, &tr_exc_ValueError, "maxdigits must be 0 or larger than 640");
    int_set_max_str_digits((int)n);
    return tr_newref(tr_none);
}

/* sys._getframe([depth]) */
static TrObject *sys_getframe(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kw) {
    (void)self;
    if (tr_check_args(ts, "_getframe", nargs, kw, 0, 1) < 0) return NULL;
    int64_t depth = 0;
    if (nargs) {
        if (!int_check(args[0]))
            return err_format(ts, &tr_exc_TypeError, "'%s' object cannot be interpreted as an integer",
                              tr_type_name(args[0]));
        depth = int_as_i64(ts, args[0]);
        if (depth == -1 && err_occurred(ts)) return NULL;
    }
    return builtins_getframe(ts, depth);
}

static TrObject *sys_getfilesystemencoding(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                           TrObject *kwnames) {
    (void)self; (void)args;
    if (tr_check_args(ts, "sys.getfilesystemencoding", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *r = str_intern_cstr(ts, "utf-8");
    return r ? tr_newref(r) : NULL;
}

static TrObject *sys_getfilesystemencodeerrors(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                               TrObject *kwnames) {
    (void)self; (void)args;
    if (tr_check_args(ts, "sys.getfilesystemencodeerrors", nargs, kwnames, 0, 0) < 0) return NULL;
    TrObject *r = str_intern_cstr(ts, "surrogateescape");
    return r ? tr_newref(r) : NULL;
}

static const TrMethodDef sys_functions[] = {
    {"getfilesystemencoding", sys_getfilesystemencoding},
    {"getfilesystemencodeerrors", sys_getfilesystemencodeerrors},
    {"exit", sys_exit},
    {"_getframe", sys_getframe},
    {"get_int_max_str_digits", sys_get_int_max},
    {"set_int_max_str_digits", sys_set_int_max},
    {"exception", sys_exception},
    {"exc_info", sys_exc_info},
    {"get_asyncgen_hooks", asyncgen_get_hooks},
    {"set_asyncgen_hooks", asyncgen_set_hooks},
    {"getrecursionlimit", sys_getrecursionlimit},
    {"setrecursionlimit", sys_setrecursionlimit},
    {"getswitchinterval", sys_getswitchinterval},
    {"setswitchinterval", sys_setswitchinterval},
    {"_is_gil_enabled", sys_is_gil_enabled},
    {"intern", sys_intern},
    {NULL, NULL},
};

TrObject *sys_module_init(TrThread *ts, int argc, char **argv) {
    TrObject *m = module_new(ts, "sys");
    if (!m) return NULL;
    if (module_add_functions(ts, m, sys_functions) < 0) goto fail;
    TrObject *d = module_dict(m);
    TrObject *wo = list_new(ts, 0);
    for (int k = 0; wo && k < tr_runtime.nwarnoptions; k++) {
        TrObject *w = str_from_cstr(ts, tr_runtime.warnoptions[k]);
        if (!w || list_append_take(ts, wo, w) < 0) TR_CLEAR(wo);
    }
    if (!wo || dict_set_cstr(ts, d, "warnoptions", wo) < 0) { tr_xdecref(wo); goto fail; }
    tr_decref(wo);
    TrObject *av = list_new(ts, 0);
    if (!av) goto fail;
    if (argc == 0) {
        if (list_append_take(ts, av, str_from_cstr(ts, "")) < 0) { tr_decref(av); goto fail; }
    }
    for (int i = 0; i < argc; i++) {
        if (list_append_take(ts, av, str_from_cstr(ts, argv[i])) < 0) { tr_decref(av); goto fail; }
    }
    if (set_take(ts, d, "argv", av) < 0) goto fail;
    if (set_take(ts, d, "version", str_from_cstr(ts, TR_GIL_ENABLED
            ? PY_VERSION_STR " (torii " TORII_VERSION_STR ", GIL build)"
            : PY_VERSION_STR " (torii " TORII_VERSION_STR ", free-threaded build)")) < 0) goto fail;
    if (set_take(ts, d, "version_info", version_info(ts, PY_MAJOR, PY_MINOR, PY_MICRO)) < 0) goto fail;
    if (set_take(ts, d, "hexversion", int_from_i64(ts, HEXVERSION(PY_MAJOR, PY_MINOR, PY_MICRO))) < 0) goto fail;
    if (set_take(ts, d, "implementation", sys_implementation(ts)) < 0) goto fail;
    /* 't' names the free-threaded ABI, as in CPython's --disable-gil build */
    if (set_take(ts, d, "abiflags", str_from_cstr(ts, TR_GIL_ENABLED ? "" : "t")) < 0) goto fail;
    if (set_take(ts, d, "platlibdir", str_from_cstr(ts, "lib")) < 0) goto fail;
    if (set_take(ts, d, "platform", str_from_cstr(ts, "linux")) < 0) goto fail;
    if (set_take(ts, d, "byteorder", str_from_cstr(ts, "little")) < 0) goto fail;
    {
        /* the running binary's absolute path, as CPython's (child processes
         * run it: subprocess with sys.executable) */
        char exe[PATH_MAX];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n < 0) n = 0;
        exe[n] = 0;
        if (set_take(ts, d, "executable", str_from_cstr(ts, exe)) < 0) goto fail;
        /* no virtual environments: the base prefixes are the prefixes */
        char prefix[PATH_MAX];
        install_prefix(exe, prefix);
        static const char *const prefix_names[] = {"prefix", "exec_prefix", "base_prefix", "base_exec_prefix"};
        for (int i = 0; i < 4; i++)
            if (set_take(ts, d, prefix_names[i], str_from_cstr(ts, prefix)) < 0) goto fail;
    }
    if (set_take(ts, d, "maxsize", int_from_i64(ts, INT64_MAX)) < 0) goto fail;
    if (set_take(ts, d, "path", list_new(ts, 0)) < 0) goto fail;
    if (set_take(ts, d, "flags", sys_flags(ts)) < 0) goto fail;
    if (dict_set_cstr(ts, d, "modules", tr_runtime.modules) < 0) goto fail;
    if (type_ready(ts, &ua_type) < 0 || dict_set_cstr(ts, d, "UnraisableHookArgs", (TrObject *)&ua_type) < 0)
        goto fail;
    default_hook = cfunction_new(ts, "unraisablehook", sys_unraisablehook, NULL);
    if (!default_hook) goto fail;
    tr_make_immortal(default_hook);
    if (dict_set_cstr(ts, d, "unraisablehook", default_hook) < 0 ||
        dict_set_cstr(ts, d, "__unraisablehook__", default_hook) < 0)
        goto fail;
    tr_unraisable_hook = unraisable_dispatch;
    TrObject *out = stdio_stream_new(ts, 1, "<stdout>");
    TrObject *err = stdio_stream_new(ts, 2, "<stderr>");
    TrObject *in = file_stdin(ts);   /* objects/file.c: borrowed, immortal */
    if (!out || !err || !in) goto fail;
    if (dict_set_cstr(ts, d, "stdin", in) < 0 || dict_set_cstr(ts, d, "__stdin__", in) < 0) goto fail;
    if (dict_set_cstr(ts, d, "stdout", out) < 0 || dict_set_cstr(ts, d, "stderr", err) < 0 ||
        dict_set_cstr(ts, d, "__stdout__", out) < 0 || dict_set_cstr(ts, d, "__stderr__", err) < 0)
        goto fail;
    return m;
fail:
    tr_decref(m);
    return NULL;
}
