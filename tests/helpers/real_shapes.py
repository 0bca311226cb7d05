"""Tables shaped like real exports, built for the tests (never copied from real files)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
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


# Cells of a timestamp column below the sample that Frictionless's datetime reader refuses or reads: an impossible
# day, 24:00:00 (isoparse's next midnight), fractions, an offset, a « T », a placeholder, a local date, a date only.
ODD_TIMESTAMPS = ["2023-02-29 08:00:00", "2024-02-29 08:00:00", "2024-04-31 12:00:00", "2024-01-31 24:00:00",
                  "2024-01-31 24:30:00", "2024-01-31 10:15:00.5", "2024-01-31 10:15:00,250", "2024-01-31T10:15:00+01:00",
                  "2024-01-31T10:15:00Z", "2024-13-01 10:00:00", "0000-01-01 00:00:00", "0999-12-31 23:59:59", "-",
                  "31/01/2024 10:15", "2024-01-31", "2024-01-31 10:15", " 2024-01-31 10:15:00", "2024-01-31_10:15:00"]
ODD_TIMES = ["24:00:00", "23:59:60", "7:30:00", "07:30", "07:30:00.123456", "07:30:00+02:00", "n.d.", "12h30"]


ODD_MONTHS = ["2024-13", "2024-1", "24-01", "2024-00", "2024/01", "janvier 2024", "-", "2024-01-15"]
ODD_POINTS = ["50.46,4.87", "4.87; 50.46", "50,46, 4,87", "200.5, 10", "10, 95", "180, 90", "180.0000001, 1",
              "-179.9999999, -89.9999999", "+4.87, +50.46", " 4.87 , 50.46 ", "4.87 50.46", "", "n.d."]


def timestamp_rows(rows: int = 600) -> list[list[str]]:
    """A database export: an id, a creation timestamp (« 2024-01-31 14:05:00 »), an opening time (« 08:30:00 »), a
    month (« 2024-01 »), a position as ODS writes it (« 50.4667, 4.8667 »), a label; its odd cells
    (:data:`ODD_TIMESTAMPS`, :data:`ODD_TIMES`, :data:`ODD_MONTHS`, :data:`ODD_POINTS`) come after the first 100
    records."""
    return list(iter_timestamp_rows(rows))


def iter_timestamp_rows(rows: int) -> Iterator[list[str]]:
    """:func:`timestamp_rows`, one row at a time (the header first): for files of millions of rows."""
    odd: dict[int, list[tuple[int, str]]] = {}
    for column, (first, step, cells) in enumerate([(150, 7, ODD_TIMESTAMPS), (160, 11, ODD_TIMES),
                                                   (170, 13, ODD_MONTHS), (180, 9, ODD_POINTS)], start=1):
        for offset, cell in enumerate(cells):
            odd.setdefault(first + step * offset, []).append((column, cell))
    yield ["id", "cree_le", "ouverture", "mois", "position", "libelle"]
    for n in range(rows):
        stamp = f"20{10 + n % 15}-{1 + n % 12:02d}-{1 + n % 28:02d} {n % 24:02d}:{n % 60:02d}:{(7 * n) % 60:02d}"
        row = [str(n), stamp, f"{6 + n % 4:02d}:{15 * (n % 4):02d}:00", f"20{15 + n % 10}-{1 + n % 12:02d}",
               f"{50 + (n % 97) / 100:.4f}, {4 + (n % 89) / 100:.4f}", f"guichet {n % 9}"]
        for column, cell in odd.get(n + 1, ()):  # the table's row n + 1 (row 0 is the header)
            row[column] = cell
        yield row


def portal_export_rows(years: range = range(1990, 2025), communes: int = 5) -> list[list[str]]:
    """A dataset as the portal exports it: « Geo Point » (« lat, lon ») and « Geo Shape » (the commune's outline as
    a GeoJSON geometry), each commune's row repeated every year; odd geometries below the sample: rows 151 (not a
    GeoJSON type) and 161 (JSON cut short) are type errors, 171 (a point) is valid, 172 is empty."""
    import json

    outlines = {f"9{k + 1:04d}": {"coordinates": [[[4.80 + k / 100, 50.40], [4.85 + k / 100, 50.45],
                                                   [4.90 + k / 100, 50.40], [4.80 + k / 100, 50.40]]],
                                  "type": "Polygon"} for k in range(communes)}
    rows = [["Code INS", "Année", "Population", "Geo Point", "Geo Shape"]]
    for year in years:
        for k, (nis, outline) in enumerate(outlines.items()):
            rows.append([nis, str(year), str(10000 + 37 * k + year), f"50.4{k % 10}, 4.8{k % 10}", json.dumps(outline)])
    if len(rows) > 172:
        rows[150][4] = json.dumps({"type": "Polygone", "coordinates": []})
        rows[160][4] = '{"coordinates": [[4.8, 50.4]'
        rows[170][4] = json.dumps({"type": "Point", "coordinates": [4.8, 50.4]})
        rows[171][4] = ""
    return rows
