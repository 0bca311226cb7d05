"""`read-as-text`: a column mostly of dates or decimal numbers that the portal will type as text is said, with the
first cell that is not one; whole numbers among codes or house numbers (« B012 », « 12A »), explained cells and schemas
are left alone."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import openpyxl
import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check
from odwb_assist.quality.typecheck import FLOOR

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


def write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    return write_csv(path, [header, *rows], delimiter=",", encoding="utf-8")


def closing_dates(count: int, seed: int = 7) -> list[list[str]]:
    """Requests to the commune: most closed on an ISO date, some « en cours », some dates Excel saved as numbers."""
    rnd = random.Random(seed)
    rows = []
    for n in range(count):
        draw = rnd.random()
        if draw < 0.78:
            closed = f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        elif draw < 0.93:
            closed = str(rnd.randint(45000, 45600))
        else:
            closed = "en cours"
        rows.append([f"R{n}", rnd.choice(["Voirie", "Éclairage public", "Propreté"]), closed])
    return rows


def found(path: Path, **options: object) -> list:  # noqa: ANN401
    return [f for f in check(path, plugins=PM, **options).findings if f.type == "read-as-text"]  # type: ignore[arg-type]


def test_a_column_mostly_of_dates_is_said_to_become_text(tmp_path: Path) -> None:
    rows = closing_dates(200)
    path = write(tmp_path / "demandes.csv", ["numero", "service", "cloture"], rows)
    report = check(path, plugins=PM)
    assert report.types["cloture"] == "string"
    [finding] = [f for f in report.findings if f.type == "read-as-text"]
    bad = [n + 2 for n, row in enumerate(rows) if not row[2].startswith("2024-")]
    assert (finding.field_name, finding.row_number, finding.cell) == ("cloture", bad[0], rows[bad[0] - 2][2])
    assert finding.severity.value == "warning" and finding.extra["expectedType"] == "date"
    assert finding.extra["cells"] == len(bad) and finding.extra["filled"] == 200
    text = finding.message("fr")
    assert text.startswith(f"Colonne « cloture » : {200 - len(bad)} cellules sur 200 sont des dates, mais {len(bad)} ")
    assert "le portail lira toute la colonne comme du texte" in text
    assert "date d'Excel enregistrée comme nombre" in text and "Format de cellule > Date" in finding.tip("fr")
    assert "the portal will read the whole column as text" in finding.message("en")


def test_past_the_first_thousand_contradictions_the_cells_are_still_counted(tmp_path: Path) -> None:
    rows = closing_dates(12_000)
    bad = sum(1 for row in rows if not row[2].startswith("2024-"))
    assert bad > FLOOR  # the date type is given up for its type-errors, then only counted
    [finding] = found(write(tmp_path / "demandes.csv", ["numero", "service", "cloture"], rows))
    assert finding.extra["cells"] == bad and finding.extra["filled"] == 12_000


def test_amounts_with_a_fifth_of_remarks_are_numbers_read_as_text(tmp_path: Path) -> None:
    rows = [[f"D{n}", "voir annexe" if n % 5 == 3 else f"{n * 17.25:.2f}"] for n in range(60)]
    [finding] = found(write(tmp_path / "subsides.csv", ["dossier", "montant"], rows))
    assert (finding.field_name, finding.row_number, finding.cell) == ("montant", 5, "voir annexe")
    assert finding.extra == {"expectedType": "number", "cells": 12, "filled": 60,
                             "examples": [{"rowNumber": 5, "cell": "voir annexe"}]}
    assert "48 cellules sur 60 sont des nombres" in finding.message("fr")
    assert "date d'Excel" not in finding.message("fr")


@pytest.mark.parametrize("cells", [
    [str(n) if n % 4 else f"{n}A" for n in range(1, 61)],  # house numbers: 12, 12A
    [f"{n:04d}" if n % 5 else f"B{n:03d}" for n in range(60)],  # codes
    [f"2024-01-{n % 28 + 1:02d}" if n % 2 else "en cours" for n in range(60)],  # half of the cells are no dates
    [f"2024-01-{n:02d}" for n in range(1, 8)] + ["en cours"] * 3,  # a few dates among words
    [f"2024-01-{n % 28 + 1:02d}" if n % 4 else f"2024-01-{n % 28 + 1:02d}T10:00:00" for n in range(60)],  # date-times
])
def test_text_by_nature_or_by_half_is_not_said(tmp_path: Path, cells: list[str]) -> None:
    assert found(write(tmp_path / "t.csv", ["id", "valeur"], [[str(n), cell] for n, cell in enumerate(cells)])) == []


def test_a_count_column_with_words_is_said_although_its_numbers_are_whole(tmp_path: Path) -> None:
    """« à définir » among whole numbers: the portal reads the capacities as text (before, whole numbers were never
    said, for the sake of codes and house numbers, whose other cells hold digits)."""
    rows = [[f"Salle {n}", "à définir" if n % 4 == 0 else str(50 + n)] for n in range(40)]
    [finding] = found(write(tmp_path / "salles.csv", ["salle", "nombre_de_places"], rows))
    assert (finding.field_name, finding.row_number, finding.cell) == ("nombre_de_places", 2, "à définir")
    assert "30 cellules sur 40 sont des nombres" in finding.message("fr")


def test_cells_another_finding_explains_are_not_said_twice(tmp_path: Path) -> None:
    rows = [[f"D{n}", f"{n},5" if n % 5 == 3 else f"{n}.5"] for n in range(60)]  # a fifth with a decimal comma
    path = write(tmp_path / "montants.csv", ["dossier", "montant"], rows)
    report = check(path, plugins=PM)
    assert [f.field_name for f in report.findings if f.type == "decimal-comma"] == ["montant"]
    assert not [f for f in report.findings if f.type == "read-as-text"]


def test_a_schema_checks_cell_by_cell_instead(tmp_path: Path) -> None:
    path = write(tmp_path / "demandes.csv", ["numero", "service", "cloture"], closing_dates(200))
    schema = tmp_path / "schema.json"
    schema.write_text('{"fields": [{"name": "numero", "type": "string"}, {"name": "service", "type": "string"}, '
                      '{"name": "cloture", "type": "date"}]}', encoding="utf-8")
    report = check(path, plugins=PM, schema=schema)
    assert not [f for f in report.findings if f.type == "read-as-text"]
    assert [f.field_name for f in report.findings if f.type == "type-error"] == ["cloture"]


def test_a_sheet_says_the_same(tmp_path: Path) -> None:
    rows = closing_dates(200)
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["numero", "service", "cloture"], *rows]:
        sheet.append(row)
    book.save(tmp_path / "demandes.xlsx")
    from_csv = found(write(tmp_path / "demandes.csv", ["numero", "service", "cloture"], rows))
    from_sheet = found(tmp_path / "demandes.xlsx")
    assert [(f.row_number, f.cell, f.extra) for f in from_sheet] == [(f.row_number, f.cell, f.extra) for f in from_csv]
