# bench/classic/word_freq.py [N]: build a text of N words (picked from a fixed
# word list by a linear congruential generator, with some capitalised and
# punctuated), then count words the ordinary way: str.split, strip, lower, a
# dict of counts, sorted top-10 by count.
import sys

WORDS = """the of and to in is was that for it as with be on by at this had not are
but from or have an they which one you were her all she there would their we
him been has when who will more no if out so said what up its about into than
them can only other new some could time these two may then do first any my now
such like our over man me even most made after also did many before must
through back years where much your way well down should because each just those
people how too little state good very make world still own see men work long
get here between both life being under never day same another know while last
might us great old year off come since against go came right used take three
python thread lock queue gate torii runtime object number string""".split()

MULT = 1103515245
INC = 12345
MOD = 2 ** 31


class LCG:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state * MULT + INC) % MOD
        return self.state >> 8


def make_text(n):
    rng = LCG(42)
    parts = []
    nwords = len(WORDS)
    for i in range(n):
        r = rng.next()
        w = WORDS[r % nwords]
        if r % 7 == 0:
            w = w.capitalize()
        if r % 11 == 0:
            w = w + ","
        elif r % 13 == 0:
            w = w + "."
        parts.append(w)
        if i % 12 == 11:
            parts.append("\n")
    return " ".join(parts)


def count_words(text):
    counts = {}
    for word in text.split():
        word = word.strip(".,").lower()
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts


def top(counts, k):
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 600000
    text = make_text(n)
    counts = count_words(text)
    best = top(counts, 10)
    lines = text.count("\n")
    print(f"word_freq n={n} distinct={len(counts)} lines={lines} top=" +
          ",".join(f"{w}:{c}" for w, c in best))


main()
