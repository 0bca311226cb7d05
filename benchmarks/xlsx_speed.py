"""Benchmark (issue 17): ``odwb-assist check`` on a 100k-row XLSX against a python-calamine and an openpyxl read.

Usage: ``python benchmarks/xlsx_speed.py [--rows 100000] [--repeat 3] [--keep FILE] [--book FILE] [--json FILE]``.

The workbook holds the realistic commune export of ``commune_export.py`` as a spreadsheet program saves
it: numbers (coordinates, amounts, postal codes) as numbers, dates as dates, NIS codes and the rest as
text, the planted defects included (written with openpyxl's write-only mode). Each reader runs in a fresh
process (start-up included): ``odwb-assist check FILE --format json``, python-calamine reading the sheet
into Python values (skipped, with a message, when python-calamine is not installed) and an openpyxl
read-only pass over every row. Prints the ratios; target: check <= 2x the calamine read.

The ratio is noisy on a shared machine: the check runs on two cores (calamine parses while the program
starts, the chunks are made ahead while the checks run), the calamine read on one, so the ratio is about
1.6 with a free core and tends to the CPU ratio (about 2.3) when other processes take the second core.
The calamine read and the check therefore run ``--repeat`` times, alternately (each pair under the same
load), after one unmeasured run of each (file cache); the target is judged on the median of the pairs'
ratios. The packages' bytecode is compiled first, as an installed package has it (with
``PYTHONDONTWRITEBYTECODE`` set, an editable install would compile every module at each run).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).parent))
import commune_export  # noqa: E402 (a sibling script, not a package)
from measure import Run, compile_bytecode, measure, tools  # noqa: E402

TARGET = 2.0
CALAMINE = """
import sys
from python_calamine import CalamineWorkbook
rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()
print(len(rows))
"""
OPENPYXL = """
import sys
from openpyxl import load_workbook
book = load_workbook(sys.argv[1], read_only=True, data_only=True)
count = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
book.close()
print(count)
"""
NUMBERS = {4, 5, 9}  # latitude, longitude, amount (decimal commas in the CSV)


def typed(cells: list[str]) -> list[Any]:
    """One CSV row of the export as a spreadsheet holds it: numbers, dates, text."""
    out: list[Any] = list(cells)
    for i in NUMBERS:
        if cells[i] and cells[i] != "n.d.":
            out[i] = float(cells[i].replace(",", "."))
    if cells[2].isdigit():
        out[2] = int(cells[2])
    out[10] = datetime.strptime(cells[10], "%d/%m/%Y")
    out[12] = cells[12] or None
    return out


def records(rows: int) -> Iterator[list[Any]]:
    for lines in commune_export.iter_chunks(rows):
        for cells in csv.reader(lines, delimiter=commune_export.DELIMITER):
            yield typed(cells)


def write_workbook(path: Path, rows: int) -> Path:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Export")
    sheet.append(commune_export.HEADER)
    for record in records(rows):
        sheet.append(record)
    book.save(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="keep the generated workbook at this path")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--book", type=Path, help="measure this workbook instead of generating one")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the calamine read and of the check (median)")
    args = parser.parse_args(argv)
    odwb, _ = tools()
    compile_bytecode()
    runs: dict[str, Run] = {}
    pairs: list[tuple[Run, Run]] = []
    calamine = importlib.util.find_spec("python_calamine") is not None
    with tempfile.TemporaryDirectory() as folder:
        data = args.book or args.keep or Path(folder) / "export.xlsx"
        if args.book is None:
            started = time.perf_counter()
            write_workbook(data, args.rows)
            print(f"generated {args.rows:,} rows x {len(commune_export.HEADER)} columns "
                  f"({data.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s", flush=True)
        check_command = [*odwb, "check", str(data), "--format", "json", "--output", str(Path(folder) / "report.json")]
        if not calamine:
            print("python-calamine is not installed: the calamine read is skipped (pip install python-calamine)")
        runs["openpyxl"] = measure([sys.executable, "-c", OPENPYXL, str(data)])
        for turn in range(max(1, args.repeat) + 1):  # the first turn warms the file cache up, unmeasured
            read = measure([sys.executable, "-c", CALAMINE, str(data)]) if calamine else None
            check = measure(check_command)
            if turn and read is not None:
                pairs.append((read, check))
                print(f"  run {turn}: calamine {read.seconds:.2f} s, check {check.seconds:.2f} s, "
                      f"ratio {check.seconds / read.seconds:.2f}", flush=True)
            if turn:
                runs["check"] = check
        if pairs:
            runs["calamine"] = _median_run([read for read, _ in pairs])
            runs["check"] = _median_run([check for _, check in pairs])
    for name, run in runs.items():
        print(f"  {name:<10}{run.seconds:8.2f} s  cpu {run.cpu:7.2f} s  {args.rows / run.seconds:>9,.0f} rows/s  "
              f"peak {run.peak_mb:6.0f} MB  exit {run.exit}")
    result: dict[str, Any] = {"rows": args.rows, **{name: run.as_dict() for name, run in runs.items()}}
    check_seconds = runs["check"].seconds
    print(f"ratio check/openpyxl read-only: {check_seconds / runs['openpyxl'].seconds:.2f}")
    if pairs:
        ratios = sorted(check.seconds / read.seconds for read, check in pairs)
        ratio = statistics.median(ratios)
        print(f"ratio calamine/openpyxl: {runs['calamine'].seconds / runs['openpyxl'].seconds:.2f}")
        print(f"ratio check/calamine: {ratio:.2f} (median of {', '.join(f'{r:.2f}' for r in ratios)})   "
              f"target check <= {TARGET:g}x calamine: {'yes' if ratio <= TARGET else 'NO'}")
        result["ratios"] = ratios
        result["target"] = ratio <= TARGET
    else:
        print(f"target check <= {TARGET:g}x calamine: not measured (python-calamine missing)")
        result["target"] = None
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    failed = [name for name, run in runs.items() if run.exit not in ((0, 1) if name == "check" else (0,))]
    if failed:
        print(f"failed: {', '.join(failed)} (see the exit codes above)")
    return 1 if failed else 0


def _median_run(runs: list[Run]) -> Run:
    """The run of median wall time."""
    return sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]


if __name__ == "__main__":
    sys.exit(main())
