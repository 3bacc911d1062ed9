/* include/torii/complex.h: the complex type (an immutable pair of doubles). */
#ifndef TORII_COMPLEX_H
#define TORII_COMPLEX_H
#include "torii/object.h"

typedef struct TrComplex { TrObject ob_base; double real, imag; } TrComplex;
extern TrType tr_complex_type;
static inline int complex_check(const TrObject *o) { return tr_isinstance(o, &tr_complex_type); }
static inline double complex_real(const TrObject *o) { return ((const TrComplex *)o)->real; }
static inline double complex_imag(const TrObject *o) { return ((const TrComplex *)o)->imag; }
/* New complex real+imag*j; NULL on MemoryError. */
TrObject *complex_new(TrThread *ts, double real, double imag);
/* One part of repr(complex): CPython's 'r' format of `v` without the ".0"
 * a float repr adds ("1", "-0", "1.5", "1e+16", "inf", "nan").  Writes into
 * buf (at least 40 bytes); returns the length. */
size_t complex_format_part(double v, char *buf);
/* a ** b for doubles as complex numbers (float ** float with a negative
 * base and a non-integral exponent); new complex, or NULL with
 * OverflowError "complex exponentiation". */
TrObject *complex_pow_double(TrThread *ts, double a, double b);
/* format(z, spec) for a complex `z` (objects/format.c); new str or NULL. */
TrObject *complex_format(TrThread *ts, TrObject *z, TrObject *spec);
#endif
