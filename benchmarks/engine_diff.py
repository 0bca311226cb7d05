"""Run two versions of the check engine on a corpus and diff their JSON reports (issue 17).

Usage::

    python benchmarks/engine_diff.py                  # old = 1e667a9, new = this tree
    python benchmarks/engine_diff.py --old main --show 20 --keep-corpus /tmp/corpus

The old version's ``odwb_assist`` and its two plugins (``plugins/odwb-assist-belgium/odwb_assist_belgium``,
``plugins/odwb-assist-programme/odwb_assist_programme``) are exported
from git (``git archive REF``) into a temporary folder, and ``python -m odwb_assist check F --format json``
runs with ``PYTHONPATH`` pointing there (the script checks that the old code is the one imported); the new
version runs the same way from this tree. The corpus: every table file (CSV, XLSX, XLS, ODS) under
``tests/data`` (the Frictionless fixtures included), the sample files of ``odwb_assist/data/samples`` and
``examples/``, the readable odd inputs of ``tests/cli_odd``, and tables generated here (the realistic
commune export as CSV and XLSX, the same CSV with rows of another width and read at another width than
its header's, a UTF-8 export with rows in Windows-1252, the export under a title row, the older synthetic file, a
pivot-table export, a database export with timestamps, a portal export with GeoJSON outlines, an Excel 95
workbook).

Per file it compares the exit code, the row count, the detected types, kinds and reading (encoding,
delimiter, header row…), the per-type totals and the findings as a set of (type, severity, rowNumber,
fieldName, count, rows); timing fields (``seconds``) are ignored. Prints the files that differ with their
differences, and exits 1 when any does.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(ROOT / "tests"))
import check_speed  # noqa: E402 (sibling scripts, not a package)
import commune_export  # noqa: E402
import xlsx_speed  # noqa: E402

TABLES = {".csv", ".xlsx", ".xls", ".ods", ".tsv"}
# the two plugins the project installs with it: the old tree's own, since a plugin may call what its core gained since
PACKAGES = ("odwb_assist", "plugins/odwb-assist-belgium/odwb_assist_belgium",
            "plugins/odwb-assist-programme/odwb_assist_programme")
SEARCH_PATH = ("", "plugins/odwb-assist-belgium", "plugins/odwb-assist-programme")  # PYTHONPATH entries, in a tree
ODD_UNREADABLE = {"fifo", "directory"}  # a named pipe blocks a reader; a folder is no table
Finding = tuple[str, str, Any, Any, Any, tuple[Any, ...]]


def export_tree(ref: str, folder: Path) -> Path:
    """The old version's packages, from git, into ``folder``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref, *PACKAGES],
                             capture_output=True, check=True).stdout
    with tempfile.TemporaryFile() as handle:
        handle.write(archive)
        handle.seek(0)
        with tarfile.open(fileobj=handle) as tar:
            tar.extractall(folder, filter="data")
    return folder


def environment(tree: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(str(tree / entry) for entry in SEARCH_PATH)
    env.pop("ODWB_LANG", None)
    return env


def verify_imports(tree: Path) -> str:
    """Fail unless ``odwb_assist`` and its two plugins are imported from ``tree`` with its environment."""
    probe = ("import odwb_assist, odwb_assist_belgium, odwb_assist_programme; print(odwb_assist.__file__); "
             "print(odwb_assist_belgium.__file__); print(odwb_assist_programme.__file__)")
    out = subprocess.run([sys.executable, "-c", probe], env=environment(tree), capture_output=True, text=True,
                         check=True, cwd=tempfile.gettempdir()).stdout.split()
    for path in out:
        if not Path(path).resolve().is_relative_to(tree.resolve()):
            raise SystemExit(f"{path} is imported instead of the code under {tree}")
    return out[0]


def static_corpus() -> list[Path]:
    folders = [ROOT / "tests" / "data", ROOT / "odwb_assist" / "data" / "samples", ROOT / "examples"]
    return sorted(p for folder in folders if folder.exists() for p in folder.rglob("*")
                  if p.is_file() and p.suffix.lower() in TABLES)


def generated_corpus(folder: Path) -> list[Path]:
    """Tables written here: the benchmark files at a small size, odd inputs, real-world shapes."""
    from cli_odd.odd_files import ODD_FILES, make
    from helpers.biff5 import write_excel95
    from helpers.real_shapes import pivot_rows, portal_export_rows, timestamp_rows, write_csv

    folder.mkdir(parents=True, exist_ok=True)
    out = [commune_export.write(folder / "commune-export.csv", 3000), ragged_export(folder / "commune-ragged.csv"),
           xlsx_speed.write_workbook(folder / "commune-export.xlsx", 2000),
           write_csv(folder / "pivot.csv", pivot_rows()), write_csv(folder / "timestamps.csv", timestamp_rows()),
           write_csv(folder / "portal-export.csv", portal_export_rows(), encoding="utf-8")]
    out += other_width_exports(folder)
    out += stray_bytes_exports(folder)
    out += titled_exports(folder)
    check_speed.synthetic(folder / "synthetic.csv", 2000)
    out.append(folder / "synthetic.csv")
    rows: list[list[object]] = [["Commune", "Code INS", "Montant"], ["Ciney", "91030", 12.5], ["Dinant", "91034", 7.0],
                                ["Namur", "92094", 3.25], ["Total", "", 22.75]]
    write_excel95(folder / "excel95.xls", {"Feuil1": rows})
    out.append(folder / "excel95.xls")
    odd = folder / "odd"
    odd.mkdir(exist_ok=True)
    out += [make(kind, odd) for kind in ODD_FILES if kind not in ODD_UNREADABLE]
    return out


def other_width_exports(folder: Path) -> list[Path]:
    """The commune export read at another width than its header's: a stray « ; » at the end of the header (every
    row one cell short), and every data row ending with « ; » (one cell long); a few rows of yet another width."""
    lines = commune_export.write(folder / "stray-delimiter.csv", 2000).read_bytes().split(b"\r\n")
    lines[0] += b";"
    lines[300] += b";note"
    (folder / "stray-delimiter.csv").write_bytes(b"\r\n".join(lines))
    trailing = [lines[0][:-1]] + [line + b";" if line else line for line in lines[1:]]
    trailing[500] = b";".join(trailing[500].split(b";")[:3])
    (folder / "trailing-delimiter.csv").write_bytes(b"\r\n".join(trailing))
    return [folder / "stray-delimiter.csv", folder / "trailing-delimiter.csv"]


def stray_bytes_exports(folder: Path) -> list[Path]:
    """The commune export in UTF-8 with rows typed in Windows-1252 (``utf-8+cp1252``): after the detection sample
    and among the first records (both read by pyarrow)."""
    lines = commune_export.write(folder / "stray-bytes.csv", 3000).read_bytes().split(b"\r\n")
    utf8 = [line.decode("cp1252").encode("utf-8") for line in lines]
    late = list(utf8)
    late[2500], late[2900] = lines[2500], lines[2900]
    (folder / "stray-bytes.csv").write_bytes(b"\r\n".join(late))
    early = list(utf8)
    early[10] = lines[10]
    (folder / "stray-bytes-early.csv").write_bytes(b"\r\n".join(early))
    return [folder / "stray-bytes.csv", folder / "stray-bytes-early.csv"]


def titled_exports(folder: Path) -> list[Path]:
    """The commune export under a title row without delimiter (the csv module then skips the spaces opening a
    cell: read by pyarrow, which keeps them, while no cell opens with one), and the same with cells opening with
    a space far down (read again by Frictionless)."""
    lines = commune_export.write(folder / "titled.csv", 3000).read_bytes().split(b"\r\n")
    lines = [line for line in lines if b'"' not in line]  # quotes would make csv.Sniffer read the spaces as they are
    titled = ["Budget 2024 \N{EN DASH} Ville de Namur".encode("cp1252"), *lines]
    (folder / "titled.csv").write_bytes(b"\r\n".join(titled))
    spaced = list(titled)
    spaced[2600] = spaced[2600].replace(b";", b"; ", 2)
    (folder / "titled-spaced.csv").write_bytes(b"\r\n".join(spaced))
    return [folder / "titled.csv", folder / "titled-spaced.csv"]


def ragged_export(path: Path) -> Path:
    """The commune export with rows of another width below the sample: a row cut short, a row with a note
    beyond the last column, a short row whose quoted cell spans two lines, a blank row of two cells, a footer."""
    lines = commune_export.write(path, 3000).read_bytes().split(b"\r\n")
    lines[400] = b";".join(lines[400].split(b";")[:4])
    lines[900] += b";note hors tableau;"
    lines[1500] = b'91034;"Dinant\r\nnord";5500'
    lines[2200] = b";"
    lines[-1:] = [b"Source : service population", b""]
    path.write_bytes(b"\r\n".join(lines))
    return path


def without_seconds(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_seconds(v) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [without_seconds(v) for v in value]
    return value


def run_check(tree: Path, path: Path, out: Path) -> dict[str, Any]:
    """Exit code and JSON report (or None when there is none) of one engine on one file."""
    command = [sys.executable, "-m", "odwb_assist", "check", str(path), "--format", "json", "--output", str(out),
               "--limit-errors", "1000000"]
    done = subprocess.run(command, env=environment(tree), capture_output=True, text=True, cwd=path.parent, timeout=900)
    report = json.loads(out.read_text(encoding="utf-8")) if out.exists() and out.stat().st_size else None
    out.unlink(missing_ok=True)
    return {"exit": done.returncode, "report": without_seconds(report), "stderr": done.stderr[-300:]}


def findings(report: dict[str, Any]) -> set[Finding]:
    return {(f.get("type"), f.get("severity"), f.get("rowNumber"), f.get("fieldName"), f.get("count"),
             tuple(f.get("rows") or ())) for f in report.get("errors", [])}


def differences(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What differs between two runs on the same file, in words (empty when they agree)."""
    diffs = []
    if old["exit"] != new["exit"]:
        diffs.append(f"exit code {old['exit']} -> {new['exit']}")
    a, b = old["report"], new["report"]
    if (a is None) != (b is None):
        diffs.append(f"report {'missing' if b is None else 'present'} in the new run (old stderr: {old['stderr']!r}, "
                     f"new stderr: {new['stderr']!r})")
    if a is None or b is None:
        return diffs
    for key in ("rows", "valid"):
        if a.get(key) != b.get(key):
            diffs.append(f"{key}: {a.get(key)!r} -> {b.get(key)!r}")
    for key in ("types", "kinds", "occurrences"):  # per column or per finding type: only what changed
        old_map, new_map = a.get(key) or {}, b.get(key) or {}
        for name in sorted(set(old_map) | set(new_map), key=str):
            if old_map.get(name) != new_map.get(name):
                diffs.append(f"{key}[{name!r}]: {old_map.get(name)!r} -> {new_map.get(name)!r}")
    reading_a, reading_b = a.get("detected") or {}, b.get("detected") or {}
    for key in sorted(set(reading_a) & set(reading_b)):  # a reading detail only one version has is not a change
        if reading_a[key] != reading_b[key]:
            diffs.append(f"detected.{key}: {reading_a[key]!r} -> {reading_b[key]!r}")
    lost, gained = findings(a) - findings(b), findings(b) - findings(a)
    diffs += [f"only old: {short(f)}" for f in sorted(lost, key=repr)]
    diffs += [f"only new: {short(f)}" for f in sorted(gained, key=repr)]
    return diffs


def short(finding: Finding) -> str:
    kind, severity, row, field, count, rows = finding
    shown = f"{list(rows[:8])}{'…' if len(rows) > 8 else ''} ({len(rows)} rows)" if rows else "[]"
    return f"{kind} [{severity}] row {row} field {field!r} count {count} rows {shown}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", default="1e667a9", help="git ref of the old engine (default: 1e667a9)")
    parser.add_argument("--new", type=Path, default=ROOT, help="tree of the new engine (default: this one)")
    parser.add_argument("--keep-corpus", type=Path, help="write the generated corpus here and keep it")
    parser.add_argument("--show", type=int, default=12, help="differences listed per file (default: 12)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write every difference to this JSON file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        old_tree = export_tree(args.old, Path(tmp) / "old")
        print(f"old engine ({args.old}): {verify_imports(old_tree)}")
        print(f"new engine: {verify_imports(args.new)}")
        generated = args.keep_corpus or Path(tmp) / "corpus"
        corpus = static_corpus() + generated_corpus(generated)
        reports = Path(tmp) / "reports"
        reports.mkdir()

        def both(item: tuple[int, Path]) -> tuple[Path, list[str]]:
            index, path = item
            old = run_check(old_tree, path, reports / f"{index}-old.json")
            new = run_check(args.new, path, reports / f"{index}-new.json")
            return path, differences(old, new)

        results: list[tuple[Path, list[str]]] = []
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for path, diffs in pool.map(both, enumerate(corpus)):
                print(f"  {'same' if not diffs else 'DIFF'}  {label(path, generated)}", flush=True)
                results.append((path, diffs))
    differing = [(p, d) for p, d in results if d]
    print(f"\n{len(results) - len(differing)} file(s) identical, {len(differing)} differing, on {len(results)} files")
    for path, diffs in differing:
        print(f"\n{label(path, generated)}:")
        for line in diffs[:args.show]:
            print(f"  {line}")
        if len(diffs) > args.show:
            print(f"  … and {len(diffs) - args.show} more")
    if args.json:
        payload = {label(p, generated): d for p, d in results}
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if differing else 0


def label(path: Path, generated: Path) -> str:
    for base, name in ((generated, "generated/"), (ROOT, "")):
        if path.is_relative_to(base):
            return name + str(path.relative_to(base))
    return str(path)


if __name__ == "__main__":
    sys.exit(main())
