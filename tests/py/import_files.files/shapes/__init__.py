from shapes.square import Square

KINDS = ["square"]
