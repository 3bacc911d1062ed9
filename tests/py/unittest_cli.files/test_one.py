import unittest


class One(unittest.TestCase):
    def test_pass(self):
        pass

    def test_fail(self):
        self.assertIn(3, [1, 2])
