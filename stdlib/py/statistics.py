"""Basic statistics: mean, fmean, geometric_mean, harmonic_mean, median
(low/high/grouped), mode, multimode, quantiles, variance, pvariance, stdev,
pstdev, as CPython's statistics module.  Sums are exact (fractions), so the
float results are the correctly rounded ones CPython prints.  torii's own
implementation."""

import math
from fractions import Fraction
from bisect import bisect_left, bisect_right
from collections import Counter

__all__ = ['NormalDist', 'StatisticsError', 'fmean', 'geometric_mean',
           'harmonic_mean', 'mean', 'median', 'median_grouped', 'median_high',
           'median_low', 'mode', 'multimode', 'pstdev', 'pvariance',
           'quantiles', 'stdev', 'variance']


class StatisticsError(ValueError):
    pass


def _exact_ratio(x):
    """(numerator, denominator) of x; (x, None) for a NaN or infinity."""
    if isinstance(x, float):
        if x != x or x in (math.inf, -math.inf):
            return (x, None)
        return x.as_integer_ratio()
    if isinstance(x, int):
        return (int(x), 1)
    if isinstance(x, Fraction):
        return (x.numerator, x.denominator)
    try:
        return x.as_integer_ratio()
    except AttributeError:
        pass
    raise TypeError(f"can't convert type '{type(x).__name__}' to numerator/denominator")


def _coerce(T, S):
    if T is S:
        return T
    if S is int or S is bool:
        return T
    if T is int:
        return S
    if issubclass(S, T):
        return S
    if issubclass(T, S):
        return T
    if issubclass(T, int):
        return S
    if issubclass(S, int):
        return T
    if issubclass(T, Fraction) and issubclass(S, float):
        return S
    if issubclass(T, float) and issubclass(S, Fraction):
        return T
    msg = "don't know how to coerce %s and %s"
    raise TypeError(msg % (T.__name__, S.__name__))


def _sum(data):
    """(type, exact total, count) of data."""
    count = 0
    T = int
    partials = {}
    special = None
    for x in data:
        T = _coerce(T, type(x))
        n, d = _exact_ratio(x)
        count += 1
        if d is None:
            special = n if special is None else special + n
        else:
            partials[d] = partials.get(d, 0) + n
    if special is not None:
        total = special
    else:
        total = sum((Fraction(n, d) for d, n in partials.items()), Fraction(0))
    return (T, total, count)


def _ss(data, c=None):
    """(type, exact sum of squared deviations, mean, count)."""
    if c is not None:
        T, total, count = _sum((x - c) * (x - c) for x in data)
        return (T, total, c, count)
    count = 0
    T = int
    sx = {}
    sxx = {}
    special = None
    for x in data:
        T = _coerce(T, type(x))
        n, d = _exact_ratio(x)
        count += 1
        if d is None:
            special = n if special is None else special + n
            continue
        sx[d] = sx.get(d, 0) + n
        sxx[d] = sxx.get(d, 0) + n * n
    if not count:
        ssd = c = Fraction(0)
    elif special is not None:
        ssd = c = special
    else:
        s1 = sum((Fraction(n, d) for d, n in sx.items()), Fraction(0))
        s2 = sum((Fraction(n, d * d) for d, n in sxx.items()), Fraction(0))
        ssd = (count * s2 - s1 * s1) / count
        c = s1 / count
    return (T, ssd, c, count)


def _convert(value, T):
    if type(value) is T:
        return value
    if not isinstance(value, Fraction):
        return value
    if issubclass(T, int) and value.denominator != 1:
        T = float
    if T is int or T is bool:
        return int(value)
    if T is float:
        return float(value)
    return T(value)


def _fsum(values):
    """math.fsum: the correctly rounded float sum."""
    total = Fraction(0)
    special = None
    for v in values:
        v = float(v)
        if v != v or v in (math.inf, -math.inf):
            special = v if special is None else special + v
        else:
            total += Fraction(v)
    if special is not None:
        return special
    return float(total)


def _sqrt_frac_rto(n, m):
    a = math.isqrt(n // m)
    return a | (a * a * m != n)


def _float_sqrt_of_frac(n, m):
    """sqrt(n/m) as a correctly rounded float."""
    q = (n.bit_length() - m.bit_length() - 109) // 2
    if q >= 0:
        num = _sqrt_frac_rto(n, m << 2 * q) << q
        den = 1
    else:
        num = _sqrt_frac_rto(n << -2 * q, m)
        den = 1 << -q
    return num / den


def mean(data):
    """Return the sample arithmetic mean of data."""
    T, total, n = _sum(data)
    if n < 1:
        raise StatisticsError('mean requires at least one data point')
    if not isinstance(total, Fraction):
        return _convert(total, T) if T is not int else total
    return _convert(total / n, T)


def fmean(data, weights=None):
    """Convert data to floats and compute the arithmetic mean."""
    if weights is None:
        data = list(data)
        n = len(data)
        total = _fsum(data)
        if not n:
            raise StatisticsError('fmean requires at least one data point')
        return total / n
    data = list(data)
    weights = list(weights)
    if len(weights) != len(data):
        raise StatisticsError('data and weights must be the same length')
    num = _fsum(x * w for x, w in zip(data, weights))
    den = _fsum(weights)
    if not den:
        raise StatisticsError('sum of weights must be non-zero')
    return num / den


def geometric_mean(data):
    """Convert data to floats and compute the geometric mean."""
    n = 0
    found_zero = False
    logs = []
    for x in data:
        n += 1
        if x > 0.0 or x != x:
            logs.append(math.log(x))
        elif x == 0.0:
            found_zero = True
        else:
            raise StatisticsError('No negative inputs allowed', x)
    total = _fsum(logs)
    if not n:
        raise StatisticsError('Must have a non-empty dataset')
    if total != total:
        return math.nan
    if found_zero:
        return math.nan if total == math.inf else 0.0
    return math.exp(total / n)


def harmonic_mean(data, weights=None):
    """Return the harmonic mean of data."""
    data = list(data)
    errmsg = 'harmonic mean does not support negative values'
    n = len(data)
    if n < 1:
        raise StatisticsError('harmonic_mean requires at least one data point')
    elif n == 1 and weights is None:
        x = data[0]
        if isinstance(x, (int, float, Fraction)):
            if x < 0:
                raise StatisticsError(errmsg)
            return x
        raise TypeError('unsupported type')
    if weights is None:
        weights = [1] * n
        sum_weights = n
    else:
        weights = list(weights)
        if len(weights) != n:
            raise StatisticsError('Number of weights does not match data size')
        _, sum_weights, _ = _sum(w for w in weights)
        for w in weights:
            if w < 0:
                raise StatisticsError('Weights must be non-negative')
    for x in data:
        if x < 0:
            raise StatisticsError(errmsg)
    try:
        T, total, count = _sum(w / x if x else 0 for w, x in zip(weights, data))
    except ZeroDivisionError:
        return 0
    if total <= 0:
        raise StatisticsError('Weighted sum must be positive')
    return _convert(sum_weights / total, T)


def median(data):
    """Return the median (middle value) of numeric data."""
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    if n % 2 == 1:
        return data[n // 2]
    i = n // 2
    return (data[i - 1] + data[i]) / 2


def median_low(data):
    """Return the low median of numeric data."""
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    if n % 2 == 1:
        return data[n // 2]
    return data[n // 2 - 1]


def median_high(data):
    """Return the high median of data."""
    data = sorted(data)
    n = len(data)
    if n == 0:
        raise StatisticsError("no median for empty data")
    return data[n // 2]


def median_grouped(data, interval=1.0):
    """Estimates the median for numeric data binned around the midpoints
    of consecutive, fixed-width intervals."""
    data = sorted(data)
    n = len(data)
    if not n:
        raise StatisticsError("no median for empty data")
    x = data[n // 2]
    i = bisect_left(data, x)
    j = bisect_right(data, x, lo=i)
    try:
        interval = float(interval)
        x = float(x)
    except ValueError:
        raise TypeError('Value cannot be converted to a float')
    L = x - interval / 2.0
    cf = i
    f = j - i
    return L + interval * (n / 2 - cf) / f


def mode(data):
    """Return the most common data point from discrete or nominal data."""
    pairs = Counter(iter(data)).most_common(1)
    try:
        return pairs[0][0]
    except IndexError:
        raise StatisticsError('no mode for empty data') from None


def multimode(data):
    """Return a list of the most frequently occurring values."""
    counts = Counter(iter(data))
    if not counts:
        return []
    maxcount = max(counts.values())
    return [value for value, count in counts.items() if count == maxcount]


def quantiles(data, *, n=4, method='exclusive'):
    """Divide *data* into *n* continuous intervals with equal probability."""
    if n < 1:
        raise StatisticsError('n must be at least 1')
    data = sorted(data)
    ld = len(data)
    if ld < 2:
        if ld == 1:
            return data * (n - 1)
        raise StatisticsError('must have at least one data point')
    if method == 'inclusive':
        m = ld - 1
        result = []
        for i in range(1, n):
            j, delta = divmod(i * m, n)
            interpolated = (data[j] * (n - delta) + data[j + 1] * delta) / n
            result.append(interpolated)
        return result
    if method == 'exclusive':
        m = ld + 1
        result = []
        for i in range(1, n):
            j = i * m // n
            j = 1 if j < 1 else ld - 1 if j > ld - 1 else j
            delta = i * m - j * n
            interpolated = (data[j - 1] * (n - delta) + data[j] * delta) / n
            result.append(interpolated)
        return result
    raise ValueError(f'Unknown method: {method!r}')


def variance(data, xbar=None):
    """Return the sample variance of data."""
    T, ss, c, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError('variance requires at least two data points')
    if not isinstance(ss, Fraction):
        return _convert(ss, T) if T is not int else ss
    return _convert(ss / (n - 1), T)


def pvariance(data, mu=None):
    """Return the population variance of ``data``."""
    T, ss, c, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError('pvariance requires at least one data point')
    if not isinstance(ss, Fraction):
        return ss
    return _convert(ss / n, T)


def stdev(data, xbar=None):
    """Return the square root of the sample variance."""
    T, ss, c, n = _ss(data, xbar)
    if n < 2:
        raise StatisticsError('stdev requires at least two data points')
    if not isinstance(ss, Fraction):
        return math.sqrt(ss)
    mss = ss / (n - 1)
    return _float_sqrt_of_frac(mss.numerator, mss.denominator)


def pstdev(data, mu=None):
    """Return the square root of the population variance."""
    T, ss, c, n = _ss(data, mu)
    if n < 1:
        raise StatisticsError('pstdev requires at least one data point')
    if not isinstance(ss, Fraction):
        return math.sqrt(ss)
    mss = ss / n
    return _float_sqrt_of_frac(mss.numerator, mss.denominator)
