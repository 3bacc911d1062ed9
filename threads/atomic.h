/* threads/atomic.h: the only door to atomic operations in torii.
 *
 * Names: atomic_<op>_<type>[_<order>].  Types: u8, u16, u32, u64, uptr, ssize,
 * ptr.  Orders: relaxed, acquire, release; no suffix means sequentially
 * consistent (full barrier).  The backend is libatomic_ops (AO_*); under gcc
 * and clang its primitives compile to the compiler's __atomic builtins, which
 * ThreadSanitizer understands (tests/stress/tsan_catches_race proves TSan still
 * sees through this header).  Never define AO_DISABLE_GCC_ATOMICS: TSan cannot
 * see inline assembly.  No other file may use _Atomic, __atomic_* or AO_*.
 */
#ifndef TORII_ATOMIC_H
#define TORII_ATOMIC_H

#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>
#include <atomic_ops.h>

_Static_assert(sizeof(AO_t) == sizeof(void *), "AO_t must be pointer-sized");
_Static_assert(sizeof(AO_t) == 8, "torii needs a 64-bit target");

#define TR_AO(p) ((volatile AO_t *)(void *)(p))
#define TR_AOI(p) ((volatile unsigned int *)(void *)(p))
#define TR_AOS(p) ((volatile unsigned short *)(void *)(p))
#define TR_AOC(p) ((volatile unsigned char *)(void *)(p))

/* ---- 8-bit (per-object mutex byte) ---- */
static inline uint8_t atomic_load_u8_relaxed(const uint8_t *p) { return AO_char_load(TR_AOC(p)); }
static inline uint8_t atomic_load_u8_acquire(const uint8_t *p) { return AO_char_load_acquire(TR_AOC(p)); }
static inline void atomic_store_u8_relaxed(uint8_t *p, uint8_t v) { AO_char_store(TR_AOC(p), v); }
static inline void atomic_store_u8_release(uint8_t *p, uint8_t v) { AO_char_store_release(TR_AOC(p), v); }
/* Returns the old value; stores `desired` if it equals `expected`. */
static inline uint8_t atomic_cas_u8_acquire(uint8_t *p, uint8_t expected, uint8_t desired) {
    return AO_char_fetch_compare_and_swap_acquire(TR_AOC(p), expected, desired);
}
static inline uint8_t atomic_cas_u8_release(uint8_t *p, uint8_t expected, uint8_t desired) {
    return AO_char_fetch_compare_and_swap_release(TR_AOC(p), expected, desired);
}
static inline uint8_t atomic_cas_u8(uint8_t *p, uint8_t expected, uint8_t desired) {
    return AO_char_fetch_compare_and_swap_full(TR_AOC(p), expected, desired);
}

/* ---- 16-bit (object flags) ---- */
static inline uint16_t atomic_load_u16_relaxed(const uint16_t *p) { return AO_short_load(TR_AOS(p)); }
static inline void atomic_or_u16(uint16_t *p, uint16_t bits) {
    unsigned short old = AO_short_load(TR_AOS(p));
    while (!(old & bits)) {
        unsigned short seen = AO_short_fetch_compare_and_swap_full(TR_AOS(p), old, old | bits);
        if (seen == old) break;
        old = seen;
    }
}

/* ---- 32-bit ---- */
static inline uint32_t atomic_load_u32_relaxed(const uint32_t *p) { return AO_int_load(TR_AOI(p)); }
static inline uint32_t atomic_load_u32_acquire(const uint32_t *p) { return AO_int_load_acquire(TR_AOI(p)); }
static inline void atomic_store_u32_relaxed(uint32_t *p, uint32_t v) { AO_int_store(TR_AOI(p), v); }
static inline void atomic_store_u32_release(uint32_t *p, uint32_t v) { AO_int_store_release(TR_AOI(p), v); }
static inline uint32_t atomic_add_u32(uint32_t *p, uint32_t v) { return AO_int_fetch_and_add_full(TR_AOI(p), v); }
static inline uint32_t atomic_cas_u32(uint32_t *p, uint32_t expected, uint32_t desired) {
    return AO_int_fetch_compare_and_swap_full(TR_AOI(p), expected, desired);
}
static inline void atomic_or_u32(uint32_t *p, uint32_t bits) {
    uint32_t old = atomic_load_u32_relaxed(p);
    for (;;) {
        uint32_t seen = atomic_cas_u32(p, old, old | bits);
        if (seen == old) return;
        old = seen;
    }
}
/* Clears `bits`; returns the old value. */
static inline uint32_t atomic_and_not_u32(uint32_t *p, uint32_t bits) {
    uint32_t old = atomic_load_u32_relaxed(p);
    for (;;) {
        uint32_t seen = atomic_cas_u32(p, old, old & ~bits);
        if (seen == old) return old;
        old = seen;
    }
}

/* ---- pointer-sized ---- */
static inline uintptr_t atomic_load_uptr_relaxed(const uintptr_t *p) { return AO_load(TR_AO(p)); }
static inline uintptr_t atomic_load_uptr_acquire(const uintptr_t *p) { return AO_load_acquire(TR_AO(p)); }
static inline void atomic_store_uptr_relaxed(uintptr_t *p, uintptr_t v) { AO_store(TR_AO(p), v); }
static inline void atomic_store_uptr_release(uintptr_t *p, uintptr_t v) { AO_store_release(TR_AO(p), v); }
static inline uintptr_t atomic_cas_uptr(uintptr_t *p, uintptr_t expected, uintptr_t desired) {
    return AO_fetch_compare_and_swap_full(TR_AO(p), expected, desired);
}
static inline uint64_t atomic_load_u64_relaxed(const uint64_t *p) { return AO_load(TR_AO(p)); }
static inline uint64_t atomic_load_u64_acquire(const uint64_t *p) { return AO_load_acquire(TR_AO(p)); }
static inline void atomic_store_u64_relaxed(uint64_t *p, uint64_t v) { AO_store(TR_AO(p), v); }
static inline void atomic_store_u64_release(uint64_t *p, uint64_t v) { AO_store_release(TR_AO(p), v); }
/* Returns the old value. */
static inline uint64_t atomic_add_u64(uint64_t *p, uint64_t v) { return AO_fetch_and_add_full(TR_AO(p), v); }
static inline uint64_t atomic_add_u64_relaxed(uint64_t *p, uint64_t v) { return AO_fetch_and_add(TR_AO(p), v); }

static inline ssize_t atomic_load_ssize_relaxed(const ssize_t *p) { return (ssize_t)AO_load(TR_AO(p)); }
static inline ssize_t atomic_load_ssize_acquire(const ssize_t *p) { return (ssize_t)AO_load_acquire(TR_AO(p)); }
static inline void atomic_store_ssize_relaxed(ssize_t *p, ssize_t v) { AO_store(TR_AO(p), (AO_t)v); }
static inline void atomic_store_ssize_release(ssize_t *p, ssize_t v) { AO_store_release(TR_AO(p), (AO_t)v); }
/* Returns the old value. */
static inline ssize_t atomic_add_ssize(ssize_t *p, ssize_t v) { return (ssize_t)AO_fetch_and_add_full(TR_AO(p), (AO_t)v); }
static inline ssize_t atomic_cas_ssize(ssize_t *p, ssize_t expected, ssize_t desired) {
    return (ssize_t)AO_fetch_compare_and_swap_full(TR_AO(p), (AO_t)expected, (AO_t)desired);
}
static inline size_t atomic_load_size_relaxed(const size_t *p) { return AO_load(TR_AO(p)); }
static inline size_t atomic_load_size_acquire(const size_t *p) { return AO_load_acquire(TR_AO(p)); }
static inline void atomic_store_size_relaxed(size_t *p, size_t v) { AO_store(TR_AO(p), v); }
static inline void atomic_store_size_release(size_t *p, size_t v) { AO_store_release(TR_AO(p), v); }

static inline void *atomic_load_ptr_relaxed(void *const *p) { return (void *)AO_load(TR_AO(p)); }
static inline void *atomic_load_ptr_acquire(void *const *p) { return (void *)AO_load_acquire(TR_AO(p)); }
static inline void atomic_store_ptr_relaxed(void *p, void *v) { AO_store(TR_AO(p), (AO_t)v); }
static inline void atomic_store_ptr_release(void *p, void *v) { AO_store_release(TR_AO(p), (AO_t)v); }
static inline void *atomic_exchange_ptr(void *p, void *v) {
    AO_t old = AO_load(TR_AO(p));
    for (;;) {
        AO_t seen = AO_fetch_compare_and_swap_full(TR_AO(p), old, (AO_t)v);
        if (seen == old) return (void *)old;
        old = seen;
    }
}
/* Pointer loads that read through a `TrObject **` slot. */
#define atomic_load_objptr_acquire(pp) ((TrObject *)atomic_load_ptr_acquire((void *const *)(pp)))
#define atomic_load_objptr_relaxed(pp) ((TrObject *)atomic_load_ptr_relaxed((void *const *)(pp)))

static inline void atomic_fence(void) { AO_nop_full(); }
/* A spin-wait hint to the CPU (x86 PAUSE); no memory effect. */
static inline void atomic_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

#endif
