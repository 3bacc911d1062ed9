# Interpreter options, each in a child process of the same interpreter:
# -O (asserts compile to nothing, __debug__ is False), -OO (docstrings go
# too), PYTHONOPTIMIZE, PYTHONPATH (after the script's directory in
# sys.path), and -E / -I, which ignore both; sys.flags reports them.
import os
import subprocess
import sys
import tempfile

CHILD = r'''
import sys
def f():
    """doc of f"""
    assert False, "raised"
    return "ran"
try:
    print(f(), __debug__, f.__doc__)
except AssertionError as e:
    print("AssertionError", e, __debug__, f.__doc__)
print("flags", sys.flags.optimize, sys.flags.ignore_environment, sys.flags.isolated,
      sys.flags.no_user_site, sys.flags.dont_write_bytecode)
try:
    import pp_mod
    print("pp_mod", pp_mod.X, sys.path.index(pp_mod.__file__.rsplit("/", 1)[0]) > 0)
except ImportError as e:
    print("ImportError", e)
'''

with tempfile.TemporaryDirectory() as tmp:
    script = os.path.join(tmp, "child.py")
    with open(script, "w") as fh:
        fh.write(CHILD)
    extra = os.path.join(tmp, "extra")
    os.mkdir(extra)
    with open(os.path.join(extra, "pp_mod.py"), "w") as fh:
        fh.write("X = 'found through PYTHONPATH'\n")
    base = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    runs = [
        ([], {}),
        (["-O"], {}),
        (["-OO"], {}),
        ([], {"PYTHONOPTIMIZE": "1"}),
        ([], {"PYTHONPATH": extra}),
        (["-E"], {"PYTHONPATH": extra, "PYTHONOPTIMIZE": "1"}),
        (["-I"], {"PYTHONPATH": extra}),
        (["-B", "-s"], {}),
    ]
    for opts, env in runs:
        r = subprocess.run([sys.executable, *opts, script], env={**base, **env},
                           capture_output=True, text=True)
        print(opts, sorted(env), "->", r.returncode)
        print(r.stdout, end="")
        if r.stderr:
            print("stderr:", r.stderr.strip().splitlines()[-1])

r = subprocess.run([sys.executable, "-c", "import sys; print(type(sys.flags).__name__, len(sys.flags), "
                    "sys.flags.dev_mode, sys.flags.safe_path, sys.flags.int_max_str_digits, "
                    "sys.flags[3])"], capture_output=True, text=True)
print(r.stdout, end="")
