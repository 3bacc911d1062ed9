x = 42
y = 3.14159
name = "torii"
print(f"{x} {y} {name}")
print(f"{x:5d}|{x:<5}|{x:^5}|{x:>5}|{x:05d}|{x:x}|{x:X}|{x:o}|{x:b}|{x:#x}")
print(f"{y:.2f}|{y:10.3f}|{y:e}|{y:.3e}|{y:g}|{y:%}|{y:.1%}|{-y:+.2f}|{y: .2f}")
print(f"{name!r}|{name:>10}|{name:*^11}|{name:.2}|{1234567:,}|{1234567:_}|{0.5:.0f}|{1.5:.0f}")
print(f"{x=}, {y=:.1f}, {name=}")
print("{} and {}".format(1, 2), "{1}{0}".format("a", "b"), "{n}!".format(n=5), "{:>4}|".format("ab"))
print("%d %s %r %5.2f %x %%" % (5, "s", "r", 2.5, 255), "%s" % "one", "%(a)s-%(b)d" % {"a": 1, "b": 2})
print(format(3.0), format(1e20, ".3"), format(123, "08.2f"), format(True), format(1/3, ".10"))
print(str(12), str(1.0), str(None), str(True), str([1, "a"]), repr("x"), str((1,)))
