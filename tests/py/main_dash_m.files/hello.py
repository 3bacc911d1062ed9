import sys
print(__name__, __package__, sys.argv, sys.path[0] == __import__("os").getcwd())
if __name__ == "__main__": print("main!")
