"""The counts the number fixes plan from (:mod:`odwb_assist.checks.fix_stats`) equal a cell-by-cell count with
Python's ``re``, whether the column has a few distinct values (plain Python) or many (pyarrow, patterns tested
only where they can match)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from odwb_assist.checks import fix_stats
from odwb_assist.checks.decimal_comma import PATTERN
from odwb_assist.checks.display_numbers import read_display
from odwb_assist.checks.fix_stats import LOOSE, SMALL, ColumnStats, Counts
from odwb_assist.checks.number_forms import _PLACEHOLDER_FORMS
from odwb_assist.checks.thousands_separator import FIX_PATTERN, SURE_RE2
from odwb_assist.checks.unit_in_cell import COUNTED, WHOLE
from odwb_assist.core.contract import ColumnValues

CELL = st.lists(st.sampled_from(list("0123456789 .,'+-\u00a0\tx/()%€\u2212") + ["places", " hab.", "n.d.", " EUR", "m²"]),
                max_size=9).map("".join)


def _expected(cells: list[str]) -> Counts:
    counts = Counts()
    for row, written in enumerate(cells):
        cell = written.strip()
        if written == "":
            continue

        def match(pattern: str, cell: str = cell) -> bool:
            return re.fullmatch(pattern, cell) is not None

        loose, counted, whole = match(LOOSE), match(COUNTED), match(WHOLE)
        placeholder = cell in _PLACEHOLDER_FORMS and not loose
        counts.filled += cell != ""
        counts.loose += loose
        counts.placeholders += placeholder
        counts.counted += counted
        other = cell != "" and not counted and not whole
        counts.other = counts.other or other
        counts.other_than_placeholder = counts.other_than_placeholder or (other and not placeholder)
        counts.decimal = counts.decimal or match(PATTERN)
        counts.decimal_left = counts.decimal_left or (match(PATTERN) and not match(FIX_PATTERN))
        counts.sure = counts.sure or match(SURE_RE2)
        if counts.other_example is None and cell != "" and not loose and not placeholder and not counted:
            counts.other_example = (row, written)  # the first value that is no number, as written
        if counts.placeholder_example is None and placeholder:
            counts.placeholder_example = (row, written)
        shown = read_display(cell) if cell != "" and not loose and not placeholder and not counted else None
        if shown is not None:  # a number written for display: counted by unit, its number as the fixes will see it
            counts.display += 1
            counts.units[shown.unit or ""] = counts.units.get(shown.unit or "", 0) + 1
            counts.display_decimal = counts.display_decimal or match(PATTERN, shown.number)
            counts.display_decimal_left = counts.display_decimal_left or (
                match(PATTERN, shown.number) and not match(FIX_PATTERN, shown.number))
            counts.display_sure = counts.display_sure or match(SURE_RE2, shown.number)
    return counts


@settings(max_examples=60, deadline=None)
@given(st.lists(CELL, max_size=40), st.integers(0, 2 * SMALL))
def test_counts_equal_a_cell_by_cell_count(cells: list[str], more: int) -> None:
    cells = cells + [f"{n},5" if n % 3 else f"-{n}" if n % 4 == 0 else f"{n} places" if n % 2 else f"rue {n}"
                     for n in range(more)]  # plain numbers (« 12,5 », « -12 »): the verdict the number checks share
    stats = ColumnStats()
    stats.start(None)  # type: ignore[arg-type]
    column = ColumnValues.from_series(pd.Series(cells, name="c", dtype="str"), 0)
    list(stats.check_values(column, None))  # type: ignore[arg-type]
    assert stats.columns.get("c", Counts()) == _expected(cells)


def test_many_values_read_from_their_bytes_count_as_the_patterns_do() -> None:
    """More than SMALL values of each shape: counted values in any case (« 12 Places », « 3 HAB. »), numbers after a
    sign (« +12 », « -3,5 »), and values a byte test must leave to the patterns (« +x », « - », « p12 »)."""
    shapes = ["{n} Places", "{n} HAB.", "{n} lits", "{n} pièces", "+{n}", "-{n},5", "+ {n}", "+x{n}", "p{n}",
              "{n} kg", "{n} h", "- {n} places"]
    cells = [shape.format(n=n) for n in range(2 * SMALL) for shape in shapes] + ["-", "+", "n.d."]
    stats = ColumnStats()
    stats.start(None)  # type: ignore[arg-type]
    column = ColumnValues.from_series(pd.Series(cells, name="c", dtype="str"), 0)
    list(stats.check_values(column, None))  # type: ignore[arg-type]
    counted = stats.columns["c"]
    assert counted == _expected(cells)
    assert counted.counted >= 4 * 2 * SMALL and counted.loose >= 2 * 2 * SMALL  # the shapes at stake were met


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(CELL, max_size=12), min_size=2, max_size=5), st.integers(1, 8))
def test_counts_over_several_chunks_equal_a_cell_by_cell_count(chunks: list[list[str]], kept: int) -> None:
    """The texts read as numbers written for display are kept from chunk to chunk (at most ``READ_KEPT``): what
    the chunks count together is what a count of all their cells gives."""
    chunks = [cells + ["1 250 €", "(12,50) €", "5 %"] for cells in chunks]  # the same displays in every chunk
    stats = ColumnStats()
    stats.start(None)  # type: ignore[arg-type]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fix_stats, "READ_KEPT", kept)  # some texts kept, others read again
        for cells in chunks:
            column = ColumnValues.from_series(pd.Series(cells, name="c", dtype="str"), 0)
            list(stats.check_values(column, None))  # type: ignore[arg-type]
    everything = [cell for cells in chunks for cell in cells]
    expected = _expected(everything)
    counted = stats.columns.get("c", Counts())
    # the examples are each chunk's first (rows restart at 0 in each): the counts and flags are compared
    assert dataclasses.replace(counted, other_example=None, placeholder_example=None) == \
        dataclasses.replace(expected, other_example=None, placeholder_example=None)


def _checked(tmp_path: Path, lines: list[str]) -> tuple[ColumnStats, int]:
    from odwb_assist.core.plugins import default_plugin_manager
    from odwb_assist.quality.fix_engine import _check_with

    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stats = ColumnStats()
    report = _check_with(stats, path, default_plugin_manager(), None, "fr")
    return stats, report.rows


def test_the_distinct_cells_of_a_column_of_few_are_known_for_the_rewrite_pass(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fix_stats, "KNOWN_CELLS", 50)
    rows = [f"{['Namur', 'Ciney ', ''][n % 3]},{n},{n % 7}" for n in range(300)]
    stats, count = _checked(tmp_path, ["commune,id,code", *rows])
    assert count == 300
    assert sorted(stats.known("commune", count).to_pylist()) == ["Ciney ", "Namur"]  # the empty cell left out
    assert sorted(stats.known("code", count).to_pylist()) == [str(n) for n in range(7)]
    assert stats.known("id", count) is None  # 300 distinct cells: too many to keep
    assert stats.known("commune", count + 1) is None  # not the rows the rewrite pass reads


def test_a_column_of_few_long_texts_is_not_kept_beyond_its_bytes(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Few distinct cells, but long ones: kept only up to KNOWN_BYTES (and KNOWN_TOTAL_BYTES over the columns)."""
    monkeypatch.setattr(fix_stats, "KNOWN_BYTES", 4_000)
    monkeypatch.setattr(fix_stats, "KNOWN_TOTAL_BYTES", 1_500)
    texts = [f"note {n} " + "x" * 600 for n in range(10)]  # 6 kB in all
    rows = [f"{texts[n % 10]},{n % 3},{'ab'[n % 2] * 900}" for n in range(100)]
    stats, count = _checked(tmp_path, ["remarque,code,motif", *rows])
    assert stats.known("remarque", count) is None  # 6 kB of distinct cells: more than a column keeps
    assert sorted(stats.known("code", count).to_pylist()) == ["0", "1", "2"]
    assert stats.known("motif", count) is None  # 1.8 kB: within a column's bound, not within the file's
    monkeypatch.setattr(fix_stats, "KNOWN_TOTAL_BYTES", 60_000)
    stats, count = _checked(tmp_path, ["remarque,code,motif", *rows])
    assert stats.known("remarque", count) is None
    assert sorted(stats.known("motif", count).to_pylist()) == ["a" * 900, "b" * 900]


def test_no_distinct_cells_known_when_the_check_did_not_read_pyarrow_blocks(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from odwb_assist.quality.engine import ENGINE_VARIABLE

    monkeypatch.setenv(ENGINE_VARIABLE, "frictionless")
    stats, count = _checked(tmp_path, ["commune,code", *(f"Namur,{n % 3}" for n in range(100))])
    assert count == 100
    assert stats.known("commune", count) is None
