"""A sheet used as a form of check boxes (« Accessible PMR » ticked « X » or left empty) published as it is: on the
portal an empty cell is no value, not « non ». It got a green tick; now it is said, and left to its author."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def write(path: Path, column: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([["Bâtiment", "Adresse", "Accessible PMR"],
                                                     *[[f"Bâtiment {k}", f"Rue {k}", cell] for k, cell in enumerate(column)]])
    return path


@pytest.mark.parametrize("tick", ["X", "x", "✓", " X "])
def test_a_column_of_ticks_and_empty_cells_is_said(tmp_path: Path, tick: str) -> None:
    cells = [tick if k % 3 else "" for k in range(30)]
    [said] = [f for f in check(write(tmp_path / "batiments.csv", cells), plugins=pm()).findings
              if f.type == "checkbox-column"]
    assert (said.field_name, said.row_number, said.severity.value) == ("Accessible PMR", 3, "warning")
    assert said.extra == {"ticks": 20, "empty": 10}
    assert f"« {tick.strip()} » (20 fois) ou vides (10 fois)" in said.message("fr")
    assert "reads as no value, not as 'no'" in said.message("en") and "« Oui » et « Non »" in said.tip("fr")


@pytest.mark.parametrize("cells", [
    ["X"] * 30,  # every box ticked: nothing ambiguous
    ["X" if k % 3 else "Non" for k in range(30)],  # another value
    ["X" if k % 3 else "✓" for k in range(28)] + ["", ""],  # two marks: two values
    ["X", "", "", "", "X"] + [""] * 25,  # two ticks: too few to tell
    [str(k) if k % 3 else "" for k in range(30)],  # numbers
])
def test_what_is_not_a_column_of_check_boxes(tmp_path: Path, cells: list[str]) -> None:
    assert not [f for f in check(write(tmp_path / "batiments.csv", cells), plugins=pm()).findings
                if f.type == "checkbox-column"]


def test_ticks_counted_across_chunks(tmp_path: Path) -> None:
    cells = [("X" if k % 2 else "") if k > 40 else "" for k in range(100)]
    [said] = [f for f in check(write(tmp_path / "b.csv", cells), plugins=pm(), chunk_rows=20).findings
              if f.type == "checkbox-column"]
    assert said.extra == {"ticks": 30, "empty": 70} and said.row_number == 43
