"""A workbook is opened once per run and read by calamine (XLSX, ODS) with the cells openpyxl and ezodf gave."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import ezodf
import openpyxl
import pytest
from openpyxl.styles import PatternFill

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, check_sheets, read_table, write_xlsx
from odwb_assist.quality import workbook as wb
from odwb_assist.quality import workbook_open as wbo

ROWS = [["code_ins", "commune", "population", "superficie", "date_maj", "heure", "actif", "remarque"],
        [62063, "Liège", 197013, 69.39, dt.datetime(2024, 1, 2), dt.time(10, 30), True, "  à revoir "],
        [92094, "Namur", 112000, 175.69, dt.datetime(2023, 12, 31, 8, 15), dt.time(0, 5), False, None],
        [52011, "Charleroi", 201816, 102.08, dt.datetime(2024, 2, 29), None, True, "Ville-Haute"]]


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    wbo._BOOK.clear()
    wb._LAST.clear()
    yield
    for book in wbo._BOOK.values():
        book.close()
    wbo._BOOK.clear()
    wb._LAST.clear()


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def workbook(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Lisez-moi"
    book["Lisez-moi"].append(["Population des communes, par l'administration communale."])
    data = book.create_sheet("Population")
    for row in ROWS:
        data.append(row)
    fill = PatternFill("solid", fgColor="FFFF00")
    for row in range(1, 12):  # formatted but empty: three columns on the right, seven rows at the bottom
        data.cell(row=row, column=11).fill = fill
    budget = book.create_sheet("Budget")
    for row in [["poste", "montant"], ["Voirie", 1250.5], ["Écoles", "#N/A"]]:
        budget.append(row)
    budget["B3"].data_type = "e"  # an error cell, as Excel writes #N/A
    path = tmp_path / "classeur.xlsx"
    book.save(path)
    return path


def openpyxl_rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [row for row in book[sheet].iter_rows(values_only=True)]
    finally:
        book.close()


def test_xlsx_cells_are_typed_as_openpyxl_read_them(tmp_path: Path) -> None:
    path = workbook(tmp_path)
    assert isinstance(wbo.open_book(path, "xlsx"), wbo._CalamineBook)
    sheet = wb.read_sheet(path, "xlsx", "Population")
    expected = [tuple(row[:8]) for row in openpyxl_rows(path, "Population")[:4]]
    assert [tuple(row) for row in sheet.rows] == expected
    assert [type(cell) for cell in sheet.rows[1][:5]] == [int, str, int, float, dt.datetime]
    assert sheet.trimmed_columns == 3 and sheet.trimmed_rows == 7  # the formatted cells are still counted


def test_an_error_cell_keeps_its_text(tmp_path: Path) -> None:
    table = read_table(workbook(tmp_path), sheet="Budget")
    assert list(table.frame["montant"]) == ["1250.5", "#N/A"]


def test_an_ods_sheet_is_read_by_calamine_with_the_same_cells(tmp_path: Path) -> None:
    path = tmp_path / "t.ods"
    document = ezodf.newdoc(doctype="ods", filename=str(path))
    sheet = ezodf.Sheet("Données", size=(6, 4))
    document.sheets += sheet
    for r, row in enumerate([["commune", "population", "superficie"], ["Namur", 111000, 175.69], ["Andenne", 27000, None]]):
        for c, value in enumerate(row):
            if value is not None:
                sheet[r, c].set_value(value)
    document.save()
    assert isinstance(wbo.open_book(path, "ods"), wbo._CalamineBook)
    read = wb.read_sheet(path, "ods")
    assert read.rows == (("commune", "population", "superficie"), ("Namur", 111000, 175.69), ("Andenne", 27000, None))
    assert read.name == "Données" and isinstance(read.rows[1][1], int)


def test_a_workbook_is_opened_once_per_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = workbook(tmp_path)
    opened: list[Path] = []
    original = wbo._open_book

    def counting(where: Path, fmt: str) -> wbo._Book:
        opened.append(where)
        return original(where, fmt)

    monkeypatch.setattr(wbo, "_open_book", counting)
    result = check_sheets(path, plugins=pm())  # the sheet list, then detect + check of each sheet
    assert [item.sheet for item in result.sheets] == ["Lisez-moi", "Population", "Budget"]
    assert len(opened) == 1
    report = check(path, plugins=pm(), sheet="Population")
    write_xlsx(report, path, tmp_path / "rapport.xlsx")  # reads the sheet again for the report
    assert report.rows == 3 and len(opened) == 1
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    check(path, plugins=pm(), sheet="Population")
    assert len(opened) == 2  # a changed file (modification time) is opened again
