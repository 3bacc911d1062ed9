# torii -m NAME: runs a module, or a package's __main__, as __main__ with
# sys.argv[0] its file and the working directory first on sys.path; the
# messages for a missing module and a package without __main__.
import os
import subprocess
import sys

here = os.getcwd()
for args in (['hello', 'a', 'b'], ['mpkg', 'x'], ['mpkg.helper'], ['nosuch'], ['nomain']):
    p = subprocess.run([sys.executable, '-m', *args], capture_output=True, text=True)
    print('-m', *args, '-> status', p.returncode)
    print(p.stdout.replace(here, 'DIR'), end='')
    print(p.stderr.replace(sys.executable, 'EXE'), end='')
