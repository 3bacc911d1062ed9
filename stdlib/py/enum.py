"""enum: enumerations (Enum, IntEnum, StrEnum, Flag, IntFlag), auto and unique.

torii's own implementation of CPython 3.13's enum module, written on top of
metaclasses (objects/class.c).  EnumType.__new__ turns the names of a class
body that are not dunders, sunders or descriptors into members: instances of
the new class made once, at class creation, with `_name_` and `_value_`.
The class keeps `_member_names_` (canonical members, definition order),
`_member_map_` (every name, aliases included) and `_value2member_map_`.

Members of classes whose instances have no __dict__ (str subclasses, as
torii lays them out) keep their name and value in the class's
`_slotless_` table, keyed by id(); the class keeps them alive.

Threads: an enum class is built by one thread before it is shared; Flag
pseudo-members made later (Perm.R | Perm.W) are cached with setdefault, so
two threads making the same one agree on a single object.
"""

__all__ = [
    'EnumType', 'EnumMeta', 'Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag', 'ReprEnum',
    'auto', 'unique', 'member', 'nonmember', 'property', 'global_enum', 'verify',
    'CONTINUOUS', 'NAMED_FLAGS', 'UNIQUE', 'STRICT', 'CONFORM', 'EJECT', 'KEEP',
]

_builtin_property = property


class _NotGiven:
    def __repr__(self):
        return '<not given>'


_not_given = _NotGiven()


class auto:
    """Instances are replaced with an appropriate value in Enum class suites."""

    def __init__(self, value=_not_given):
        self.value = value

    def __repr__(self):
        return 'auto(%r)' % (self.value,)


class member:
    """Forces an item to become an Enum member."""

    def __init__(self, value):
        self.value = value


class nonmember:
    """Protects an item from becoming an Enum member."""

    def __init__(self, value):
        self.value = value


# Enum's `property`: a plain property suffices here.
property = _builtin_property


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == '__' and name[2] != '_' and name[-3] != '_'


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == '_' and name[1] != '_' and name[-2] != '_'


def _function():
    pass


# torii's builtin descriptor types do not list __get__ as an attribute
_descriptor_types = (type(_function), staticmethod, classmethod, _builtin_property)


def _is_descriptor(obj):
    if isinstance(obj, _descriptor_types):
        return True
    return hasattr(obj, '__get__') or hasattr(obj, '__set__') or hasattr(obj, '__delete__')


def _is_single_bit(n):
    return n != 0 and (n & (n - 1)) == 0


def _set_info(m, name, value):
    try:
        m._name_ = name
        m._value_ = value
    except AttributeError:
        type(m)._slotless_[id(m)] = (name, value)


def _name_of(m):
    try:
        return m._name_
    except AttributeError:
        return type(m)._slotless_[id(m)][0]


def _value_of(m):
    try:
        return m._value_
    except AttributeError:
        return type(m)._slotless_[id(m)][1]


class _EnumDict(dict):
    """The namespace of an enum class body: resolves auto() as it is assigned,
    so later lines see the values (WHITE = RED | GREEN)."""

    def __init__(self, gen):
        super().__init__()
        self._gen = gen
        self._last_values = []

    def _resolve(self, key, v):
        if isinstance(v, auto) and v.value is _not_given:
            v.value = self._gen(key, 1, len(self._last_values), self._last_values[:])
        return v.value if isinstance(v, auto) else v

    def __setitem__(self, key, value):
        if key == '_generate_next_value_':
            self._gen = value.__func__ if isinstance(value, staticmethod) else value
        elif not (_is_dunder(key) or _is_sunder(key) or _is_descriptor(value)
                  or isinstance(value, (member, nonmember, type))):
            if self._gen is not None:
                if isinstance(value, tuple):
                    value = tuple(self._resolve(key, v) for v in value)
                else:
                    value = self._resolve(key, value)
            self._last_values.append(value)
        super().__setitem__(key, value)


class EnumType(type):
    """Metaclass for Enum."""

    @classmethod
    def __prepare__(metacls, cls, bases, **kwds):
        gen = getattr(bases[-1], '_generate_next_value_', None) if bases else None
        return _EnumDict(gen)

    def __new__(metacls, cls, bases, classdict, *, boundary=None, _simple=False, **kwds):
        member_type, first_enum = metacls._get_mixins_(cls, bases)
        ignore = classdict.get('_ignore_', [])
        if isinstance(ignore, str):
            ignore = ignore.replace(',', ' ').split()
        members = []
        body = {}
        for key, value in classdict.items():
            if key in ignore or key == '_ignore_':
                continue
            if isinstance(value, nonmember):
                body[key] = value.value
            elif isinstance(value, member):
                members.append((key, value.value))
            elif _is_dunder(key) or _is_sunder(key) or _is_descriptor(value):
                body[key] = value
            elif isinstance(value, type) and value.__qualname__.startswith(
                    classdict.get('__qualname__', cls) + '.'):
                body[key] = value    # a nested class stays a class
            else:
                members.append((key, value))
        seen = set()
        for key, value in members:
            if key in seen:
                raise TypeError('%r already defined as %r' % (key, value))
            seen.add(key)
        # a __new__ in the body makes members; lookups keep Enum.__new__
        user_new = body.pop('__new__', None) if first_enum is not None else None
        if isinstance(user_new, staticmethod):
            user_new = user_new.__func__
        body['_member_names_'] = []
        body['_member_map_'] = {}
        body['_value2member_map_'] = {}
        body['_member_type_'] = member_type
        body['_slotless_'] = {}
        body['_new_member_'] = user_new
        if boundary is not None:
            body['_boundary_'] = boundary
        enum_class = super().__new__(metacls, cls, bases, body, **kwds)
        if user_new is None and first_enum is not None:
            enum_class._new_member_ = first_enum._new_member_
        if first_enum is not None:
            # the data type's repr/str/format must not hide Enum's
            for name in ('__repr__', '__str__', '__format__'):
                if name in body:
                    continue
                owner = None
                for k in enum_class.__mro__:
                    if name in k.__dict__:
                        owner = k
                        break
                if owner is None or not isinstance(owner, EnumType):
                    for k in first_enum.__mro__:
                        if name in k.__dict__:
                            setattr(enum_class, name, k.__dict__[name])
                            break
        gen = getattr(enum_class, '_generate_next_value_', None)
        is_flag = Flag is not None and issubclass(enum_class, Flag)
        last_values = []
        for name, value in members:
            if isinstance(value, auto):
                if value.value is _not_given:
                    value = gen(name, 1, len(last_values), last_values[:])
                else:
                    value = value.value
            elif isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
                items = []
                for v in value:
                    if isinstance(v, auto):
                        v = gen(name, 1, len(last_values), last_values[:]) if v.value is _not_given else v.value
                    items.append(v)
                value = tuple(items)
            last_values.append(value)
            metacls._add_member_(enum_class, member_type, name, value, is_flag)
        if is_flag:
            mask = 0
            for m in enum_class._member_map_.values():
                mask |= _value_of(m)
            enum_class._flag_mask_ = mask
            single = 0
            for n in enum_class._member_names_:
                single |= _value_of(enum_class._member_map_[n])
            enum_class._singles_mask_ = single
        return enum_class

    @staticmethod
    def _add_member_(enum_class, member_type, name, value, is_flag):
        args = value if isinstance(value, tuple) and member_type is not tuple else (value,)
        new = enum_class._new_member_
        if new is not None:
            m = new(enum_class, *args)
        elif member_type is object:
            m = object.__new__(enum_class)
        else:
            m = member_type.__new__(enum_class, *args)
        try:
            value = m._value_
        except AttributeError:
            if id(m) in enum_class._slotless_:
                value = enum_class._slotless_[id(m)][1]
            elif member_type is not object:
                value = member_type(*args)
        _set_info(m, name, value)
        m.__init__(*args)
        v2m = enum_class._value2member_map_
        try:
            canonical = v2m.get(value)
        except TypeError:
            canonical = None
            for other in enum_class._member_map_.values():
                if _value_of(other) == value:
                    canonical = other
                    break
        if canonical is not None:
            m = canonical
        else:
            if not is_flag or not isinstance(value, int) or _is_single_bit(value):
                enum_class._member_names_.append(name)
            try:
                v2m[value] = m
            except TypeError:
                pass
        enum_class._member_map_[name] = m
        setattr(enum_class, name, m)

    @classmethod
    def _get_mixins_(metacls, cls, bases):
        if not bases:
            return object, None
        first_enum = bases[-1]
        if not isinstance(first_enum, EnumType):
            raise TypeError('new enumerations should be created as '
                            '`EnumName([mixin_type, ...] [data_type,] enum_type)`')
        for base in bases:
            if isinstance(base, EnumType) and base._member_names_:
                raise TypeError('<enum %r> cannot extend %r' % (cls, base))
        member_type = object
        for chain in bases:
            for base in chain.__mro__:
                if base is object:
                    continue
                if isinstance(base, EnumType):
                    if base._member_type_ is not object:
                        member_type = base._member_type_
                        break
                    continue
                if '__new__' in base.__dict__ or base in (int, str, float, tuple):
                    member_type = base
                    break
            if member_type is not object:
                break
        return member_type, first_enum

    def __call__(cls, value, names=_not_given, *values, module=None, qualname=None,
                 type=None, start=1, boundary=None):
        if names is _not_given:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname, type=type,
                            start=start, boundary=boundary)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1,
                 boundary=None):
        metacls = cls.__class__
        bases = (cls,) if type is None else (type, cls)
        if isinstance(names, str):
            names = names.replace(',', ' ').split()
        classdict = {}
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            last_values = []
            for count, name in enumerate(names):
                value = cls._generate_next_value_(name, start, count, last_values[:])
                last_values.append(value)
                classdict[name] = value
        elif isinstance(names, dict):
            classdict.update(names)
        else:
            for name, value in names:
                classdict[name] = value
        classdict['__qualname__'] = qualname or class_name
        if module is not None:
            classdict['__module__'] = module
        return metacls.__new__(metacls, class_name, bases, classdict, boundary=boundary)

    def __contains__(cls, value):
        if isinstance(value, cls):
            return True
        try:
            return value in cls._value2member_map_
        except TypeError:
            return any(_value_of(m) == value for m in cls._member_map_.values())

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    @_builtin_property
    def __members__(cls):
        return dict(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % cls.__name__
        return "<enum %r>" % cls.__name__


EnumMeta = EnumType

Flag = None   # defined below; EnumType.__new__ tests it while the bases are made


class Enum(metaclass=EnumType):
    """Create a collection of name/value pairs."""

    def __new__(cls, value):
        if type(value) is cls:
            return value
        try:
            return cls._value2member_map_[value]
        except KeyError:
            pass
        except TypeError:
            for m in cls._member_map_.values():
                if _value_of(m) == value:
                    return m
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is None:
            raise ValueError('%r is not a valid %s' % (value, cls.__qualname__))
        raise TypeError('error in %s._missing_: returned %r instead of None or a valid member'
                        % (cls.__name__, result))

    def __init__(self, *args, **kwds):
        pass

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        try:
            last_value = sorted(last_values).pop()
        except TypeError:
            raise TypeError('unable to sort non-numeric values') from None
        try:
            return last_value + 1
        except TypeError:
            raise TypeError('unable to increment %r' % (last_value,)) from None

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        return '<%s.%s: %r>' % (self.__class__.__name__, _name_of(self), _value_of(self))

    def __str__(self):
        return '%s.%s' % (self.__class__.__name__, _name_of(self))

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __hash__(self):
        return hash(_name_of(self))

    def __reduce_ex__(self, proto):
        return self.__class__, (_value_of(self),)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    @_builtin_property
    def name(self):
        """The name of the Enum member."""
        return _name_of(self)

    @_builtin_property
    def value(self):
        """The value of the Enum member."""
        return _value_of(self)


class ReprEnum(Enum):
    """Only changes the repr(), leaving str() and format() to the mixed-in type."""


class IntEnum(int, ReprEnum):
    """Enum where members are also (and must be) ints."""

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, format_spec):
        return format(int(self), format_spec)


class StrEnum(str, ReprEnum):
    """Enum where members are also (and must be) strings."""

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError('too many arguments for str(): %r' % (values,))
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError('%r is not a string' % (values[0],))
        value = str(*values)
        m = str.__new__(cls, value)
        _set_info(m, None, value)
        return m

    def __str__(self):
        return str.__str__(self)

    def __format__(self, format_spec):
        return format(str.__str__(self), format_spec)

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class FlagBoundary:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return '<FlagBoundary.%s: %r>' % (self.name, self.name.lower())


STRICT = FlagBoundary('STRICT')
CONFORM = FlagBoundary('CONFORM')
EJECT = FlagBoundary('EJECT')
KEEP = FlagBoundary('KEEP')


class Flag(Enum, boundary=STRICT):
    """Support for flags."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        last_value = max(last_values)
        return 2 ** last_value.bit_length() if last_value > 0 else 1

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError('%r is not a valid %s' % (value, cls.__qualname__))
        mask = cls._flag_mask_
        keep = getattr(cls, '_boundary_', STRICT) is KEEP
        if value < 0:
            value = value & mask if not keep else value
        if value & ~mask and not keep:
            if getattr(cls, '_boundary_', STRICT) is CONFORM:
                value &= mask
            else:
                raise ValueError('%s: invalid value %r' % (cls.__qualname__, value))
        if cls._member_type_ is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = cls._member_type_.__new__(cls, value)
        _set_info(pseudo, None, value)
        return cls._value2member_map_.setdefault(value, pseudo)

    def _decompose_(self):
        value = _value_of(self)
        parts = []
        for name in self.__class__._member_names_:
            m = self.__class__._member_map_[name]
            v = _value_of(m)
            if v and v & value == v:
                parts.append(m)
        return parts

    def _flag_name_(self):
        name = _name_of(self)
        if name is not None:
            return name
        value = _value_of(self)
        names = [_name_of(m) for m in self._decompose_()]
        rest = value & ~self.__class__._singles_mask_
        if rest:
            names.append(str(rest))
        return '|'.join(names) if names else None

    def __repr__(self):
        name = self._flag_name_()
        cls_name = self.__class__.__name__
        if name is None:
            return '<%s: %r>' % (cls_name, _value_of(self))
        return '<%s.%s: %r>' % (cls_name, name, _value_of(self))

    def __str__(self):
        name = self._flag_name_()
        if name is None:
            return '%s(%r)' % (self.__class__.__name__, _value_of(self))
        return '%s.%s' % (self.__class__.__name__, name)

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r"
                            % (type(other).__qualname__, self.__class__.__qualname__))
        ov = _value_of(other)
        return ov & _value_of(self) == ov

    def __iter__(self):
        return iter(self._decompose_())

    def __len__(self):
        return len(self._decompose_())

    def __bool__(self):
        return bool(_value_of(self))

    def _other_value_(self, other):
        if isinstance(other, self.__class__):
            return _value_of(other)
        if self._member_type_ is not object and isinstance(other, self._member_type_):
            return other
        return NotImplemented

    def __or__(self, other):
        v = self._other_value_(other)
        if v is NotImplemented:
            return NotImplemented
        return self.__class__(_value_of(self) | v)

    def __and__(self, other):
        v = self._other_value_(other)
        if v is NotImplemented:
            return NotImplemented
        return self.__class__(_value_of(self) & v)

    def __xor__(self, other):
        v = self._other_value_(other)
        if v is NotImplemented:
            return NotImplemented
        return self.__class__(_value_of(self) ^ v)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return self.__class__(self.__class__._flag_mask_ ^ _value_of(self))


class IntFlag(int, ReprEnum, Flag, boundary=KEEP):
    """Support for integer-based Flags."""

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, format_spec):
        return format(int(self), format_spec)

    __or__ = Flag.__or__
    __and__ = Flag.__and__
    __xor__ = Flag.__xor__
    __ror__ = Flag.__ror__
    __rand__ = Flag.__rand__
    __rxor__ = Flag.__rxor__
    __contains__ = Flag.__contains__
    __iter__ = Flag.__iter__
    __len__ = Flag.__len__

    def __invert__(self):
        value = _value_of(self)
        if value < 0 or value & ~self.__class__._flag_mask_:
            return self.__class__(~value)
        return self.__class__(self.__class__._flag_mask_ ^ value)


def unique(enumeration):
    """Class decorator for enumerations ensuring unique member values."""
    duplicates = []
    for name, m in enumeration.__members__.items():
        if name != _name_of(m):
            duplicates.append((name, _name_of(m)))
    if duplicates:
        alias_details = ', '.join(['%s -> %s' % (alias, name) for (alias, name) in duplicates])
        raise ValueError('duplicate values found in %r: %s' % (enumeration, alias_details))
    return enumeration


CONTINUOUS = 'no skipped integer values'
NAMED_FLAGS = 'multi-flag aliases may not contain unnamed flags'
UNIQUE = 'one name per value'


class verify:
    """Check an enumeration for various constraints (only UNIQUE is checked here)."""

    def __init__(self, *checks):
        self.checks = checks

    def __call__(self, enumeration):
        if UNIQUE in self.checks:
            unique(enumeration)
        return enumeration


def global_enum(cls, update_str=False):
    """Adds the members of `cls` to the globals of its module (returns cls)."""
    import sys
    mod = sys.modules.get(cls.__module__)
    if mod is not None:
        for name, m in cls.__members__.items():
            setattr(mod, name, m)
    return cls
