# bench/memory/binary_trees.py [DEPTH]: peak-memory workload.  The
# benchmarks-game shape with a small Node class: a stretch tree of depth
# DEPTH+1 built and dropped, a long-lived tree of depth DEPTH kept to the end,
# and many short-lived trees of each depth from 4 to DEPTH (fewer iterations
# than the timing benchmark: the peak is set by the big trees, the small ones
# check that freed nodes are reused).
import sys


class Node:
    def __init__(self, left, right):
        self.left = left
        self.right = right


def make_tree(depth):
    if depth == 0:
        return Node(None, None)
    depth -= 1
    return Node(make_tree(depth), make_tree(depth))


def check(node):
    if node.left is None:
        return 1
    return 1 + check(node.left) + check(node.right)


def main():
    max_depth = int(sys.argv[1]) if len(sys.argv) > 1 else 16
    min_depth = 4
    stretch = max_depth + 1
    out = [f"stretch {stretch}: {check(make_tree(stretch))}"]
    long_lived = make_tree(max_depth)
    for depth in range(min_depth, max_depth + 1, 4):
        iterations = 2 ** (max_depth - depth + 2)
        total = 0
        for _ in range(iterations):
            total += check(make_tree(depth))
        out.append(f"{iterations}x{depth}: {total}")
    out.append(f"long-lived {max_depth}: {check(long_lived)}")
    print("binary_trees " + "; ".join(out))


main()
