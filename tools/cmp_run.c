/* tools/cmp_run.c: running the measured children of `torii-compare`.
 * A run is `count` children started back to back with fork/execvp, each with
 * its own stdout and stderr pipe; one poll() loop drains all the pipes (a
 * child that fills a pipe nobody reads would stall and spoil the time), and
 * the clock (CLOCK_MONOTONIC) stops once the last child is reaped.
 * Invariant: every pipe is created close-on-exec, so a child holds only its
 * own two write ends (as fds 1 and 2) and EOF on a pipe means its child
 * closed it, normally by exiting. */
#define _GNU_SOURCE
#include "cmp.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A growable byte buffer; `cap` 0 means nothing allocated yet. */
typedef struct {
    char *p;
    size_t len, cap;
} Buf;

/* Appends `n` bytes of `s`, keeping at most `limit` bytes in all.
 * Returns -1 when out of memory. */
static int buf_add(Buf *b, const char *s, size_t n, size_t limit)
{
    if (b->len + n > limit)
        n = limit > b->len ? limit - b->len : 0;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

/* In the child, after fork: never returns. */
static void child(char *const argv[], int threads, int out, int err)
{
    char n[32];
    int in = open("/dev/null", O_RDONLY);
    if (in >= 0 && in != 0) {
        dup2(in, 0);
        close(in);
    }
    dup2(out, 1);
    dup2(err, 2);
    snprintf(n, sizeof n, "%d", threads);
    setenv("TORII_THREADS", n, 1);
    signal(SIGPIPE, SIG_DFL);
    execvp(argv[0], argv);
    dprintf(2, "torii-compare: cannot execute %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

int cmp_run(char *const argv[], int threads, int count, CmpChild *kids, double *elapsed)
{
    pid_t *pids = calloc(count, sizeof *pids);
    struct pollfd *fds = calloc(2 * (size_t)count, sizeof *fds);
    Buf *bufs = calloc(2 * (size_t)count, sizeof *bufs);
    int started = 0, open_fds = 0;
    double t0;
    if (!pids || !fds || !bufs) {
        fprintf(stderr, "torii-compare: out of memory\n");
        goto error;
    }
    for (int i = 0; i < 2 * count; i++)
        fds[i].fd = -1;
    memset(kids, 0, (size_t)count * sizeof *kids);

    fflush(NULL); /* the children must not inherit unflushed stdio buffers */
    t0 = now();
    for (; started < count; started++) {
        int po[2], pe[2];
        if (pipe2(po, O_CLOEXEC) < 0) {
            perror("torii-compare: pipe");
            goto error;
        }
        if (pipe2(pe, O_CLOEXEC) < 0) {
            perror("torii-compare: pipe");
            close(po[0]);
            close(po[1]);
            goto error;
        }
        pid_t pid = fork();
        if (pid < 0) {
            perror("torii-compare: fork");
            close(po[0]); close(po[1]); close(pe[0]); close(pe[1]);
            goto error;
        }
        if (pid == 0)
            child(argv, threads, po[1], pe[1]);
        pids[started] = pid;
        close(po[1]);
        close(pe[1]);
        fds[2 * started] = (struct pollfd){ .fd = po[0], .events = POLLIN };
        fds[2 * started + 1] = (struct pollfd){ .fd = pe[0], .events = POLLIN };
        open_fds += 2;
    }

    while (open_fds > 0) {
        if (poll(fds, 2 * (nfds_t)count, -1) < 0) {
            if (errno == EINTR)
                continue;
            perror("torii-compare: poll");
            goto error;
        }
        for (int i = 0; i < 2 * count; i++) {
            if (fds[i].fd < 0 || !fds[i].revents)
                continue;
            char chunk[65536];
            ssize_t n = read(fds[i].fd, chunk, sizeof chunk);
            if (n < 0 && (errno == EINTR || errno == EAGAIN))
                continue;
            if (n <= 0) {
                close(fds[i].fd);
                fds[i].fd = -1; /* poll() skips negative fds */
                open_fds--;
                continue;
            }
            size_t limit = (i & 1) ? CMP_ERR_MAX : (size_t)-2;
            if (buf_add(&bufs[i], chunk, (size_t)n, limit) < 0) {
                fprintf(stderr, "torii-compare: out of memory holding a child's output\n");
                goto error;
            }
        }
    }
    for (int i = 0; i < count; i++) {
        int st;
        while (waitpid(pids[i], &st, 0) < 0) {
            if (errno != EINTR) {
                perror("torii-compare: waitpid");
                st = 0x7f00; /* reads as "exited with status 127" */
                break;
            }
        }
        kids[i].status = st;
        pids[i] = 0;
    }
    *elapsed = now() - t0;

    for (int i = 0; i < count; i++) {
        /* An empty stream still gets a string: callers hash and print it. */
        if (!bufs[2 * i].p && buf_add(&bufs[2 * i], "", 0, 1) < 0)
            goto oom;
        if (!bufs[2 * i + 1].p && buf_add(&bufs[2 * i + 1], "", 0, 1) < 0)
            goto oom;
        kids[i].out = bufs[2 * i].p;
        kids[i].out_len = bufs[2 * i].len;
        kids[i].err = bufs[2 * i + 1].p;
        kids[i].err_len = bufs[2 * i + 1].len;
        bufs[2 * i].p = bufs[2 * i + 1].p = NULL;
    }
    free(pids);
    free(fds);
    free(bufs);
    return 0;

oom:
    fprintf(stderr, "torii-compare: out of memory\n");
    for (int i = 0; i < count; i++)
        cmp_child_free(&kids[i]);
error:
    /* Drop what was started: kill, reap, close, free. */
    for (int i = 0; pids && i < started; i++) {
        if (pids[i] > 0) {
            kill(pids[i], SIGKILL);
            while (waitpid(pids[i], NULL, 0) < 0 && errno == EINTR)
                ;
        }
    }
    for (int i = 0; fds && i < 2 * count; i++)
        if (fds[i].fd >= 0)
            close(fds[i].fd);
    for (int i = 0; bufs && i < 2 * count; i++)
        free(bufs[i].p);
    free(pids);
    free(fds);
    free(bufs);
    return -1;
}

void cmp_child_free(CmpChild *c)
{
    free(c->out);
    free(c->err);
    c->out = c->err = NULL;
    c->out_len = c->err_len = 0;
}

const char *cmp_status_str(int status, char *buf, size_t size)
{
    if (WIFEXITED(status))
        snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(buf, size, "killed by signal %d (%s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    else
        snprintf(buf, size, "ended with wait status %#x", status);
    return buf;
}
