"""Object-oriented file system paths (torii's pathlib).

PurePath and its flavours PurePosixPath and PureWindowsPath compute
with paths without touching the file system; Path (PosixPath here)
adds the operations that do.  The code lives in pathlib._local, the
abstract bases in pathlib._abc, as in CPython 3.13, so that the classes
print with the same module names.
"""

from pathlib._abc import UnsupportedOperation
from pathlib._local import (PurePath, PurePosixPath, PureWindowsPath, Path,
                            PosixPath, WindowsPath)

__all__ = ['UnsupportedOperation', 'PurePath', 'PurePosixPath',
           'PureWindowsPath', 'Path', 'PosixPath', 'WindowsPath']
