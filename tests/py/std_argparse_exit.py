# An argparse error from the command line (std_argparse_exit.args): the
# usage and 'prog: error: ...' go to stderr and the exit status is 2.
import argparse

parser = argparse.ArgumentParser(description='Counts things.')
parser.add_argument('--count', type=int, required=True, help='how many')
parser.add_argument('--mode', choices=['fast', 'slow'], default='fast')
parser.add_argument('files', nargs='+', metavar='FILE')
print('before parsing')
args = parser.parse_args()
print('not reached', args)
