"""Byte prefilters in front of the checks' patterns (issue 17): the same verdicts as the pattern run on every
value, on crafted columns (leading blanks and tabs, accents, plain numbers, dates in every spelling)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from odwb_assist.checks.date_format import LOCAL, local_mask
from odwb_assist.checks.plain import pattern_mask
from odwb_assist.core.contract import ColumnValues


def crafted_values(count: int = 600) -> list[str]:
    generator = np.random.default_rng(17)
    pieces = ["31/12/2024", " 1.2.24", "\t01-02-2024 14h05", "05/06/2024 10:30:15", "2024-01-31", "31/12/2024x",
              "1/1/1", "50,354836", "-3", "1 234,5", "Namur", "é12/12/2024", "\u00a012/12/2024", "", " ", "12/12/12 ",
              "+32 81 22 33 44", "081 22 33 44", "0,5", "=SUM(A1)", "12 / 12 / 2024", "99/99/9999", "3.5.2024T1:05",
              "087/61.79.32", "0484/44.85.96", "02/123.45.67", "1-2", "12-", "1/"]
    values = []
    for i in range(count):
        base = pieces[int(generator.integers(0, len(pieces)))]
        values.append(base if i % 3 == 0 else f"{base} {i}" if i % 3 == 1 else f"{base}{i % 10}")
    return values + [f"{d % 28 + 1}/{d % 12 + 1}/20{d % 30:02d}" for d in range(40)]


def column_of(values: list[str], name: str = "Date") -> ColumnValues:
    series = pd.Series(values, index=range(2, len(values) + 2), dtype="str", name=name)
    return ColumnValues.from_series(series, 1)


def test_local_dates_found_through_the_first_byte_as_through_the_pattern() -> None:
    column = column_of(crafted_values())
    assert len(column) > 200  # the distinct values' path (the plain numbers known)
    found = local_mask(column)
    assert np.array_equal(found, pattern_mask(column, LOCAL))
    assert 0 < found.sum() < len(column)
    small = column_of(["31/12/2024", "Namur", " 1.2.24"])  # few values: Python's re on each, as before
    assert local_mask(small).tolist() == pattern_mask(small, LOCAL).tolist() == [True, False, True]


def test_formulas_found_through_the_signs_prefilter_as_by_the_pattern() -> None:
    """After « + », « - » or « @ » a formula needs « ( », « | » or « ! »: the other signed cells skip both patterns."""
    import pyarrow as pa

    from odwb_assist.checks.cells import compiled
    from odwb_assist.checks.formula_injection import FORMULA, _arrow_formula_mask

    cells = ["+SUM(A1)", "-cmd|' /C calc'!A0", "@Feuil1!A1", "+32 81 22 33 44", "-12,5", "=1+2", "\t=cmd", "\r+A1(",
             "- voir annexe (p. 3)", "-x(", "+a|b", "@!A", "==== ", "=", "-", "", "Namur", "+é(", "-€!$", "+(|!)",
             "-1!a", "@ab_c.d(1)", "-!$", "\t-12", "+ a (b)"]
    values = cells * 20 + [f"-{i},5" for i in range(300)] + [f"+32 {i}" for i in range(300)]
    found = _arrow_formula_mask(pa.array(values, type=pa.large_string()))
    expected = [compiled(FORMULA).fullmatch(value) is not None for value in values]
    assert found.tolist() == expected and 0 < sum(expected) < len(values)
