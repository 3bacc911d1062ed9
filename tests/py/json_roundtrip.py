import json
class Enc(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)
doc = {"name": "torii", "n": [1, 2.5, -3, 10**20, 1e-7, 1e22, True, False, None],
       "nested": {"a": [], "b": {}, "c": [[1], {"x": "y"}]}, "uni": "caf\u00e9 \u2603 \U0001F600 \"q\" \\ \n\t"}
s = json.dumps(doc)
print(s)
print(json.loads(s) == doc)
print(json.dumps(doc, ensure_ascii=False, sort_keys=True))
print(json.dumps(doc, indent=3, separators=(',', ' = ')))
print(json.dumps({1: 2, 2.5: 3, None: 4, False: 5}), json.dumps((1, (2, 3))), json.dumps("x"), json.dumps(3), json.dumps(None))
print(json.dumps({"s": {3, 1, 2}}, cls=Enc), json.dumps({"k": set([1])}, default=list))
print(json.dumps({(1, 2): 3, "a": 1}, skipkeys=True))
print(json.loads('{"a": 1.5, "b": [1, 2]}', parse_float=str, parse_int=lambda s: int(s) * 10))
print(json.loads('{"a": {"b": 2}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"a": 1, "b": 2, "a": 3}', object_pairs_hook=list))
print(json.loads('[NaN, Infinity, -Infinity]', parse_constant=lambda c: c))
print(json.loads('"\\ud83d\\ude00 \\u00e9 \\/ \\b\\f"') == "\U0001F600 \u00e9 / \b\f")
print(json.loads(' [1, {"a" : [true, false, null]}]  \n'))
print(json.JSONDecoder().raw_decode('[1, 2] tail'), json.JSONDecoder().raw_decode('xx"\u00e9" tail', 2))
print(json.loads('12345678901234567890123'), json.loads('-0.0'), json.loads('1E+2'), json.loads('0.1'))
print(repr(json.loads('"tab\\there"')), json.loads('"a\tb"', strict=False) == "a\tb")
try:
    json.dumps(float('inf'), allow_nan=False)
except ValueError as e:
    print(e)
try:
    json.loads('[1, 2')
except json.JSONDecodeError as e:
    print(e.msg, e.pos, e.lineno, e.colno, isinstance(e, ValueError))
class Buf:
    def __init__(self, text=''):
        self.parts = [text]
    def write(self, s):
        self.parts.append(s)
    def read(self):
        return ''.join(self.parts)
f = Buf()
json.dump([1, {"a": 2}], f, indent=1)
print(f.read())
print(json.load(Buf('{"k": [1]}')))
d = {}
d["self"] = d
try:
    json.dumps(d)
except ValueError as e:
    print(e)
print(json.dumps([[1], [1]], check_circular=False))
from json import decoder, encoder
print(decoder.JSONDecodeError is json.JSONDecodeError, encoder.JSONEncoder is json.JSONEncoder)
