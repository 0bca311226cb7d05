"""pyarrow's memory pool while a file is streamed: jemalloc handing freed pages back after 100 ms (issue 17).

pyarrow allocates the blocks, the dictionary encodings and the compute results of every chunk; its default pool
on Linux wheels (mimalloc) keeps the pages a chunk freed, so the peak of a long ``check`` drifts up with the rows.
Measured on the 3M-row commune export of ``benchmarks/check_speed.py`` (2026-12-02, same machine, alternated):
``odwb-assist check`` peaked at 403–418 MB with mimalloc, 388–395 MB with jemalloc at its default decay, and
347–353 MB with jemalloc returning freed pages after 100 ms, in the same time (8.4–8.7 s against 8.9–9.2 s); after
0 ms the peak was 330 MB but the check 10 % slower (the pages are faulted in again). The C library's malloc gave
355 MB for 25 % more time (an earlier round, :mod:`.stream`).

Where pyarrow has no jemalloc (its Windows wheels), the default pool stays. A pool the user chose with pyarrow's own
variable (``ARROW_DEFAULT_MEMORY_POOL``) is kept.
"""

from __future__ import annotations

import os

DECAY_MS = 100  # jemalloc hands back the pages freed this long ago (pyarrow's default: 1 s)

_chosen = False


def use_streaming_pool() -> None:
    """Make jemalloc with a short decay pyarrow's default pool, once per process (the reading threads not started:
    call it before them). A later call, or one where jemalloc is missing, changes nothing."""
    global _chosen
    if _chosen:
        return
    _chosen = True
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return
    import pyarrow as pa

    try:
        pool = pa.jemalloc_memory_pool()
        pa.jemalloc_set_decay_ms(DECAY_MS)
    except NotImplementedError:  # a pyarrow built without jemalloc
        return
    pa.set_memory_pool(pool)
