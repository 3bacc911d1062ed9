# stdlib/py/io.py: the parts of `io` written in Python, run in the module's
# dict after its C part (stdlib/io.c): the abstract base classes (defined in
# stdlib/py/_iobase.py), with torii's own stream types registered under them
# as CPython's are, and the constants.

import sys
from _iobase import DEFAULT_BUFFER_SIZE, IOBase, RawIOBase, BufferedIOBase, TextIOBase

SEEK_SET, SEEK_CUR, SEEK_END = 0, 1, 2


def _register_builtin_types():
    # open() gives TextIOWrapper for text, and for binary modes one of three
    # buffered types that io.c does not export; the standard streams have a
    # type of their own.  (StringIO derives from TextIOBase already.)
    for stream in (sys.__stdin__, sys.__stdout__, sys.__stderr__):
        if stream is not None:
            TextIOBase.register(type(stream))
    TextIOBase.register(TextIOWrapper)
    BufferedIOBase.register(BytesIO)
    for mode in ('rb', 'wb', 'r+b'):
        try:
            with open('/dev/null', mode) as f:
                BufferedIOBase.register(type(f))
        except OSError:
            pass


_register_builtin_types()
del sys, _register_builtin_types
