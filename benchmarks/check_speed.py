"""Benchmark: ``odwb-assist check`` against ``frictionless validate`` on a commune-like CSV.

Usage: ``python benchmarks/check_speed.py [--rows 1000000] [--keep FILE]``. Generates a 10-column CSV
(NIS code, commune, province, postal code, year, population, area, density, date, contact e-mail),
runs both commands on it in the same run, and prints rows/s, the time ratio and the peak memory of
each (``/usr/bin/time`` when available, else ``resource.getrusage`` of a fresh child).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMUNES = [("62063", "Liège", "Liège", "4000"), ("92094", "Namur", "Namur", "5000"),
            ("52011", "Charleroi", "Hainaut", "6000"), ("25112", "Wavre", "Brabant wallon", "1300"),
            ("81001", "Arlon", "Luxembourg", "6700"), ("53053", "Mons", "Hainaut", "7000"),
            ("63079", "Verviers", "Liège", "4800"), ("91034", "Dinant", "Namur", "5500")]
HEADER = ["code_ins", "commune", "province", "code_postal", "annee", "population", "superficie_km2", "densite",
          "date_maj", "contact"]


def ascii_name(name: str) -> str:
    return name.lower().replace("è", "e").replace(" ", "-")


def generate(path: Path, rows: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            nis, name, province, postal = COMMUNES[i % len(COMMUNES)]
            population = rnd.randint(1000, 200000)
            area = round(rnd.uniform(5, 200), 2)
            writer.writerow([nis, name, province, postal, 2000 + i % 25, population, area, round(population / area, 1),
                             f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", f"info@{ascii_name(name)}.be"])


def measure(command: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """(wall seconds, peak memory in MB, exit code) of one command."""
    gnu_time = shutil.which("time") if Path("/usr/bin/time").exists() else None
    if gnu_time:
        with tempfile.NamedTemporaryFile("r", suffix=".txt") as stats:
            started = time.perf_counter()
            done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", stats.name, *command],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
            seconds = time.perf_counter() - started
            lines = [line for line in Path(stats.name).read_text().splitlines() if line.strip().isdigit()]
            peak = int(lines[-1]) / 1024 if lines else float("nan")
        return seconds, peak, done.returncode
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
    out = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True, cwd=cwd).stdout.split()
    return float(out[0]), int(out[1]) / 1024, int(out[2])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="keep the generated CSV at this path")
    args = parser.parse_args(argv)
    bindir = Path(sys.executable).parent
    odwb = [str(bindir / "odwb-assist")] if (bindir / "odwb-assist").exists() else [sys.executable, "-m", "odwb_assist"]
    frictionless = [str(bindir / "frictionless")] if (bindir / "frictionless").exists() else ["frictionless"]
    with tempfile.TemporaryDirectory() as folder:
        data = args.keep or Path(folder) / "communes.csv"
        started = time.perf_counter()
        generate(data, args.rows)
        print(f"generated {args.rows:,} rows x {len(HEADER)} columns ({data.stat().st_size / 1e6:.1f} MB) "
              f"in {time.perf_counter() - started:.1f} s")
        report = Path(folder) / "report.json"
        ours = measure([*odwb, "check", str(data), "--format", "json", "--output", str(report)])
        # frictionless refuses absolute paths by default: give it the file name, from its folder.
        theirs = measure([*frictionless, "validate", data.name, "--json"], cwd=data.parent)
    env = os.environ.get("ODWB_BENCH_NOTE", "")
    print(f"odwb-assist check     : {ours[0]:7.2f} s  {args.rows / ours[0]:>10,.0f} rows/s  peak {ours[1]:6.0f} MB"
          f"  exit {ours[2]}")
    print(f"frictionless validate : {theirs[0]:7.2f} s  {args.rows / theirs[0]:>10,.0f} rows/s  peak {theirs[1]:6.0f} MB"
          f"  exit {theirs[2]}")
    ratio = ours[0] / theirs[0]
    print(f"ratio (odwb / frictionless): {ratio:.2f}  (target <= 1.5)   odwb peak memory < 400 MB: "
          f"{'yes' if ours[1] < 400 else 'NO'} {env}")
    return 0 if ours[2] in (0, 1) else 1


if __name__ == "__main__":
    sys.exit(main())
