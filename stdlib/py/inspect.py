# inspect: live-object introspection for torii (type predicates, getmembers,
# signature()/Signature/Parameter/BoundArguments, source lookup via
# linecache, frames and stack records, generator/coroutine states).
# torii's own implementation, written against the Python 3.13 documentation.

import abc
import builtins
import collections.abc
import enum
import functools
import linecache
import os
import re
import sys
import types
from collections import namedtuple, OrderedDict
from operator import attrgetter

__all__ = [
    'AGEN_CLOSED', 'AGEN_CREATED', 'AGEN_RUNNING', 'AGEN_SUSPENDED',
    'ArgInfo', 'Arguments', 'Attribute', 'BoundArguments',
    'BufferFlags', 'CORO_CLOSED', 'CORO_CREATED', 'ClassFoundException',
    'CORO_RUNNING', 'CORO_SUSPENDED', 'CO_ASYNC_GENERATOR', 'CO_COROUTINE',
    'CO_GENERATOR', 'CO_ITERABLE_COROUTINE', 'CO_NESTED', 'CO_NEWLOCALS',
    'CO_NOFREE', 'CO_OPTIMIZED', 'CO_VARARGS', 'CO_VARKEYWORDS',
    'ClosureVars', 'EndOfBlock', 'FrameInfo', 'FullArgSpec', 'GEN_CLOSED',
    'GEN_CREATED', 'GEN_RUNNING', 'GEN_SUSPENDED', 'Parameter', 'Signature',
    'TPFLAGS_IS_ABSTRACT', 'Traceback', 'classify_class_attrs', 'cleandoc',
    'currentframe', 'findsource', 'formatannotation', 'formatannotationrelativeto',
    'formatargvalues', 'get_annotations', 'getabsfile', 'getargs',
    'getargvalues', 'getasyncgenlocals', 'getasyncgenstate', 'getattr_static',
    'getblock', 'getcallargs', 'getclasstree', 'getclosurevars', 'getcomments',
    'getcoroutinelocals', 'getcoroutinestate', 'getdoc', 'getfile',
    'getframeinfo', 'getfullargspec', 'getgeneratorlocals',
    'getgeneratorstate', 'getinnerframes', 'getlineno', 'getmembers',
    'getmembers_static', 'getmodule', 'getmodulename', 'getmro',
    'getouterframes', 'getsource', 'getsourcefile', 'getsourcelines',
    'indentsize', 'isabstract', 'isasyncgen', 'isasyncgenfunction',
    'isawaitable', 'isbuiltin', 'isclass', 'iscode', 'iscoroutine',
    'iscoroutinefunction', 'isdatadescriptor', 'isframe', 'isfunction',
    'isgenerator', 'isgeneratorfunction', 'isgetsetdescriptor',
    'ismemberdescriptor', 'ismethod', 'ismethoddescriptor',
    'ismethodwrapper', 'ismodule', 'isroutine', 'istraceback',
    'markcoroutinefunction', 'signature', 'stack', 'trace', 'unwrap',
    'walktree',
]

# Code object flags (the values CPython's co_flags use).
CO_OPTIMIZED = 0x1
CO_NEWLOCALS = 0x2
CO_VARARGS = 0x4
CO_VARKEYWORDS = 0x8
CO_NESTED = 0x10
CO_GENERATOR = 0x20
CO_NOFREE = 0x40
CO_COROUTINE = 0x80
CO_ITERABLE_COROUTINE = 0x100
CO_ASYNC_GENERATOR = 0x200
TPFLAGS_IS_ABSTRACT = 1 << 20


# --- Type predicates ----------------------------------------------------------

# types.py only names GetSetDescriptorType where FunctionType.__code__ is one;
# a class's __weakref__ entry is a getset descriptor in every torii build.
_GetSetType = getattr(types, 'GetSetDescriptorType', None)
if _GetSetType is None:
    _GetSetType = type(vars(type('_W', (), {})).get('__weakref__'))
    if _GetSetType is type(None):
        _GetSetType = type('getset_descriptor', (), {})
_MemberType = types.MemberDescriptorType
# torii shares one type between several of CPython's kinds of builtin
# callables: keep a name only where its type is distinct.
_Builtin = types.BuiltinFunctionType
_MethodWrapper = types.MethodWrapperType if types.MethodWrapperType is not _Builtin else None
_ClassMethodDescr = (types.ClassMethodDescriptorType
                     if types.ClassMethodDescriptorType is not _Builtin else None)
_NonUserDefinedCallables = tuple(t for t in (
    types.WrapperDescriptorType, _MethodWrapper, _ClassMethodDescr, _Builtin) if t)

# The descriptor slots CPython's own types define.  torii's C types do not
# all show __get__/__set__/__delete__ as attributes, so those are known here.
_GET_TYPES = tuple(t for t in (
    types.FunctionType, types.MethodType, property, classmethod, staticmethod,
    types.MethodDescriptorType, types.WrapperDescriptorType, _ClassMethodDescr,
    _GetSetType, _MemberType) if t)
_SET_TYPES = (property, _GetSetType, _MemberType)
_NATIVE_SLOTS = {'__get__': _GET_TYPES, '__set__': _SET_TYPES, '__delete__': _SET_TYPES}


def _type_has(tp, name):
    return hasattr(tp, name) or issubclass(tp, _NATIVE_SLOTS[name])


def _instance_test(name, kind, what):
    """The predicate `name`(object): whether object is an instance of
    `kind`, documented as "Return true if the object is `what`." """
    def test(object):
        return isinstance(object, kind)
    test.__name__ = test.__qualname__ = name
    test.__doc__ = 'Return true if the object is %s.' % what
    return test


ismodule = _instance_test('ismodule', types.ModuleType, 'a module')
isclass = _instance_test('isclass', type, 'a class')
ismethod = _instance_test('ismethod', types.MethodType, 'an instance method')
isfunction = _instance_test('isfunction', types.FunctionType, 'a user-defined function')


def ismethoddescriptor(object):
    """Return true if the object is a method descriptor (has __get__ but
    neither __set__ nor __delete__), but not a class, method, function or
    functools.partial."""
    if isclass(object) or ismethod(object) or isfunction(object):
        return False
    if isinstance(object, functools.partial):
        return False
    tp = type(object)
    return (_type_has(tp, '__get__') and not _type_has(tp, '__set__')
            and not _type_has(tp, '__delete__'))


def isdatadescriptor(object):
    """Return true if the object is a data descriptor (has __set__ or
    __delete__)."""
    if isclass(object) or ismethod(object) or isfunction(object):
        return False
    tp = type(object)
    return _type_has(tp, '__set__') or _type_has(tp, '__delete__')


def ismemberdescriptor(object):
    """Return true if the object is a member descriptor (a __slots__ entry)."""
    return isinstance(object, _MemberType)


def isgetsetdescriptor(object):
    """Return true if the object is a getset descriptor."""
    return isinstance(object, _GetSetType)


def _code_flag(f, flag):
    # Methods and functools.partial objects count as the function inside.
    while ismethod(f):
        f = f.__func__
    f = _unwrap_partial(f)
    if not (isfunction(f) or _signature_is_functionlike(f)):
        return False
    return bool(f.__code__.co_flags & flag)


def _unwrap_partial(f):
    while isinstance(f, functools.partial):
        f = f.func
    return f


def isgeneratorfunction(obj):
    """Return true if the object is a user-defined generator function."""
    return _code_flag(obj, CO_GENERATOR)


_is_coroutine_mark = object()


def _has_coroutine_mark(f):
    while ismethod(f):
        f = f.__func__
    f = _unwrap_partial(f)
    return getattr(f, '_is_coroutine_marker', None) is _is_coroutine_mark


def markcoroutinefunction(func):
    """Decorator: marks func so that iscoroutinefunction() is true for it."""
    if hasattr(func, '__func__'):
        func = func.__func__
    func._is_coroutine_marker = _is_coroutine_mark
    return func


def iscoroutinefunction(obj):
    """Return true if the object is a coroutine function (async def, or
    marked with markcoroutinefunction)."""
    return _code_flag(obj, CO_COROUTINE) or _has_coroutine_mark(obj)


def isasyncgenfunction(obj):
    """Return true if the object is an asynchronous generator function."""
    return _code_flag(obj, CO_ASYNC_GENERATOR)


isasyncgen = _instance_test('isasyncgen', types.AsyncGeneratorType, 'an asynchronous generator')
isgenerator = _instance_test('isgenerator', types.GeneratorType, 'a generator')
iscoroutine = _instance_test('iscoroutine', types.CoroutineType, 'a coroutine')


def isawaitable(object):
    """Return true if object can be passed to an ``await`` expression."""
    return (isinstance(object, types.CoroutineType)
            or (isinstance(object, types.GeneratorType)
                and bool(object.gi_code.co_flags & CO_ITERABLE_COROUTINE))
            or isinstance(object, collections.abc.Awaitable))


istraceback = _instance_test('istraceback', types.TracebackType, 'a traceback')
isframe = _instance_test('isframe', types.FrameType, 'a frame object')
iscode = _instance_test('iscode', types.CodeType, 'a code object')


def isbuiltin(object):
    """Return true if the object is a built-in function or method."""
    return isinstance(object, _Builtin)


def ismethodwrapper(object):
    """Return true if the object is a method wrapper."""
    return _MethodWrapper is not None and isinstance(object, _MethodWrapper)


def isroutine(object):
    """Return true if the object is any kind of function or method."""
    return (isbuiltin(object) or isfunction(object) or ismethod(object)
            or ismethoddescriptor(object) or ismethodwrapper(object))


def isabstract(object):
    """Return true if the object is an abstract base class (ABC)."""
    if not isinstance(object, type):
        return False
    flags = getattr(object, '__flags__', None)
    if isinstance(flags, int) and flags & TPFLAGS_IS_ABSTRACT:
        return True
    if not issubclass(type(object), abc.ABCMeta):
        return False
    try:
        return bool(object.__abstractmethods__)
    except AttributeError:
        pass
    # Still being built (in __init_subclass__): look at the namespace.
    for value in object.__dict__.values():
        if getattr(value, '__isabstractmethod__', False):
            return True
    for base in object.__bases__:
        for name in getattr(base, '__abstractmethods__', ()):
            if getattr(getattr(object, name, None), '__isabstractmethod__', False):
                return True
    return False


# --- Members ------------------------------------------------------------------

def _getmembers(object, predicate, getter):
    mro = getmro(object) if isclass(object) else ()
    names = dir(object)
    if isclass(object):
        # DynamicClassAttribute names that dir() does not list
        for base in object.__bases__:
            for key, value in base.__dict__.items():
                if isinstance(value, types.DynamicClassAttribute):
                    names.append(key)
    results = []
    seen = set()
    for key in names:
        try:
            if key in seen:
                raise AttributeError
            value = getter(object, key)
        except AttributeError:
            for base in mro:
                if key in base.__dict__:
                    value = base.__dict__[key]
                    break
            else:
                continue
        if not predicate or predicate(value):
            results.append((key, value))
        seen.add(key)
    results.sort(key=lambda pair: pair[0])
    return results


def getmembers(object, predicate=None):
    """Return all members of an object as (name, value) pairs sorted by name.
    Optionally, only return members that satisfy a given predicate."""
    return _getmembers(object, predicate, getattr)


def getmembers_static(object, predicate=None):
    """As getmembers(), but without triggering descriptors or __getattr__
    (values found with getattr_static)."""
    return _getmembers(object, predicate, getattr_static)


Attribute = namedtuple('Attribute', 'name kind defining_class object')


def classify_class_attrs(cls):
    """Return a list of Attribute(name, kind, defining_class, object) for
    each name in dir(cls); kind is 'class method', 'static method',
    'property', 'method' or 'data'."""
    class_bases = (cls,) + getmro(cls)
    metamro = tuple(c for c in getmro(type(cls)) if c not in (type, object))
    names = dir(cls)
    for base in class_bases:
        for key, value in base.__dict__.items():
            if isinstance(value, types.DynamicClassAttribute) and key not in names:
                names.append(key)
    result = []
    for name in names:
        homecls = dict_obj = None
        for base in class_bases + metamro:
            if name in base.__dict__:
                homecls, dict_obj = base, base.__dict__[name]
                break
        try:
            got = getattr(cls, name) if name != '__dict__' else dict_obj
        except Exception:
            got = dict_obj
        if homecls is None:
            homecls = getattr(got, '__objclass__', None)
            if homecls is None:
                continue
        obj = got if got is not None else dict_obj
        if isinstance(dict_obj, (staticmethod, types.BuiltinMethodType)):
            kind, obj = 'static method', dict_obj
        elif isinstance(dict_obj, classmethod) or (
                _ClassMethodDescr and isinstance(dict_obj, _ClassMethodDescr)):
            kind, obj = 'class method', dict_obj
        elif isinstance(dict_obj, property):
            kind, obj = 'property', dict_obj
        elif isroutine(obj):
            kind = 'method'
        else:
            kind = 'data'
        result.append(Attribute(name, kind, homecls, obj))
    return result


def getmro(cls):
    """Return tuple of base classes (including cls) in method resolution order."""
    return cls.__mro__


def unwrap(func, *, stop=None):
    """Follow the chain of __wrapped__ attributes from func to the object at
    its end (or to the first object for which stop(obj) is true)."""
    first = func
    memo = {id(func)}
    limit = sys.getrecursionlimit()
    while not isinstance(func, type) and hasattr(func, '__wrapped__'):
        if stop is not None and stop(func):
            break
        func = func.__wrapped__
        if id(func) in memo or len(memo) >= limit:
            raise ValueError('wrapper loop when unwrapping {!r}'.format(first))
        memo.add(id(func))
    return func


# --- getattr_static -------------------------------------------------------------

_sentinel = object()
_type_dict_descr = type.__dict__.get('__dict__')
_type_mro_descr = type.__dict__.get('__mro__')


# torii's type has no '__dict__'/'__mro__' descriptors to read these past a
# metaclass; the plain attributes are used there.
def _static_dict(klass):
    if _type_dict_descr is not None:
        return _type_dict_descr.__get__(klass)
    return klass.__dict__


def _static_getmro(klass):
    if _type_mro_descr is not None:
        return _type_mro_descr.__get__(klass)
    return klass.__mro__


def _shadowed_dict(klass):
    # A '__dict__' entry other than the class's own getset descriptor.
    for entry in _static_getmro(klass):
        try:
            class_dict = _static_dict(entry)['__dict__']
        except KeyError:
            continue
        if not (type(class_dict) is _GetSetType and class_dict.__name__ == '__dict__'
                and class_dict.__objclass__ is entry):
            return class_dict
    return _sentinel


def _check_class(klass, attr):
    for entry in _static_getmro(klass):
        if _shadowed_dict(type(entry)) is _sentinel:
            entry_dict = _static_dict(entry)
            if attr in entry_dict:
                return entry_dict[attr]
    return _sentinel


def getattr_static(obj, attr, default=_sentinel):
    """Retrieve attributes without triggering dynamic lookup via the
    descriptor protocol, __getattr__ or __getattribute__."""
    instance_result = _sentinel
    if type not in _static_getmro(type(obj)):
        klass = type(obj)
        dict_attr = _shadowed_dict(klass)
        if dict_attr is _sentinel or type(dict_attr) is _MemberType:
            try:
                instance_dict = object.__getattribute__(obj, '__dict__')
            except AttributeError:
                # torii's object.__getattribute__ finds no module __dict__
                instance_dict = vars(obj) if ismodule(obj) else {}
            instance_result = dict.get(instance_dict, attr, _sentinel)
    else:
        klass = obj
    klass_result = _check_class(klass, attr)
    if instance_result is not _sentinel and klass_result is not _sentinel:
        tp = type(klass_result)
        if _type_has(tp, '__get__') and (_type_has(tp, '__set__') or _type_has(tp, '__delete__')):
            return klass_result          # a data descriptor wins over the instance
    if instance_result is not _sentinel:
        return instance_result
    if klass_result is not _sentinel:
        return klass_result
    if obj is klass:
        # a class: its metaclass's attributes too
        meta_result = _check_class(type(klass), attr)
        if meta_result is not _sentinel:
            return meta_result
    if default is not _sentinel:
        return default
    raise AttributeError(attr)


# --- Documentation ----------------------------------------------------------------

def indentsize(line):
    """Return the indent size, in spaces, at the start of a line of text."""
    expline = line.expandtabs()
    return len(expline) - len(expline.lstrip())


def cleandoc(doc):
    """Clean up indentation from docstrings: strip the first line's leading
    whitespace, the common indentation of the others, and leading and
    trailing blank lines."""
    lines = doc.expandtabs().split('\n')
    margin = min((len(line) - len(line.lstrip()) for line in lines[1:] if line.lstrip()),
                 default=0)
    lines[0] = lines[0].lstrip()
    lines[1:] = [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return '\n'.join(lines)


def _findclass(func):
    cls = sys.modules.get(func.__module__)
    if cls is None:
        return None
    for name in func.__qualname__.split('.')[:-1]:
        cls = getattr(cls, name, None)
    return cls if isclass(cls) else None


def _finddoc(obj):
    # The docstring of the same name in a base class (methods and such).
    if ismethod(obj):
        name = obj.__func__.__name__
        self = obj.__self__
        if isclass(self) and getattr(getattr(self, name, None), '__func__', None) is obj.__func__:
            cls = self                    # classmethod
        else:
            cls = self.__class__
    elif isfunction(obj):
        name = obj.__name__
        cls = _findclass(obj)
        if cls is None or getattr(cls, name, None) is not obj:
            return None
    elif isbuiltin(obj):
        name = obj.__name__
        self = obj.__self__
        if isclass(self) and self.__qualname__ + '.' + name == obj.__qualname__:
            cls = self
        elif ismodule(self) or self is None:
            return None
        else:
            cls = self.__class__
    elif isinstance(obj, property):
        func = obj.fget
        name = func.__name__
        cls = _findclass(func)
        if cls is None or getattr(cls, name, None) is not obj:
            return None
    elif ismethoddescriptor(obj) or isdatadescriptor(obj):
        name = getattr(obj, '__name__', None)
        cls = getattr(obj, '__objclass__', None)
        if name is None or cls is None or getattr(cls, name, None) is not obj:
            return None
        if ismemberdescriptor(obj):
            slots = getattr(cls, '__slots__', None)
            if isinstance(slots, dict) and name in slots:
                return slots[name]
    else:
        return None
    for base in cls.__mro__:
        try:
            doc = getattr(base, name).__doc__
        except AttributeError:
            continue
        if doc is not None:
            return doc
    return None


def getdoc(object):
    """Get the documentation string for an object, cleaned up with
    cleandoc(); inherited from a base class when the object has none."""
    try:
        doc = object.__doc__
    except AttributeError:
        return None
    if doc is None:
        if isclass(object):
            for base in object.__mro__:
                if base is not builtins.object:
                    doc = base.__doc__
                    if doc is not None:
                        break
        else:
            try:
                doc = _finddoc(object)
            except (AttributeError, TypeError):
                return None
    if not isinstance(doc, str):
        return None
    return cleandoc(doc)


# --- Files and modules ----------------------------------------------------------

_SOURCE_SUFFIXES = ['.py']
_BYTECODE_SUFFIXES = ['.pyc']
_EXTENSION_SUFFIXES = ['.so', '.pyd']


def _code_of(object):
    # The code object behind a method, function, traceback or frame.
    if ismethod(object):
        object = object.__func__
    if isfunction(object):
        object = object.__code__
    if istraceback(object):
        object = object.tb_frame
    if isframe(object):
        object = object.f_code
    return object


def getfile(object):
    """Work out which source or compiled file an object was defined in."""
    if ismodule(object):
        if getattr(object, '__file__', None):
            return object.__file__
        raise TypeError('{!r} is a built-in module'.format(object))
    if isclass(object):
        if hasattr(object, '__module__'):
            module = sys.modules.get(object.__module__)
            if getattr(module, '__file__', None):
                return module.__file__
            if object.__module__ == '__main__':
                raise OSError('source code not available')
        raise TypeError('{!r} is a built-in class'.format(object))
    object = _code_of(object)
    if iscode(object):
        return object.co_filename
    raise TypeError('module, class, method, function, traceback, frame, or '
                    'code object was expected, got {}'.format(type(object).__name__))


def getmodulename(path):
    """Return the module name for a given file, or None."""
    fname = os.path.basename(path)
    suffixes = sorted(_SOURCE_SUFFIXES + _BYTECODE_SUFFIXES + _EXTENSION_SUFFIXES,
                      key=len, reverse=True)
    for suffix in suffixes:
        if fname.endswith(suffix):
            return fname[:-len(suffix)]
    return None


def getsourcefile(object):
    """Return the filename that can be used to locate an object's source.
    Return None if no way can be identified to get the source."""
    filename = getfile(object)
    if any(filename.endswith(s) for s in _BYTECODE_SUFFIXES):
        filename = os.path.splitext(filename)[0] + _SOURCE_SUFFIXES[0]
    elif any(filename.endswith(s) for s in _EXTENSION_SUFFIXES):
        return None
    if os.path.exists(filename):
        return filename
    module = getmodule(object, filename)
    if getattr(module, '__loader__', None) is not None:
        return filename
    if getattr(getattr(module, '__spec__', None), 'loader', None) is not None:
        return filename
    if filename in getattr(linecache, 'cache', ()):
        return filename
    return None


def getabsfile(object, _filename=None):
    """Return an absolute path to the source or compiled file for an object."""
    if _filename is None:
        _filename = getsourcefile(object) or getfile(object)
    return os.path.normcase(os.path.abspath(_filename))


def getmodule(object, _filename=None):
    """Return the module an object was defined in, or None if not found."""
    if ismodule(object):
        return object
    if hasattr(object, '__module__'):
        return sys.modules.get(object.__module__)
    if _filename is not None and _filename in sys.modules:
        return sys.modules.get(_filename)
    try:
        file = getabsfile(object, _filename)
    except (TypeError, FileNotFoundError):
        return None
    for module in list(sys.modules.values()):
        modfile = getattr(module, '__file__', None)
        if isinstance(modfile, str) and ismodule(module):
            if os.path.normcase(os.path.abspath(modfile)) == file:
                return module
    name = getattr(object, '__name__', None)
    if not isinstance(name, str):
        return None
    for modname in ('__main__', 'builtins'):
        module = sys.modules.get(modname)
        if module is not None and getattr(module, name, None) is object:
            return module
    return None


# --- Source code ----------------------------------------------------------------

class EndOfBlock(Exception):
    pass


class ClassFoundException(Exception):
    pass


def findsource(object):
    """Return the entire source file and starting line number (from 0) for
    an object.  OSError is raised if the source code cannot be retrieved."""
    file = getsourcefile(object)
    if file:
        linecache.checkcache(file)
    else:
        file = getfile(object)
        if not (file.startswith('<') and file.endswith('>')):
            raise OSError('source code not available')
    module = getmodule(object, file)
    lines = linecache.getlines(file, module.__dict__ if module else None)
    if not lines:
        raise OSError('could not get source code')
    if ismodule(object):
        return lines, 0
    if isclass(object):
        try:
            lnum = vars(object)['__firstlineno__'] - 1
        except (TypeError, KeyError):
            raise OSError('source code not available')
        if lnum >= len(lines):
            raise OSError('lineno is out of bounds')
        return lines, lnum
    object = _code_of(object)
    if iscode(object):
        if not hasattr(object, 'co_firstlineno'):
            raise OSError('could not find function definition')
        lnum = object.co_firstlineno - 1
        if lnum >= len(lines):
            raise OSError('lineno is out of bounds')
        return lines, lnum
    raise OSError('could not find code object')


def _logical_lines(lines):
    """Yields (first, last, indent, head, tail, lam) for each logical line
    of code: its first and last physical line (from 0), the indentation,
    its first word, its last significant character and whether it holds a
    lambda.  A comment-only line has head '#'; blank lines yield nothing.
    Strings, brackets and backslashes are followed (a small tokenizer)."""
    quote = None          # the open string's delimiter
    depth = 0
    start = None
    for row, line in enumerate(lines):
        i, n = 0, len(line)
        if start is None:
            stripped = line.lstrip()
            if not stripped:
                continue
            if stripped[0] == '#':
                yield row, row, indentsize(line), '#', '', False
                continue
            start, indent = row, indentsize(line)
            head = re.match(r'[@\w]*', stripped).group()
            tail = ''
            code = []
        continued = False
        while i < n:
            c = line[i]
            if quote:
                if c == '\\':
                    continued = line[i + 1:].strip('\r\n') == ''
                    i += 2
                    continue
                if line.startswith(quote, i):
                    i += len(quote)
                    quote = None
                    tail = c
                    continue
                i += 1
                continue
            if c == '#':
                break
            if c in '\'"':
                quote = line[i:i + 3] if line[i:i + 3] in ('"""', "'''") else c
                i += len(quote)
                continue
            if c == '\\' and line[i + 1:].strip() == '':
                continued = True
                break
            if c in '([{':
                depth += 1
            elif c in ')]}':
                depth = max(depth - 1, 0)
            if not c.isspace():
                tail = c
            code.append(c)
            i += 1
        if quote and len(quote) == 1 and not continued:
            quote = None      # an unterminated one-line string ends here
        if quote or depth or continued:
            continue
        yield start, row, indent, head, tail, 'lambda' in re.findall(r'\w+', ''.join(code))
        start = None
    if start is not None:
        yield start, len(lines) - 1, indent, head, tail, False


def getblock(lines):
    """Extract the block of code at the top of the given list of lines."""
    logical = _logical_lines(lines)
    last = 0
    for first, last, indent, head, tail, lam in logical:
        if head.startswith('@') or head == '#':
            continue                       # decorators (and comments) before the def
        starts_block = head in ('def', 'class', 'async')
        if not starts_block or tail != ':':
            if starts_block or lam:
                return lines[:last + 1]    # a one-line def, or a lambda's line
            continue                       # other code reads on to a def or lambda
        header_indent, body_indent = indent, None
        for first, end, indent, head, tail, lam in logical:
            if head == '#':
                # comments count when indented at least as much as the body
                if body_indent is not None and indent >= body_indent:
                    last = end
                continue
            if indent <= header_indent:
                break
            if body_indent is None:
                body_indent = indent
            last = end
        return lines[:last + 1]
    return lines[:last + 1]


def getsourcelines(object):
    """Return a list of source lines and starting line number for an object."""
    object = unwrap(object)
    lines, lnum = findsource(object)
    if istraceback(object):
        object = object.tb_frame
    if ismodule(object) or (isframe(object) and object.f_code.co_name == '<module>'):
        return lines, 0
    return getblock(lines[lnum:]), lnum + 1


def getsource(object):
    """Return the text of the source code for an object."""
    lines, lnum = getsourcelines(object)
    return ''.join(lines)


def getcomments(object):
    """Get lines of comments immediately preceding an object's source code,
    or at the top of the module's file.  None when there are none."""
    try:
        lines, lnum = findsource(object)
    except (OSError, TypeError):
        return None
    if ismodule(object):
        start = 1 if lines and lines[0][:2] == '#!' else 0
        while start < len(lines) and lines[start].strip() in ('', '#'):
            start += 1
        end = start
        while end < len(lines) and lines[end][:1] == '#':
            end += 1
        return ''.join(line.expandtabs() for line in lines[start:end]) or None
    indent = indentsize(lines[lnum])
    end = lnum
    while end > 0 and lines[end - 1].lstrip()[:1] == '#' and indentsize(lines[end - 1]) == indent:
        end -= 1
    comments = [line.expandtabs().lstrip() for line in lines[end:lnum]]
    while comments and comments[0].strip() == '#':
        comments.pop(0)
    while comments and comments[-1].strip() == '#':
        comments.pop()
    return ''.join(comments) or None


# --- Annotations ----------------------------------------------------------------

def get_annotations(obj, *, globals=None, locals=None, eval_str=False):
    """Compute the annotations dict for a class, module or callable (a new
    dict each time).  With eval_str, string annotations are evaluated."""
    if isinstance(obj, type):
        obj_dict = getattr(obj, '__dict__', None)
        ann = obj_dict.get('__annotations__') if hasattr(obj_dict, 'get') else None
        if isinstance(ann, _GetSetType):
            ann = None
        module = sys.modules.get(getattr(obj, '__module__', None))
        obj_globals = getattr(module, '__dict__', None)
        obj_locals = dict(vars(obj))
        unwrapped = obj
    elif ismodule(obj):
        ann = getattr(obj, '__annotations__', None)
        obj_globals, obj_locals, unwrapped = obj.__dict__, None, None
    elif callable(obj):
        ann = getattr(obj, '__annotations__', None)
        obj_globals, obj_locals, unwrapped = getattr(obj, '__globals__', None), None, obj
    else:
        raise TypeError(f'{obj!r} is not a module, class, or callable.')
    if ann is None:
        return {}
    if not isinstance(ann, dict):
        raise ValueError(f'{obj!r}.__annotations__ is neither a dict nor None')
    if not ann:
        return {}
    if not eval_str:
        return dict(ann)
    if unwrapped is not None:
        while True:
            if hasattr(unwrapped, '__wrapped__'):
                unwrapped = unwrapped.__wrapped__
            elif isinstance(unwrapped, functools.partial):
                unwrapped = unwrapped.func
            else:
                break
        if hasattr(unwrapped, '__globals__'):
            obj_globals = unwrapped.__globals__
    if globals is None:
        globals = obj_globals
    if locals is None:
        locals = obj_locals or {}
    type_params = getattr(obj, '__type_params__', ())
    if type_params:
        locals = {param.__name__: param for param in type_params} | locals
    return {key: eval(value, globals, locals) if isinstance(value, str) else value
            for key, value in ann.items()}


def formatannotation(annotation, base_module=None):
    """How signatures show an annotation: classes by (qualified) name,
    typing objects without their 'typing.' prefixes, others by repr."""
    if getattr(annotation, '__module__', None) == 'typing':
        return re.sub(r'[\w\.]+', lambda m: m.group().removeprefix('typing.'),
                      repr(annotation))
    if isinstance(annotation, types.GenericAlias):
        return str(annotation)
    if isinstance(annotation, type):
        if annotation.__module__ in ('builtins', base_module):
            return annotation.__qualname__
        return annotation.__module__ + '.' + annotation.__qualname__
    return repr(annotation)


def formatannotationrelativeto(object):
    module = getattr(object, '__module__', None)
    return lambda annotation: formatannotation(annotation, module)


# --- Argument specs -------------------------------------------------------------

Arguments = namedtuple('Arguments', 'args, varargs, varkw')
ArgInfo = namedtuple('ArgInfo', 'args varargs keywords locals')
FullArgSpec = namedtuple('FullArgSpec',
                         'args, varargs, varkw, defaults, kwonlyargs, kwonlydefaults, annotations')
ClosureVars = namedtuple('ClosureVars', 'nonlocals globals builtins unbound')


def getargs(co):
    """Get information about the arguments accepted by a code object:
    Arguments(args, varargs, varkw)."""
    if not iscode(co):
        raise TypeError('{!r} is not a code object'.format(co))
    count = co.co_argcount + co.co_kwonlyargcount
    names = co.co_varnames
    args = list(names[:count])
    varargs = varkw = None
    if co.co_flags & CO_VARARGS:
        varargs = names[count]
        count += 1
    if co.co_flags & CO_VARKEYWORDS:
        varkw = names[count]
    return Arguments(args, varargs, varkw)


def getfullargspec(func):
    """Get the names and default values of a callable object's parameters:
    FullArgSpec(args, varargs, varkw, defaults, kwonlyargs, kwonlydefaults,
    annotations)."""
    try:
        sig = _signature_from_callable(func, follow_wrapper_chains=False,
                                       skip_bound_arg=False, sigcls=Signature)
    except Exception as ex:
        raise TypeError('unsupported callable') from ex
    args, kwonlyargs, defaults = [], [], ()
    varargs = varkw = None
    annotations, kwdefaults = {}, {}
    if sig.return_annotation is not sig.empty:
        annotations['return'] = sig.return_annotation
    for param in sig.parameters.values():
        kind, name = param.kind, param.name
        if kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD):
            args.append(name)
            if param.default is not param.empty:
                defaults += (param.default,)
        elif kind is _VAR_POSITIONAL:
            varargs = name
        elif kind is _KEYWORD_ONLY:
            kwonlyargs.append(name)
            if param.default is not param.empty:
                kwdefaults[name] = param.default
        else:
            varkw = name
        if param.annotation is not param.empty:
            annotations[name] = param.annotation
    return FullArgSpec(args, varargs, varkw, defaults or None, kwonlyargs,
                       kwdefaults or None, annotations)


def getargvalues(frame):
    """Get information about arguments passed into a particular frame:
    ArgInfo(args, varargs, keywords, locals)."""
    args, varargs, varkw = getargs(frame.f_code)
    return ArgInfo(args, varargs, varkw, frame.f_locals)


def formatargvalues(args, varargs, varkw, locals, formatarg=str,
                    formatvarargs=lambda name: '*' + name,
                    formatvarkw=lambda name: '**' + name,
                    formatvalue=lambda value: '=' + repr(value)):
    """Format an argument spec from the 4 values returned by getargvalues."""
    specs = [formatarg(name) + formatvalue(locals[name]) for name in args]
    if varargs:
        specs.append(formatvarargs(varargs) + formatvalue(locals[varargs]))
    if varkw:
        specs.append(formatvarkw(varkw) + formatvalue(locals[varkw]))
    return '(' + ', '.join(specs) + ')'


def _missing_arguments(f_name, argnames, pos, values):
    names = [repr(name) for name in argnames if name not in values]
    if len(names) == 1:
        listed = names[0]
    else:
        listed = ', '.join(names[:-1]) + ' and ' + names[-1]
    raise TypeError('%s() missing %i required %s argument%s: %s' % (
        f_name, len(names), 'positional' if pos else 'keyword-only',
        '' if len(names) == 1 else 's', listed))


def _too_many(f_name, args, kwonly, varargs, defcount, given, values):
    atleast = len(args) - defcount
    kwonly_given = len([arg for arg in kwonly if arg in values])
    if varargs:
        plural, takes = atleast != 1, 'at least %d' % atleast
    elif defcount:
        plural, takes = True, 'from %d to %d' % (atleast, len(args))
    else:
        plural, takes = len(args) != 1, str(len(args))
    kwonly_sig = ''
    if kwonly_given:
        kwonly_sig = ' positional argument%s (and %d keyword-only argument%s)' % (
            's' if given != 1 else '', kwonly_given, 's' if kwonly_given != 1 else '')
    raise TypeError('%s() takes %s positional argument%s but %d%s %s given' % (
        f_name, takes, 's' if plural else '', given, kwonly_sig,
        'was' if given == 1 and not kwonly_given else 'were'))


def getcallargs(func, /, *positional, **named):
    """Get the mapping of arguments to values that calling func with the
    given arguments would make (TypeError as the call would raise)."""
    spec = getfullargspec(func)
    args, varargs, varkw, defaults, kwonlyargs, kwonlydefaults, ann = spec
    f_name = func.__name__
    values = {}
    if ismethod(func) and func.__self__ is not None:
        positional = (func.__self__,) + positional
    num_pos = len(positional)
    num_args = len(args)
    num_defaults = len(defaults) if defaults else 0
    for name, value in zip(args, positional):
        values[name] = value
    if varargs:
        values[varargs] = tuple(positional[num_args:])
    possible_kwargs = set(args + kwonlyargs)
    if varkw:
        values[varkw] = {}
    for kw, value in named.items():
        if kw not in possible_kwargs:
            if not varkw:
                raise TypeError('%s() got an unexpected keyword argument %r' % (f_name, kw))
            values[varkw][kw] = value
            continue
        if kw in values:
            raise TypeError('%s() got multiple values for argument %r' % (f_name, kw))
        values[kw] = value
    if num_pos > num_args and not varargs:
        _too_many(f_name, args, kwonlyargs, varargs, num_defaults, num_pos, values)
    if num_pos < num_args:
        req = args[:num_args - num_defaults]
        if any(arg not in values for arg in req):
            _missing_arguments(f_name, req, True, values)
        for i, arg in enumerate(args[num_args - num_defaults:]):
            if arg not in values:
                values[arg] = defaults[i]
    missing = [kw for kw in kwonlyargs if kw not in values
               and not (kwonlydefaults and kw in kwonlydefaults)]
    for kw in kwonlyargs:
        if kw not in values and kwonlydefaults and kw in kwonlydefaults:
            values[kw] = kwonlydefaults[kw]
    if missing:
        _missing_arguments(f_name, kwonlyargs, False, values)
    return values


def getclosurevars(func):
    """Get the mapping of a function's outer name references to their
    current values: ClosureVars(nonlocals, globals, builtins, unbound)."""
    if ismethod(func):
        func = func.__func__
    if not isfunction(func):
        raise TypeError('{!r} is not a Python function'.format(func))
    code = func.__code__
    nonlocal_vars = {} if func.__closure__ is None else {
        var: cell.cell_contents for var, cell in zip(code.co_freevars, func.__closure__)}
    global_ns = func.__globals__
    builtin_ns = global_ns.get('__builtins__', builtins.__dict__)
    if ismodule(builtin_ns):
        builtin_ns = builtin_ns.__dict__
    global_vars, builtin_vars, unbound = {}, {}, set()
    for name in code.co_names:
        if name in ('None', 'True', 'False'):
            continue
        if name in global_ns:
            global_vars[name] = global_ns[name]
        elif name in builtin_ns:
            builtin_vars[name] = builtin_ns[name]
        else:
            unbound.add(name)
    return ClosureVars(nonlocal_vars, global_vars, builtin_vars, unbound)


# --- Class trees ----------------------------------------------------------------

def walktree(classes, children, parent):
    """Recursive helper function for getclasstree()."""
    results = []
    classes.sort(key=attrgetter('__module__', '__name__'))
    for c in classes:
        results.append((c, c.__bases__))
        if c in children:
            results.append(walktree(children[c], children, c))
    return results


def getclasstree(classes, unique=False):
    """Arrange the given list of classes into a hierarchy of nested lists."""
    children = {}
    roots = []
    for c in classes:
        if not c.__bases__:
            if c not in roots:
                roots.append(c)
            continue
        for parent in c.__bases__:
            kids = children.setdefault(parent, [])
            if c not in kids:
                kids.append(c)
            if unique and parent in classes:
                break
    roots.extend(parent for parent in children if parent not in classes)
    return walktree(roots, children, None)


# --- Frames and stacks ------------------------------------------------------------

_Positions = namedtuple('Positions', 'lineno end_lineno col_offset end_col_offset',
                        defaults=(None,) * 4)
_Traceback = namedtuple('_Traceback', 'filename lineno function code_context index')
_FrameInfo = namedtuple('_FrameInfo', ('frame',) + _Traceback._fields)

# torii's tuple subclasses have no instance __dict__: the positions of each
# Traceback/FrameInfo are kept here by id and dropped with the record.
_record_positions = {}


def _positioned(base):
    fields = base._fields

    class Record(base):
        __slots__ = ()

        def __new__(cls, *args, positions=None):
            self = base.__new__(cls, *args)
            _record_positions[id(self)] = positions
            return self

        def __del__(self):
            _record_positions.pop(id(self), None)

        positions = property(lambda self: _record_positions.get(id(self)))

        def __repr__(self):
            shown = ', '.join('%s=%r' % (name, value) for name, value in zip(fields, self))
            return '%s(%s, positions=%r)' % (type(self).__name__, shown, self.positions)
    return Record


class Traceback(_positioned(_Traceback)):
    __slots__ = ()


class FrameInfo(_positioned(_FrameInfo)):
    __slots__ = ()


def _code_position(code, lasti, lineno):
    positions = getattr(code, 'co_positions', None)
    if positions is None:            # torii's code objects have no positions
        return _Positions(lineno, lineno, None, None)
    if lasti < 0:
        return _Positions()
    for i, position in enumerate(positions()):
        if i == lasti // 2:
            return _Positions(*position)
    return _Positions()


def getframeinfo(frame, context=1):
    """Get information about a frame or traceback object: Traceback(filename,
    lineno, function, code_context, index) with .positions."""
    if istraceback(frame):
        lineno = frame.tb_lineno
        positions = _code_position(frame.tb_frame.f_code, frame.tb_lasti, lineno)
        frame = frame.tb_frame
    else:
        lineno = frame.f_lineno
        if isframe(frame):
            positions = _code_position(frame.f_code, frame.f_lasti, lineno)
    if not isframe(frame):
        raise TypeError('{!r} is not a frame or traceback object'.format(frame))
    filename = getsourcefile(frame) or getfile(frame)
    lines = index = None
    if context > 0:
        start = lineno - 1 - context // 2
        try:
            all_lines, lnum = findsource(frame)
        except OSError:
            pass
        else:
            start = max(0, min(start, len(all_lines) - context))
            lines = all_lines[start:start + context]
            index = lineno - 1 - start
    return Traceback(filename, lineno, frame.f_code.co_name, lines, index,
                     positions=positions)


def getlineno(frame):
    """Get the line number from a frame object."""
    return frame.f_lineno


def _frame_records(link, context, frame_of, next_of):
    records = []
    while link:
        info = getframeinfo(link, context)
        records.append(FrameInfo(frame_of(link), *info, positions=info.positions))
        link = next_of(link)
    return records


def getouterframes(frame, context=1):
    """FrameInfo records for a frame and each of its callers (outward)."""
    return _frame_records(frame, context, lambda f: f, attrgetter('f_back'))


def getinnerframes(tb, context=1):
    """FrameInfo records for a traceback's frame and those below it."""
    return _frame_records(tb, context, attrgetter('tb_frame'), attrgetter('tb_next'))


def currentframe():
    """Return the frame of the caller or None if this is not possible."""
    return sys._getframe(1) if hasattr(sys, '_getframe') else None


def stack(context=1):
    """Return a list of records for the stack above the caller's frame."""
    return getouterframes(sys._getframe(1), context)


def trace(context=1):
    """Return a list of records for the stack below the current exception."""
    return getinnerframes(sys.exc_info()[2], context)


# --- Buffer flags ---------------------------------------------------------------

class BufferFlags(enum.IntFlag):
    """The flags of the buffer protocol (__buffer__'s argument)."""
    SIMPLE = 0x0
    WRITABLE = 0x1
    FORMAT = 0x4
    ND = 0x8
    STRIDES = 0x10 | ND
    C_CONTIGUOUS = 0x20 | STRIDES
    F_CONTIGUOUS = 0x40 | STRIDES
    ANY_CONTIGUOUS = 0x80 | STRIDES
    INDIRECT = 0x100 | STRIDES
    CONTIG = ND | WRITABLE
    CONTIG_RO = ND
    STRIDED = STRIDES | WRITABLE
    STRIDED_RO = STRIDES
    RECORDS = STRIDES | WRITABLE | FORMAT
    RECORDS_RO = STRIDES | FORMAT
    FULL = INDIRECT | WRITABLE | FORMAT
    FULL_RO = INDIRECT | FORMAT
    READ = 0x100
    WRITE = 0x200


# --- Generator and coroutine states ---------------------------------------------

GEN_CREATED, GEN_RUNNING, GEN_SUSPENDED, GEN_CLOSED = (
    'GEN_CREATED', 'GEN_RUNNING', 'GEN_SUSPENDED', 'GEN_CLOSED')
CORO_CREATED, CORO_RUNNING, CORO_SUSPENDED, CORO_CLOSED = (
    'CORO_CREATED', 'CORO_RUNNING', 'CORO_SUSPENDED', 'CORO_CLOSED')
AGEN_CREATED, AGEN_RUNNING, AGEN_SUSPENDED, AGEN_CLOSED = (
    'AGEN_CREATED', 'AGEN_RUNNING', 'AGEN_SUSPENDED', 'AGEN_CLOSED')


def _state(obj, prefix, states):
    if getattr(obj, prefix + 'running'):
        return states[1]
    if getattr(obj, prefix + 'suspended', False):
        return states[2]
    frame = getattr(obj, prefix + 'frame')
    if frame is None:
        return states[3]
    return states[0]


def _locals(obj, prefix, check, noun):
    if not check(obj):
        raise TypeError('{!r} is not a Python {}'.format(obj, noun))
    frame = getattr(obj, prefix + 'frame', None)
    return frame.f_locals if frame is not None else {}


def getgeneratorstate(generator):
    """Get current state of a generator-iterator: GEN_CREATED, GEN_RUNNING,
    GEN_SUSPENDED or GEN_CLOSED."""
    return _state(generator, 'gi_', (GEN_CREATED, GEN_RUNNING, GEN_SUSPENDED, GEN_CLOSED))


def getcoroutinestate(coroutine):
    """Get current state of a coroutine object: CORO_CREATED, CORO_RUNNING,
    CORO_SUSPENDED or CORO_CLOSED."""
    return _state(coroutine, 'cr_', (CORO_CREATED, CORO_RUNNING, CORO_SUSPENDED, CORO_CLOSED))


def getasyncgenstate(agen):
    """Get current state of an asynchronous generator object: AGEN_CREATED,
    AGEN_RUNNING, AGEN_SUSPENDED or AGEN_CLOSED."""
    return _state(agen, 'ag_', (AGEN_CREATED, AGEN_RUNNING, AGEN_SUSPENDED, AGEN_CLOSED))


def getgeneratorlocals(generator):
    """The mapping of a generator's live local variables to their values."""
    return _locals(generator, 'gi_', isgenerator, 'generator')


def getcoroutinelocals(coroutine):
    """The mapping of a coroutine's live local variables to their values."""
    frame = getattr(coroutine, 'cr_frame', None)
    return frame.f_locals if frame is not None else {}


def getasyncgenlocals(agen):
    """The mapping of an async generator's live local variables to their values."""
    return _locals(agen, 'ag_', isasyncgen, 'async generator')


# --- Signatures -----------------------------------------------------------------

class _void:
    """A private marker - used in Parameter & Signature."""


class _empty:
    """Marker object for Signature.empty and Parameter.empty."""


class _ParameterKind(enum.IntEnum):
    POSITIONAL_ONLY = 0
    POSITIONAL_OR_KEYWORD = 1
    VAR_POSITIONAL = 2
    KEYWORD_ONLY = 3
    VAR_KEYWORD = 4

    def __str__(self):
        return self._name_

    @property
    def description(self):
        return _PARAM_DESCRIPTIONS[self]


_POSITIONAL_ONLY = _ParameterKind.POSITIONAL_ONLY
_POSITIONAL_OR_KEYWORD = _ParameterKind.POSITIONAL_OR_KEYWORD
_VAR_POSITIONAL = _ParameterKind.VAR_POSITIONAL
_KEYWORD_ONLY = _ParameterKind.KEYWORD_ONLY
_VAR_KEYWORD = _ParameterKind.VAR_KEYWORD

_PARAM_DESCRIPTIONS = {
    _POSITIONAL_ONLY: 'positional-only',
    _POSITIONAL_OR_KEYWORD: 'positional or keyword',
    _VAR_POSITIONAL: 'variadic positional',
    _KEYWORD_ONLY: 'keyword-only',
    _VAR_KEYWORD: 'variadic keyword',
}


class Parameter:
    """Represents a parameter in a function signature: name, kind, default
    and annotation (Parameter.empty where there is none)."""

    __slots__ = ('_name', '_kind', '_default', '_annotation')

    POSITIONAL_ONLY = _POSITIONAL_ONLY
    POSITIONAL_OR_KEYWORD = _POSITIONAL_OR_KEYWORD
    VAR_POSITIONAL = _VAR_POSITIONAL
    KEYWORD_ONLY = _KEYWORD_ONLY
    VAR_KEYWORD = _VAR_KEYWORD

    empty = _empty

    def __init__(self, name, kind, *, default=_empty, annotation=_empty):
        try:
            self._kind = _ParameterKind(kind)
        except ValueError:
            raise ValueError(f'value {kind!r} is not a valid Parameter.kind')
        if default is not _empty and self._kind in (_VAR_POSITIONAL, _VAR_KEYWORD):
            raise ValueError(f'{self._kind.description} parameters cannot have default values')
        self._default = default
        self._annotation = annotation
        if name is _empty:
            raise ValueError('name is a required attribute for Parameter')
        if not isinstance(name, str):
            raise TypeError(f'name must be a str, not a {type(name).__name__}')
        if name[:1] == '.' and name[1:].isdigit():
            # the implicit argument of comprehension code objects
            if self._kind != _POSITIONAL_OR_KEYWORD:
                raise ValueError('implicit arguments must be passed as positional or '
                                 'keyword arguments, not {}'.format(self._kind.description))
            self._kind = _POSITIONAL_ONLY
            name = 'implicit' + name[1:]
        if not name.isidentifier():
            raise ValueError('{!r} is not a valid parameter name'.format(name))
        self._name = name

    name = property(lambda self: self._name)
    default = property(lambda self: self._default)
    annotation = property(lambda self: self._annotation)
    kind = property(lambda self: self._kind)

    def replace(self, *, name=_void, kind=_void, annotation=_void, default=_void):
        """Creates a customized copy of the Parameter."""
        return type(self)(
            self._name if name is _void else name,
            self._kind if kind is _void else kind,
            default=self._default if default is _void else default,
            annotation=self._annotation if annotation is _void else annotation)

    __replace__ = replace

    def __str__(self):
        text = self._name
        if self._annotation is not _empty:
            text = '{}: {}'.format(text, formatannotation(self._annotation))
        if self._default is not _empty:
            spaced = self._annotation is not _empty
            text = '{}{}{!r}'.format(text, ' = ' if spaced else '=', self._default)
        if self._kind == _VAR_POSITIONAL:
            text = '*' + text
        elif self._kind == _VAR_KEYWORD:
            text = '**' + text
        return text

    def __repr__(self):
        return '<{} "{}">'.format(type(self).__name__, self)

    def __hash__(self):
        return hash((self._name, self._kind, self._annotation, self._default))

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, Parameter):
            return NotImplemented
        return (self._name == other._name and self._kind == other._kind
                and self._default == other._default
                and self._annotation == other._annotation)


class BoundArguments:
    """Result of Signature.bind(): the mapping of parameter names to the
    values given for them (arguments), with args and kwargs views."""

    __slots__ = ('arguments', '_signature', '__weakref__')

    def __init__(self, signature, arguments):
        self.arguments = arguments
        self._signature = signature

    signature = property(lambda self: self._signature)

    @property
    def args(self):
        args = []
        for name, param in self._signature.parameters.items():
            if param.kind in (_VAR_KEYWORD, _KEYWORD_ONLY) or name not in self.arguments:
                break
            value = self.arguments[name]
            if param.kind == _VAR_POSITIONAL:
                args.extend(value)
            else:
                args.append(value)
        return tuple(args)

    @property
    def kwargs(self):
        kwargs = {}
        started = False
        for name, param in self._signature.parameters.items():
            if not started:
                if param.kind in (_VAR_KEYWORD, _KEYWORD_ONLY):
                    started = True
                elif name not in self.arguments:
                    started = True       # a gap: what follows goes by keyword
                    continue
            if not started or name not in self.arguments:
                continue
            if param.kind == _VAR_KEYWORD:
                kwargs.update(self.arguments[name])
            else:
                kwargs[name] = self.arguments[name]
        return kwargs

    def apply_defaults(self):
        """Set default values for missing arguments (() for *args, {} for
        **kwargs), keeping the parameters' order."""
        arguments = self.arguments
        new_arguments = []
        for name, param in self._signature.parameters.items():
            if name in arguments:
                new_arguments.append((name, arguments[name]))
            elif param.default is not _empty:
                new_arguments.append((name, param.default))
            elif param.kind is _VAR_POSITIONAL:
                new_arguments.append((name, ()))
            elif param.kind is _VAR_KEYWORD:
                new_arguments.append((name, {}))
        self.arguments = dict(new_arguments)

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, BoundArguments):
            return NotImplemented
        return self.signature == other.signature and self.arguments == other.arguments

    def __getstate__(self):
        return {'_signature': self._signature, 'arguments': self.arguments}

    def __setstate__(self, state):
        self._signature = state['_signature']
        self.arguments = state['arguments']

    def __repr__(self):
        shown = ', '.join('{}={!r}'.format(name, value) for name, value in self.arguments.items())
        return '<{} ({})>'.format(type(self).__name__, shown)


class Signature:
    """A callable's call signature and return annotation: an ordered
    mapping of Parameter objects (parameters) and return_annotation."""

    __slots__ = ('_return_annotation', '_parameters')

    _parameter_cls = Parameter
    _bound_arguments_cls = BoundArguments

    empty = _empty

    def __init__(self, parameters=None, *, return_annotation=_empty,
                 __validate_parameters__=True):
        params = OrderedDict()
        if parameters is not None and __validate_parameters__:
            top_kind = _POSITIONAL_ONLY
            seen_default = False
            for param in parameters:
                kind, name = param.kind, param.name
                if kind < top_kind:
                    raise ValueError('wrong parameter order: {} parameter before {} parameter'
                                     .format(top_kind.description, kind.description))
                top_kind = kind
                if kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD):
                    if param.default is _empty:
                        if seen_default:
                            raise ValueError('non-default argument follows default argument')
                    else:
                        seen_default = True
                if name in params:
                    raise ValueError(f'duplicate parameter name: {name!r}')
                params[name] = param
        elif parameters is not None:
            params.update((param.name, param) for param in parameters)
        self._parameters = types.MappingProxyType(params)
        self._return_annotation = return_annotation

    @classmethod
    def from_callable(cls, obj, *, follow_wrapped=True, globals=None, locals=None,
                      eval_str=False):
        """Constructs Signature for the given callable object."""
        return _signature_from_callable(obj, sigcls=cls, follow_wrapper_chains=follow_wrapped,
                                        globals=globals, locals=locals, eval_str=eval_str)

    parameters = property(lambda self: self._parameters)
    return_annotation = property(lambda self: self._return_annotation)

    def replace(self, *, parameters=_void, return_annotation=_void):
        """Creates a customized copy of the Signature."""
        if parameters is _void:
            parameters = self.parameters.values()
        if return_annotation is _void:
            return_annotation = self._return_annotation
        return type(self)(parameters, return_annotation=return_annotation)

    __replace__ = replace

    def _hash_basis(self):
        params = tuple(p for p in self.parameters.values() if p.kind != _KEYWORD_ONLY)
        kwo = {p.name: p for p in self.parameters.values() if p.kind == _KEYWORD_ONLY}
        return params, kwo, self.return_annotation

    def __hash__(self):
        params, kwo, ret = self._hash_basis()
        return hash((params, frozenset(kwo.values()), ret))

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, Signature):
            return NotImplemented
        return self._hash_basis() == other._hash_basis()

    def _bind(self, args, kwargs, *, partial=False):
        arguments = {}
        params = list(self.parameters.values())
        kwargs = dict(kwargs)
        posonly_in_kwargs = []
        i = 0
        # the positional arguments, in order
        for index, value in enumerate(args):
            if i == len(params) or params[i].kind in (_KEYWORD_ONLY, _VAR_KEYWORD):
                raise TypeError('too many positional arguments')
            param = params[i]
            if param.kind == _VAR_POSITIONAL:
                arguments[param.name] = tuple(args[index:])
                break
            if param.name in kwargs and param.kind != _POSITIONAL_ONLY:
                raise TypeError('multiple values for argument {!r}'.format(param.name))
            arguments[param.name] = value
            i += 1
        else:
            # the parameters just after them, up to one that keywords may fill
            while i < len(params):
                param = params[i]
                if param.kind == _VAR_POSITIONAL:
                    break
                if param.name in kwargs:
                    if param.kind != _POSITIONAL_ONLY:
                        break
                    posonly_in_kwargs.append(param.name)
                elif param.kind == _VAR_KEYWORD or param.default is not _empty or partial:
                    break
                else:
                    argtype = ' keyword-only' if param.kind == _KEYWORD_ONLY else ''
                    raise TypeError('missing a required{} argument: {!r}'.format(
                        argtype, param.name))
                i += 1
        # the rest, by keyword
        kwargs_param = None
        for param in params[i:]:
            if param.kind == _VAR_KEYWORD:
                kwargs_param = param
            elif param.kind == _VAR_POSITIONAL:
                continue
            elif param.name in kwargs:
                arguments[param.name] = kwargs.pop(param.name)
            elif not partial and param.default is _empty:
                raise TypeError('missing a required argument: {!r}'.format(param.name))
        if kwargs:
            if kwargs_param is not None:
                arguments[kwargs_param.name] = kwargs
            elif posonly_in_kwargs:
                raise TypeError('got some positional-only arguments passed as keyword '
                                'arguments: {!r}'.format(', '.join(posonly_in_kwargs)))
            else:
                raise TypeError('got an unexpected keyword argument {!r}'.format(next(iter(kwargs))))
        return self._bound_arguments_cls(self, arguments)

    def bind(self, /, *args, **kwargs):
        """Get a BoundArguments object that maps the passed args and kwargs
        to the function's signature; TypeError if they do not fit."""
        return self._bind(args, kwargs)

    def bind_partial(self, /, *args, **kwargs):
        """As bind(), but required arguments may be left out."""
        return self._bind(args, kwargs, partial=True)

    # copy/deepcopy state: the parameters, not their read-only mapping
    def __getstate__(self):
        return {'_parameters': tuple(self._parameters.values()),
                '_return_annotation': self._return_annotation}

    def __setstate__(self, state):
        Signature.__init__(self, state['_parameters'], __validate_parameters__=False,
                           return_annotation=state['_return_annotation'])

    def __repr__(self):
        return '<{} {}>'.format(type(self).__name__, self)

    def __str__(self):
        return self.format()

    def format(self, *, max_width=None):
        """The signature as text, like str(); with max_width, one parameter
        per line when it would be wider than that."""
        rendered = []
        pending_slash = False
        star_needed = True
        for param in self.parameters.values():
            kind = param.kind
            if kind == _POSITIONAL_ONLY:
                pending_slash = True
            elif pending_slash:
                rendered.append('/')
                pending_slash = False
            if kind == _VAR_POSITIONAL:
                star_needed = False
            elif kind == _KEYWORD_ONLY and star_needed:
                rendered.append('*')
                star_needed = False
            rendered.append(str(param))
        if pending_slash:
            rendered.append('/')
        text = '({})'.format(', '.join(rendered))
        if max_width is not None and len(text) > max_width:
            text = '(\n    {}\n)'.format(',\n    '.join(rendered))
        if self.return_annotation is not _empty:
            text += ' -> {}'.format(formatannotation(self.return_annotation))
        return text


def signature(obj, *, follow_wrapped=True, globals=None, locals=None, eval_str=False):
    """Get a signature object for the passed callable."""
    return Signature.from_callable(obj, follow_wrapped=follow_wrapped, globals=globals,
                                   locals=locals, eval_str=eval_str)


def _signature_is_functionlike(obj):
    # Duck-typed functions (Cython's, for instance) have these attributes.
    if not callable(obj) or isclass(obj):
        return False
    name = getattr(obj, '__name__', None)
    code = getattr(obj, '__code__', None)
    defaults = getattr(obj, '__defaults__', _void)
    kwdefaults = getattr(obj, '__kwdefaults__', _void)
    annotations = getattr(obj, '__annotations__', None)
    return (isinstance(code, types.CodeType) and isinstance(name, str)
            and (defaults is None or isinstance(defaults, tuple))
            and (kwdefaults is None or isinstance(kwdefaults, dict))
            and (isinstance(annotations, dict) or annotations is None))


def _signature_is_builtin(obj):
    return (isbuiltin(obj) or ismethoddescriptor(obj)
            or isinstance(obj, _NonUserDefinedCallables) or obj in (type, object))


def _signature_bound_method(sig):
    # The signature of a method bound to its first argument.
    params = tuple(sig.parameters.values())
    if not params or params[0].kind in (_VAR_KEYWORD, _KEYWORD_ONLY):
        raise ValueError('invalid method signature')
    if params[0].kind in (_POSITIONAL_OR_KEYWORD, _POSITIONAL_ONLY):
        params = params[1:]
    return sig.replace(parameters=params)


def _signature_fromstr(cls, obj, text, skip_bound_arg=True):
    # A text signature such as '($self, key, default=None, /)' is made into
    # a def whose signature is then read.
    bound = text.startswith('($')
    source = '(' + text[2:] if bound else text
    module = sys.modules.get(getattr(obj, '__module__', None) or '')
    namespace = dict(getattr(module, '__dict__', {}))
    namespace.setdefault('sys', sys)
    try:
        exec('def _text_signature_' + source + ': pass', namespace)
        func = namespace['_text_signature_']
    except Exception:
        raise ValueError('{!r} builtin has invalid signature'.format(obj)) from None
    func.__annotations__ = {}
    sig = _signature_from_function(cls, func)
    if bound and skip_bound_arg:
        sig = sig.replace(parameters=tuple(sig.parameters.values())[1:])
    return sig


def _signature_from_builtin(cls, func, skip_bound_arg=True):
    if not _signature_is_builtin(func):
        raise TypeError('{!r} is not a Python builtin function'.format(func))
    text = getattr(func, '__text_signature__', None)
    if text is None and func is object:
        text = '()'          # torii's builtins carry no __text_signature__
    if not text:
        raise ValueError('no signature found for builtin {!r}'.format(func))
    return _signature_fromstr(cls, func, text, skip_bound_arg)


def _signature_from_function(cls, func, skip_bound_arg=True, globals=None, locals=None,
                             eval_str=False):
    is_duck = False
    if not isfunction(func):
        if not _signature_is_functionlike(func):
            raise TypeError('{!r} is not a Python function'.format(func))
        is_duck = True
    text = getattr(func, '__text_signature__', None)
    if isinstance(text, str) and text:
        return _signature_fromstr(cls, func, text, skip_bound_arg)
    code = func.__code__
    names = code.co_varnames
    posonly = code.co_posonlyargcount
    positional = names[:code.co_argcount]
    kwonly = names[code.co_argcount:code.co_argcount + code.co_kwonlyargcount]
    annotations = get_annotations(func, globals=globals, locals=locals, eval_str=eval_str)
    defaults = func.__defaults__ or ()
    kwdefaults = func.__kwdefaults__ or {}
    make = cls._parameter_cls
    first_default = len(positional) - len(defaults)
    params = []
    for i, name in enumerate(positional):
        kind = _POSITIONAL_ONLY if i < posonly else _POSITIONAL_OR_KEYWORD
        default = defaults[i - first_default] if i >= first_default else _empty
        params.append(make(name, kind, default=default,
                           annotation=annotations.get(name, _empty)))
    index = code.co_argcount + code.co_kwonlyargcount
    if code.co_flags & CO_VARARGS:
        name = names[index]
        index += 1
        params.append(make(name, _VAR_POSITIONAL, annotation=annotations.get(name, _empty)))
    for name in kwonly:
        params.append(make(name, _KEYWORD_ONLY, default=kwdefaults.get(name, _empty),
                           annotation=annotations.get(name, _empty)))
    if code.co_flags & CO_VARKEYWORDS:
        name = names[index]
        params.append(make(name, _VAR_KEYWORD, annotation=annotations.get(name, _empty)))
    return cls(params, return_annotation=annotations.get('return', _empty),
               __validate_parameters__=is_duck)


def _signature_get_partial(wrapped_sig, partial, extra_args=()):
    # What is left of wrapped_sig once partial's arguments are bound.
    args = extra_args + tuple(partial.args or ())
    keywords = partial.keywords or {}
    try:
        bound = wrapped_sig.bind_partial(*args, **keywords)
    except TypeError:
        raise ValueError('partial object {!r} has incorrect arguments'.format(partial)) from None
    params = OrderedDict(wrapped_sig.parameters.items())
    to_kwonly = False
    for name, param in wrapped_sig.parameters.items():
        if name in bound.arguments:
            value = bound.arguments[name]
            if param.kind is _POSITIONAL_ONLY:
                del params[name]
                continue
            if param.kind is _POSITIONAL_OR_KEYWORD:
                if name not in keywords:
                    del params[name]
                    continue
                to_kwonly = True
                params[name] = param.replace(default=value)
            elif param.kind is _KEYWORD_ONLY:
                params[name] = param.replace(default=value)
        if to_kwonly:
            # after a keyword-given parameter, the rest can only go by keyword
            if param.kind is _POSITIONAL_OR_KEYWORD:
                params[name] = params[name].replace(kind=_KEYWORD_ONLY)
                params.move_to_end(name)
            elif param.kind in (_KEYWORD_ONLY, _VAR_KEYWORD):
                params.move_to_end(name)
            elif param.kind is _VAR_POSITIONAL:
                del params[name]
    return wrapped_sig.replace(parameters=params.values())


def _descriptor_get(descriptor, obj):
    # descriptor.__get__(obj, type(obj)); torii's functions, staticmethods
    # and classmethods show no __get__, so those are bound here.
    get = getattr(type(descriptor), '__get__', None)
    if get is not None and not isclass(descriptor):
        return get(descriptor, obj, type(obj))
    if isinstance(descriptor, types.FunctionType):
        return types.MethodType(descriptor, obj)
    if isinstance(descriptor, staticmethod):
        return descriptor.__func__
    if isinstance(descriptor, classmethod):
        return types.MethodType(descriptor.__func__, type(obj))
    return descriptor


def _user_defined_method(cls, name):
    # cls's `name` method bound to cls (__new__: the plain function),
    # unless it is one of the builtin ones.
    meth = getattr(cls, name, None) if name == '__new__' else getattr_static(cls, name, None)
    if meth is None or isinstance(meth, _NonUserDefinedCallables):
        return None
    return meth if name == '__new__' else _descriptor_get(meth, cls)


def _signature_from_callable(obj, *, follow_wrapper_chains=True, skip_bound_arg=True,
                             globals=None, locals=None, eval_str=False, sigcls):
    recurse = functools.partial(_signature_from_callable,
                                follow_wrapper_chains=follow_wrapper_chains,
                                skip_bound_arg=skip_bound_arg, globals=globals,
                                locals=locals, eval_str=eval_str, sigcls=sigcls)

    def bound(sig):
        return _signature_bound_method(sig) if skip_bound_arg else sig

    if not callable(obj):
        raise TypeError('{!r} is not a callable object'.format(obj))
    if isinstance(obj, types.MethodType):
        return bound(recurse(obj.__func__))
    if follow_wrapper_chains:
        obj = unwrap(obj, stop=lambda f: hasattr(f, '__signature__')
                     or isinstance(f, types.MethodType))
        if isinstance(obj, types.MethodType):
            return recurse(obj)
    try:
        sig = obj.__signature__
    except AttributeError:
        pass
    else:
        if sig is not None:
            # text (or a callable giving it) is accepted too, as classes
            # cannot set __text_signature__
            given = sig
            if not isinstance(sig, (Signature, str)) and callable(sig):
                sig = sig()
            if isinstance(sig, str):
                sig = _signature_fromstr(sigcls, obj, sig)
            if not isinstance(sig, Signature):
                raise TypeError('unexpected object {!r} in __signature__ attribute'.format(given))
            return sig
    partialmethod = getattr(obj, '__partialmethod__', None)
    if isinstance(partialmethod, functools.partialmethod):
        wrapped_sig = recurse(partialmethod.func)
        sig = _signature_get_partial(wrapped_sig, partialmethod, (None,))
        first = tuple(wrapped_sig.parameters.values())[0]
        if first.kind is _VAR_POSITIONAL:
            return sig
        return sig.replace(parameters=(first,) + tuple(sig.parameters.values()))
    if isfunction(obj) or _signature_is_functionlike(obj):
        return _signature_from_function(sigcls, obj, skip_bound_arg=skip_bound_arg,
                                        globals=globals, locals=locals, eval_str=eval_str)
    if isinstance(obj, functools.partial):
        return _signature_get_partial(recurse(obj.func), obj)
    if _signature_is_builtin(obj):
        return _signature_from_builtin(sigcls, obj, skip_bound_arg=skip_bound_arg)
    if isinstance(obj, type):
        return _signature_of_class(obj, recurse, bound, sigcls, skip_bound_arg)
    call = _user_defined_method(type(obj), '__call__')
    if call is None:
        raise ValueError('callable {!r} is not supported by signature'.format(obj))
    return recurse(call)


def _signature_of_class(cls, recurse, bound, sigcls, skip_bound_arg):
    # A metaclass __call__ first, then the first of __new__/__init__ along
    # the MRO, then a builtin base's text signature.
    call = _user_defined_method(type(cls), '__call__')
    if call is not None:
        return recurse(call)
    new = _user_defined_method(cls, '__new__')
    init = _user_defined_method(cls, '__init__')
    for base in cls.__mro__:
        if new is not None and '__new__' in base.__dict__:
            return bound(recurse(new))
        if init is not None and '__init__' in base.__dict__:
            return recurse(init)
    for base in cls.__mro__[:-1]:
        text = getattr(base, '__text_signature__', None)
        if text:
            return _signature_fromstr(sigcls, base, text, skip_bound_arg)
    if type not in cls.__mro__:
        builtin_base = any(getattr(base, '__module__', None) == 'builtins'
                           for base in cls.__mro__[:-1])
        if (cls.__init__ is object.__init__ and cls.__new__ is object.__new__
                and not builtin_base):
            return sigcls.from_callable(object)
    raise ValueError('no signature found for builtin type {!r}'.format(cls))
