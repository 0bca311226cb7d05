"""Check ``padded-numbers`` and fix ``pad-as-shown``: codes typed as numbers and shown with leading zeros by a
format « 000 » (40 shows « 040 ») lose them when published; the fix writes them as shown."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix
from odwb_assist.quality.xlsx_scan import padded_styles, padded_width

PM = get_plugin_manager(load_entrypoints=False)
BUDGET = [(0, "Fonds des communes", 12500000), (40, "Additionnels", 8300000), (104, "Administration générale", -3600000),
          (421, "Voiries", -500000)]


@pytest.mark.parametrize(("code", "width"), [("000", 3), ("00000", 5), ("000;-000", 3), ("[Blue]000", 3), ("0", None),
                                             ("0.00", None), ("#,##0", None), ("000;00", None), ("00%", None),
                                             ("0000\\.000\\.000", None), ("General", None)])
def test_the_width_a_format_pads_to(code: str, width: int | None) -> None:
    assert padded_width(code) == width


def test_styles_that_pad() -> None:
    styles = (b'<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="000"/><numFmt numFmtId="165" '
              b'formatCode="00000"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/>'
              b'<xf numFmtId="165"/></cellXfs></styleSheet>')
    assert padded_styles(styles) == {3: frozenset({1}), 5: frozenset({2})}


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _xlsx(path: Path, number_format: str = "000", extra: int | None = None) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Fonction", "Libellé", "Budget initial"])
    for row in BUDGET:
        sheet.append(list(row))
    for row in sheet.iter_rows(min_row=2, min_col=1, max_col=1):
        row[0].number_format = number_format
    if extra is not None:
        sheet.append([extra, "Divers", 1000])  # a code typed without the format
    book.save(path)
    return path


def test_an_xlsx_column_of_codes_is_said_and_written_with_its_zeros(tmp_path: Path) -> None:
    source = _xlsx(tmp_path / "budget.xlsx")
    report = check(source, plugins=PM)
    [found] = [f for f in report.findings if f.type == "padded-numbers"]
    # « 104 » and « 421 » show as they are: the two codes that lose their zeros are said
    # the example is the first code that is not zero: « 40, affiché 040 » tells the lost zero, « 0, affiché 000 » less
    assert (found.field_name, found.count, list(found.rows), found.extra) == ("Fonction", 2, [2, 3],
                                                                              {"width": 3, "shown": "040"})
    assert "(ex. ligne 3 : 40, affiché 040) : le fichier publié perd ces zéros" in found.message("fr")
    assert report.detected.to_dict()["paddedCells"] == [{"fieldNumber": 1, "width": 3, "count": 4}]
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.counts["pad-as-shown"] == 2  # « 104 » and « 421 » already have three digits
    assert [row[0] for row in _rows(tmp_path / "propre.csv")] == ["Fonction", "000", "040", "104", "421"]
    # the portal types a column of codes with leading zeros as text (sandbox/processing.py), not as numbers
    assert not [f for f in check(tmp_path / "propre.csv", plugins=PM).findings if f.type == "padded-numbers"]


def test_a_year_column_formatted_with_four_zeros_says_nothing(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Année", "Naissances"])
    for year, births in ((2022, 131), (2023, 127), (2024, 140)):
        sheet.append([year, births])
        sheet.cell(row=sheet.max_row, column=1).number_format = "0000"
    book.save(tmp_path / "naissances.xlsx")
    assert not [f for f in check(tmp_path / "naissances.xlsx", plugins=PM).findings if f.type == "padded-numbers"]


def test_a_column_with_a_number_shown_otherwise_is_left(tmp_path: Path) -> None:
    source = _xlsx(tmp_path / "budget.xlsx", extra=55)
    assert not [f for f in check(source, plugins=PM).findings if f.type == "padded-numbers"]
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert [row[0] for row in _rows(tmp_path / "propre.csv")][1:3] == ["0", "40"]


def test_an_ods_workbook_shows_its_zeros_in_its_text(tmp_path: Path) -> None:
    """As LibreOffice saves a format « 000 »: ``office:value="40"`` and ``<text:p>040</text:p>``."""
    ezodf = pytest.importorskip("ezodf")
    plain = tmp_path / "plain.ods"
    document = ezodf.newdoc(doctype="ods", filename=str(plain))
    sheet = ezodf.Sheet("Budget", size=(len(BUDGET) + 1, 3))
    document.sheets += sheet
    for r, row in enumerate([("Fonction", "Libellé", "Budget initial"), *BUDGET]):
        for c, value in enumerate(row):
            sheet[r, c].set_value(value)
    document.save()
    source = tmp_path / "budget.ods"
    with zipfile.ZipFile(plain) as original, zipfile.ZipFile(source, "w") as target:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "content.xml":
                for code in (b"0", b"40"):  # ezodf writes no text for a number: LibreOffice writes what it shows
                    data, count = re.subn(rb'(<table:table-cell office:value="' + code + rb'" office:value-type="float")/>',
                                          rb"\1><text:p>" + code.zfill(3) + b"</text:p></table:table-cell>", data)
                    assert count == 1
            target.writestr(item, data)
    [found] = [f for f in check(source, plugins=PM).findings if f.type == "padded-numbers"]
    assert (found.field_name, found.extra["width"]) == ("Fonction", 3)
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert [row[0] for row in _rows(tmp_path / "propre.csv")] == ["Fonction", "000", "040", "104", "421"]


def test_an_xls_workbook_tells_its_codes(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Budget")
    padded = xlwt.easyxf(num_format_str="000")
    for c, value in enumerate(("Fonction", "Libellé", "Budget initial")):
        sheet.write(0, c, value)
    for r, (code, label, amount) in enumerate(BUDGET, start=1):
        sheet.write(r, 0, code, padded)
        sheet.write(r, 1, label)
        sheet.write(r, 2, amount)
    source = tmp_path / "budget.xls"
    book.save(str(source))
    [found] = [f for f in check(source, plugins=PM).findings if f.type == "padded-numbers"]
    assert (found.field_name, found.count, found.extra["width"]) == ("Fonction", 2, 3)
