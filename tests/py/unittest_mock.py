# unittest.mock basics: Mock and MagicMock, call records, return_value and
# side_effect, the assert_* methods and their messages, call, ANY,
# sentinel, spec/spec_set, reset_mock, and patch / patch.object /
# patch.dict as decorators and context managers.
import os
import unittest
from unittest import mock
from unittest.mock import Mock, MagicMock, call, ANY, sentinel, DEFAULT, patch


def fails(fn, *args, **kw):
    try:
        fn(*args, **kw)
    except AssertionError as e:
        print('AssertionError:', e)
    except Exception as e:
        print(type(e).__name__ + ':', e)
    else:
        print('ok')


m = Mock()
print(m.called, m.call_count, m.call_args, m.call_args_list, m.mock_calls)
r = m(1, 2, key='v')
print(r is m.return_value, r is m(), m.call_count, m.called)
print(m.call_args, m.call_args_list)
print(m.call_args.args, m.call_args.kwargs, m.call_args == call(1, 2, key='v'))
print(m.call_args == ((1, 2), {'key': 'v'}), m.call_args_list == [call(1, 2, key='v'), call()])
m.method(3)
m.attr.nested.deep(4, x=5)
print(m.mock_calls)
print(m.method_calls)
print(m.method is m.method, m.method.call_args)

fails(m.assert_called_with, 1, 2, key='v')
fails(m.assert_called_with)
fails(m.assert_called_with, 9)
fails(m.assert_called_once_with, 1, 2, key='v')
fails(m.assert_called)
fails(m.assert_called_once)
fails(m.assert_not_called)
fails(m.assert_any_call, 1, 2, key='v')
fails(m.assert_any_call, 7)
fails(m.assert_has_calls, [call(1, 2, key='v'), call()])
fails(m.assert_has_calls, [call(), call(1)])
fails(m.assert_has_calls, [call(), call(1, 2, key='v')], any_order=True)
fails(m.assert_has_calls, [call(8), call()], any_order=True)
n = Mock()
fails(n.assert_called)
fails(n.assert_called_once)
fails(n.assert_not_called)
fails(n.assert_called_with, 1)
fails(n.assert_called_once_with, 1)
fails(n.foo.assert_called_with, 'a')
n.foo('b')
fails(n.foo.assert_called_with, 'a')
fails(n.foo.assert_called_once_with, 'b')
named = Mock(name='thing')
named(1)
fails(named.assert_called_with, 2)
fails(named.assert_not_called)
print(repr(call(1, a=2)), repr(call.foo.bar(3)), repr(call), call(1) == call(1), call(1) == call(2))
print(call(1, ANY) == call(1, 'anything'), ANY == 5, repr(ANY))
print(m.mock_calls == [call(1, 2, key='v'), call(), call.method(3), call.attr.nested.deep(4, x=5)])

print('### return_value and side_effect')
f = Mock(return_value=42)
print(f(), f('x'))
f.return_value = 'changed'
print(f())
f = Mock(side_effect=KeyError('bad'))
fails(f)
f = Mock(side_effect=ValueError)
fails(f, 1)
f = Mock(side_effect=[1, 2, IndexError('third')])
print(f(), f())
fails(f)
fails(f)
f = Mock(side_effect=lambda x: x * 2)
print(f(21))
f = Mock(side_effect=lambda: DEFAULT, return_value='dflt')
print(f())
f.side_effect = None
print(f())

print('### sentinel')
print(sentinel.token is sentinel.token, sentinel.token is sentinel.other, repr(sentinel.token))
print(repr(DEFAULT))

print('### configure and reset')
c = Mock(**{'method.return_value': 3, 'other.side_effect': TypeError('no')})
print(c.method(), c.method.call_count)
fails(c.other)
c.configure_mock(value=10)
print(c.value)
c.reset_mock()
print(c.method.call_count, c.mock_calls, c.method(), c.value)
c.reset_mock(return_value=True)
print(isinstance(c.method(), Mock))
w = Mock(wraps=lambda a, b: a + b)
print(w(2, 3), w.call_args)

print('### MagicMock')
mm = MagicMock()
print(len(mm), list(mm), bool(mm), int(mm), float(mm), 3 in mm)
mm.__len__.return_value = 5
mm.__iter__.return_value = iter([1, 2])
mm.__getitem__.side_effect = lambda k: k.upper()
mm.__contains__.return_value = True
print(len(mm), list(mm), mm['abc'], 3 in mm)
mm[1] = 2
print(mm.__setitem__.call_args)
with mm as entered:
    print(entered is mm.__enter__.return_value)
print(mm.__exit__.call_args)
print(mm.mock_calls[0], call.__iter__() in mm.mock_calls, mm.__iter__.call_count)
mm2 = MagicMock()
mm2.__str__.return_value = 'custom str'
print(str(mm2), mm2 == mm2, mm2 != mm2, mm2 == 3)
print(isinstance(mm.child, MagicMock), isinstance(mm(), MagicMock))

print('### spec')
class Thing:
    size = 3
    def go(self, x):
        return x

s = Mock(spec=Thing)
print(isinstance(s, Thing), isinstance(s.go, Mock))
fails(getattr, s, 'nope')
s.extra = 1
print(s.extra)
ss = Mock(spec_set=['a', 'b'])
ss.a = 5
print(ss.a)
try:
    ss.c = 1
except AttributeError as e:
    print('AttributeError:', e)
fails(getattr, ss, 'c')
fails(getattr, Mock(), 'assert_called_wiht')

print('### patch')
import json

def uses_json():
    return json.dumps([1])

with patch('json.dumps') as fake:
    fake.return_value = 'patched'
    print(uses_json(), fake.call_args)
print(uses_json())

@patch('json.dumps', return_value='decorated')
def decorated(first, fake):
    print(first, uses_json(), fake.call_count)

decorated('arg')
print(uses_json())

@patch('os.getcwd')
@patch('os.listdir')
def two(fake_listdir, fake_getcwd):
    fake_getcwd.return_value = '/fake'
    fake_listdir.return_value = ['x']
    print(os.getcwd(), os.listdir('.'))

two()
print(os.getcwd() != '/fake')

class Box:
    value = 1

with patch.object(Box, 'value', 99):
    print(Box.value)
print(Box.value)
with patch.object(Box, 'missing', 'made', create=True):
    print(Box.missing)
print(hasattr(Box, 'missing'))
try:
    with patch.object(Box, 'absent', 1):
        pass
except AttributeError as e:
    print('AttributeError:', e)

p = patch.object(Box, 'value', new_callable=lambda: 'from callable')
p.start()
print(Box.value)
p.stop()
print(Box.value)

d = {'a': 1, 'b': 2}
with patch.dict(d, {'b': 20, 'c': 30}):
    print(sorted(d.items()))
print(sorted(d.items()))
with patch.dict(d, clear=True, z=0):
    print(d)
print(d)

@patch.dict(d, {'a': 100})
def with_dict():
    print(d['a'])

with_dict()
print(d['a'])

class T(unittest.TestCase):
    @patch.object(Box, 'value', 7)
    def test_patched(self):
        self.assertEqual(Box.value, 7)

    @patch('json.loads')
    def test_mock_arg(self, fake):
        json.loads('x')
        fake.assert_called_once_with('x')

res = unittest.TestResult()
unittest.defaultTestLoader.loadTestsFromTestCase(T).run(res)
print(res.testsRun, res.wasSuccessful(), Box.value)
