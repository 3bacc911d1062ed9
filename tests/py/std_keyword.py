# keyword: kwlist, softkwlist, iskeyword, issoftkeyword.
import keyword

print(keyword.kwlist)
print(keyword.softkwlist)
print(len(keyword.kwlist), len(keyword.softkwlist))
for word in ['if', 'If', 'None', 'none', 'async', 'await', 'match', 'case',
             'type', '_', 'print', 'exec', 'nonlocal', '', 'yield', 'True']:
    print(repr(word), keyword.iskeyword(word), keyword.issoftkeyword(word))
print(keyword.iskeyword(1), keyword.issoftkeyword(None))
for bad in ([], {}):
    try:
        keyword.iskeyword(bad)
    except TypeError as e:
        print('TypeError', e)
print(sorted(keyword.__all__))
print(keyword.kwlist == sorted(keyword.kwlist))
# Every keyword really is one: it cannot be assigned to.
bad = []
for word in keyword.kwlist:
    try:
        exec(word + ' = 1')
        bad.append(word)
    except SyntaxError:
        pass
print('assignable keywords:', bad)
# Soft keywords can be names.
for word in keyword.softkwlist:
    ns = {}
    exec(word + ' = 1', ns)
    print(word, ns[word])
