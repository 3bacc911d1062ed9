data = [1, 5, 12, 7, 20]
if (n := len(data)) > 3:
    print("long", n)
print([y for x in data if (y := x * 2) > 10])
print("even" if n % 2 == 0 else "odd", [("big" if v > 6 else "small") for v in data])
