"""Dates before 1900 in a workbook: LibreOffice stores them as negative day numbers, which Excel cannot show.

A tree inventory's planting dates, a heritage list's building dates, a cemetery's graves: LibreOffice Calc (which
many communes use) writes a date before 1900 as a negative serial in XLSX and XLS alike, counted from its null date,
1899-12-30 (the same line of days continued backwards). calamine read such a cell as a time of day, « 00:00:00 »: the
date was lost, the column said to be read as text, and ``fix`` wrote « 00:00:00 » in place of the date. xlrd read
it one day late. The test workbooks are written as LibreOffice writes them: a date's number format, a negative value.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import xlwt

from odwb_assist.quality import check, fix, read_table

PLANTED = [dt.date(1852, 7, 1), dt.date(1899, 12, 29), dt.date(1900, 3, 1), dt.date(1975, 10, 15), dt.date(1802, 1, 31)]


def serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


def write_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Identifiant", "Essence", "Plantation"])
    for number, day in enumerate(PLANTED, 1):
        sheet.append([f"ARB-{number:03d}", "Chêne pédonculé", serial(day)])
        sheet.cell(row=number + 1, column=3).number_format = "DD/MM/YYYY"
    book.save(path)
    return path


def write_xls(path: Path) -> Path:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Arbres")
    style = xlwt.XFStyle()
    style.num_format_str = "DD/MM/YYYY"
    for column, label in enumerate(["Identifiant", "Essence", "Plantation"]):
        sheet.write(0, column, label)
    for number, day in enumerate(PLANTED, 1):
        sheet.write(number, 0, f"ARB-{number:03d}")
        sheet.write(number, 1, "Chêne pédonculé")
        sheet.write(number, 2, serial(day), style)
    book.save(str(path))
    return path


@pytest.mark.parametrize("write", [write_xlsx, write_xls], ids=["xlsx", "xls"])
def test_a_date_before_1900_is_read_as_its_date(tmp_path: Path, write) -> None:
    source = write(tmp_path / f"arbres.{write.__name__.removeprefix('write_')}")
    assert serial(PLANTED[0]) < 0  # the workbook holds what LibreOffice writes
    table = read_table(source)
    assert [str(value)[:10] for value in table.frame["Plantation"]] == [d.isoformat() for d in PLANTED]


@pytest.mark.parametrize("write", [write_xlsx, write_xls], ids=["xlsx", "xls"])
def test_check_and_fix_keep_the_dates_before_1900(tmp_path: Path, write) -> None:
    source = write(tmp_path / f"arbres.{write.__name__.removeprefix('write_')}")
    report = check(source)
    assert not [f for f in report.findings if f.field_name == "Plantation"]
    fix(source, tmp_path / "arbres.csv")
    lines = (tmp_path / "arbres.csv").read_text(encoding="utf-8").splitlines()
    assert [line.rsplit(",", 1)[1] for line in lines[1:]] == [d.isoformat() for d in PLANTED]


@pytest.mark.parametrize(("code", "date"), [("DD/MM/YYYY", True), ("[$-80C]dddd d mmmm yyyy", True), ("h:mm", True),
                                            ('0 "m²"', False), ("[Red]#,##0.00", False), ("0.00E+00", False),
                                            ("#,##0\\ \\m", False), ('#,##0.00 "€"', False)])
def test_a_format_code_shows_a_date_by_its_day_month_year_or_time(code: str, date: bool) -> None:
    from odwb_assist.quality.xlsx_scan import shows_date

    assert shows_date(code) is date


def test_a_negative_amount_in_a_budget_is_no_date(tmp_path: Path) -> None:
    """A negative number in a number format stays a number (only a date's format makes a day number a date)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Article", "Écart", "Date"])
    sheet.append(["104/123-06", -17348, serial(dt.date(1975, 10, 15))])
    sheet.cell(row=2, column=2).number_format = "#,##0.00"
    sheet.cell(row=2, column=3).number_format = "DD/MM/YYYY"
    book.save(tmp_path / "budget.xlsx")
    frame = read_table(tmp_path / "budget.xlsx").frame
    assert frame["Écart"].tolist() == ["-17348"] and frame["Date"].tolist()[0].startswith("1975-10-15")
