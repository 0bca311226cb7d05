"""Real workbooks: Excel 95 in its own code page, formatted-but-empty cells, several sheets, misnamed files."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import ezodf
import openpyxl
import pytest
import xlrd
from openpyxl.styles import Font, PatternFill

from odwb_assist.core.errors import InputError
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, check_sheets, fix, read_table

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from biff5 import write_excel95  # noqa: E402

CLI = Callable[..., tuple[int, str, str]]
BUDGET = [["Poste", "Bénéficiaire", "Montant", "Date"],
          ["Voirie", "Société Générale d'Électricité", 1250.5, ("date", 44287)],
          ["Écoles", "Athénée royal de Namur", 800, ("date", 44301)],
          ["Œuvres", "Crèche « Les Petits Pas »", 99.99, ("date", 44350)]]


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


# --- Excel 95 ----------------------------------------------------------------------------------

def test_an_excel_95_workbook_is_read_in_its_code_page(tmp_path: Path) -> None:
    path = write_excel95(tmp_path / "budget95.xls", {"Budget": BUDGET})
    book = xlrd.open_workbook(str(path))
    assert book.biff_version in (50, 70) and book.codepage == 1252  # a real Excel 95 workbook, not BIFF8
    report = check(path, plugins=pm())
    assert report.detected.format == "xls" and report.detected.codepage == "cp1252"
    assert report.fields == ["Poste", "Bénéficiaire", "Montant", "Date"] and report.rows == 3
    table = read_table(path)
    assert list(table.frame["Bénéficiaire"]) == ["Société Générale d'Électricité", "Athénée royal de Namur",
                                                 "Crèche « Les Petits Pas »"]
    assert list(table.frame["Poste"]) == ["Voirie", "Écoles", "Œuvres"] and table.frame.loc[2, "Date"] == "2021-04-01"
    assert list(table.frame["Montant"]) == ["1250.5", "800", "99.99"]


def test_an_excel_95_workbook_in_another_code_page(tmp_path: Path) -> None:
    rows = [["Город", "Население"], ["Москва", 12600000], ["Тверь", 416000]]
    path = write_excel95(tmp_path / "cp1251.xls", {"Лист1": rows}, codepage=1251)
    table = read_table(path)
    assert table.detected.codepage == "cp1251" and table.detected.sheet == "Лист1"
    assert table.fields == ["Город", "Население"] and table.frame.loc[2, "Город"] == "Москва"


def test_an_excel_95_workbook_is_fixed_into_utf8_csv(tmp_path: Path) -> None:
    path = write_excel95(tmp_path / "budget95.xls", {"Budget": BUDGET})
    result = fix(path, tmp_path / "budget.csv", plugins=pm())
    text = (tmp_path / "budget.csv").read_text(encoding="utf-8")
    assert result.written and "Crèche « Les Petits Pas »" in text and "Œuvres" in text


def test_excel_95_in_the_cli_names_its_code_page(cli: CLI, tmp_path: Path) -> None:
    path = write_excel95(tmp_path / "budget95.xls", {"Budget": BUDGET})
    code, out, err = cli("check", path)
    assert code == 0 and "decode" not in out + err and "xls (Excel 95, page de codes cp1252)" in out
    assert "feuille « Budget »" in out


# --- formatted but empty cells -----------------------------------------------------------------

def test_phantom_formatted_columns_and_rows_are_cut(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    header = [f"col{i}" for i in range(1, 26)]
    sheet.append(header)
    for r in range(2, 12):
        sheet.append([f"v{r}-{c}" for c in range(1, 26)])
    fill = PatternFill("solid", fgColor="FFFF00")
    for row in range(1, 40):  # formatted down to row 39 and across to column IV (256)
        for column in (30, 100, 256):
            sheet.cell(row=row, column=column).fill = fill
        sheet.cell(row=row, column=26).font = Font(bold=True)
    path = tmp_path / "fantomes.xlsx"
    book.save(path)
    report = check(path, plugins=pm())
    assert len(report.fields) == 25 and report.rows == 10
    assert report.detected.trimmed_columns == 231 and report.detected.trimmed_rows == 28
    assert not {"blank-label", "empty-column", "blank-row"} & set(report.stats) and report.valid


def test_phantom_blank_cells_of_an_excel_95_sheet_are_cut(tmp_path: Path) -> None:
    path = write_excel95(tmp_path / "fantomes.xls", {"Budget": BUDGET}, blanks=(30, 256))
    report = check(path, plugins=pm())
    assert len(report.fields) == 4 and report.rows == 3 and not {"blank-label", "blank-row"} & set(report.stats)


def test_an_ods_sheet_is_cut_to_its_values(tmp_path: Path) -> None:
    path = tmp_path / "t.ods"
    document = ezodf.newdoc(doctype="ods", filename=str(path))
    sheet = ezodf.Sheet("Données", size=(40, 60))
    document.sheets += sheet
    for r, row in enumerate([["commune", "population"], ["Namur", 111000], ["Andenne", 27000]]):
        for c, value in enumerate(row):
            sheet[r, c].set_value(value)
    document.save()
    report = check(path, plugins=pm())
    assert report.fields == ["commune", "population"] and report.rows == 2 and report.valid


# --- sheets ------------------------------------------------------------------------------------

def workbook(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.title = "Lisez-moi"
    book["Lisez-moi"].append(["Ce classeur donne la population des communes."])
    data = book.create_sheet("Population")
    for row in [["commune", "population"], ["Namur", 111000], ["Andenne", 27000]]:
        data.append(row)
    book.create_sheet("Vide")
    bad = book.create_sheet("Budget")
    for row in [["poste", "montant"], ["Voirie", "1.250,50"], ["Total", "1.250,50"]]:
        bad.append(row)
    path = tmp_path / "classeur.xlsx"
    book.save(path)
    return path


def test_the_report_says_how_many_sheets_and_which_was_read(cli: CLI, tmp_path: Path) -> None:
    path = workbook(tmp_path)
    report = check(path, plugins=pm())
    assert report.detected.sheets == ["Lisez-moi", "Population", "Vide", "Budget"]
    [info] = [f for f in report.findings if f.type == "other-sheets"]
    assert info.severity == "info" and "4 feuilles" in info.message("fr") and "--sheet all" in info.tip("fr")
    code, out, _ = cli("check", path, "--sheet", "Population")
    assert code == 0 and "feuille « Population » (2 sur 4)" in out and "other-sheets" not in out


def test_sheet_all_checks_each_sheet(cli: CLI, tmp_path: Path) -> None:
    path = workbook(tmp_path)
    result = check_sheets(path, plugins=pm())
    statuses = [(item.sheet, item.status) for item in result.sheets]
    assert statuses == [("Lisez-moi", "checked"), ("Population", "checked"), ("Vide", "empty"), ("Budget", "checked")]
    budget = result.sheets[3].report
    assert budget is not None and "total-row" in budget.stats and not result.valid
    assert result.sheets[1].report is not None and result.sheets[1].report.valid
    code, out, _ = cli("check", path, "--sheet", "all")
    assert code == 1 and "Feuille 2/4 : « Population »" in out and "Feuille 4/4 : « Budget »" in out
    assert "vide" in out and "« Budget »" in out.split("Erreurs à corriger dans")[-1]
    code, out, _ = cli("check", path, "--sheet", "all", "--format", "json")
    data = json.loads(out)
    assert code == 1 and [s["status"] for s in data["sheets"]] == ["checked", "checked", "empty", "checked"]
    assert data["sheets"][3]["report"]["stats"]["total-row"] == 1 and data["valid"] is False
    html = tmp_path / "r.html"
    code, _, _ = cli("check", path, "--sheet", "all", "--format", "html", "--output", html)
    assert code == 1 and html.read_text(encoding="utf-8").count("<h2>Feuille") == 4
    code, _, err = cli("check", path, "--sheet", "all", "--format", "xlsx")
    assert code == 2 and "text, json ou html" in err


def test_sheet_all_in_python_check_or_fix_points_to_check_sheets_and_fix_sheets(cli: CLI, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="check_sheets"):
        check(workbook(tmp_path), sheet="all", plugins=pm())
    with pytest.raises(InputError, match="fix_sheets"):
        fix(workbook(tmp_path), tmp_path / "p.csv", sheet="all", plugins=pm())
    # the CLI's fix --sheet all stacks the sheets of one table: « Population » and « Budget » are two
    code, out, err = cli("fix", workbook(tmp_path), "--sheet", "all", "--output", tmp_path / "p.csv")
    assert code == 2 and "ne forment pas un seul tableau" in out + err and "« Budget »" in out + err


def test_an_empty_first_sheet_is_skipped(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Feuil1"
    data = book.create_sheet("Données")
    data.append(["commune", "population"])
    data.append(["Namur", 111000])
    path = tmp_path / "vide_puis_donnees.xlsx"
    book.save(path)
    report = check(path, plugins=pm())
    assert report.detected.sheet == "Données" and report.rows == 1


# --- misnamed files and a header alone ---------------------------------------------------------

@pytest.mark.parametrize(("name", "content", "said"), [
    ("export.xlsx", "commune;population\nNamur;111000\n", "du texte"),
    # a web page holding a table is read as one (test_markup_exports); one without is no workbook
    ("export.xls", "<html><body><p>Session expirée : reconnectez-vous.</p></body></html>", "une page web (HTML)"),
    ("export.ods", "commune\tpopulation\nNamur\t111000\n", "du texte"),
])
def test_text_named_like_a_workbook_is_refused(cli: CLI, tmp_path: Path, name: str, content: str, said: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, err = cli("check", path)
    assert code == 2 and "Aucune erreur bloquante" not in out + err
    assert f"extension {Path(name).suffix}" in err and said in err
    with pytest.raises(InputError, match="pas un classeur"):
        check(path, plugins=pm())


def test_a_workbook_named_csv_is_refused(cli: CLI, tmp_path: Path) -> None:
    path = write_excel95(tmp_path / "export.csv", {"Budget": BUDGET})
    code, _, err = cli("check", path)
    assert code == 2 and "extension .csv" in err and "XLS" in err
    code, _, err = cli("check", path, "--sheet", "all")
    assert code == 2 and "extension .csv" in err


def test_a_header_only_file_is_an_error(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "titres.csv"
    path.write_text("nom;adresse;capacite\n", encoding="utf-8")
    code, out, _ = cli("check", path)
    assert code == 1 and "no-data" in out and "Aucune erreur bloquante" not in out
    book = openpyxl.Workbook()
    book.active.append(["nom", "adresse"])
    book.save(tmp_path / "titres.xlsx")
    assert not check(tmp_path / "titres.xlsx", plugins=pm()).valid


@pytest.mark.parametrize("name", ["casse.xlsx", "casse.xls", "casse.ods"])
def test_a_damaged_workbook_is_refused_in_french(cli: CLI, tmp_path: Path, name: str) -> None:
    good = tmp_path / ("bon" + Path(name).suffix)
    if name.endswith(".xlsx"):
        book = openpyxl.Workbook()
        book.active.append(["commune", "population"])
        book.save(good)
    elif name.endswith(".xls"):
        write_excel95(good, {"Feuil1": [["commune", "population"], ["Namur", 111000]]})
    else:
        document = ezodf.newdoc(doctype="ods", filename=str(good))
        document.sheets += ezodf.Sheet("Feuil1", size=(2, 2))
        document.save()
    data = good.read_bytes()
    path = tmp_path / name
    path.write_bytes(data[: len(data) // 2] if not name.endswith(".xls") else data[:600])
    code, out, err = cli("check", path)
    assert code == 2 and "endommagé ou incomplet" in err
    assert not any(word in err for word in ("zip", "Error", "BadZip", "sector", "codec")), err


def test_a_password_protected_workbook_is_said_so(cli: CLI, tmp_path: Path) -> None:
    import struct

    from biff5 import compound_file

    path = tmp_path / "protege.xlsx"  # Office encrypts an XLSX into an OLE2 file with an EncryptedPackage stream
    path.write_bytes(compound_file(struct.pack("<Q", 10) + b"\x00" * 64, name="EncryptedPackage"))
    code, _, err = cli("check", path)
    assert code == 2 and "mot de passe" in err
