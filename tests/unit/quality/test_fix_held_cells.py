"""fix leaves the cell of an unclosed quote as it was read: the user mends it by hand, from the records it swallowed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from odwb_assist import quality
from odwb_assist.quality import fix_engine

# row 3's quote is never closed: its cell runs to the end of the file, trailing line break included; row 2's name
# has a space too many, which the trimming fix takes out
TEXT = 'nom;commune;montant\nA ;Namur;12\nB;Liège;"13 \nC;Dinant;14\nD;Ciney;15\n'
SWALLOWED = "13 \nC;Dinant;14\nD;Ciney;15\n"


def _fixed(tmp_path: Path, *, whole_table: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[list[list[str]], object]:
    source = tmp_path / "subsides.csv"
    source.write_text(TEXT, encoding="utf-8")
    if whole_table:  # the path of a layout fix: the table read whole, each fix's ``apply`` on it
        monkeypatch.setattr(fix_engine, "_needs_table", lambda chosen, report: True)
    out = tmp_path / "propre.csv"
    result = quality.fix(source, out, changes_file=tmp_path / "journal.csv")
    with out.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle)), result


@pytest.mark.parametrize("whole_table", [False, True], ids=["block by block", "whole table"])
def test_the_cell_of_an_unclosed_quote_is_kept_as_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       whole_table: bool) -> None:
    rows, result = _fixed(tmp_path, whole_table=whole_table, monkeypatch=monkeypatch)
    assert rows[1] == ["A", "Namur", "12"]  # other cells are still trimmed
    assert rows[2] == ["B", "Liège", SWALLOWED]  # byte for byte, its last line break too
    changed = {(change.row_number, change.field_name) for change in result.changes}  # type: ignore[attr-defined]
    assert (2, "nom") in changed and (3, "montant") not in changed
    with (tmp_path / "journal.csv").open(encoding="utf-8", newline="") as handle:
        logged = [(row[1], row[2]) for row in list(csv.reader(handle))[1:]]
    assert ("3", "montant") not in logged and ("2", "nom") in logged
    assert [finding.type for finding in result.remaining] == ["unclosed-quote"]  # type: ignore[attr-defined]


def test_a_held_row_is_only_kept_in_its_own_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "subsides.csv"
    source.write_text('nom;commune;montant\nA;Namur;12\nB ;Liège;"13 \nC;Dinant;14\n', encoding="utf-8")
    out = tmp_path / "propre.csv"
    quality.fix(source, out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[2] == ["B", "Liège", "13 \nC;Dinant;14\n"]  # « B » trimmed on the same row
