import sys
print(sys.argv[1:], len(sys.argv))
print(sys.argv[0].endswith("sys_argv.py"))
