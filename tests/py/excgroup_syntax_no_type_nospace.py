# except* right after the keyword, no space, still needs a type
try:
    pass
except*:
    pass
