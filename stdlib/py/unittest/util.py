# unittest.util: the repr helpers behind the assertion messages (shortened
# reprs of long operands) and the element-count comparison of
# assertCountEqual.
from collections import Counter, namedtuple

__unittest = True

_MAX_LENGTH = 80
_PLACEHOLDER_LEN = 12
_MIN_BEGIN_LEN = 5
_MIN_END_LEN = 5
_MIN_COMMON_LEN = 5
# what is left of the line for a differing tail once the fixed parts are in
_MIN_DIFF_LEN = (_MAX_LENGTH - _MIN_BEGIN_LEN - _MIN_COMMON_LEN - _MIN_END_LEN
                 - 2 * _PLACEHOLDER_LEN)


def _elide(text, keep_head, keep_tail):
    # text with its middle replaced by "[N chars]" when that saves room
    dropped = len(text) - keep_head - keep_tail
    if dropped <= _PLACEHOLDER_LEN:
        return text
    return '{}[{} chars]{}'.format(text[:keep_head], dropped, text[len(text) - keep_tail:])


def _shared_head(texts):
    first = min(texts)
    last = max(texts)
    n = 0
    limit = min(len(first), len(last))
    while n < limit and first[n] == last[n]:
        n += 1
    return first[:n]


def _shortened_reprs(*args):
    reprs = tuple(safe_repr(a) for a in args)
    longest = max(len(r) for r in reprs)
    if longest <= _MAX_LENGTH:
        return reprs
    head = _shared_head(reprs)
    n = len(head)
    room = _MAX_LENGTH - (longest - n + _MIN_BEGIN_LEN + _PLACEHOLDER_LEN)
    if room > _MIN_COMMON_LEN:
        short = _elide(head, _MIN_BEGIN_LEN, room)
        return tuple(short + r[n:] for r in reprs)
    short = _elide(head, _MIN_BEGIN_LEN, _MIN_COMMON_LEN)
    return tuple(short + _elide(r[n:], _MIN_DIFF_LEN, _MIN_END_LEN) for r in reprs)


def safe_repr(obj, short=False):
    try:
        text = repr(obj)
    except Exception:
        text = object.__repr__(obj)
    if short and len(text) >= _MAX_LENGTH:
        return text[:_MAX_LENGTH] + ' [truncated]...'
    return text


def strclass(cls):
    return '{}.{}'.format(cls.__module__, cls.__qualname__)


def sorted_list_difference(expected, actual):
    """(items only in expected, items only in actual); both lists sorted."""
    only_expected, only_actual = [], []
    i = j = 0
    while i < len(expected) and j < len(actual):
        a, b = expected[i], actual[j]
        if a < b:
            only_expected.append(a)
            i += 1
            while i < len(expected) and expected[i] == a:
                i += 1
        elif a > b:
            only_actual.append(b)
            j += 1
            while j < len(actual) and actual[j] == b:
                j += 1
        else:
            i += 1
            while i < len(expected) and expected[i] == a:
                i += 1
            j += 1
            while j < len(actual) and actual[j] == b:
                j += 1
    only_expected.extend(expected[i:])
    only_actual.extend(actual[j:])
    return only_expected, only_actual


def unorderable_list_difference(expected, actual):
    """Like sorted_list_difference for items that cannot be sorted;
    `expected` is consumed."""
    missing = []
    while expected:
        item = expected.pop()
        try:
            actual.remove(item)
        except ValueError:
            missing.append(item)
    return missing, actual


def three_way_cmp(x, y):
    return (x > y) - (x < y)


_Mismatch = namedtuple('Mismatch', ['actual', 'expected', 'value'])


def _count_mismatches_by_equality(first, second):
    # counts by equality alone (the items need not be hashable), in the
    # order of first appearance: first's items, then second's others
    left, right = list(first), list(second)
    used_l = [False] * len(left)
    used_r = [False] * len(right)
    out = []
    for i, item in enumerate(left):
        if used_l[i]:
            continue
        n_l = 0
        for k in range(i, len(left)):
            if not used_l[k] and left[k] == item:
                used_l[k] = True
                n_l += 1
        n_r = 0
        for k in range(len(right)):
            if not used_r[k] and right[k] == item:
                used_r[k] = True
                n_r += 1
        if n_l != n_r:
            out.append(_Mismatch(n_l, n_r, item))
    for j, item in enumerate(right):
        if used_r[j]:
            continue
        n_r = 0
        for k in range(j, len(right)):
            if not used_r[k] and right[k] == item:
                used_r[k] = True
                n_r += 1
        out.append(_Mismatch(0, n_r, item))
    return out


def _count_mismatches_by_hash(first, second):
    # the same for hashable items, with counters
    have, want = Counter(first), Counter(second)
    out = []
    for item in have:
        if have[item] != want.get(item, 0):
            out.append(_Mismatch(have[item], want.get(item, 0), item))
    for item in want:
        if item not in have:
            out.append(_Mismatch(0, want[item], item))
    return out

