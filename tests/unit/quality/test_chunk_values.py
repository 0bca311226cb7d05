"""Checks that judge rows but test cells once per distinct value (the engine's ColumnValues, kept by check_values)."""

from __future__ import annotations

import pandas as pd

from odwb_assist.checks.chunk_values import KeepsValues
from odwb_assist.checks.repeated_header import repeated_header_rows
from odwb_assist.checks.total_row import TotalRowCheck
from odwb_assist.checks.total_scan import SEARCH_COLUMNS
from odwb_assist.core.contract import CheckContext, ColumnValues

HEADER = ["Code INS", "Commune", "Code postal", "Adresse", "Montant"]


def _chunk(start: int = 2) -> pd.DataFrame:
    rows = [["92094", "Namur", "5000", f"Rue Haute {i}", f"{i},50"] for i in range(3000)]
    rows[700] = ["code ins ", " COMMUNE", "Code Postal", "Adresse", "Montant"]  # the header again, typed otherwise
    rows[1500] = ["Code INS", "Commune", "Code postal", "Adresse", ""]  # 4 of 5 labels: still the header
    rows[2200] = ["Code INS", "Commune", "", "", "12"]  # 2 of 5: a record
    return pd.DataFrame(rows, columns=HEADER, index=range(start, start + len(rows)), dtype="str")


def _values(chunk: pd.DataFrame) -> dict[int, ColumnValues]:
    return {p: ColumnValues.from_series(chunk.iloc[:, p], p + 1) for p in range(len(chunk.columns))}


def test_repeated_headers_found_on_distinct_values_as_on_cells() -> None:
    chunk = _chunk()
    assert repeated_header_rows(chunk, [HEADER]) == [702, 1502]
    assert repeated_header_rows(chunk, [HEADER], _values(chunk)) == [702, 1502]


def test_kept_values_serve_only_their_own_chunk() -> None:
    class Keeper(KeepsValues):
        kept_columns = 2

    keeper = Keeper()
    context = CheckContext(source="x", fields=HEADER)
    chunk = _chunk()
    for column in _values(chunk).values():
        keeper.check_values(column, context)
    assert sorted(keeper.chunk_values(chunk)) == [0, 1] and keeper.chunk_values(chunk) == {}  # read once
    for column in _values(chunk).values():
        keeper.check_values(column, context)
    assert keeper.chunk_values(_chunk(start=5000)) == {}  # another chunk's rows: not used
    assert TotalRowCheck.kept_columns == SEARCH_COLUMNS
