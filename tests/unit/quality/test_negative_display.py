"""Negative numbers written for display (« (1 500,00) », « 1.500,00- », « −12,5 »): said by the check, as the fix
``number-display`` reads them. Before, a column of them got a green tick (decimal commas said, the negatives not) or
``read-as-text``, whose advice (« videz ces cellules ») would have lost the amounts."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pytest

from odwb_assist.checks.negative_display import negative_displays
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check
from tests.helpers.engine_spies import fix_both_ways

SAID = ["(1 500,00)", "1.500,00-", "\u221212,5", "(3 353,81 €)", "82961,17-", " (4442.03) ", "(1\u202f234,50)"]
NOT_SAID = ["(2)", "2-", "1990-", "-12,5", "(voir note)", "081/24.86.11", "12,50 €", "- €", "(081) 24 86 11", "10-15",
            "Chef-lieu (1)", "", "(1 500,00", "(-5,00)", "Rue de la Station (gare)", " -12 € ", "  -1 500,00  "]


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def test_which_cells_are_negatives_written_for_display() -> None:
    found = negative_displays(pa.array(SAID + NOT_SAID, type=pa.string()))
    assert found.tolist() == [True] * len(SAID) + [False] * len(NOT_SAID)


def budget(path: Path, negative: str, decimal: str = ".", delimiter: str = ",") -> Path:
    """A budget's adjustments as a text export writes them: every third one a negative shown as ``negative``
    (« ({}) » or « {}- »), the amounts with ``decimal``."""
    rows = [["Article", "Libellé", "Budget initial", "Modification"]]
    for number in range(30):
        amount = f"{1000 + number * 37}{decimal}{number % 100:02d}"
        change = f"{200 + number * 11}{decimal}50"
        rows.append([f"{100 + number}/123-01", f"Frais {number}", amount,
                     negative.format(change) if number % 3 == 0 else change])
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


@pytest.mark.parametrize("negative", ["({})", "{}-", "\u2212{}"])
def test_a_column_of_amounts_with_negatives_for_display_is_said_not_read_as_text(tmp_path: Path, negative: str) -> None:
    report = check(budget(tmp_path / "budget.csv", negative), plugins=pm())
    [said] = [f for f in report.findings if f.type == "negative-display"]
    assert (said.field_name, said.count, said.row_number, said.severity.value) == ("Modification", 10, 2, "warning")
    assert said.cell == negative.format("200.50")
    assert f"« {negative.format('200.50')} »" in said.message("fr") and "négatif" in said.message("fr")
    assert "negative number(s) written for display" in said.message("en")
    assert "odwb-assist fix" in said.tip("fr")
    # the finding explains the column: no read-as-text, whose advice was to empty those cells
    assert not [f for f in report.findings if f.type in ("read-as-text", "type-error")]


def test_fix_writes_them_with_a_leading_minus_streamed_or_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = budget(tmp_path / "budget.csv", "{}-", decimal=",", delimiter=";")
    report = check(source, plugins=pm())
    assert {f.type for f in report.findings if f.field_name == "Modification"} == {"negative-display", "decimal-comma"}
    streamed, whole = fix_both_ways(source, tmp_path, monkeypatch, pm())
    assert streamed["files"] == whole["files"]
    rows = list(csv.reader(streamed["files"]["propre.csv"].decode("utf-8").splitlines()))
    assert [row[3] for row in rows[1:4]] == ["-200.50", "211.50", "222.50"]
    again = check(tmp_path / "stream" / "propre.csv", plugins=pm())
    assert again.types["Modification"] == "number"
    assert not [f for f in again.findings if f.field_name == "Modification"]


def test_text_columns_and_lone_amounts_are_not_said(tmp_path: Path) -> None:
    """A column of remarks holding an amount in parentheses, and a column of ranges (« 10-15 ») are no columns of
    numbers: nothing to say (a negative there may be anything)."""
    source = tmp_path / "remarques.csv"
    rows = [["Dossier", "Remarque", "Tranche"]]
    for number in range(30):
        rows.append([f"D{number}", "(1 500,00)" if number == 4 else f"Voir le dossier {number}",
                     "1.500,00-" if number == 7 else f"{number}-{number + 5}"])
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    assert not [f for f in check(source, plugins=pm()).findings if f.type == "negative-display"]
