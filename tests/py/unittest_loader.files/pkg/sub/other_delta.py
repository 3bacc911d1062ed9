import unittest


class DeltaTest(unittest.TestCase):
    def test_delta(self):
        pass
