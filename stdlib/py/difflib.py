"""difflib: compare sequences and produce human-readable differences.

SequenceMatcher implements the Ratcliff/Obershelp "gestalt" matching as
CPython documents it: the longest matching block (ties go to the earliest
in `a`, then in `b`) splits the problem, and each side is solved again.
Elements of `b` for which `isjunk` is true, and (with autojunk, when `b`
has 200 items or more) elements occurring more than 1% + 1 times, are
never used to start a match; a match may only be widened over them.

Everything that prints (ndiff, Differ, unified_diff, context_diff) must
produce exactly CPython's text, so the tie-breaking here is deliberate."""

import collections
import heapq
import re

__all__ = ['get_close_matches', 'ndiff', 'restore', 'SequenceMatcher',
           'Differ', 'IS_CHARACTER_JUNK', 'IS_LINE_JUNK', 'context_diff',
           'unified_diff', 'diff_bytes', 'HtmlDiff', 'Match']

Match = collections.namedtuple('Match', 'a b size')


def _ratio_of(matches, total):
    return 2.0 * matches / total if total else 1.0


class SequenceMatcher:
    """Find matching blocks between two sequences of hashable items."""

    def __init__(self, isjunk=None, a='', b='', autojunk=True):
        self.isjunk = isjunk
        self.autojunk = autojunk
        self.a = self.b = None
        self.set_seqs(a, b)

    def set_seqs(self, a, b):
        self.set_seq1(a)
        self.set_seq2(b)

    def set_seq1(self, a):
        if a is self.a:
            return
        self.a = a
        self.matching_blocks = self.opcodes = None

    def set_seq2(self, b):
        if b is self.b:
            return
        self.b = b
        self.matching_blocks = self.opcodes = None
        self.fullbcount = None
        self._index_b()

    def _index_b(self):
        # b2j: element -> ascending positions in b, junk and popular
        # elements left out (they are kept in bjunk / bpopular).
        where = {}
        for pos, item in enumerate(self.b):
            spots = where.get(item)
            if spots is None:
                where[item] = [pos]
            else:
                spots.append(pos)
        junk = set()
        if self.isjunk:
            for item in list(where):
                if self.isjunk(item):
                    junk.add(item)
                    del where[item]
        popular = set()
        size = len(self.b)
        if self.autojunk and size >= 200:
            limit = size // 100 + 1
            for item in list(where):
                if len(where[item]) > limit:
                    popular.add(item)
                    del where[item]
        self.b2j = where
        self.bjunk = junk
        self.bpopular = popular

    def find_longest_match(self, alo=0, ahi=None, blo=0, bhi=None):
        """Longest a[i:i+k] == b[j:j+k] within the bounds, as a Match."""
        a, b, where, junk = self.a, self.b, self.b2j, self.bjunk
        if ahi is None:
            ahi = len(a)
        if bhi is None:
            bhi = len(b)
        best_i, best_j, best_k = alo, blo, 0
        # run_at[j]: length of the match ending at a[i-1], b[j].
        run_at = {}
        empty = ()
        for i in range(alo, ahi):
            prev = run_at
            run_at = {}
            for j in where.get(a[i], empty):
                if j < blo:
                    continue
                if j >= bhi:
                    break
                k = prev.get(j - 1, 0) + 1
                run_at[j] = k
                if k > best_k:
                    best_i, best_j, best_k = i - k + 1, j - k + 1, k
        # Widen over equal elements that were never indexed: first the
        # popular ones (not junk), then the junk ones.
        for want_junk in (False, True):
            while (best_i > alo and best_j > blo and
                   (b[best_j - 1] in junk) == want_junk and
                   a[best_i - 1] == b[best_j - 1]):
                best_i -= 1
                best_j -= 1
                best_k += 1
            while (best_i + best_k < ahi and best_j + best_k < bhi and
                   (b[best_j + best_k] in junk) == want_junk and
                   a[best_i + best_k] == b[best_j + best_k]):
                best_k += 1
        return Match(best_i, best_j, best_k)

    def get_matching_blocks(self):
        """Matches as (i, j, n) triples, ascending, ending with
        (len(a), len(b), 0); adjacent blocks are merged."""
        if self.matching_blocks is not None:
            return self.matching_blocks
        la, lb = len(self.a), len(self.b)
        found = []
        todo = [(0, la, 0, lb)]
        while todo:
            alo, ahi, blo, bhi = todo.pop()
            m = self.find_longest_match(alo, ahi, blo, bhi)
            i, j, k = m
            if not k:
                continue
            found.append(m)
            if alo < i and blo < j:
                todo.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                todo.append((i + k, ahi, j + k, bhi))
        found.sort()
        merged = []
        for i, j, k in found:
            if merged:
                pi, pj, pk = merged[-1]
                if pi + pk == i and pj + pk == j:
                    merged[-1] = (pi, pj, pk + k)
                    continue
            merged.append((i, j, k))
        merged.append((la, lb, 0))
        self.matching_blocks = [Match(*t) for t in merged]
        return self.matching_blocks

    def get_opcodes(self):
        """(tag, i1, i2, j1, j2) steps turning a into b; tags are
        'replace', 'delete', 'insert' and 'equal'."""
        if self.opcodes is not None:
            return self.opcodes
        ops = []
        i = j = 0
        for ai, bj, size in self.get_matching_blocks():
            if i < ai:
                ops.append(('replace' if j < bj else 'delete', i, ai, j, bj))
            elif j < bj:
                ops.append(('insert', i, ai, j, bj))
            i, j = ai + size, bj + size
            if size:
                ops.append(('equal', ai, i, bj, j))
        self.opcodes = ops
        return ops

    def get_grouped_opcodes(self, n=3):
        """Yield groups of opcodes with at most n lines of context."""
        # Edits the cached opcode list in place, as CPython does: a later
        # get_opcodes() or grouping sees the trimmed ends.
        ops = self.get_opcodes()
        if not ops:
            ops = [('equal', 0, 1, 0, 1)]
        tag, i1, i2, j1, j2 = ops[0]
        if tag == 'equal':
            ops[0] = (tag, max(i1, i2 - n), i2, max(j1, j2 - n), j2)
        tag, i1, i2, j1, j2 = ops[-1]
        if tag == 'equal':
            ops[-1] = (tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n))
        group = []
        for tag, i1, i2, j1, j2 in ops:
            if tag == 'equal' and i2 - i1 > 2 * n:
                group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
                yield group
                group = []
                i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
            group.append((tag, i1, i2, j1, j2))
        if group and not (len(group) == 1 and group[0][0] == 'equal'):
            yield group

    def ratio(self):
        """2*M/T: M matched elements, T elements in both sequences."""
        matched = 0
        for block in self.get_matching_blocks():
            matched += block[2]
        return _ratio_of(matched, len(self.a) + len(self.b))

    def quick_ratio(self):
        """An upper bound on ratio(), from element counts only."""
        if self.fullbcount is None:
            counts = {}
            for item in self.b:
                counts[item] = counts.get(item, 0) + 1
            self.fullbcount = counts
        left = dict(self.fullbcount)
        matched = 0
        for item in self.a:
            have = left.get(item, 0)
            if have > 0:
                matched += 1
            left[item] = have - 1
        return _ratio_of(matched, len(self.a) + len(self.b))

    def real_quick_ratio(self):
        """An upper bound on ratio(), from the lengths only."""
        la, lb = len(self.a), len(self.b)
        return _ratio_of(min(la, lb), la + lb)

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


def get_close_matches(word, possibilities, n=3, cutoff=0.6):
    """The n best matches for `word` among `possibilities` whose ratio
    is at least `cutoff`, best first."""
    if not n > 0:
        raise ValueError("n must be > 0: %r" % (n,))
    if not 0.0 <= cutoff <= 1.0:
        raise ValueError("cutoff must be in [0.0, 1.0]: %r" % (cutoff,))
    scored = []
    sm = SequenceMatcher()
    sm.set_seq2(word)
    for cand in possibilities:
        sm.set_seq1(cand)
        if (sm.real_quick_ratio() >= cutoff and sm.quick_ratio() >= cutoff
                and sm.ratio() >= cutoff):
            scored.append((sm.ratio(), cand))
    return [cand for score, cand in heapq.nlargest(n, scored)]


def _tags_with_tabs(line, tags):
    # Where a tag is blank and the line has whitespace, copy the
    # whitespace, so tabs line up under the text they mark.
    out = []
    for ch, t in zip(line, tags):
        out.append(ch if t == ' ' and ch.isspace() else t)
    return ''.join(out)


class Differ:
    """Compare sequences of lines, marking each line with '- ', '+ ',
    '  ' or '? ' (hints about changed characters)."""

    def __init__(self, linejunk=None, charjunk=None):
        self.linejunk = linejunk
        self.charjunk = charjunk

    def compare(self, a, b):
        lines = SequenceMatcher(self.linejunk, a, b)
        for tag, alo, ahi, blo, bhi in lines.get_opcodes():
            if tag == 'replace':
                yield from self._similar_block(a, alo, ahi, b, blo, bhi)
            elif tag == 'delete':
                yield from self._emit('-', a, alo, ahi)
            elif tag == 'insert':
                yield from self._emit('+', b, blo, bhi)
            elif tag == 'equal':
                yield from self._emit(' ', a, alo, ahi)
            else:
                raise ValueError('unknown tag %r' % (tag,))

    def _emit(self, mark, lines, lo, hi):
        for k in range(lo, hi):
            yield '%s %s' % (mark, lines[k])

    def _blunt_block(self, a, alo, ahi, b, blo, bhi):
        # The shorter side goes first.
        if bhi - blo < ahi - alo:
            yield from self._emit('+', b, blo, bhi)
            yield from self._emit('-', a, alo, ahi)
        else:
            yield from self._emit('-', a, alo, ahi)
            yield from self._emit('+', b, blo, bhi)

    def _similar_block(self, a, alo, ahi, b, blo, bhi):
        # Pair the most similar lines (ratio > 0.74, or failing that an
        # identical pair), mark their differences, and recurse on both
        # sides of the pair.
        best, need = 0.74, 0.75
        chars = SequenceMatcher(self.charjunk)
        same_i = same_j = None
        pick_i = pick_j = None
        for j in range(blo, bhi):
            line_b = b[j]
            chars.set_seq2(line_b)
            for i in range(alo, ahi):
                line_a = a[i]
                if line_a == line_b:
                    if same_i is None:
                        same_i, same_j = i, j
                    continue
                chars.set_seq1(line_a)
                if (chars.real_quick_ratio() > best and
                        chars.quick_ratio() > best and chars.ratio() > best):
                    best, pick_i, pick_j = chars.ratio(), i, j
        identical = False
        if best < need:
            if same_i is None:
                yield from self._blunt_block(a, alo, ahi, b, blo, bhi)
                return
            pick_i, pick_j, identical = same_i, same_j, True
        yield from self._around(a, alo, pick_i, b, blo, pick_j)
        line_a, line_b = a[pick_i], b[pick_j]
        if identical:
            yield '  ' + line_a
        else:
            marks_a, marks_b = [], []
            chars.set_seqs(line_a, line_b)
            for tag, i1, i2, j1, j2 in chars.get_opcodes():
                na, nb = i2 - i1, j2 - j1
                if tag == 'replace':
                    marks_a.append('^' * na)
                    marks_b.append('^' * nb)
                elif tag == 'delete':
                    marks_a.append('-' * na)
                elif tag == 'insert':
                    marks_b.append('+' * nb)
                elif tag == 'equal':
                    marks_a.append(' ' * na)
                    marks_b.append(' ' * nb)
                else:
                    raise ValueError('unknown tag %r' % (tag,))
            yield from self._hinted(line_a, line_b, ''.join(marks_a),
                                    ''.join(marks_b))
        yield from self._around(a, pick_i + 1, ahi, b, pick_j + 1, bhi)

    def _around(self, a, alo, ahi, b, blo, bhi):
        if alo < ahi:
            if blo < bhi:
                yield from self._similar_block(a, alo, ahi, b, blo, bhi)
            else:
                yield from self._emit('-', a, alo, ahi)
        elif blo < bhi:
            yield from self._emit('+', b, blo, bhi)

    def _hinted(self, line_a, line_b, marks_a, marks_b):
        marks_a = _tags_with_tabs(line_a, marks_a).rstrip()
        marks_b = _tags_with_tabs(line_b, marks_b).rstrip()
        yield '- ' + line_a
        if marks_a:
            yield '? ' + marks_a + '\n'
        yield '+ ' + line_b
        if marks_b:
            yield '? ' + marks_b + '\n'


_BLANK_OR_COMMENT = re.compile(r'\s*(?:#\s*)?$')


def IS_LINE_JUNK(line, pat=_BLANK_OR_COMMENT.match):
    """True for a blank line or one holding only '#'."""
    return pat(line) is not None


def IS_CHARACTER_JUNK(ch, ws=' \t'):
    """True for a space or a tab."""
    return ch in ws


def _unified_range(start, stop):
    count = stop - start
    first = start + 1
    if count == 1:
        return '%d' % first
    if count == 0:
        first -= 1
    return '%d,%d' % (first, count)


def _context_range(start, stop):
    count = stop - start
    first = start + 1
    if count == 0:
        first -= 1
    if count <= 1:
        return '%d' % first
    return '%d,%d' % (first, first + count - 1)


def _require_text(a, b, *names):
    for seq in (a, b):
        if seq and not isinstance(seq[0], str):
            raise TypeError('lines to compare must be str, not %s (%r)' %
                            (type(seq[0]).__name__, seq[0]))
    for x in names:
        if not isinstance(x, str):
            raise TypeError('all arguments must be str, not: %r' % (x,))


def unified_diff(a, b, fromfile='', tofile='', fromfiledate='',
                 tofiledate='', n=3, lineterm='\n'):
    """Yield a unified diff of the line lists a and b."""
    _require_text(a, b, fromfile, tofile, fromfiledate, tofiledate, lineterm)
    header = True
    for group in SequenceMatcher(None, a, b).get_grouped_opcodes(n):
        if header:
            header = False
            yield '--- %s%s%s' % (fromfile, '\t' + fromfiledate
                                  if fromfiledate else '', lineterm)
            yield '+++ %s%s%s' % (tofile, '\t' + tofiledate
                                  if tofiledate else '', lineterm)
        yield '@@ -%s +%s @@%s' % (_unified_range(group[0][1], group[-1][2]),
                                   _unified_range(group[0][3], group[-1][4]),
                                   lineterm)
        for tag, i1, i2, j1, j2 in group:
            if tag == 'equal':
                for line in a[i1:i2]:
                    yield ' ' + line
                continue
            if tag != 'insert':
                for line in a[i1:i2]:
                    yield '-' + line
            if tag != 'delete':
                for line in b[j1:j2]:
                    yield '+' + line


_CONTEXT_MARK = {'insert': '+ ', 'delete': '- ', 'replace': '! ',
                 'equal': '  '}


def context_diff(a, b, fromfile='', tofile='', fromfiledate='',
                 tofiledate='', n=3, lineterm='\n'):
    """Yield a context diff of the line lists a and b."""
    _require_text(a, b, fromfile, tofile, fromfiledate, tofiledate, lineterm)
    header = True
    for group in SequenceMatcher(None, a, b).get_grouped_opcodes(n):
        if header:
            header = False
            yield '*** %s%s%s' % (fromfile, '\t' + fromfiledate
                                  if fromfiledate else '', lineterm)
            yield '--- %s%s%s' % (tofile, '\t' + tofiledate
                                  if tofiledate else '', lineterm)
        yield '***************' + lineterm
        yield '*** %s ****%s' % (_context_range(group[0][1], group[-1][2]),
                                 lineterm)
        tags = [op[0] for op in group]
        if 'replace' in tags or 'delete' in tags:
            for tag, i1, i2, _, _ in group:
                if tag != 'insert':
                    for line in a[i1:i2]:
                        yield _CONTEXT_MARK[tag] + line
        yield '--- %s ----%s' % (_context_range(group[0][3], group[-1][4]),
                                 lineterm)
        if 'replace' in tags or 'insert' in tags:
            for tag, _, _, j1, j2 in group:
                if tag != 'delete':
                    for line in b[j1:j2]:
                        yield _CONTEXT_MARK[tag] + line


def diff_bytes(dfunc, a, b, fromfile=b'', tofile=b'', fromfiledate=b'',
               tofiledate=b'', n=3, lineterm=b'\n'):
    """Run unified_diff or context_diff on bytes, via latin-1 text (which
    round-trips every byte, as ascii + surrogateescape does in CPython)."""
    def text(x):
        try:
            return x.decode('latin-1')
        except AttributeError as exc:
            raise TypeError('all arguments must be bytes, not %s (%r)' %
                            (type(x).__name__, x)) from exc
    a = [text(x) for x in a]
    b = [text(x) for x in b]
    out = dfunc(a, b, text(fromfile), text(tofile), text(fromfiledate),
                text(tofiledate), n, text(lineterm))
    for line in out:
        yield line.encode('latin-1')


def ndiff(a, b, linejunk=None, charjunk=IS_CHARACTER_JUNK):
    """Differ(linejunk, charjunk).compare(a, b)."""
    return Differ(linejunk, charjunk).compare(a, b)


def restore(delta, which):
    """Recover one of the two sequences (1 or 2) from ndiff output."""
    try:
        mine = {1: '- ', 2: '+ '}[int(which)]
    except KeyError:
        raise ValueError('unknown delta choice (must be 1 or 2): %r'
                         % which) from None
    for line in delta:
        if line[:2] == '  ' or line[:2] == mine:
            yield line[2:]


class HtmlDiff:
    """Not provided by torii: constructing one raises NotImplementedError."""

    def __init__(self, *args, **kwargs):
        raise NotImplementedError("difflib.HtmlDiff is not available in torii")
