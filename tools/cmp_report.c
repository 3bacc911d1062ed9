/* tools/cmp_report.c: what `torii-compare` prints once everything is
 * measured: the table (aligned text or Markdown), the JSON file and the
 * gnuplot chart.  Reads the `CmpReport` only; the ratios are already in it
 * (NAN where undefined, shown as "-" and written as null). */
#define _GNU_SOURCE
#include "cmp.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *cmp_fmt_time(double t, char *buf, size_t size)
{
    if (t < 1.0)
        snprintf(buf, size, "%.1f ms", t * 1e3);
    else
        snprintf(buf, size, "%.3f s", t);
    return buf;
}

static void fmt_ratio(double v, char *buf, size_t size)
{
    if (isnan(v))
        snprintf(buf, size, "-");
    else
        snprintf(buf, size, "%.2f", v);
}

/* Display width of UTF-8 `s`: continuation bytes take no column. */
static int width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

#define NCOLS 10
#define CELL 96

static const char *const heads[NCOLS] = {
    "build", "threads", "time (mean ± σ)", "min", "max", "runs",
    "speedup", "vs GIL", "efficiency", "vs procs"
};

static void cells(const CmpReport *r, const CmpMeas *m, char c[NCOLS][CELL])
{
    char a[32], b[32];
    snprintf(c[0], CELL, "%s", r->builds[m->build].name);
    if (m->kind == CMP_PROCESSES)
        snprintf(c[1], CELL, "%d procs", m->threads);
    else
        snprintf(c[1], CELL, "%d", m->threads);
    snprintf(c[2], CELL, "%s ± %s", cmp_fmt_time(m->mean, a, sizeof a), cmp_fmt_time(m->sd, b, sizeof b));
    cmp_fmt_time(m->min, c[3], CELL);
    cmp_fmt_time(m->max, c[4], CELL);
    snprintf(c[5], CELL, "%d", m->nruns);
    fmt_ratio(m->speedup, c[6], CELL);
    fmt_ratio(m->vs_gil, c[7], CELL);
    fmt_ratio(m->efficiency, c[8], CELL);
    fmt_ratio(m->vs_procs, c[9], CELL);
}

/* The formulas behind the ratio columns, for the line under the table. */
static const char *formulas(const CmpReport *r)
{
    if (r->scaling == CMP_WEAK)
        return r->processes
            ? "weak scaling (one unit of work per thread): speedup = N·t1/tN, efficiency = t1/tN, "
              "vs GIL = tGIL(N)/tN, vs procs = tp/tN"
            : "weak scaling (one unit of work per thread): speedup = N·t1/tN, efficiency = t1/tN, "
              "vs GIL = tGIL(N)/tN";
    return r->processes
        ? "strong scaling (fixed total work): speedup = t1/tN, efficiency = t1/(N·tN), "
          "vs GIL = tGIL(N)/tN, vs procs = tp/(N·tN)"
        : "strong scaling (fixed total work): speedup = t1/tN, efficiency = t1/(N·tN), "
          "vs GIL = tGIL(N)/tN";
}

void cmp_report_table(FILE *f, const CmpReport *r, int markdown)
{
    int ncols = r->processes ? NCOLS : NCOLS - 1;
    int w[NCOLS];
    char (*rows)[NCOLS][CELL] = calloc((size_t)r->nmeas + 1, sizeof *rows);
    if (!rows) {
        fprintf(stderr, "torii-compare: out of memory\n");
        return;
    }
    for (int j = 0; j < ncols; j++)
        w[j] = width(heads[j]);
    for (int i = 0; i < r->nmeas; i++) {
        cells(r, &r->meas[i], rows[i]);
        for (int j = 0; j < ncols; j++)
            if (width(rows[i][j]) > w[j])
                w[j] = width(rows[i][j]);
    }
    /* Text columns (build, threads) are left-aligned, numbers right-aligned. */
    for (int i = -1; i < r->nmeas; i++) {
        for (int j = 0; j < ncols; j++) {
            const char *s = i < 0 ? heads[j] : rows[i][j];
            int pad = w[j] - width(s);
            if (markdown)
                fputs("| ", f);
            else if (j)
                fputs("  ", f);
            if (j >= 2)
                fprintf(f, "%*s", pad, "");
            fputs(s, f);
            if (j < 2 && (markdown || j < ncols - 1))
                fprintf(f, "%*s", pad, "");
            if (markdown)
                fputc(' ', f);
        }
        fputs(markdown ? "|\n" : "\n", f);
        if (i < 0 && markdown) {
            for (int j = 0; j < ncols; j++) {
                fputc('|', f);
                if (j < 2) {
                    fputc(':', f);
                    for (int k = 0; k < w[j] + 1; k++) fputc('-', f);
                } else {
                    for (int k = 0; k < w[j] + 1; k++) fputc('-', f);
                    fputc(':', f);
                }
            }
            fputs("|\n", f);
        }
    }
    fprintf(f, markdown ? "\n%s.\n" : "%s\n", formulas(r));
    free(rows);
}

/* --- JSON --------------------------------------------------------------- */

static void jstr(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", f);
        else if (*p == '\t')
            fputs("\\t", f);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void jnum(FILE *f, double v)
{
    if (isnan(v) || isinf(v))
        fputs("null", f);
    else
        fprintf(f, "%.9g", v);
}

int cmp_report_json(const char *path, const CmpReport *r)
{
    FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
    if (!f) {
        fprintf(stderr, "torii-compare: cannot write %s: %m\n", path);
        return -1;
    }
    fputs("{\n  \"tool\": \"torii-compare\",\n  \"script\": ", f);
    jstr(f, r->script);
    fputs(",\n  \"args\": [", f);
    for (int i = 0; i < r->nargs; i++) {
        if (i) fputs(", ", f);
        jstr(f, r->args[i]);
    }
    fprintf(f, "],\n  \"scaling\": \"%s\",\n", r->scaling == CMP_WEAK ? "weak" : "strong");
    fprintf(f, "  \"warmup\": %d,\n  \"min_runs\": %d,\n  \"max_runs\": %d,\n  \"rsd_target\": ",
            r->warmup, r->min_runs, r->max_runs);
    jnum(f, r->rsd);
    fprintf(f, ",\n  \"cpus\": %ld,\n  \"threads\": [", r->cpus);
    for (int i = 0; i < r->nthreads; i++)
        fprintf(f, "%s%d", i ? ", " : "", r->threads[i]);
    fputs("],\n  \"builds\": [\n", f);
    for (int i = 0; i < r->nbuilds; i++) {
        fputs("    {\"name\": ", f);
        jstr(f, r->builds[i].name);
        fputs(", \"path\": ", f);
        jstr(f, r->builds[i].path);
        fprintf(f, ", \"gil_reference\": %s}%s\n", r->builds[i].is_gil ? "true" : "false",
                i + 1 < r->nbuilds ? "," : "");
    }
    fprintf(f, "  ],\n  \"output_consistent\": %s,\n  \"results\": [\n",
            !r->checked ? "null" : r->differs ? "false" : "true");
    for (int i = 0; i < r->nmeas; i++) {
        const CmpMeas *m = &r->meas[i];
        fputs("    {\"build\": ", f);
        jstr(f, r->builds[m->build].name);
        fprintf(f, ", \"kind\": \"%s\", \"threads\": %d, \"runs\": %d,\n     \"mean\": ",
                m->kind == CMP_THREADS ? "threads" : "processes", m->threads, m->nruns);
        jnum(f, m->mean);
        fputs(", \"stddev\": ", f);
        jnum(f, m->sd);
        fputs(", \"min\": ", f);
        jnum(f, m->min);
        fputs(", \"max\": ", f);
        jnum(f, m->max);
        fputs(", \"rsd\": ", f);
        jnum(f, m->mean > 0 ? m->sd / m->mean : NAN);
        fputs(",\n     \"speedup\": ", f);
        jnum(f, m->speedup);
        fputs(", \"vs_gil\": ", f);
        jnum(f, m->vs_gil);
        fputs(", \"efficiency\": ", f);
        jnum(f, m->efficiency);
        fputs(", \"vs_processes\": ", f);
        jnum(f, m->vs_procs);
        fprintf(f, ", \"output\": \"%s\",\n     \"times\": [",
                !r->checked ? "unchecked" : m->differs == 1 ? "differs between runs"
                : m->differs == 2 ? "differs between builds" : "ok");
        for (int k = 0; k < m->nruns; k++) {
            if (k) fputs(", ", f);
            jnum(f, m->times[k]);
        }
        fprintf(f, "]}%s\n", i + 1 < r->nmeas ? "," : "");
    }
    fputs("  ]\n}\n", f);
    int bad = ferror(f);
    if (f != stdout)
        bad |= fclose(f) != 0;
    else
        bad |= fflush(f) != 0;
    if (bad) {
        fprintf(stderr, "torii-compare: error writing %s\n", path);
        return -1;
    }
    return 0;
}

/* --- the chart ---------------------------------------------------------- */

int cmp_have_gnuplot(void)
{
    const char *path = getenv("PATH");
    if (!path)
        return 0;
    char *copy = strdup(path), *save = NULL;
    int found = 0;
    for (char *d = strtok_r(copy, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
        char full[4096];
        struct stat st;
        snprintf(full, sizeof full, "%s/gnuplot", *d ? d : ".");
        found = stat(full, &st) == 0 && S_ISREG(st.st_mode) && access(full, X_OK) == 0;
    }
    free(copy);
    return found;
}

/* A gnuplot double-quoted string; `text` when it is shown as enhanced text
 * (a title), whose markup characters must be taken literally. */
static void gstr(FILE *f, const char *s, int text)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        else if (text && (*s == '@' || *s == '_' || *s == '^' || *s == '{' || *s == '}'))
            fputs("\\\\", f); /* enhanced-text markup, taken literally */
        fputc(*s, f);
    }
    fputc('"', f);
}

static const CmpMeas *find(const CmpReport *r, int build, int threads, CmpKind kind)
{
    for (int i = 0; i < r->nmeas; i++)
        if (r->meas[i].build == build && r->meas[i].threads == threads && r->meas[i].kind == kind)
            return &r->meas[i];
    return NULL;
}

int cmp_report_plot(const char *path, const CmpReport *r)
{
    size_t n = strlen(path);
    int svg = n >= 4 && strcasecmp(path + n - 4, ".svg") == 0;
    int speedup = r->plot_speedup;
    fflush(NULL);
    /* A gnuplot that dies early must give an error here, not kill us. */
    signal(SIGPIPE, SIG_IGN);
    FILE *g = popen("gnuplot", "w");
    if (!g) {
        fprintf(stderr, "torii-compare: cannot run gnuplot: %m\n");
        return -1;
    }
    fputs("set encoding utf8\n", g);
    if (svg)
        fputs("set terminal svg size 800,500 dynamic enhanced background rgb 'white'\n", g);
    else
        fputs("if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {\n"
              "  set terminal pngcairo size 800,500 enhanced\n"
              "} else {\n"
              "  set terminal png size 800,500\n"
              "}\n", g);
    fputs("set output ", g);
    gstr(g, path, 0);
    fputs("\nset title ", g);
    {
        char title[1024];
        snprintf(title, sizeof title, "%s: %s against threads (%s scaling)", r->script,
                 speedup ? "speedup" : "mean time", r->scaling == CMP_WEAK ? "weak" : "strong");
        gstr(g, title, 1);
    }
    fputs("\nset xlabel 'threads'\n", g);
    if (speedup)
        fprintf(g, "set ylabel '%s'\n", r->scaling == CMP_WEAK ? "speedup = N t_1 / t_N"
                                                               : "speedup = t_1 / t_N");
    else
        fputs("set ylabel 'seconds (mean, bars: ±σ)'\n", g);
    fputs("set grid\nset key left top\nset yrange [0:*]\n", g);
    int maxt = r->threads[r->nthreads - 1];
    if (maxt > 2)
        fputs("set logscale x 2\n", g);
    fprintf(g, "set xrange [%g:%g]\nset xtics (", maxt > 2 ? 0.9 : 0.8, maxt > 2 ? maxt * 1.1 : maxt + 0.2);
    for (int i = 0; i < r->nthreads; i++)
        fprintf(g, "%s\"%d\" %d", i ? ", " : "", r->threads[i], r->threads[i]);
    fputs(")\n", g);

    /* One series per build, one per build's processes, then the ideal. */
    fputs("plot ", g);
    int series = 0;
    for (int b = 0; b < r->nbuilds; b++) {
        for (int p = 0; p < (r->processes ? 2 : 1); p++) {
            char title[256];
            snprintf(title, sizeof title, "%s%s", r->builds[b].name, p ? " (N processes)" : "");
            fprintf(g, "%s'-' using 1:2%s with %s lw 2 lc %d dt %d pt 7 title ", series ? ", \\\n  " : "",
                    speedup ? "" : ":3", speedup ? "linespoints" : "yerrorlines", b + 1, p ? 2 : 1);
            gstr(g, title, 1);
            series++;
        }
    }
    if (speedup)
        fputs(", \\\n  x with lines lc 'gray' dt 3 title 'ideal'", g);
    fputs("\n", g);
    for (int b = 0; b < r->nbuilds; b++) {
        for (int p = 0; p < (r->processes ? 2 : 1); p++) {
            for (int i = 0; i < r->nthreads; i++) {
                int t = r->threads[i];
                /* The processes line starts from the 1-thread run: it is 1 process. */
                const CmpMeas *m = find(r, b, t, p && t > 1 ? CMP_PROCESSES : CMP_THREADS);
                if (!m)
                    continue;
                double y = speedup ? (t == 1 ? 1.0 : m->speedup) : m->mean;
                if (isnan(y))
                    continue;
                fprintf(g, "%d %.9g %.9g\n", t, y, m->sd);
            }
            fputs("e\n", g);
        }
    }
    fputs("set output\n", g);
    int st = pclose(g);
    struct stat sb;
    if (st != 0) {
        fprintf(stderr, "torii-compare: gnuplot failed (wait status %#x) writing %s\n", st, path);
        return -1;
    }
    if (stat(path, &sb) != 0 || sb.st_size == 0) {
        fprintf(stderr, "torii-compare: gnuplot wrote no %s\n", path);
        return -1;
    }
    return 0;
}
