"""A database's dates for « no date »: the end of time (« 31/12/9999 », « 9999-12-31 ») and a calendar's day zero
(« 30/12/1899 »), said per column as ``sentinel-date``; kept by the fix (written ISO as any date)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from odwb_assist.checks.sentinel_dates import is_sentinel
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

PM = get_plugin_manager(load_entrypoints=False)
# a staff register exported from an HR application: contracts without end, a birth date never given
STAFF = [["Agent", "Entrée", "Fin de contrat", "Mise à jour", "Matricule"],
         ["A", "01/03/2019", "31/12/9999", "2024-01-02 09:15:00", "9999"],
         ["B", "15/06/2020", "31/12/2023", "2024-01-03 10:20:00", "1899"],
         ["C", "30/12/1899", "31/12/9999", "9999-12-31 00:00:00", "3000"],
         ["D", "01/09/2021", "31/12/9999", "2024-01-05 11:45:00", "2999"],
         ["E", "01/01/1900", "31/12/2099", "2024-01-06 14:05:00", "1234"]]


def write(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(";".join(row) for row in rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("chunk_rows", [None, 2])
def test_dates_for_no_date_are_said_per_column(tmp_path: Path, chunk_rows: int | None) -> None:
    report = check(write(tmp_path / "personnel.csv", STAFF), plugins=PM, chunk_rows=chunk_rows)
    found = {f.field_name: (f.count, f.row_number, f.cell) for f in report.findings if f.type == "sentinel-date"}
    assert found == {"Fin de contrat": (3, 2, "31/12/9999"), "Entrée": (1, 4, "30/12/1899"),
                     "Mise à jour": (1, 4, "9999-12-31 00:00:00")}  # not 2099, not 1900-01-01, not a number
    message = next(f.message for f in report.findings if f.type == "sentinel-date")
    assert "pour « pas de date » (sans fin, inconnue)" in message.fr and "for 'no date'" in message.en


def test_the_fix_keeps_them(tmp_path: Path) -> None:
    out = tmp_path / "propre.csv"
    fix(write(tmp_path / "personnel.csv", STAFF), out, plugins=PM)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[2] for row in rows[1:]] == ["9999-12-31", "2023-12-31", "9999-12-31", "9999-12-31", "2099-12-31"]
    assert rows[3][1] == "1899-12-30"


@pytest.mark.parametrize(("text", "said"), [
    ("31/12/9999", True), ("31.12.9999", True), (" 9999-12-31 ", True), ("2999-12-31", True), ("01/01/3000", True),
    ("9999-12-31T00:00:00", True), ("30/12/1899", True), ("1899-12-31", True),
    ("31/12/2099", False), ("01/01/1900", False), ("1899-12-29", False), ("9999", False), ("31/13/9999", False),
    ("Rue du 31/12/9999", False), ("", False),
])
def test_which_dates_are_for_no_date(text: str, said: bool) -> None:
    assert is_sentinel(text) is said


def test_a_column_of_iso_dates_is_read_whole(tmp_path: Path) -> None:
    rows = [["Permis", "Valable jusqu'au"]] + [[f"P{i}", f"2025-0{1 + i % 9}-1{i % 10}"] for i in range(30)]
    rows[7][1] = "9999-12-31"
    report = check(write(tmp_path / "permis.csv", rows), plugins=PM)
    assert report.types["Valable jusqu'au"] == "date"
    assert [(f.field_name, f.row_number) for f in report.findings if f.type == "sentinel-date"] == [
        ("Valable jusqu'au", 8)]
