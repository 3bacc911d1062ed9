# except* needs an exception type
print("never printed")
try:
    pass
except* :
    pass
