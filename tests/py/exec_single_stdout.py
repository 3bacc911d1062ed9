# compile(..., 'single') prints an expression statement's value to
# sys.stdout -- whatever object it is at the time -- and keeps it as _.
import builtins
import io
import sys

g = {}
exec(compile('6 * 7\n', '<single>', 'single'), g)
saved = sys.stdout
sys.stdout = buf = io.StringIO()
exec(compile("'captured'\n", '<single>', 'single'), g)
exec(compile('None\n', '<single>', 'single'), g)
exec(compile('for i in range(2):\n    i\n', '<single>', 'single'), g)
sys.stdout = saved
print(repr(buf.getvalue()), builtins._)
