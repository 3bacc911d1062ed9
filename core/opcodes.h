/* core/opcodes.h: torii's bytecode, the contract between core/compile.c and
 * core/vm.c.
 *
 * An instruction is a 32-bit word: opcode in bits 0-7, argument in bits 8-31
 * (TR_OP(i), TR_ARG(i)).  Jump targets are absolute instruction indexes.
 * Stack effects below read [before] -> [after], top of stack on the right.
 *
 * Calls: the callee sits under a "self or NULL" slot:
 *   [callable, self_or_null, arg1..argN] CALL N -> [result]
 * When self_or_null is not NULL it is passed as the first argument
 * (LOAD_METHOD puts an unbound method and its receiver there).
 *
 * Exceptions use a per-frame block stack (at most TR_MAX_BLOCKS deep):
 *   SETUP_FINALLY pushes a FINALLY block {handler, level = stack depth}.
 *   When an exception is raised in the frame, the VM pops blocks:
 *   - an EXCEPT_HANDLER block: unwind the value stack to level + 1, pop the
 *     saved exception into ts->handled_exc (None -> NULL), keep unwinding;
 *   - a FINALLY block: unwind the value stack to its level, push an
 *     EXCEPT_HANDLER block {level}, push the previous ts->handled_exc (None if
 *     NULL), push the exception, set ts->handled_exc to it, jump to handler.
 *   If no block is left the frame returns NULL and the caller sees the error.
 *   So a handler starts with [.., prev_exc, exc] and must end with POP_EXCEPT
 *   once exc is popped (normal exit), or RERAISE (propagate).
 *
 * Traceback entries: when an exception enters a frame (raised by an
 * instruction or returned by a callee), the VM appends (code, instr) to it,
 * except for RERAISE, which re-raises with the traceback it has.
 */
#ifndef TORII_OPCODES_H
#define TORII_OPCODES_H

#define TR_OP(i) ((int)((i) & 0xff))
#define TR_ARG(i) ((int)((i) >> 8))
#define TR_INSTR(op, arg) ((TrInstr)(((uint32_t)(arg) << 8) | (uint32_t)(op)))
#define TR_MAX_ARG 0xffffff
#define TR_MAX_BLOCKS 20

/* FORMAT_VALUE argument: conversion in the low 2 bits, 4 = a spec is on the stack. */
#define TR_FV_NONE 0
#define TR_FV_STR 1
#define TR_FV_REPR 2
#define TR_FV_ASCII 3
#define TR_FV_HAVE_SPEC 4

/* MAKE_FUNCTION argument bits. */
#define TR_MF_DEFAULTS 0x1
#define TR_MF_KWDEFAULTS 0x2
#define TR_MF_CLOSURE 0x4
#define TR_MF_ANNOTATIONS 0x8

#define TR_OPCODES(X) \
    X(NOP)               /* [] -> [] */ \
    X(POP_TOP)           /* [a] -> [] */ \
    X(PUSH_NULL)         /* [] -> [NULL] */ \
    X(COPY)              /* arg n>=1: [.. x(n-th from top) ..] -> [.. x ..  x] */ \
    X(SWAP)              /* arg n>=2: swap TOS with the n-th item */ \
    X(LOAD_CONST)        /* [] -> [consts[arg]] */ \
    X(LOAD_FAST)         /* [] -> [locals[arg]]; UnboundLocalError "cannot access local variable 'x' where it is not associated with a value" */ \
    X(STORE_FAST)        /* [v] -> []; locals[arg] = v */ \
    X(DELETE_FAST)       /* locals[arg] = NULL (UnboundLocalError if already unbound) */ \
    X(LOAD_DEREF)        /* [] -> [cell contents]; cells then frees: index arg into frame cells; NameError "cannot access free variable 'x' where it is not associated with a value in enclosing scope" or UnboundLocalError for own cells */ \
    X(STORE_DEREF)       /* [v] -> [] */ \
    X(DELETE_DEREF)      /* empties the cell */ \
    X(LOAD_CLOSURE)      /* [] -> [cell arg itself] (for MAKE_FUNCTION's closure tuple) */ \
    X(LOAD_GLOBAL)       /* [] -> [globals[names[arg]] or builtins[...]]; NameError "name 'x' is not defined" */ \
    X(STORE_GLOBAL)      /* [v] -> [] */ \
    X(DELETE_GLOBAL)     \
    X(LOAD_NAME)         /* module/class body: locals dict, then globals, then builtins */ \
    X(STORE_NAME)        \
    X(DELETE_NAME)       \
    X(LOAD_ATTR)         /* [o] -> [o.names[arg]] */ \
    X(LOAD_METHOD)       /* [o] -> [meth, o] if names[arg] is a method found on the type, else [o.attr, NULL] */ \
    X(STORE_ATTR)        /* [v, o] -> []; o.names[arg] = v */ \
    X(DELETE_ATTR)       /* [o] -> [] */ \
    X(BINARY_SUBSCR)     /* [o, k] -> [o[k]] */ \
    X(STORE_SUBSCR)      /* [v, o, k] -> []; o[k] = v */ \
    X(DELETE_SUBSCR)     /* [o, k] -> [] */ \
    X(BUILD_SLICE)       /* arg 2 or 3: [start, stop(, step)] -> [slice] */ \
    X(BINARY_OP)         /* arg TR_BINOP_* (| TR_BINOP_INPLACE): [a, b] -> [a op b] */ \
    X(UNARY_NEGATIVE)    /* [a] -> [-a] */ \
    X(UNARY_POSITIVE)    \
    X(UNARY_NOT)         \
    X(UNARY_INVERT)      \
    X(COMPARE_OP)        /* arg TR_LT..TR_GE: [a, b] -> [a op b] */ \
    X(IS_OP)             /* arg 1 inverts: [a, b] -> [bool] */ \
    X(CONTAINS_OP)       /* arg 1 inverts: [a, b] -> [a in b] */ \
    X(BUILD_TUPLE)       /* arg n: [x1..xn] -> [tuple] */ \
    X(BUILD_LIST)        \
    X(BUILD_SET)         \
    X(BUILD_MAP)         /* arg n: [k1, v1 .. kn, vn] -> [dict] */ \
    X(BUILD_STRING)      /* arg n: [s1..sn] -> [concatenation] */ \
    X(LIST_APPEND)       /* arg i: [.. list(i-th below TOS) .., v] -> [.. list ..] */ \
    X(SET_ADD)           \
    X(MAP_ADD)           /* arg i: [.. dict .., k, v] -> [.. dict ..] */ \
    X(LIST_EXTEND)       /* arg i: [.. list .., iterable] -> [.. list ..] */ \
    X(SET_UPDATE)        \
    X(DICT_UPDATE)       /* arg i: [.. dict .., mapping] -> [.. dict ..] ({**a}) */ \
    X(DICT_MERGE)        /* as DICT_UPDATE but duplicate keys raise TypeError "f() got multiple values for keyword argument 'x'" (f(**a)) */ \
    X(LIST_TO_TUPLE)     /* [list] -> [tuple] */ \
    X(FORMAT_VALUE)      /* arg TR_FV_*: [v(, spec)] -> [str] */ \
    X(UNPACK_SEQUENCE)   /* arg n: [seq] -> [xn .. x1] (x1 on top); ValueError "not enough values to unpack (expected 2, got 1)" / "too many values to unpack (expected 2)" */ \
    X(UNPACK_EX)         /* arg before | after << 8: [seq] -> [after items.., list, before items..] (first item on top) */ \
    X(GET_ITER)          /* [o] -> [iter(o)] */ \
    X(FOR_ITER)          /* [it] -> [it, next] or, when exhausted, [] and jump to arg */ \
    X(JUMP)              /* jump to arg (the VM checks the eval breaker on backward jumps) */ \
    X(POP_JUMP_IF_FALSE) /* [v] -> []; jump if not v */ \
    X(POP_JUMP_IF_TRUE)  \
    X(JUMP_IF_FALSE_OR_POP) /* [v] -> [v] and jump if not v, else [] */ \
    X(JUMP_IF_TRUE_OR_POP)  \
    X(POP_JUMP_IF_NONE)  \
    X(POP_JUMP_IF_NOT_NONE) \
    X(CALL)              /* arg n: [callable, self_or_null, args..] -> [result] */ \
    X(CALL_KW)           /* arg n (all args, keywords included): [callable, self_or_null, args.., kwnames tuple] -> [result] */ \
    X(CALL_EX)           /* arg 1 if kwargs present: [callable, self_or_null, args tuple(, kwargs dict)] -> [result] */ \
    X(MAKE_FUNCTION)     /* arg TR_MF_*: [defaults?, kwdefaults?, annotations?, closure?, code] -> [function] (pushed in that order) */ \
    X(RETURN_VALUE)      /* [v] -> returns v */ \
    X(RAISE_VARARGS)     /* arg 0: re-raise ts->handled_exc ("No active exception to reraise" RuntimeError); 1: [exc]; 2: [exc, cause] */ \
    X(SETUP_FINALLY)     /* push a FINALLY block with handler arg */ \
    X(POP_BLOCK)         /* pop the innermost block */ \
    X(POP_EXCEPT)        /* pop an EXCEPT_HANDLER block; [prev] -> [], ts->handled_exc = prev */ \
    X(RERAISE)           /* [exc] -> raise exc again, traceback unchanged */ \
    X(CHECK_EXC_MATCH)   /* [exc, type] -> [exc, bool]; TypeError "catching classes that do not inherit from BaseException is not allowed" */ \
    X(CHECK_EG_MATCH)    /* except*: [rest, type] -> [rest', match]: rest split by type (excgroup_match), each None when empty; a match becomes ts->handled_exc */ \
    X(PREP_RERAISE_STAR) /* [orig, raised list] -> [exception to re-raise, or None] (excgroup_prep_reraise) */ \
    X(LOAD_ASSERTION_ERROR) /* [] -> [AssertionError] */ \
    X(BEFORE_WITH)       /* [mgr] -> [bound __exit__, mgr.__enter__()] */ \
    X(WITH_EXCEPT_START) /* [exit, prev, exc] -> [exit, prev, exc, exit(type(exc), exc, None)] */ \
    X(IMPORT_NAME)       /* [] -> [module names[arg]] */ \
    X(IMPORT_FROM)       /* [module] -> [module, module.names[arg]]; ImportError "cannot import name 'x' from 'm' (unknown location)" */ \
    X(IMPORT_STAR)       /* [module] -> []: binds the module's public names (__all__, else those not starting with '_') in the frame's namespace */ \
    X(LOAD_BUILD_CLASS)  /* reserved for class statements */ \
    X(YIELD_VALUE)       /* [v] -> [sent]: suspends the generator frame, handing v to the resumer; resumes with the sent value pushed */ \
    X(YIELD_FROM)        /* [iter, v] -> [result]: sends v into iter (next() when v is None and iter is not a generator); a yielded value suspends the frame AT this instruction, which runs again on resume with the sent value pushed; StopIteration(result) ends the delegation */ \
    X(GET_AWAITABLE)     /* arg 0 await, 1 __aenter__, 2 __aexit__ (which TypeError): [o] -> [iterator to delegate to]: a coroutine (RuntimeError "coroutine is being awaited already"), a generator marked by types.coroutine, or o.__await__() ("object int can't be used in 'await' expression", "__await__() returned non-iterator of type 'int'") */ \
    X(GET_AITER)         /* [o] -> [type(o).__aiter__(o)] ("'async for' requires an object with __aiter__ method, got int") */ \
    X(GET_ANEXT)         /* [aiter] -> [aiter, awaitable iterator of aiter.__anext__()] */ \
    X(END_ASYNC_FOR)     /* async for's handler: [aiter, prev, exc] -> [] when exc is a StopAsyncIteration (pops the EXCEPT_HANDLER block, restores prev); else raises exc again, traceback unchanged */ \
    X(BEFORE_ASYNC_WITH) /* [mgr] -> [bound __aexit__, mgr.__aenter__()] ("'X' object does not support the asynchronous context manager protocol") */ \
    X(ASYNC_GEN_WRAP)    /* [v] -> [v wrapped]: an async generator's own `yield v` (objects/asyncgen.c tells it from values its awaits pass through) */ \
    X(GET_LEN)           /* [o] -> [o, len(o)] (match statements) */ \
    X(MATCH_SEQUENCE)    /* [o] -> [o, bool]: o's type is a sequence for pattern matching (list, tuple, range, deque, their subclasses, classes whose MRO sets __abc_tpflags__ bit 1<<5); never str, bytes, bytearray */ \
    X(MATCH_MAPPING)     /* [o] -> [o, bool]: dict and its subclasses, classes whose MRO sets __abc_tpflags__ bit 1<<6 */ \
    X(MATCH_KEYS)        /* [o, keys tuple] -> [o, keys, values tuple or None]: o.get(key, <dummy>) per key, None at the first missing; ValueError "mapping pattern checks duplicate key ('k')" */ \
    X(MATCH_CLASS)       /* arg n positional sub-patterns: [o, cls, kwnames tuple] -> [tuple of n + len(kwnames) attributes, or None when o is no instance of cls or lacks one]; TypeErrors as CPython's (__match_args__, "C() accepts 0 positional sub-patterns (1 given)") */ \
    X(EXTENDED_ARG)      /* arg is the high bits of the next instruction's argument (<< 24) */

#define TR_OP_ENUM(name) OP_##name,
enum { TR_OPCODES(TR_OP_ENUM) OP__COUNT };
#undef TR_OP_ENUM

/* Generators (objects/gen.c): code with TR_CO_GENERATOR is never run by a
 * call; calling its function builds a generator whose frame lives in the
 * generator object and runs only through objects/gen.c.  Generator
 * expressions are such functions named "<genexpr>" taking the iterator of the
 * outermost iterable as their one argument ".0".
 *
 * What core/compile.c relies on beyond the table above (compiler notes):
 * - LIST_APPEND, SET_ADD, MAP_ADD, LIST_EXTEND, SET_UPDATE, DICT_UPDATE,
 *   DICT_MERGE: after popping their operand(s), the container is the arg-th
 *   item from the top (1 = top).  Comprehensions use arg = number of open
 *   loops + 1 (the result sits under the iterators).
 * - A SETUP_FINALLY block's level is the stack depth when SETUP_FINALLY runs.
 *   `with` binds its target before SETUP_FINALLY, so the level holds only the
 *   bound __exit__ (an exception while binding the target skips __exit__).
 * - RETURN_VALUE may run with blocks still pushed and values under the
 *   returned one (return inside an inlined finally body): the VM pops them.
 * - RAISE_VARARGS 1 may get an exception class (`raise ValueError`,
 *   `assert x` without a message pushes LOAD_ASSERTION_ERROR only).
 * - IMPORT_NAME with a dotted name imports every package on the path and
 *   pushes the LAST module: `import a.b as c` is IMPORT_NAME "a.b"; STORE c;
 *   `import a.b` is IMPORT_NAME "a.b"; POP_TOP; IMPORT_NAME "a"; STORE a.
 * - Module code uses the *_GLOBAL opcodes for its names and may have
 *   nlocals > 0: inlined comprehensions keep their iteration variables in
 *   hidden fast slots (LOAD_FAST/STORE_FAST), whose varnames repeat the
 *   variable's name (possibly equal to a real local's name: argument binding
 *   by keyword must look only at the first argcount + kwonlyargcount names).
 * - CALL_EX always gets a tuple (built with BUILD_LIST/LIST_EXTEND/
 *   LIST_TO_TUPLE) and, with arg 1, a fresh dict (BUILD_MAP + DICT_MERGE).
 * - CALL_KW's kwnames is an immortal tuple constant of interned strs.
 * - `yield from x` is GET_ITER x; LOAD_CONST None; YIELD_FROM.
 * - `await x` is x; GET_AWAITABLE 0; LOAD_CONST None; YIELD_FROM.  An async
 *   generator's `yield v` is v; ASYNC_GEN_WRAP; YIELD_VALUE.
 * - `async for t in it: body` is it; GET_AITER; start: SETUP_FINALLY end;
 *   GET_ANEXT; LOAD_CONST None; YIELD_FROM; POP_BLOCK; store t; body; JUMP
 *   start; end: END_ASYNC_FOR (async comprehension loops likewise).
 * - `async with m as t: body` is m; BEFORE_ASYNC_WITH; GET_AWAITABLE 1; await;
 *   store t; then as `with`, each call of __aexit__ followed by
 *   GET_AWAITABLE 2 and an await.
 * - A comprehension containing a nested scope (lambda, genexp, a comprehension
 *   that is itself not inlined) is not inlined: it becomes a function
 *   "<listcomp>"/"<setcomp>"/"<dictcomp>" called with the outermost iterator.
 * - No EXTENDED_ARG is emitted: the compiler rejects code whose arguments or
 *   jump targets do not fit in 24 bits. */

#endif
