# difflib: SequenceMatcher and the diff generators, compared with CPython.
import difflib
from difflib import SequenceMatcher, Differ

def attempt(f, *a, **k):
    try:
        r = f(*a, **k)
        print(repr(list(r) if hasattr(r, '__next__') else r))
    except Exception as e:
        print(type(e).__name__ + ':', e)

pairs = [('abcd', 'bcde'), ('qabxcd', 'abycdf'), ('', ''), ('', 'abc'), ('abc', ''),
         ('private Thread currentThread;', 'private volatile Thread currentThread;'),
         ('abxcd', 'abcd'), ('aaaa', 'aa'), ('the quick brown fox', 'the quack brown fax')]
for a, b in pairs:
    s = SequenceMatcher(None, a, b)
    print(repr(a), repr(b))
    print(' ', s.get_matching_blocks())
    print(' ', s.get_opcodes())
    print(' ', round(s.ratio(), 6), round(s.quick_ratio(), 6), round(s.real_quick_ratio(), 6))
    print(' ', s.find_longest_match(), s.find_longest_match(0, len(a) // 2, 0, len(b)))

s = SequenceMatcher(lambda x: x == ' ', 'private Thread currentThread;',
                    'private volatile Thread currentThread;')
print(round(s.ratio(), 3), s.get_opcodes(), s.bjunk)
s = SequenceMatcher(lambda x: x == ' ', ' abcd', 'abcd abcd')
print(s.find_longest_match(0, 5, 0, 9))
s = SequenceMatcher(None, ' abcd', 'abcd abcd')
print(s.find_longest_match(0, 5, 0, 9))
s = SequenceMatcher(None, 'abcd', 'abcd')
s.set_seq2('abxd'); print(s.get_opcodes()); s.set_seq1('xbxd'); print(s.get_opcodes())
s.set_seqs('hello', 'jello'); print(s.ratio())

# autojunk: 'x' is more than 1% + 1 of a 200+ item b
a = 'x' * 100 + 'abc' + 'y' * 5
b = 'x' * 200 + 'abc' + 'y' * 5
s = SequenceMatcher(None, a, b)
print(sorted(s.bpopular), s.get_matching_blocks(), round(s.ratio(), 6))
s = SequenceMatcher(None, a, b, autojunk=False)
print(sorted(s.bpopular), s.get_matching_blocks(), round(s.ratio(), 6))
s = SequenceMatcher(None, list(range(10)) * 30, list(range(10)) * 25)
print(len(s.bpopular), len(s.get_matching_blocks()), s.get_opcodes()[:3])

# grouped opcodes
a = [str(i) for i in range(40)]
b = a[:5] + ['x'] + a[6:20] + a[22:30] + ['y', 'z'] + a[30:]
s = SequenceMatcher(None, a, b)
for n in (0, 1, 3, 10):
    print(n, list(s.get_grouped_opcodes(n)))
print(list(SequenceMatcher(None, 'abc', 'abc').get_grouped_opcodes()))
print(list(SequenceMatcher(None, '', '').get_grouped_opcodes()))

# close matches
print(difflib.get_close_matches('appel', ['ape', 'apple', 'peach', 'puppy']))
print(difflib.get_close_matches('wheel', ['while', 'wheat', 'whale', 'wheel', 'heel'], n=2))
print(difflib.get_close_matches('accept', ['except', 'access', 'accent', 'acept'], cutoff=0.5))
print(difflib.get_close_matches('zz', ['aa', 'bb']))
print(difflib.get_close_matches('ab', ['ba', 'ab', 'ab'], n=5, cutoff=0.0))
attempt(difflib.get_close_matches, 'x', ['x'], n=0)
attempt(difflib.get_close_matches, 'x', ['x'], cutoff=1.5)

# ndiff / Differ / restore
t1 = ['one\n', 'two\n', 'three\n', '\tfour five\n', 'six\n']
t2 = ['ore\n', 'tree\n', 'emu\n', '\tfour fivx\n', 'six\n', 'seven\n']
diff = list(difflib.ndiff(t1, t2))
print(''.join(diff), end='')
print(''.join(difflib.restore(diff, 1)) == ''.join(t1), list(difflib.restore(diff, 2)) == t2)
attempt(difflib.restore, diff, 3)
text1 = '''  1. Beautiful is better than ugly.
  2. Explicit is better than implicit.
  3. Simple is better than complex.
  4. Complex is better than complicated.
'''.splitlines(keepends=True)
text2 = '''  1. Beautiful is better than ugly.
  3.   Simple is better than complex.
  4. Complicated is better than complex.
  5. Flat is better than nested.
'''.splitlines(keepends=True)
print(''.join(Differ().compare(text1, text2)), end='')
print(''.join(difflib.ndiff(['abc\n', 'same\n', 'xyz\n'], ['qrs\n', 'same\n', 'tuv\n'])), end='')
print(''.join(difflib.ndiff(['a b c\n'], ['a  b c\n'])), end='')
print(''.join(difflib.ndiff(['x\n', 'y\n', 'z\n'], ['p\n', 'y\n', 'q\n', 'r\n'])), end='')
print(list(difflib.ndiff(['#\n', 'code\n', '\n'], ['code\n', '  \n'], linejunk=difflib.IS_LINE_JUNK)))
print(list(Differ().compare(['abcdefghij'], ['abcdefghik', 'abcdefghij'])))
print(difflib.IS_LINE_JUNK('\n'), difflib.IS_LINE_JUNK('  #   \n'), difflib.IS_LINE_JUNK('hello\n'),
      difflib.IS_CHARACTER_JUNK(' '), difflib.IS_CHARACTER_JUNK('\t'), difflib.IS_CHARACTER_JUNK('x'),
      difflib.IS_CHARACTER_JUNK('\n'))

# unified / context
a = ['one\n', 'two\n', 'three\n', 'four\n', 'five\n', 'six\n', 'seven\n', 'eight\n',
     'nine\n', 'ten\n', 'eleven\n', 'twelve\n']
b = ['zero\n', 'one\n', 'two\n', 'tree\n', 'four\n', 'five\n', 'six\n', 'seven\n',
     'eight\n', 'nine\n', 'ten\n', 'twelve\n', 'thirteen\n']
print(''.join(difflib.unified_diff(a, b, 'a.txt', 'b.txt', '2020-01-01', '2020-01-02')), end='')
print(''.join(difflib.unified_diff(a, b, n=1)), end='')
print(''.join(difflib.context_diff(a, b, 'a.txt', 'b.txt')), end='')
print(''.join(difflib.context_diff(a, b, n=0, fromfiledate='d1')), end='')
print(list(difflib.unified_diff(['a'], ['b'], lineterm='')))
print(list(difflib.context_diff(['a'], ['a', 'b'], lineterm='')))
print(list(difflib.context_diff(['a', 'b'], ['a'], lineterm='')))
print(list(difflib.unified_diff([], ['x'], lineterm='')), list(difflib.unified_diff(['x'], [], lineterm='')))
print(list(difflib.unified_diff(['same'], ['same'])))
print(list(difflib.unified_diff('abc', 'abd', n=0)))
attempt(difflib.unified_diff, [b'a'], ['b'])
attempt(difflib.unified_diff, ['a'], ['b'], fromfile=b'x')
attempt(difflib.context_diff, ['a'], [1])
print(list(difflib.diff_bytes(difflib.unified_diff, [b'a\n', b'\xff\n'], [b'b\n', b'\xff\n'], b'f', b'g')))
print(difflib.Match(1, 2, 3), difflib.Match(1, 2, 3).size)
