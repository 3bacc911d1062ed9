"""Pretty-printer for Python data (torii's pprint).

Public API: pprint(), pformat(), pp(), saferepr(), isreadable(),
isrecursive() and the PrettyPrinter class.

How the layout engine works
---------------------------
Every value is first rendered flat (on one line) through the printer's
format() hook.  If the flat text fits between the current column and the
right margin -- minus the "tail", the characters that will still follow the
value on its last line, such as closing brackets and a comma -- it is used
as it is.  Otherwise, if the value's type has a registered layout (found by
the type's __repr__, so subclasses that keep their base's repr share its
layout), the layout splits it over several lines, placing each element with
the same rule.  Anything else is written flat even if it overflows.
"""

import collections as _col
import sys as _sys
import types as _types
import io as _io

__all__ = ["pprint", "pformat", "isreadable", "isrecursive", "saferepr",
           "PrettyPrinter", "pp"]


def pprint(object, stream=None, indent=1, width=80, depth=None, *,
           compact=False, sort_dicts=True, underscore_numbers=False):
    """Print the pretty form of object, then a newline, on stream
    (default: sys.stdout)."""
    options = dict(compact=compact, sort_dicts=sort_dicts,
                   underscore_numbers=underscore_numbers)
    PrettyPrinter(indent, width, depth, stream, **options).pprint(object)


def pformat(object, indent=1, width=80, depth=None, *,
            compact=False, sort_dicts=True, underscore_numbers=False):
    """Return the pretty form of object as a str."""
    options = dict(compact=compact, sort_dicts=sort_dicts,
                   underscore_numbers=underscore_numbers)
    return PrettyPrinter(indent, width, depth, **options).pformat(object)


def pp(object, *args, sort_dicts=False, **kwargs):
    """Like pprint(), but dicts keep their insertion order unless
    sort_dicts=True is given."""
    pprint(object, *args, sort_dicts=sort_dicts, **kwargs)


def _flat_triple(object):
    return PrettyPrinter()._flat(object, {}, None, 0)


def saferepr(object):
    """A repr() that survives self-referencing containers."""
    return _flat_triple(object)[0]


def isreadable(object):
    """True when saferepr(object) is valid input for eval()."""
    return _flat_triple(object)[1]


def isrecursive(object):
    """True when object (directly or not) contains itself."""
    return _flat_triple(object)[2]


class _Ordered:
    # Sort wrapper: values of types that cannot be compared with each
    # other fall back to ordering by type name, then by identity.
    __slots__ = ('value',)

    def __init__(self, value):
        self.value = value

    def __lt__(self, other):
        a = self.value
        b = other.value
        try:
            return a < b
        except TypeError:
            return (str(type(a)), id(a)) < (str(type(b)), id(b))


def _by_key(pair):
    return _Ordered(pair[0])


def _cycle_note(obj):
    return "<Recursion on %s with id=%s>" % (type(obj).__name__, id(obj))


# Types whose repr can be used directly: never nested, always eval-able.
_ATOMS = frozenset((type(None), bool, float, complex, str, bytes, bytearray))


def _space_runs(line):
    # Cut line into pieces "non-blanks followed by blanks", in order.
    pieces = []
    start = 0
    blank_seen = False
    for pos, ch in enumerate(line):
        if ch.isspace():
            blank_seen = True
        elif blank_seen:
            pieces.append(line[start:pos])
            start = pos
            blank_seen = False
    if start < len(line):
        pieces.append(line[start:])
    return pieces


def _fill(pieces, room, last_room):
    # Greedily glue consecutive pieces while the repr of the glued text
    # stays within room (last_room for the glue that ends with the final
    # piece); return the reprs of the glued runs.
    runs = []
    held = pieces[0][:0]
    final = len(pieces) - 1
    for n, piece in enumerate(pieces):
        limit = last_room if n == final else room
        grown = held + piece
        if len(repr(grown)) <= limit:
            held = grown
            continue
        if held:
            runs.append(repr(held))
        held = piece
    if held:
        runs.append(repr(held))
    return runs


def _quads(data):
    return [data[k:k + 4] for k in range(0, len(data), 4)]


def _generated_dataclass_repr(obj):
    # A dataclass instance whose __repr__ is the one @dataclass made.
    cls = type(obj)
    if isinstance(obj, type) or not hasattr(cls, '__dataclass_fields__'):
        return False
    params = getattr(cls, '__dataclass_params__', None)
    if params is None or not params.repr:
        return False
    func = cls.__repr__
    inner = getattr(func, '__wrapped__', None)
    if inner is not None:
        names = getattr(inner, '__qualname__', '')
    else:
        code = getattr(func, '__code__', None)
        names = getattr(code, 'co_qualname', '') if code is not None else ''
    return '__create_fn__' in names


# Multi-line layouts, keyed by the __repr__ of the types they handle.
# Each is called as layout(printer, obj, out, col, tail, active, depth).
_layouts = {}


def _layout(*reprs):
    def register(func):
        for r in reprs:
            _layouts[r] = func
        return func
    return register


class PrettyPrinter:
    def __init__(self, indent=1, width=80, depth=None, stream=None, *,
                 compact=False, sort_dicts=True, underscore_numbers=False):
        """Create a printer.

        indent     spaces added per nesting level
        width      the right margin the output tries to respect
        depth      how many levels are shown before '...' (None: all)
        stream     where pprint() writes; sys.stdout (as it is now) if
                   not given
        compact    put as many short sequence elements on a line as fit
        sort_dicts show dict entries ordered by key
        underscore_numbers  group the digits of ints with '_'
        """
        step = int(indent)
        cols = int(width)
        if step < 0:
            raise ValueError('indent must be >= 0')
        if not (depth is None or depth > 0):
            raise ValueError('depth must be > 0')
        if cols == 0:
            raise ValueError('width must be != 0')
        self._step = step
        self._cols = cols
        self._limit = depth
        self._out = _sys.stdout if stream is None else stream
        self._packed = bool(compact)
        self._sorted = sort_dicts
        self._grouped = underscore_numbers

    # -- public methods ----------------------------------------------------

    def pprint(self, object):
        out = self._out
        if out is None:
            return
        self._put(object, out, 0, 0, {}, 0)
        out.write("\n")

    def pformat(self, object):
        buf = _io.StringIO()
        self._put(object, buf, 0, 0, {}, 0)
        return buf.getvalue()

    def isrecursive(self, object):
        _, _, cyclic = self.format(object, {}, 0, 0)
        return cyclic

    def isreadable(self, object):
        _, ok, cyclic = self.format(object, {}, 0, 0)
        return ok and not cyclic

    def format(self, object, context, maxlevels, level):
        """Return (text, readable, recursive) for object shown on one line.

        context maps the ids of the containers currently being rendered,
        maxlevels is the depth limit (0 or None: none) and level the
        current nesting.  Subclasses override this to change how values
        appear; the multi-line layouts use it for every element."""
        return self._flat(object, context, maxlevels, level)

    # -- one-line rendering ------------------------------------------------

    def _flat(self, obj, active, limit, depth):
        kind = type(obj)
        if kind in _ATOMS:
            return repr(obj), True, False
        own = getattr(kind, '__repr__', None)
        if own is int.__repr__ and issubclass(kind, int):
            return (format(obj, '_d') if self._grouped else repr(obj),
                    True, False)
        mapping = own is dict.__repr__ and issubclass(kind, dict)
        if mapping:
            if not obj:
                return '{}', True, False
            shape = '{%s}'
        elif own is list.__repr__ and issubclass(kind, list):
            if not obj:
                return '[]', True, False
            shape = '[%s]'
        elif own is tuple.__repr__ and issubclass(kind, tuple):
            if len(obj) == 1:
                shape = '(%s,)'
            elif not obj:
                return '()', True, False
            else:
                shape = '(%s)'
        else:
            text = repr(obj)
            return text, (text and not text.startswith('<')), False

        ident = id(obj)
        if limit and depth >= limit:
            return shape % '...', False, ident in active
        if ident in active:
            return _cycle_note(obj), False, True
        active[ident] = 1
        depth += 1
        good = True
        looped = False
        texts = []
        if mapping:
            entries = obj.items()
            if self._sorted:
                entries = sorted(entries, key=_by_key)
            for k, v in entries:
                ktext, kgood, kloop = self.format(k, active, limit, depth)
                vtext, vgood, vloop = self.format(v, active, limit, depth)
                texts.append(ktext + ': ' + vtext)
                good = good and kgood and vgood
                looped = looped or bool(kloop or vloop)
        else:
            for item in obj:
                text, igood, iloop = self.format(item, active, limit, depth)
                texts.append(text)
                if not igood:
                    good = False
                if iloop:
                    looped = True
        del active[ident]
        return shape % ', '.join(texts), good, looped

    def _text(self, obj, active, depth):
        return self.format(obj, active.copy(), self._limit, depth)[0]

    # -- multi-line placement ----------------------------------------------

    def _put(self, obj, out, col, tail, active, depth):
        # Write obj starting at column col, keeping tail columns free after
        # it on its last line.
        ident = id(obj)
        if ident in active:
            out.write(_cycle_note(obj))
            return
        text = self._text(obj, active, depth)
        if len(text) > self._cols - col - tail:
            arrange = _layouts.get(type(obj).__repr__)
            if arrange is None and _generated_dataclass_repr(obj):
                arrange = _dataclass_layout
            if arrange is not None:
                active[ident] = 1
                arrange(self, obj, out, col, tail, active, depth + 1)
                del active[ident]
                return
        out.write(text)

    def _open(self, out, opener):
        # The opening bracket(s), then padding so the first element lines
        # up with the ones below it when indent > 1.
        out.write(opener)
        if self._step > 1:
            out.write(' ' * (self._step - 1))

    def _elements(self, items, out, col, tail, active, depth):
        # The elements of a sequence, separated by commas: one per line,
        # or in compact mode as many per line as fit.
        col += self._step
        seq = list(items)
        if not seq:
            return
        newline = ',\n' + ' ' * col
        final = len(seq) - 1
        if not self._packed:
            for n, item in enumerate(seq):
                if n:
                    out.write(newline)
                self._put(item, out, col, tail if n == final else 1,
                          active, depth)
            return
        line_room = self._cols - col + 1   # each element costs len + 2
        left = line_room
        joiner = ''
        for n, item in enumerate(seq):
            if n == final:
                line_room -= tail
                left -= tail
            text = self._text(item, active, depth)
            cost = len(text) + 2
            if cost > left:
                # Not on this line: start a new one.
                left = line_room
                if joiner:
                    joiner = newline
            out.write(joiner)
            if cost <= left:
                out.write(text)
                left -= cost
                joiner = ', '
            else:
                self._put(item, out, col, tail if n == final else 1,
                          active, depth)
                joiner = newline

    def _entries(self, pairs, out, col, tail, active, depth, named=False):
        # key: value entries (or name=value ones when named), one per line.
        pairs = list(pairs)
        newline = ',\n' + ' ' * col
        final = len(pairs) - 1
        for n, (key, value) in enumerate(pairs):
            if named:
                head = key + '='
            else:
                head = self._text(key, active, depth) + ': '
            out.write(head)
            room = tail if n == final else 1
            if named and id(value) in active:
                # What the generated reprs print for a cycle.
                out.write('...')
            else:
                self._put(value, out, col + len(head), room, active, depth)
            if n != final:
                out.write(newline)

    def _dict_body(self, mapping, out, col, tail, active, depth):
        self._open(out, '{')
        if len(mapping):
            entries = mapping.items()
            if self._sorted:
                entries = sorted(entries, key=_by_key)
            self._entries(entries, out, col + self._step, tail + 1,
                          active, depth)
        out.write('}')

    def _bytes_body(self, data, out, col, tail, depth):
        if len(data) <= 4:
            out.write(repr(data))
            return
        wrap = depth == 1
        if wrap:
            col += 1
            tail += 1
            out.write('(')
        room = self._cols - col
        groups = _quads(data)
        # The tail only counts against a final group shorter than four.
        last_room = room - tail if len(data) % 4 else room
        out.write(('\n' + ' ' * col).join(_fill(groups, room, last_room)))
        if wrap:
            out.write(')')


# -- the layouts ---------------------------------------------------------------

@_layout(dict.__repr__)
def _dict_layout(pp, obj, out, col, tail, active, depth):
    pp._dict_body(obj, out, col, tail, active, depth)


@_layout(list.__repr__)
def _list_layout(pp, obj, out, col, tail, active, depth):
    pp._open(out, '[')
    pp._elements(obj, out, col, tail + 1, active, depth)
    out.write(']')


@_layout(tuple.__repr__)
def _tuple_layout(pp, obj, out, col, tail, active, depth):
    close = ')' if len(obj) != 1 else ',)'
    pp._open(out, '(')
    pp._elements(obj, out, col, tail + len(close), active, depth)
    out.write(close)


@_layout(set.__repr__, frozenset.__repr__)
def _set_layout(pp, obj, out, col, tail, active, depth):
    if not len(obj):
        out.write(repr(obj))
        return
    kind = type(obj)
    if kind is set:
        start, close = '{', '}'
    else:
        start, close = kind.__name__ + '({', '})'
        col += len(kind.__name__) + 1
    pp._open(out, start)
    pp._elements(sorted(obj, key=_Ordered), out, col, tail + len(close),
                 active, depth)
    out.write(close)


@_layout(str.__repr__)
def _str_layout(pp, obj, out, col, tail, active, depth):
    if not len(obj):
        out.write(repr(obj))
        return
    wrap = depth == 1
    if wrap:
        col += 1
        tail += 1
    room = pp._cols - col
    lines = obj.splitlines(True)
    final = len(lines) - 1
    runs = []
    for n, line in enumerate(lines):
        last_room = room - tail if n == final else room
        whole = repr(line)
        if len(whole) <= last_room:
            runs.append(whole)
        else:
            runs.extend(_fill(_space_runs(line), room, last_room))
    if len(runs) == 1:
        out.write(runs[0])
        return
    body = ('\n' + ' ' * col).join(runs)
    out.write('(' + body + ')' if wrap else body)


@_layout(bytes.__repr__)
def _bytes_layout(pp, obj, out, col, tail, active, depth):
    pp._bytes_body(obj, out, col, tail, depth)


@_layout(bytearray.__repr__)
def _bytearray_layout(pp, obj, out, col, tail, active, depth):
    out.write('bytearray(')
    pp._bytes_body(bytes(obj), out, col + 10, tail + 1, depth + 1)
    out.write(')')


@_layout(_types.MappingProxyType.__repr__)
def _mappingproxy_layout(pp, obj, out, col, tail, active, depth):
    out.write('mappingproxy(')
    pp._put(obj.copy(), out, col + 13, tail + 1, active, depth)
    out.write(')')


def _named_fields(pp, title, fields, out, col, tail, active, depth):
    out.write(title + '(')
    pp._entries(fields, out, col + len(title) + 1, tail, active, depth,
                named=True)
    out.write(')')


@_layout(_types.SimpleNamespace.__repr__)
def _namespace_layout(pp, obj, out, col, tail, active, depth):
    # A plain SimpleNamespace shows itself as "namespace(...)".
    kind = type(obj)
    title = 'namespace' if kind is _types.SimpleNamespace else kind.__name__
    _named_fields(pp, title, obj.__dict__.items(), out, col, tail, active,
                  depth)


def _dataclass_layout(pp, obj, out, col, tail, active, depth):
    import dataclasses
    shown = [(f.name, getattr(obj, f.name))
             for f in dataclasses.fields(obj) if f.repr]
    _named_fields(pp, type(obj).__name__, shown, out, col, tail, active,
                  depth)


@_layout(_col.OrderedDict.__repr__)
def _ordered_dict_layout(pp, obj, out, col, tail, active, depth):
    if not len(obj):
        out.write(repr(obj))
        return
    name = type(obj).__name__
    out.write(name + '(')
    pp._put(list(obj.items()), out, col + len(name) + 1, tail + 1,
            active, depth)
    out.write(')')


@_layout(_col.defaultdict.__repr__)
def _defaultdict_layout(pp, obj, out, col, tail, active, depth):
    if not len(obj):
        out.write(repr(obj))
        return
    factory = pp._text(obj.default_factory, active, depth)
    name = type(obj).__name__
    col += len(name) + 1
    out.write(name + '(' + factory + ',\n' + ' ' * col)
    pp._dict_body(obj, out, col, tail + 1, active, depth)
    out.write(')')


@_layout(_col.Counter.__repr__)
def _counter_layout(pp, obj, out, col, tail, active, depth):
    if not len(obj):
        out.write(repr(obj))
        return
    name = type(obj).__name__
    pp._open(out, name + '({')
    pp._entries(obj.most_common(), out, col + len(name) + 1 + pp._step,
                tail + 2, active, depth)
    out.write('})')


@_layout(_col.ChainMap.__repr__)
def _chainmap_layout(pp, obj, out, col, tail, active, depth):
    maps = obj.maps
    if not len(maps):
        out.write(repr(obj))
        return
    name = type(obj).__name__
    col += len(name) + 1
    out.write(name + '(')
    final = len(maps) - 1
    for n, m in enumerate(maps):
        if n < final:
            pp._put(m, out, col, 1, active, depth)
            out.write(',\n' + ' ' * col)
        else:
            pp._put(m, out, col, tail + 1, active, depth)
    out.write(')')


@_layout(_col.deque.__repr__)
def _deque_layout(pp, obj, out, col, tail, active, depth):
    if not len(obj):
        out.write(repr(obj))
        return
    name = type(obj).__name__
    col += len(name) + 1
    pp._open(out, name + '([')
    bound = obj.maxlen
    if bound is None:
        pp._elements(obj, out, col, tail + 2, active, depth)
        out.write('])')
        return
    pp._elements(obj, out, col, 2, active, depth)
    out.write('],\n' + ' ' * col + 'maxlen=' + pp._text(bound, active, depth)
              + ')')


def _wrapper_layout(pp, obj, out, col, tail, active, depth):
    # UserDict, UserList and UserString are shown as their .data.
    pp._put(obj.data, out, col, tail, active, depth - 1)


for _name in ('UserDict', 'UserList', 'UserString'):
    if hasattr(_col, _name):
        _layouts[getattr(_col, _name).__repr__] = _wrapper_layout
del _name
