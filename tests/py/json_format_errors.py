import json
for s in ['', ' ', '[1,', '[1 2]', '{"a" 1}', '{"a":1,}', '[1,]', '{1:2}', '"abc', '"a\\q"', '"a\\u12"', '"a\x01"', '[1] x', '-', '01', '1.', 'nul', 'tru', '{"a":1 "b"}', '"\\', '{', '[', '{"a":', '"\\ud800"', '"\\ud800\\udc00"', '[-Infinity, NaN]', '1e400', '{"a":1,"a":2}', '   7  ', '"é" x', '\ufeff[1]', '{"a":1,  }', '[1,\n  ]','"\\u00e9\\x"','"a\\ud800\\u12"']:
    try:
        print(repr(s), repr(json.loads(s)))
    except Exception as e:
        print(repr(s), type(e).__name__, e, getattr(e, 'pos', None), getattr(e,'lineno',None), getattr(e,'colno',None))
try: json.loads(5)
except Exception as e: print(type(e).__name__, e)
for o in [float('nan'), {(1,2):3}, set(), [set()], {'a': set()}]:
    try: print(json.dumps(o, allow_nan=False))
    except Exception as e: print(type(e).__name__, e, getattr(e, '__notes__', None))
a=[]; a.append(a)
try: json.dumps(a)
except Exception as e: print(type(e).__name__, e, getattr(e, '__notes__', None))
print(json.dumps({3.5: 1, True: 2, None: 3, 1: 4, -0.0:5, float('inf'):6}))
print(json.dumps("\ud83d\ude00\u00e9\x7f\x1f\ud800"), ascii(json.dumps("\ud83d\ude00\u00e9\x7f\x1f", ensure_ascii=False)))
print(json.dumps([1,[2,{}],[],{"a":[1]}], indent=2))
print(json.dumps([1,[2,{}],[],{"a":[1]}], indent="\t"))
print(json.dumps([1,[2,{}],[],{"a":[1]}], indent=0))
print(json.dumps({"b":1,"a":2}, sort_keys=True, separators=(',',':')))
try: json.dumps({"b":1,2:2}, sort_keys=True)
except Exception as e: print(type(e).__name__, e)
