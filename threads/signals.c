/* threads/signals.c: the C side of signal delivery: tripped flags, the
 * self-pipe, and the interruptible waits of the main thread.
 *
 * Design.  signals_c_handler may run on any thread, at any instruction, so it
 * touches only atomics and write(2): it sets `tripped[signum]`, then `any`,
 * then TR_EB_ASYNC_EXC on the main thread's eval breaker, then writes one
 * byte to the non-blocking self-pipe (a full pipe just drops the byte: one
 * unread byte is enough to wake a poller).  The main thread clears `any`
 * before it scans `tripped`, so a signal racing with the scan is either seen
 * by this scan or leaves `any` set for the next one.  A blocked main thread
 * polls the pipe's read end together with the descriptor it waits for
 * (signals_wait_fd), and drains the pipe when it wakes; waits on condition
 * variables cannot poll a pipe, so they are cut into slices
 * (signals_slice_ns) and look at `any` between slices.
 * Threads: `tripped`, `any` and `main_ts` are atomic; the pipe descriptors
 * are written once by signals_init, before any handler is installed and
 * before any other thread exists.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "threads/signals.h"
#include "threads/atomic.h"
#include "threads/lock.h"

static uint32_t tripped[NSIG];    /* atomic: 1 once the signal arrived, until taken */
static uint32_t any;              /* atomic: some tripped[] may be 1 */
static TrThread *main_ts;         /* atomic: the thread that runs Python handlers */
static int wake_r = -1, wake_w = -1;

int signals_init(TrThread *ts) {
    int fds[2];
    if (wake_r < 0 && pipe2(fds, O_NONBLOCK | O_CLOEXEC) == 0) {
        wake_r = fds[0];
        wake_w = fds[1];
    }
    atomic_store_ptr_release(&main_ts, ts);
    return signal_setup(ts);
}

void signals_fini(void) {
    atomic_store_ptr_release(&main_ts, NULL);
}

void signals_trip(int signum) {
    if (signum <= 0 || signum >= NSIG) return;
    atomic_store_u32_relaxed(&tripped[signum], 1);
    atomic_store_u32_release(&any, 1);
    TrThread *m = atomic_load_ptr_acquire((void *const *)&main_ts);
    if (m) atomic_or_u32(&m->eval_breaker, TR_EB_ASYNC_EXC);
    if (wake_w >= 0) {
        char b = 0;
        ssize_t r = write(wake_w, &b, 1);   /* EAGAIN: the pipe already holds a wake-up */
        (void)r;
    }
}

void signals_c_handler(int signum) {
    int saved = errno;   /* the interrupted code may be between a call and its errno check */
    signals_trip(signum);
    errno = saved;
}

int signals_pending(void) { return atomic_load_u32_acquire(&any) != 0; }

void signals_clear_any(void) { atomic_store_u32_release(&any, 0); }

int signals_take(int signum) {
    if (signum <= 0 || signum >= NSIG) return 0;
    if (!atomic_load_u32_relaxed(&tripped[signum])) return 0;
    return atomic_cas_u32(&tripped[signum], 1, 0) == 1;
}

int signals_is_main(TrThread *ts) {
    return ts && ts == atomic_load_ptr_relaxed((void *const *)&main_ts);
}

int signals_check(TrThread *ts) {
    if (!signals_pending() || !signals_is_main(ts)) return 0;
    return signal_run_pending(ts);
}

int64_t signals_slice_ns(TrThread *ts, int64_t remaining_ns) {
    if (!signals_is_main(ts)) return remaining_ns;
    if (remaining_ns < 0 || remaining_ns > SIGNALS_SLICE_NS) return SIGNALS_SLICE_NS;
    return remaining_ns;
}

static void drain(void) {
    char buf[64];
    while (read(wake_r, buf, sizeof buf) > 0) {}
}

int signals_wait_fd(TrThread *ts, int fd, short events, int64_t deadline_ns) {
    struct pollfd p[2];
    int n = 0, wi = -1;
    if (fd >= 0) p[n++] = (struct pollfd){fd, events, 0};
    int is_main = signals_is_main(ts) && wake_r >= 0;
    if (is_main) { wi = n; p[n++] = (struct pollfd){wake_r, POLLIN, 0}; }
    for (;;) {
        if (is_main && signals_pending()) return 0;
        struct timespec t, *tp = NULL;
        if (deadline_ns >= 0) {
            int64_t rem = deadline_ns - lock_now_ns();
            if (rem <= 0) return 0;
            t.tv_sec = rem / 1000000000;
            t.tv_nsec = rem % 1000000000;
            tp = &t;
        }
        int r = ppoll(p, (nfds_t)n, tp, NULL);
        if (r < 0) {
            if (errno == EINTR) continue;
            return fd >= 0;   /* let the caller's own call report the error */
        }
        if (r == 0) return 0;
        if (wi >= 0 && p[wi].revents) drain();
        if (fd >= 0 && p[0].revents) return 1;
    }
}
