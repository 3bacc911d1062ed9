import unittest


class HookTest(unittest.TestCase):
    def test_x(self):
        pass

    def test_y(self):
        pass


def load_tests(loader, tests, pattern):
    suite = unittest.TestSuite()
    suite.addTest(HookTest('test_y'))
    return suite
