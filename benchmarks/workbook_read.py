"""Benchmark: ``odwb-assist check`` on an XLSX commune export against a plain calamine read of the same file.

Usage: ``python benchmarks/workbook_read.py [--rows 100000] [--runs 3] [--keep FILE]``. Generates a 13-column
sheet shaped like a commune's export (NIS code, commune, postal code, street, coordinates, e-mail, phone,
enterprise number, creation date, amount, category, remarks; a title row, a few planted defects), then runs in
the same session, each in a fresh interpreter: a python-calamine read of every row (the floor), an openpyxl
read-only pass (the previous reader) and ``odwb-assist check``; prints the median wall time of each and the
ratios (target: check <= 2x the calamine read).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMUNES = [("62063", "Liège", "4000", 50.6326, 5.5797), ("92094", "Namur", "5000", 50.4674, 4.8720),
            ("52011", "Charleroi", "6000", 50.4108, 4.4446), ("25112", "Wavre", "1300", 50.7172, 4.6014),
            ("81001", "Arlon", "6700", 49.6833, 5.8167), ("53053", "Mons", "7000", 50.4542, 3.9523),
            ("63079", "Verviers", "4800", 50.5891, 5.8620), ("91034", "Dinant", "5500", 50.2606, 4.9122)]
HEADER = ["code_ins", "commune", "code_postal", "rue", "latitude", "longitude", "courriel", "telephone",
          "numero_entreprise", "date_creation", "montant", "categorie", "remarques"]
STREETS = ["Rue de Fer", "Avenue des Tilleuls", "Place Saint-Aubain", "Chaussée de Louvain", "Rue du Pont"]
CATEGORIES = ["Voirie", "Écoles", "Culture", "Sport", "Social", "Environnement"]

READ_CALAMINE = ("import sys; from python_calamine import CalamineWorkbook; "
                 "b = CalamineWorkbook.from_path(sys.argv[1]); "
                 "rows = b.get_sheet_by_name(b.sheet_names[0]).to_python(skip_empty_area=False); print(len(rows))")
READ_OPENPYXL = ("import sys, openpyxl; b = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True); "
                 "print(sum(1 for _ in b.worksheets[0].iter_rows(values_only=True)))")


def generate(path: Path, rows: int, seed: int = 1) -> None:
    import openpyxl

    rnd = random.Random(seed)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Subsides")
    sheet.append(["Subsides communaux accordés (export du logiciel de gestion)"])
    sheet.append(HEADER)
    start = dt.date(2015, 1, 1)
    for i in range(rows):
        nis, name, postal, lat, lon = COMMUNES[i % len(COMMUNES)]
        slug = name.lower().replace("è", "e")
        remark = "" if i % 7 else rnd.choice(["à vérifier", "dossier complet", "payé en deux fois"])
        row = [int(nis), name, int(postal), f"{rnd.choice(STREETS)} {rnd.randint(1, 200)}",
               round(lat + rnd.uniform(-0.05, 0.05), 6), round(lon + rnd.uniform(-0.05, 0.05), 6),
               f"service.{i % 50}@{slug}.be", f"+32 {rnd.randint(10, 99)} {rnd.randint(10, 99)} {rnd.randint(10, 99)} "
               f"{rnd.randint(10, 99)}", f"0{rnd.randint(200, 999)}.{rnd.randint(100, 999)}.{rnd.randint(100, 999)}",
               start + dt.timedelta(days=i % 3000), round(rnd.uniform(50, 25000), 2), rnd.choice(CATEGORIES), remark]
        if i % 5000 == 17:
            row[10] = "n.d."  # planted defects: a placeholder in a numeric column, a personal e-mail
        if i % 7000 == 23:
            row[6] = "jean.dupont@gmail.com"
        sheet.append(row)
    book.save(path)


def timed(command: list[str], runs: int) -> tuple[float, int]:
    """(median wall seconds over ``runs``, exit code of the last run)."""
    times = []
    code = 0
    for _ in range(runs):
        started = time.perf_counter()
        code = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode
        times.append(time.perf_counter() - started)
    return statistics.median(times), code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the generated XLSX at this path (reused when it exists)")
    args = parser.parse_args(argv)
    bindir = Path(sys.executable).parent
    odwb = [str(bindir / "odwb-assist")] if (bindir / "odwb-assist").exists() else [sys.executable, "-m", "odwb_assist"]
    with tempfile.TemporaryDirectory() as folder:
        data = args.keep or Path(folder) / "subsides.xlsx"
        if not data.exists():
            started = time.perf_counter()
            generate(data, args.rows)
            print(f"generated {args.rows:,} rows x {len(HEADER)} columns ({data.stat().st_size / 1e6:.1f} MB) "
                  f"in {time.perf_counter() - started:.1f} s")
        calamine, _ = timed([sys.executable, "-c", READ_CALAMINE, str(data)], args.runs)
        openpyxl, _ = timed([sys.executable, "-c", READ_OPENPYXL, str(data)], args.runs)
        report = Path(folder) / "report.json"
        check, code = timed([*odwb, "check", str(data), "--format", "json", "--output", str(report)], args.runs)
    print(f"calamine read       : {calamine:6.2f} s")
    print(f"openpyxl read-only  : {openpyxl:6.2f} s  ({openpyxl / calamine:.2f}x calamine)")
    print(f"odwb-assist check   : {check:6.2f} s  ({check / calamine:.2f}x calamine, target <= 2)  exit {code}")
    return 0 if code in (0, 1) else 1


if __name__ == "__main__":
    sys.exit(main())
