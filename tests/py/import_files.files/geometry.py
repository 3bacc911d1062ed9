"""Helpers the test imports from the script's own directory."""
import math

PI2 = 2 * math.pi
_calls = []


def circle_area(r):
    _calls.append(r)
    return math.pi * r * r


def check(v):
    if v < 0:
        raise ValueError(f"negative: {v}")
    return v
