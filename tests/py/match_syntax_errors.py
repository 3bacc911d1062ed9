# The SyntaxErrors of match statements, through compile(): message and position.
snippets = [
    "match x:\n    case a:\n        pass\n    case 2:\n        pass\n",
    "match x:\n    case _:\n        pass\n    case 2:\n        pass\n",
    "match x:\n    case a | 1:\n        pass\n",
    "match x:\n    case x as y:\n        pass\n    case 1:\n        pass\n",
    "match x:\n    case [a, a]:\n        pass\n",
    "match x:\n    case {'k': a, **a}:\n        pass\n",
    "match x:\n    case [a, (b | a)]:\n        pass\n",
    "match x:\n    case [a] | b:\n        pass\n",
    "match x:\n    case (a, b) | (a, c):\n        pass\n",
    "match x:\n    case C(a=1, b, c):\n        pass\n",
    "match x:\n    case C(a=1, a=2):\n        pass\n",
    "match x:\n    case {1: a, True: b}:\n        pass\n",
    "match x:\n    case {'a': a, 'a': b}:\n        pass\n",
    "match x:\n    case {**rest, 1: a}:\n        pass\n",
    "match x:\n    case [*a, *b]:\n        pass\n",
    "match x:\n    case 1 as _:\n        pass\n",
    "match x:\n    case 1 as 2:\n        pass\n",
    "match x:\n    case f'x':\n        pass\n",
    "match x:\n    case {a: 1}:\n        pass\n",
    "match x:\n    case 1+2:\n        pass\n",
    "match x\n    case 1:\n        pass\n",
    "match x:\ncase 1:\n    pass\n",
    "match x:\n    x = 1\n",
    "match x:\n    case 1\n        pass\n",
    "match x:\n    case {**_}:\n        pass\n",
]
for src in snippets:
    try:
        compile(src, "<snippet>", "exec")
        print("compiled?!")
    except SyntaxError as e:
        print(f"{type(e).__name__}: {e.msg} ({e.lineno}:{e.offset}-{e.end_lineno}:{e.end_offset})")
