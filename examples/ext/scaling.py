# examples/ext/scaling.py: times kernel.mandel_row over a 600x400 image with
# 1, 2 and 4 threads (run beside kernel.so, built as docs/capi.md says):
#   torii examples/ext/scaling.py      the rows run in parallel
#   torii-gil examples/ext/scaling.py  they too, since the kernel detaches
import threading
import time
import kernel

W, H, IT = 600, 400, 500

def render(nthreads):
    rows = [None] * H
    def work(k):
        for y in range(k, H, nthreads):
            rows[y] = kernel.mandel_row(y, W, H, IT)
    ts = [threading.Thread(target=work, args=(k,)) for k in range(nthreads)]
    t0 = time.perf_counter()
    for t in ts: t.start()
    for t in ts: t.join()
    return time.perf_counter() - t0, sum(map(sum, rows))

base = None
for n in (1, 2, 4):
    dt, check = render(n)
    base = base or dt
    print("%d thread(s): %.3f s  speed-up %.2f  (checksum %d)" % (n, dt, base / dt, check))
