"""Benchmark (issue 17): ``odwb-assist check`` and ``fix`` against a pyarrow parse and ``frictionless validate``.

Usage::

    python benchmarks/check_speed.py                       # realistic export, 100k, 1M and 3M rows
    python benchmarks/check_speed.py --quick               # 100k rows only
    python benchmarks/check_speed.py --rows 100000,1000000 --json results.json
    python benchmarks/check_speed.py --case synthetic      # the old 10-column UTF-8 file
    python benchmarks/check_speed.py --case shapes        # rows of another width, timestamps, UTF-16
    python benchmarks/check_speed.py --case described --rows 150000 --repeat 1
    python benchmarks/check_speed.py --case wide --rows 200000
    python benchmarks/check_speed.py --case all

For each size, in the same run and on the same file (each command in a fresh process, output discarded), it
measures (``--repeat`` times, in turn, the median kept; frictionless too up to 1M rows, once above) wall time, CPU
time and peak memory (``/usr/bin/time``, else ``getrusage``) of: ``odwb-assist check FILE --format json --output
…``, ``odwb-assist fix FILE --output …``, ``frictionless validate FILE`` (told the file's encoding and delimiter) and
``pyarrow.csv.read_csv`` of the file with every column as strings (the cost of merely reading it). The
``realistic`` case is a commune export from ``commune_export.py`` (cp1252, ``;``, decimal commas, dd/mm/yyyy,
Belgian identifiers, planted defects); ``synthetic`` is the older 10-column UTF-8 comma file; the ``shapes`` are
real-world shapes the streaming reader used to leave to Frictionless: ``ragged`` (a row cut short, a note beyond
the last column, a footer), ``timestamps`` (a database export with datetimes, times, months, coordinates),
``utf16``, ``stray_bytes`` (UTF-8 with rows typed in Windows-1252) and ``titled`` (a title row without
delimiter); ``described`` is the commune export with a long « Description » (1-2.5 kB of words a row, a council's
register of works or decisions: where memory, not rows, is the limit; try ``--rows 150000``); ``wide`` is a
statistics export by indicator, 80 columns of figures (every third with a decimal comma): where the cost of each
check on each column, not of each cell, is the limit (try ``--rows 200000``, about 100 MB). The packages'
bytecode is compiled first, as an installed package has it. It prints the ratios and whether each target of issue
17 holds; the numbers are never asserted (they depend on the machine).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "tests" / "helpers"))
import commune_export  # noqa: E402 (a sibling script, not a package)
from measure import Run, compile_bytecode, measure, median_run, tools  # noqa: E402

SIZES = (100_000, 1_000_000, 3_000_000)
COMMUNES = [("62063", "Liège", "Liège", "4000"), ("92094", "Namur", "Namur", "5000"),
            ("52011", "Charleroi", "Hainaut", "6000"), ("25112", "Wavre", "Brabant wallon", "1300"),
            ("81001", "Arlon", "Luxembourg", "6700"), ("53053", "Mons", "Hainaut", "7000"),
            ("63079", "Verviers", "Liège", "4800"), ("91034", "Dinant", "Namur", "5500")]
HEADER = ["code_ins", "commune", "province", "code_postal", "annee", "population", "superficie_km2", "densite",
          "date_maj", "contact"]
# a fresh interpreter reads the file as strings with pyarrow's multithreaded reader
# (UTF-8 with stray Windows-1252 bytes is no encoding pyarrow knows: its cells are read as bytes)
PARSE = """
import csv, sys
import pyarrow as pa, pyarrow.csv as pc
path, encoding, delimiter = sys.argv[1:4]
stray = encoding == "utf-8+cp1252"
encoding, kind = ("utf-8", pa.binary()) if stray else (encoding, pa.string())
with open(path, encoding=encoding, errors="replace", newline="") as handle:
    names = next(csv.reader(handle, delimiter=delimiter))
table = pc.read_csv(path, read_options=pc.ReadOptions(encoding=encoding),
                    parse_options=pc.ParseOptions(delimiter=delimiter),
                    convert_options=pc.ConvertOptions(column_types={n: kind for n in names}))
print(table.num_rows)
"""
# targets of issue 17, checked on the sizes they name (when measured)
CHECK_PARSE, CHECK_FRICTIONLESS, CHECK_PEAK, FIX_PEAK, GROWTH = 3.0, 0.3, 400, 600, 1.15


def ascii_name(name: str) -> str:
    return name.lower().replace("è", "e").replace(" ", "-")


def synthetic(path: Path, rows: int, seed: int = 1) -> None:
    """The older benchmark file: 10 columns, UTF-8, ``,``, ISO dates."""
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


def realistic(path: Path, rows: int) -> None:
    commune_export.write(path, rows)


def ragged(path: Path, rows: int) -> None:
    """The commune export with rows of another width: one cut short a third of the way, one with a note beyond
    the last column two thirds of the way, a « Source : … » footer (before this round: read by Frictionless)."""
    short, long = rows // 3, 2 * rows // 3
    with path.open("w", encoding=commune_export.ENCODING, newline="") as handle:
        handle.write(commune_export.DELIMITER.join(commune_export.HEADER) + "\r\n")
        seen = 0
        for lines in commune_export.iter_chunks(rows):
            if seen <= short < seen + len(lines):
                lines[short - seen] = ";".join(lines[short - seen].split(";")[:4])
            if seen <= long < seen + len(lines):
                lines[long - seen] += ";note hors tableau"
            seen += len(lines)
            handle.write("\r\n".join(lines) + "\r\n")
        handle.write("Source : service population\r\n")


def timestamps(path: Path, rows: int) -> None:
    """A database export with a timestamp, a time, a month and a coordinate pair per row, odd cells among them
    (``tests/helpers/real_shapes.py``; before this round: read by Frictionless)."""
    from real_shapes import iter_timestamp_rows

    with path.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows(iter_timestamp_rows(rows))


def utf16(path: Path, rows: int) -> None:
    """The commune export in UTF-16 with a BOM, as Excel's « Texte Unicode » (before this round: read by
    Frictionless)."""
    with path.open("w", encoding="utf-16", newline="") as handle:
        handle.write(commune_export.DELIMITER.join(commune_export.HEADER) + "\r\n")
        for lines in commune_export.iter_chunks(rows):
            handle.write("\r\n".join(lines) + "\r\n")


def stray_bytes(path: Path, rows: int) -> None:
    """The commune export in UTF-8 with a row typed in Windows-1252 every 200,000 rows, the first one after the
    detection sample (``utf-8+cp1252``; before this round: read by Frictionless)."""
    with path.open("wb") as handle:
        handle.write(commune_export.DELIMITER.join(commune_export.HEADER).encode("utf-8") + b"\r\n")
        seen = 0
        for lines in commune_export.iter_chunks(rows):
            for number, line in enumerate(lines, start=seen + 1):
                handle.write(line.encode("cp1252" if number % 200_000 == 3_000 else "utf-8") + b"\r\n")
            seen += len(lines)


def titled(path: Path, rows: int) -> None:
    """The commune export under a title row without delimiter, no quoted cell in its first hundred lines (those
    rows left out): csv.Sniffer, thus Frictionless, then reads with ``skipinitialspace`` (before this round: read
    by Frictionless)."""
    with path.open("w", encoding=commune_export.ENCODING, newline="") as handle:
        handle.write("Budget 2024 \N{EN DASH} Ville de Namur\r\n")
        handle.write(commune_export.DELIMITER.join(commune_export.HEADER) + "\r\n")
        first = True
        for lines in commune_export.iter_chunks(rows):
            if first:
                lines = [line for number, line in enumerate(lines) if number >= 100 or '"' not in line]
                first = False
            handle.write("\r\n".join(lines) + "\r\n")


def described(path: Path, rows: int, seed: int = 29) -> None:
    """The commune export with a « Description » column of long texts (150-350 words, 1-2.5 kB, each row's own):
    chunks are bounded in bytes, not rows (before 2026-12-05, 50,000 such rows made ``fix`` peak near 700 MB)."""
    words = ("travaux", "voirie", "éclairage", "égouttage", "trottoir", "réfection", "marché", "public", "subside",
             "école", "crèche", "bibliothèque", "conseil", "communal", "décision", "délibération", "budget",
             "extraordinaire", "entretien", "bâtiment", "sentier", "plantation", "parking", "sécurité", "quartier")
    rnd = random.Random(seed)
    pool = [" ".join(rnd.choice(words) for _ in range(rnd.randint(150, 350))) for _ in range(500)]
    with path.open("w", encoding=commune_export.ENCODING, newline="") as handle:
        handle.write(commune_export.DELIMITER.join([*commune_export.HEADER, "Description"]) + "\r\n")
        number = 0
        for lines in commune_export.iter_chunks(rows):
            for line in lines:
                number += 1
                handle.write(f'{line};"Dossier {number} : {pool[number % len(pool)]}"\r\n')


def wide(path: Path, rows: int, seed: int = 31, columns: int = 80) -> None:
    """A statistics export by indicator: ``columns`` columns « Indicateur n » of figures, counts and every third a
    decimal-comma amount, a few planted defects (a figure with a unit, an empty cell, « n.d. »)."""
    rnd = random.Random(seed)
    pool = 99_991  # figures drawn from a pool, nearly every one distinct in a chunk
    counts = [str(rnd.randrange(100_000)) for _ in range(pool)]
    amounts = [f"{rnd.uniform(400, 1000):.2f}".replace(".", ",") for _ in range(pool)]
    with path.open("w", encoding=commune_export.ENCODING, newline="") as handle:
        handle.write(";".join(f"Indicateur {n}" for n in range(columns)) + "\r\n")
        for number in range(rows):
            start, step = rnd.randrange(pool), rnd.randrange(1, pool)  # no two rows alike
            cells = [(amounts if n % 3 == 0 else counts)[(start + step * n) % pool] for n in range(columns)]
            if number % 50_000 == 1_234:
                cells[4], cells[7], cells[9] = f"{cells[4]} kg", "", "n.d."
            handle.write(";".join(cells) + "\r\n")


# case: (file generator, encoding, delimiter)
CASES: dict[str, tuple[Callable[[Path, int], None], str, str]] = {
    "realistic": (realistic, commune_export.ENCODING, commune_export.DELIMITER),
    "synthetic": (synthetic, "utf-8", ","),
    "ragged": (ragged, commune_export.ENCODING, commune_export.DELIMITER),
    "timestamps": (timestamps, "cp1252", ";"),
    "utf16": (utf16, "utf-16", commune_export.DELIMITER),
    "stray_bytes": (stray_bytes, "utf-8+cp1252", commune_export.DELIMITER),
    "titled": (titled, commune_export.ENCODING, commune_export.DELIMITER),
    "described": (described, commune_export.ENCODING, commune_export.DELIMITER),
    "wide": (wide, commune_export.ENCODING, ";"),
}
# real-world shapes the streaming reader used to leave to Frictionless
SHAPES = ("ragged", "timestamps", "utf16", "stray_bytes", "titled")
FRICTIONLESS_TURNS = 1_000_000  # rows: up to this size, frictionless is run in turn with the others, ``--repeat`` times


def run_size(case: str, rows: int, folder: Path, keep: bool = False, repeat: int = 1) -> dict[str, Any]:
    """Generate the file of ``case`` with ``rows`` rows and measure the four commands on it: parse, check and fix
    ``repeat`` times, in turn (parse, check, fix, parse, …: a busy moment of the machine falls on all three alike),
    each kept at its median wall time; frictionless in turn with them up to :data:`FRICTIONLESS_TURNS` rows (the
    size of its target: one run of it, on a machine whose speed swings, moved check/frictionless from 0.19 to 0.30
    between two runs of the script), once above (1 to 3 minutes a run)."""
    make, encoding, delimiter = CASES[case]
    data = folder / f"{case}_{rows}.csv"
    started = time.perf_counter()
    make(data, rows)
    print(f"[{case}] generated {rows:,} rows ({data.stat().st_size / 1e6:.1f} MB) in "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    size = data.stat().st_size
    odwb, frictionless = tools()
    compile_bytecode()  # as an installed package has it (PYTHONDONTWRITEBYTECODE would recompile at each run)
    dialect = json.dumps({"delimiter": delimiter})
    read_as = "latin-1" if encoding == "utf-8+cp1252" else encoding  # a codec frictionless knows, every byte a character
    # frictionless refuses absolute paths by default: give it the file name, from its folder
    validate = [*frictionless, "validate", data.name, "--encoding", read_as, "--dialect", dialect, "--json"]
    commands = {
        "parse": [sys.executable, "-c", PARSE, str(data), encoding, delimiter],
        "check": [*odwb, "check", str(data), "--format", "json", "--output", str(folder / "report.json")],
        "fix": [*odwb, "fix", str(data), "--output", str(folder / "out.csv")],
    }
    if rows <= FRICTIONLESS_TURNS:
        commands["frictionless"] = validate
    every: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(max(1, repeat)):
        for name, command in commands.items():  # every path is absolute but frictionless's: run from the file's folder
            every[name].append(measure(command, cwd=data.parent))
    runs = {name: median_run(done) for name, done in every.items()}
    if "frictionless" not in runs:
        runs["frictionless"] = measure(validate, cwd=data.parent)
    for name, run in runs.items():
        spread = every.get(name, [run])
        seen = f"  (median of {len(spread)}: {min(r.seconds for r in spread):.2f}-{max(r.seconds for r in spread):.2f} s)" \
            if len(spread) > 1 else ""
        print(f"  {name:<13}{run.seconds:8.2f} s  cpu {run.cpu:7.2f} s  {rows / run.seconds:>10,.0f} rows/s  "
              f"peak {run.peak_mb:7.0f} MB  exit {run.exit}{seen}", flush=True)
    for name in ("report.json", "out.csv", *(() if keep else (data.name,))):
        (folder / name).unlink(missing_ok=True)
    return {"rows": rows, "bytes": size, **{name: run.as_dict() for name, run in runs.items()},
            "runs": {name: [r.as_dict() for r in done] for name, done in every.items()}}


def ratios(result: dict[str, Any]) -> dict[str, float]:
    seconds = {name: result[name]["seconds"] for name in ("parse", "check", "fix", "frictionless")}
    cpu = {name: result[name]["cpu"] for name in ("parse", "check", "fix", "frictionless")}
    return {"check/parse": seconds["check"] / seconds["parse"],
            "cpu check/parse": cpu["check"] / cpu["parse"],
            "cpu check/frictionless": cpu["check"] / cpu["frictionless"],
            "cpu fix/check": cpu["fix"] / cpu["check"],
            "check_cpu_us_per_row": cpu["check"] / result["rows"] * 1e6,
            "check/frictionless": seconds["check"] / seconds["frictionless"],
            "fix/check": seconds["fix"] / seconds["check"],
            "check_us_per_row": seconds["check"] / result["rows"] * 1e6,
            "fix_us_per_row": seconds["fix"] / result["rows"] * 1e6}


def targets(results: list[dict[str, Any]]) -> dict[str, bool | None]:
    """Each target of issue 17: True, False, or None when the size it names was not measured."""
    by_rows = {r["rows"]: r for r in results}
    at_1m, at_3m = by_rows.get(1_000_000), by_rows.get(3_000_000)
    per_row = [r["ratios"]["check_us_per_row"] for r in sorted(results, key=lambda r: r["rows"])]
    fix_row = [r["ratios"]["fix_us_per_row"] for r in sorted(results, key=lambda r: r["rows"])]
    return {
        f"check <= {CHECK_PARSE:g}x parse at 1M": at_1m["ratios"]["check/parse"] <= CHECK_PARSE if at_1m else None,
        f"check <= {CHECK_FRICTIONLESS:g}x frictionless at 1M":
            at_1m["ratios"]["check/frictionless"] <= CHECK_FRICTIONLESS if at_1m else None,
        # per-row time must not grow from one size to the next (start-up makes small sizes dearer per row)
        f"linear growth (time per row grows < {GROWTH - 1:.0%} between sizes)":
            all(b <= a * GROWTH for a, b in pairwise(per_row))
            and all(b <= a * GROWTH for a, b in pairwise(fix_row)) if len(per_row) > 1 else None,
        f"check peak < {CHECK_PEAK} MB at 3M": at_3m["check"]["peak_mb"] < CHECK_PEAK if at_3m else None,
        f"check peak < {CHECK_PEAK} MB at every size": all(r["check"]["peak_mb"] < CHECK_PEAK for r in results),
        f"fix peak < {FIX_PEAK} MB at every size": all(r["fix"]["peak_mb"] < FIX_PEAK for r in results),
        f"fix peak < {FIX_PEAK} MB at 3M": at_3m["fix"]["peak_mb"] < FIX_PEAK if at_3m else None,
        "fix <= 1.5x check at 1M": at_1m["ratios"]["fix/check"] <= 1.5 if at_1m else None,
    }


def report(case: str, results: list[dict[str, Any]]) -> dict[str, bool | None]:
    print(f"\n[{case}] wall time ratio (same run, same file); peak memory in MB; time per row in µs")
    print(f"{'rows':>10} {'parse s':>8} {'check s':>8} {'fix s':>8} {'frict. s':>9} {'check/parse':>12} "
          f"{'check/frict':>12} {'fix/check':>10} {'check µs/row':>13} {'fix µs/row':>11} {'check peak':>11} "
          f"{'fix peak':>9} {'check rows/s':>13}")
    for r in results:
        q = r["ratios"]
        print(f"{r['rows']:>10,} {r['parse']['seconds']:>8.2f} {r['check']['seconds']:>8.2f} {r['fix']['seconds']:>8.2f} "
              f"{r['frictionless']['seconds']:>9.2f} {q['check/parse']:>12.2f} {q['check/frictionless']:>12.2f} "
              f"{q['fix/check']:>10.2f} {q['check_us_per_row']:>13.1f} {q['fix_us_per_row']:>11.1f} "
              f"{r['check']['peak_mb']:>11.0f} {r['fix']['peak_mb']:>9.0f} "
              f"{r['rows'] / r['check']['seconds']:>13,.0f}")
    print("  CPU time ratios (user + system; less sensitive to a busy machine, blind to using both cores):")
    for r in results:
        q = r["ratios"]
        print(f"{r['rows']:>10,}  check/parse {q['cpu check/parse']:.2f}  check/frictionless "
              f"{q['cpu check/frictionless']:.2f}  fix/check {q['cpu fix/check']:.2f}  "
              f"check µs/row {q['check_cpu_us_per_row']:.1f}")
    verdicts = targets(results)
    for name, held in verdicts.items():
        print(f"  target {name}: {'not measured' if held is None else 'yes' if held else 'NO'}")
    return verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default=",".join(map(str, SIZES)),
                        help="comma-separated row counts (default: 100000,1000000,3000000)")
    parser.add_argument("--quick", action="store_true", help="100,000 rows only")
    parser.add_argument("--case", choices=[*CASES, "shapes", "all"], default="realistic",
                        help="shapes: ragged, timestamps and utf16; all: realistic, synthetic and the shapes")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of parse, check and fix per size, each kept at its median wall time (default: 3)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--keep", type=Path, help="folder where to leave the generated files (default: a temp dir)")
    args = parser.parse_args(argv)
    sizes = [100_000] if args.quick else sorted(int(n.replace("_", "")) for n in args.rows.split(","))
    cases = {"all": ["realistic", "synthetic", *SHAPES], "shapes": list(SHAPES)}.get(args.case, [args.case])
    out: dict[str, Any] = {"python": sys.version.split()[0], "cores": os.cpu_count(), "load": os.getloadavg()[0],
                           "cases": {}}
    if out["load"] > (out["cores"] or 1):
        print(f"note: the machine is busy (load {out['load']:.1f} on {out['cores']} cores): wall times are inflated, "
              "read the CPU ratios too")
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for case in cases:
            results = []
            for rows in sizes:
                result = run_size(case, rows, folder, keep=args.keep is not None, repeat=args.repeat)
                result["ratios"] = ratios(result)
                failed |= any(result[name]["exit"] not in (0, 1) for name in ("parse", "check", "fix"))
                results.append(result)
            verdicts = report(case, results)
            out["cases"][case] = {"results": results, "targets": verdicts}
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"results written to {args.json}")
    if failed:
        print("a command failed (exit code 2 or more): see the exit column above")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
