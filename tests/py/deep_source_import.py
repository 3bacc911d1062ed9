# Importing a module nested too deep: the parser's MemoryError and the
# compiler's RecursionError reach the importer as CPython raises them.
try:
    import deep_parse
except MemoryError as e:
    print("deep_parse", type(e).__name__ + ":", e)
try:
    import deep_compile
except RecursionError as e:
    print("deep_compile", type(e).__name__ + ":", e)
