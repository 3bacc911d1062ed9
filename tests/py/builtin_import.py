# builtins.__import__ (fromlist, level, the argument errors) and
# importlib.import_module (dotted and relative names).
import sys
m = __import__('os.path')
print(m.__name__)
m = __import__('json.decoder', fromlist=['JSONDecoder'])
print(m.__name__)
m = __import__('json', globals(), locals(), ['decoder'], 0)
print(m.__name__, hasattr(m, 'decoder'))
for a, k in [((), {}), (('nosuchmod',), {}), ((5,), {}), (('x',), {'level': -1}), (('',), {}), (('x', None, None, [], 1), {}), (('x', {'__name__': '__main__'}, None, [], 1), {})]:
    try:
        print(__import__(*a, **k))
    except Exception as e:
        print(type(e).__name__, e)
import importlib
print(importlib.import_module('json.decoder').__name__)
for a in [('nosuch',), ('.x',), ('.decoder', 'json')]:
    try: print(importlib.import_module(*a).__name__)
    except Exception as e: print(type(e).__name__, e)
