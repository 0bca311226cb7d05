"""Benchmark: ``odwb-assist document`` against ``odwb-assist check`` on the same realistic commune export.

Usage::

    python benchmarks/document_speed.py                    # 1M rows
    python benchmarks/document_speed.py --rows 100000 --repeat 3

Drafting reads the whole table (the data dictionary, the temporal coverage, the spatial coverage) and writes a
UTF-8 copy of a file that is not one already (the data package's resource): a file shaped like a commune's export
(Windows-1252, ``;``, from ``commune_export.py``) takes that road. Each command runs in a fresh process, in its own
working folder, output discarded; the median of ``--repeat`` runs is kept. It prints the time and peak memory of
both and their ratio; nothing is asserted (the numbers depend on the machine).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import commune_export  # noqa: E402 (a sibling script, not a package)
from measure import compile_bytecode, measure, median_run, tools  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the generated export")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command (the median is kept)")
    args = parser.parse_args(argv)
    compile_bytecode()
    odwb, _ = tools()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = commune_export.write(root / "export.csv", args.rows)
        runs: dict[str, list] = {"check": [], "document": []}
        for attempt in range(args.repeat):
            runs["check"].append(measure([*odwb, "check", str(source), "--format", "json", "--output",
                                          str(root / "report.json")]))
            work = root / f"document-{attempt}"
            work.mkdir()
            runs["document"].append(measure([*odwb, "document", str(source), "--output-dir", str(work)], cwd=work))
        check, document = median_run(runs["check"]), median_run(runs["document"])
    print(f"{args.rows:,} rows, median of {args.repeat}")
    for name, run in (("check", check), ("document", document)):
        print(f"  {name:9} {run.seconds:6.2f} s  cpu {run.cpu:6.2f} s  peak {run.peak_mb:6.0f} MB  exit {run.exit}")
    print(f"  document/check: {document.seconds / check.seconds:.2f} (wall), {document.cpu / check.cpu:.2f} (cpu)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
