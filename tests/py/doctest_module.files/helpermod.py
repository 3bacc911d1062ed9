"""Helper module.

>>> double(4)
8
"""
def double(x):
    """
    >>> double(2)
    4
    >>> double('ab')
    'abab'
    >>> _
    'abab'
    >>> double(
    ...     3)
    6
    >>> for i in range(3):
    ...     print(i, end=' ')
    0 1 2 
    >>> print('trailing   ')
    trailing
    """
    return x * 2

class Outer:
    """
    >>> Outer.Inner.f()
    'inner'
    """
    class Inner:
        @classmethod
        def f(cls):
            """
            >>> Outer.Inner.f()
            'inner'
            """
            return 'inner'

def diffy():
    """
    >>> print('a\\nb\\nc\\nd')  # doctest: +REPORT_NDIFF
    a
    B
    c
    d
    >>> print('1\\n2\\n3\\n4')  # doctest: +REPORT_UDIFF
    1
    2
    x
    4
    >>> print(list(range(30)))  # doctest: +ELLIPSIS, +NORMALIZE_WHITESPACE
    [0,  1, ...,
      29]
    """
