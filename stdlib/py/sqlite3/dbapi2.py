"""sqlite3.dbapi2: the same names as sqlite3 itself, as in CPython."""

from sqlite3 import *
from sqlite3 import __all__
