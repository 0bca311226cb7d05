"""Periods written in one cell (an agenda, works, a school year's opening): the check says the portal cannot filter
them by date, and `fix` makes two columns of ISO dates, the start and the end, only when every filled cell is a
period or a date; year ranges, age classes and text are left alone."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from odwb_assist.checks.date_ranges import period
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)

AGENDA = [["Événement", "Lieu", "Dates"], ["Fête de la musique", "Namur", "du 19/06 au 21/06/2025"],
          ["Brocante", "Jambes", "06/07/2025"], ["Festival", "Citadelle", "01/08/2025 - 03/08/2025"],
          ["Marché de Noël", "Place d'Armes", "28/11/2025 au 04/01/2026"], ["Conférence", "Bibliothèque", ""],
          ["Stage nature", "Wépion", "15/12 - 15/01/2026"]]


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize(("cell", "expected"), [
    ("01/09/2024 - 30/06/2025", ("2024-09-01", "2025-06-30")),
    ("du 12/07 au 14/07/2024", ("2024-07-12", "2024-07-14")),
    ("15/12 - 15/01/2025", ("2024-12-15", "2025-01-15")),  # the start's year: the one before the end's
    ("2024-03-01 – 2024-03-31", ("2024-03-01", "2024-03-31")),
    ("1.9.24 > 3.9.24", ("2024-09-01", "2024-09-03")),
    ("31/02/2024 - 01/03/2024", None),  # no such day
    ("30/06/2025 - 01/09/2024", None),  # the end before the start
    ("2019-2020", None), ("18-25", None), ("08:30-12:00", None), ("01/09/2024", None)])
def test_a_period_is_two_real_dates_in_order(cell, expected):
    assert period(cell) == expected


def test_an_agenda_gets_a_start_and_an_end_column(tmp_path: Path) -> None:
    source = write(tmp_path / "agenda.csv", AGENDA)
    found = [f for f in check(source, plugins=PM).findings if f.type == "date-range"]
    assert [(f.field_name, f.row_number, f.extra["count"], f.extra["dates"], f.extra["others"]) for f in found] == [
        ("Dates", 2, 4, 1, 0)]
    assert "sans pouvoir les trier ni les filtrer par date" in found[0].message("fr")
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.counts.get("split-date-ranges") == 5
    rows = read(tmp_path / "propre.csv")
    assert rows[0] == ["Événement", "Lieu", "Dates (début)", "Dates (fin)"]
    assert [row[2:] for row in rows[1:]] == [["2025-06-19", "2025-06-21"], ["2025-07-06", "2025-07-06"],
                                             ["2025-08-01", "2025-08-03"], ["2025-11-28", "2026-01-04"], ["", ""],
                                             ["2025-12-15", "2026-01-15"]]
    assert "« du 19/06 au 21/06/2025 » → « 2025-06-19 | 2025-06-21 »" in result.preview("fr")
    kept = read(tmp_path / "propre.colonnes-retirees.csv")  # nothing lost: the column as written, aside
    assert "du 19/06 au 21/06/2025" in [cell for row in kept for cell in row]
    assert not [f for f in check(tmp_path / "propre.csv", plugins=PM).findings if f.type in ("date-range", "date-format")]


def test_a_column_with_other_text_is_reported_and_not_split(tmp_path: Path) -> None:
    rows = [*AGENDA, ["Concert", "Église", "à confirmer"]] + [[f"Atelier {i}", "Salle", f"0{i}/03/2025 - 0{i + 1}/03/2025"]
                                                                for i in range(1, 8)]
    source = write(tmp_path / "agenda.csv", rows)
    found = [f for f in check(source, plugins=PM).findings if f.type == "date-range"]
    assert [(f.extra["count"], f.extra["others"]) for f in found] == [(11, 1)]
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert not result.counts.get("split-date-ranges")
    assert read(tmp_path / "propre.csv")[0] == ["Événement", "Lieu", "Dates"]


def test_school_years_age_classes_opening_hours_and_single_dates_are_not_periods(tmp_path: Path) -> None:
    rows = [["Année scolaire", "Âge", "Heures", "Inscription"]] + [
        [f"{2015 + i}-{2016 + i}", f"{10 + i}-{12 + i}", "08:30-12:00", f"{i + 1:02d}/09/2024"] for i in range(8)]
    assert not [f for f in check(write(tmp_path / "ecoles.csv", rows), plugins=PM).findings if f.type == "date-range"]


def test_one_period_among_dates_is_not_a_column_of_periods(tmp_path: Path) -> None:
    rows = [["Dossier", "Date"]] + [[f"D{i}", f"{i + 1:02d}/03/2024"] for i in range(25)] + [["D99", "01/04/2024 - 02/04/2024"]]
    assert not [f for f in check(write(tmp_path / "dossiers.csv", rows), plugins=PM).findings if f.type == "date-range"]
