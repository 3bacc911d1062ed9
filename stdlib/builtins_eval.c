/* stdlib/builtins_eval.c: the builtins that reach into the compiler and the
 * running frame: exec, eval, compile, globals, locals, dir, exit and quit.
 *
 * exec/eval/compile parse with parse_source and compile with compile_source
 * (core/compile.h) in by-name mode, so module-level names of the executed
 * code go through the locals mapping as in CPython; the code object then
 * runs with vm_run_code in the given (or the caller's) globals and locals.
 * A syntax error becomes a SyntaxError instance carrying CPython's
 * (filename, lineno, offset, text, end_lineno, end_offset).
 *
 * locals() inside a function is a snapshot: a new dict of the frame's fast
 * locals, cells and free variables (core/frame.h is read, never written).
 * Threads: a frame belongs to its thread, so reading the caller's frame
 * needs no lock; the dicts are locked by their own operations. */
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "torii/class.h"
#include "torii/set.h"
#include "stdlib/stdlib.h"
#include "core/ast.h"
#include "core/compile.h"
#include "core/frame.h"
#include "core/vm.h"
#include "torii/frameobj.h"

/* ---- the caller's frame -------------------------------------------------- */

/* globals of the running Python frame (borrowed), or the builtins' own. */
static TrObject *cur_globals(TrThread *ts) {
    return ts->frame ? ts->frame->globals : module_dict(tr_runtime.sys);
}

/* locals(): the namespace of a module or class body itself, else a new dict
 * of the function frame's variables.  New reference. */
static TrObject *frame_locals(TrThread *ts, TrFrame *f) {
    if (!f) return tr_newref(cur_globals(ts));
    if (f->locals) return tr_newref(f->locals);
    TrCode *co = f->code;
    TrObject *d = dict_new(ts);
    if (!d) return NULL;
    for (int i = 0; i < co->nlocals; i++) {
        if (sr_is_null(f->localsplus[i])) continue;
        if (dict_set(ts, d, tuple_get(co->varnames, (size_t)i), sr_obj(f->localsplus[i])) < 0) goto fail;
    }
    TrStackRef *cells = frame_cells(f);
    for (int i = 0; i < co->ncells + co->nfrees; i++) {
        if (sr_is_null(cells[i])) continue;
        TrObject *name = i < co->ncells ? tuple_get(co->cellvars, (size_t)i)
                                        : tuple_get(co->freevars, (size_t)(i - co->ncells));
        TrObject *v = cell_get(ts, sr_obj(cells[i]));
        if (!v) continue;
        int r = dict_set(ts, d, name, v);
        tr_decref(v);
        if (r < 0) goto fail;
    }
    return d;
fail:
    tr_decref(d);
    return NULL;
}

static TrObject *cur_locals(TrThread *ts) { return frame_locals(ts, ts->frame); }

TrObject *builtins_locals(TrThread *ts) { return cur_locals(ts); }

TrObject *builtins_getframe(TrThread *ts, int64_t depth) {
    TrFrame *f = ts->frame;
    for (int64_t i = 0; i < depth && f; i++) f = f->back;
    if (!f || depth < 0) return err_format(ts, &tr_exc_ValueError, "call stack is not deep enough");
    /* snapshots from the outermost frame inwards, each linked to its caller's */
    size_t n = 0;
    for (TrFrame *g = f; g; g = g->back) n++;
    TrFrame **chain = malloc(n * sizeof *chain);
    if (!chain) return err_nomemory(ts);
    n = 0;
    for (TrFrame *g = f; g; g = g->back) chain[n++] = g;
    TrObject *back = NULL;
    for (size_t i = n; i-- > 0;) {
        TrFrame *g = chain[i];
        int instr = g->instr >= 0 ? g->instr : 0;
        int line = (size_t)instr < g->code->ninstrs ? g->code->positions[instr].lineno : g->code->firstlineno;
        TrObject *loc = frame_locals(ts, g);
        TrObject *fo = loc ? frameobj_new(ts, g->code, line, instr * 2, g->globals, g->builtins, loc, back) : NULL;
        tr_xdecref(loc);
        tr_xdecref(back);
        back = fo;
        if (!fo) break;
    }
    free(chain);
    return back;
}

static TrObject *builtin_globals(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                 TrObject *kwnames) {
    if (nargs || kwnames)
        return err_format(ts, &tr_exc_TypeError, "globals() takes no arguments (%zu given)",
                          nargs + (kwnames ? tuple_size(kwnames) : 0));
    return tr_newref(cur_globals(ts));
}

static TrObject *builtin_locals(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                TrObject *kwnames) {
    if (nargs || kwnames)
        return err_format(ts, &tr_exc_TypeError, "locals() takes no arguments (%zu given)",
                          nargs + (kwnames ? tuple_size(kwnames) : 0));
    return cur_locals(ts);
}

/* ---- compiling ------------------------------------------------------------ */

/* Characters in the first `nbytes` bytes of UTF-8 `s`. */
static long nchars(const char *s, long nbytes) {
    long n = 0;
    for (long i = 0; i < nbytes && s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) n++;
    return n;
}

/* Raises the SyntaxError (or IndentationError) `e` found in `src`; frees
 * e->text.  Returns NULL. */
static TrObject *raise_syntax(TrThread *ts, TrSyntaxError *e, const char *src, size_t len, const char *filename,
                              int mode) {
    if (e->type && strcmp(e->type, "MemoryError") == 0) {
        /* the parser's "Parser stack overflowed - ...": a plain MemoryError */
        free(e->text);
        e->text = NULL;
        err_set(ts, &tr_exc_MemoryError, e->msg);
        return NULL;
    }
    int past_end = 0;   /* eval mode: the error lies past the end of an unterminated last line */
    if (mode == TR_PARSE_EVAL && e->text) {
        /* CPython's eval-mode text is the line as written: no newline added */
        free(e->text);
        e->text = NULL;
    }
    if (!e->text && e->lineno >= 1) {
        const char *p = src, *end = src + len;
        for (int l = 1; l < e->lineno && p < end; l++) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            p = nl ? nl + 1 : end;
        }
        if (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
            e->text = malloc(n + 1);
            if (e->text) { memcpy(e->text, p, n); e->text[n] = '\0'; }
            if (mode == TR_PARSE_EVAL && !nl && e->col >= (int)n) past_end = 1;
        }
    }
    TrType *cls = e->type && strcmp(e->type, "SyntaxError") != 0 ? &tr_exc_IndentationError : &tr_exc_SyntaxError;
    TrObject *msg = str_from_cstr(ts, e->msg);
    TrObject *fn = str_from_cstr(ts, filename);
    TrObject *text = e->text ? str_from_cstr(ts, e->text) : tr_newref(tr_none);
    TrObject *info = NULL, *exc = NULL;
    if (msg && fn && text) {
        long tlen = e->text ? (long)strlen(e->text) : 0, rlen = tlen;
        while (rlen > 0 && e->text[rlen - 1] == '\n') rlen--;
        TrObject *off, *eoff;
        if (e->col < 0 || !e->text) {
            off = tr_newref(tr_none);
            eoff = tr_newref(tr_none);
        } else if (past_end) {
            off = int_from_i64(ts, 0);
            eoff = int_from_i64(ts, 0);
        } else {
            long o = e->col > rlen ? e->col - rlen + nchars(e->text, rlen) + 1 : nchars(e->text, e->col) + 1;
            long eo = e->end_col < 0 ? 0
                    : e->end_col > rlen ? e->end_col - rlen + nchars(e->text, rlen) + 1
                                        : nchars(e->text, e->end_col) + 1;
            off = int_from_i64(ts, o);
            eoff = int_from_i64(ts, eo);
        }
        TrObject *parts[6] = {fn, int_from_i64(ts, e->lineno), off, text,
                              int_from_i64(ts, e->end_lineno > 0 ? e->end_lineno : e->lineno), eoff};
        info = tuple_from_array(ts, parts, 6);
        tr_decref(parts[1]);
        tr_decref(parts[4]);
        tr_decref(off);
        tr_decref(eoff);
        if (info) {
            TrObject *a[2] = {msg, info};
            exc = exc_new(ts, cls, a, 2);
        }
    }
    tr_xdecref(msg);
    tr_xdecref(fn);
    tr_xdecref(text);
    tr_xdecref(info);
    free(e->text);
    e->text = NULL;
    if (exc) err_raise(ts, exc);
    return NULL;
}

/* "single" mode's printer: prints repr(value) unless None, and keeps it as
 * builtins._ (as sys.displayhook). */
static TrObject *displayhook(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (tr_check_args(ts, "displayhook", nargs, kwnames, 1, 1) < 0) return NULL;
    if (args[0] == tr_none) return tr_none;
    if (dict_set_cstr(ts, tr_runtime.builtins_dict, "_", tr_none) < 0) return NULL;
    TrObject *r = tr_repr(ts, args[0]);
    if (!r) return NULL;
    /* to sys.stdout, which doctest and the like replace */
    TrObject *out = dict_get_cstr(ts, module_dict(tr_runtime.sys), "stdout");
    int rc = -1;
    if (!out) {
        if (!err_occurred(ts)) err_set(ts, &tr_exc_RuntimeError, "lost sys.stdout");
    } else if (tr_type(out) == &tr_textio_type) {
        rc = tr_write_stdout(ts, str_utf8(r), str_nbytes(r));
        if (rc == 0) rc = tr_write_stdout(ts, "\n", 1);
    } else {
        TrObject *nl = str_from_cstr(ts, "\n");
        TrObject *line = nl ? str_concat(ts, r, nl) : NULL;
        tr_xdecref(nl);
        TrObject *write = line ? tr_getattr_cstr(ts, out, "write") : NULL;
        TrObject *done = write ? tr_call(ts, write, &line, 1, NULL) : NULL;
        rc = done ? 0 : -1;
        tr_xdecref(done);
        tr_xdecref(write);
        tr_xdecref(line);
    }
    tr_xdecref(out);
    tr_decref(r);
    if (rc < 0) return NULL;
    if (dict_set_cstr(ts, tr_runtime.builtins_dict, "_", args[0]) < 0) return NULL;
    return tr_none;
}

static TrObject *printer;   /* immortal cfunction; made once at start-up */

/* Compiles `src` (len bytes of UTF-8) in `mode` (TR_PARSE_*).  New code
 * object, or NULL with SyntaxError or MemoryError set. */
static TrObject *compile_text(TrThread *ts, const char *src, size_t len, const char *filename, int mode) {
    TrArena *arena = arena_new();
    if (!arena) return err_nomemory(ts);
    TrSyntaxError err;
    memset(&err, 0, sizeof err);
    TrAstModule *mod = parse_source(arena, src, len, filename, mode, &err);
    TrObject *code = NULL;
    if (mod) {
        int cmode = mode == TR_PARSE_EVAL ? TR_COMPILE_EVAL : mode == TR_PARSE_SINGLE ? TR_COMPILE_SINGLE
                                                                                        : TR_COMPILE_EXEC;
        code = compile_source(ts, mod, filename, cmode, printer, &err);
    }
    arena_free(arena);
    if (!code) {
        if (err.msg[0]) return raise_syntax(ts, &err, src, len, filename, mode);
        free(err.text);
        if (!err_occurred(ts)) err_nomemory(ts);
        return NULL;
    }
    return code;
}

/* The text of a source argument: a str or bytes (UTF-8).  Borrowed pointer
 * into `o`; 0, or -1 when `o` is neither (no exception set). */
static int source_text(TrObject *o, const char **s, size_t *n) {
    if (str_check(o)) { *s = str_utf8(o); *n = str_nbytes(o); return 0; }
    return -1;
}

/* The code for exec/eval's first argument: a code object as is, a string
 * compiled as "<string>".  New reference or NULL. */
static TrObject *code_arg(TrThread *ts, const char *fname, TrObject *src, int mode) {
    if (!tr_is_imm(src) && tr_type(src) == &tr_code_type) return tr_newref(src);
    const char *s;
    size_t n;
    if (source_text(src, &s, &n) < 0)
        return err_format(ts, &tr_exc_TypeError, "%s() arg 1 must be a string, bytes or code object", fname);
    if (memchr(s, '\0', n))
        return err_format(ts, &tr_exc_SyntaxError, "source code string cannot contain null bytes");
    if (mode == TR_PARSE_EVAL)
        while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
    return compile_text(ts, s, n, "<string>", mode);
}

/* exec/eval: resolves the namespaces, compiles and runs. */
static TrObject *run(TrThread *ts, const char *fname, TrObject *const *args, size_t nargs, TrObject *kwnames,
                     int mode) {
    static const char *const names[] = {"source", "globals", "locals", "closure"};
    TrObject *a[4] = {NULL, NULL, NULL, NULL};
    size_t nkw = kwnames ? tuple_size(kwnames) : 0;
    if (nargs > 3)
        return err_format(ts, &tr_exc_TypeError, "%s expected at most 3 arguments, got %zu", fname, nargs);
    for (size_t i = 0; i < nargs; i++) a[i] = args[i];
    for (size_t k = 0; k < nkw; k++) {
        TrObject *key = tuple_get(kwnames, k);
        size_t i = 1;
        for (; i < 4; i++)
            if (str_equal_cstr(key, names[i])) break;
        if (i == 4 || (i == 3 && mode == TR_PARSE_EVAL))
            return err_format(ts, &tr_exc_TypeError, "%s() got an unexpected keyword argument '%S'", fname, key);
        if (i < nargs)
            return err_format(ts, &tr_exc_TypeError, "argument for %s() given by name ('%s') and position (%zu)",
                              fname, names[i], i + 1);
        a[i] = args[nargs + k];
    }
    if (!a[0])
        return err_format(ts, &tr_exc_TypeError, "%s() takes at least 1 positional argument (0 given)", fname);
    TrObject *g = a[1] == tr_none ? NULL : a[1], *l = a[2] == tr_none ? NULL : a[2];
    if (g && !dict_check(g)) {
        if (mode == TR_PARSE_EVAL)
            return err_format(ts, &tr_exc_TypeError, l ? "globals must be a real dict; try eval(expr, {}, mapping)"
                                                       : "globals must be a dict");
        return err_format(ts, &tr_exc_TypeError, "exec() globals must be a dict, not %T", g);
    }
    if (l && !tr_type(l)->getitem) {
        if (mode == TR_PARSE_EVAL) return err_format(ts, &tr_exc_TypeError, "locals must be a mapping");
        return err_format(ts, &tr_exc_TypeError, "locals must be a mapping or None, not %T", l);
    }
    if (a[3] && a[3] != tr_none)
        return err_format(ts, &tr_exc_TypeError, "torii: exec() closure is not supported yet");
    TrObject *gl, *lo;
    if (!g) {
        gl = tr_newref(cur_globals(ts));
        lo = l ? tr_newref(l) : cur_locals(ts);
        if (!lo) { tr_decref(gl); return NULL; }
    } else {
        gl = tr_newref(g);
        lo = tr_newref(l ? l : g);
    }
    TrObject *res = NULL;
    TrObject *bkey = str_intern_cstr(ts, "__builtins__");
    int has = bkey ? dict_contains(ts, gl, bkey) : -1;
    if (has < 0 || (has == 0 && dict_set_cstr(ts, gl, "__builtins__", tr_runtime.builtins_dict) < 0)) goto done;
    TrObject *code = code_arg(ts, fname, a[0], mode);
    if (!code) goto done;
    res = vm_run_code(ts, code, gl, lo);
    tr_decref(code);
    if (res && mode != TR_PARSE_EVAL) { tr_decref(res); res = tr_newref(tr_none); }
done:
    tr_decref(gl);
    tr_decref(lo);
    return res;
}

/* __import__(name, globals=None, locals=None, fromlist=(), level=0): the
 * module for `name` (relative to `globals`' package when level > 0); without
 * a fromlist, the top-level package of a dotted name, as the import
 * statement binds it; with one, the module itself, after importing the
 * fromlist's submodules of a package.  New reference. */
static TrObject *builtin_import(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"name", "globals", "locals", "fromlist", "level"};
    TrObject *a[5];
    if (args_parse_clinic(ts, "__import__", args, nargs, kwnames, names, 5, 1, 0, a) < 0) return NULL;
    TrObject *name = a[0], *globals = a[1] == tr_none ? NULL : a[1], *fromlist = a[3];
    int64_t level = 0;
    if (a[4]) {
        if (!int_check(a[4]))
            return err_format(ts, &tr_exc_TypeError, "'%T' object cannot be interpreted as an integer", a[4]);
        level = int_as_i64(ts, a[4]);
        if (level == -1 && err_occurred(ts)) return NULL;
    }
    if (!str_check(name)) return err_format(ts, &tr_exc_TypeError, "module name must be a string");
    if (level < 0) return err_format(ts, &tr_exc_ValueError, "level must be >= 0");
    if (level > 0 && (!globals || !dict_check(globals)))
        return err_format(ts, &tr_exc_TypeError, "globals must be a dict");
    if (level == 0 && str_nbytes(name) == 0) return err_format(ts, &tr_exc_ValueError, "Empty module name");
    TrObject *absname;
    if (level > 0) {
        TrStrBuf b;
        strbuf_init(&b);
        for (int64_t i = 0; i < level; i++) strbuf_addc(&b, '.');
        strbuf_addstr(&b, name);
        TrObject *rel = strbuf_finish(ts, &b);
        absname = rel ? vm_import_resolve(ts, globals, rel) : NULL;
        tr_xdecref(rel);
    } else {
        absname = tr_newref(name);
    }
    if (!absname) return NULL;
    int has_from = fromlist && fromlist != tr_none ? tr_is_true(ts, fromlist) : 0;
    if (has_from < 0) { tr_decref(absname); return NULL; }
    TrObject *m = runtime_import(ts, absname);
    if (m && has_from) {
        /* a package's fromlist names its submodules: import those not there */
        TrObject *path = dict_get_cstr(ts, module_dict(m), "__path__");
        TrObject *it = path ? tr_iter(ts, fromlist) : NULL;
        tr_xdecref(path);
        for (TrObject *x; it && (x = tr_next(ts, it));) {
            TrObject *have = str_check(x) && strcmp(str_utf8(x), "*") != 0 ? tr_getattr(ts, m, x) : tr_newref(x);
            if (!have && err_matches(ts, &tr_exc_AttributeError)) err_clear(ts);
            else if (!have) { tr_decref(x); break; }
            if (!have) {
                TrObject *full = str_format(ts, "%S.%S", absname, x);
                TrObject *sub = full ? runtime_import(ts, full) : NULL;
                tr_xdecref(full);
                if (sub) tr_decref(sub);
                else if (err_matches(ts, &tr_exc_ModuleNotFoundError)) err_clear(ts);   /* left to the caller's getattr */
            } else {
                tr_decref(have);
            }
            tr_decref(x);
            if (err_occurred(ts)) break;
        }
        tr_xdecref(it);
        if (err_occurred(ts)) TR_CLEAR(m);
    } else if (m && level == 0) {
        /* `import a.b.c` binds `a` */
        const char *s = str_utf8(absname), *dot = strchr(s, '.');
        if (dot) {
            TrObject *top = str_from_utf8(ts, s, (size_t)(dot - s));
            TrObject *t = top ? runtime_import(ts, top) : NULL;
            tr_xdecref(top);
            tr_decref(m);
            m = t;
        }
    }
    tr_decref(absname);
    return m;
}

static TrObject *builtin_exec(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return run(ts, "exec", args, nargs, kwnames, TR_PARSE_EXEC);
}

static TrObject *builtin_eval(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    return run(ts, "eval", args, nargs, kwnames, TR_PARSE_EVAL);
}

/* compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1) */
static TrObject *builtin_compile(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs,
                                 TrObject *kwnames) {
    static const char *const names[] = {"source", "filename", "mode", "flags", "dont_inherit", "optimize",
                                        "_feature_version", NULL};
    TrObject *a[7] = {NULL};
    if (nargs > 6)
        return err_format(ts, &tr_exc_TypeError, "compile() takes at most 6 positional arguments (%zu given)", nargs);
    if (args_parse(ts, "compile", args, nargs, kwnames, names, 6, 0, 1, 0, a) < 0) return NULL;
    for (int i = 0; i < 3; i++)
        if (!a[i])
            return err_format(ts, &tr_exc_TypeError, "compile() missing required argument '%s' (pos %d)", names[i],
                              i + 1);
    const char *s;
    size_t n;
    if (!str_check(a[1]))
        return err_format(ts, &tr_exc_TypeError, "expected str, bytes or os.PathLike object, not %T", a[1]);
    if (!str_check(a[2]))
        return err_format(ts, &tr_exc_TypeError, "compile() argument 'mode' must be str, not %T", a[2]);
    int mode;
    if (str_equal_cstr(a[2], "exec")) mode = TR_PARSE_EXEC;
    else if (str_equal_cstr(a[2], "eval")) mode = TR_PARSE_EVAL;
    else if (str_equal_cstr(a[2], "single")) mode = TR_PARSE_SINGLE;
    else return err_format(ts, &tr_exc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
    if (source_text(a[0], &s, &n) < 0)
        return err_format(ts, &tr_exc_TypeError, "compile() arg 1 must be a string, bytes or AST object");
    if (memchr(s, '\0', n))
        return err_format(ts, &tr_exc_SyntaxError, "source code string cannot contain null bytes");
    return compile_text(ts, s, n, str_utf8(a[1]), mode);
}

/* ---- dir ------------------------------------------------------------------ */

/* What CPython's dir() lists for `object` itself. */
static const char *const object_names[] = {
    "__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__",
    "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__",
    "__le__", "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__",
    "__setattr__", "__sizeof__", "__str__", "__subclasshook__", NULL,
};

static int add_cstr(TrThread *ts, TrObject *set, const char *s) {
    TrObject *k = str_from_cstr(ts, s);
    if (!k) return -1;
    int r = set_add(ts, set, k);
    tr_decref(k);
    return r;
}

/* Adds the keys of dict `d` to `set`; a class's bookkeeping entries, which
 * CPython keeps out of its dict, are skipped. */
static int add_keys(TrThread *ts, TrObject *set, TrObject *d, int is_class) {
    TrObject *keys = dict_keys_list(ts, d);
    if (!keys) return -1;
    int rc = 0;
    for (size_t i = 0; i < list_size(keys) && rc == 0; i++) {
        TrObject *k = list_get(ts, keys, (ssize_t)i);
        if (!k) { rc = -1; break; }
        if (!(is_class && str_check(k) &&
              (str_equal_cstr(k, "__qualname__") || str_equal_cstr(k, "__classcell__"))))
            rc = set_add(ts, set, k);
        tr_decref(k);
    }
    tr_decref(keys);
    return rc;
}

/* The attribute names of type `t` and its bases into `set`. */
static int add_type_names(TrThread *ts, TrObject *set, TrType *t) {
    size_t n;
    TrType *const *mro = class_mro(t, &n);
    TrType *single[64];
    if (!mro) {
        n = 0;
        for (TrType *b = t; b && n < 64; b = b->base) single[n++] = b;
        mro = single;
    }
    for (size_t i = 0; i < n; i++) {
        TrType *b = mro[i];
        if (b == &tr_object_type) {
            for (const char *const *p = object_names; *p; p++)
                if (add_cstr(ts, set, *p) < 0) return -1;
            continue;
        }
        if (b->flags & TR_TPFLAG_HEAPTYPE) {
            if (add_cstr(ts, set, "__static_attributes__") < 0) return -1;
            if (b->dictoffset && (!b->base || b->base->dictoffset != b->dictoffset) &&
                (add_cstr(ts, set, "__dict__") < 0 || add_cstr(ts, set, "__weakref__") < 0))
                return -1;
        } else if (add_cstr(ts, set, "__doc__") < 0) {
            return -1;
        }
        if (b->dict && add_keys(ts, set, b->dict, (b->flags & TR_TPFLAG_HEAPTYPE) != 0) < 0) return -1;
    }
    return 0;
}

/* A sorted list of the names in `o` (a list, a set or a dict's keys); steals `o`. */
static TrObject *sorted_take(TrThread *ts, TrObject *o) {
    if (!o) return NULL;
    TrObject *l = tr_call(ts, (TrObject *)&tr_list_type, &o, 1, NULL);
    tr_decref(o);
    if (l && list_sort(ts, l, NULL, 0) < 0) TR_CLEAR(l);
    return l;
}

static TrObject *builtin_dir(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    if (kwnames && tuple_size(kwnames))
        return err_format(ts, &tr_exc_TypeError, "dir() takes no keyword arguments");
    if (nargs > 1) return err_format(ts, &tr_exc_TypeError, "dir expected at most 1 argument, got %zu", nargs);
    if (nargs == 0) {
        TrObject *l = cur_locals(ts);
        if (!l) return NULL;
        TrObject *keys = dict_check(l) ? dict_keys_list(ts, l) : tr_call(ts, (TrObject *)&tr_list_type, &l, 1, NULL);
        tr_decref(l);
        return sorted_take(ts, keys);
    }
    TrObject *o = args[0];
    TrType *t = tr_type(o);
    size_t nmro;
    TrType *const *mro = class_mro(t, &nmro);
    for (size_t i = 0; i < nmro; i++) {
        /* a class's own __dir__ */
        if (!(mro[i]->flags & TR_TPFLAG_HEAPTYPE) || !mro[i]->dict) continue;
        TrObject *f = dict_get_cstr(ts, mro[i]->dict, "__dir__");
        if (!f) {
            if (err_occurred(ts)) return NULL;
            continue;
        }
        TrObject *r;
        if (tr_type(f) == &tr_function_type) {
            r = tr_call(ts, f, &o, 1, NULL);
        } else {
            TrObject *bound = tr_type(f)->descr_get ? tr_type(f)->descr_get(ts, f, o, t) : tr_newref(f);
            r = bound ? tr_call(ts, bound, NULL, 0, NULL) : NULL;
            tr_xdecref(bound);
        }
        tr_decref(f);
        return sorted_take(ts, r);
    }
    if (t == &tr_module_type) {
        TrObject *d = module_dict(o);
        return sorted_take(ts, dict_keys_list(ts, d));
    }
    TrObject *set = set_new(ts);
    if (!set) return NULL;
    if (tr_isinstance(o, &tr_type_type)) {
        if (add_type_names(ts, set, (TrType *)o) < 0) goto fail;
    } else {
        if (t->dictoffset) {
            /* through the attribute: an instance keeping its attributes
             * inline (objects/inline_attrs.h) makes its dict now */
            TrObject *d = tr_getattr_cstr(ts, o, "__dict__");
            if (!d) {
                if (!err_matches(ts, &tr_exc_AttributeError)) goto fail;
                err_clear(ts);
            }
            int rc = d && dict_check(d) ? add_keys(ts, set, d, 0) : 0;
            tr_xdecref(d);
            if (rc < 0) goto fail;
        }
        if (add_type_names(ts, set, t) < 0) goto fail;
    }
    return sorted_take(ts, set);
fail:
    tr_decref(set);
    return NULL;
}

/* ---- exit / quit ------------------------------------------------------------ */

/* CPython's site.Quitter: calling it raises SystemExit(code); its repr is a hint. */
typedef struct Quitter { TrObject ob_base; const char *name; } Quitter;

static TrObject *quitter_repr(TrThread *ts, TrObject *o) {
    return str_format(ts, "Use %s() or Ctrl-D (i.e. EOF) to exit", ((Quitter *)o)->name);
}

static TrObject *quitter_call(TrThread *ts, TrObject *o, TrObject *const *args, size_t nargs, TrObject *kwnames) {
    static const char *const names[] = {"code", NULL};
    TrObject *a[1] = {NULL};
    if (args_parse(ts, "Quitter.__call__", args, nargs, kwnames, names, 1, 0, 0, 1, a) < 0) return NULL;
    err_set_value(ts, &tr_exc_SystemExit, a[0] ? a[0] : tr_none);
    return NULL;
}

static TrType quitter_type = {
    .ob_base = TR_STATIC_TYPE_HEADER,
    .name = "Quitter",
    .basicsize = sizeof(Quitter),
    .base = &tr_object_type,
    .repr = quitter_repr,
    .call = quitter_call,
};

static int add_quitter(TrThread *ts, TrObject *d, const char *name) {
    Quitter *q = (Quitter *)tr_alloc(ts, &quitter_type);
    if (!q) return -1;
    q->name = name;
    tr_make_immortal((TrObject *)q);
    int r = dict_set_cstr(ts, d, name, (TrObject *)q);
    tr_decref((TrObject *)q);
    return r;
}

static const TrMethodDef eval_functions[] = {
    {"exec", builtin_exec},
    {"__import__", builtin_import},
    {"eval", builtin_eval},
    {"compile", builtin_compile},
    {"globals", builtin_globals},
    {"locals", builtin_locals},
    {"dir", builtin_dir},
    {NULL, NULL},
};

int builtins_eval_init(TrThread *ts, TrObject *d) {
    if (!printer) {
        printer = cfunction_new(ts, "displayhook", displayhook, NULL);
        if (!printer) return -1;
        tr_make_immortal(printer);
    }
    for (const TrMethodDef *m = eval_functions; m->name; m++) {
        TrObject *f = cfunction_new(ts, m->name, m->fn, NULL);
        if (!f) return -1;
        tr_make_immortal(f);
        int r = dict_set_cstr(ts, d, m->name, f);
        tr_decref(f);
        if (r < 0) return -1;
    }
    if (type_ready(ts, &quitter_type) < 0) return -1;
    return add_quitter(ts, d, "exit") < 0 || add_quitter(ts, d, "quit") < 0 ? -1 : 0;
}
