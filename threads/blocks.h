/* threads/blocks.h: the per-thread cache of small object blocks.
 *
 * jemalloc's calloc and free cost some 150 instructions a pair, and most
 * Python objects are small and short-lived.  Each thread keeps, for each
 * size class (BLOCKS_STEP bytes apart, up to BLOCKS_MAX_BYTES), up to
 * BLOCKS_PER_CLASS freed blocks chained through their first word, and hands
 * them out again zeroed, as calloc would.  A block freed by another thread
 * than the one that allocated it goes to the freeing thread's cache: memory
 * is memory.  The class of a block is the caller's to remember (objects
 * keep it in `ob_flags`: TR_FLAG_BLOCK_SHIFT); class 0 means "not cached"
 * and is always passed to free(), so any malloc'd block may be freed with
 * class 0.  A class-k block is at least k * BLOCKS_STEP bytes: it came from
 * calloc of a size in that class, and jemalloc rounds up, never down.
 *
 * Threads: the cache is thread-local (owner only); blocks_thread_fini
 * empties it when the thread exits.  Under the sanitizers (no jemalloc:
 * TR_USE_JEMALLOC unset) there is no cache, so that their allocators see
 * every allocation and free. */
#ifndef TORII_THREADS_BLOCKS_H
#define TORII_THREADS_BLOCKS_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define BLOCKS_STEP 16
#define BLOCKS_CLASSES 32                          /* classes 1..32 */
#define BLOCKS_MAX_BYTES (BLOCKS_STEP * BLOCKS_CLASSES)
#define BLOCKS_PER_CLASS 1024

typedef struct BlocksCache {
    void *head[BLOCKS_CLASSES + 1];
    unsigned short n[BLOCKS_CLASSES + 1];
} BlocksCache;
extern __thread BlocksCache blocks_tls;

/* The class of a block of `bytes`, 0 when it is not cached (over
 * BLOCKS_MAX_BYTES, or at most BLOCKS_STEP: jemalloc has an 8-byte class). */
static inline unsigned blocks_class(size_t bytes) {
#if TR_USE_JEMALLOC
    return bytes > BLOCKS_STEP && bytes <= BLOCKS_MAX_BYTES ? (unsigned)((bytes + BLOCKS_STEP - 1) / BLOCKS_STEP) : 0;
#else
    (void)bytes;
    return 0;
#endif
}

/* `bytes` of zeroed memory of class `cls` (blocks_class(bytes)), or NULL. */
static inline void *blocks_alloc_zeroed(size_t bytes, unsigned cls) {
    void *p = blocks_tls.head[cls];
    if (cls && p) {
        blocks_tls.head[cls] = *(void **)p;
        blocks_tls.n[cls]--;
        memset(p, 0, bytes);
        return p;
    }
    return calloc(1, bytes);
}

/* Releases a block of class `cls` (0: straight to free). */
static inline void blocks_free(void *p, unsigned cls) {
    if (cls && blocks_tls.n[cls] < BLOCKS_PER_CLASS) {
        *(void **)p = blocks_tls.head[cls];
        blocks_tls.head[cls] = p;
        blocks_tls.n[cls]++;
        return;
    }
    free(p);
}

#define TR_CACHE_LINE 64

/* `bytes` of zeroed memory that starts a cache line and fills whole lines,
 * or NULL; free() releases it.  For data that every thread reads on a hot
 * path (the VM's inline caches): a plain malloc block shares its lines with
 * whatever its allocating thread mallocs next, and that thread's writes
 * there stall every other reader.  Measured: a 32-byte cache block beside
 * one thread's hot data made two threads 2.7 times slower than one. */
static inline void *blocks_alloc_lines(size_t bytes) {
    size_t n = (bytes + TR_CACHE_LINE - 1) / TR_CACHE_LINE * TR_CACHE_LINE;
    if (!n) n = TR_CACHE_LINE;
    void *p = aligned_alloc(TR_CACHE_LINE, n);
    if (p) memset(p, 0, n);
    return p;
}

/* At thread exit, after the thread's last free: returns the cache to malloc. */
void blocks_thread_fini(void);

#endif
