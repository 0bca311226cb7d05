"""Property: whatever the table, the clean file plus the side files of `fix` hold every cell of the original.

Tables are generated with title rows, blank rows, empty columns with and without a header, totals
labels, commune names that begin like a total word, placeholders, numbers, and rows longer than the header. Only the fixes that
remove rows or columns (or rewrite the header) run, so that every cell is either in the clean file
at its place, or in a side file with its original row and column numbers.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from odwb_assist.core.errors import InputError
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import fix

PM = get_plugin_manager(load_entrypoints=False)
REMOVING = ["drop-title-rows", "merged-header", "drop-blank-rows", "drop-empty-columns", "drop-total-rows"]
CELLS = ["", "", "", "Total", "TOTAL :", "Somme", "Sous-total Namur", "Total général", "Somme-Leuze", "Namur",
         "Liège", "-", "n.d.", "12", "3,5", "1 000", "0", "40", "Total ayant donné un avis", "Grand-Leez", "Sum"]
LABELS = ["", "commune", "nombre", "montant", "Total", "remarque", "commune"]


@st.composite
def tables(draw: st.DrawFn) -> list[list[str]]:
    width = draw(st.integers(1, 5))
    titles = draw(st.lists(st.sampled_from(["Titre du tableau", "Source : Statbel", ""]), max_size=2))
    header = draw(st.lists(st.sampled_from(LABELS), min_size=width, max_size=width))
    body = draw(st.lists(st.lists(st.sampled_from(CELLS), min_size=width, max_size=width), max_size=12))
    blank_columns = draw(st.sets(st.integers(0, width - 1), max_size=2))
    for row in body:
        for column in blank_columns:
            row[column] = ""
    ragged = draw(st.lists(st.tuples(st.integers(0, 11), st.sampled_from(["note", "", "7"])), max_size=2))
    for index, extra in ragged:  # a row longer than the header (a value beyond the last column)
        if index < len(body):
            body[index].append(extra)
    return [[title] for title in titles] + [header] + body


def trimmed(cells: list[str]) -> list[str]:
    cells = list(cells)
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def read(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
@example(rows=[["", "", "commune", "Total"], ["TOTAL :", "Somme", "", "Total"], ["", "", "", ""]])  # « Total » twice
@example(rows=[[""], ["nombre"], ["12"]])  # a unit's word without a title above: no units row
def test_clean_file_and_side_files_hold_every_cell(rows: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "source.csv"
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(rows)
        source.write_text(buffer.getvalue(), encoding="utf-8")
        out = Path(folder) / "propre.csv"
        try:
            result = fix(source, out, fixes=REMOVING, plugins=PM)
        except InputError:
            return  # not a table (only blank rows…): nothing written, nothing lost
        original = read(source)
        clean = read(out)
        removed_rows = {int(line[0]): line[2:] for line in read(Path(folder) / "propre.lignes-retirees.csv")[1:]} \
            if result.removed_rows else {}
        removed_cells: dict[int, dict[int, str]] = {}
        if result.removed_columns:
            for number, _label, _reason, row, value in read(Path(folder) / "propre.colonnes-retirees.csv")[1:]:
                removed_cells.setdefault(int(number) - 1, {})
                if row:
                    removed_cells[int(number) - 1][int(row)] = value
        header_row = result.detected.header_row if result.detected else 1
        width = max(len(row) for row in original[header_row - 1:]) if original[header_row - 1:] else 0
        kept_columns = [p for p in range(width) if p not in removed_cells]
        data = iter(clean[1:])
        for number, cells in enumerate(original, start=1):
            if number in removed_rows:
                merged = list(removed_rows[number])
                for position, values in removed_cells.items():  # cells beyond the header's last column
                    if number in values:
                        merged += [""] * (position + 1 - len(merged))
                        merged[position] = merged[position] or values[number]
                assert trimmed(merged) == trimmed(cells), number
            elif number <= header_row:
                assert {cell for cell in cells if cell.strip()} <= {label.strip() for label in clean[0]}, number
            else:
                line = next(data)
                padded = cells + [""] * (width - len(cells))
                assert trimmed(line) == trimmed([padded[p] for p in kept_columns]), number
                for position, values in removed_cells.items():
                    assert values.get(number, "") == padded[position], (number, position)
        assert next(data, None) is None
