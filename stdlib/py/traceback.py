"""Print or retrieve an exception's traceback (the common subset).

Executed in the C module stdlib/traceback.c, whose _format(exc, chain, only)
renders a report exactly as the interpreter's own, and _format_frame(code,
lasti) one of its frames.  Traceback objects (exc.__traceback__) and frame
objects (sys._getframe) are walked here: extract_tb, extract_stack,
format_list, print_tb, print_stack, walk_tb, walk_stack, FrameSummary and
StackSummary.  The `tb` and `limit` arguments of the exception functions
are accepted and ignored (the report is always the exception's own).
"""

import sys

__all__ = ['format_exc', 'format_exception', 'format_exception_only',
           'print_exc', 'print_exception', 'print_last', 'format_tb', 'extract_tb',
           'print_tb', 'format_list', 'extract_stack', 'format_stack', 'print_stack',
           'walk_tb', 'walk_stack', 'FrameSummary', 'StackSummary', 'clear_frames']

_sentinel = object()


def _split(text):
    # CPython's chunks: one per line, except that a frame's source and caret
    # lines join its "  File" line, and a chaining message is one chunk.
    # Inside an exception group each line starts with a margin ("    | ");
    # the decisions look past it.
    grouped = '+-+----------------' in text
    def bare(line):
        if grouped:
            k = len(line) - len(line.lstrip(' '))
            if k >= 2 and line[k:k + 2] in ('| ', '+ '):
                return line[k + 2:]
        return line
    chunks = []
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        line = lines[i]
        if bare(line).startswith('    ') and chunks and bare(chunks[-1]).startswith('  File '):
            chunks[-1] += line
        elif (bare(line) == '\n' and i + 2 < len(lines) and bare(lines[i + 2]) == '\n'
              and (bare(lines[i + 1]).startswith('The above exception')
                   or bare(lines[i + 1]).startswith('During handling'))):
            chunks.append(line + lines[i + 1] + lines[i + 2])
            i += 2
        else:
            chunks.append(line)
        i += 1
    return chunks


def _pick(exc, value, tb):
    if (value is _sentinel) != (tb is _sentinel):
        raise ValueError("Both or neither of value and tb must be given")
    if value is not _sentinel:
        return value
    return exc


def format_exception_only(exc, /, value=_sentinel, *, show_group=False):
    if value is not _sentinel:
        exc = value
    if exc is None:
        return ['NoneType: None\n']
    return _split(_format(exc, False, True))


def format_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, chain=True):
    exc = _pick(exc, value, tb)
    if exc is None:
        return ['NoneType: None\n']
    return _split(_format(exc, chain, False))


def print_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, file=None, chain=True):
    if file is None:
        file = sys.stderr
    for chunk in format_exception(exc, value, tb, limit=limit, chain=chain):
        print(chunk, file=file, end="")


def format_exc(limit=None, chain=True):
    return "".join(format_exception(sys.exception(), limit=limit, chain=chain))


def print_exc(limit=None, file=None, chain=True):
    print_exception(sys.exception(), limit=limit, file=file, chain=chain)


def print_last(limit=None, file=None, chain=True):
    if not hasattr(sys, "last_exc") and not hasattr(sys, "last_type"):
        raise ValueError("no last exception")
    print_exception(sys.last_exc, limit=limit, file=file, chain=chain)


class FrameSummary:
    """One frame of a traceback or stack: filename, lineno, name, line."""

    __slots__ = ('filename', 'lineno', 'name', '_line', 'locals', '_code', '_lasti')

    def __init__(self, filename, lineno, name, *, lookup_line=True, locals=None, line=None,
                 _code=None, _lasti=-1):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self._line = line
        self.locals = {k: repr(v) for k, v in locals.items()} if locals else None
        self._code = _code
        self._lasti = _lasti
        if lookup_line:
            self.line

    @property
    def line(self):
        if self._line is None:
            if self.lineno is None:
                return None
            import linecache
            self._line = linecache.getline(self.filename, self.lineno)
        return self._line.strip()

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return (self.filename == other.filename and self.lineno == other.lineno
                    and self.name == other.name and self.locals == other.locals)
        if isinstance(other, tuple):
            return (self.filename, self.lineno, self.name, self.line) == other
        return NotImplemented

    def __getitem__(self, pos):
        return (self.filename, self.lineno, self.name, self.line)[pos]

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __len__(self):
        return 4

    def __repr__(self):
        return "<FrameSummary file {filename}, line {lineno} in {name}>".format(
            filename=self.filename, lineno=self.lineno, name=self.name)


def walk_tb(tb):
    """(frame, lineno) for each level of traceback `tb`, outermost first."""
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def walk_stack(f):
    """(frame, lineno) from frame `f` (default: the caller's) outwards."""
    if f is None:
        f = sys._getframe(1)
    while f is not None:
        yield f, f.f_lineno
        f = f.f_back


def _limited(items, limit):
    if limit is None:
        limit = getattr(sys, 'tracebacklimit', None)
        if limit is not None and limit < 0:
            limit = 0
    if limit is None:
        return list(items)
    items = list(items)
    return items[:limit] if limit >= 0 else items[limit:]


class StackSummary(list):
    """A list of FrameSummary, ready for formatting."""

    @classmethod
    def extract(klass, frame_gen, *, limit=None, lookup_lines=True, capture_locals=False):
        out = klass()
        for f, lineno in _limited(frame_gen, limit):
            code = f.f_code
            # a traceback's frames print with carets, a live stack's without
            # (as CPython 3.13 shows them)
            at = isinstance(f, _AtInstr)
            out.append(FrameSummary(code.co_filename, lineno, code.co_name, lookup_line=lookup_lines,
                                    locals=f.f_locals if capture_locals else None,
                                    _code=code if at else None, _lasti=f.f_lasti if at else -1))
        return out

    @classmethod
    def from_list(klass, a_list):
        out = klass()
        for item in a_list:
            if isinstance(item, FrameSummary):
                out.append(item)
            else:
                filename, lineno, name, line = item
                out.append(FrameSummary(filename, lineno, name, line=line))
        return out

    def format_frame_summary(self, frame_summary):
        fs = frame_summary
        if fs._code is not None and fs.locals is None:
            return _format_frame(fs._code, fs._lasti)
        text = '  File "{}", line {}, in {}\n'.format(fs.filename, fs.lineno, fs.name)
        if fs.line:
            text += '    {}\n'.format(fs.line)
        if fs.locals:
            for name, value in sorted(fs.locals.items()):
                text += '    {name} = {value}\n'.format(name=name, value=value)
        return text

    def format(self):
        out = []
        last = None
        repeats = 0
        for fs in self:
            key = (fs.filename, fs.lineno, fs.name)
            if key == last:
                repeats += 1
                if repeats > 3:
                    continue
            else:
                if repeats > 3:
                    n = repeats - 3
                    out.append('  [Previous line repeated {} more time{}]\n'.format(n, 's' if n > 1 else ''))
                last = key
                repeats = 1
            out.append(self.format_frame_summary(fs))
        if repeats > 3:
            n = repeats - 3
            out.append('  [Previous line repeated {} more time{}]\n'.format(n, 's' if n > 1 else ''))
        return out


def _tb_frames(tb):
    # a traceback's frames with the instruction each was at
    while tb is not None:
        yield _AtInstr(tb.tb_frame, tb.tb_lasti), tb.tb_lineno
        tb = tb.tb_next


class _AtInstr:
    # a frame seen at a traceback's instruction rather than its own
    __slots__ = ('f_code', 'f_lasti', 'f_locals')

    def __init__(self, frame, lasti):
        self.f_code = frame.f_code
        self.f_lasti = lasti
        self.f_locals = frame.f_locals


def extract_tb(tb, limit=None):
    """The frames of traceback `tb` as a StackSummary, outermost first."""
    return StackSummary.extract(_tb_frames(tb), limit=limit)


def format_list(extracted_list):
    """One string per frame, as a traceback prints it."""
    return StackSummary.from_list(extracted_list).format()


def format_tb(tb, limit=None):
    return extract_tb(tb, limit=limit).format()


def print_tb(tb, limit=None, file=None):
    """Writes the frames of `tb` (default file: sys.stderr)."""
    print_list(extract_tb(tb, limit=limit), file=file)


def print_list(extracted_list, file=None):
    if file is None:
        file = sys.stderr
    for item in StackSummary.from_list(extracted_list).format():
        print(item, file=file, end="")


def extract_stack(f=None, limit=None):
    """The running stack from frame `f` (default: the caller's), outermost first."""
    if f is None:
        f = sys._getframe(1)
    stack = StackSummary.extract(walk_stack(f), limit=limit)
    stack.reverse()
    return stack


def format_stack(f=None, limit=None):
    if f is None:
        f = sys._getframe(1)
    return format_list(extract_stack(f, limit=limit))


def print_stack(f=None, limit=None, file=None):
    if f is None:
        f = sys._getframe(1)
    print_list(extract_stack(f, limit=limit), file=file)


def clear_frames(tb):
    """Drops the locals of every frame in `tb`."""
    while tb is not None:
        tb.tb_frame.clear()
        tb = tb.tb_next
