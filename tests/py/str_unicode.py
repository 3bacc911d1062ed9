s = "héllo wörld ☃ 𝄞"
print(s, len(s), s[1], s[12], s[-1], s[6:11], s.upper())
print(repr(s), repr("tab\there"), repr("quote'"), repr('dq"'), repr("both'\""), repr("\n\x00\x7f"))
print(ord("é"), chr(233), ord("𝄞"), chr(0x1d11e), chr(65), ord("A"))
print("ß".upper(), "ÉCOLE".lower(), "日本語"[::-1], len("日本語"))
for ch in "aé☃":
    print(ch, ord(ch))
print(list("añb"), "ñ" in "español", "español".find("ñ"), "español".index("o"))
