/* core/tokenizer.h: the Python 3.13 tokenizer over a UTF-8 source buffer.
 *
 * The tokenizer hands out one token at a time.  Tokens point into the source
 * (it must outlive them); STRING tokens keep their prefix and quotes, and the
 * parser decodes them.  f-strings are one STRING token: the tokenizer only
 * finds where they end (nested replacement fields, nested quotes included);
 * the parser tokenizes each replacement field again with tokenizer_init_at.
 * Spans follow CPython: 1-based lines, 0-based byte columns, end exclusive.
 * Threads: a tokenizer is used by one thread.
 */
#ifndef TORII_TOKENIZER_H
#define TORII_TOKENIZER_H

#include <stddef.h>
#include "core/ast.h"

typedef enum {
    T_ENDMARKER, T_NAME, T_NUMBER, T_STRING, T_NEWLINE, T_INDENT, T_DEDENT, T_OP,
} TrTokKind;

/* Operators and delimiters (the `op` of a T_OP token). */
typedef enum {
    OP_NONE,
    OP_LPAR, OP_RPAR, OP_LSQB, OP_RSQB, OP_LBRACE, OP_RBRACE,
    OP_COLON, OP_COMMA, OP_SEMI, OP_DOT, OP_ELLIPSIS, OP_ARROW, OP_WALRUS,
    OP_PLUS, OP_MINUS, OP_STAR, OP_SLASH, OP_VBAR, OP_AMPER, OP_LESS, OP_GREATER,
    OP_EQUAL, OP_PERCENT, OP_TILDE, OP_CIRCUMFLEX, OP_AT, OP_EXCLAMATION,
    OP_EQEQUAL, OP_NOTEQUAL, OP_LESSEQUAL, OP_GREATEREQUAL,
    OP_LSHIFT, OP_RSHIFT, OP_DOUBLESTAR, OP_DOUBLESLASH,
    OP_PLUSEQUAL, OP_MINEQUAL, OP_STAREQUAL, OP_SLASHEQUAL, OP_PERCENTEQUAL,
    OP_AMPEREQUAL, OP_VBAREQUAL, OP_CIRCUMFLEXEQUAL, OP_LSHIFTEQUAL, OP_RSHIFTEQUAL,
    OP_DOUBLESTAREQUAL, OP_DOUBLESLASHEQUAL, OP_ATEQUAL,
    OP_COUNT
} TrOp;

typedef struct TrToken {
    TrTokKind kind;
    TrOp op;                            /* for T_OP, else OP_NONE */
    const char *start;                  /* into the source; borrowed */
    size_t len;
    int lineno, col, end_lineno, end_col;
} TrToken;

#define TOK_MAX_INDENT 100
#define TOK_MAX_PAREN 200
#define TOK_MAX_FSTRING 150     /* f-strings nested in replacement fields: CPython's limit */

/* Invariant: `indents[0] == 0` and the stack strictly increases; `altindents`
 * shadows it with tabs counted as one column (to detect TabError). */
typedef struct TrTokenizer {
    const char *src, *cur, *end;
    const char *line_start;             /* first byte of the current physical line */
    int lineno;
    int indents[TOK_MAX_INDENT], altindents[TOK_MAX_INDENT], nindents;
    int pending;                        /* > 0: INDENTs to emit; < 0: DEDENTs */
    bool at_bol;                        /* at the beginning of a logical line */
    bool emitted_newline;               /* last token was NEWLINE (or nothing yet) */
    bool done;                          /* ENDMARKER handed out */
    bool sub;                           /* tokenizing a replacement field: no NEWLINE/INDENT */
    int level;                          /* open brackets */
    int fdepth;                         /* f-strings being scanned (nested in fields) */
    bool fdepth_error;                  /* the error is "too many nested f-strings": no retry */
    char paren[TOK_MAX_PAREN];
    int paren_line[TOK_MAX_PAREN], paren_col[TOK_MAX_PAREN];
    bool eof_in_paren;                  /* the error was reaching the end inside brackets */
} TrTokenizer;

/* Starts tokenizing `len` bytes at `src` (need not be NUL-terminated). */
void tokenizer_init(TrTokenizer *t, const char *src, size_t len);

/* Starts tokenizing the bytes [from, to) of a buffer that begins at `src`, as
 * the inside of brackets (no NEWLINE, INDENT or DEDENT), with `from` at
 * line `lineno`; columns are counted from `line_start`.  At `to` it yields
 * ENDMARKER. */
void tokenizer_init_at(TrTokenizer *t, const char *src, const char *from, const char *to,
                       int lineno, const char *line_start);

/* Reads the next token into `*tok`.  Returns 0, or -1 with `*err` filled as
 * CPython reports the error (err->text is malloc'd; the caller frees it).
 * After ENDMARKER it keeps returning ENDMARKER.  When the source ends inside
 * brackets the error is "'(' was never closed" and `t->eof_in_paren` is set. */
int tokenizer_next(TrTokenizer *t, TrToken *tok, TrSyntaxError *err);

/* Fills `*err` (type, msg, position; text = a malloc'd copy of line `lineno`
 * of `src`, found by counting lines).  `end_col` -1: one caret. */
void tokenizer_error_at(TrSyntaxError *err, const char *src, const char *end, const char *type,
                        int lineno, int col, int end_lineno, int end_col, const char *fmt, ...)
    __attribute__((format(printf, 9, 10)));

/* Moves `t->cur` (inside an f-string replacement field) over a Python
 * expression to the first top-level '}', ':', '!' (not "!=") or '=' of a
 * `{x=}` (not "==", "<=", ...); nested brackets and strings are skipped and
 * `t->lineno` / `t->line_start` follow the newlines crossed.  `quote` and
 * `triple` describe the enclosing literal.  Returns 0, or -1 (with `*err`)
 * at the end of the input or at the enclosing literal's closing quote. */
int tokenizer_skip_fexpr(TrTokenizer *t, char quote, bool triple, TrSyntaxError *err);

/* Display names ("(", "**=") of operators, indexed by TrOp. */
extern const char *const tokenizer_op_names[OP_COUNT];

#endif
