"""Run a benchmark's in-process ``measure(file)`` for an old version (a git ref) and this tree, run after run.

Shared by ``check_jobs.py`` and ``reader_waits.py``: the old version's packages are exported from git
(:func:`engine_diff.export_tree`), each run is a fresh interpreter with ``PYTHONPATH`` on one tree, started
from a neutral folder (a ``python -c`` run from the repository would import the repository's package first),
and the old and new runs alternate so that a busy machine weighs on both alike.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

Measured = dict[str, float]


def measured_in(tree: Path, module: str, path: Path) -> Measured:
    """``module.measure(path)`` (a sibling script's) in a fresh interpreter importing ``odwb_assist`` from ``tree``."""
    from engine_diff import environment

    script = f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import {module}; " \
             f"print(json.dumps({module}.measure({str(path)!r})))"
    done = subprocess.run([sys.executable, "-c", script], env=environment(tree), capture_output=True, text=True,
                          check=True, cwd=tempfile.gettempdir())
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def interleaved(module: str, ref: str, path: Path, runs: int,
                shown: Callable[[int, str, Measured], None] | None = None) -> dict[str, list[Measured]]:
    """``runs`` measures of ``ref`` and of this tree, alternating (``shown(run, "old" or "new", measured)``
    after each)."""
    from engine_diff import ROOT, export_tree, verify_imports

    measured: dict[str, list[Measured]] = {"old": [], "new": []}
    with tempfile.TemporaryDirectory() as folder:
        old = export_tree(ref, Path(folder))
        print(f"old {ref}: {verify_imports(old)}\nnew: {verify_imports(ROOT)}")
        for number in range(runs):
            for name, tree in (("old", old), ("new", ROOT)):
                measured[name].append(measured_in(tree, module, path.resolve()))
                if shown is not None:
                    shown(number + 1, name, measured[name][-1])
    return measured
