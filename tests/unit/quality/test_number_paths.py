"""The shortcuts of the number-reading checks give the verdicts of the plain paths they skip (issue 17).

Each test draws cells shaped like a spreadsheet export (numbers in French and English spellings, units, placeholders,
dates, phone numbers, empty cells, labels) and compares a fast path with the path it stands for: the distinct-value
parse with the pandas parse of the rows, the per-value date test with the row sample, the cached label verdicts with
the pattern run, the column sums with NumPy's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from odwb_assist.checks import decimal_comma, number_arrow, numbers, plain, thousands_separator, unit_in_cell
from odwb_assist.checks.merged_label_cells import _Labels
from odwb_assist.checks.placeholder_value import ColumnCounts
from odwb_assist.checks.tally import ColumnTally, value_mask
from odwb_assist.checks.total_sums import column_sums
from odwb_assist.core.contract import ColumnValues
from odwb_assist.quality.check_run import from_arrow

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.data_too_large])
SEPARATORS = [" ", "\u00a0", "\u202f", "'", "’", "."]
UNITS = ["", " %", "%", " €", "€", " EUR", " places", " m2", " km²", "km/h", " kg", "$", " Ciney", "e5", "E-3", "d"]
PLACEHOLDERS = ["-", "n.d.", "N/A", "?", "néant", "/", " - ", "ND", "nan", "NaN", "inf", "Infinity", "-inf", "nan(x)",
                "…", "Inconnu"]
LABELS = ["Namur", "Ixelles", "Rue de Fer 12", "Total", "Somme-Leuze", "BE0123.456.789", "12 rue X", "١٢", "１２",
          "ſum", "e", "N", "I"]


@st.composite
def cell(draw: st.DrawFn) -> str:
    """One cell as exports write them."""
    kind = draw(st.sampled_from(["int", "decimal", "comma", "grouped", "english", "unit", "placeholder", "date",
                                 "iso", "phone", "label", "odd", "empty"]))
    whole = draw(st.integers(0, 10**7))
    cents = draw(st.integers(0, 99))
    sign = draw(st.sampled_from(["", "", "-", "+"]))
    if kind == "int":
        return f"{sign}{whole}"
    if kind == "decimal":
        return f"{sign}{whole}.{cents:02d}"
    if kind == "comma":
        return f"{sign}{whole},{draw(st.integers(0, 999999))}"
    if kind == "grouped":
        return f"{whole:,}".replace(",", draw(st.sampled_from(SEPARATORS))) + draw(st.sampled_from(["", f",{cents}"]))
    if kind == "english":
        return f"{whole:,}.{cents:02d}"
    if kind == "unit":
        return f"{whole},{cents}" + draw(st.sampled_from(UNITS)) if draw(st.booleans()) else \
            str(whole) + draw(st.sampled_from(UNITS))
    if kind == "placeholder":
        return draw(st.sampled_from(PLACEHOLDERS))
    if kind == "date":
        return f"{draw(st.integers(1, 31)):02d}/{draw(st.integers(1, 12)):02d}/{draw(st.sampled_from([2024, 24, 1999]))}" \
            + draw(st.sampled_from(["", " 12:30", "T08h15:00"]))
    if kind == "iso":
        return f"{draw(st.integers(1900, 2030))}-{draw(st.integers(1, 12)):02d}-{draw(st.integers(1, 28)):02d}"
    if kind == "phone":
        return f"0{draw(st.integers(10, 99))}/{draw(st.integers(10, 99))}.{draw(st.integers(10, 99))}.{cents:02d}"
    if kind == "label":
        return draw(st.sampled_from(LABELS))
    if kind == "odd":
        return draw(st.text(alphabet="0123456789 .,-+/%€eEnNaIf\u00a0\t", max_size=8))
    return ""


def _column_cells(draw: st.DrawFn, size: st.SearchStrategy[int]) -> list[str]:
    """A column: one shape for most cells (coordinates, phones, dates, amounts…), a few others mixed in."""
    main = draw(st.sampled_from(["comma", "phone", "date", "int", "decimal", "mixed", "label"]))
    count = draw(size)
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    others = draw(st.lists(cell(), min_size=1, max_size=12))
    made = []
    for _ in range(count):
        if main == "mixed" or rng.random() < 0.05:
            made.append(others[int(rng.integers(len(others)))])
        elif main == "comma":
            made.append(f"{rng.random() * 100:.6f}".replace(".", ","))
        elif main == "phone":
            made.append(f"0{rng.integers(10, 99)}/{rng.integers(10, 99)}.{rng.integers(10, 99)}.{rng.integers(10, 99)}")
        elif main == "date":
            made.append(f"{rng.integers(1, 28):02d}/{rng.integers(1, 12):02d}/{rng.integers(2000, 2024)}")
        elif main == "int":
            made.append(str(rng.integers(-10**6, 10**6)))
        elif main == "decimal":
            made.append(f"{rng.random() * 1000:.2f}")
        else:
            made.append(LABELS[int(rng.integers(len(LABELS)))])
    return made


@st.composite
def column_cells(draw: st.DrawFn) -> list[str]:
    return _column_cells(draw, st.sampled_from([1, 3, 40, 70, 250, 900, 2500]))


def _encoded(cells: list[str]) -> ColumnValues:
    series = pd.Series(pd.array(cells, dtype="str"), index=pd.RangeIndex(2, 2 + len(cells)), name="Montant")
    column = from_arrow(series, 3, None)
    assert column is not None
    return column


def _rows(column: ColumnValues, verdicts: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    return np.append(verdicts[0], np.nan)[column.codes], np.append(verdicts[1], False)[column.codes]


@SETTINGS
@given(column_cells())
def test_distinct_values_parse_as_the_rows_do_with_pandas(cells: list[str]) -> None:
    """parse_values (the plain-number shortcuts, the doomed-cast sample, LOCAL first) = the pandas parse of the rows."""
    column = _encoded(cells)
    numbers._parsed.clear()
    by_values = _rows(column, numbers.parse_values(column))
    by_rows = numbers._parse_column_pandas(pd.Series(cells, dtype="str"))
    assert np.array_equal(by_values[0], by_rows[0], equal_nan=True)
    assert np.array_equal(by_values[1], by_rows[1])
    arrow = numbers.parse_column(pd.Series(cells, dtype="str"))  # the Arrow parse of the rows, its own shortcuts
    assert np.array_equal(arrow[0], by_rows[0], equal_nan=True) and np.array_equal(arrow[1], by_rows[1])


@SETTINGS
@given(st.lists(st.text(alphabet="0123456789.eE+-nNaAiIfFtTyY ,/\t\u00a0()x", max_size=10), min_size=1, max_size=80))
def test_a_cast_said_to_fail_does_fail(texts: list[str]) -> None:
    """The doomed-cast shortcut never turns away a column that pyarrow's float cast reads."""
    cells = pa.array(texts, type=pa.large_string())
    if number_arrow._cast_fails(cells):
        try:
            pc.cast(cells, pa.float64())
        except pa.ArrowInvalid:
            return
        raise AssertionError(f"the cast reads {texts}")


@SETTINGS
@given(column_cells())
def test_placeholder_counts_of_distinct_values_are_those_of_the_rows(cells: list[str]) -> None:
    """The date estimate (every text value tested at once, or the row sample) counts what the row path counts."""
    column = _encoded(cells)
    numbers._parsed.clear()
    by_values, by_rows = ColumnCounts(), ColumnCounts()
    by_values.add_values(column)
    series = pd.Series(pd.array(cells, dtype="str"), index=pd.RangeIndex(2, 2 + len(cells)))
    by_rows.add(series)
    assert (by_values.numbers, by_values.dates, by_values.text) == (by_rows.numbers, by_rows.dates, by_rows.text)
    assert by_values.placeholders == by_rows.placeholders and by_values.examples == by_rows.examples


@SETTINGS
@given(column_cells())
def test_pattern_checks_on_arrow_values_flag_what_their_patterns_match(cells: list[str]) -> None:
    column = _encoded(cells)
    for pattern, prefilter, plain_comma in ((thousands_separator.SURE_RE2, None, False),
                                            (decimal_comma.PATTERN, ",", True), (unit_in_cell.PATTERN, None, False)):
        expected = value_mask(ColumnValues.from_series(pd.Series(column.texts, dtype="str"), 1), pattern, prefilter)
        assert np.array_equal(plain.pattern_mask(column, pattern, prefilter, plain_comma), expected)
    for pattern in (thousands_separator.DOT3, thousands_separator.OTHER_DECIMALS):
        at = np.arange(0, len(column), 2)
        expected = value_mask(ColumnValues.from_series(pd.Series([column.texts[i] for i in at], dtype="str"), 1),
                              pattern)
        assert np.array_equal(plain.values_fullmatch(column, pattern, None, at), expected)


@SETTINGS
@given(st.lists(st.lists(st.one_of(cell(), st.sampled_from(["2024", " 1999 ", "12 %", "١٢", "٢٠٢٤", " ", "12\n"])),
                         min_size=3, max_size=300), min_size=1, max_size=3))
def test_label_number_verdicts_kept_across_chunks_are_the_pattern_verdicts(chunks: list[list[str]]) -> None:
    known: dict[str, bool] = {}
    for labels in chunks:
        frame = pd.DataFrame({"a": pd.array(labels, dtype="str"), "b": pd.array(["x"] * len(labels), dtype="str")})
        assert np.array_equal(_Labels(frame, 0, {}, known).numbers(), _Labels(frame, 0, {}).numbers())


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 20), st.integers(1, 3000), st.integers(0, 2**32 - 1))
def test_column_sums_round_as_numpy_nansum(width: int, rows: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = rng.normal(size=(rows, width)) * 10.0 ** rng.integers(-3, 9, size=(rows, width))
    values[rng.random((rows, width)) < 0.3] = np.nan
    text = rng.random((rows, width)) < 0.2
    for start in (0, rows // 3):
        total, words, valued = column_sums(values[start:], text[start:])
        assert np.array_equal(total, np.nansum(values[start:], axis=0))
        assert np.array_equal(words, text[start:].sum(axis=0))
        assert np.array_equal(valued, (~np.isnan(values[start:])).sum(axis=0))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(column_cells(), min_size=2, max_size=4), st.integers(0, 2**32 - 1))
def test_a_shared_chunk_parse_reads_the_checks_parse(columns: list[list[str]], seed: int) -> None:
    """parse_frame over an engine chunk (its columns parsed by parse_values first) = each column parsed alone."""
    rng = np.random.default_rng(seed)
    rows = 2100
    chunk = pd.DataFrame({f"c{j}": pd.array([cells[int(i)] for i in rng.integers(0, len(cells), rows)], dtype="str")
                          for j, cells in enumerate(columns)}, index=pd.RangeIndex(2, 2 + rows))
    numbers._parsed.clear()
    for position in range(len(columns)):
        series = chunk.iloc[:, position]
        numbers.parse_values(from_arrow(series, position + 1, None) or ColumnValues.from_series(series, position + 1))
    shared = numbers.parse_frame(chunk, shared=True)
    numbers._last[0] = None
    for position in range(len(columns)):
        alone = numbers.parse_column(chunk.iloc[:, position])
        assert np.array_equal(shared[0][:, position], alone[0], equal_nan=True)
        assert np.array_equal(shared[1][:, position], alone[1])


MOSTLY_PLAIN = [f"{i},{i * 7 % 1000}" for i in range(300)] + ["12.345", "0.5", "1.234.567", "3.25", "1 250", "12 %",
                                                              "15/03/2024", "-", ""]


@SETTINGS
@given(column_cells())
@example(MOSTLY_PLAIN)
@example([str(i) for i in range(400)] + ["12.345", "7.500"])
def test_pattern_checks_count_the_cells_their_patterns_match(cells: list[str]) -> None:
    """The pattern checks' tallies (plain numbers skipped, Arrow values, the thousands check's dotted values) are
    the cells Python's ``re`` matches, one by one."""
    import re

    from odwb_assist.checks import date_format
    from odwb_assist.core.contract import CheckContext

    column = _encoded(cells)
    context = CheckContext(source="x.csv", fields=["Montant"], options={"types": {"Montant": "string"}})
    thousands = thousands_separator.ThousandsSeparatorCheck()
    decimal, unit, dates = decimal_comma.DecimalCommaCheck(), unit_in_cell.UnitInCellCheck(), date_format.DateFormatCheck()
    for check in (thousands, decimal, unit, dates):
        check.start(context)
        list(check.check_values(column, context))

    def rows(pattern: str, prefilter: str | None = None) -> list[int]:
        compiled = re.compile(pattern)
        return [row for row, text in enumerate(cells, start=2)
                if text and (prefilter is None or prefilter in text) and compiled.fullmatch(text)]

    def tallied(tally: ColumnTally) -> list[int]:
        parts = tally.rows.get("Montant", [])
        return sorted(int(row) for part in parts for row in (part if isinstance(part, np.ndarray) else
                                                               np.repeat(part.starts, part.lengths)
                                                               + np.arange(int(part.lengths.sum()))
                                                               - np.repeat(np.cumsum(part.lengths) - part.lengths,
                                                                           part.lengths)))

    assert tallied(thousands.sure) == rows(thousands_separator.SURE_RE2)
    assert tallied(thousands.dot3) == rows(thousands_separator.DOT3)
    assert thousands.other["Montant"] == len(rows(thousands_separator.OTHER_DECIMALS))
    assert tallied(decimal.tally) == rows(decimal_comma.PATTERN, ",")
    assert tallied(unit.tally) == rows(unit_in_cell.PATTERN)
    assert tallied(dates.local) == rows(date_format.LOCAL)
