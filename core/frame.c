/* core/frame.c: the per-thread frame stack the VM cuts its frames from.
 *
 * Frames are pushed and popped in LIFO order (Python-to-Python calls, module
 * and class bodies, C-to-Python calls), so each thread keeps a chain of large
 * chunks and cuts frames from the top one: no malloc per call.  When a frame
 * does not fit, frame_chunk_grow starts a new chunk (reusing the one spare
 * chunk kept to avoid malloc/free thrash at a chunk boundary); when the last
 * frame of a chunk is released the chunk becomes the spare.  The total size
 * is capped (FRAME_STACK_MAX): Python-to-Python calls do not recurse in C, so
 * this, not the C stack, stops runaway recursion with RecursionError.
 * Generator frames are not on this stack: they live inside the generator
 * object (objects/gen.c).
 *
 * Threads: `frame_tls` is thread-local and touched only by its owner.  The
 * one cross-thread reader is vm_visit_stack_refs, which walks another
 * thread's frame chain (`ts->frame`) only while that thread is stopped
 * (threads/stw.c) and never touches the chunks.
 * Lock order: no locks. */
#include <stdlib.h>
#include <string.h>

#include "torii/torii.h"
#include "core/frame.h"
#include "core/vm.h"

#define CHUNK_BYTES (256 * 1024)
/* Python-to-Python calls do not recurse in C, so a huge recursion limit would
 * only stop at memory exhaustion: past this many bytes of frames a thread gets
 * RecursionError instead. */
#define FRAME_STACK_MAX ((size_t)256 << 20)

__thread TrFrameStack frame_tls __attribute__((tls_model("local-exec")));

/* Cuts `n` bytes for a new frame from a fresh chunk (the current one is
 * full).  NULL with RecursionError or MemoryError set. */
__attribute__((noinline)) void *frame_chunk_grow(TrThread *ts, size_t n) {
    FrameChunk *c = frame_tls.chunk, *nc = frame_tls.spare;
    if (frame_tls.bytes + (n > CHUNK_BYTES ? n : CHUNK_BYTES) > FRAME_STACK_MAX) {
        err_set(ts, &tr_exc_RecursionError, "maximum recursion depth exceeded");
        return NULL;
    }
    if (nc && nc->cap >= n) {
        frame_tls.spare = NULL;
    } else {
        size_t cap = n > CHUNK_BYTES ? n : CHUNK_BYTES;
        nc = malloc(sizeof(FrameChunk) + cap);
        if (!nc) { err_nomemory(ts); return NULL; }
        nc->cap = cap;
    }
    nc->top = n;
    nc->prev = c;
    frame_tls.bytes += nc->cap;
    frame_tls.chunk = nc;
    return nc->data;
}

/* A frame for `co` with locals, cells and frees zeroed; NULL + MemoryError. */
TrFrame *frame_alloc(TrThread *ts, TrCode *co) {
    TrFrame *f = frame_alloc_raw(ts, co);
    if (f) memset(f->localsplus, 0, sizeof(TrStackRef) * (size_t)(co->nlocals + co->ncells + co->nfrees));
    return f;
}

__attribute__((noinline)) void frame_chunk_pop(FrameChunk *c) {
    frame_tls.chunk = c->prev;
    frame_tls.bytes -= c->cap;
    free(frame_tls.spare);
    frame_tls.spare = c;
}

void vm_thread_fini(TrThread *ts) {
    float_thread_fini();
    while (frame_tls.chunk) {
        FrameChunk *p = frame_tls.chunk->prev;
        free(frame_tls.chunk);
        frame_tls.chunk = p;
    }
    free(frame_tls.spare);
    frame_tls.spare = NULL;
    frame_tls.bytes = 0;
}

/* Conservative on purpose: every frame on the chain (running generator frames
 * included) is scanned over its whole value-stack capacity, not just up to the
 * saved `sp`, and counted refs are reported too.  An instruction that popped
 * an operand into a C variable and then called out (BINARY_OP, STORE_ATTR...)
 * still has its word in the slot above `sp`, since nothing is pushed there
 * until the call returns.  `visit` must not dereference what it gets: a slot
 * above `sp` may hold a stale or never-written word. */
void vm_visit_stack_refs(TrThread *ts, void (*visit)(TrObject *o, void *arg), void *arg) {
    for (TrFrame *f = ts->frame; f; f = f->back) {
        TrCode *co = f->code;
        TrStackRef *p = f->localsplus, *end = frame_stack_base(f) + co->stacksize + 1;
        for (; p < end; p++)
            if (p->bits != 0 && !(p->bits & 1)) visit(sr_obj(*p), arg);
        if (f->func) visit(f->func, arg);
        if (f->globals) visit(f->globals, arg);
        if (f->builtins) visit(f->builtins, arg);
        if (f->locals) visit(f->locals, arg);
    }
}
