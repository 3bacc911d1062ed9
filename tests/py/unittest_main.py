# unittest.main(): argv parsing (-v, -q, -f, -b, -k, test names), the
# exit status (0, 1, 5 when no test ran), exit=False, -h and bad options.
import io
import re
import sys
import unittest


class Sample(unittest.TestCase):
    def test_alpha(self):
        pass

    def test_beta(self):
        self.assertEqual(1, 2)

    def test_gamma(self):
        pass

    @unittest.skip('skipped here')
    def test_delta(self):
        pass


class Other(unittest.TestCase):
    def test_other(self):
        print('printed by test_other')


buf = io.StringIO()


class Runner(unittest.TextTestRunner):
    def __init__(self, **kw):
        print('runner options:', sorted(kw.items()))
        super().__init__(stream=buf, **kw)


def main(*args, **kw):
    buf.seek(0)
    buf.truncate()
    print('$ prog', *args)
    try:
        prog = unittest.main(argv=['prog', *args], testRunner=Runner,
                             testLoader=unittest.TestLoader(), **kw)
    except SystemExit as e:
        print('exit status', e.code)
    else:
        r = prog.result
        print('no exit; run', r.testsRun, 'successful', r.wasSuccessful())
    print(re.sub(r'File ".*/', 'File "', re.sub(r'in \d+\.\d+s', 'in T', buf.getvalue())))


main()
main('-v', 'Sample.test_alpha', 'Other')
main('-q', 'Sample.test_beta')
main('-k', 'gamma')
main('-k', '*alpha', '-k', 'other', '-v')
main('-k', 'nothing_matches')
main('Sample.test_delta')
main('-f', '-v', 'Sample')
main('-b', 'Other', 'Sample.test_beta')
main('Other', exit=False)
main('Sample', exit=False, verbosity=2)
main(defaultTest='Other')
main(defaultTest=['Other', 'Sample.test_gamma'])
main('Missing')

# -h prints the help to stdout and exits 0; a bad option is a usage error
try:
    unittest.main(argv=['prog', '-h'])
except SystemExit as e:
    print('exit status', e.code)
saved = sys.stderr
sys.stderr = io.StringIO()
try:
    unittest.main(argv=['prog', '--bogus'])
except SystemExit as e:
    text = sys.stderr.getvalue()
    sys.stderr = saved
    print('exit status', e.code)
    print(text)
