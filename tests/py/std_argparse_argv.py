# argparse on the real command line (std_argparse_argv.args): parse_args()
# reads sys.argv[1:], and the program name is the script's base name.
import argparse

parser = argparse.ArgumentParser(description='Process some input files.')
parser.add_argument('--verbose', '-v', action='store_true', help='say more')
parser.add_argument('-n', '--number', type=int, default=1, help='how many times (default: %(default)s)')
parser.add_argument('--tag', action='append', help='a tag; may be repeated')
parser.add_argument('input', help='the input file')
parser.add_argument('extra', nargs='*', help='more files')
args = parser.parse_args()
print(parser.prog)
print(args)
print(args.verbose, args.number * 2, args.input, args.extra, args.tag)
known, rest = parser.parse_known_args()
print(known == args, rest)
parser.print_usage()
parser.print_help()
