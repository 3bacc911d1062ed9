inventory = {"apples": [3, 1.5], "pears": [0, 2.25], "kiwis": [12, 0.5]}
total = 0
for name, (count, price) in inventory.items():
    value = count * price
    total += value
    print(f"{name:>8}: {count:3d} x {price:5.2f} = {value:7.2f}")
print(f"{'total':>8}: {total:.2f}")
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
transposed = [[row[i] for row in matrix] for i in range(3)]
print(transposed)
print([sum(r) for r in matrix], sum(sum(r) for r in [[1], [2]]) if False else 3)
grid = {}
for y in range(3):
    for x in range(3):
        grid[(x, y)] = x * y
print(grid[(2, 2)], len(grid), sorted(grid.items())[:3])
