words = ["banana", "Apple", "cherry", "date", "Elder"]
print(sorted(words))
print(sorted(words, key=len))
print(sorted(words, key=lambda w: w.lower()))
print(sorted(words, key=lambda w: (len(w), w), reverse=True))
pairs = [(1, "b"), (0, "z"), (1, "a"), (0, "a")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[1]))
nums = [5, -3, 2, -8, 0]
nums.sort(key=abs)
print(nums, max(nums, key=abs), min(nums, key=lambda n: -n))
print(sorted([3.5, 1, 2.25, -1]), sorted([], key=len), sorted((3, 2, 1)))
print(max([], default="empty"), max("abc"), min([4, 2, 8]), max(1, 5, 3))
