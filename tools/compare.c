/* tools/compare.c: `torii-compare`, a user's threaded script timed under the
 * no-GIL build (`torii`), the GIL build (`torii-gil`) and any other
 * interpreter (--python), with 1, 2, 4, ... threads.  This file holds the
 * command line, the measuring loop (warm-ups, then runs until the relative
 * standard deviation is small, as hyperfine does) and the output check;
 * cmp_run.c starts and times the children, cmp_report.c prints the results.
 * docs/compare.md is the user's guide; --help says the same in short.
 * Exit status: 0; 2 for a usage error, a setup error or a failing run (the
 * tool stops at once); 3 when outputs differed (reported at the end, after
 * the table).
 * Invariant: for each thread count, the first run measured at that count
 * (whichever build) gives the reference output every later run at that
 * count is held to; the processes rows run the 1-thread command and are held
 * to the 1-thread reference. */
#define _GNU_SOURCE
#include "cmp.h"

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXIT_USAGE 2
#define EXIT_DIFFERS 3
#define MAX_MASKS 16
#define MAX_THREADS 4096

static const char usage_line[] =
    "usage: torii-compare [options] script.py [args...]\n";

static void help(void)
{
    fputs(usage_line, stdout);
    fputs(
"\n"
"Times a threaded Python script under torii (no GIL), torii-gil (the same\n"
"sources with a GIL) and any --python interpreter, with 1, 2, 4, ... threads,\n"
"and prints one table.  The thread count N reaches the script as the\n"
"environment variable TORII_THREADS=N and wherever the literal {threads}\n"
"appears in its arguments:\n"
"    torii-compare --mask 'wall=[0-9.]+s' examples/parallel_sum.py {threads} 3000000\n"
"(the mask: that script prints its own time, which differs at every run)\n"
"\n"
"Interpreters:\n"
"  --torii BIN        the no-GIL build (default: torii beside torii-compare)\n"
"  --torii-gil BIN    the GIL build (default: torii-gil beside torii-compare);\n"
"                     'none' leaves a build out\n"
"  --python BIN       also run BIN (e.g. python3.13); repeatable\n"
"\n"
"Thread counts (1 is always measured: it is the baseline):\n"
"  --threads LIST     comma-separated, e.g. 1,2,4\n"
"  --max-threads N    powers of two up to N, and N itself\n"
"                     (default: up to the number of online CPUs)\n"
"\n"
"Runs (for each build and thread count):\n"
"  --warmup K         K untimed runs first (default 1)\n"
"  --min-runs N       at least N timed runs (default 3)\n"
"  --max-runs N       at most N timed runs (default 10)\n"
"  --rsd X            stop once sigma/mean < X, after --min-runs (default 0.05)\n"
"  --processes        also time N processes of the 1-thread run started\n"
"                     together (tp: until the last one ends), N >= 2\n"
"\n"
"Scaling (what the script does with N threads):\n"
"  --scaling weak     (default) each thread does one unit of work, so N threads\n"
"                     do N units, as in torii's examples:\n"
"                       speedup    = N * t1 / tN   (throughput over 1 thread)\n"
"                       efficiency = t1 / tN       (ideal 1.00)\n"
"                       vs procs   = tp / tN\n"
"  --scaling strong   the total work is fixed and split among the N threads:\n"
"                       speedup    = t1 / tN\n"
"                       efficiency = t1 / (N * tN) (ideal 1.00)\n"
"                       vs procs   = tp / (N * tN)\n"
"  In both, vs GIL = tGIL(N) / tN: the GIL build's time at the same N over\n"
"  this build's (> 1: faster than the GIL build), and vs procs is the threads'\n"
"  throughput over that of N processes (ideal 1.00: threads scale as well as\n"
"  the machine lets processes).  t1, tN, tp are mean times of the same build.\n"
"  A processes row shows speedup N * t1 / tp and efficiency t1 / tp.\n"
"\n"
"Output:\n"
"  --markdown         print the table as Markdown\n"
"  --json FILE        write all results, every run's time too ('-': stdout)\n"
"  --plot FILE        chart with gnuplot, FILE.svg or FILE.png: one line per\n"
"                     build (and per build's processes, with --processes)\n"
"  --plot-y WHAT      speedup (default) or time, against threads\n"
"  -q, --quiet        no progress lines on stderr\n"
"  -h, --help         this text\n"
"\n"
"Output check: every run's stdout must be the same, for one thread count,\n"
"across runs and builds; otherwise a warning names the build and thread count\n"
"and the exit status is 3.  Scripts that print timings can hide them:\n"
"  --mask REGEX       delete matches of the extended REGEX from each line of\n"
"                     stdout before comparing (repeatable), e.g. 'wall=[0-9.]+s'\n"
"  --no-check         do not compare outputs\n"
"\n"
"Columns: build, threads (N, or 'N procs'), time (mean +- sigma of the runs),\n"
"min, max, runs, speedup, vs GIL, efficiency, vs procs (see above).\n"
"Exit status: 0 ok; 2 usage error, missing interpreter, or a run that exited\n"
"non-zero (its stderr is shown); 3 outputs differed.\n"
"See docs/compare.md.\n",
        stdout);
}

static const char *prog = "torii-compare";

static void usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", prog);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%sTry 'torii-compare --help'.\n", usage_line);
    exit(EXIT_USAGE);
}

static void die(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", prog);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(EXIT_USAGE);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory%s", "");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory%s", "");
    return p;
}

/* Parses a whole decimal int in [lo, hi]; a usage error otherwise. */
static int parse_int(const char *s, int lo, int hi, const char *opt)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s: expected an integer from %d to %d, got '%%s'", opt, lo, hi);
        usage_error(msg, s);
    }
    return (int)v;
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* The thread counts: ascending, without repeats, starting with 1. */
static int *thread_list(const char *list, int max, int *n)
{
    int *t = xmalloc(sizeof *t * 64), cap = 64, k = 0;
    t[k++] = 1;
    if (list) {
        char *copy = strdup(list), *save = NULL;
        for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            if (k == cap)
                t = xrealloc(t, sizeof *t * (cap *= 2));
            t[k++] = parse_int(tok, 1, MAX_THREADS, "--threads");
        }
        free(copy);
        if (k == 1 && strspn(list, ", ") == strlen(list))
            usage_error("--threads: empty list '%s'", list);
    } else {
        for (int p = 2; p <= max; p *= 2)
            t[k++] = p;
        if (max > 1 && t[k - 1] != max)
            t[k++] = max;
    }
    qsort(t, k, sizeof *t, cmp_int);
    int m = 0;
    for (int i = 0; i < k; i++)
        if (m == 0 || t[m - 1] != t[i])
            t[m++] = t[i];
    *n = m;
    return t;
}

/* The directory of this executable, from /proc/self/exe; NULL if unknown. */
static char *self_dir(void)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    return strdup(dirname(buf));
}

static int is_executable(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* A bare name is looked up on PATH, as execvp will. */
static int findable(const char *bin)
{
    if (strchr(bin, '/'))
        return is_executable(bin);
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/bin:/bin";
    char *copy = strdup(path), *save = NULL;
    int found = 0;
    for (char *d = strtok_r(copy, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
        char full[PATH_MAX];
        snprintf(full, sizeof full, "%s/%s", *d ? d : ".", bin);
        found = is_executable(full);
    }
    free(copy);
    return found;
}

/* --- the output check --------------------------------------------------- */

static regex_t masks[MAX_MASKS];
static int nmasks;

/* `out` with every mask match deleted from each line; a new malloc'd string,
 * its length in `*len`. */
static char *masked(const char *out, size_t n, size_t *len)
{
    char *res = xmalloc(n + 1), *line = xmalloc(n + 1);
    size_t k = 0;
    const char *p = out, *end = out + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
        memcpy(line, p, ll);
        line[ll] = '\0';
        for (int m = 0; m < nmasks; m++) {
            size_t off = 0;
            regmatch_t mt;
            while (off <= ll && regexec(&masks[m], line + off, 1, &mt, off ? REG_NOTBOL : 0) == 0) {
                size_t a = off + (size_t)mt.rm_so, b = off + (size_t)mt.rm_eo;
                if (b == a) { /* an empty match deletes nothing: step over a byte */
                    off = a + 1;
                    continue;
                }
                memmove(line + a, line + b, ll - b + 1);
                ll -= b - a;
                off = a;
            }
        }
        memcpy(res + k, line, ll);
        k += ll;
        if (nl)
            res[k++] = '\n';
        p = nl ? nl + 1 : end;
    }
    res[k] = '\0';
    free(line);
    *len = k;
    return res;
}

/* FNV-1a, 64 bits. */
static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* An output held for comparison: its (masked) text and hash. */
typedef struct {
    int set;
    uint64_t h;
    char *text; /* owned */
    size_t len;
    const char *who; /* borrowed: a build name */
    int unstable;    /* some row at this thread count differed between its own
                        runs: holding other builds to it would only add noise */
} Ref;

static void ref_set(Ref *r, const char *text, size_t len, const char *who)
{
    r->set = 1;
    r->text = xmalloc(len + 1);
    memcpy(r->text, text, len + 1);
    r->len = len;
    r->h = hash(text, len);
    r->who = who;
}

/* Prints the first line on which `a` and `b` differ, labelled. */
static void show_diff(const char *la, const Ref *a, const char *lb, const char *b, size_t bn)
{
    const char *p = a->text, *q = b, *pe = a->text + a->len, *qe = b + bn;
    int line = 1;
    for (;;) {
        const char *pn = memchr(p, '\n', (size_t)(pe - p)), *qn = memchr(q, '\n', (size_t)(qe - q));
        size_t pl = pn ? (size_t)(pn - p) : (size_t)(pe - p), ql = qn ? (size_t)(qn - q) : (size_t)(qe - q);
        if (pl != ql || memcmp(p, q, pl) != 0 || !pn != !qn) {
            int wa = pl > 100 ? 100 : (int)pl, wb = ql > 100 ? 100 : (int)ql;
            fprintf(stderr, "  line %d, %s: %.*s%s\n", line, la, wa, p, pl > 100 ? "..." : "");
            fprintf(stderr, "  line %d, %s: %.*s%s\n", line, lb, wb, q, ql > 100 ? "..." : "");
            return;
        }
        if (!pn)
            return;
        p = pn + 1;
        q = qn + 1;
        line++;
    }
}

/* --- progress ----------------------------------------------------------- */

static int quiet, tty;

static void row_label(char *buf, size_t size, const CmpReport *r, const CmpMeas *m)
{
    snprintf(buf, size, "%s, %d %s", r->builds[m->build].name, m->threads,
             m->kind == CMP_PROCESSES ? (m->threads == 1 ? "process" : "processes")
                                      : (m->threads == 1 ? "thread" : "threads"));
}

/* One progress line on stderr: redrawn in place while the row runs when
 * stderr is a tty, else written once when the row is done. */
static void progress(const CmpReport *r, const CmpMeas *m, const char *state, int done)
{
    if (quiet || (!tty && !done))
        return;
    char label[256], t[32], s[32];
    row_label(label, sizeof label, r, m);
    fprintf(stderr, "%s%s: ", tty ? "\r\033[K" : "", label);
    if (done)
        fprintf(stderr, "%d run%s, ", m->nruns, m->nruns == 1 ? "" : "s");
    else
        fprintf(stderr, "%s%s", state, m->nruns ? ", so far " : "");
    if (done || m->nruns)
        fprintf(stderr, "%s +- %s (%.1f%%)", cmp_fmt_time(m->mean, t, sizeof t),
                cmp_fmt_time(m->sd, s, sizeof s), m->mean > 0 ? 100.0 * m->sd / m->mean : 0.0);
    if (done)
        fputc('\n', stderr);
    fflush(stderr);
}

/* Ends a tty progress line so that a message can follow. */
static void progress_break(void)
{
    if (!quiet && tty)
        fputs("\r\033[K", stderr);
}

/* --- measuring ---------------------------------------------------------- */

static void stats(CmpMeas *m)
{
    double sum = 0, ss = 0;
    m->min = m->max = m->times[0];
    for (int i = 0; i < m->nruns; i++) {
        sum += m->times[i];
        if (m->times[i] < m->min) m->min = m->times[i];
        if (m->times[i] > m->max) m->max = m->times[i];
    }
    m->mean = sum / m->nruns;
    for (int i = 0; i < m->nruns; i++)
        ss += (m->times[i] - m->mean) * (m->times[i] - m->mean);
    m->sd = m->nruns > 1 ? sqrt(ss / (m->nruns - 1)) : 0.0;
}

typedef struct {
    CmpReport *r;
    char **argv_tmpl;  /* interpreter slot, script, args: `{threads}` unexpanded */
    int argc;
    Ref *refs;         /* one per entry of r->threads */
    int check;
} Ctx;

/* `s` with every "{threads}" replaced by `n`; a new string. */
static char *subst(const char *s, int n)
{
    char num[16];
    int nl = snprintf(num, sizeof num, "%d", n);
    size_t cap = strlen(s) + 1, k = 0;
    for (const char *p = s; (p = strstr(p, "{threads}")); p += 9)
        cap += (size_t)nl;
    char *res = xmalloc(cap);
    for (const char *p = s; *p;) {
        if (strncmp(p, "{threads}", 9) == 0) {
            memcpy(res + k, num, (size_t)nl);
            k += (size_t)nl;
            p += 9;
        } else {
            res[k++] = *p++;
        }
    }
    res[k] = '\0';
    return res;
}

static int thread_index(const CmpReport *r, int n)
{
    for (int i = 0; i < r->nthreads; i++)
        if (r->threads[i] == n)
            return i;
    return -1;
}

/* Checks one child's output against the row's first and the thread count's
 * reference; `first` is the row's first output (set by the first run). */
static void check_output(Ctx *c, CmpMeas *m, Ref *first, const CmpChild *kid)
{
    if (!c->check)
        return;
    size_t len;
    char *text = nmasks ? masked(kid->out, kid->out_len, &len) : NULL;
    if (!text) {
        text = xmalloc(kid->out_len + 1);
        memcpy(text, kid->out, kid->out_len + 1);
        len = kid->out_len;
    }
    const char *name = c->r->builds[m->build].name;
    int ti = thread_index(c->r, m->kind == CMP_PROCESSES ? 1 : m->threads);
    Ref *ref = &c->refs[ti];
    char label[256];
    row_label(label, sizeof label, c->r, m);
    if (!ref->set)
        ref_set(ref, text, len, name);
    if (!first->set) {
        ref_set(first, text, len, name);
        if (first->h != ref->h && m->differs == 0 && !ref->unstable) {
            progress_break();
            fprintf(stderr, "warning: output differs between builds (%s, not as %s gave it)\n",
                    label, ref->who);
            show_diff(ref->who, ref, name, text, len);
            m->differs = 2;
        }
    } else if (hash(text, len) != first->h && m->differs != 1) {
        progress_break();
        fprintf(stderr, "warning: output differs between runs (%s): possible race in the script\n", label);
        show_diff("one run", first, "another", text, len);
        m->differs = 1;
        ref->unstable = 1;
    }
    if (m->differs)
        c->r->differs = 1;
    free(text);
}

/* Runs one row: warm-ups, then timed runs until the spread is small.
 * A failing run ends the program with status 2. */
static void measure(Ctx *c, CmpMeas *m)
{
    CmpReport *r = c->r;
    int n = m->threads, count = m->kind == CMP_PROCESSES ? n : 1;
    int tn = m->kind == CMP_PROCESSES ? 1 : n;
    char **argv = xmalloc(sizeof *argv * (c->argc + 1));
    argv[0] = (char *)r->builds[m->build].path;
    for (int i = 1; i < c->argc; i++)
        argv[i] = subst(c->argv_tmpl[i], tn);
    argv[c->argc] = NULL;
    CmpChild *kids = xmalloc(sizeof *kids * count);
    Ref first = { 0 };
    m->times = xmalloc(sizeof *m->times * r->max_runs);
    m->nruns = 0;

    int total = r->warmup + r->max_runs;
    for (int run = 0; run < total; run++) {
        int warm = run < r->warmup;
        char state[64];
        if (warm)
            snprintf(state, sizeof state, "warm-up %d/%d", run + 1, r->warmup);
        else
            snprintf(state, sizeof state, "run %d/%d", m->nruns + 1, r->max_runs);
        progress(r, m, state, 0);
        double t;
        if (cmp_run(argv, tn, count, kids, &t) < 0)
            exit(EXIT_USAGE);
        for (int k = 0; k < count; k++) {
            if (!WIFEXITED(kids[k].status) || WEXITSTATUS(kids[k].status) != 0) {
                char why[128], label[256];
                row_label(label, sizeof label, r, m);
                progress_break();
                fprintf(stderr, "%s: %s: the script %s\n", prog, label,
                        cmp_status_str(kids[k].status, why, sizeof why));
                fprintf(stderr, "  command: TORII_THREADS=%d", tn);
                for (int i = 0; argv[i]; i++)
                    fprintf(stderr, " %s", argv[i]);
                fputc('\n', stderr);
                if (kids[k].err_len) {
                    fprintf(stderr, "  its stderr:\n");
                    fwrite(kids[k].err, 1, kids[k].err_len, stderr);
                    if (kids[k].err[kids[k].err_len - 1] != '\n')
                        fputc('\n', stderr);
                } else {
                    fprintf(stderr, "  (nothing on its stderr)\n");
                }
                exit(EXIT_USAGE);
            }
            check_output(c, m, &first, &kids[k]);
            cmp_child_free(&kids[k]);
        }
        if (warm)
            continue;
        m->times[m->nruns++] = t;
        stats(m);
        if (m->nruns >= r->min_runs && (m->mean <= 0 || m->sd / m->mean < r->rsd))
            break;
    }
    progress(r, m, "", 1);
    free(first.text);
    free(kids);
    for (int i = 1; i < c->argc; i++)
        free(argv[i]);
    free(argv);
}

/* Fills the ratio columns (formulas in help() and docs/compare.md). */
static void derive(CmpReport *r)
{
    for (int i = 0; i < r->nmeas; i++) {
        CmpMeas *m = &r->meas[i];
        const CmpMeas *one = NULL, *gil = NULL, *procs = NULL;
        for (int j = 0; j < r->nmeas; j++) {
            const CmpMeas *o = &r->meas[j];
            if (o->kind == CMP_THREADS && o->build == m->build && o->threads == 1)
                one = o;
            if (o->kind == CMP_THREADS && r->builds[o->build].is_gil && o->threads == m->threads)
                gil = o;
            if (o->kind == CMP_PROCESSES && o->build == m->build && o->threads == m->threads)
                procs = o;
        }
        double N = m->threads;
        m->speedup = m->vs_gil = m->efficiency = m->vs_procs = NAN;
        if (m->kind == CMP_PROCESSES) {
            if (one) {
                m->speedup = N * one->mean / m->mean;
                m->efficiency = one->mean / m->mean;
            }
            continue;
        }
        if (one) {
            if (r->scaling == CMP_WEAK) {
                m->speedup = N * one->mean / m->mean;
                m->efficiency = one->mean / m->mean;
            } else {
                m->speedup = one->mean / m->mean;
                m->efficiency = one->mean / (N * m->mean);
            }
        }
        if (gil)
            m->vs_gil = gil->mean / m->mean;
        if (procs)
            m->vs_procs = r->scaling == CMP_WEAK ? procs->mean / m->mean
                                                 : procs->mean / (N * m->mean);
    }
}

/* --- main --------------------------------------------------------------- */

enum {
    OPT_TORII = 256, OPT_GIL, OPT_PYTHON, OPT_THREADS, OPT_MAXT, OPT_WARMUP, OPT_MINR,
    OPT_MAXR, OPT_RSD, OPT_SCALING, OPT_PROCS, OPT_MD, OPT_JSON, OPT_PLOT, OPT_PLOTY,
    OPT_MASK, OPT_NOCHECK
};

static const struct option options[] = {
    { "torii", required_argument, NULL, OPT_TORII },
    { "torii-gil", required_argument, NULL, OPT_GIL },
    { "python", required_argument, NULL, OPT_PYTHON },
    { "threads", required_argument, NULL, OPT_THREADS },
    { "max-threads", required_argument, NULL, OPT_MAXT },
    { "warmup", required_argument, NULL, OPT_WARMUP },
    { "min-runs", required_argument, NULL, OPT_MINR },
    { "max-runs", required_argument, NULL, OPT_MAXR },
    { "rsd", required_argument, NULL, OPT_RSD },
    { "scaling", required_argument, NULL, OPT_SCALING },
    { "processes", no_argument, NULL, OPT_PROCS },
    { "markdown", no_argument, NULL, OPT_MD },
    { "json", required_argument, NULL, OPT_JSON },
    { "plot", required_argument, NULL, OPT_PLOT },
    { "plot-y", required_argument, NULL, OPT_PLOTY },
    { "mask", required_argument, NULL, OPT_MASK },
    { "no-check", no_argument, NULL, OPT_NOCHECK },
    { "quiet", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 }
};

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

int main(int argc, char **argv)
{
    const char *torii = NULL, *torii_gil = NULL, *threads_list = NULL;
    const char *json = NULL, *plot = NULL;
    const char **pythons = xmalloc(sizeof *pythons * (size_t)argc);
    int npythons = 0, max_threads = 0, markdown = 0, check = 1;
    CmpReport r = { 0 };
    r.scaling = CMP_WEAK;
    r.warmup = 1;
    r.min_runs = 3;
    r.max_runs = 10;
    r.rsd = 0.05;
    r.plot_speedup = 1;
    int min_given = 0, max_given = 0;

    opterr = 0;
    int opt;
    /* "+": options end at the script; what follows is the script's. */
    while ((opt = getopt_long(argc, argv, "+:hq", options, NULL)) != -1) {
        switch (opt) {
        case 'h': help(); return 0;
        case 'q': quiet = 1; break;
        case OPT_TORII: torii = optarg; break;
        case OPT_GIL: torii_gil = optarg; break;
        case OPT_PYTHON: pythons[npythons++] = optarg; break;
        case OPT_THREADS: threads_list = optarg; break;
        case OPT_MAXT: max_threads = parse_int(optarg, 1, MAX_THREADS, "--max-threads"); break;
        case OPT_WARMUP: r.warmup = parse_int(optarg, 0, 1000, "--warmup"); break;
        case OPT_MINR: r.min_runs = parse_int(optarg, 1, 100000, "--min-runs"); min_given = 1; break;
        case OPT_MAXR: r.max_runs = parse_int(optarg, 1, 100000, "--max-runs"); max_given = 1; break;
        case OPT_RSD: {
            char *end;
            errno = 0;
            r.rsd = strtod(optarg, &end);
            if (errno || end == optarg || *end || !(r.rsd > 0) || r.rsd > 100)
                usage_error("--rsd: expected a positive number such as 0.05, got '%s'", optarg);
            break;
        }
        case OPT_SCALING:
            if (strcmp(optarg, "weak") == 0) r.scaling = CMP_WEAK;
            else if (strcmp(optarg, "strong") == 0) r.scaling = CMP_STRONG;
            else usage_error("--scaling: expected 'weak' or 'strong', got '%s'", optarg);
            break;
        case OPT_PROCS: r.processes = 1; break;
        case OPT_MD: markdown = 1; break;
        case OPT_JSON: json = optarg; break;
        case OPT_PLOT:
            if (!ends_with(optarg, ".svg") && !ends_with(optarg, ".png"))
                usage_error("--plot: the file must end in .svg or .png, got '%s'", optarg);
            plot = optarg;
            break;
        case OPT_PLOTY:
            if (strcmp(optarg, "speedup") == 0) r.plot_speedup = 1;
            else if (strcmp(optarg, "time") == 0) r.plot_speedup = 0;
            else usage_error("--plot-y: expected 'speedup' or 'time', got '%s'", optarg);
            break;
        case OPT_MASK: {
            if (nmasks == MAX_MASKS)
                usage_error("--mask: at most 16 masks%s", "");
            int e = regcomp(&masks[nmasks], optarg, REG_EXTENDED);
            if (e) {
                char msg[256];
                regerror(e, &masks[nmasks], msg, sizeof msg);
                fprintf(stderr, "%s: --mask '%s': %s\n", prog, optarg, msg);
                fputs(usage_line, stderr);
                return EXIT_USAGE;
            }
            nmasks++;
            break;
        }
        case OPT_NOCHECK: check = 0; break;
        case ':':
            usage_error("option '%s' needs an argument", argv[optind - 1]);
            break;
        default:
            if (optopt && optopt < 256) {
                char o[3] = { '-', (char)optopt, 0 };
                usage_error("unknown option '%s'", o);
            }
            usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        usage_error("no script given%s", "");
    if (threads_list && max_threads)
        usage_error("give --threads or --max-threads, not both%s", "");
    if (min_given && max_given && r.max_runs < r.min_runs)
        usage_error("--max-runs is below --min-runs%s", "");
    if (!max_given && r.max_runs < r.min_runs)
        r.max_runs = r.min_runs;
    if (!min_given && r.min_runs > r.max_runs)
        r.min_runs = r.max_runs;
    r.checked = check;
    r.script = argv[optind];
    r.args = argv + optind + 1;
    r.nargs = argc - optind - 1;
    r.cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (r.cpus < 1)
        r.cpus = 1;
    if (!max_threads)
        max_threads = (int)(r.cpus > MAX_THREADS ? MAX_THREADS : r.cpus);
    r.threads = thread_list(threads_list, max_threads, &r.nthreads);
    if (plot && !cmp_have_gnuplot())
        die("--plot needs gnuplot, which is not on PATH: install it (e.g. the gnuplot-nox package) or leave out --plot%s", "");
    if (access(r.script, R_OK) != 0)
        die("cannot read the script '%s'", r.script);

    /* The interpreters, checked before any run. */
    char *dir = self_dir();
    r.builds = xmalloc(sizeof *r.builds * (size_t)(npythons + 2));
    struct { const char *given, *name; int gil; } fixed[2] = {
        { torii, "torii", 0 }, { torii_gil, "torii-gil", 1 }
    };
    for (int i = 0; i < 2; i++) {
        const char *path = fixed[i].given;
        if (path && strcmp(path, "none") == 0)
            continue;
        if (!path) {
            if (!dir)
                die("cannot read /proc/self/exe to find %s: give --torii and --torii-gil", fixed[i].name);
            char *p = xmalloc(strlen(dir) + strlen(fixed[i].name) + 2);
            sprintf(p, "%s/%s", dir, fixed[i].name);
            if (!is_executable(p)) {
                fprintf(stderr, "%s: no %s beside torii-compare (%s): give --%s BIN, or --%s none to leave it out\n",
                        prog, fixed[i].name, p, fixed[i].name, fixed[i].name);
                return EXIT_USAGE;
            }
            r.builds[r.nbuilds++] = (CmpBuild){ strdup(fixed[i].name), p, fixed[i].gil };
            continue;
        }
        if (!findable(path)) {
            fprintf(stderr, "%s: --%s: '%s' is not an executable file\n", prog, fixed[i].name, path);
            return EXIT_USAGE;
        }
        r.builds[r.nbuilds++] = (CmpBuild){ strdup(fixed[i].name), strdup(path), fixed[i].gil };
    }
    for (int i = 0; i < npythons; i++) {
        if (!findable(pythons[i])) {
            fprintf(stderr, "%s: --python: '%s' is not an executable file (nor on PATH)\n", prog, pythons[i]);
            return EXIT_USAGE;
        }
        char *copy = strdup(pythons[i]);
        const char *base = basename(copy);
        char *name = xmalloc(strlen(base) + 16);
        strcpy(name, base);
        /* Two interpreters of one name get "#2", "#3": rows must be told apart. */
        int same = 1;
        for (int j = 0; j < r.nbuilds; j++)
            if (strncmp(r.builds[j].name, base, strlen(base)) == 0 &&
                (r.builds[j].name[strlen(base)] == '\0' || r.builds[j].name[strlen(base)] == '#'))
                same++;
        if (same > 1)
            sprintf(name, "%s#%d", base, same);
        free(copy);
        r.builds[r.nbuilds++] = (CmpBuild){ name, strdup(pythons[i]), 0 };
    }
    if (r.nbuilds == 0)
        die("nothing to run: every interpreter was left out%s", "");

    tty = isatty(2);
    Ctx c = { &r, NULL, 2 + r.nargs, NULL, check };
    c.argv_tmpl = xmalloc(sizeof *c.argv_tmpl * (size_t)c.argc);
    c.argv_tmpl[0] = NULL;
    c.argv_tmpl[1] = (char *)r.script;
    for (int i = 0; i < r.nargs; i++)
        c.argv_tmpl[2 + i] = r.args[i];
    c.refs = calloc((size_t)r.nthreads, sizeof *c.refs);
    size_t rows = (size_t)r.nbuilds * (size_t)r.nthreads * (r.processes ? 2 : 1);
    r.meas = calloc(rows, sizeof *r.meas);
    if (!c.refs || !r.meas)
        die("out of memory%s", "");

    for (int b = 0; b < r.nbuilds; b++) {
        for (int t = 0; t < r.nthreads; t++) {
            CmpMeas *m = &r.meas[r.nmeas++];
            m->build = b;
            m->threads = r.threads[t];
            m->kind = CMP_THREADS;
            measure(&c, m);
            if (r.processes && r.threads[t] >= 2) {
                m = &r.meas[r.nmeas++];
                m->build = b;
                m->threads = r.threads[t];
                m->kind = CMP_PROCESSES;
                measure(&c, m);
            }
        }
    }
    derive(&r);

    cmp_report_table(stdout, &r, markdown);
    fflush(stdout);
    int status = 0;
    if (json && cmp_report_json(json, &r) < 0)
        status = EXIT_USAGE;
    if (plot && cmp_report_plot(plot, &r) < 0)
        status = EXIT_USAGE;
    if (r.differs) {
        fprintf(stderr, "%s: outputs differed (see the warnings above)\n", prog);
        if (!status)
            status = EXIT_DIFFERS;
    }
    for (int i = 0; i < r.nthreads; i++)
        free(c.refs[i].text);
    for (int i = 0; i < r.nmeas; i++)
        free(r.meas[i].times);
    for (int i = 0; i < nmasks; i++)
        regfree(&masks[i]);
    for (int i = 0; i < r.nbuilds; i++) {
        free((char *)r.builds[i].name);
        free((char *)r.builds[i].path);
    }
    free(r.builds);
    free(c.refs);
    free(c.argv_tmpl);
    free(r.meas);
    free(r.threads);
    free(dir);
    free(pythons);
    return status;
}
