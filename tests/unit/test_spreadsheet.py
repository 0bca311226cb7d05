"""User text in spreadsheets never runs: string cells in XLSX, apostrophes in CSV, numbers untouched."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl import Workbook

from odwb_assist.core.spreadsheet import csv_safe, set_text, text_cell

EVIL = ['=HYPERLINK("http://evil.example";"Namur")', "=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)", "-2+3", "\t=1"]


def test_csv_values_are_neutralised_and_numbers_kept() -> None:
    assert [csv_safe(v) for v in EVIL] == ["'" + v for v in EVIL]
    assert csv_safe("Ville de Namur") == "Ville de Namur"
    assert csv_safe(-120.5) == -120.5 and csv_safe(3) == 3 and csv_safe(None) is None


def test_xlsx_strings_are_string_cells_in_both_openpyxl_modes(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("donnees")
    sheet.append([text_cell(sheet, value) for value in [*EVIL, 12]])
    workbook.save(path)
    read = openpyxl.load_workbook(path).active
    assert [c.value for c in read[1]] == [*EVIL, 12]
    assert [c.data_type for c in read[1]][:-1] == ["s"] * len(EVIL)

    second = Workbook()
    set_text(second.active["A1"], EVIL[0])
    second.save(tmp_path / "y.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "y.xlsx").active["A1"]
    assert cell.value == EVIL[0] and cell.data_type == "s"
