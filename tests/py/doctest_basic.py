"""doctest basics: testmod (quiet and verbose) over this module's
docstrings, run_docstring_examples, the failure report, expected
exceptions, option directives (ELLIPSIS, NORMALIZE_WHITESPACE, SKIP,
IGNORE_EXCEPTION_DETAIL) and <BLANKLINE>.

>>> 1 + 1
2
>>> words = ['a', 'b']
>>> words
['a', 'b']
"""
import doctest
import io
import os
import sys


def add(a, b):
    """Adds.

    >>> add(1, 2)
    3
    >>> add('a', 'b')
    'ab'
    >>> add(1, 1)
    3
    >>> [1,
    ...  2]
    [1, 2]
    >>> raise ValueError('bad')
    Traceback (most recent call last):
      ...
    ValueError: bad
    >>> raise KeyError('k')  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    builtins.KeyError: 'other'
    >>> print('no output expected')
    >>> x = 5
    >>> x
    5
    """
    return a + b


def flags():
    """
    >>> print(list(range(20)))  # doctest: +ELLIPSIS
    [0, 1, ..., 19]
    >>> print('a   b\\n c')  # doctest: +NORMALIZE_WHITESPACE
    a b c
    >>> print('x\\n\\ny')
    x
    <BLANKLINE>
    y
    >>> 2  # doctest: +SKIP
    3
    >>> print('a b')  # doctest: +ELLIPSIS
    a ... b
    >>> True
    1
    """


def empty():
    pass


class Thing:
    """A class.

    >>> Thing().method()
    'm'
    """

    def method(self):
        """
        >>> Thing().method().upper()
        'M'
        """
        return 'm'

    @staticmethod
    def static():
        """
        >>> Thing.static()
        5
        """
        return 5


__test__ = {'extra': """
>>> 3 * 3
9
>>> 'nine'
'ten'
"""}

here = os.path.dirname(os.path.abspath(__file__))


def captured(fn, *args, **kw):
    saved = sys.stdout
    sys.stdout = buf = io.StringIO()
    try:
        result = fn(*args, **kw)
    finally:
        sys.stdout = saved
    print(buf.getvalue().replace(here, 'DIR'), end='')
    print('->', result)


captured(doctest.testmod)
captured(doctest.testmod, verbose=True)
captured(doctest.testmod, optionflags=doctest.ELLIPSIS, report=False)
captured(doctest.run_docstring_examples, add, {'add': add}, name='add_only')
captured(doctest.run_docstring_examples, Thing.method, {'Thing': Thing}, verbose=True)

parser = doctest.DocTestParser()
examples = parser.get_examples(add.__doc__)
print(len(examples), [(e.lineno, e.source, e.want, e.exc_msg) for e in examples[:5]])
checker = doctest.OutputChecker()
print(checker.check_output('a ... z\n', 'a b c z\n', doctest.ELLIPSIS),
      checker.check_output('a  b\n', 'a b\n', 0),
      checker.check_output('a  b\n', 'a b\n', doctest.NORMALIZE_WHITESPACE))
failed, attempted = doctest.TestResults(1, 2)
print(failed, attempted, doctest.TestResults(0, 3) == (0, 3))
