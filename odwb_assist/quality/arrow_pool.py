"""pyarrow's memory pool while a file is streamed: jemalloc handing freed pages back after 100 ms (issue 17).

pyarrow allocates the blocks, the dictionary encodings and the compute results of every chunk; its default pool
on Linux wheels (mimalloc) keeps the pages a chunk freed, so the peak of a long ``check`` drifts up with the rows.
Measured on the 3M-row commune export of ``benchmarks/check_speed.py`` (2026-12-02, one machine, runs alternated,
chunks of 50,000 rows): ``odwb-assist check`` peaked at 403–418 MB with mimalloc and 388–395 MB with jemalloc at its
default decay (both chosen with ``ARROW_DEFAULT_MEMORY_POOL``), and at 358–364 MB with this module (and the
duplicate-row set at 12 bytes a row) against 410–417 MB without them, in the same time (9.45–9.61 s against
9.49–9.59 s); in-process, ``engine.check`` peaked at 347–353 MB with a decay of 100 ms, and at 330 MB with one of
0 ms but 10 % slower (the pages are faulted in again). The C library's malloc gave 355 MB for 25 % more time (an
earlier round).

Where pyarrow has no jemalloc (its Windows wheels), the default pool stays. A pool the user chose with pyarrow's own
variable (``ARROW_DEFAULT_MEMORY_POOL``) is kept. Once chosen, the pool stays pyarrow's default for the rest of the
process (a notebook's own pyarrow work too): switching back after each file while another thread may read one would
leave their blocks to two pools at random (buffers made before stay valid: each keeps its own pool).
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
