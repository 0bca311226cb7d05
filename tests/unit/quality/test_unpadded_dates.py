"""ISO dates without the zero of the month or the day (« 2024-1-2 »: what a script writes with ``str()`` of its
numbers, a web form's export): ISO 8601 writes both on two digits. Said in a column of dates (typed so, or under a
title that names a date), padded by the fix; a column of file numbers shaped alike (« 2023-4-15 ») is left alone."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from odwb_assist import quality
from odwb_assist.checks.date_format import padded
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import fix_engine

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)
ROWS = [["Référence", "Date de visite", "Visiteurs"],
        ["2023-1-3", "2024-1-2", "12"],
        ["2023-4-15", "2024-01-15", "8"],
        ["2023-12-45", "2024-2-9", "15"],
        ["2023-7-1", "", "3"],
        ["2023-7-2", "2024-12-1", "9"]]


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


@pytest.mark.parametrize(("text", "written"), [("2024-1-2", "2024-01-02"), ("2024-12-1", "2024-12-01"),
                                               ("2024-3-15", "2024-03-15"), ("2024-01-02", None), ("2024-2-30", None),
                                               ("2024-13-1", None), ("24-1-2", None),
                                               ("2024-1-2 10:00", "2024-01-02 10:00"),
                                               ("2024-01-02T9:05:33", "2024-01-02T09:05:33"),
                                               ("2024-01-02 10:00", None), ("2024-1-2 25:00", None),
                                               ("2024-1-2 10h00", None)])
def test_what_is_padded(text: str, written: str | None) -> None:
    assert padded(text) == written


@pytest.mark.parametrize("chunk_rows", [None, 2])
def test_unpadded_dates_are_said_in_a_column_of_dates_only(tmp_path: Path, chunk_rows: int | None) -> None:
    report = quality.check(write(tmp_path / "visites.csv", ROWS), plugins=PM, chunk_rows=chunk_rows)
    found = [(f.field_name, f.count, list(f.rows or []), f.cell, f.extra.get("unpadded"))
             for f in report.findings if f.type == "date-format"]
    assert found == [("Date de visite", 3, [2, 4, 6], "2024-1-2", True)]
    message = next(f for f in report.findings if f.type == "date-format").message
    assert message.fr.startswith("Colonne « Date de visite » : 3 date(s) écrite(s) sans le zéro du mois, du jour ou de "
                                 "l'heure (ex. ligne 2 : « 2024-1-2 ») : la norme ISO 8601 les écrit sur deux chiffres")
    assert "without the zero of the month, the day or the hour" in message.en


@pytest.mark.parametrize("whole_table", [False, True], ids=["block by block", "whole table"])
def test_the_fix_pads_them_and_leaves_the_file_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      whole_table: bool) -> None:
    if whole_table:
        monkeypatch.setattr(fix_engine, "_needs_table", lambda chosen, report: True)
    out = tmp_path / "propre.csv"
    result = quality.fix(write(tmp_path / "visites.csv", ROWS), out, plugins=PM)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[0] for row in rows[1:]] == [row[0] for row in ROWS[1:]]  # file numbers as they were
    assert [row[1] for row in rows[1:]] == ["2024-01-02", "2024-01-15", "2024-02-09", "", "2024-12-01"]
    assert "ligne 2, Date de visite : « 2024-1-2 » → « 2024-01-02 »" in result.preview("fr")
    assert not [f for f in quality.check(out, plugins=PM).findings if f.type == "date-format"]


def test_moments_without_their_zeros_in_a_column_of_moments(tmp_path: Path) -> None:
    """A web form's export: « 2024-3-5 9:07 » among padded moments; the fix pads the date and the hour, the minutes
    and the separator as written."""
    rows = [["Horodatage", "Réponse"], ["2024-3-5 9:07", "Oui"], ["2024-03-05 10:12", "Non"], ["2024-03-06 8:15:02", "Oui"]]
    report = quality.check(write(tmp_path / "formulaire.csv", rows), plugins=PM)
    assert [(f.field_name, f.count) for f in report.findings if f.type == "date-format"] == [("Horodatage", 2)]
    out = tmp_path / "propre.csv"
    quality.fix(tmp_path / "formulaire.csv", out, plugins=PM)
    with out.open(encoding="utf-8", newline="") as handle:
        assert [row[0] for row in list(csv.reader(handle))[1:]] == ["2024-03-05 09:07", "2024-03-05 10:12",
                                                                    "2024-03-06 08:15:02"]
