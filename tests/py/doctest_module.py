# doctest on an imported module: testmod(m) quiet and verbose, nested
# classes and classmethods, continuation lines, _, the REPORT_NDIFF and
# REPORT_UDIFF reports, ELLIPSIS with NORMALIZE_WHITESPACE, the parser's
# errors, and what DocTestFinder finds (helpermod is in doctest_module.files).
import doctest, helpermod, sys, io, os
buf = io.StringIO(); saved = sys.stdout; sys.stdout = buf
r = doctest.testmod(helpermod)
r2 = doctest.testmod(helpermod, verbose=True, report=True)
sys.stdout = saved
print(buf.getvalue().replace(os.getcwd(), 'DIR'))
print(r, r2)
p = doctest.DocTestParser()
try:
    p.get_examples('''
    >>> 1
      1
   bad''', 'x')
except ValueError as e: print(e)
try:
    p.get_examples('>>>1', 'y')
except ValueError as e: print(e)
try:
    p.get_examples('>>> 1 # doctest: +BOGUS', 'z')
except ValueError as e: print(e)
t = doctest.DocTestFinder().find(helpermod)
print([ (x.name, x.lineno, len(x.examples)) for x in t])
