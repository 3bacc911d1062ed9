import unittest


class Three(unittest.TestCase):
    def test_three(self):
        pass
