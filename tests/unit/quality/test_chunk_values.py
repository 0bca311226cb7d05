"""Checks that judge rows but test cells once per distinct value (the engine's ColumnValues, kept by check_values)."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


CELL_TEXT = st.text(alphabet=st.sampled_from(list("Code INScodeins_2 km²()-.,\t\x1c\x1féÉßñ0918")), max_size=14)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])  # one patch
@given(
    cells=st.lists(CELL_TEXT, min_size=1, max_size=40, unique=True),
    label=st.sampled_from(["Code INS", "Superficie (km²)", "code_ins", "2e trimestre", "Straße", "N°", "km2", "-"]),
)
def test_labels_compared_in_pyarrow_as_in_python(monkeypatch, cells: list[str], label: str) -> None:
    """The pyarrow comparison of distinct values with a label (ASCII cells) says what ``_same`` says of each."""
    from odwb_assist.checks import repeated_header

    monkeypatch.setattr(repeated_header, "ARROW_FROM", 0)  # the pyarrow path however few the values
    cells = [cell for cell in cells if cell]
    if not cells:
        return
    column = ColumnValues.from_series(pd.Series(cells * 70, dtype="str"), 1)
    assert column.arrow is not None
    folded = label.strip().casefold()
    key = repeated_header.technical(folded)
    expected = [repeated_header._same(text, folded, key) for text in column.texts]
    assert repeated_header.same_values(column, folded, key).tolist() == expected
    shapes = ("code ins ", "CODE_INS", "superficie_km2", " Straße ", " 2e trimestre\t", "\x1c2E TRIMESTRE", " - ", "\x1f-")
    for text in shapes:  # the shapes the check exists for, and spaces where only the label as written matches
        column = ColumnValues.from_series(pd.Series([text, *cells] * 70, dtype="str"), 1)
        assert repeated_header.same_values(column, folded, key).tolist() == [
            repeated_header._same(value, folded, key) for value in column.texts
        ]


def test_label_numbers_read_from_bytes_as_by_the_patterns() -> None:
    """Digits alone (not four) are numbers without a test; every other label is tested as before: the same verdicts
    whether the labels are plain or padded, and whatever an earlier chunk taught."""
    from odwb_assist.checks.merged_label_cells import _Labels
    from odwb_assist.checks.shapes import SHAPES

    labels = ["1999", "2024", "1850", "1234", "12", "007", "12345", "1 234", "12,5", "+3", "Zone 4", "٣", "", "0",
              "457,17", "-12", "-123", "-2024", ",5", "5,", "1,2,3", "2024,0", "2,024", "-", "1.5", "١٢٣,٤"]
    labels += [str(n) for n in range(30_000, 30_400)] + [f"{n},25" for n in range(400)]
    for padded in (False, True):
        texts = [f" {label} " if padded and label else label for label in labels]
        chunk = pd.DataFrame({"zone": texts * 2, "b": "x", "c": "y"}, index=range(2, 2 + 2 * len(texts)), dtype="str")
        expected = [
            bool(label) and SHAPES["number"].fullmatch(label) is not None and SHAPES["year"].fullmatch(label) is None
            for label in labels * 2
        ]
        known: dict[str, bool] = {}
        for taught in (None, known, known):  # the verdicts of the chunks before: none, then those of the first
            assert _Labels(chunk, 0, {}, taught).numbers().tolist() == expected, (padded, taught)
        assert "Zone 4" in known and "1999" in known and "-123" in known  # tested: not a plain number, or four bytes
        assert "30100" not in known and "12,25" not in known  # plain numbers, not four bytes or with a comma: no test
