import unittest


class Two(unittest.TestCase):
    def test_two(self):
        self.assertTrue(True)

    @unittest.skip('later')
    def test_later(self):
        pass
