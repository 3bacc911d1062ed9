/* include/torii/torii.h: everything public, in one include. */
#ifndef TORII_TORII_H
#define TORII_TORII_H
#include "torii/object.h"
#include "torii/thread.h"
#include "torii/error.h"
#include "torii/recursion.h"
#include "torii/int.h"
#include "torii/float.h"
#include "torii/complex.h"
#include "torii/str.h"
#include "torii/bytes.h"
#include "torii/memoryview.h"
#include "torii/tuple.h"
#include "torii/list.h"
#include "torii/dict.h"
#include "torii/code.h"
#include "torii/func.h"
#include "torii/abstract.h"
#include "torii/runtime.h"
#endif
