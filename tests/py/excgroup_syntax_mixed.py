# an except* clause after except clauses
try:
    pass
except ValueError:
    pass
except* TypeError:
    pass
