"""Check ``currency-cells`` and fix ``currency-in-title``: a workbook's amounts formatted « # ##0,00 € » under a title
that does not say the currency → « Montant (€) », the numbers unchanged."""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix
from odwb_assist.quality.xlsx_scan import currency_styles, shown_currency

PM = get_plugin_manager(load_entrypoints=False)
SUBSIDIES = [("Les Marsupilamis", 1250.0), ("Club de pétanque", 830.5), ("Chorale Sainte-Cécile", 400.0)]


@pytest.mark.parametrize(("code", "symbol"), [('#,##0.00\\ "€"', "€"), ("[$€-80C] #,##0.00", "€"), ("#,##0.00 €", "€"),
                                              ("[$EUR] #,##0", "€"), ('"$"#,##0.00', "$"), ("#,##0.00 [$£-809]", "£"),
                                              ("_-* #,##0.00\\ [$€-80C]_-;\\-* #,##0.00\\ [$€-80C]_-", "€"),
                                              ("[$-80C]dd/mm/yyyy", None), ("#,##0.00", None), ("0.0%", None)])
def test_the_currency_a_format_shows(code: str, symbol: str | None) -> None:
    assert shown_currency(code) == symbol


def test_styles_that_show_an_amount() -> None:
    styles = (b'<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;\xe2\x82\xac&quot;"/>'
              b'<numFmt numFmtId="165" formatCode="0.0%"/></numFmts><cellXfs count="4"><xf numFmtId="0"/>'
              b'<xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165"/><xf numFmtId="164"/></cellXfs></styleSheet>')
    assert currency_styles(styles) == {"€": frozenset({1, 3})}


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def _xlsx(path: Path, label: str = "Montant", number_format: str = '#,##0.00\\ "€"', count: int | None = None) -> Path:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Association", label])
    for name, amount in SUBSIDIES:
        sheet.append([name, amount])
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = number_format
    if count is not None:
        sheet.append(["Nombre d'associations", count])  # a number not shown as an amount
    book.save(path)
    return path


def test_an_xlsx_column_of_amounts_gets_its_currency_in_the_title(tmp_path: Path) -> None:
    source = _xlsx(tmp_path / "subsides.xlsx")
    report = check(source, plugins=PM)
    [found] = [f for f in report.findings if f.type == "currency-cells"]
    assert (found.field_name, found.count, list(found.rows), found.extra) == ("Montant", 3, [2, 3, 4],
                                                                              {"symbol": "€", "title": "Montant (€)"})
    assert found.severity.value == "info" and "affiché(s) en € dans le classeur (ex. ligne 2 : 1250" in found.message("fr")
    assert report.detected.to_dict()["currencyCells"] == [{"fieldNumber": 2, "symbol": "€", "count": 3}]
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.counts["currency-in-title"] == 1
    assert _rows(tmp_path / "propre.csv") == [["Association", "Montant (€)"], ["Les Marsupilamis", "1250"],
                                              ["Club de pétanque", "830.5"], ["Chorale Sainte-Cécile", "400"]]
    assert not [f for f in check(tmp_path / "propre.csv", plugins=PM).findings if f.type == "currency-cells"]


@pytest.mark.parametrize("label", ["Montant (€)", "Montant en euros", "Subside EUR"])
def test_a_title_that_names_the_currency_is_left(tmp_path: Path, label: str) -> None:
    assert not [f for f in check(_xlsx(tmp_path / "subsides.xlsx", label), plugins=PM).findings
                if f.type == "currency-cells"]


def test_a_column_with_a_number_not_shown_as_an_amount_is_left(tmp_path: Path) -> None:
    source = _xlsx(tmp_path / "subsides.xlsx", count=3)
    assert not [f for f in check(source, plugins=PM).findings if f.type == "currency-cells"]


def test_an_ods_workbook_tells_its_amounts(tmp_path: Path) -> None:
    """As LibreOffice saves them: ``office:value-type="currency"`` and ``office:currency="EUR"``."""
    ezodf = pytest.importorskip("ezodf")
    plain = tmp_path / "plain.ods"
    document = ezodf.newdoc(doctype="ods", filename=str(plain))
    sheet = ezodf.Sheet("Subsides", size=(len(SUBSIDIES) + 1, 2))
    document.sheets += sheet
    for r, row in enumerate([("Association", "Subside"), *SUBSIDIES]):
        for c, value in enumerate(row):
            sheet[r, c].set_value(value)
    document.save()
    source = tmp_path / "subsides.ods"
    with zipfile.ZipFile(plain) as original, zipfile.ZipFile(source, "w") as target:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "content.xml":
                data, count = re.subn(rb'office:value="([0-9.]+)" office:value-type="float"',
                                      rb'office:value="\1" office:value-type="currency" office:currency="EUR"', data)
                assert count == 3
            target.writestr(item, data)
    [found] = [f for f in check(source, plugins=PM).findings if f.type == "currency-cells"]
    assert (found.field_name, found.count, found.extra["title"]) == ("Subside", 3, "Subside (€)")
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert _rows(tmp_path / "propre.csv")[0] == ["Association", "Subside (€)"]


def test_an_xls_workbook_tells_its_amounts(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Subsides")
    euros = xlwt.easyxf(num_format_str='#,##0.00 "€"')
    sheet.write(0, 0, "Association")
    sheet.write(0, 1, "Montant")
    for r, (name, amount) in enumerate(SUBSIDIES, start=1):
        sheet.write(r, 0, name)
        sheet.write(r, 1, amount, euros)
    source = tmp_path / "subsides.xls"
    book.save(str(source))
    [found] = [f for f in check(source, plugins=PM).findings if f.type == "currency-cells"]
    assert (found.field_name, found.count, found.extra["title"]) == ("Montant", 3, "Montant (€)")
