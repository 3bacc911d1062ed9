# python -m unittest: the command line with no default module, so names
# on it are imported, and with none, tests are discovered.
import os
import sys

if sys.argv[0].endswith('__main__.py') or sys.argv[0].startswith('<frozen'):
    sys.argv[0] = os.path.basename(sys.executable) + ' -m unittest'

__unittest = True

from .main import main

main(module=None)
