/* tools/cmp.h: the private interface of `torii-compare` (tools/compare.c),
 * shared by its three files: compare.c (command line, the measuring loop, the
 * output check), cmp_run.c (starting children, timing them, capturing their
 * output) and cmp_report.c (the table, Markdown, JSON and the gnuplot chart).
 * The tool only runs programs: it links nothing of torii.
 * Threads: none; children are processes.  Everything here is owned by the one
 * `CmpReport` that main() fills and frees at exit. */
#ifndef TORII_TOOLS_CMP_H
#define TORII_TOOLS_CMP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* What the speedup and efficiency columns assume of the script (see
 * docs/compare.md for the formulas). */
typedef enum {
    CMP_WEAK,   /* each thread does one unit: N threads do N units */
    CMP_STRONG  /* the total work is fixed and shared by the N threads */
} CmpScaling;

/* One interpreter the script runs under. */
typedef struct {
    const char *name; /* label in the table: "torii", "torii-gil", or the
                         basename of a --python BIN (owned) */
    const char *path; /* owned: what is executed (execvp: a bare name searches PATH) */
    int is_gil;       /* 1 for torii-gil: the reference of the "vs GIL" column */
} CmpBuild;

typedef enum {
    CMP_THREADS,  /* one process running the script with N threads */
    CMP_PROCESSES /* N processes of the 1-thread run, started together */
} CmpKind;

/* One row of the table: the repeated runs of one (build, N, kind).
 * Invariant: `nruns` >= 1 once measured; `times` holds the measured runs
 * only (warm-ups are run but not kept).  Derived ratios are NAN where they
 * are not defined (no torii-gil, no 1-thread time, a processes row). */
typedef struct {
    int build;      /* index into `CmpReport.builds` */
    int threads;    /* N: threads of the one process, or number of processes */
    CmpKind kind;
    double *times;  /* owned: seconds, `nruns` of them */
    int nruns;
    double mean, sd, min, max; /* sd: sample standard deviation (0 for one run) */
    int differs;    /* 0: output as expected; 1: differs between this row's
                       runs; 2: consistent, but not what the first build gave */
    double speedup, vs_gil, efficiency, vs_procs;
} CmpMeas;

typedef struct {
    CmpBuild *builds;
    int nbuilds;
    CmpMeas *meas;  /* in the order measured: per build, per N, the threads
                       row then (with --processes, N >= 2) the processes row */
    int nmeas;
    int *threads;   /* the thread counts, ascending, always starting with 1 */
    int nthreads;
    const char *script;
    char **args;    /* the script's arguments as given, `{threads}` unexpanded */
    int nargs;
    CmpScaling scaling;
    int warmup, min_runs, max_runs;
    double rsd;
    int processes;  /* --processes given */
    int plot_speedup; /* chart: 1 speedup (default), 0 time */
    long cpus;      /* online CPUs when run */
    int checked;    /* 0 with --no-check: outputs were not compared */
    int differs;    /* any row's `differs` */
} CmpReport;

/* --- cmp_run.c ---------------------------------------------------------- */

/* One finished child: its whole stdout and the start of its stderr. */
typedef struct {
    char *out;      /* owned, NUL-terminated, `out_len` bytes before the NUL */
    size_t out_len;
    char *err;      /* owned, NUL-terminated; at most CMP_ERR_MAX bytes kept */
    size_t err_len;
    int status;     /* as waitpid() gives it */
} CmpChild;

#define CMP_ERR_MAX (256 * 1024)

/* Starts `count` copies of `argv` (argv[0] is run with execvp) at once, each
 * with TORII_THREADS=`threads` in its environment, stdin from /dev/null and
 * stdout and stderr on pipes; waits for all of them.  `kids` receives `count`
 * results; `*elapsed` the seconds (CLOCK_MONOTONIC) from before the first fork
 * to after the last child is reaped.  A child that cannot exec writes why on
 * its stderr and exits 127.  Returns 0, or -1 when a pipe or fork failed
 * (message printed; the children already started are killed and reaped, and
 * `kids` holds nothing to free). */
int cmp_run(char *const argv[], int threads, int count, CmpChild *kids, double *elapsed);

/* Frees what `c` owns; `c` may be zeroed or already freed. Cannot fail. */
void cmp_child_free(CmpChild *c);

/* Describes a waitpid() `status` that is not a clean exit 0 into `buf`
 * ("exited with status 1", "killed by signal 11 (Segmentation fault)").
 * Returns `buf`. */
const char *cmp_status_str(int status, char *buf, size_t size);

/* --- cmp_report.c ------------------------------------------------------- */

/* Prints the table on `f`: aligned text, or Markdown when `markdown`. */
void cmp_report_table(FILE *f, const CmpReport *r, int markdown);

/* Writes every result, each run's time included, as JSON to `path` ("-" is
 * stdout).  Returns 0, or -1 with a message printed. */
int cmp_report_json(const char *path, const CmpReport *r);

/* Draws the chart into `path` (.svg or .png, told by its name) by piping a
 * script to gnuplot.  Returns 0, or -1 with a message printed. */
int cmp_report_plot(const char *path, const CmpReport *r);

/* 1 when an executable `gnuplot` is on PATH, else 0. */
int cmp_have_gnuplot(void);

/* Formats seconds for people: "236.4 ms", "1.234 s". Returns `buf`. */
const char *cmp_fmt_time(double t, char *buf, size_t size);

#endif
