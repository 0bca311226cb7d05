"""The shared « plain number » verdict (checks/plain.py): each pattern check skips the plain numbers and still
flags exactly the values its pattern matches."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from odwb_assist.checks import date_format, decimal_comma, thousands_separator, unit_in_cell
from odwb_assist.checks.plain import pattern_mask, plain_numbers
from odwb_assist.checks.tally import value_mask
from odwb_assist.core.contract import ColumnValues

ODD = ["1 250", "1.250.000", "12,5 €", "5 km", "15/03/2024", "3.5", "+12", "12,", ",5", "-", "n.d.", " 12,5 ",
       "1.234,56", "50.465", "€ 12", "12 %", "1250 m2", "01-02-23", "45123", "0012", "-0,5", "12\n", "abc"]


def _column() -> ColumnValues:
    plain = [f"{i},{i * 7 % 1000}" for i in range(300)] + [str(-i) for i in range(300)]
    cells = plain + ODD + ["", *plain[:50]]
    return ColumnValues.from_series(pd.Series(cells, dtype="str", name="Montant"), 1)


@pytest.mark.parametrize(("pattern", "prefilter", "plain_comma"), [
    (thousands_separator.SURE_RE2, None, False),
    (decimal_comma.PATTERN, ",", True),
    (unit_in_cell.PATTERN, None, False),
    (date_format.LOCAL, None, False),
])
def test_pattern_mask_is_value_mask(pattern: str, prefilter: str | None, plain_comma: bool) -> None:
    column = _column()
    expected = value_mask(column, pattern, prefilter)
    found = pattern_mask(column, pattern, prefilter, plain_comma)
    assert found.tolist() == expected.tolist()
    assert expected.sum() > 0


def test_plain_verdict_is_computed_once_per_column() -> None:
    column = _column()
    verdicts = plain_numbers(column)
    assert verdicts is not None
    plain, comma = verdicts
    texts = column.texts
    assert not plain[texts.index("1 250")] and not plain[texts.index("+12")] and plain[texts.index("0012")]
    assert comma[texts.index("-0,5")] and not comma[texts.index("-5")]
    again = plain_numbers(column)
    assert again is not None and again[0] is plain
    assert int(np.sum(plain)) == 603  # 300 with a comma, 300 integers, 45123, 0012, -0,5


def test_small_columns_keep_python_re() -> None:
    column = ColumnValues.from_series(pd.Series(["1 250", "12"], dtype="str", name="x"), 1)
    assert plain_numbers(column) is None
    assert pattern_mask(column, thousands_separator.SURE_RE2).tolist() == [True, False]


def test_parse_values_shortcut_gives_the_whole_column_verdicts() -> None:
    import pyarrow as pa

    from odwb_assist.checks import number_arrow, numbers

    column = _column()
    cells = pa.array(column.texts + [""], type=pa.large_string())
    expected_numbers, expected_text = number_arrow.parse_arrow(cells)  # the whole column at once, as before
    found_numbers, found_text = numbers.parse_values(column)
    assert np.array_equal(found_numbers, expected_numbers[:-1], equal_nan=True)
    assert found_text.tolist() == expected_text[:-1].tolist()
    assert numbers._parse_plain(column, number_arrow.as_arrow_text(column.values)) is not None  # the shortcut was taken
    assert found_text.sum() > 0 and found_numbers[column.texts.index("-0,5")] == -0.5
