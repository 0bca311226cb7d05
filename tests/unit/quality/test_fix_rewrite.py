"""The rewrites of ``fix`` remembered across blocks (:mod:`odwb_assist.quality.fix_rewrite`) give the cells, the
counts, the sample and the change log of a rewrite of each block's own distinct cells (the path of 9effc12,
kept as ``_rewrite_plain``), whatever the block size, the memo's bound and the threads; the fix-plan counts
and the decimal rewrite computed in pyarrow equal their pandas computation."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odwb_assist.checks import decimal_comma
from odwb_assist.checks.date_format import _iso_dates
from odwb_assist.checks.fix_stats import ColumnStats
from odwb_assist.checks.formula_injection import _neutralised
from odwb_assist.checks.placeholder_value import _emptied
from odwb_assist.checks.thousands_separator import FIX_PATTERN
from odwb_assist.checks.trim_spaces import _strip
from odwb_assist.core.contract import ColumnValues
from odwb_assist.quality import fix_rewrite, fix_stream
from odwb_assist.quality.change_log import ChangeLog

CELLS = ["", "Namur", " Ciney ", "12,5", "1 250,75", "1.234.567,8", "3.5", "-", "n.d.", "31/01/2024", "1/2/23",
         "31/01/2024 14h05", "=SUM(A1)", "+32 81 24 00", "Voirie ", "7", "12 places", "4", "0,5", "-2,25"]
STEPS = [("trim-spaces", _strip), ("neutralise-formulas", _neutralised), ("placeholder-value", _emptied),
         ("thousands-separator", decimal_comma.numbers_rewrite(FIX_PATTERN, ",")),
         ("decimal-comma", decimal_comma.numbers_rewrite(decimal_comma.PATTERN, ",")), ("date-format", _iso_dates)]


def _blocks(cells: list[str], size: int) -> list[pd.DataFrame]:
    rows = range(2, len(cells) + 2)
    frame = pd.DataFrame({"a": pd.Series(cells, dtype="str", index=rows),
                          "b": pd.Series(cells[::-1], dtype="str", index=rows)})
    return [frame.iloc[start:start + size].copy() for start in range(0, len(frame), size)]


def _run(blocks: list[pd.DataFrame], journal: Path, rewrite: object, sample: int) -> tuple[list[list[str]], ChangeLog]:
    log = ChangeLog(journal, "fr", sample=sample)
    rewrite(blocks, log)  # type: ignore[operator]
    log.finish(keep=True)
    return [block[label].tolist() for block in blocks for label in block.columns], log


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(CELLS), min_size=1, max_size=40), st.integers(1, 12), st.integers(0, 6),
       st.integers(1, 4), st.booleans(), st.booleans(), st.sampled_from([1 << 20, 40, 200]))
def test_remembered_rewrites_match_each_block_on_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         cells: list[str], size: int, bound: int, sample: int,
                                                         threads: bool, seeded: bool, byte_bound: int) -> None:
    """(``seeded``: the memos start from the column's distinct cells as the check met them.)"""
    monkeypatch.setattr(fix_rewrite, "MEMO_CELLS", bound)  # small bounds: the memo switches off mid-file
    monkeypatch.setattr(fix_rewrite, "MEMO_TOTAL", bound + 3)
    monkeypatch.setattr(fix_rewrite, "MEMO_BYTES", byte_bound)  # or once its cells hold that many bytes
    monkeypatch.setattr(fix_rewrite, "MEMO_TOTAL_BYTES", byte_bound * 2)

    def plain(blocks: list[pd.DataFrame], log: ChangeLog) -> None:
        for block in blocks:
            for label in block.columns:
                fix_rewrite._rewrite_plain(block, label, STEPS, log)

    def remembered(blocks: list[pd.DataFrame], log: ChangeLog) -> None:
        total = fix_rewrite.Remembered()
        seed = pa.array(sorted(set(cells) - {""})) if seeded and set(cells) - {""} else None
        memos = {label: fix_rewrite.ColumnMemo(total=total, seed=seed) for label in "ab"}
        rewrites = dict.fromkeys("ab", STEPS)
        with ThreadPoolExecutor(2) as pool:
            for block in blocks:
                fix_stream._rewrite_block(block, rewrites, memos, log, pool if threads else None, 2 if threads else 1)

    old_cells, old_log = _run(_blocks(cells, size), tmp_path / "old.csv", plain, sample)
    new_cells, new_log = _run(_blocks(cells, size), tmp_path / "new.csv", remembered, sample)
    assert new_cells == old_cells
    assert new_log.counts == old_log.counts
    assert new_log.changes == old_log.changes
    assert (tmp_path / "new.csv").read_bytes() == (tmp_path / "old.csv").read_bytes()


def test_a_column_of_long_cells_stops_remembering_at_its_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A column of few distinct cells that are long texts is remembered only up to MEMO_BYTES of them (a memo
    bounded in cells alone held 20,000 descriptions at every step); what it held goes back to the file's total."""
    monkeypatch.setattr(fix_rewrite, "MEMO_BYTES", 10_000)
    log = ChangeLog(None, "fr")
    total = fix_rewrite.Remembered()
    memo = fix_rewrite.ColumnMemo(total=total)
    texts = [f"description {n} " + "travaux de voirie " * 100 for n in range(12)]  # some 1.8 kB each
    for block in _blocks(texts * 2, 4):
        fix_rewrite.rewrite_column(block, "a", [("trim", _strip)], log, memo)
        assert block["a"].tolist() == [text.strip() for text in block["a"].tolist()]
    assert memo.off and memo.size == memo.bytes == 0
    assert total.count == total.bytes == 0
    assert log.counts["trim"] == 24
    short = fix_rewrite.ColumnMemo(total=total)
    for block in _blocks(["Namur ", "Ciney"] * 20, 8):
        fix_rewrite.rewrite_column(block, "a", [("trim", _strip)], log, short)
    assert not short.off and short.size == 2 and 0 < total.bytes < 100


def test_a_repeated_column_is_rewritten_once_per_distinct_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []

    def counting(values: pd.Series) -> pd.Series:
        seen.append(len(values))
        return values.str.replace("/", "-", regex=False)

    log = ChangeLog(None, "fr")
    memo = fix_rewrite.ColumnMemo()
    for block in _blocks(["1/2", "3/4", "1/2", "5"] * 50, 20):
        fix_rewrite.rewrite_column(block, "a", [("slash", counting)], log, memo)
        assert set(block["a"]) <= {"1-2", "3-4", "5"}
    assert sum(seen) == 3  # three distinct cells in the whole column, each rewritten once
    assert log.counts["slash"] == 150


def test_a_column_no_rewrite_changes_is_left_as_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its distinct cells as the check met them are rewritten once, at the first block; no step changes any, so
    the next blocks are not looked at, and nothing is logged."""
    seen: list[int] = []

    def counting(values: pd.Series) -> pd.Series:
        seen.append(len(values))
        return values.str.replace("/", "-", regex=False)

    log = ChangeLog(None, "fr")
    memos = {"a": fix_rewrite.ColumnMemo(seed=pa.array(["Namur", "Ciney"])),
             "b": fix_rewrite.ColumnMemo(seed=pa.array(["Ciney", "1/2", "Namur"]))}
    blocks = _blocks(["Namur", "Ciney", "", "Namur"] * 30, 20)
    blocks = [block.assign(b=block["b"].where(block["b"] != "Namur", "1/2")) for block in blocks]
    for block in blocks:
        fix_stream._rewrite_block(block, {"a": [("slash", counting)], "b": [("slash", counting)]}, memos, log, None)
    assert memos["a"].untouched and not memos["b"].untouched
    assert seen == [3, 4]  # each column's known cells and the empty cell, once
    assert log.counts["slash"] == 60  # « 1/2 » in column b, every block
    assert all(set(block["a"]) == {"Namur", "Ciney", ""} for block in blocks)


@pytest.mark.parametrize("rewrite", [lambda values: values.map(len), lambda values: values.where(values != "c")])
def test_a_rewrite_giving_other_than_text_is_written_as_before(tmp_path: Path, rewrite: object) -> None:
    """Numbers made text again, or missing cells (then the rewrite goes back to pandas, block by block)."""
    steps = [("odd", rewrite)]

    def plain(blocks: list[pd.DataFrame], log: ChangeLog) -> None:
        for block in blocks:
            fix_rewrite._rewrite_plain(block, "a", steps, log)  # type: ignore[arg-type]

    memo = fix_rewrite.ColumnMemo()

    def remembered(blocks: list[pd.DataFrame], log: ChangeLog) -> None:
        for block in blocks:
            fix_rewrite.rewrite_column(block, "a", steps, log, memo)  # type: ignore[arg-type]

    old_cells, old_log = _run(_blocks(["ab", "c"] * 4, 3), tmp_path / "old.csv", plain, 3)
    new_cells, new_log = _run(_blocks(["ab", "c"] * 4, 3), tmp_path / "new.csv", remembered, 3)
    assert str(new_cells) == str(old_cells)  # NaN == NaN as text
    assert (new_log.counts, new_log.changes) == (old_log.counts, old_log.changes)
    assert (tmp_path / "new.csv").read_bytes() == (tmp_path / "old.csv").read_bytes()


NUMBERISH = st.sampled_from(["12,5", " 1 234,5 ", "1.234.567,89", "abc", "-3,14", "+1\u00a0000,0", "1\u202f000,25",
                             "1'000,5", "\t7,0", "", "1.000", "12", "1 000", "12 places", "n.d.", " - ", "3 pièces",
                             "0,5 %", "2024", "1.5", "x12", "7 ", "12.345,6"])


@settings(max_examples=30, deadline=None)
@given(st.lists(NUMBERISH, min_size=1, max_size=300, unique=True), st.lists(st.integers(1, 9), min_size=700,
                                                                           max_size=700), st.sampled_from([0, 1, 2]))
def test_fix_plan_counts_in_pyarrow_match_pandas(values: list[str], weights: list[int], many: int) -> None:
    """The counts of :class:`ColumnStats` on Arrow text equal those on the same values held by Python objects
    (``many``: enough distinct values for the vectorised tests)."""
    forms = ["{} {:03d},{}", "{}.{:03d}", "{},{}{}", "{}{} places", "{} {}{}", "{}/{}/{}"]
    values = values + [forms[(n + many) % len(forms)].format(n % 97 + 1, n % 1000, n % 7) for n in range(200 * many)]
    values = list(dict.fromkeys(values))
    codes = np.repeat(np.arange(len(values)), weights[: len(values)])
    results = []
    for dtype in ("str", object):
        column = ColumnValues("x", 1, None, pd.Series(values, dtype=dtype), codes, np.arange(len(codes)) + 2)
        stats = ColumnStats()
        stats.start(None)  # type: ignore[arg-type]
        stats.check_values(column, None)  # type: ignore[arg-type]
        stats.check_values(column, None)  # type: ignore[arg-type]
        # (twice: a second chunk, its flags already raised)
        results.append((stats.columns, stats.categories, stats.too_many))
    assert results[0] == results[1]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(NUMBERISH, min_size=1, max_size=40), st.sampled_from([decimal_comma.PATTERN, FIX_PATTERN]),
       st.sampled_from([",", "."]))
def test_decimal_rewrite_in_pyarrow_matches_pandas(monkeypatch: pytest.MonkeyPatch, values: list[str], pattern: str,
                                                   decimal: str) -> None:
    cells = pd.Series(values, dtype="str", index=range(5, 5 + len(values)))
    rewrite = decimal_comma.numbers_rewrite(pattern, decimal)
    arrow = rewrite(cells)
    with monkeypatch.context() as patch:
        patch.setattr(decimal_comma, "_arrow_numbers", lambda *args: None)
        pandas = rewrite(cells)
    assert arrow.dtype == pandas.dtype
    assert arrow.index.equals(pandas.index)
    assert arrow.tolist() == pandas.tolist()


def test_placeholders_are_emptied_alike_in_pyarrow_and_pandas() -> None:
    cells = ["12", "n.d.", "-", " - ", "N.D.", "x", "", "/", "n.c.", "0"]
    arrow = _emptied(pd.Series(cells, dtype="str"))
    assert arrow.tolist() == _emptied(pd.Series(cells, dtype=object)).tolist()
    assert arrow.tolist() != cells  # some placeholder emptied
