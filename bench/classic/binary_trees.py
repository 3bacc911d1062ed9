# bench/classic/binary_trees.py [N]: the benchmarks-game binary-trees with a
# Node class: a long-lived tree of depth N, then many short-lived trees of
# each depth from 4 to N, each built recursively and checked (node count).
import sys


class Node:
    def __init__(self, left, right):
        self.left = left
        self.right = right

    def check(self):
        if self.left is None:
            return 1
        return 1 + self.left.check() + self.right.check()


def make_tree(depth):
    if depth == 0:
        return Node(None, None)
    depth -= 1
    return Node(make_tree(depth), make_tree(depth))


def main():
    max_depth = int(sys.argv[1]) if len(sys.argv) > 1 else 13
    min_depth = 4
    max_depth = max(min_depth + 2, max_depth)
    stretch = max_depth + 1
    out = [f"stretch {stretch} {make_tree(stretch).check()}"]
    long_lived = make_tree(max_depth)
    for depth in range(min_depth, stretch, 2):
        iterations = 2 ** (max_depth - depth + min_depth)
        check = 0
        for _ in range(iterations):
            check += make_tree(depth).check()
        out.append(f"{iterations}@{depth}:{check}")
    out.append(f"long {max_depth} {long_lived.check()}")
    print("binary_trees n=" + str(max_depth) + " " + " ".join(out))


main()
