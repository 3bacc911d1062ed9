/* core/traceback.h: the pure part of traceback printing, exposed for the
 * unit tests: formatting the source lines and carets of one frame exactly as
 * CPython 3.13's traceback module does.  No objects, no thread state. */
#ifndef TORII_CORE_TRACEBACK_H
#define TORII_CORE_TRACEBACK_H

/* Formats the source block of one traceback entry: `lines[0..n)` are the
 * raw source lines `lineno..end_lineno` (UTF-8, no newline; NULL counts as
 * an empty line); `col` and `end_col` are the instruction's UTF-8 byte
 * columns on the first and last line (-1 when unknown).  Returns a malloc'd
 * NUL-terminated string holding what CPython prints after the
 * `  File "...", line N, in f` line: the source line(s) indented by four
 * spaces, each followed by its caret line when CPython shows one
 * (e.g. "    return a[3] + 1\n           ~^^^\n"); "" when there is no
 * source.  NULL only when out of memory. */
char *traceback_format_source(const char *const *lines, int n, int col, int end_col);

/* Registers the text of an in-memory source (the `-c` argument, "<string>")
 * so that tracebacks can show its lines.  Both strings are copied; a second
 * registration of the same name replaces the first.  Any thread. */
void traceback_set_source(const char *filename, const char *source);

/* Prints a compile-time warning as CPython's warnings module does:
 * "FILE:LINE: SyntaxWarning: MSG" and, for a real file, the stripped source
 * line indented by two spaces.  Used by the parser and the compiler. */
void traceback_syntax_warning(const char *filename, int lineno, const char *msg);

#endif
