/* threads/blocks.c: the per-thread cache of small object blocks; the fast
 * paths are inline in threads/blocks.h, which says what the cache keeps and
 * who may touch it. */
#include "threads/blocks.h"

__thread BlocksCache blocks_tls;

void blocks_thread_fini(void) {
    for (unsigned c = 1; c <= BLOCKS_CLASSES; c++) {
        void *p = blocks_tls.head[c];
        while (p) {
            void *next = *(void **)p;
            free(p);
            p = next;
        }
        blocks_tls.head[c] = NULL;
        blocks_tls.n[c] = 0;
    }
}
