print("tab:\tend")
print("newline:\\n literal")
print("quote: \" and \'")
print("hex: \x41\x42, unicode: \u00e9 \U0001F600")
print(r"raw \n stays", len(r"\n"), len("\n"))
print("""triple
quoted""")
print('single' "adjacent" 'concat')
print("a\
b")
print(repr("\t\r\n\\"), repr("\x00\x1f\x7f\x80"))
