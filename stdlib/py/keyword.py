"""Python's reserved words (torii's keyword module).

kwlist holds the words that can never be identifiers, softkwlist those
that are keywords only in particular places; iskeyword() and
issoftkeyword() test a string against them.  Both lists follow the
Python 3.13 grammar that torii implements.
"""

__all__ = ["iskeyword", "issoftkeyword", "kwlist", "softkwlist"]

kwlist = [
    'False',
    'None',
    'True',
    'and',
    'as',
    'assert',
    'async',
    'await',
    'break',
    'class',
    'continue',
    'def',
    'del',
    'elif',
    'else',
    'except',
    'finally',
    'for',
    'from',
    'global',
    'if',
    'import',
    'in',
    'is',
    'lambda',
    'nonlocal',
    'not',
    'or',
    'pass',
    'raise',
    'return',
    'try',
    'while',
    'with',
    'yield',
]

# Keywords only in some contexts: match/case statements, type aliases,
# and '_' as the wildcard pattern.
softkwlist = [
    '_',
    'case',
    'match',
    'type',
]

# The tests are bound __contains__ methods of frozensets, like CPython's;
# hence an unhashable argument raises TypeError.
_HARD = frozenset(kwlist)
_SOFT = frozenset(softkwlist)
iskeyword = _HARD.__contains__
issoftkeyword = _SOFT.__contains__
del _HARD, _SOFT
