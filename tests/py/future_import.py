# `from __future__ import annotations`: the import works, and a function's
# annotations may name what is defined later (they are not evaluated); the
# __future__ module's features.
from __future__ import annotations
import __future__

def f(x: Later) -> Later:
    return x

print(f(3), type(f.__annotations__).__name__)

class Later:
    pass

for name in __future__.all_feature_names:
    feat = getattr(__future__, name)
    print(name, feat, feat.getOptionalRelease(), feat.getMandatoryRelease(), feat.compiler_flag)
print(__future__.CO_FUTURE_ANNOTATIONS, __future__.annotations.compiler_flag == __future__.CO_FUTURE_ANNOTATIONS)
