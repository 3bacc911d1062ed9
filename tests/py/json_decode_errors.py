import json
for s in ['"\\u12"', '"\\ud800\\u12"', '"abc\\u"', '"\\ud800\\uzzzz"', '"\\"', '[1,2', '{"a":1', '{"a"', '{"a":1,', '[1,\n', 'NaNx', '-Infinity', '-Inf', '1e', '1e+', '-0', '-0.0', '1E5', '"\t"', '[1,,2]', '{,}', '{"a":1,,}', '\n\n  {"a" : x}']:
    try:
        print(repr(s), repr(json.loads(s)))
    except Exception as e:
        print(repr(s), type(e).__name__, e)
print(json.loads('"\t"', strict=False))
