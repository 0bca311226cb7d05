"""Long numbers exported as Excel displayed them, in scientific notation (« 4,12346E+09 » for an enterprise
number): their last digits are lost, which no green tick may hide; measures and exact values are left alone."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from odwb_assist.checks.scientific_notation import lost_digits, lost_mask
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

# A directory of associations exported from a sheet whose number columns were too narrow.
DIRECTORY = [["Association", "Numéro BCE", "Téléphone", "Membres"],
             ["Club de foot de Ciney", "4,12346E+09", "8,1223E+10", "120"],
             ["Chorale La Lyre", "8,76543E+08", "4,75123E+11", "35"],
             ["Patro Saint-Joseph", "4,5678E+09", "8,1234E+10", "80"],
             ["Cercle d'histoire", "4,44444E+09", "0477 12 34 56", "22"]]


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


@pytest.mark.parametrize("text", ["4,12346E+09", "8,1223E+10", "4.75123e+11", "1E+10", "-2,5E+07", "4,1E+09",
                                  "1,23456789E+15", "2,5E+05"])
def test_numbers_whose_digits_were_cut(text: str) -> None:
    assert lost_digits(text)


@pytest.mark.parametrize("text", ["1,5E+03", "2E+04", "1,234567E+06", "2,5E-06", "6,02E-23", "4E+0", "Rue 4E", "4,12346",
                                  "0412.345.678", "E+09", "Annexe 2E+3 bis", "12E+3", "9,9E+100"])
def test_exact_values_measures_and_words_are_left_alone(text: str) -> None:
    assert not lost_digits(text)


def test_each_column_is_one_error_and_fix_cannot_hide_it(tmp_path: Path) -> None:
    path = tmp_path / "associations.csv"
    with path.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(DIRECTORY)
    report = check(path, plugins=pm())
    found = {f.field_name: f for f in report.findings if f.type == "scientific-notation"}
    assert set(found) == {"Numéro BCE", "Téléphone"} and not report.valid
    assert found["Numéro BCE"].count == 4 and list(found["Téléphone"].all_rows) == [2, 3, 4]
    assert "« 4,12346E+09 »" in found["Numéro BCE"].message("fr") and "Texte" in found["Numéro BCE"].tip("fr")
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle))[1][1] == "4,12346E+09"  # not « repaired » into a false number
    assert not result.counts.get("decimal-comma")


def test_the_arrow_path_agrees_with_the_text_path() -> None:
    cells = [f"Charleroi {n}" for n in range(300)] + ["4,12346E+09", "2,5E-06", "Liège", "1E+10", "Namur 1e+5x"]
    arrow = pd.Series(pd.array(cells, dtype="string[pyarrow]"))
    expected = [lost_digits(text) for text in cells]
    assert list(lost_mask(arrow)) == expected == list(lost_mask(pd.Series(cells, dtype=object)))
    assert sum(expected) == 2
