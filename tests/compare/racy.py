# tests/compare/racy.py: output that changes from run to run (the clock), as a
# racy script's would: torii-compare must warn and exit 3.
import time
print("now", time.time())
