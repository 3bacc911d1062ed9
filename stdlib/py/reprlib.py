"""Abbreviated reprs (torii's reprlib).

A Repr object produces repr()-like text whose size is bounded: at most
max<kind> elements of each container are shown (the rest stand as
fillvalue), nesting stops after maxlevel levels, and overlong strings,
ints and other reprs lose their middle.  The per-type behaviour is found
by the name of the value's type: Repr.repr_<name>(value, level), so a
subclass can add or replace them.  reprlib.repr uses a shared default
Repr.  recursive_repr() protects a __repr__ method against recursion.
"""

import builtins
from itertools import islice
from _thread import get_ident

__all__ = ["Repr", "repr", "recursive_repr"]


def recursive_repr(fillvalue='...'):
    """Decorator factory for __repr__ methods: while a call for some
    object is in progress in a thread, a nested call for the same object
    in that thread returns fillvalue instead of recursing."""

    def decorate(method):
        busy = set()

        def guarded(self):
            token = (id(self), get_ident())
            if token in busy:
                return fillvalue
            busy.add(token)
            try:
                return method(self)
            finally:
                busy.discard(token)

        # functools cannot be imported this early in CPython, which copies
        # these by hand; the failure modes below follow it.
        for name in ('__module__', '__doc__', '__name__', '__qualname__'):
            setattr(guarded, name, getattr(method, name))
        guarded.__annotations__ = getattr(method, '__annotations__', {})
        guarded.__type_params__ = getattr(method, '__type_params__', ())
        guarded.__wrapped__ = method
        return guarded

    return decorate


def _elide(text, room, fill):
    # Keep the start and the end of text, about room characters in all,
    # with fill standing for the middle.
    front = (room - 3) // 2
    if front < 0:
        front = 0
    back = room - 3 - front
    if back < 0:
        back = 0
    return text[:front] + fill + text[len(text) - back:]


def _ordered(items):
    # Sorted when the elements allow it (any failure: original order).
    try:
        return sorted(items)
    except Exception:
        return list(items)


_ABSENT = object()


class Repr:
    """Produces size-limited reprs; the limits are plain attributes that
    may be changed at any time."""

    def __init__(self, *, maxlevel=6, maxtuple=6, maxlist=6, maxarray=5,
                 maxdict=4, maxset=6, maxfrozenset=6, maxdeque=6,
                 maxstring=30, maxlong=40, maxother=30, fillvalue='...',
                 indent=None):
        self.maxlevel, self.maxtuple, self.maxlist = maxlevel, maxtuple, maxlist
        self.maxarray, self.maxdict, self.maxset = maxarray, maxdict, maxset
        self.maxfrozenset, self.maxdeque = maxfrozenset, maxdeque
        self.maxstring, self.maxlong, self.maxother = (maxstring, maxlong,
                                                       maxother)
        self.fillvalue = fillvalue
        self.indent = indent

    def repr(self, x):
        return self.repr1(x, self.maxlevel)

    def repr1(self, x, level):
        """Abbreviated repr of x, with `level` nesting levels still
        allowed: delegated to repr_<type name> (blanks in the name turned
        into underscores) if such a method exists, else to
        repr_instance."""
        kind = type(x).__name__
        if ' ' in kind:
            kind = '_'.join(kind.split())
        handler = getattr(self, 'repr_' + kind, _ABSENT)
        if handler is _ABSENT:
            return self.repr_instance(x, level)
        return handler(x, level)

    # -- containers ---------------------------------------------------------

    def _arrange(self, parts, level):
        # Join element reprs: on one line, or with indent set one per line,
        # indented according to their depth.
        unit = self.indent
        if unit is None:
            return ', '.join(parts)
        if not parts:
            return ''
        if isinstance(unit, int):
            if unit < 0:
                raise ValueError(
                    f'Repr.indent cannot be negative int (was {unit!r})')
            unit = unit * ' '
        try:
            glue = ',\n' + (self.maxlevel - level + 1) * unit
        except TypeError as exc:
            raise TypeError('Repr.indent must be a str, int or None, not '
                            f'{type(unit)}') from exc
        # glue before every element and after the last; the opening comma
        # goes, and the final line loses one indentation step.
        text = glue[1:] + glue.join(parts) + glue
        if len(unit):
            text = text[:-len(unit)]
        return text

    def _sequence(self, x, level, opener, closer, limit, single=''):
        size = len(x)
        if size and level <= 0:
            inside = self.fillvalue
        else:
            below = level - 1
            parts = [self.repr1(item, below) for item in islice(x, limit)]
            if size > limit:
                parts.append(self.fillvalue)
            inside = self._arrange(parts, level)
            if single and size == 1 and self.indent is None:
                closer = single + closer
        return '%s%s%s' % (opener, inside, closer)

    def repr_tuple(self, x, level):
        return self._sequence(x, level, '(', ')', self.maxtuple, ',')

    def repr_list(self, x, level):
        return self._sequence(x, level, '[', ']', self.maxlist)

    def repr_array(self, x, level):
        code = x.typecode
        if not x:
            return "array('%s')" % code
        return self._sequence(x, level, "array('%s', [" % code, '])',
                              self.maxarray)

    def repr_set(self, x, level):
        if not x:
            return 'set()'
        return self._sequence(_ordered(x), level, '{', '}', self.maxset)

    def repr_frozenset(self, x, level):
        if not x:
            return 'frozenset()'
        return self._sequence(_ordered(x), level, 'frozenset({', '})',
                              self.maxfrozenset)

    def repr_deque(self, x, level):
        return self._sequence(x, level, 'deque([', '])', self.maxdeque)

    def repr_dict(self, x, level):
        size = len(x)
        if not size:
            return '{}'
        if level <= 0:
            return '{' + self.fillvalue + '}'
        below = level - 1
        limit = self.maxdict
        parts = []
        for key in islice(_ordered(x), limit):
            shown_key = self.repr1(key, below)
            parts.append('%s: %s' % (shown_key, self.repr1(x[key], below)))
        if size > limit:
            parts.append(self.fillvalue)
        return '{' + self._arrange(parts, level) + '}'

    # -- scalars --------------------------------------------------------------

    def repr_str(self, x, level):
        room = self.maxstring
        text = builtins.repr(x[:room])
        if len(text) <= room:
            return text
        # Quote the two ends together, then put fillvalue between them.
        front = max(0, (room - 3) // 2)
        back = max(0, room - 3 - front)
        text = builtins.repr(x[:front] + x[len(x) - back:])
        return text[:front] + self.fillvalue + text[len(text) - back:]

    def repr_int(self, x, level):
        text = builtins.repr(x)
        if len(text) > self.maxlong:
            text = _elide(text, self.maxlong, self.fillvalue)
        return text

    def repr_instance(self, x, level):
        try:
            text = builtins.repr(x)
        except Exception:
            # Whatever went wrong in x.__repr__, describe x some other way.
            return '<%s instance at %#x>' % (x.__class__.__name__, id(x))
        if len(text) > self.maxother:
            text = _elide(text, self.maxother, self.fillvalue)
        return text


aRepr = Repr()
repr = aRepr.repr
