# unittest.mock: Mock and MagicMock (objects that record how they are used
# and answer with configurable values), call and ANY for describing calls,
# sentinel, and patch / patch.object / patch.dict for swapping attributes
# and dict items for the length of a test.
#
# Each mock instance gets a class of its own (made in __new__), so that
# magic methods -- which Python looks up on the type -- can be configured
# per mock.  A mock's children (attributes, its return value) are mocks
# that know their parent: a call to a child is recorded in the parent's
# mock_calls (and, for attributes, method_calls) under the child's dotted
# path.
import builtins
import contextlib
import sys
from functools import wraps
from types import ModuleType

__all__ = ('Mock', 'MagicMock', 'NonCallableMock', 'NonCallableMagicMock',
           'PropertyMock', 'patch', 'sentinel', 'DEFAULT', 'ANY', 'call',
           'create_autospec', 'FILTER_DIR', 'mock_open', 'seal')

FILTER_DIR = True


class _SentinelObject(object):
    """A named, unique object: sentinel.NAME."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return 'sentinel.' + self.name

    __reduce__ = __repr__


class _Sentinel(object):
    """sentinel.NAME gives the same object for the same NAME."""

    def __init__(self):
        self._made = {}

    def __getattr__(self, name):
        if name == '__bases__':
            raise AttributeError
        obj = self._made.get(name)
        if obj is None:
            obj = self._made[name] = _SentinelObject(name)
        return obj

    def __reduce__(self):
        return 'sentinel'


sentinel = _Sentinel()
DEFAULT = sentinel.DEFAULT
_missing = sentinel.MISSING
_deleted = sentinel.DELETED


class _AnyType(object):
    """ANY: equal to everything (in expected calls)."""

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__

    def __repr__(self):
        return '<ANY>'


ANY = _AnyType()


def _is_exception(obj):
    return isinstance(obj, BaseException) or (isinstance(obj, type) and issubclass(obj, BaseException))


def _is_mock(obj):
    return isinstance(obj, NonCallableMock) and issubclass(type(obj), NonCallableMock)


def _safe_repr(obj):
    try:
        return repr(obj)
    except Exception:
        return object.__repr__(obj)


def _signature_text(name, args, kwargs):
    shown = [repr(a) for a in args]
    shown.extend('%s=%r' % item for item in kwargs.items())
    return '%s(%s)' % (name, ', '.join(shown))


# ---- call -----------------------------------------------------------------

class _Call(object):
    """One call as recorded or expected: a name (a dotted path, '' for the
    mock itself), positional args and keyword args.  call(...) makes one;
    call.a.b(...) one with a name.  A call_args entry (two items, args and
    kwargs) compares without its name, and also equals a plain
    (args, kwargs) tuple.  It unpacks and indexes like that tuple.
    (A class of its own rather than a tuple subclass: torii's tuple
    subclasses carry no attributes.)"""

    __slots__ = ('_items', '_mock_label', '_mock_owner', '_mock_is_call')

    def __init__(self, value=(), name=None, parent=None, two=False, from_kall=True):
        name_, args, kwargs = _split_call(value)
        if name_ is None:
            name_ = ''
        self._items = (args, kwargs) if two else (name_, args, kwargs)
        self._mock_label = name
        self._mock_owner = parent
        self._mock_is_call = from_kall

    def __len__(self):
        return len(self._items)

    def __getitem__(self, index):
        return self._items[index]

    def __iter__(self):
        return iter(self._items)

    def _parts(self):
        if len(self._items) == 2:
            return None, self._items[0], self._items[1]
        return self._items

    @property
    def args(self):
        return self._parts()[1]

    @property
    def kwargs(self):
        return self._parts()[2]

    def __eq__(self, other):
        if isinstance(other, _Call):
            if (self._mock_owner is not None and other._mock_owner is not None and
                    self._mock_owner != other._mock_owner):
                return False
            their_name, their_args, their_kwargs = other._parts()
        else:
            try:
                their_name, their_args, their_kwargs = _split_call(other)
            except (ValueError, TypeError):   # not a call's shape
                return NotImplemented
        mine_name, mine_args, mine_kwargs = self._parts()
        if mine_name is not None and their_name is not None and mine_name != their_name:
            return False
        return (their_args, their_kwargs) == (mine_args, mine_kwargs)

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None

    def __call__(self, /, *args, **kwargs):
        if self._mock_label is None:
            return _Call(('', args, kwargs), '()')
        return _Call((self._mock_label, args, kwargs), name=self._mock_label + '()', parent=self)

    def __getattribute__(self, name):
        # call.__len__() and the like describe calls of those methods:
        # the tuple protocol works only through len(), iter() and []
        if name in _TUPLE_PROTOCOL:
            return _Call._child(self, name)
        return super().__getattribute__(name)

    def __getattr__(self, attr):
        if attr.startswith('__') and attr.endswith('__'):
            raise AttributeError(attr)
        return self._child(attr)

    def _child(self, attr):
        if self._mock_label is None:
            return _Call((), attr, None, False, False)
        return _Call(name='%s.%s' % (self._mock_label, attr), parent=self, from_kall=False)

    def __repr__(self):
        if not self._mock_is_call:
            name = self._mock_label or 'call'
            if name.startswith('()'):
                name = 'call%s' % name
            return name
        name, args, kwargs = self._parts()
        if not name:
            name = 'call'
        elif name[:2] != '()':
            name = 'call.%s' % name
        else:
            name = 'call%s' % name
        return _signature_text(name, args, kwargs)

    def call_list(self):
        """The calls a chained call like call(1).method(2) stands for."""
        chain = []
        node = self
        while node is not None:
            if node._mock_is_call:
                chain.append(node)
            node = node._mock_owner
        return _CallList(reversed(chain))


_TUPLE_PROTOCOL = frozenset(('__iter__', '__len__', '__getitem__', '__contains__',
                             'count', 'index'))


def _split_call(value):
    # (name or None, args, kwargs) from the tuple forms a call may take
    size = len(value)
    if size == 3:
        return tuple(value)
    if size == 2:
        first, second = value
        if isinstance(first, str):
            return (first, second, {}) if isinstance(second, tuple) else (first, (), second)
        return None, first, second
    if size == 1:
        (only,) = value
        if isinstance(only, str):
            return only, (), {}
        if isinstance(only, tuple):
            return None, only, {}
        return None, (), only
    if size == 0:
        return None, (), {}
    raise ValueError('not a call')


call = _Call(from_kall=False)


class _CallList(list):
    """A list of calls; `calls in call_list` is true when they appear
    there one after another."""

    def __contains__(self, value):
        if not isinstance(value, list):   # one call
            return super().__contains__(value)
        n = len(value)
        for start in range(len(self) - n + 1):
            if self[start:start + n] == value:
                return True
        return False

    def __repr__(self):
        return repr(list(self))


# ---- magic methods ----------------------------------------------------------

_magic_words = ('lt le gt ge eq ne getitem setitem delitem len contains iter hash str '
                'sizeof enter exit divmod rdivmod neg pos abs invert complex int float '
                'index round trunc floor ceil bool next fspath')
_numeric_words = 'add sub mul matmul truediv floordiv mod lshift rshift and xor or pow'
_magics = {'__%s__' % w for w in _magic_words.split()}
for _w in _numeric_words.split():
    _magics.update(('__%s__' % _w, '__r%s__' % _w, '__i%s__' % _w))
del _w
_non_defaults = {'__get__', '__set__', '__delete__', '__reversed__', '__missing__',
                 '__reduce__', '__reduce_ex__', '__getnewargs__', '__getinitargs__',
                 '__getstate__', '__setstate__', '__getformat__', '__repr__', '__dir__',
                 '__subclasses__', '__format__', '__getnewargs_ex__'}
_all_magics = _magics | _non_defaults
_unsupported_magics = {'__getattr__', '__setattr__', '__init__', '__new__',
                       '__prepare__', '__instancecheck__', '__subclasscheck__', '__del__'}

_fixed_returns = {
    '__lt__': NotImplemented, '__gt__': NotImplemented, '__le__': NotImplemented,
    '__ge__': NotImplemented, '__int__': 1, '__contains__': False, '__len__': 0,
    '__exit__': False, '__complex__': 1j, '__float__': 1.0, '__bool__': True,
    '__index__': 1,
}


def _computed_return(name, owner):
    if name == '__hash__':
        return object.__hash__(owner)
    if name == '__str__':
        return object.__str__(owner)
    if name == '__sizeof__':
        return object.__sizeof__(owner)
    if name == '__fspath__':
        return f"{type(owner).__name__}/{owner._full_name()}/{id(owner)}"
    return DEFAULT


def _default_effect(name, owner):
    # __eq__, __ne__ and __iter__ answer through side effects that read
    # the return value configured on them
    if name == '__eq__':
        def eq(other):
            configured = owner.__eq__._mock_answer
            if configured is not DEFAULT:
                return configured
            return True if owner is other else NotImplemented
        return eq
    if name == '__ne__':
        def ne(other):
            configured = owner.__ne__._mock_answer
            if configured is not DEFAULT:
                return configured
            return False if owner is other else NotImplemented
        return ne
    if name == '__iter__':
        def iterate():
            configured = owner.__iter__._mock_answer
            return iter([]) if configured is DEFAULT else iter(configured)
        return iterate
    return None


def _configure_magic(owner, method, name):
    fixed = _fixed_returns.get(name, DEFAULT)
    if fixed is not DEFAULT:
        method.return_value = fixed
        return
    computed = _computed_return(name, owner)
    if computed is not DEFAULT:
        method.return_value = computed
        return
    effect = _default_effect(name, owner)
    if effect is not None:
        method.side_effect = effect


def _as_method(name, func):
    def method(self, /, *args, **kw):
        return func(self, *args, **kw)
    method.__name__ = name
    return method


class MagicProxy(object):
    # stands on a MagicMock's class for a magic method until first use,
    # when it makes the child mock that answers it
    def __init__(self, name, parent):
        self.name = name
        self.parent = parent

    def create_mock(self):
        owner = self.parent
        made = owner._make_child(name=self.name, _new_name=self.name, _new_parent=owner)
        setattr(owner, self.name, made)
        _configure_magic(owner, made, self.name)
        return made

    def __get__(self, obj, owner_type=None):
        return self.create_mock()


# ---- mocks ------------------------------------------------------------------

# attributes kept as plain instance attributes (not children)
_PLAIN = {'called', 'call_count', 'call_args', 'call_args_list', 'mock_calls',
          'method_calls', 'return_value', 'side_effect', '_mock_spec_class', '_mock_spec_only',
          '_mock_signature', '_mock_allowed'}


def _adopt(parent, value, name, new_name):
    # adopts an unnamed, parentless mock assigned to an attribute
    if not _is_mock(value):
        return False
    if (value._mock_label or value._mock_step or value._mock_owner is not None or
            value._mock_recorder is not None):
        return False
    ancestor = parent
    while ancestor is not None:
        if ancestor is value:
            return False      # a mock made its own child or return value: no cycle
        ancestor = ancestor._mock_recorder
    value._mock_recorder = parent
    value._mock_step = new_name
    if name:
        value._mock_owner = parent
        value._mock_label = name
    return True


class NonCallableMock(object):
    """A mock that cannot be called: attributes spring into being as child
    mocks on first access (unless a spec limits them)."""

    def __new__(cls, /, *args, **kw):
        # a class per instance, for its magic methods
        own = type(cls.__name__, (cls,), {'__doc__': cls.__doc__})
        return object.__new__(own)

    def __init__(self, spec=None, wraps=None, name=None, spec_set=None, parent=None,
                 _spec_state=None, _new_name='', _new_parent=None,
                 _spec_as_instance=False, _eat_self=None, unsafe=False, **kwargs):
        put = self.__dict__
        put['_mock_owner'] = parent
        put['_mock_label'] = name
        put['_mock_step'] = _new_name
        put['_mock_recorder'] = _new_parent
        put['_mock_closed'] = False
        if spec_set is not None:
            spec = spec_set
            spec_set = True
        self._mock_apply_spec(spec, spec_set)
        put['_mock_kids'] = {}
        put['_mock_wrapped'] = wraps
        put['_mock_effect'] = None
        put['_mock_lax'] = unsafe
        if '_mock_answer' not in put:
            put['_mock_answer'] = DEFAULT
        put['called'] = False
        put['call_args'] = None
        put['call_count'] = 0
        put['call_args_list'] = _CallList()
        put['mock_calls'] = _CallList()
        put['method_calls'] = _CallList()
        if kwargs:
            self.configure_mock(**kwargs)

    def attach_mock(self, mock, attribute):
        """Makes mock the child `attribute`, its calls recorded here."""
        for field in ('_mock_owner', '_mock_recorder'):
            mock.__dict__[field] = None
        mock.__dict__['_mock_label'] = None
        mock.__dict__['_mock_step'] = ''
        setattr(self, attribute, mock)

    def mock_add_spec(self, spec, spec_set=False):
        self._mock_apply_spec(spec, spec_set)

    def _mock_apply_spec(self, spec, spec_set):
        spec_class = None
        names = None
        if spec is not None:
            if isinstance(spec, (list, tuple)) and all(isinstance(s, str) for s in spec):
                names = list(spec)
            else:
                spec_class = spec if isinstance(spec, type) else type(spec)
                names = dir(spec)
        put = self.__dict__
        put['_mock_spec_class'] = spec_class
        put['_mock_spec_only'] = spec_set
        put['_mock_signature'] = None
        put['_mock_allowed'] = names

    def _get_return_value(self):
        value = self._mock_answer
        if value is DEFAULT:
            value = self._make_child(_new_parent=self, _new_name='()')
            self.return_value = value
        return value

    def _set_return_value(self, value):
        self.__dict__['_mock_answer'] = value
        _adopt(self, value, None, '()')

    return_value = property(_get_return_value, _set_return_value,
                            doc='What calling the mock returns (a child mock by default).')

    @property
    def __class__(self):
        if self._mock_spec_class is None:
            return type(self)
        return self._mock_spec_class

    def _get_side_effect(self):
        return self._mock_effect

    def _set_side_effect(self, value):
        if value is not None and not callable(value) and not _is_exception(value):
            try:
                value = iter(value)
            except TypeError:
                pass
        self.__dict__['_mock_effect'] = value

    side_effect = property(_get_side_effect, _set_side_effect)

    def reset_mock(self, visited=None, *, return_value=False, side_effect=False):
        """Forgets the calls recorded here and on the children."""
        if visited is None:
            visited = []
        if id(self) in visited:
            return
        visited.append(id(self))
        put = self.__dict__
        put['called'] = False
        put['call_args'] = None
        put['call_count'] = 0
        put['mock_calls'] = _CallList()
        put['call_args_list'] = _CallList()
        put['method_calls'] = _CallList()
        if return_value:
            put['_mock_answer'] = DEFAULT
        if side_effect:
            put['_mock_effect'] = None
        for child in self._mock_kids.values():
            if child is _deleted or not _is_mock(child):
                continue
            child.reset_mock(visited, side_effect=side_effect, return_value=return_value)
        ret = self._mock_answer
        if _is_mock(ret) and ret is not self:
            ret.reset_mock(visited)

    def configure_mock(self, /, **kwargs):
        """Sets attributes, dotted names reaching into children:
        configure_mock(**{'method.return_value': 3})."""
        for key in sorted(kwargs, key=lambda k: k.count('.')):
            path = key.split('.')
            last = path.pop()
            target = self
            for part in path:
                target = getattr(target, part)
            setattr(target, last, kwargs[key])

    def __getattr__(self, name):
        if name in ('_mock_allowed', '_mock_lax', '_mock_check_sig') or name.startswith('_mock_'):
            raise AttributeError(name)
        methods = self._mock_allowed
        if methods is not None:
            if name not in methods or name in _all_magics:
                raise AttributeError('Mock object has no attribute %r' % name)
        elif name.startswith('__') and name.endswith('__'):
            raise AttributeError(name)
        if not self._mock_lax and (not methods or name not in methods):
            if name.startswith(('assert', 'assret', 'asert', 'aseert', 'assrt')):
                raise AttributeError(
                    f'{name!r} is not a valid assertion. Use a spec '
                    f'for the mock if {name!r} is meant to be an attribute.')
        children = self._mock_kids
        child = children.get(name)
        if child is _deleted:
            raise AttributeError(name)
        if child is None:
            wrapped = None
            if self._mock_wrapped is not None:
                wrapped = getattr(self._mock_wrapped, name)
            child = self._make_child(parent=self, name=name, wraps=wrapped,
                                         _new_name=name, _new_parent=self)
            children[name] = child
        return child

    def __setattr__(self, name, value):
        if name in _PLAIN or name.startswith('_mock_'):
            object.__setattr__(self, name, value)
            return
        allowed = self._mock_allowed
        missing = "Mock object has no attribute '%s'" % name
        if self._mock_spec_only and allowed is not None and name not in allowed \
                and name not in self.__dict__:
            raise AttributeError(missing)
        if name in _unsupported_magics:
            raise AttributeError('Attempting to set unsupported magic method %r.' % name)
        own_class = type(self)
        if name in _all_magics:
            # special methods are looked up on the type: set them there
            if allowed is not None and name not in allowed:
                raise AttributeError(missing)
            if _is_mock(value):
                _adopt(self, value, None, name)
                self._mock_kids[name] = value
                setattr(own_class, name, value)
            else:
                setattr(own_class, name, _as_method(name, value))
                func = value
                value = lambda *args, **kw: func(self, *args, **kw)
        elif name == '__class__':
            self.__dict__['_mock_spec_class'] = value
            return
        elif _adopt(self, value, name, name):
            self._mock_kids[name] = value
        if self._mock_closed and not hasattr(self, name):
            raise AttributeError('Cannot set ' + self._full_name() + '.' + name)
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        own_class = type(self)
        if name in _all_magics and name in own_class.__dict__:
            delattr(own_class, name)
            if name not in self.__dict__:
                return
        known = self._mock_kids.get(name, _missing)
        if name in self.__dict__:
            object.__delattr__(self, name)
        elif known is _deleted:
            raise AttributeError(name)
        if known is not _missing:
            del self._mock_kids[name]
        self._mock_kids[name] = _deleted   # deleted: no new child springs up

    def _full_name(self):
        # the dotted path from the outermost parent: "mock.a.b", "mock().c"
        parts = [self._mock_step]
        joiner = '' if self._mock_step == '()' else '.'
        node = self._mock_recorder
        top = self
        while node is not None:
            top = node
            parts.append(node._mock_step + joiner)
            joiner = '' if node._mock_step == '()' else '.'
            node = node._mock_recorder
        parts.reverse()
        head = top._mock_label or 'mock'
        if len(parts) > 1 and parts[1] not in ('()', '().'):
            head += '.'
        parts[0] = head
        return ''.join(parts)

    def __repr__(self):
        name = self._full_name()
        shown = ''
        if name != 'mock' and name != 'mock.':
            shown = ' name=%r' % name
        spec = ''
        if self._mock_spec_class is not None:
            spec = (' spec_set=%r' if self._mock_spec_only else ' spec=%r') % self._mock_spec_class.__name__
        return "<%s%s%s id='%s'>" % (type(self).__name__, shown, spec, id(self))

    def __dir__(self):
        own = list(type(self).__dict__) + list(self.__dict__)
        names = [n for n, c in self._mock_kids.items() if c is not _deleted]
        base = dir(type(self)) if not FILTER_DIR else [n for n in dir(type(self)) if not n.startswith('_')]
        if self._mock_spec_class is not None:
            base = dir(self._mock_spec_class) + base
        return sorted(set(base + names + [n for n in own if not n.startswith('_mock_')]))

    def _make_child(self, /, **kw):
        if self._mock_closed:
            # sealed: no new children (attributes, magic methods, return values)
            raise AttributeError(self._full_name() + ('.' + kw['name'] if 'name' in kw else '()'))
        # children are mocks of the class this mock's own class was made from
        made_from = type(self).__mro__[1]
        if not issubclass(made_from, CallableMixin):
            if issubclass(made_from, NonCallableMagicMock):
                made_from = MagicMock
            elif issubclass(made_from, NonCallableMock):
                made_from = Mock
        return made_from(**kw)

    def _call_text(self, args, kwargs):
        return _signature_text(self._mock_label or 'mock', args, kwargs)

    def _mismatch_text(self, args, kwargs, action='call'):
        expected = self._call_text(args, kwargs)
        actual = self._call_text(*self.call_args)
        return 'expected %s not found.\nExpected: %s\n  Actual: %s' % (action, expected, actual)

    def _calls_repr(self, prefix='Calls'):
        if not self.mock_calls:
            return ''
        return f'\n{prefix}: {_safe_repr(self.mock_calls)}.'

    def _who(self):
        return self._mock_label or 'mock'

    def assert_not_called(self):
        """Fails if the mock was called."""
        if self.call_count != 0:
            raise AssertionError("Expected '%s' to not have been called. Called %s times.%s"
                                 % (self._who(), self.call_count, self._calls_repr()))

    def assert_called(self):
        """Fails unless the mock was called at least once."""
        if self.call_count == 0:
            raise AssertionError("Expected '%s' to have been called." % self._who())

    def assert_called_once(self):
        """Fails unless the mock was called exactly once."""
        if self.call_count != 1:
            raise AssertionError("Expected '%s' to have been called once. Called %s times.%s"
                                 % (self._who(), self.call_count, self._calls_repr()))

    def assert_called_with(self, /, *args, **kwargs):
        """Fails unless the last call had these arguments."""
        if self.call_args is None:
            raise AssertionError('expected call not found.\nExpected: %s\n  Actual: not called.'
                                 % self._call_text(args, kwargs))
        if _Call((args, kwargs), two=True) != self.call_args:
            raise AssertionError(self._mismatch_text(args, kwargs))

    def assert_called_once_with(self, /, *args, **kwargs):
        """Fails unless the mock was called once, with these arguments."""
        if self.call_count != 1:
            raise AssertionError("Expected '%s' to be called once. Called %s times.%s"
                                 % (self._who(), self.call_count, self._calls_repr()))
        self.assert_called_with(*args, **kwargs)

    def assert_has_calls(self, calls, any_order=False):
        """Fails unless mock_calls holds calls: one after another, or with
        any_order in any order, other calls between."""
        wanted = list(calls)
        recorded = _CallList(self.mock_calls)
        if not any_order:
            if wanted not in recorded:
                raise AssertionError('Calls not found.\nExpected: %s\n  Actual: %s'
                                     % (_CallList(calls), _safe_repr(self.mock_calls)))
            return
        left = list(recorded)
        missing = []
        for kall in wanted:
            try:
                left.remove(kall)
            except ValueError:
                missing.append(kall)
        if missing:
            raise AssertionError('%r does not contain all of %r in its call list, found %r instead'
                                 % (self._who(), tuple(missing), left))

    def assert_any_call(self, /, *args, **kwargs):
        """Fails unless some call had these arguments."""
        expected = _Call((args, kwargs), two=True)
        if not any(expected == c for c in self.call_args_list):
            raise AssertionError('%s call not found' % self._call_text(args, kwargs))


class CallableMixin(object):
    """What makes a mock callable: calls are recorded, then answered by
    side_effect, return_value or the wrapped object."""

    def __init__(self, spec=None, side_effect=None, return_value=DEFAULT, wraps=None,
                 name=None, spec_set=None, parent=None, _spec_state=None, _new_name='',
                 _new_parent=None, **kwargs):
        self.__dict__['_mock_answer'] = return_value
        super(CallableMixin, self).__init__(spec, wraps, name, spec_set, parent, _spec_state,
                                            _new_name, _new_parent, **kwargs)
        self.side_effect = side_effect

    def __call__(self, /, *args, **kwargs):
        self._record_call(*args, **kwargs)
        return self._answer_call(*args, **kwargs)

    def _record_call(self, /, *args, **kwargs):
        self.called = True
        self.call_count += 1
        this = _Call((args, kwargs), two=True)
        self.call_args = this
        self.call_args_list.append(this)
        self.mock_calls.append(_Call(('', args, kwargs), None))
        # up the attribute chain: method_calls, named by the attribute path
        path = self._mock_label
        node = self
        while node._mock_owner is not None:
            node._mock_owner.method_calls.append(_Call((path, args, kwargs)))
            node = node._mock_owner
            if node._mock_owner is not None:
                path = node._mock_label + '.' + path
        # up the chain of parents: mock_calls, named by the full path
        path = self._mock_step
        called_last = path == '()'
        node = self._mock_recorder
        while node is not None:
            node.mock_calls.append(_Call((path, args, kwargs)))
            if node._mock_step:
                path = node._mock_step + ('' if called_last else '.') + path
                called_last = node._mock_step == '()'
            node = node._mock_recorder

    def _answer_call(self, /, *args, **kwargs):
        effect = self.side_effect
        if effect is not None:
            if _is_exception(effect):
                raise effect
            if not callable(effect):
                answer = next(effect)
                if _is_exception(answer):
                    raise answer
            else:
                answer = effect(*args, **kwargs)
            if answer is not DEFAULT:
                return answer
        if self._mock_answer is not DEFAULT:
            return self.return_value
        if self._mock_wrapped is not None:
            return self._mock_wrapped(*args, **kwargs)
        return self.return_value


class Mock(CallableMixin, NonCallableMock):
    """A callable mock.  Mock(spec=None, side_effect=None,
    return_value=DEFAULT, wraps=None, name=None, spec_set=None,
    unsafe=False, **attributes)."""


class MagicMixin(object):
    def __init__(self, /, *args, **kw):
        self._mock_install_magics()
        super(MagicMixin, self).__init__(*args, **kw)
        self._mock_install_magics()

    def _mock_install_magics(self):
        wanted = _magics
        methods = getattr(self, '_mock_allowed', None)
        kind = type(self)
        if methods is not None:
            wanted = _magics.intersection(methods)
            for name in _magics - wanted:
                if name in kind.__dict__:
                    delattr(self, name)
        for name in wanted - set(kind.__dict__):
            setattr(kind, name, MagicProxy(name, self))


class NonCallableMagicMock(MagicMixin, NonCallableMock):
    """A non-callable MagicMock."""

    def mock_add_spec(self, spec, spec_set=False):
        self._mock_apply_spec(spec, spec_set)
        self._mock_install_magics()


class MagicMock(MagicMixin, Mock):
    """A Mock with the magic methods configured: len() is 0, iter() empty,
    bool() true, int() 1, and each can be set (m.__len__.return_value = 3)."""

    def mock_add_spec(self, spec, spec_set=False):
        self._mock_apply_spec(spec, spec_set)
        self._mock_install_magics()


class PropertyMock(Mock):
    """A mock to put on a class as a property: getting the attribute calls
    it with no arguments, setting calls it with the value."""

    def _make_child(self, /, **kwargs):
        return MagicMock(**kwargs)

    def __get__(self, obj, obj_type=None):
        return self()

    def __set__(self, obj, val):
        self(val)


def create_autospec(spec, spec_set=False, instance=False, _parent=None, _name=None, **kwargs):
    """A MagicMock with spec (signatures are not checked in torii)."""
    if isinstance(spec, type) and not instance:
        kwargs.setdefault('spec_set' if spec_set else 'spec', spec)
        return MagicMock(**kwargs)
    kwargs.setdefault('spec_set' if spec_set else 'spec', spec)
    if callable(spec) and not isinstance(spec, type):
        return MagicMock(**kwargs)
    return NonCallableMagicMock(**kwargs)


def seal(mock):
    """Stops mock (and its children) from making new attributes."""
    mock._mock_closed = True
    family = list(mock._mock_kids.values())
    if _is_mock(mock._mock_answer):
        family.append(mock._mock_answer)
    for child in family:
        if _is_mock(child) and child is not mock and child._mock_recorder is mock:
            seal(child)


def mock_open(mock=None, read_data=''):
    """A MagicMock standing for open(): its file handle reads read_data."""
    if mock is None:
        mock = MagicMock(name='open', spec=open)
    handle = MagicMock()
    handle.configure_mock(**{'__enter__.return_value': handle})
    lines = read_data.splitlines(True)
    handle.read.side_effect = lambda *a: read_data
    handle.readline.side_effect = lines + [''] * 1000
    handle.readlines.return_value = lines
    handle.__iter__.return_value = iter(lines)
    handle.write.configure_mock(return_value=None)
    mock.return_value = handle
    return mock


# ---- patch ------------------------------------------------------------------

def _importer(target):
    parts = target.split('.')
    taken = parts.pop(0)
    thing = __import__(taken)
    for part in parts:
        taken += '.' + part
        try:
            thing = getattr(thing, part)
        except AttributeError:
            __import__(taken)
            thing = getattr(thing, part)
    return thing


def _get_target(target):
    where, dot, attribute = target.rpartition('.') if isinstance(target, str) else ('', '', '')
    if not dot:
        raise TypeError('Need a valid target to patch. You supplied: %r' % (target,))
    return (lambda: _importer(where)), attribute


class _patch(object):
    # one attribute swapped for a new value (by default a MagicMock)
    keyword = None
    _started = []

    def __init__(self, getter, attribute, new, spec, create, spec_set, autospec,
                 new_callable, kwargs, *, unsafe=False):
        if new_callable is not None:
            if new is not DEFAULT:
                raise ValueError("Cannot use 'new' and 'new_callable' together")
            if autospec is not None:
                raise ValueError("Cannot use 'autospec' and 'new_callable' together")
        self.getter = getter
        self.attribute = attribute
        self.new = new
        self.new_callable = new_callable   # what makes the replacement, if given
        self.spec = spec
        self.create = create
        self.has_local = False
        self.spec_set = spec_set
        self.autospec = autospec
        self.kwargs = kwargs
        self.companions = []
        self.unsafe = unsafe

    def copy(self):
        twin = _patch(self.getter, self.attribute, self.new, self.spec, self.create,
                      self.spec_set, self.autospec, self.new_callable, self.kwargs,
                      unsafe=self.unsafe)
        twin.keyword = self.keyword
        twin.companions = [p.copy() for p in self.companions]
        return twin

    def __call__(self, func):
        if isinstance(func, type):
            return self._wrap_class(func)
        return self._wrap_function(func)

    def _wrap_class(self, klass):
        for attr in dir(klass):
            if attr[:len(patch.TEST_PREFIX)] != patch.TEST_PREFIX:
                continue
            value = getattr(klass, attr)
            if not hasattr(value, '__call__'):
                continue
            setattr(klass, attr, self.copy()(value))
        return klass

    @contextlib.contextmanager
    def _applied(self, patched, args, keywargs):
        extra = []
        with contextlib.ExitStack() as undo:
            for one in patched.patchings:
                made = undo.enter_context(one)
                if one.keyword is not None:
                    keywargs.update(made)
                elif one.new is DEFAULT:
                    extra.append(made)
            yield args + tuple(extra), keywargs

    def _wrap_function(self, func):
        if hasattr(func, 'patchings'):
            # stacked decorators share one wrapper; the innermost patch comes first
            func.patchings.append(self)
            return func

        @wraps(func)
        def patched(*args, **keywargs):
            with self._applied(patched, args, keywargs) as (new_args, new_kw):
                return func(*new_args, **new_kw)
        patched.patchings = [self]
        return patched

    def _current(self):
        # (what the attribute is now, whether the target's own dict holds it)
        holder = self.getter()
        attr = self.attribute
        own = getattr(holder, '__dict__', None)
        if isinstance(own, dict) and attr in own:
            found, local = own[attr], True
        else:
            found, local = getattr(holder, attr, DEFAULT), False
        if isinstance(holder, ModuleType) and attr in builtins.__dict__:
            self.create = True     # a builtin may be shadowed in a module
        if found is DEFAULT and not self.create:
            raise AttributeError('%s does not have the attribute %r' % (holder, attr))
        return found, local

    def _replacement(self, original):
        # what goes in the attribute's place
        spec = None if self.spec is False else self.spec
        spec_set = None if self.spec_set is False else self.spec_set
        if spec is True:
            spec = original
        if spec_set is True:
            spec_set = original
        if self.new is not DEFAULT:
            if self.kwargs and self.autospec is None:
                raise TypeError("Can't pass kwargs to a mock we aren't creating")
            return self.new
        if self.autospec is not None:
            described = original if self.autospec is True else self.autospec
            return create_autospec(described, spec_set=bool(spec_set), name=self.attribute,
                                   **self.kwargs)
        options = {}
        maker = self.new_callable
        if maker is None:
            maker = MagicMock
            for key, given in (('spec', spec), ('spec_set', spec_set)):
                if given is not None:
                    options[key] = given
            described = spec if spec_set is None else spec_set
            if described is not None and not callable(described):
                maker = NonCallableMagicMock
        options.update(self.kwargs)
        made = maker(**options)
        if _is_mock(made) and not made._mock_label:
            made.__dict__['_mock_label'] = self.attribute
        return made

    def __enter__(self):
        self.target = self.getter()
        original, local = self._current()
        new = self._replacement(original)
        self.saved, self.was_own = original, local
        try:
            setattr(self.target, self.attribute, new)
            if self.keyword is None:
                return new
            made = {self.keyword: new} if self.new is DEFAULT else {}
            for other in self.companions:
                got = other.__enter__()
                if other.new is DEFAULT:
                    made.update(got)
            return made
        except BaseException as exc:
            if not self.__exit__(type(exc), exc, exc.__traceback__):
                raise

    def __exit__(self, *exc_info):
        where, attr = self.target, self.attribute
        if self.saved is not DEFAULT and self.was_own:
            setattr(where, attr, self.saved)
        else:
            delattr(where, attr)
            lost = not hasattr(where, attr)
            special = attr in ('__doc__', '__module__', '__defaults__', '__annotations__',
                               '__kwdefaults__')
            if not self.create and (lost or special):
                # an attribute the class or module gave, that deleting lost
                setattr(where, attr, self.saved)
        del self.saved, self.was_own, self.target
        for other in self.companions[::-1]:
            other.__exit__(*exc_info)
        return False

    def start(self):
        """Applies the patch until stop() (or patch.stopall())."""
        made = self.__enter__()
        self._started.append(self)
        return made

    def stop(self):
        """Undoes start()."""
        if self not in self._started:
            return None
        self._started.remove(self)
        return self.__exit__(None, None, None)


def patch(target, new=DEFAULT, spec=None, create=False, spec_set=None, autospec=None,
          new_callable=None, *, unsafe=False, **kwargs):
    """Replaces the object `target` names ("package.module.attribute")
    with new (by default a MagicMock) inside the decorated function or
    with statement, and puts it back after."""
    getter, attribute = _get_target(target)
    return _patch(getter, attribute, new, spec, create, spec_set, autospec,
                  new_callable, kwargs, unsafe=unsafe)


def _patch_object(target, attribute, new=DEFAULT, spec=None, create=False, spec_set=None,
                  autospec=None, new_callable=None, *, unsafe=False, **kwargs):
    if type(target) is str:
        raise TypeError(f'{target!r} must be the actual object to be patched, not a str')
    return _patch(lambda: target, attribute, new, spec, create, spec_set, autospec,
                  new_callable, kwargs, unsafe=unsafe)


def _patch_multiple(target, spec=None, create=False, spec_set=None, autospec=None,
                    new_callable=None, **kwargs):
    if type(target) is str:
        getter = lambda: _importer(target)
    else:
        getter = lambda: target
    if not kwargs:
        raise ValueError('Must supply at least one keyword argument with patch.multiple')
    items = list(kwargs.items())
    attribute, new = items[0]
    first = _patch(getter, attribute, new, spec, create, spec_set, autospec, new_callable, {})
    first.keyword = attribute
    for attribute, new in items[1:]:
        more = _patch(getter, attribute, new, spec, create, spec_set, autospec, new_callable, {})
        more.keyword = attribute
        first.companions.append(more)
    return first


class _patch_dict(object):
    """patch.dict(in_dict, values=(), clear=False, **kwargs): sets the
    values in the dict (or the dict a dotted name names) and restores its
    whole former content after."""

    def __init__(self, in_dict, values=(), clear=False, **kwargs):
        self.in_dict = in_dict
        self.values = dict(values)
        self.values.update(kwargs)
        self.clear = clear
        self._original = None

    def __call__(self, f):
        if isinstance(f, type):
            return self._wrap_class(f)

        @wraps(f)
        def wrapped(*args, **kw):
            with self:
                return f(*args, **kw)
        return wrapped

    def _wrap_class(self, klass):
        for attr in dir(klass):
            value = getattr(klass, attr)
            if attr.startswith(patch.TEST_PREFIX) and hasattr(value, '__call__'):
                twin = _patch_dict(self.in_dict, self.values, self.clear)
                setattr(klass, attr, twin(value))
        return klass

    def __enter__(self):
        self._patch_dict()
        return self.in_dict

    def _patch_dict(self):
        if isinstance(self.in_dict, str):
            self.in_dict = _importer(self.in_dict)
        target = self.in_dict
        try:
            saved = target.copy()
        except AttributeError:
            saved = {key: target[key] for key in target}
        self._original = saved
        if self.clear:
            _clear_dict(target)
        try:
            target.update(self.values)
        except AttributeError:
            for key in self.values:
                target[key] = self.values[key]

    def _unpatch_dict(self):
        target = self.in_dict
        _clear_dict(target)
        try:
            target.update(self._original)
        except AttributeError:
            for key in self._original:
                target[key] = self._original[key]

    def __exit__(self, *args):
        if self._original is not None:
            self._unpatch_dict()
        return False

    def start(self):
        made = self.__enter__()
        _patch._started.append(self)
        return made

    def stop(self):
        try:
            _patch._started.remove(self)
        except ValueError:
            return None
        return self.__exit__(None, None, None)


def _clear_dict(d):
    try:
        d.clear()
    except AttributeError:
        for key in list(d):
            del d[key]


def _patch_stopall():
    """Stops every patch started with start()."""
    for active in reversed(_patch._started):
        active.stop()


patch.object = _patch_object
patch.dict = _patch_dict
patch.multiple = _patch_multiple
patch.stopall = _patch_stopall
patch.TEST_PREFIX = 'test'
