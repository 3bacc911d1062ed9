# python -m unittest: test names, discovery (discover -s/-p/-t and the
# bare command), the exit status, and what goes to stderr.
import re
import subprocess
import sys


def run(*args):
    p = subprocess.run([sys.executable, '-m', 'unittest', *args],
                       capture_output=True, text=True)
    print('$ -m unittest', *args, '-> status', p.returncode)
    text = re.sub(r'in \d+\.\d+s', 'in T', p.stderr)
    print(re.sub(r'File ".*/', 'File "', text), end='')
    print(p.stdout, end='')


run('test_one')
run('-v', 'test_one.One.test_pass')
run('test_one.py', '-q')
run('tests_here.test_two', '-v')
run()
run('-v')
run('discover', '-p', 'check_*.py', '-v')
run('discover', '-s', 'tests_here', '-t', '.')
run('discover', 'tests_here', 'test_*.py', '.')
run('-k', 'pass', 'test_one')
run('-f', 'test_one')
run('discover', '-s', 'tests_here', '-p', 'nothing*.py')
