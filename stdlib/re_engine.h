/* stdlib/re_engine.h: the regular-expression engine behind the `re` module
 * (private to stdlib/re.c): a parser from a pattern's code points to a small
 * program, and a backtracking matcher over code points.
 * Threads: a ReProg is immutable once re_prog_compile returns it, so any
 * number of threads may run re_exec on one program at once; all matching
 * state lives in the caller's ReMatchState. */
#ifndef TORII_STDLIB_RE_ENGINE_H
#define TORII_STDLIB_RE_ENGINE_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Flag bits, the values of re.IGNORECASE etc. */
enum {
    RE_I = 2, RE_L = 4, RE_M = 8, RE_S = 16, RE_U = 32, RE_X = 64, RE_DEBUG = 128, RE_A = 256,
};

typedef struct ReProg ReProg;

/* What re_prog_compile reports on a bad pattern: `msg` (static or owned by
 * the caller after the call, see `msg_owned`) and the position in code
 * points.  `overflow` asks for OverflowError instead of re.error. */
typedef struct ReCompileError {
    char msg[256];
    ssize_t pos;       /* -1: no position ("look-behind requires fixed-width pattern") */
    int overflow;
} ReCompileError;

/* Compiles `n` code points at `pat` with `flags` (RE_*).  Returns the
 * program (free with re_prog_free), or NULL with `err` filled (err->msg
 * empty: out of memory). */
ReProg *re_prog_compile(const uint32_t *pat, size_t n, int flags, ReCompileError *err);
void re_prog_free(ReProg *p);
/* The number of capturing groups, the flags after inline flags, and the name
 * of group `g` (1-based; NULL if unnamed; UTF-8, valid while `p` lives). */
int re_prog_groups(const ReProg *p);
int re_prog_flags(const ReProg *p);
const char *re_prog_group_name(const ReProg *p, int g);

/* The subject of a match: one of `s8` (Latin-1/ASCII bytes, one per code
 * point) or `s32` is set.  `len` counts code points. */
typedef struct ReSubject {
    const uint8_t *s8;
    const uint32_t *s32;
    ssize_t len;
} ReSubject;

enum { RE_MODE_MATCH, RE_MODE_FULL, RE_MODE_SEARCH };

/* Per-call scratch memory, reusable across calls on one thread (never shared).
 * Zero-initialise, then re_state_free at the end. */
typedef struct ReMatchState {
    void *stack; size_t stack_cap;
    ssize_t *snaps; size_t snaps_cap;
    ssize_t *regs; size_t regs_cap;
} ReMatchState;
void re_state_free(ReMatchState *st);

/* Runs `p` on `subj[0:endpos]` from `pos`: anchored at `pos` (MATCH, FULL)
 * or at the first position from `pos` on where it matches (SEARCH).  With
 * `must_advance`, an empty match at `pos` is refused (the rule findall, sub
 * and split use after an empty match).  On a match fills `caps`
 * (2 * (groups + 1) code-point offsets, -1 for unset) and `*lastindex`
 * (0 if no group closed) and returns 1; 0 if no match; -1 if out of memory. */
int re_exec(const ReProg *p, const ReSubject *subj, ssize_t pos, ssize_t endpos, int mode,
            int must_advance, ReMatchState *st, ssize_t *caps, ssize_t *lastindex);

/* Character classes shared with the template parser of re.c. */
int re_is_word(uint32_t c, int ascii);
#endif
