import unittest


class GammaTest(unittest.TestCase):
    def test_gamma(self):
        pass

    def check_custom(self):
        pass
