# bench/memory/word_count.py [N]: peak-memory workload.  Builds a text of N
# words (default 800000, some 4.5 MB) picked from a fixed word list by a linear
# congruential generator, then counts words the ordinary way: lower(),
# split() into a list, a dict of counts, the top ten.
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
memory thread object python number string table river mountain window garden""".split()


def make_text(n):
    state = 12345
    nwords = len(WORDS)
    lines = []
    line = []
    for i in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        w = WORDS[(state >> 8) % nwords]
        if state % 9 == 0:
            w = w.capitalize()
        if state % 97 == 0:
            w = w + str(state % 1000)
        line.append(w)
        if len(line) == 14:
            lines.append(" ".join(line))
            line = []
    if line:
        lines.append(" ".join(line))
    return "\n".join(lines)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 800_000
    text = make_text(n)
    words = text.lower().split()
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    print(f"word_count chars={len(text)} words={len(words)} distinct={len(counts)} top=" +
          ",".join(f"{w}:{c}" for w, c in top))


main()
