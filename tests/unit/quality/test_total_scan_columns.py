"""The totals scanner's column-major parse and sums (issue 17): the same numbers, text flags and sums, to the last
bit, as the row-major :func:`parse_frame` and numpy's sum along axis 0."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from odwb_assist.checks import total_scan
from odwb_assist.checks.numbers import parse_frame
from odwb_assist.checks.total_columns import parse_columns
from odwb_assist.checks.total_scan import TotalScanner, Verdict
from odwb_assist.checks.total_sums import column_sums
from odwb_assist.core.contract import ColumnValues


def test_column_major_sums_are_the_row_major_sums_bit_for_bit() -> None:
    generator = np.random.default_rng(17)
    for attempt in range(120):
        rows = int(generator.integers(1, 120_000 if attempt % 12 == 0 else 3000))
        width = int(generator.integers(1, 14))
        numbers = generator.standard_normal((rows, width)) * 10.0 ** generator.integers(-3, 12, size=(rows, width))
        numbers[generator.random((rows, width)) < 0.3] = np.nan
        numbers[:, generator.random(width) < 0.2] = np.nan  # columns without numbers
        text = generator.random((rows, width)) < 0.1
        start = int(generator.integers(0, rows))
        expected = column_sums(numbers[start:], text[start:])
        found = column_sums(np.asfortranarray(numbers)[start:], np.asfortranarray(text)[start:])
        for old, new in zip(expected, found, strict=True):
            assert old.tobytes() == new.tobytes()


def _chunk(rows: int) -> pd.DataFrame:
    amounts = ["1 234,50", "12,5", "-3", "", "n.d.", "1.234.567", "7,25 %", "abc", "0,1", "1e3", "nan", "-"]
    columns = {
        "Commune": [["Namur", "Total", "", "Somme-Leuze"][i % 4] for i in range(rows)],
        "Montant": [amounts[(i * 7) % len(amounts)] for i in range(rows)],
        "Nombre": [str(i % 97) for i in range(rows)],
        "Remarque": ["" if i % 3 else "à vérifier" for i in range(rows)],
        "Taux": [f"{(i % 1000) / 7:.3f}".replace(".", ",") for i in range(rows)],
    }
    return pd.DataFrame(columns, index=range(2, rows + 2), dtype="str")


def test_the_column_major_parse_is_the_parse_of_the_frame() -> None:
    chunk = _chunk(5000)
    values = {position: ColumnValues.from_series(chunk.iloc[:, position], position + 1)
              for position in range(len(chunk.columns))}
    parsed = parse_columns(chunk, values)
    assert parsed is not None
    numbers, text = parse_frame(chunk)
    assert np.array_equal(parsed[0], numbers, equal_nan=True) and np.array_equal(parsed[1], text)
    assert parsed[0].strides[0] == parsed[0].itemsize  # each column contiguous
    assert parse_columns(chunk.iloc[:100], values) is None  # a short chunk: parsed at once, by parse_frame
    assert parse_columns(chunk, {0: values[0]}) is None  # a column not encoded


def _verdicts(pieces: list[pd.DataFrame]) -> list[list[Verdict]]:
    scanner = TotalScanner(shared=True)
    return [scanner.feed(piece, {position: ColumnValues.from_series(piece.iloc[:, position], position + 1)
                                 for position in range(len(piece.columns))}) for piece in pieces]


def test_the_scanner_gives_the_same_verdicts_through_the_column_major_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of the engine (their distinct values known), scanned with the column-major parse, then with the
    row-major parse of the frame (the path before): the same verdicts, certain, possible and loose."""
    chunk = _chunk(6000)
    rows = chunk.iloc[:, 2].astype(int)
    chunk.iloc[2999, :] = ["Total", "", str(int(rows.iloc[:2999].sum())), "", ""]  # a certain total
    chunk.iloc[4500, :] = ["Total", "", "12", "", ""]  # a possible one
    pieces = [chunk.iloc[start:start + 2500].copy() for start in range(0, len(chunk), 2500)]  # chunks of the engine
    fast = _verdicts(pieces)
    monkeypatch.setattr(total_scan, "parse_columns", lambda chunk, values: None)
    assert fast == _verdicts(pieces)
    assert (3001, True, "sum") in [(v.row, v.certain, v.reason) for piece in fast for v in piece]
    assert {v.reason for piece in fast for v in piece} >= {"sum", "sum-mismatch", "text"}
