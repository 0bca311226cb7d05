"""Checks that judge rows but test cells once per distinct value (the engine's ColumnValues, kept by check_values)."""

from __future__ import annotations

import pandas as pd

from odwb_assist.checks.chunk_values import KeepsValues
from odwb_assist.checks.repeated_header import repeated_header_rows
from odwb_assist.checks.total_labels import SEARCH_COLUMNS
from odwb_assist.checks.total_row import TotalRowCheck
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
    assert TotalRowCheck.kept_columns is None or TotalRowCheck.kept_columns >= SEARCH_COLUMNS


def test_merged_labels_over_many_rows_counted_on_distinct_values_as_on_cells(tmp_path) -> None:
    import sys
    from pathlib import Path

    from odwb_assist.checks.merged_label_cells import chunk_stats
    from odwb_assist.core.plugins import get_plugin_manager
    from odwb_assist.quality import check

    sys.path.insert(0, str(Path(__file__).parents[2] / "helpers"))
    from real_shapes import write_csv

    rows = []
    for group in range(1000):  # a label (sometimes padded, sometimes a number) on the first row of each group of 4
        label = f" Zone {group} " if group % 25 else f"{group}"
        rows += [[label, f"Commune {group}-{i}", str(100 + i)] if i == 0 else ["", f"Commune {group}-{i}", str(100 + i)]
                 for i in range(4)]
    frame = pd.DataFrame(rows, columns=["zone", "commune", "population"], index=range(2, len(rows) + 2), dtype="str")
    assert chunk_stats(frame, 0) == chunk_stats(frame, 0, None, None)
    from odwb_assist.checks.merged_label_cells import _Labels

    by_values = chunk_stats(frame, 0, labels=_Labels(frame, 0, _values(frame)))
    assert by_values == chunk_stats(frame, 0) and by_values["blank"] == 3000 and by_values["numbers"] == 40
    source = write_csv(tmp_path / "zones.csv", [["zone", "commune", "population"], *rows])
    report = check(source, plugins=get_plugin_manager(load_entrypoints=False), chunk_rows=1500)
    [finding] = [f for f in report.findings if f.type == "merged-label-cells"]
    assert finding.field_number == 1 and finding.extra["blankCells"] == 3000 and finding.row_number == 3
