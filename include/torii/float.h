/* include/torii/float.h: the float type (an immutable double). */
#ifndef TORII_FLOAT_H
#define TORII_FLOAT_H
#include "torii/object.h"

typedef struct TrFloat { TrObject ob_base; double value; } TrFloat;
extern TrType tr_float_type;
static inline int float_check(const TrObject *o) { return tr_isinstance(o, &tr_float_type); }
static inline double float_value(const TrObject *o) { return ((const TrFloat *)o)->value; }
/* Frees the calling thread's list of released floats (at thread exit). */
void float_thread_fini(void);
/* New float; NULL on MemoryError. */
TrObject *float_new(TrThread *ts, double v);
/* repr(float) exactly as CPython: shortest round-trip digits, "1e+16",
 * "inf", "nan", "-0.0".  Writes into buf (at least 32 bytes); returns length. */
size_t float_format_repr(double v, char *buf);
/* Converts an int or float to double; -1.0 with TypeError/OverflowError. */
double float_as_double(TrThread *ts, TrObject *o);
/* float(s): parses as CPython's float() (inf, nan, underscores, whitespace);
 * NULL with ValueError "could not convert string to float: '...'". */
TrObject *float_from_string(TrThread *ts, const char *s, size_t len);
/* CPython's hash of a double. */
int64_t float_hash_double(double v);
/* a <op> b on two doubles with Python's semantics and errors (op a
 * TR_BINOP_* among + - * / // % **; others give `tr_notimplemented`):
 * "float division by zero", "float floor division by zero", "float modulo by
 * zero", "0.0 cannot be raised to a negative power", OverflowError "(34,
 * 'Numerical result out of range')".  A negative base to a non-integer power
 * gives a complex (complex_pow_double), as CPython.  New reference. */
TrObject *float_binop_double(TrThread *ts, int op, double a, double b);
/* Compares the double `d` with the int `i` exactly (no rounding of `i`):
 * -1, 0, 1 for d < i, d == i, d > i; 2 when d is NaN.  Cannot fail. */
int float_compare_with_int(double d, TrObject *i);
/* divmod(a, b) where each is a float or an int and one is a float: a new
 * (q, r) tuple of floats; `tr_notimplemented` for other types;
 * ZeroDivisionError "float divmod()". */
TrObject *float_divmod(TrThread *ts, TrObject *a, TrObject *b);
/* round(x) (ndigits NULL or None: an int, half to even; OverflowError /
 * ValueError for inf / nan) and round(x, ndigits) (a float, correctly rounded
 * half to even on the exact decimal value, as CPython).  New reference. */
TrObject *float_round(TrThread *ts, double x, TrObject *ndigits);
#endif
