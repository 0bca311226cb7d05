"""Months written « 03/2024 » (monthly statistics, Excel's « mm/aaaa »): the portal reads them as text and sorts
« 01/2025 » before « 02/2024 ». They got a green tick while « mars 2024 » was said; now they are said and written
« 2024-03 » by the fix. File numbers « 45/2024 » stay as they are."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check
from tests.helpers.engine_spies import fix_both_ways


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def write(path: Path, label: str, cells: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([["Commune", label, "Demandes"],
                                                     *[["Namur", cell, str(10 + k)] for k, cell in enumerate(cells)]])
    return path


MONTHS = [f"{month:02d}/{year}" for year in (2024, 2025) for month in range(1, 13)]


def said(path: Path) -> list:  # noqa: ANN001
    return [f for f in check(path, plugins=pm()).findings if f.type == "month-year"]


def test_a_column_of_months_is_said_and_written_iso(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write(tmp_path / "demandes.csv", "Période", MONTHS)
    [found] = said(source)
    assert (found.field_name, found.count, found.row_number, found.cell) == ("Période", 24, 2, "01/2024")
    assert "« 01/2025 » avant « 02/2024 »" in found.message("fr") and "month/year" in found.message("en")
    streamed, whole = fix_both_ways(source, tmp_path, monkeypatch, pm())
    assert streamed["files"] == whole["files"]
    rows = list(csv.reader(streamed["files"]["propre.csv"].decode("utf-8").splitlines()))
    assert [row[1] for row in rows[1:4]] == ["2024-01", "2024-02", "2024-03"] and rows[-1][1] == "2025-12"
    assert not said(tmp_path / "stream" / "propre.csv")


@pytest.mark.parametrize(("label", "cells", "expected"), [
    ("Mois", ["3/2024", "4/2024", "12/2024"], 3),  # a month of one digit: the label says months
    ("Référence", ["3/2024", "4/2024", "12/2024"], 0),
    ("N° de délibération", ["03/2024", "04/2024", "11/2024"], 0),  # numbers of the year's deliberations
    ("Délibération", ["03/2024", "45/2024", "11/2024"], 0),  # 45 is no month
    ("Période", ["01/2024", "01/2024", "01/2024"], 0),  # one value: nothing to sort
    ("Période", ["01/2024", "n.d.", "02/2024"], 0),  # another kind of cell: left to the checks of placeholders
])
def test_what_is_not_a_column_of_months(tmp_path: Path, label: str, cells: list[str], expected: int) -> None:
    assert sum(f.count for f in said(write(tmp_path / "f.csv", label, cells))) == expected
