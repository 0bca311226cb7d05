"""For every test path (the core's and the plugins'): the property tests (hypothesis) draw the same examples on
every run (``derandomize``), so that CI passes or fails on the code, never on the draw. To explore new examples,
run with ``HYPOTHESIS_PROFILE=explore``; pin a failure found so with ``@example`` in its test."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session, exitstatus) -> None:  # noqa: ANN001
    _EXIT_STATUS.append(int(exitstatus))


def pytest_unconfigure(config) -> None:  # noqa: ANN001
    """End the test process as the command line does (``cli.main.exit_now``): without the C++ exit handlers. A pyarrow
    CSV reader's read-ahead cleanup left at exit can block pyarrow's thread pool shutdown forever (seen once in a
    full run after its summary was printed: the main thread in ``ThreadPool::Shutdown``, an I/O thread in
    ``BackgroundGenerator::Cleanup``); the suite's result is known and printed by then. The readings left
    unfinished are stopped at exit (``quality.stream._stop_readings``, which removed the one cause reproduced); this
    stays for a reader held elsewhere."""
    import sys

    if not _EXIT_STATUS:
        return
    import atexit

    atexit._run_exitfuncs()  # as the command line: the exit callbacks run (temporary copies removed, readings stopped)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(_EXIT_STATUS[-1])
