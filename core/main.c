/* core/main.c: the `torii` command line, shaped like python3's:
 *   torii script.py args...   run a file (sys.argv = ['script.py', args...])
 *   torii -c CODE args...     run CODE (sys.argv = ['-c', args...])
 *   torii -m MODULE args...   run a module (or a package's __main__) as
 *                             __main__ (sys.argv = [its file, args...])
 *   torii -V / -VV            version; -VV also names the build (GIL or not)
 *   torii                     run standard input as a script
 *   -X contention[=FILE]      print the contention report at exit, to stderr
 *                             or FILE (threads/contention.h; also
 *                             TORII_CONTENTION=1 or =FILE); other -X options
 *                             are accepted and ignored, as CPython does
 *   -X race                   report data races between threads on Python
 *                             objects (threads/race.h; also TORII_RACE=1);
 *                             the exit status is then 66 if any was found
 * Exit status: 0, 1 after an uncaught exception or syntax error, 2 for a bad
 * command line or a script that cannot be opened, or the SystemExit code. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "torii/torii.h"
#include "threads/contention.h"
#include "threads/race.h"

#define TORII_VERSION "0.1.0"

static void usage(const char *prog, FILE *out) {
    fprintf(out, "usage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
                 "Options:\n"
                 "-c cmd : program passed in as string (terminates option list)\n"
                 "-m mod : run library module as a script (terminates option list)\n"
                 "-V     : print the torii version number and exit (also --version)\n"
                 "         when given twice, print more information about the build\n"
                 "-E     : ignore PYTHON* environment variables (such as PYTHONPATH)\n"
                 "-I     : isolate from the user's environment (implies -E)\n"
                 "-O     : remove assert and __debug__-dependent statements; -OO also\n"
                 "         discards docstrings\n"
                 "-u     : unbuffered stdout (accepted; output is flushed at exit)\n"
                 "-X contention[=FILE] : at exit, report where threads waited for each\n"
                 "         other (to stderr, or FILE); also TORII_CONTENTION=1 or =FILE\n"
                 "-X race : report unsynchronised accesses to Python objects from two\n"
                 "         threads (exit status 66 if any); also TORII_RACE=1\n"
                 "-h     : print this help message and exit (also --help)\n", prog);
}

/* Reads all of `f` into a malloc'd buffer; NULL on failure. */
static char *slurp(FILE *f, size_t *len) {
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf) return NULL;
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) {
            if (ferror(f)) { free(buf); return NULL; }
            break;
        }
        cap *= 2;
        char *nb = realloc(buf, cap + 1);
        if (!nb) { free(buf); return NULL; }
        buf = nb;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

#if TR_USE_JEMALLOC
/* jemalloc's start-up options (it reads this symbol of the executable; the
 * MALLOC_CONF environment variable still overrides).  By default jemalloc
 * carves new slabs only out of free extents at most 64 times their size, so
 * the big extents a freed tree of objects leaves are not reused for the
 * next one and the process maps new memory: binary trees peaked at 182 MB,
 * with this 101 MB (bench/memory.sh). */
const char *malloc_conf = "lg_extent_max_active_fit:20";
#endif

int main(int argc, char **argv) {
    int version = 0, i = 1;
    const char *command = NULL, *module = NULL;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || strcmp(a, "-") == 0) break;
        if (strcmp(a, "--") == 0) { i++; break; }
        if (strcmp(a, "-c") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "Argument expected for the -c option\n");
                usage(argv[0], stderr);
                return 2;
            }
            command = argv[i + 1];
            i += 1;   /* argv[i] stays "-c": it becomes sys.argv[0] */
            break;
        }
        if (strncmp(a, "-m", 2) == 0) {
            /* -m NAME or -mNAME; sys.argv[0] is NAME until its file is found */
            if (!a[2] && i + 1 >= argc) {
                fprintf(stderr, "Argument expected for the -m option\n");
                usage(argv[0], stderr);
                return 2;
            }
            module = a[2] ? a + 2 : argv[++i];
            break;
        }
        if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) { version++; continue; }
        if (strcmp(a, "-VV") == 0) { version += 2; continue; }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { usage(argv[0], stdout); return 0; }
        if (strcmp(a, "-u") == 0) continue;
        if (strcmp(a, "-B") == 0) { tr_runtime.dont_write_bytecode = 1; continue; }
        if (strcmp(a, "-s") == 0) { tr_runtime.no_user_site = 1; continue; }
        if (strcmp(a, "-S") == 0) { tr_runtime.no_site = 1; continue; }
        if (strcmp(a, "-E") == 0) { tr_runtime.ignore_environment = 1; continue; }
        if (strcmp(a, "-I") == 0) {
            tr_runtime.ignore_environment = tr_runtime.isolated = tr_runtime.no_user_site = 1;
            continue;
        }
        if (strcmp(a, "-O") == 0) { tr_runtime.optimize++; continue; }
        if (strcmp(a, "-OO") == 0) { tr_runtime.optimize += 2; continue; }
        if (strncmp(a, "-W", 2) == 0) {
            /* -W arg or -Warg: sys.warnoptions, read by the warnings module */
            const char *w = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
            if (!w) {
                fprintf(stderr, "Argument expected for the -W option\n");
                usage(argv[0], stderr);
                return 2;
            }
            if (tr_runtime.nwarnoptions < 16) tr_runtime.warnoptions[tr_runtime.nwarnoptions++] = w;
            continue;
        }
        if (strncmp(a, "-X", 2) == 0) {
            /* -X opt or -Xopt.  Only torii's own is read; CPython ignores
             * the ones it does not know, and so does torii. */
            const char *x = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
            if (!x) {
                fprintf(stderr, "Argument expected for the -X option\n");
                usage(argv[0], stderr);
                return 2;
            }
            if (strcmp(x, "contention") == 0) contention_enable(NULL);
            else if (strncmp(x, "contention=", 11) == 0) contention_enable(x[11] ? x + 11 : NULL);
            else if (strcmp(x, "race") == 0 && !race_on) race_enable();
            continue;
        }
        fprintf(stderr, "Unknown option: %s\n", a);
        usage(argv[0], stderr);
        return 2;
    }
    const char *opt = tr_runtime.ignore_environment ? NULL : getenv("PYTHONOPTIMIZE");
    if (opt && *opt) {
        int n = atoi(opt);   /* a non-number counts as 1, as in CPython */
        if (n < 1) n = 1;
        if (n > tr_runtime.optimize) tr_runtime.optimize = n;
    }
    if (version) {
        if (version == 1)
            printf("torii " TORII_VERSION "\n");
        else
            printf("torii " TORII_VERSION " (Python 3.13 language; %s build) [%s]\n",
                   TR_GIL_ENABLED ? "GIL" : "free-threaded, no GIL",
#if defined(__clang__)
                   "Clang " __clang_version__
#else
                   "GCC " __VERSION__
#endif
            );
        return 0;
    }

    char *source = NULL;
    size_t len = 0;
    const char *filename;
    char pathbuf[PATH_MAX];
    if (module) {
        filename = NULL;
    } else if (command) {
        filename = "<string>";
        len = strlen(command);
        source = malloc(len + 2);
        if (!source) return 1;
        memcpy(source, command, len);
        source[len] = '\0';
    } else if (i < argc && strcmp(argv[i], "-") != 0) {
        filename = argv[i];
        FILE *f = fopen(filename, "rb");
        if (!f) {
            int e = errno;
            const char *shown = filename;
            if (filename[0] != '/' && getcwd(pathbuf, sizeof pathbuf)) {
                size_t used = strlen(pathbuf);
                snprintf(pathbuf + used, sizeof pathbuf - used, "/%s", filename);
                shown = pathbuf;
            }
            fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", argv[0], shown, e, strerror(e));
            return 2;
        }
        source = slurp(f, &len);
        fclose(f);
        if (!source) { fprintf(stderr, "%s: can't read file '%s'\n", argv[0], filename); return 2; }
        /* Like CPython, the code's filename is the absolute path (not
         * resolving symlinks), so tracebacks name the file the same way. */
        if (filename[0] != '/' && getcwd(pathbuf, sizeof pathbuf)) {
            size_t used = strlen(pathbuf);
            const char *rel = filename;
            while (rel[0] == '.' && rel[1] == '/') rel += 2;
            snprintf(pathbuf + used, sizeof pathbuf - used, "/%s", rel);
            filename = pathbuf;
        }
    } else {
        filename = "<stdin>";
        source = slurp(stdin, &len);
        if (!source) return 1;
        /* sys.argv is ['-', args...] after "-", [''] with no arguments. */
    }

    const char *env = getenv("TORII_CONTENTION");
    if (env && *env && strcmp(env, "0") != 0 && !contention_on)
        contention_enable(strcmp(env, "1") == 0 ? NULL : env);
    env = getenv("TORII_RACE");
    if (env && *env && strcmp(env, "0") != 0 && !race_on) race_enable();

    TrThread *ts = runtime_init(argc - i, argv + i);
    if (!ts) { fprintf(stderr, "torii: fatal: could not initialise the runtime\n"); return 1; }
    int status = module ? runtime_run_module(ts, module) : runtime_run_source(ts, source, len, filename);
    status = runtime_finalize(ts, status);
    free(source);
    return status;
}
