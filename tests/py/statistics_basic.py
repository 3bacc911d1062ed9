import statistics as st
from fractions import Fraction
data = [2.75, 1.75, 1.25, 0.25, 0.5, 1.25, 3.5]
ints = [1, 2, 3, 4, 4]
print(st.mean([1, 2, 3, 4]), st.mean([1, 2, 3]), st.mean(data), st.mean([0.1, 0.2, 0.3]), st.mean([1, 2.5]), st.mean([True, False]))
print(st.mean([Fraction(1, 3), Fraction(2, 3)]), st.mean([Fraction(1, 3), 1]))
print(st.fmean([1, 2, 3]), st.fmean([0.1] * 10), st.fmean([1, 2], weights=[3, 1]))
print(st.median([1, 3, 5]), st.median([1, 3, 5, 7]), st.median_low([1, 3, 5, 7]), st.median_high([1, 3, 5, 7]), st.median_grouped([52, 52, 53, 54]))
print(st.mode([1, 1, 2, 3, 3, 3, 3, 4]), st.mode(["red", "blue", "blue", "red"]), st.multimode('aabbbbccddddeeffffgg'), st.multimode([]))
print(st.variance(data), st.variance(ints), st.variance([1, 2, 3, 4]), st.pvariance([0.0, 0.25, 0.25, 1.25, 1.5, 1.75, 2.75, 3.25]))
print(st.stdev(data), st.stdev(ints), st.pstdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75]), st.pstdev([1, 2, 3, 4]))
print(st.variance([Fraction(1, 4), Fraction(5, 4), Fraction(1, 2)]), st.pvariance([1, 2, 3]))
print(st.variance(data, st.mean(data)), st.geometric_mean([54, 24, 36]), st.harmonic_mean([40, 60]), st.harmonic_mean([2.5, 3, 10]), st.harmonic_mean([40, 60], weights=[5, 30]))
print(st.quantiles([105, 129, 87, 86, 111, 111, 89, 81, 108, 92, 110, 100, 75, 105, 103, 109, 76, 119, 99, 91, 103, 129, 106, 101, 84, 111, 74, 87, 86, 103, 103, 106, 86, 111, 75, 87, 102, 121, 111, 88, 89, 101, 106, 95, 103, 107, 101, 81, 109, 104], n=10))
print(st.quantiles([1, 2, 3, 4, 5], n=4, method='inclusive'), st.quantiles([1.5, 2.5], n=3))
for f, a in [(st.mean, []), (st.variance, [1]), (st.stdev, [1]), (st.pvariance, []), (st.median, []), (st.mode, []), (st.harmonic_mean, [])]:
    try: f(a)
    except st.StatisticsError as e: print(type(e).__name__, e, isinstance(e, ValueError))
print(st.mean([1e308, 1e308, -1e308]), st.stdev([1e-10, 2e-10, 3e-10]), st.mean([float('inf'), 1]))
