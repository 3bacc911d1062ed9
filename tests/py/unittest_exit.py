# unittest.main() at the bottom of a script: the report on stderr and the
# exit status 1 after a failure (the timing line is not compared).
import unittest


class Checks(unittest.TestCase):
    def test_good(self):
        self.assertAlmostEqual(0.1 + 0.2, 0.3)

    def test_bad(self):
        self.assertDictEqual({'k': 1}, {'k': 2})

    def test_broken(self):
        None.missing


if __name__ == '__main__':
    unittest.main(verbosity=2)
