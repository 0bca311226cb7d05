"""The pyarrow.compute paths of the built-in checks give what the pandas string methods gave, cell for cell."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from odwb_assist.checks import cells, date_format, decimal_comma, numbers, thousands_separator, unit_in_cell
from odwb_assist.checks.tally import ColumnTally
from odwb_assist.core.contract import ColumnValues

PATTERNS = [(decimal_comma.PATTERN, ","), (date_format.LOCAL, None), (date_format.SERIAL, None),
            (thousands_separator.SURE_RE2, None), (thousands_separator.DOT3, None),
            (thousands_separator.OTHER_DECIMALS, None), (unit_in_cell.PATTERN, None)]


def _cells(count: int = 20000, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    alphabet = "0123456789 .,-+/%€ahkmé\u00a0\u202f'’:T\t\nEnd"
    made = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(count)]
    return made + ["12,5", "1 234,5", "1.234,5", "1,234.5", "01/02/2024", "2024-01-02", "12 km", "1.234.567", "45000",
                   "12 €", "3,5 %", "12,5\n", "n.d.", "-", " N/A ", "inf", "nan", "1e5", "50,354836", "-4,1", "+0,5"]


def _pandas_fullmatch(values: pd.Series, pattern: str, prefilter: str | None) -> np.ndarray:
    mask = np.ones(len(values), bool) if prefilter is None else \
        values.str.contains(prefilter, regex=False).to_numpy(bool, copy=True)
    at = np.flatnonzero(mask)
    mask[at] = values.iloc[at].str.fullmatch(pattern).fillna(False).to_numpy(bool)
    return mask


@pytest.mark.parametrize(("pattern", "prefilter"), PATTERNS)
def test_fullmatch_on_arrow_cells_is_pandas_fullmatch(pattern: str, prefilter: str | None) -> None:
    values = pd.Series(sorted(set(_cells())), dtype="str")
    assert cells.re2_safe(pattern)
    found = cells.fullmatch_mask(values, pattern, prefilter)
    assert (found == _pandas_fullmatch(values, pattern, prefilter)).all() and found.any()


def test_patterns_pandas_reads_with_python_re_are_left_to_pandas() -> None:
    for pattern in (r"\s*12", r"[0-9]+$", r"(?<=a)b", r"(a)\1", r"\d+", r"\bx", "\\u00e9"):
        assert not cells.re2_safe(pattern), pattern
    values = pd.Series(["12 ", "12", "a12"], dtype="str")
    assert cells.fullmatch_mask(values, r"\d+\s*").tolist() == [True, True, False]


def test_numbers_parsed_on_arrow_as_with_pandas() -> None:
    made = _cells(30000, seed=5)
    for part in (made, [cell for cell in made if cell], made[:50], ["1", "2.5", "-3"], ["1", "", "inf"]):
        values = pd.Series(part, dtype="str")
        arrow = numbers.parse_column(values)
        pandas = numbers._parse_column_pandas(values)
        assert np.array_equal(arrow[0], pandas[0], equal_nan=True) and np.array_equal(arrow[1], pandas[1])
    objects = pd.Series(made, dtype=object)  # not Arrow-backed: converted, same verdicts
    assert np.array_equal(numbers.parse_column(objects)[0], numbers._parse_column_pandas(objects)[0], equal_nan=True)


@pytest.mark.parametrize("rows", [40, 5000])
def test_tally_of_distinct_values_counts_what_the_cells_give(rows: int) -> None:
    values = pd.Series([f"{i % 37},5" if i % 3 else f"x{i % 11}" for i in range(rows)], index=range(2, rows + 2),
                       dtype="str", name="Montant")
    column = ColumnValues.from_series(values, 4)
    mask = cells.fullmatch_mask(column.values, decimal_comma.PATTERN, ",")
    by_values, by_cells = ColumnTally(), ColumnTally()
    by_values.add_values(column, mask)
    by_cells.add(column.name, column.number, column.cells(mask))
    assert by_values.counts == by_cells.counts and by_values.examples == by_cells.examples
    assert by_values.numbers == by_cells.numbers == {"Montant": 4}
    assert [list(part) for part in by_values.rows["Montant"]] == [list(part) for part in by_cells.rows["Montant"]]


def test_filled_cells_column_by_column_or_on_distinct_values_as_on_the_stacked_cells() -> None:
    blanks = ["", " ", "\u00a0", "\t \u202f", "x", " y ", "0", "\u3000"]
    rows = 3 * cells.STACK_ROWS
    chunk = pd.DataFrame({f"c{j}": [blanks[(i * (j + 1)) % len(blanks)] for i in range(rows)] for j in range(4)},
                         index=range(2, rows + 2), dtype="str")
    expected = np.array([[cell.strip() != "" for cell in row] for row in chunk.itertuples(index=False)])
    values = {p: ColumnValues.from_series(chunk.iloc[:, p], p + 1) for p in (0, 2)}
    assert (cells.filled_mask(chunk) == expected).all()
    assert (cells.filled_mask(chunk, values) == expected).all()
    assert (cells.filled_mask(chunk.head(50)) == expected[:50]).all()  # a short chunk: all cells at once
