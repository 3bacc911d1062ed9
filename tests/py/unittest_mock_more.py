# unittest.mock beyond the basics: patch.multiple, PropertyMock, patch as a
# class decorator, mock_open, attach_mock, chained children, del, sentinel,
# side_effect lists, create_autospec, magic methods and more assert messages.
from unittest import mock
from unittest.mock import MagicMock, Mock, patch, call, PropertyMock, sentinel
import os, json
class Conf:
    x = 1
    y = 2
    @property
    def prop(self): return 'real'
@patch.multiple(Conf, x=10, y=mock.DEFAULT)
def f(y):
    print(Conf.x, isinstance(y, MagicMock))
f()
with patch.object(Conf, 'prop', new_callable=PropertyMock) as p:
    p.return_value = 'fake'
    print(Conf().prop, p.call_count)
@patch('json.dumps')
class T:
    def test_one(self, d):
        return isinstance(d, MagicMock)
    def other(self):
        return 'untouched'
print(T().test_one(), T().other())
m = mock.mock_open(read_data='line1\nline2\n')
with patch('builtins.open', m):
    with open('whatever') as fh:
        print(repr(fh.read()))
m.assert_called_once_with('whatever')
parent = Mock()
child = Mock()
parent.attach_mock(child, 'kid')
child(1)
print(parent.mock_calls)
mm = MagicMock()
mm.a.b.c.return_value = 3
print(mm.a.b.c(), mm.mock_calls)
mm.x = 5; print(mm.x)
del mm.y
try: mm.y
except AttributeError as e: print('AE', e)
r = Mock(return_value=sentinel.result)
print(r() is sentinel.result)
s = Mock(side_effect=[1, 2])
print(s(), s())
print(call(1) == call(1), call.foo(1) == call.bar(1), call(1) in [call(2), call(1)])
cl = mock.create_autospec(Conf)
print(isinstance(cl, MagicMock))
mm2 = MagicMock()
mm2.__getitem__.return_value = 'item'
print(mm2[0], mm2.__getitem__.call_args)
print(list(MagicMock()), len(MagicMock()), int(MagicMock()))
e = MagicMock()
e.__enter__.return_value = 'E'
with e as v: print(v)
try:
    patch('nodots')
except TypeError as ex: print(ex)
m3 = Mock()
m3(1); m3(2)
m3.assert_has_calls([call(1), call(2)])
try: m3.assert_has_calls([call(2), call(1)])
except AssertionError as ex: print(ex)
print(m3.call_args_list)
m4 = Mock(spec=['a'])
try: m4.b
except AttributeError as ex: print(ex)
try:
    Mock().assert_called_once_with()
except AssertionError as ex: print(ex)
