"""ColumnValues (a chunk column's distinct values) and checks that work on them (``check_values``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from odwb_assist import Msg, hookimpl
from odwb_assist.checks.duplicate_row import SortedPairs, _repeated_here, _repeats_sorted
from odwb_assist.core.contract import BaseTableCheck, ColumnValues
from odwb_assist.core.findings import Finding, Severity
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check


def column(cells: list[str], first_row: int = 2) -> pd.Series:
    return pd.Series(cells, index=pd.Index(range(first_row, first_row + len(cells)), name="row"), dtype="str",
                     name="commune")


@pytest.mark.parametrize("height", [6, 600])  # encoded in plain Python (short), with pandas (long)
def test_distinct_values_codes_rows_and_counts(height: int) -> None:
    cells = (["Ciney", "", "Namur", "Ciney", " ", "Namur"] * height)[:height]
    encoded = ColumnValues.from_series(column(cells), 3, "be-commune-name")
    assert (encoded.name, encoded.number, encoded.kind) == ("commune", 3, "be-commune-name")
    assert encoded.values.tolist() == ["Ciney", "Namur", " "]  # first appearance order, "" left out, " " kept
    assert encoded.texts == ["Ciney", "Namur", " "]
    assert str(encoded.values.dtype) == "str" and encoded.values.index.tolist() == [0, 1, 2]
    assert encoded.codes[:6].tolist() == [0, -1, 1, 0, 2, 1]
    assert encoded.rows[:6].tolist() == [2, 3, 4, 5, 6, 7]
    assert encoded.counts.sum() == height - height // 6  # every filled row counted once
    assert len(encoded) == 3


def test_mapping_a_verdict_back_to_rows() -> None:
    encoded = ColumnValues.from_series(column(["5590", "559", "", "559", "5000"], first_row=10), 2)
    bad = ~encoded.values.str.fullmatch(r"\d{4}").to_numpy(dtype=bool)
    assert bad.tolist() == [False, True, False]
    assert encoded.row_mask(bad).tolist() == [False, True, False, True, False]
    assert encoded.rows_where(bad).tolist() == [11, 13]
    cells = encoded.cells(bad)
    assert cells.index.tolist() == [11, 13] and cells.tolist() == ["559", "559"]


@pytest.mark.parametrize("cells", [["", "", ""], []])
def test_all_empty_column(cells: list[str]) -> None:
    encoded = ColumnValues.from_series(column(cells), 1)
    assert len(encoded) == 0 and encoded.values.empty and encoded.texts == []
    assert encoded.codes.tolist() == [-1] * len(cells)
    assert encoded.counts.tolist() == []
    assert encoded.rows_where(np.zeros(0, dtype=bool)).tolist() == []
    assert encoded.cells(np.zeros(0, dtype=bool)).empty


@pytest.mark.parametrize("height", [5, 500])
def test_one_value(height: int) -> None:
    encoded = ColumnValues.from_series(column(["x"] * height), 1)
    assert encoded.values.tolist() == ["x"] and encoded.counts.tolist() == [height]
    assert encoded.rows_where([True]).tolist() == list(range(2, height + 2))


def test_python_and_pandas_encodings_agree() -> None:
    cells = ["b", "", "a", "b", "c", "", "a"] * 20
    short = [ColumnValues.from_series(column(cells[i:i + 7]), 1) for i in range(0, len(cells), 7)]
    long = ColumnValues.from_series(column(cells), 1)
    assert all(part.texts == ["b", "a", "c"] for part in short)
    assert long.values.tolist() == ["b", "a", "c"]
    assert np.concatenate([part.codes for part in short]).tolist() == long.codes.tolist()


class Seen(BaseTableCheck):
    """Records what the engine hands over, and flags « 559 » once per distinct value."""

    name = "short-code"
    types = ("short-code",)

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int]] = []  # (column, distinct values, rows)
        self.judged: list[str] = []

    def check_values(self, column, context):  # type: ignore[no-untyped-def]
        self.calls.append((column.name, len(column), len(column.codes)))
        if column.name != "code":
            return []
        self.judged.extend(column.texts)
        bad = np.array([text == "559" for text in column.texts], dtype=bool)
        return [Finding("short-code", Severity.ERROR, Msg("court", "short"), Msg("4 chiffres", "4 digits"),
                        row_number=int(row), field_name=column.name, field_number=column.number, cell=cell)
                for row, cell in column.cells(bad).items()]


def test_check_values_plugin_through_check(tmp_path: Path) -> None:
    seen = Seen()

    class Plugin:
        @hookimpl
        def odwb_checks(self, context):  # type: ignore[no-untyped-def]
            return [seen]

    rows = [f"r{i},{'559' if i % 3 == 0 else '5590'}" for i in range(30)]
    path = tmp_path / "codes.csv"
    path.write_text("nom,code\n" + "\n".join(rows) + "\n,\n", encoding="utf-8")
    pm = get_plugin_manager(load_entrypoints=False, builtins=True)
    pm.register(Plugin(), name="short-code")
    report = check(path, plugins=pm, chunk_rows=12)
    found = [(f.row_number, f.field_number, f.cell) for f in report.findings if f.type == "short-code"]
    assert found == [(row, 2, "559") for row in range(2, 32, 3)]
    assert sorted(seen.judged) == sorted(["559", "5590"] * 3)  # each distinct value once per chunk, not once per row
    assert [call for call in seen.calls if call[0] == "code"] == [("code", 2, 12), ("code", 2, 12), ("code", 2, 7)]


def test_duplicate_rows_are_verified_on_cells() -> None:
    hashes = np.array([7, 7, 9, 7], dtype=np.uint64)  # rows 0, 1 and 3 share a hash: only 3 repeats row 0
    codes = [np.array([0, 1, 2, 0]), np.array([0, 0, 1, 0])]
    assert _repeated_here(hashes, codes).tolist() == [False, False, False, True]
    collided = np.array([7, 7, 9, 7, 7], dtype=np.uint64)  # rows 3 and 4 repeat row 1, not row 0 of the same hash
    rows = [np.array([0, 1, 2, 1, 1]), np.array([0, 0, 1, 0, 0])]
    order = np.argsort(collided, kind="stable")
    repeated, same_as = _repeats_sorted(collided[order], order, rows)
    assert repeated[np.argsort(order)].tolist() == [False, False, False, True, True]
    assert same_as[np.argsort(order)].tolist() == [-1, -1, -1, 1, 1]
    seen = SortedPairs()
    seen.add(np.array([5, 5, 6], dtype=np.uint64), np.array([1, 2, 3], dtype=np.uint64))
    found = seen.contains(np.array([5, 5, 6, 6], dtype=np.uint64), np.array([2, 3, 3, 4], dtype=np.uint64))
    assert found.tolist() == [True, False, True, False]  # the same first hash alone is not a repeat


def test_duplicate_rows_found_across_chunks(tmp_path: Path) -> None:
    lines = [f"{i},Ciney,{i % 4}" for i in range(40)] + ["3,Ciney,3", "39,Ciney,3", "3,Ciney,2", ",,"]
    path = tmp_path / "rows.csv"
    path.write_text("id,commune,classe\n" + "\n".join(lines) + "\n", encoding="utf-8")
    report = check(path, chunk_rows=9)
    assert [f.row_number for f in report.findings if f.type == "duplicate-row"] == [42, 43]
