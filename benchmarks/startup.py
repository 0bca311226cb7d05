"""Benchmark: start-up of ``odwb-assist check`` on a 10-row CSV against bare interpreter baselines.

Usage: ``python benchmarks/startup.py [--runs 11]``. Runs, interleaved, ``python -c pass``, ``python -c
"import pandas"`` (the engine's own floor) and ``odwb-assist check petit.csv`` (text report, as a user types
it), each in a fresh process, and prints the median wall and CPU time of each and the check's ratios to the
baselines (target: check under 1 s on the machine of the issue; pandas alone is about half of it).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROWS = ["code_ins;commune;code_postal;population;date_maj;contact"] + [
    f"{nis};{name};{postal};{population};{day:02d}/03/2024;info@{name.lower()}.be"
    for day, (nis, name, postal, population) in enumerate(
        [("92094", "Namur", "5000", 112000), ("62063", "Liege", "4000", 197013), ("52011", "Charleroi", "6000", 201816),
         ("25112", "Wavre", "1300", 34000), ("81001", "Arlon", "6700", 30000), ("53053", "Mons", "7000", 95000),
         ("63079", "Verviers", "4800", 55000), ("91034", "Dinant", "5500", 13000), ("92003", "Andenne", "5300", 27000),
         ("57081", "Tournai", "7500", 69000)], start=1)]


def once(command: list[str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the child, exit code) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    code = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args(argv)
    bindir = Path(sys.executable).parent
    odwb = [str(bindir / "odwb-assist")] if (bindir / "odwb-assist").exists() else [sys.executable, "-m", "odwb_assist"]
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "petit.csv"
        data.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
        commands = {"python -c pass": [sys.executable, "-c", "pass"],
                    "python -c 'import pandas'": [sys.executable, "-c", "import pandas"],
                    "odwb-assist check (10 rows)": [*odwb, "check", str(data)]}
        once(commands["odwb-assist check (10 rows)"])  # warm the file cache (and write bytecode where allowed)
        results: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved, so that a busy moment of the machine weighs on each alike
            for name, command in commands.items():
                results[name].append(once(command))
    medians = {name: (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
               for name, runs in results.items()}
    note = " (PYTHONDONTWRITEBYTECODE: no bytecode cache)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""
    print(f"median of {args.runs} runs{note}, wall / CPU:")
    for name, (wall, cpu) in medians.items():
        print(f"  {name:30s} {wall:6.3f} s  {cpu:6.3f} s")
    check_wall, check_cpu = medians["odwb-assist check (10 rows)"]
    pandas_wall, pandas_cpu = medians["python -c 'import pandas'"]
    print(f"check - import pandas: {check_wall - pandas_wall:.3f} s wall, {check_cpu - pandas_cpu:.3f} s CPU; "
          f"check / import pandas: {check_wall / pandas_wall:.2f}x; target: check < 1 s: "
          f"{'yes' if check_wall < 1 else 'NO'}")
    codes = {run[2] for run in results["odwb-assist check (10 rows)"]}
    return 0 if codes <= {0, 1} else 1


if __name__ == "__main__":
    sys.exit(main())
