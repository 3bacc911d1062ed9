"""Bases of pathlib's classes (torii's pathlib._abc).

PurePathBase and PathBase only anchor the class hierarchy CPython 3.13
shows (pathlib._local.PosixPath's MRO passes through them); everything
lives in pathlib._local.  UnsupportedOperation is raised where a path
operation cannot be done on this system.
"""

__all__ = ["UnsupportedOperation"]


class UnsupportedOperation(NotImplementedError):
    """An exception that is raised when an unsupported operation is called on
    a path object.
    """
    pass


class PurePathBase:
    """Base class for pure path objects (no I/O)."""
    __slots__ = ()


class PathBase(PurePathBase):
    """Base class for concrete path objects (with I/O)."""
    __slots__ = ()
