# Threads raising, catching (except*) and splitting exception groups at the
# same time, some of them shared: a group made once and raised, split and
# subgrouped by every thread (its traceback grows under its lock while others
# copy it into split results).  Each thread's tallies are checked at the end.
import threading
from concurrent.futures import ThreadPoolExecutor

N_THREADS = 4
ROUNDS = 300

shared = ExceptionGroup("shared", [ValueError("v"), TypeError("t"),
                                   ExceptionGroup("nested", [KeyError("k"), ValueError("v2")])])
barrier = threading.Barrier(N_THREADS)


def raiser(tid, i):
    excs = [ValueError(i), TypeError(tid)]
    if i % 3 == 0:
        excs.append(ExceptionGroup("sub", [KeyError(i), OSError(i)]))
    eg = ExceptionGroup(f"t{tid}", excs)
    eg.add_note(f"round {i}")
    raise eg


def worker(tid):
    barrier.wait()
    counts = {"V": 0, "T": 0, "K": 0, "rest": 0, "shared_split": 0, "new": 0}
    for i in range(ROUNDS):
        try:
            try:
                raiser(tid, i)
            except* ValueError as e:
                counts["V"] += len(e.exceptions)
            except* (TypeError, KeyError) as e:
                counts["T"] += sum(1 for x in e.exceptions if isinstance(x, TypeError))
                counts["K"] += sum(1 for x in e.exceptions if isinstance(x, ExceptionGroup))
                if i % 5 == 0:
                    raise RuntimeError(i)
        except ExceptionGroup as left:
            # OSError leftovers, maybe with a RuntimeError raised in a clause
            for x in left.exceptions:
                if isinstance(x, RuntimeError):
                    counts["new"] += 1
                else:
                    counts["rest"] += 1
        except RuntimeError:
            counts["new"] += 1
        except OSError:
            counts["rest"] += 1
        # the shared group: raised here too, split by type and by predicate
        try:
            raise shared
        except* ValueError as e:
            m, r = e.split(lambda x: str(x) == "v")
            counts["shared_split"] += (m is not None) + (r is not None)
        except* KeyError:
            pass
        except* TypeError as e:
            if shared.subgroup(TypeError).exceptions[0] is not shared.exceptions[1]:
                raise AssertionError("subgroup lost the leaf")
    return tid, counts


with ThreadPoolExecutor(max_workers=N_THREADS) as pool:
    results = sorted(pool.map(worker, range(N_THREADS)))

for tid, counts in results:
    print(tid, sorted(counts.items()))
m, r = shared.split(KeyError)
print(repr(m), repr(r))
print("traceback entries grew:", m.__traceback__ is not None)
