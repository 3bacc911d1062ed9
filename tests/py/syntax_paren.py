print("a", (1, 2
