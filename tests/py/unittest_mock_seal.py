# unittest.mock.seal: a sealed mock (and the children it had) makes no new
# attributes or return values; configured ones still work.
from unittest import mock
m = mock.Mock()
m.method.return_value = 3
m.child.grand.value = 1
r = m()
mock.seal(m)
print(m.method(), m.child.grand.value, m() is r)
for expr in ('m.other', 'm.child.fresh', 'm.method.again', 'm.child()'):
    try:
        eval(expr)
    except AttributeError as e:
        print(expr, '->', 'AttributeError', e)
try:
    m.newattr = 5
except AttributeError as e:
    print('AttributeError', e)
m.method = 'replaced'
print(m.method)
mm = mock.MagicMock()
mock.seal(mm)
try:
    mm.foo
except AttributeError as e:
    print('AttributeError', e)
try:
    len(mm)
except AttributeError as e:
    print("AttributeError", e)
