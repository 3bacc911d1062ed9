tests = ["(1024).to_bytes(2)", "(1024).to_bytes(2, \"little\")", "(-1).to_bytes(2, signed=True)", "(256).to_bytes(1)", "(-1).to_bytes(1)", "(1).to_bytes(1, \"mid\")", "int.from_bytes(bytes([255,254]))", "int.from_bytes(bytes([255,254]), \"little\", signed=True)", "int.from_bytes([1,2])", "(0).to_bytes()", "(128).to_bytes(1, signed=True)", "(-128).to_bytes(1, signed=True)", "int.from_bytes(b\"\")", "(2**70).to_bytes(10)", "int.from_bytes(bytes([1])*10)", "(5).to_bytes(-1)", "int.from_bytes(\"ab\")", "(-2**70).to_bytes(10, \"little\", signed=True)", "int.from_bytes(bytes([255])*10, signed=True)"]
for t in tests:
    try: print(t, repr(eval(t)))
    except Exception as e: print(t, type(e).__name__, e)
