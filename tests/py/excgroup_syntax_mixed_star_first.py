# a bare except after except* clauses
try:
    pass
except* ValueError:
    pass
except* TypeError:
    pass
except:
    pass
