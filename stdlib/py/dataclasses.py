"""Data classes: the @dataclass decorator generates __init__, __repr__,
__eq__, the ordering methods, __hash__ and frozen __setattr__/__delattr__
from the class body's annotations; field(), fields(), asdict(), astuple(),
replace(), is_dataclass(), make_dataclass().  torii's own implementation:
the methods are generated as Python source and compiled with exec."""

import copy as _copy

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar',
           'KW_ONLY', 'MISSING', 'fields', 'asdict', 'astuple',
           'make_dataclass', 'replace', 'is_dataclass']


class FrozenInstanceError(AttributeError):
    pass


class _MISSING_TYPE:
    pass


MISSING = _MISSING_TYPE()


class _HAS_DEFAULT_FACTORY_CLASS:
    def __repr__(self):
        return '<factory>'


_HAS_DEFAULT_FACTORY = _HAS_DEFAULT_FACTORY_CLASS()


class _KW_ONLY_TYPE:
    pass


KW_ONLY = _KW_ONLY_TYPE()


class _FIELD_BASE:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


_FIELD = _FIELD_BASE('_FIELD')
_FIELD_CLASSVAR = _FIELD_BASE('_FIELD_CLASSVAR')
_FIELD_INITVAR = _FIELD_BASE('_FIELD_INITVAR')

_FIELDS = '__dataclass_fields__'
_PARAMS = '__dataclass_params__'
_POST_INIT_NAME = '__post_init__'


class InitVar:
    __slots__ = ('type',)

    def __init__(self, type):
        self.type = type

    def __repr__(self):
        if isinstance(self.type, type):
            type_name = self.type.__name__
        else:
            type_name = repr(self.type)
        return f'dataclasses.InitVar[{type_name}]'

    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    __slots__ = ('name', 'type', 'default', 'default_factory', 'repr', 'hash',
                 'init', 'compare', 'metadata', 'kw_only', 'doc', '_field_type')

    def __init__(self, default, default_factory, init, repr, hash, compare,
                 metadata, kw_only, doc=None):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self.doc = doc
        self._field_type = None

    def __repr__(self):
        return ('Field('
                f'name={self.name!r},'
                f'type={self.type!r},'
                f'default={self.default!r},'
                f'default_factory={self.default_factory!r},'
                f'init={self.init!r},'
                f'repr={self.repr!r},'
                f'hash={self.hash!r},'
                f'compare={self.compare!r},'
                f'metadata={self.metadata!r},'
                f'kw_only={self.kw_only!r},'
                f'_field_type={self._field_type}'
                ')')


class _DataclassParams:
    __slots__ = ('init', 'repr', 'eq', 'order', 'unsafe_hash', 'frozen',
                 'match_args', 'kw_only', 'slots', 'weakref_slot')

    def __init__(self, init, repr, eq, order, unsafe_hash, frozen,
                 match_args, kw_only, slots, weakref_slot):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen
        self.match_args = match_args
        self.kw_only = kw_only
        self.slots = slots
        self.weakref_slot = weakref_slot

    def __repr__(self):
        return ('_DataclassParams('
                f'init={self.init!r},'
                f'repr={self.repr!r},'
                f'eq={self.eq!r},'
                f'order={self.order!r},'
                f'unsafe_hash={self.unsafe_hash!r},'
                f'frozen={self.frozen!r},'
                f'match_args={self.match_args!r},'
                f'kw_only={self.kw_only!r},'
                f'slots={self.slots!r},'
                f'weakref_slot={self.weakref_slot!r}'
                ')')


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING, doc=None):
    """Return an object to identify dataclass fields."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare,
                 metadata, kw_only, doc)


def _is_classvar(a_type):
    if isinstance(a_type, str):
        return (a_type.startswith('ClassVar') or
                a_type.startswith('typing.ClassVar'))
    name = getattr(a_type, '_name', None)
    return name == 'ClassVar' and type(a_type).__module__ == 'typing'


def _is_initvar(a_type):
    if isinstance(a_type, str):
        return a_type.startswith('InitVar') or a_type.startswith('dataclasses.InitVar')
    return a_type is InitVar or isinstance(a_type, InitVar)


def _is_kw_only(a_type):
    if isinstance(a_type, str):
        return a_type in ('KW_ONLY', 'dataclasses.KW_ONLY')
    return a_type is KW_ONLY


def _get_field(cls, a_name, a_type, default_kw_only):
    default = cls.__dict__.get(a_name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        f = field(default=default)
    f.name = a_name
    f.type = a_type
    f._field_type = _FIELD
    if _is_classvar(a_type):
        f._field_type = _FIELD_CLASSVAR
    elif _is_initvar(a_type):
        f._field_type = _FIELD_INITVAR
    if f._field_type in (_FIELD_CLASSVAR, _FIELD_INITVAR):
        if f.default_factory is not MISSING:
            raise TypeError(f'field {f.name} cannot have a default factory')
    if f._field_type in (_FIELD, _FIELD_INITVAR):
        if f.kw_only is MISSING:
            f.kw_only = default_kw_only
    else:
        if f.kw_only is not MISSING:
            raise TypeError(f'field {f.name} is a ClassVar but specifies kw_only')
    if (f._field_type is _FIELD and f.default is not MISSING and
            (f.default.__class__.__hash__ is None or
             isinstance(f.default, (list, dict, set)))):
        raise ValueError(f'mutable default {type(f.default)} for field '
                         f'{f.name} is not allowed: use default_factory')
    return f


def _create_fn(name, args, body, qualname, globals_=None, locals_=None):
    if locals_ is None:
        locals_ = {}
    body = '\n'.join(f'  {b}' for b in body) or '  pass'
    txt = f' def {name}({args}):\n{body}'
    local_vars = ', '.join(locals_.keys())
    src = f'def __create_fn__({local_vars}):\n{txt}\n return {name}'
    ns = {}
    exec(src, globals_ if globals_ is not None else {}, ns)
    fn = ns['__create_fn__'](**locals_)
    fn.__qualname__ = f'{qualname}.{name}'
    return fn


def _set_new_attribute(cls, name, value):
    if name in cls.__dict__:
        return True
    setattr(cls, name, value)
    return False


def _field_assign(frozen, name, value, self_name):
    if frozen:
        return f'__dataclass_builtins_object__.__setattr__({self_name},{name!r},{value})'
    return f'{self_name}.{name}={value}'


def _init_fn(cls, fields, std_fields, kw_only_fields, frozen, has_post_init,
             globals_):
    seen_default = None
    for f in std_fields:
        if f.init:
            if not (f.default is MISSING and f.default_factory is MISSING):
                seen_default = f
            elif seen_default:
                raise TypeError(f'non-default argument {f.name!r} '
                                f'follows default argument {seen_default.name!r}')
    locals_ = {'__dataclass_type_' + f.name + '__': f.type for f in fields}
    locals_['__dataclass_HAS_DEFAULT_FACTORY__'] = _HAS_DEFAULT_FACTORY
    locals_['__dataclass_builtins_object__'] = object
    for f in fields:
        if f.default_factory is not MISSING:
            locals_['__dataclass_dflt_' + f.name + '__'] = f.default_factory
        elif f.default is not MISSING:
            locals_['__dataclass_dflt_' + f.name + '__'] = f.default
    body = []
    for f in fields:
        if f._field_type is _FIELD_CLASSVAR:
            continue
        dname = '__dataclass_dflt_' + f.name + '__'
        if f.default_factory is not MISSING:
            if f.init:
                value = (f'{dname}() if {f.name} is __dataclass_HAS_DEFAULT_FACTORY__ '
                         f'else {f.name}')
            else:
                value = f'{dname}()'
        elif f.init:
            if f._field_type is _FIELD_INITVAR:
                continue
            value = f.name
        elif f.default is not MISSING:
            value = dname
        else:
            continue
        if f._field_type is _FIELD_INITVAR:
            continue
        body.append(_field_assign(frozen, f.name, value, 'self'))
    if has_post_init:
        params = ','.join(f.name for f in fields if f._field_type is _FIELD_INITVAR)
        body.append(f'self.{_POST_INIT_NAME}({params})')

    def param(f):
        if f.default is MISSING and f.default_factory is MISSING:
            return f'{f.name}:__dataclass_type_{f.name}__'
        if f.default is not MISSING:
            return f'{f.name}:__dataclass_type_{f.name}__=__dataclass_dflt_{f.name}__'
        return f'{f.name}:__dataclass_type_{f.name}__=__dataclass_HAS_DEFAULT_FACTORY__'

    params = ['self'] + [param(f) for f in std_fields]
    if kw_only_fields:
        params.append('*')
        params += [param(f) for f in kw_only_fields]
    return _create_fn('__init__', ','.join(params), body, cls.__qualname__,
                      globals_, locals_)


def _repr_fn(cls, fields):
    parts = ', '.join(f'{f.name}={{self.{f.name}!r}}' for f in fields)
    body = ['key = (id(self), __dataclass_get_ident__())',
            'if key in __dataclass_repr_running__:',
            "  return '...'",
            '__dataclass_repr_running__.add(key)',
            'try:',
            f'  return self.__class__.__qualname__ + f"({parts})"',
            'finally:',
            '  __dataclass_repr_running__.discard(key)']
    return _create_fn('__repr__', 'self', body, cls.__qualname__, None,
                      {'__dataclass_repr_running__': set(),
                       '__dataclass_get_ident__': _get_ident})


def _get_ident():
    try:
        import _thread
        return _thread.get_ident()
    except Exception:
        return 0


def _frozen_fns(cls, fields):
    names = tuple(f.name for f in fields)
    locals_ = {'cls': cls, 'FrozenInstanceError': FrozenInstanceError,
               '__dataclass_fields_names__': names}
    cond = 'type(self) is cls or name in __dataclass_fields_names__'
    setattr_fn = _create_fn('__setattr__', 'self, name, value',
                            [f'if {cond}:',
                             ' raise FrozenInstanceError(f"cannot assign to field {name!r}")',
                             'super(cls, self).__setattr__(name, value)'],
                            cls.__qualname__, None, locals_)
    delattr_fn = _create_fn('__delattr__', 'self, name',
                            [f'if {cond}:',
                             ' raise FrozenInstanceError(f"cannot delete field {name!r}")',
                             'super(cls, self).__delattr__(name)'],
                            cls.__qualname__, None, locals_)
    return setattr_fn, delattr_fn


def _cmp_fn(cls, name, op, fields):
    self_t = '(' + ''.join(f'self.{f.name},' for f in fields) + ')'
    other_t = '(' + ''.join(f'other.{f.name},' for f in fields) + ')'
    return _create_fn(name, 'self, other',
                      ['if other.__class__ is self.__class__:',
                       f' return {self_t}{op}{other_t}',
                       'return NotImplemented'], cls.__qualname__)


def _eq_fn(cls, fields):
    if fields:
        cmp = ' and '.join(f'self.{f.name}==other.{f.name}' for f in fields)
    else:
        cmp = 'True'
    return _create_fn('__eq__', 'self, other',
                      ['if self is other:',
                       ' return True',
                       'if other.__class__ is self.__class__:',
                       f' return {cmp}',
                       'return NotImplemented'], cls.__qualname__)


def _hash_fn(cls, fields):
    t = '(' + ''.join(f'self.{f.name},' for f in fields) + ')'
    return _create_fn('__hash__', 'self', [f'return hash({t})'], cls.__qualname__)


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen,
                   match_args, kw_only, slots, weakref_slot):
    fields = {}
    setattr(cls, _PARAMS, _DataclassParams(init, repr, eq, order, unsafe_hash,
                                           frozen, match_args, kw_only, slots,
                                           weakref_slot))
    any_frozen_base = False
    has_dataclass_bases = False
    for b in cls.__mro__[-1:0:-1]:
        base_fields = b.__dict__.get(_FIELDS)
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                fields[f.name] = f
            if getattr(b, _PARAMS).frozen:
                any_frozen_base = True

    cls_annotations = cls.__dict__.get('__annotations__', {})
    cls_fields = []
    kw_only_now = kw_only
    for name, type_ in cls_annotations.items():
        if _is_kw_only(type_):
            kw_only_now = True
            continue
        cls_fields.append(_get_field(cls, name, type_, kw_only_now))
    for f in cls_fields:
        fields[f.name] = f
        if isinstance(cls.__dict__.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in cls_annotations:
            raise TypeError(f'{name!r} is a field but has no type annotation')

    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError('cannot inherit non-frozen dataclass from a frozen one')
        if not any_frozen_base and frozen:
            raise TypeError('cannot inherit frozen dataclass from a non-frozen one')

    setattr(cls, _FIELDS, fields)
    class_hash = cls.__dict__.get('__hash__', MISSING)
    has_explicit_hash = not (class_hash is MISSING or
                             (class_hash is None and '__eq__' in cls.__dict__))
    if order and not eq:
        raise ValueError('eq must be true if order is true')

    all_init_fields = [f for f in fields.values()
                       if f._field_type in (_FIELD, _FIELD_INITVAR)]
    std_init_fields = [f for f in all_init_fields if f.init and not f.kw_only]
    kw_only_init_fields = [f for f in all_init_fields if f.init and f.kw_only]
    field_list = [f for f in fields.values() if f._field_type is _FIELD]

    if init:
        has_post_init = hasattr(cls, _POST_INIT_NAME)
        import sys
        mod = sys.modules.get(cls.__module__)
        globals_ = mod.__dict__ if mod is not None else {}
        _set_new_attribute(cls, '__init__',
                           _init_fn(cls, all_init_fields, std_init_fields,
                                    kw_only_init_fields, frozen, has_post_init,
                                    globals_))
    if repr:
        flds = [f for f in field_list if f.repr]
        _set_new_attribute(cls, '__repr__', _repr_fn(cls, flds))
    if eq:
        cmp_fields = [f for f in field_list if f.compare]
        _set_new_attribute(cls, '__eq__', _eq_fn(cls, cmp_fields))
    if order:
        flds = [f for f in field_list if f.compare]
        for name, op in [('__lt__', '<'), ('__le__', '<='), ('__gt__', '>'),
                         ('__ge__', '>=')]:
            if _set_new_attribute(cls, name, _cmp_fn(cls, name, op, flds)):
                raise TypeError(f'Cannot overwrite attribute {name} '
                                f'in class {cls.__name__}. Consider using '
                                'functools.total_ordering')
    if frozen:
        for fn in _frozen_fns(cls, field_list):
            if _set_new_attribute(cls, fn.__name__, fn):
                raise TypeError(f'Cannot overwrite attribute {fn.__name__} '
                                f'in class {cls.__name__}')

    hash_fields = [f for f in field_list
                   if (f.compare if f.hash is None else f.hash)]
    if unsafe_hash:
        if has_explicit_hash:
            raise TypeError(f'Cannot overwrite attribute __hash__ '
                            f'in class {cls.__name__}')
        cls.__hash__ = _hash_fn(cls, hash_fields)
    elif not has_explicit_hash:
        if eq and frozen:
            cls.__hash__ = _hash_fn(cls, hash_fields)
        elif eq:
            cls.__hash__ = None

    if not getattr(cls, '__doc__', None):
        try:
            text = str(inspect_signature(cls)).replace(' -> None', '')
        except Exception:
            text = ''
        cls.__doc__ = cls.__name__ + text

    if match_args:
        _set_new_attribute(cls, '__match_args__',
                           tuple(f.name for f in std_init_fields))
    return cls


def inspect_signature(cls):
    parts = []
    for f in cls.__dict__[_FIELDS].values():
        if f._field_type is _FIELD_CLASSVAR or not f.init:
            continue
        t = f.type
        ts = t.__name__ if isinstance(t, type) else repr(t)
        if f.default is not MISSING:
            parts.append(f'{f.name}: {ts} = {f.default!r}')
        elif f.default_factory is not MISSING:
            parts.append(f'{f.name}: {ts} = <factory>')
        else:
            parts.append(f'{f.name}: {ts}')
    return '(' + ', '.join(parts) + ')'


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True,
              kw_only=False, slots=False, weakref_slot=False):
    """Add dunder methods based on the fields defined in the class."""

    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash,
                              frozen, match_args, kw_only, slots,
                              weakref_slot)

    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    """Return a tuple describing the fields of this dataclass."""
    try:
        fields = getattr(class_or_instance, _FIELDS)
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(f for f in fields.values() if f._field_type is _FIELD)


def _is_dataclass_instance(obj):
    return hasattr(type(obj), _FIELDS)


def is_dataclass(obj):
    """Returns True if obj is a dataclass or an instance of a dataclass."""
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, _FIELDS)


def asdict(obj, *, dict_factory=dict):
    """Return the fields of a dataclass instance as a new dictionary."""
    if not _is_dataclass_instance(obj):
        raise TypeError('asdict() should be called on dataclass instances')
    return _asdict_inner(obj, dict_factory)


def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory))
                             for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, dict_factory),
                          _asdict_inner(v, dict_factory)) for k, v in obj.items())
    return _copy.deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    """Return the fields of a dataclass instance as a new tuple."""
    if not _is_dataclass_instance(obj):
        raise TypeError('astuple() should be called on dataclass instances')
    return _astuple_inner(obj, tuple_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_dataclass_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory)
                              for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v, tuple_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_astuple_inner(k, tuple_factory),
                          _astuple_inner(v, tuple_factory)) for k, v in obj.items())
    return _copy.deepcopy(obj)


def replace(obj, /, **changes):
    """Return a new object replacing specified fields with new values."""
    if not _is_dataclass_instance(obj):
        raise TypeError('replace() should be called on dataclass instances')
    for f in getattr(obj, _FIELDS).values():
        if f._field_type is _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise TypeError(f'field {f.name} is declared with '
                                f'init=False, it cannot be specified with '
                                f'replace()')
            continue
        if f.name not in changes:
            if f._field_type is _FIELD_INITVAR and f.default is MISSING:
                raise TypeError(f"InitVar {f.name!r} "
                                f'must be specified with replace()')
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, init=True,
                   repr=True, eq=True, order=False, unsafe_hash=False,
                   frozen=False, match_args=True, kw_only=False, slots=False,
                   weakref_slot=False, module=None):
    """Return a new dynamically created dataclass."""
    ns = dict(namespace or {})
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            name, tp = item, 'typing.Any'
        elif len(item) == 2:
            name, tp = item
        else:
            name, tp, spec = item
            ns[name] = spec
        annotations[name] = tp
    ns['__annotations__'] = annotations
    cls = type(cls_name, bases, ns)
    if module is None:
        module = '__main__'
    cls.__module__ = module
    return dataclass(cls, init=init, repr=repr, eq=eq, order=order,
                     unsafe_hash=unsafe_hash, frozen=frozen,
                     match_args=match_args, kw_only=kw_only, slots=slots,
                     weakref_slot=weakref_slot)
