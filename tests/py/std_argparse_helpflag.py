# -h on the command line (std_argparse_helpflag.args): the help goes to
# stdout and the script exits with status 0 before going on.
import argparse

parser = argparse.ArgumentParser(
    description='A demonstration of the help that -h prints, with a description long '
                'enough to be wrapped over more than one line of the output.',
    epilog='See the manual for more.')
parser.add_argument('source', help='where to read from')
parser.add_argument('destination', nargs='?', help='where to write to (standard output if left out)')
parser.add_argument('-r', '--recursive', action='store_true', help='descend into directories')
parser.add_argument('--exclude', metavar='PATTERN', action='append', default=[],
                    help='leave out files matching PATTERN; may be given more than once')
parser.add_argument('--level', type=int, choices=range(1, 4), default=2, help='level %(choices)s, default %(default)s')
output = parser.add_mutually_exclusive_group()
output.add_argument('-q', '--quiet', action='store_true', help='print nothing')
output.add_argument('--verbose', action='count', default=0, help='print more')
parser.parse_args()
print('not reached')
