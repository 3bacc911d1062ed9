/* include/torii/int.h: int (immediate or GMP-backed) and bool.
 * An int whose value is in [TR_IMM_MIN, TR_IMM_MAX] is ALWAYS an immediate;
 * heap ints (TrBigInt, an mpz_t) only hold values outside that range.  Every
 * operation normalises its result to keep this true, so equal ints compare
 * equal by value and small-int identity holds. */
#ifndef TORII_INT_H
#define TORII_INT_H
#include "torii/object.h"

extern TrType tr_bool_type;
extern TrObject tr_true_obj, tr_false_obj;   /* immortal; bool is an int subclass */
#define tr_true (&tr_true_obj)
#define tr_false (&tr_false_obj)
static inline TrObject *tr_bool(int v) { return v ? tr_true : tr_false; }

/* 1 if `o` is an int or bool. */
static inline int int_check(const TrObject *o) { return tr_is_imm(o) || tr_isinstance(o, &tr_int_type); }
/* Returns a new reference (an immediate when it fits); NULL on MemoryError. */
TrObject *int_from_i64(TrThread *ts, int64_t v);
TrObject *int_from_u64(TrThread *ts, uint64_t v);
/* Parses `s` (len bytes) in `base` (0 = auto, 2..36) as int() does: optional
 * sign, surrounding whitespace, underscores between digits.  NULL with
 * ValueError "invalid literal for int() with base 10: '...'" on bad input. */
TrObject *int_from_string(TrThread *ts, const char *s, size_t len, int base);
/* Converts an int (or bool) to int64.  -1 with OverflowError "Python int too
 * large to convert to C long" when out of range (check err_occurred). */
int64_t int_as_i64(TrThread *ts, TrObject *o);
/* Like int_as_i64 but sets *overflow to +1/-1 instead of raising. */
int64_t int_as_i64_overflow(TrObject *o, int *overflow);
/* The nearest double; -1.0 with OverflowError "int too large to convert to float". */
double int_as_double(TrThread *ts, TrObject *o);
/* The int nearest toward zero of a finite double; errors as int(float). */
TrObject *int_from_double(TrThread *ts, double d);
/* Decimal text of `o`; new str. */
TrObject *int_repr(TrThread *ts, TrObject *o);
/* -1, 0, 1. o must be an int. */
int int_sign(TrObject *o);
/* Compare two ints: -1, 0, 1. Cannot fail. */
int int_compare(TrObject *a, TrObject *b);
/* CPython's hash of an int (mod 2**61-1, -1 becomes -2). */
int64_t int_hash(TrObject *o);
/* The richcompare slot of int (and bool): int against int or float, exact;
 * `tr_notimplemented` for other types.  Cannot fail. */
TrObject *int_richcompare(TrThread *ts, TrObject *a, TrObject *b, int op);
/* Arithmetic on two ints (bool included); new reference or NULL. */
TrObject *int_binop(TrThread *ts, int op, TrObject *a, TrObject *b);
/* divmod(a, b) for two ints: a new (q, r) tuple; `tr_notimplemented` when
 * either is not an int; ZeroDivisionError "integer division or modulo by zero". */
TrObject *int_divmod(TrThread *ts, TrObject *a, TrObject *b);
/* pow(a, b, m) with three ints (negative b: modular inverse).  TypeError
 * "pow() 3rd argument not allowed unless all arguments are integers" when one
 * is not an int; ValueError "pow() 3rd argument cannot be 0" / "base is not
 * invertible for the given modulus".  New reference. */
TrObject *int_powmod(TrThread *ts, TrObject *a, TrObject *b, TrObject *m);
/* round(x) / round(x, ndigits) for an int `x` (ndigits NULL or None: x
 * itself as an exact int); negative ndigits round half to even.  TypeError
 * "'str' object cannot be interpreted as an integer".  New reference. */
TrObject *int_round(TrThread *ts, TrObject *x, TrObject *ndigits);
/* sys.get_int_max_str_digits / sys.set_int_max_str_digits (0 = no limit;
 * the caller validates the value).  Any thread; cannot fail. */
int int_get_max_str_digits(void);
/* The magnitude of int `o` in `base` (2..36, lowercase letters) as a
 * malloc'd string with no sign and no digit limit; *neg tells the sign.
 * NULL with MemoryError.  For hex(), oct(), bin() and format(). */
char *int_digits_base(TrThread *ts, TrObject *o, int base, bool *neg);
void int_set_max_str_digits(int n);
/* int.from_bytes(bytes, byteorder='big', *, signed=False) as a builtin
 * method (objects/int.c); `self` is ignored (objects/bytes.c installs it
 * on int as a class method).  Returns a new int, NULL on error. */
TrObject *int_from_bytes(TrThread *ts, TrObject *self, TrObject *const *args, size_t nargs, TrObject *kwnames);
#endif
