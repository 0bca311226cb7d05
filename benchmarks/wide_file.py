"""Benchmark: ``odwb-assist check`` against ``frictionless validate`` on a wide workbook.

Usage: ``python benchmarks/wide_file.py [--columns 500] [--rows 8] [--repeat 3] [--keep FILE]``.
Writes an .xlsx of 500 columns and a few rows, shaped like a building-permit or budget export
(identifiers, NIS and postal codes, communes, dates, amounts, e-mail addresses, phone numbers,
free text, yearly indicators), runs both commands on it in the same run (best of ``--repeat``
runs each, whole processes: start-up included) and prints the time ratio. Target: <= 1.5.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

COMMUNES = [("62063", "Liège", "4000"), ("92094", "Namur", "5000"), ("52011", "Charleroi", "6000"),
            ("25112", "Wavre", "1300"), ("81001", "Arlon", "6700"), ("53053", "Mons", "7000")]
# (header, value maker): the first columns of a real export, then repeated indicator groups.
FIRST = [
    ("numero_dossier", lambda r, i: f"PU-2024-{1000 + i}"),
    ("code_ins", lambda r, i: COMMUNES[i % 6][0]),
    ("commune", lambda r, i: COMMUNES[i % 6][1]),
    ("code_postal", lambda r, i: COMMUNES[i % 6][2]),
    ("date_depot", lambda r, i: f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"),
    ("date_decision", lambda r, i: f"{1 + i % 28:02d}/{1 + i % 12:02d}/2024"),
    ("demandeur", lambda r, i: r.choice(["Société Immo SA", "Commune", "Particulier", "Intercommunale"])),
    ("courriel_service", lambda r, i: "urbanisme@namur.be"),
    ("telephone_service", lambda r, i: "081 24 64 11"),
    ("latitude", lambda r, i: f"{50.4 + r.random() / 5:.5f}"),
    ("longitude", lambda r, i: f"{4.8 + r.random() / 5:.5f}"),
    ("description", lambda r, i: r.choice(["Construction d'une habitation", "Transformation", "Démolition d'un hangar"])),
]
GROUP = [
    ("montant_{n}", lambda r, i: round(r.uniform(0, 100000), 2)),
    ("surface_m2_{n}", lambda r, i: r.randint(10, 5000)),
    ("nombre_logements_{n}", lambda r, i: r.randint(0, 40)),
    ("statut_{n}", lambda r, i: r.choice(["accordé", "refusé", "en cours"])),
    ("remarque_{n}", lambda r, i: r.choice(["", "voir annexe", "dossier complet", "avis favorable"])),
    ("annee_{n}", lambda r, i: 2000 + r.randint(0, 24)),
    ("taux_{n}", lambda r, i: round(r.random(), 3)),
    ("reference_{n}", lambda r, i: f"REF-{r.randint(1, 99999):05d}"),
]


def generate(path: Path, columns: int, rows: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    spec = list(FIRST)
    n = 1
    while len(spec) < columns:
        spec.extend((label.format(n=f"{n:03d}"), make) for label, make in GROUP)
        n += 1
    spec = spec[:columns]
    book = Workbook()
    sheet = book.active
    sheet.title = "Permis"
    sheet.append([label for label, _ in spec])
    for i in range(rows):
        sheet.append([make(rnd, i) for _, make in spec])
    book.save(path)


def best(command: list[str], repeat: int, cwd: Path | None = None) -> tuple[float, int]:
    """(best wall seconds over ``repeat`` runs, exit code of the last) of one whole command."""
    times = []
    code = 0
    for _ in range(repeat):
        started = time.perf_counter()
        code = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd).returncode
        times.append(time.perf_counter() - started)
    return min(times), code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--columns", type=int, default=500)
    parser.add_argument("--rows", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the generated workbook at this path")
    args = parser.parse_args(argv)
    bindir = Path(sys.executable).parent
    odwb = [str(bindir / "odwb-assist")] if (bindir / "odwb-assist").exists() else [sys.executable, "-m", "odwb_assist"]
    frictionless = [str(bindir / "frictionless")] if (bindir / "frictionless").exists() else ["frictionless"]
    with tempfile.TemporaryDirectory() as folder:
        data = args.keep or Path(folder) / "permis.xlsx"
        generate(data, args.columns, args.rows)
        print(f"generated {args.rows} rows x {args.columns} columns ({data.stat().st_size / 1e3:.0f} kB)")
        report = Path(folder) / "report.json"
        ours = best([*odwb, "check", str(data), "--format", "json", "--output", str(report)], args.repeat)
        # frictionless refuses absolute paths by default: give it the file name, from its folder.
        theirs = best([*frictionless, "validate", data.name, "--json"], args.repeat, cwd=data.parent)
    print(f"odwb-assist check     : {ours[0]:6.2f} s  exit {ours[1]}")
    print(f"frictionless validate : {theirs[0]:6.2f} s  exit {theirs[1]}")
    print(f"ratio (odwb / frictionless): {ours[0] / theirs[0]:.2f}  (target <= 1.5)")
    return 0 if ours[1] in (0, 1) else 1


if __name__ == "__main__":
    sys.exit(main())
