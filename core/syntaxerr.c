/* core/syntaxerr.c: prints a TrSyntaxError the way CPython 3.13's traceback
 * module formats a SyntaxError (TracebackException._format_syntax_error).
 * CPython's offsets count characters; ours count bytes, so columns are
 * converted over the line's UTF-8 text before the carets are placed.
 * Threads: no shared state. */
#include <stdio.h>
#include <string.h>
#include "core/ast.h"

/* Characters in the first `nbytes` bytes of `s` (UTF-8). */
static long chars(const char *s, long nbytes)
{
    long n = 0;
    for (long i = 0; i < nbytes && s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

static bool is_space_char(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void syntaxerr_print(const TrSyntaxError *e, const char *filename, FILE *out)
{
    if (e->type && strcmp(e->type, "MemoryError") == 0) {
        /* the parser gave up ("Parser stack overflowed"): CPython shows no location */
        fprintf(out, "MemoryError: %s\n", e->msg);
        return;
    }
    fprintf(out, "  File \"%s\", line %d\n", filename ? filename : "<string>", e->lineno);
    if (e->text) {
        const char *text = e->text;
        long tlen = (long)strlen(text);
        long rlen = tlen;
        while (rlen > 0 && text[rlen - 1] == '\n')
            rlen--;
        long lstart = 0;
        while (lstart < rlen && (text[lstart] == ' ' || text[lstart] == '\n' || text[lstart] == '\f'))
            lstart++;
        const char *ltext = text + lstart;
        long llen = rlen - lstart;
        fprintf(out, "    %.*s\n", (int)llen, ltext);
        long rchars = chars(text, rlen), tchars = chars(text, tlen);
        long spaces = lstart;       /* stripped characters are all ASCII */
        long offset = e->col < 0 ? 1 : chars(text, e->col) + 1;
        if (e->col > rlen)
            offset = e->col - rlen + rchars + 1;
        long end_offset;
        if (e->end_lineno != e->lineno && e->end_lineno > 0)
            end_offset = rchars + 1;
        else if (e->end_col < 0)
            end_offset = offset;
        else
            end_offset = e->end_col > rlen ? e->end_col - rlen + rchars + 1 : chars(text, e->end_col) + 1;
        if (offset > tchars)
            offset = rchars + 1;
        if (end_offset > tchars)
            end_offset = rchars + 1;
        if (offset >= end_offset || end_offset < 0)
            end_offset = offset + 1;
        long colno = offset - 1 - spaces, end_colno = end_offset - 1 - spaces;
        if (colno >= 0 && e->col >= 0) {
            fputs("    ", out);
            /* whitespace like tabs is kept so the carets line up */
            long ci = 0;
            for (long i = 0; i < llen && ci < colno; i++) {
                if (((unsigned char)ltext[i] & 0xC0) == 0x80)
                    continue;
                fputc(is_space_char(ltext[i]) ? ltext[i] : ' ', out);
                ci++;
            }
            for (; ci < colno; ci++)
                fputc(' ', out);
            for (long i = colno; i < end_colno; i++)
                fputc('^', out);
            fputc('\n', out);
        }
    }
    fprintf(out, "%s: %s\n", e->type ? e->type : "SyntaxError", e->msg);
}
