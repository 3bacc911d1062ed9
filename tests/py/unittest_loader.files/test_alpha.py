import unittest


class AlphaTest(unittest.TestCase):
    def test_one(self):
        pass

    def test_two(self):
        self.assertEqual('a', 'b')

    def helper(self):
        pass
