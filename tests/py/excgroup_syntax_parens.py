# except* with several types needs parentheses
try:
    pass
except* ValueError, TypeError:
    pass
