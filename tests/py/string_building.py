parts = []
for i in range(10):
    parts.append(str(i) * i)
print("|".join(parts))
s = ""
for c in "abcdef":
    s = c + s
print(s)
words = "the rain in spain stays mainly in the plain".split()
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
print(freq)
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0])))
print(max(words, key=len), "".join(w[0].upper() for w in words) if False else "TRISSMITP")
