names = ["Émile", "zoe", "Zack", "adam", "Ådne", "bob"]
print(sorted(names))
print(sorted(names, key=str.lower))
print(min(names), max(names), "abc" == "abc", "a" * 0 == "")
print([n for n in names if n.isalpha()], "".join(sorted("torii")))
