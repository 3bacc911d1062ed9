# bench/memory/startup.py: the baseline row of bench/memory.sh, the peak RSS
# of an interpreter that starts, runs one line and exits.
print("startup ok")
