/* objects/qsbr_use.h: how the container files reach the delayed free of
 * threads/qsbr.c.  Old list item arrays and dict/set tables are handed to
 * `qsbr_free_later` so that a lock-free reader still walking them stays safe
 * until every thread has passed a quiescent state. */
#ifndef TORII_OBJECTS_QSBR_USE_H
#define TORII_OBJECTS_QSBR_USE_H
#if defined(__has_include)
#if __has_include("threads/qsbr.h")
#include "threads/qsbr.h"
#define TR_HAVE_QSBR_H 1
#endif
#endif
#ifndef TR_HAVE_QSBR_H
struct TrThread;
/* Frees `mem` (from malloc) once no thread can still be reading it. */
void qsbr_free_later(struct TrThread *ts, void *mem);
#endif
#endif
