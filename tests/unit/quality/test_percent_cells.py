"""Check ``percent-cells`` and fix ``percent-as-shown``: numbers a workbook shows as a percentage (« 80,5 % ») are
published as the fraction (0.805); the fix writes them as shown, exactly, with « (%) » in the title. Read from the
workbook itself: an XLSX cell's style, an ODS cell's value type, an XLS cell's format."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pytest

from odwb_assist.checks.percent_cells import as_shown, titled
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix
from odwb_assist.quality.xlsx_scan import percent_styles

PM = get_plugin_manager(load_entrypoints=False)
BUREAUX = [("Bureau 1", 667, 0.805), ("Bureau 2", 883, 0.867), ("Bureau 3", 879, 1), ("Bureau 4", 702, 0.0405)]


@pytest.mark.parametrize(("cell", "shown"), [("0.805", "80.5"), ("1", "100"), ("0.0405", "4.05"), ("-0.12", "-12"),
                                             ("0", "0"), ("8e-05", "0.008"), ("0.1234567", "12.34567"), ("abc", None),
                                             ("", None), ("12 %", None)])
def test_a_fraction_as_the_workbook_shows_it(cell: str, shown: str | None) -> None:
    assert as_shown(cell) == shown


def test_a_title_gets_the_unit_once() -> None:
    assert titled("Participation") == "Participation (%)" and titled("Taux (%)") == "Taux (%)"


def test_styles_that_show_a_percentage() -> None:
    styles = (b'<styleSheet><numFmts count="3"><numFmt numFmtId="164" formatCode="0.0%"/>'
              b'<numFmt numFmtId="165" formatCode="&quot;%&quot;0"/><numFmt numFmtId="166" formatCode="0.00\\ %"/>'
              b'</numFmts><cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/>'
              b'<xf numFmtId="9"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="14"/></cellXfs></styleSheet>')
    # « "%"0 » shows a quoted « % » before a number: no percentage; « 0.00\ % » is one
    assert percent_styles(styles) == frozenset({1, 2, 4})


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _xlsx(path: Path, number_format: str = "0.0%", label: str = "Participation", mixed: bool = False) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Élections"
    sheet.append(["Bureau", "Inscrits", label])
    for name, registered, rate in BUREAUX:
        sheet.append([name, registered, rate])
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].number_format = number_format
    if mixed:
        sheet.append(["Total", 3131, 2688])  # a count under the rates, not shown as a percentage
    book.save(path)
    return path


def test_an_xlsx_column_of_percentages_is_said_and_written_as_shown(tmp_path: Path) -> None:
    source = _xlsx(tmp_path / "participation.xlsx")
    report = check(source, plugins=PM)
    [found] = [f for f in report.findings if f.type == "percent-cells"]
    assert (found.field_name, found.count, list(found.rows), found.extra["shown"]) == ("Participation", 4, [2, 3, 4, 5],
                                                                                       "80.5")
    assert "affiché 80,5 %) : le fichier publié contient la fraction, 0.805, pas 80.5" in found.message("fr")
    assert "shown 80.5 %" in found.message("en") and "holds the fraction, 0.805" in found.message("en")
    assert report.detected.to_dict()["percentCells"] == [{"fieldNumber": 3, "count": 4}]
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.counts["percent-as-shown"] == 5  # four numbers and the title
    assert _rows(tmp_path / "propre.csv") == [["Bureau", "Inscrits", "Participation (%)"], ["Bureau 1", "667", "80.5"],
                                              ["Bureau 2", "883", "86.7"], ["Bureau 3", "879", "100"],
                                              ["Bureau 4", "702", "4.05"]]
    assert not [f for f in check(tmp_path / "propre.csv", plugins=PM).findings if f.type == "percent-cells"]


def test_the_example_is_a_rate_that_is_not_zero(tmp_path: Path) -> None:
    # reductions granted to sports clubs: most are none (0 %), shown as a percentage like the others
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Club", "Taux de réduction"])
    for name, rate in [("Judo", 0), ("Tennis", 0), ("Football", 0.25), ("Natation", 0.1)]:
        sheet.append([name, rate])
        sheet.cell(row=sheet.max_row, column=2).number_format = "0%"
    book.save(tmp_path / "clubs.xlsx")
    [found] = [f for f in check(tmp_path / "clubs.xlsx", plugins=PM).findings if f.type == "percent-cells"]
    assert (found.count, found.row_number, found.cell, found.extra["shown"]) == (4, 4, "0.25", "25")
    assert "(ex. ligne 4 : 0.25, affiché 25 %) : le fichier publié contient la fraction, 0.25, pas 25." in \
        found.message("fr")  # not « 0, affiché 0 % … la fraction, 0, pas 0 »


def test_a_built_in_percent_format_and_a_title_that_says_percent(tmp_path: Path) -> None:
    source = _xlsx(tmp_path / "taux.xlsx", number_format="0%", label="Taux (%)")
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert _rows(tmp_path / "propre.csv")[:2] == [["Bureau", "Inscrits", "Taux (%)"], ["Bureau 1", "667", "80.5"]]


def test_a_column_with_a_number_not_shown_as_a_percentage_is_said_and_left(tmp_path: Path) -> None:
    source = _xlsx(tmp_path / "total.xlsx", mixed=True)
    report = check(source, plugins=PM)
    assert not [f for f in report.findings if f.type == "percent-cells"]
    [mixed] = [f for f in report.findings if f.type == "percent-mixed"]
    assert (mixed.field_name, mixed.count, list(mixed.rows), mixed.extra["others"], mixed.extra["otherExample"]) == (
        "Participation", 4, [2, 3, 4, 5], 1, {"rowNumber": 6, "cell": "2688"})
    assert "et 1 autre(s) non (ex. ligne 6 : 2688) : le fichier publié mélange" in mixed.message("fr")
    assert "mixes fractions and other numbers" in mixed.message("en")
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert "percent-as-shown" not in result.counts and _rows(tmp_path / "propre.csv")[1][2] == "0.805"


def test_a_rate_typed_as_a_number_among_percentages_is_said(tmp_path: Path) -> None:
    """A rate typed « 75 » in a cell without the percentage format, among rates formatted « 0.0% »."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Quartier", "Taux d'occupation"])
    for name, rate, formatted in (("Centre", 0.92, True), ("Gare", 75, False), ("Bomel", 0.81, True)):
        sheet.append([name, rate])
        if formatted:
            sheet.cell(row=sheet.max_row, column=2).number_format = "0%"
    book.save(tmp_path / "occupation.xlsx")
    [mixed] = [f for f in check(tmp_path / "occupation.xlsx", plugins=PM).findings if f.type.startswith("percent")]
    assert (mixed.type, mixed.row_number, mixed.cell, mixed.extra["otherExample"]) == (
        "percent-mixed", 2, "0.92", {"rowNumber": 3, "cell": "75"})


def test_an_ods_workbook_tells_its_percentages(tmp_path: Path) -> None:
    """As LibreOffice saves them: ``office:value-type="percentage"`` and the fraction in ``office:value``."""
    ezodf = pytest.importorskip("ezodf")
    plain = tmp_path / "plain.ods"
    document = ezodf.newdoc(doctype="ods", filename=str(plain))
    sheet = ezodf.Sheet("Taux", size=(len(BUREAUX) + 1, 3))
    document.sheets += sheet
    for r, row in enumerate([("Bureau", "Inscrits", "Participation"), *BUREAUX]):
        for c, value in enumerate(row):
            sheet[r, c].set_value(value)
    document.save()
    source = tmp_path / "participation.ods"
    with zipfile.ZipFile(plain) as original, zipfile.ZipFile(source, "w") as target:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "content.xml":
                data = re.sub(rb'<table:table-cell office:value="(0\.[0-9]+|1)" office:value-type="float"',
                              rb'<table:table-cell office:value="\1" office:value-type="percentage"', data)
                assert data.count(b'"percentage"') == 4
            target.writestr(item, data)
    [found] = [f for f in check(source, plugins=PM).findings if f.type == "percent-cells"]
    assert (found.field_name, found.count) == ("Participation", 4)
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert [row[2] for row in _rows(tmp_path / "propre.csv")] == ["Participation (%)", "80.5", "86.7", "100", "4.05"]


def test_an_xls_workbook_tells_its_percentages(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Taux")
    percent = xlwt.easyxf(num_format_str="0.0%")
    for c, value in enumerate(("Bureau", "Inscrits", "Participation")):
        sheet.write(0, c, value)
    for r, (name, registered, rate) in enumerate(BUREAUX, start=1):
        sheet.write(r, 0, name)
        sheet.write(r, 1, registered)
        sheet.write(r, 2, rate, percent)
    source = tmp_path / "participation.xls"
    book.save(str(source))
    [found] = [f for f in check(source, plugins=PM).findings if f.type == "percent-cells"]
    assert (found.field_name, found.count) == ("Participation", 4)
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert [row[2] for row in _rows(tmp_path / "propre.csv")] == ["Participation (%)", "80.5", "86.7", "100", "4.05"]


def test_ods_percent_cells_count_repeated_rows_and_cells() -> None:
    from odwb_assist.quality.ods_scan import _percent_cells

    cell = b'<table:table-cell office:value-type="percentage" office:value="0.5"><text:p>50 %</text:p></table:table-cell>'
    table = (b'<table:table table:name="T"><table:table-row><table:table-cell/>' + cell + b"</table:table-row>"
             b'<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/>'
             + cell.replace(b"<table:table-cell ", b'<table:table-cell table:number-columns-repeated="2" ') +
             b"</table:table-row><table:table-row>" + cell + b"</table:table-row></table:table>")
    assert _percent_cells(table) == [(1, 2), (2, 3), (2, 4), (3, 3), (3, 4), (4, 1)]
