/* core/sites.c: what the contention report (threads/contention.c) needs from
 * the VM and the object layer, handed to it as hooks at start-up: the
 * calling thread's current Python site, a site as file:line and function,
 * and a short description of an object.
 *
 * The site is the innermost frame on `ts->frame` and its `instr` (handed
 * over as their offsets in TrFrame, read by threads/contention.c), the index
 * the VM saves (SAVE) before every instruction that may call out, block or
 * lock a container shared with other threads (calls, stores, imports), so it
 * names the instruction that is waiting; an instruction whose fast path does
 * not save it shows as the last one that did, nearly always on the same line.
 * Threads: the hooks read only the calling thread's own frames, immortal
 * code objects, and fields of the described object that are immutable or
 * read with an atomic load (container sizes).  None runs Python code, takes
 * a lock or touches a reference count: they run inside lock and
 * reference-count slow paths.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "torii/torii.h"
#include "core/frame.h"
#include "core/sites.h"
#include "torii/set.h"
#include "threads/contention.h"

/* The last path component of `path`. */
static const char *base_name(const char *path) {
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void resolve(const void *c, int instr, char *file, size_t nfile, int *line,
                    char *func, size_t nfunc) {
    const TrCode *co = c;
    snprintf(file, nfile, "%s", co->filename ? base_name(str_utf8(co->filename)) : "?");
    snprintf(func, nfunc, "%s", co->name ? str_utf8(co->name) : "?");
    int l = -1;
    /* An instruction the compiler added has no line: take the nearest one
     * before it that has. */
    for (int i = instr; co->positions && i >= 0 && (size_t)i < co->ninstrs; i--)
        if ((l = co->positions[i].lineno) > 0) break;
    *line = l > 0 ? l : co->firstlineno;
}

static void describe(TrObject *o, char *buf, size_t n) {
    TrType *t = tr_type(o);
    if (t == &tr_dict_type) snprintf(buf, n, "dict of %zu items", dict_size(o));
    else if (t == &tr_list_type) snprintf(buf, n, "list of %zu items", list_size(o));
    else if (t == &tr_set_type || t == &tr_frozenset_type) snprintf(buf, n, "%s of %zu items", t->name, set_size(o));
    else if (t == &tr_tuple_type) snprintf(buf, n, "tuple of %zu items", tuple_size(o));
    else if (t == &tr_str_type) snprintf(buf, n, "str of %zu chars", str_length(o));
    else if (t == &tr_function_type) {
        /* The code object (immutable, `__code__` is read-only) names it:
         * `__qualname__` may be rebound by another thread meanwhile. */
        const TrCode *co = (const TrCode *)((TrFunction *)o)->code;
        snprintf(buf, n, "function %s", co->qualname ? str_utf8(co->qualname) : "?");
    } else if (t == &tr_module_type) {
        TrObject *name = ((TrModule *)o)->name;
        snprintf(buf, n, "module %s", name ? str_utf8(name) : "?");
    } else if (tr_isinstance(o, &tr_type_type)) snprintf(buf, n, "class %s", ((TrType *)o)->name);
    else snprintf(buf, n, "%s object at %p", t->name, (void *)o);
}

void sites_install(void) {
    contention_hooks.frame_code = offsetof(TrFrame, code);
    contention_hooks.frame_instr = offsetof(TrFrame, instr);
    contention_hooks.resolve = resolve;
    contention_hooks.describe = describe;
}
