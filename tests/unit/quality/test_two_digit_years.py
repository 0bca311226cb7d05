"""Two-digit years read as Excel reads one typed in a cell, between 1930 and 2029: « 15/03/65 » in a column of birth
dates was written 2065-03-15 by the fix (00-69 were read as 20xx)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from odwb_assist.checks.date_format import to_iso
from odwb_assist.checks.two_digit_years import full_year
from odwb_assist.checks.written_dates import _iso
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import fix

PM = get_plugin_manager(load_entrypoints=False)


@pytest.mark.parametrize(("two", "year"), [(0, 2000), (24, 2024), (29, 2029), (30, 1930), (65, 1965), (99, 1999)])
def test_the_century_is_excels(two: int, year: int) -> None:
    assert full_year(two) == year


def test_every_reading_of_a_two_digit_year_agrees() -> None:
    assert to_iso(pd.Series(["15/03/65", "01/09/24", "30/06/48 10:15"])).tolist() == [
        "1965-03-15", "2024-09-01", "1948-06-30T10:15:00"]
    assert (_iso("15-déc.-45"), _iso("janv.-35"), _iso("mai-29")) == ("1945-12-15", "1935-01", "2029-05")


def test_birth_dates_written_with_two_digits_stay_in_the_past(tmp_path: Path) -> None:
    source = tmp_path / "membres.csv"
    source.write_text("nom;naissance;entrée\nA;15/03/65;01/09/24\nB;30/06/48;15/01/25\nC;05/05/01;01/02/23\n",
                      encoding="utf-8")
    out = tmp_path / "propre.csv"
    fix(source, out, plugins=PM)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[1] for row in rows[1:]] == ["1965-03-15", "1948-06-30", "2001-05-05"]
    assert [row[2] for row in rows[1:]] == ["2024-09-01", "2025-01-15", "2023-02-01"]
