/* core/arena.c: the bump allocator that holds an AST and everything it points at.
 * Memory comes in chunks of at least 64 KiB; a request larger than a chunk gets
 * a chunk of its own.  Every byte handed out is zeroed.  Nothing is freed
 * before arena_free, which releases all chunks at once.
 * Threads: an arena belongs to the one thread that parses and compiles with it. */
#include <stdlib.h>
#include <string.h>
#include "core/ast.h"

#define CHUNK_SIZE (64 * 1024)

typedef struct Chunk {
    struct Chunk *next;                 /* older chunk, or NULL */
    size_t size, used;                  /* bytes in `data`, bytes handed out */
    _Alignas(16) unsigned char data[];
} Chunk;

struct TrArena {
    Chunk *head;                        /* the chunk we bump in; owned, like all on its list */
};

TrArena *arena_new(void)
{
    return calloc(1, sizeof(TrArena));
}

static Chunk *new_chunk(TrArena *a, size_t need)
{
    size_t size = need > CHUNK_SIZE ? need : CHUNK_SIZE;
    Chunk *c = calloc(1, sizeof(Chunk) + size);
    if (!c)
        return NULL;
    c->size = size;
    c->next = a->head;
    a->head = c;
    return c;
}

void *arena_alloc(TrArena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    Chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        /* a big request gets its own chunk, behind the current one, so the
         * rest of the current chunk is not wasted */
        if (c && n > CHUNK_SIZE / 4) {
            Chunk *big = calloc(1, sizeof(Chunk) + n);
            if (!big)
                return NULL;
            big->size = big->used = n;
            big->next = c->next;
            c->next = big;
            return big->data;
        }
        c = new_chunk(a, n);
        if (!c)
            return NULL;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;                           /* zeroed: chunks come from calloc */
}

char *arena_strndup(TrArena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void arena_free(TrArena *a)
{
    if (!a)
        return;
    Chunk *c = a->head;
    while (c) {
        Chunk *next = c->next;
        free(c);
        c = next;
    }
    free(a);
}
