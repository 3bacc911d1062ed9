import io
it = iter(lambda: 1, 1); print(type(it).__name__, repr(it)[:28], list(it))
for bad in (1, []):
    try: iter(bad, 2)
    except TypeError as e: print(e)
f = io.StringIO("a\nb\n\nc")
print(list(iter(f.readline, "\n")))
n = iter([1, 2, 3, 4]).__next__
print(list(iter(n, 3)))
def stop():
    raise StopIteration
print(list(iter(stop, 0)))
try: iter()
except TypeError as e: print(e)
try: iter(1, 2, 3)
except TypeError as e: print(e)
