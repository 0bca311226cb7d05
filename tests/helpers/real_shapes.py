"""Tables shaped like real exports, built for the tests (never copied from real files)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

COMMUNES = {  # arrondissement -> communes with a made-up number of permits
    "Dinant": [("Ciney", 41), ("Dinant", 37), ("Rochefort", 22)],
    "Namur": [("Andenne", 55), ("Somme-Leuze", 12), ("Sombreffe", 19), ("Gembloux", 61)],
    "Philippeville": [("Couvin", 17), ("Walcourt", 23)],
}


def pivot_rows(years: tuple[int, ...] = (2023, 2024)) -> list[list[str]]:
    """An Excel pivot table in tabular form: year, province, arrondissement, commune, permits, dwellings;
    « Total <arrondissement> » in column 3, « Total <année> » in column 1… and « Total général »."""
    rows = [["Année", "Province", "Arrondissement", "Commune", "Permis", "Logements"]]
    grand = [0, 0]
    for year in years:
        year_sum = [0, 0]
        for arrondissement, communes in COMMUNES.items():
            sub = [0, 0]
            for commune, permits in communes:
                dwellings = permits * 2 + year % 7
                rows.append([str(year), "Namur", arrondissement, commune, str(permits), str(dwellings)])
                sub = [sub[0] + permits, sub[1] + dwellings]
            rows.append([str(year), "Namur", f"Total {arrondissement}", "", str(sub[0]), str(sub[1])])
            year_sum = [year_sum[0] + sub[0], year_sum[1] + sub[1]]
        rows.append([f"Total {year}", "", "", "", str(year_sum[0]), str(year_sum[1])])
        grand = [grand[0] + year_sum[0], grand[1] + year_sum[1]]
    rows.append(["Total général", "", "", "", str(grand[0]), str(grand[1])])
    return rows


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ";", encoding: str = "cp1252") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path
