# tests/compare/fails.py: exits 1 with a message: torii-compare must show the
# message and exit 2.
import sys
print("fails.py: deliberate failure", file=sys.stderr)
sys.exit(1)
