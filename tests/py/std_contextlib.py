# contextlib: contextmanager, ContextDecorator, AbstractContextManager,
# closing, suppress, redirect_stdout/stderr, nullcontext, chdir, ExitStack.
import contextlib
import io
import os
import sys
from contextlib import (contextmanager, closing, suppress, nullcontext,
                        redirect_stdout, redirect_stderr, ExitStack,
                        AbstractContextManager, ContextDecorator, chdir)


def show(label, f):
    try:
        print(label, '->', repr(f()))
    except Exception as e:
        print(label, '-> EXC', type(e).__name__, e)


# --- contextmanager ----------------------------------------------------
log = []


@contextmanager
def tag(name):
    """Wrap output in a tag."""
    log.append('<%s>' % name)
    try:
        yield name.upper()
    finally:
        log.append('</%s>' % name)


with tag('a') as t:
    log.append(t)
print(log)
print(tag.__name__, tag.__doc__)
print(type(tag('x')).__name__, tag('x').__doc__)

log.clear()
try:
    with tag('b'):
        raise ValueError('inside')
except ValueError as e:
    print('propagated', e, log)


@contextmanager
def swallow():
    try:
        yield
    except KeyError as e:
        print('swallowed', repr(e))


with swallow():
    raise KeyError('k')
print('after swallow')

try:
    with swallow():
        raise IndexError('i')
except IndexError as e:
    print('not swallowed', e)


@contextmanager
def no_yield():
    if False:
        yield


@contextmanager
def two_yields():
    yield 1
    yield 2


@contextmanager
def yield_after_throw():
    try:
        yield
    except ValueError:
        yield


def use(cm, exc=None):
    with cm:
        if exc is not None:
            raise exc
    return 'done'


show('no yield', lambda: use(no_yield()))
show('two yields', lambda: use(two_yields()))
show('yield after throw', lambda: use(yield_after_throw(), ValueError('v')))


@contextmanager
def replace_exc():
    try:
        yield
    except ValueError as e:
        raise TypeError('replaced') from e


try:
    with replace_exc():
        raise ValueError('orig')
except TypeError as e:
    print(type(e).__name__, e, 'cause:', repr(e.__cause__))


# StopIteration raised in the body propagates, not swallowed.
@contextmanager
def passthrough():
    yield


try:
    with passthrough():
        raise StopIteration('stop')
except StopIteration as e:
    print('StopIteration passed through', e)


# RuntimeError raised in the body propagates as itself.
try:
    with passthrough():
        raise RuntimeError('rt')
except RuntimeError as e:
    print('RuntimeError passed through', e)

# Exception given as a class only.
cm = passthrough()
cm.__enter__()
print('class-only exit returns', cm.__exit__(KeyError, None, None))

# As a decorator: a fresh generator per call.
calls = []


@contextmanager
def counted():
    calls.append('enter')
    yield
    calls.append('exit')


@counted()
def work(x):
    calls.append(x)
    return x * 2


print(work(1), work(2), calls)
print(work.__name__)

# A manager entered directly cannot be recreated.
cm = counted()
with cm:
    pass
show('reuse entered cm', lambda: cm._recreate_cm())


# --- ContextDecorator ---------------------------------------------------
class Announce(ContextDecorator):
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print('enter', self.name)
        return self

    def __exit__(self, *exc):
        print('exit', self.name, exc[0].__name__ if exc[0] else None)
        return False


@Announce('deco')
def decorated(a, b=2):
    "decorated doc"
    print('body', a, b)
    return a + b


print(decorated(1), decorated.__name__, decorated.__doc__)
try:
    @Announce('err')
    def bad():
        raise ValueError('bad')
    bad()
except ValueError as e:
    print('caught', e)


# --- AbstractContextManager ---------------------------------------------
class Good:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        pass


class NoExit:
    def __enter__(self):
        return self


class Disabled(Good):
    __exit__ = None


print(issubclass(Good, AbstractContextManager),
      issubclass(NoExit, AbstractContextManager),
      issubclass(Disabled, AbstractContextManager),
      isinstance(Good(), AbstractContextManager),
      isinstance(open(__file__), AbstractContextManager),
      isinstance(3, AbstractContextManager))


class Minimal(AbstractContextManager):
    def __exit__(self, *a):
        return None


m = Minimal()
with m as got:
    print('enter returns self:', got is m)


class Incomplete(AbstractContextManager):
    pass


show('Incomplete()', lambda: Incomplete())


# --- closing --------------------------------------------------------------
class Resource:
    def __init__(self, name):
        self.name = name

    def close(self):
        print('closing', self.name)


with closing(Resource('r1')) as r:
    print('using', r.name)
try:
    with closing(Resource('r2')):
        raise ValueError('x')
except ValueError:
    print('closed despite error')


# --- suppress ---------------------------------------------------------------
with suppress(KeyError):
    {}['missing']
print('suppressed KeyError')
with suppress(LookupError, TypeError):
    [][1]
print('suppressed IndexError via LookupError')
with suppress():
    pass
try:
    with suppress(KeyError):
        1 / 0
except ZeroDivisionError as e:
    print('not suppressed:', e)
s = suppress(ValueError)
print(s.__enter__(), s.__exit__(None, None, None),
      s.__exit__(ValueError, ValueError(), None),
      s.__exit__(TypeError, TypeError(), None))


# --- redirect_stdout / redirect_stderr ------------------------------------
orig_stdout = sys.stdout
buf = io.StringIO()
with redirect_stdout(buf) as target:
    print('captured line')
    print('target is buf:', target is buf)
print(repr(buf.getvalue()))
ebuf = io.StringIO()
with redirect_stderr(ebuf):
    print('to stderr', file=sys.stderr)
print(repr(ebuf.getvalue()))
# Re-entrant use of one instance.
outer = io.StringIO()
inner = io.StringIO()
r = redirect_stdout(outer)
with r:
    print('outer 1')
    with redirect_stdout(inner):
        print('inner')
    print('outer 2')
print(repr(outer.getvalue()), repr(inner.getvalue()))
print('restored', sys.stdout is orig_stdout)

# --- nullcontext ------------------------------------------------------------
with nullcontext() as v:
    print('nullcontext gives', v)
with nullcontext(42) as v:
    print('nullcontext gives', v)


# --- chdir ------------------------------------------------------------------
start = os.getcwd()
os.mkdir('sub_ctx')
with chdir('sub_ctx'):
    print('inside sub:', os.path.basename(os.getcwd()))
    with chdir('..'):
        print('back at start:', os.getcwd() == start)
    print('inside sub again:', os.path.basename(os.getcwd()))
print('restored cwd:', os.getcwd() == start)
os.rmdir('sub_ctx')


# --- ExitStack ----------------------------------------------------------------
order = []
with ExitStack() as stack:
    for i in range(3):
        stack.callback(order.append, i)
    got = stack.enter_context(tag('x'))
    print('enter_context returned', got)
print('callbacks in LIFO order', order)

order.clear()
with ExitStack() as stack:
    cb = stack.callback(lambda *a, **k: order.append((a, k)), 1, 2, key='v')
    print('callback returns the callable:', callable(cb))
print(order)


def exit_fn(*exc):
    print('exit_fn got', exc[0].__name__ if exc[0] else None)
    return True    # suppress


with ExitStack() as stack:
    print('push returns', stack.push(exit_fn) is exit_fn)
    raise ValueError('suppressed by exit_fn')
print('after suppress via push')

# push of an object with __exit__ registers the bound method.
with ExitStack() as stack:
    stack.push(Announce('pushed'))
print('pushed object exited')

# pop_all transfers the callbacks.
order.clear()
with ExitStack() as stack:
    stack.callback(order.append, 'moved')
    moved = stack.pop_all()
print('after with:', order)
moved.close()
print('after close:', order)

# enter_context on a non context manager.
with ExitStack() as stack:
    show('enter_context(3)', lambda: stack.enter_context(3))
    show('enter_context(NoExit())', lambda: stack.enter_context(NoExit()))


# Exceptions raised by callbacks chain as nested with statements would.
def raiser(exc):
    def cb(*a):
        raise exc
    return cb


try:
    with ExitStack() as stack:
        stack.push(raiser(KeyError('inner-most last')))
        stack.push(raiser(IndexError('first to run')))
        raise ValueError('body')
except KeyError as e:
    chain = []
    while e is not None:
        chain.append(repr(e))
        e = e.__context__
    print('chain:', chain)

# A callback suppresses an exception raised by a later-run one... earlier pushed.
with ExitStack() as stack:
    stack.push(exit_fn)
    stack.push(raiser(TypeError('from callback')))
print('TypeError from callback suppressed')

# Inside an except block the chain stops at the exception being handled.
try:
    raise LookupError('outer')
except LookupError:
    try:
        with ExitStack() as stack:
            stack.push(raiser(KeyError('cb')))
            raise ValueError('body2')
    except KeyError as e:
        print('chain in handler:', repr(e), repr(e.__context__),
              repr(e.__context__.__context__))

# Exit when nothing was raised returns False; with suppression True.
stack = ExitStack()
print(stack.__exit__(None, None, None))
stack.push(exit_fn)
print(stack.__exit__(ValueError, ValueError('x'), None))
print(stack.__exit__(ValueError, ValueError('x'), None))

# Nested with blocks as one ExitStack.
with ExitStack() as stack:
    names = [stack.enter_context(tag(n)) for n in 'pq']
    print(names)
print(log[-4:])

print(sorted(n for n in contextlib.__all__ if not n.startswith('a')
             and 'Async' not in n))

# --- more edge cases ----------------------------------------------------------
@contextmanager
def undocumented():
    yield 5


print(repr(undocumented().__doc__))
cm = undocumented()
cm.__enter__()
show('enter twice', lambda: cm.__enter__())


@contextmanager
def stops_again():
    try:
        yield
    except StopIteration:
        raise


show('thrown StopIteration re-raised', lambda: use(stops_again(), StopIteration('s')))


@contextmanager
def converts_stop():
    try:
        yield
    except StopIteration as e:
        raise RuntimeError('converted') from e


show('StopIteration converted', lambda: use(converts_stop(), StopIteration('s')))


@contextmanager
def swallow_all():
    try:
        yield
    except BaseException:
        pass


show('swallow StopIteration', lambda: use(swallow_all(), StopIteration('s')))
show('swallow RuntimeError', lambda: use(swallow_all(), RuntimeError('r')))
cm = swallow_all()
cm.__enter__()
print('class-only suppressed', cm.__exit__(KeyError, None, None))


class BadBool:
    def __bool__(self):
        raise ZeroDivisionError('bool failed')


try:
    with ExitStack() as stack:
        stack.push(lambda *a: BadBool())
except ZeroDivisionError as e:
    print('bool error', e, e.__context__)


class MyStack(ExitStack):
    pass


st = MyStack()
st.callback(print, 'from moved MyStack')
moved = st.pop_all()
print(type(moved).__name__)
moved.close()
st.close()

try:
    with ExitStack() as stack:
        stack.callback(lambda: 1 / 0)
        stack.callback(lambda: [][1])
except ZeroDivisionError as e:
    print(repr(e), repr(e.__context__))

with ExitStack() as outer_stack:
    inner_stack = outer_stack.enter_context(ExitStack())
    inner_stack.callback(print, 'inner stack unwound')
    outer_stack.callback(print, 'outer stack unwound')

with suppress(KeyError) as nothing:
    print('suppress enter gives', nothing)
with closing(Resource('r3')) as r:
    pass
print(closing(Resource('x')).__exit__(None, None, None))
print(nullcontext(1).__exit__(None, None, None))
