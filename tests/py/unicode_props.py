# str's character database against CPython 3.13 (Unicode 15.1): case mappings,
# character classes and repr over a deterministic sample of code points,
# printed as per-property counts and checksums plus a few samples.

def checksum(strings):
    h = 0
    for s in strings:
        for ch in s:
            h = (h * 1000003 + ord(ch)) % 4294967291
        h = (h * 31 + 7) % 4294967291
    return h

points = [c for c in range(0, 0x110000, 331) if not 0xD800 <= c <= 0xDFFF]
points += [0xB5, 0xDF, 0x130, 0x131, 0x149, 0x17F, 0x1C4, 0x1C5, 0x1C6, 0x1F0,
           0x345, 0x390, 0x3A3, 0x3C2, 0x3D0, 0x1E9E, 0x1F80, 0x1F88, 0x1FB3,
           0x1FBC, 0x2126, 0x212A, 0xFB00, 0xFB05, 0xAB70, 0x13A0, 0x10400,
           0x1E900, 0x1EA0, 0x1EA1, 0x1EF9, 0x2160, 0x2170, 0x24B6, 0x24D0,
           0x0660, 0x06F9, 0x0BE7, 0x00B2, 0x2460, 0x00BD, 0x3007, 0x5341,
           0x1D7CE, 0x1F100, 0x0AD, 0x0378, 0x2028, 0x202F, 0x3000, 0xFEFF,
           0xE000, 0xF0000, 0xE0001, 0x1680, 0x180E, 0x0085, 0x00A0]
chars = [chr(c) for c in points]
print("sampled", len(chars))

preds = ["isalpha", "isdigit", "isdecimal", "isnumeric", "isalnum", "isspace",
         "isprintable", "isidentifier", "isupper", "islower", "istitle"]
for name in preds:
    hits = [s for s in chars if getattr(s, name)()]
    print(name, len(hits), checksum(hits))
print("idcontinue", sum(1 for s in chars if ("a" + s).isidentifier()))

maps = ["upper", "lower", "title", "casefold", "swapcase", "capitalize"]
for name in maps:
    out = [getattr(s, name)() for s in chars]
    changed = sum(1 for s, o in zip(chars, out) if s != o)
    longer = sum(1 for o in out if len(o) > 1)
    print(name, changed, longer, checksum(out))

reprs = [repr(s) for s in chars]
print("repr escaped", sum(1 for r in reprs if "\\" in r), checksum(reprs))
print("ascii", checksum(ascii(s) for s in chars))

# Cased / case-ignorable, as title() and final sigma see them.
print("cased", sum(1 for s in chars if (s + "a").title()[-1] == "a"))
print("final sigma", checksum(("A" + s + "\u03a3").lower() for s in chars))
print("title context", checksum(("a" + s + "b").title() for s in chars))

for c in [0xDF, 0x130, 0x149, 0x1C5, 0x1F0, 0x390, 0x1F80, 0x1FB3, 0xFB05, 0xAB70, 0x1E9E]:
    s = chr(c)
    print(hex(c), ascii(s.upper()), ascii(s.lower()), ascii(s.title()), ascii(s.casefold()),
          s.isupper(), s.islower(), s.istitle())

# Final sigma and title() over generated words.
alphabet = "a\u03a3\u03c3'.\u0345 \u02b0A\u01c5\u00df\u0130-1\u0300"
seed = 12345
words = []
for i in range(600):
    w = ""
    for j in range(1 + i % 7):
        seed = (seed * 1103515245 + 12345) % 2147483648
        w += alphabet[(seed >> 16) % len(alphabet)]
    words.append(w)
for name in maps:
    print("words", name, checksum(getattr(w, name)() for w in words))
print("words istitle", sum(1 for w in words if w.istitle()),
      "isupper", sum(1 for w in words if w.isupper()),
      "islower", sum(1 for w in words if w.islower()))
print(ascii("\u03a3\u0391\u03a3 \u038c\u0394\u039f\u03a3 \u03a3".lower()), ascii("A\u03a3'\u03a3.".lower()))
print(ascii("\u01c4ungla \u01c6ungla \u00dfa \u0149x".title()), ascii("\u1f80\u1f81".capitalize()))
print(ascii("Stra\u00dfe \u0130stanbul".swapcase()), "\u0130stanbul".lower() == "i\u0307stanbul")
