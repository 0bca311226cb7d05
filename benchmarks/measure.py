"""Shared by the speed benchmarks: time and peak memory of one command in a fresh process."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Run:
    """One command's wall time, CPU time (user + system) and peak resident memory."""

    seconds: float
    cpu: float
    peak_mb: float
    exit: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def measure(command: list[str], cwd: Path | None = None) -> Run:
    """Run ``command`` (output discarded) under ``/usr/bin/time`` when there is one, else ``getrusage``."""
    if Path("/usr/bin/time").exists():
        with tempfile.NamedTemporaryFile("r", suffix=".txt") as stats:
            started = time.perf_counter()
            done = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", stats.name, *command],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
            seconds = time.perf_counter() - started
            # the last line is ours; a killed command writes a note before it
            fields = Path(stats.name).read_text().strip().splitlines()[-1].split()
        try:
            return Run(seconds, float(fields[1]) + float(fields[2]), int(fields[0]) / 1024, done.returncode)
        except (IndexError, ValueError):
            return Run(seconds, float("nan"), float("nan"), done.returncode)
    # a fresh child per command, so that RUSAGE_CHILDREN is this command's alone
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
            "print(time.perf_counter() - t, u.ru_maxrss, u.ru_utime + u.ru_stime, r.returncode)")
    out = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True, cwd=cwd).stdout.split()
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return Run(float(out[0]), float(out[2]), int(out[1]) / scale, int(out[3]))


def median_run(runs: list[Run]) -> Run:
    """The run of median wall time (its CPU time with it), with the highest peak memory and exit code of all: one
    run of a command that uses both cores is noisy on a small machine (a parse of 1M rows took 0.68 to 1.12 s)."""
    ordered = sorted(runs, key=lambda run: run.seconds)
    middle = ordered[(len(ordered) - 1) // 2]
    return Run(middle.seconds, middle.cpu, max(run.peak_mb for run in runs), max(run.exit for run in runs))


def tools() -> tuple[list[str], list[str]]:
    """The ``odwb-assist`` and ``frictionless`` commands of this interpreter's environment."""
    bindir = Path(sys.executable).parent
    odwb = [str(bindir / "odwb-assist")] if (bindir / "odwb-assist").exists() else [sys.executable, "-m", "odwb_assist"]
    frictionless = [str(bindir / "frictionless")] if (bindir / "frictionless").exists() else ["frictionless"]
    return odwb, frictionless


def compile_bytecode() -> None:
    """Compile the bytecode of odwb-assist and its plugins, as installing them does."""
    import compileall

    for name in ("odwb_assist", "odwb_assist_belgium", "odwb_assist_programme"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            for folder in spec.submodule_search_locations:
                compileall.compile_dir(folder, quiet=1)
