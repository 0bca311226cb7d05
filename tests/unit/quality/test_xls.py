"""A real Excel 97–2003 (.xls) file, written with xlwt: read, its title rows, totals and French numbers found."""

from __future__ import annotations

from pathlib import Path

import xlwt

from odwb_assist.quality import check, fix

ROWS = [
    ["Budget communal 2021", "", ""],
    ["", "", ""],
    ["Poste", "Montant", "Date"],
    ["Voirie", "1.250,50", "31/03/2021"],
    ["Écoles", "800", "15/04/2021"],
    ["Total", "2050,5", ""],
]


def write_xls(path: Path) -> Path:
    book = xlwt.Workbook()
    sheet = book.add_sheet("Feuil1")
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(path))
    return path


def test_xls_is_read_and_checked(tmp_path: Path) -> None:
    report = check(write_xls(tmp_path / "budget.xls"))
    assert report.detected.format == "xls" and report.detected.sheet == "Feuil1"
    assert report.detected.header_row == 3 and report.fields == ["Poste", "Montant", "Date"]
    found = {(f.type, f.row_number) for f in report.findings}
    assert ("title-rows", 1) in found and ("total-row", 6) in found
    assert {"decimal-comma", "date-format"} <= set(report.stats)


def test_xls_is_fixed_into_a_valid_csv(tmp_path: Path) -> None:
    source = write_xls(tmp_path / "budget.xls")
    result = fix(source, tmp_path / "budget.csv")
    assert result.written and source.read_bytes()  # the original is still there
    text = (tmp_path / "budget.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "Poste,Montant,Date" and "1250.50" in text and "2021-03-31" in text
    assert check(tmp_path / "budget.csv").valid
