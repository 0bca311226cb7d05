"""What a workbook hides from its reader: formulas stored without their result (a web application's « export
Excel », a script), columns and rows hidden by hand or by a filter. Each is said, none is fixed silently."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix, ods_scan, xlsx_scan
from odwb_assist.quality.xlsx_scan import scan_sheet

CLI = Callable[..., tuple[int, str, str]]
GRANTS = [("Club de foot de Ciney", 1200, 1500), ("Cercle d'histoire", 300, 350),
          ("Patro Saint-Joseph", 800, 800), ("Chorale La Lyre", 450, 500)]


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def grants_with_formulas(path: Path) -> Path:
    """Grants to associations as a script writes them: each total a formula, never computed (openpyxl stores
    ``<f>B2+C2</f><v></v>``), and a total row of SUM formulas."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Subsides"
    sheet.append(["Association", "Montant 2023", "Montant 2024", "Total"])
    for row, (name, before, after) in enumerate(GRANTS, start=2):
        sheet.append([name, before, after, f"=B{row}+C{row}"])
    sheet.append(["Total", "=SUM(B2:B5)", "=SUM(C2:C5)", "=SUM(D2:D5)"])
    book.save(path)
    return path


def computed(path: Path, values: dict[str, bytes]) -> Path:
    """The same package with the formula cells' results stored, as Excel saves them (``values``: cell → XML)."""
    out = path.with_name("calcule.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                for reference, cell in values.items():
                    start = data.index(f'<c r="{reference}"'.encode())
                    end = data.index(b"</c>", start) + 4
                    data = data[:start] + cell + data[end:]
            target.writestr(item, data)
    return out


def rooms_with_hidden_cells(path: Path) -> Path:
    """A commune's rooms, its internal remark column hidden before the meeting, a room sold off hidden by hand,
    and every column right of the table hidden (a common way of tidying a sheet)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Salles"
    sheet.append(["Salle", "Adresse", "Capacité", "Remarque interne"])
    for row in [("Salle des fêtes", "Rue de la Station 12, 5590 Ciney", 250, "clé chez M. Dubois 0475 12 34 56"),
                ("Salle Saint-Roch", "Place du Marché 3, 5590 Ciney", 80, "chauffage en panne"),
                ("Ancienne école", "Rue du Tilleul 5, 5590 Achêne", 60, "à vendre - confidentiel"),
                ("Maison de village", "Rue Haute 1, 5590 Leignon", 120, None)]:
        sheet.append(list(row))
    sheet.column_dimensions["D"].hidden = True
    sheet.column_dimensions.group("F", "Z", hidden=True)  # empty columns hidden: nothing to say
    sheet.row_dimensions[4].hidden = True
    sheet.row_dimensions[9].hidden = True  # an empty row hidden below the table: nothing to say
    book.save(path)
    return path


# --- formulas without their result ----------------------------------------------------------------

def test_formulas_never_computed_are_an_error_per_column_not_an_empty_column(tmp_path: Path) -> None:
    report = check(grants_with_formulas(tmp_path / "subsides.xlsx"), plugins=pm())
    found = {f.field_name: f for f in report.findings if f.type == "formula-without-value"}
    assert set(found) == {"Montant 2023", "Montant 2024", "Total"}
    total = found["Total"]
    assert total.severity.value == "error" and total.count == 5 and list(total.rows) == [2, 3, 4, 5, 6]
    assert total.field_number == 4 and total.extra == {"column": "D"}
    assert "5 cellule(s) contiennent une formule dont le résultat n'a pas été enregistré" in total.message("fr")
    assert "LibreOffice" in total.tip("fr") and "Paste Special" in total.tip("en")
    assert not [f for f in report.findings if f.type == "empty-column"]  # « delete the column » would lose it
    assert not report.valid
    data = json.loads(report.to_json())
    assert {"rowNumber": 2, "fieldNumber": 4} in data["detected"]["formulasWithoutValue"]


def test_formulas_with_their_results_saved_say_nothing(tmp_path: Path) -> None:
    path = computed(grants_with_formulas(tmp_path / "subsides.xlsx"), {
        "D2": b'<c r="D2"><f>B2+C2</f><v>2700</v></c>', "D3": b'<c r="D3"><f>B3+C3</f><v>650</v></c>',
        "D4": b'<c r="D4"><f>B4+C4</f><v>1600</v></c>',
        # a formula whose result is an empty string: computed (t="str", an empty <v>)
        "D5": b'<c r="D5" t="str"><f>IF(B5&gt;1000,B5+C5,"")</f><v></v></c>',
        "B6": b'<c r="B6"><f>SUM(B2:B5)</f><v>2750</v></c>', "C6": b'<c r="C6"><f>SUM(C2:C5)</f><v>3150</v></c>',
        "D6": b'<c r="D6"><f>SUM(D2:D5)</f><v>4950</v></c>'})
    report = check(path, plugins=pm())
    assert not [f for f in report.findings if f.type == "formula-without-value"]
    assert report.detected.formulas_without_value == []


def test_fix_says_what_it_cannot_compute_and_not_of_the_rows_it_removed(tmp_path: Path) -> None:
    source = grants_with_formulas(tmp_path / "subsides.xlsx")
    result = fix(source, tmp_path / "propre.csv", plugins=pm())
    preview = result.preview("fr")
    assert "Non corrigé, à voir dans le classeur :" in preview
    # the total row went to the side file: its formulas are not the clean file's
    assert [f.field_name for f in result.workbook_left] == ["Total"] and result.workbook_left[0].count == 4
    assert "Colonne « Total » : 4 cellule(s)" in preview
    assert "Not fixed, to see to in the workbook:" in result.preview("en")
    assert result.to_dict()["workbookLeft"][0]["type"] == "formula-without-value"


# --- hidden columns and rows ---------------------------------------------------------------------

def test_hidden_columns_and_rows_holding_values_are_said_and_published(tmp_path: Path) -> None:
    source = rooms_with_hidden_cells(tmp_path / "salles.xlsx")
    report = check(source, plugins=pm())
    columns = [f for f in report.findings if f.type == "hidden-columns"]
    rows = [f for f in report.findings if f.type == "hidden-rows"]
    assert [(f.field_name, f.field_number, f.extra["column"]) for f in columns] == [("Remarque interne", 4, "D")]
    assert "est masquée dans le classeur, mais elle sera publiée" in columns[0].message("fr")
    assert len(rows) == 1 and rows[0].count == 1 and list(rows[0].all_rows) == [4]
    assert {f.severity.value for f in columns + rows} == {"warning"} and report.valid
    assert report.detected.hidden_columns == [4] and report.detected.hidden_rows == [4]
    result = fix(source, tmp_path / "propre.csv", plugins=pm())
    assert [f.type for f in result.workbook_left] == ["hidden-columns", "hidden-rows"]
    clean = (tmp_path / "propre.csv").read_text(encoding="utf-8")
    assert "Remarque interne" in clean and "Ancienne école" in clean  # nothing dropped: the user decides


def test_a_sheet_without_hidden_cells_says_nothing(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    for row in [["commune", "population"], ["Namur", 111000], ["Andenne", 27000]]:
        book.active.append(row)
    book.active.column_dimensions["A"].width = 30  # a <cols> element, nothing hidden
    book.save(tmp_path / "simple.xlsx")
    report = check(tmp_path / "simple.xlsx", plugins=pm())
    assert not [f for f in report.findings if f.type in ("hidden-columns", "hidden-rows", "formula-without-value")]


def test_the_cli_names_them_in_french_and_english(tmp_path: Path, cli: CLI) -> None:
    source = rooms_with_hidden_cells(tmp_path / "salles.xlsx")
    code, out, _ = cli("check", str(source))
    assert code == 0 and "Colonne masquée dans le classeur" in out and "Lignes masquées dans le classeur" in out
    code, out, _ = cli("check", str(source), "--lang", "en")
    assert code == 0 and "Column hidden in the workbook" in out and "masquée" not in out


# --- the scan of the sheet's XML ------------------------------------------------------------------

SHEET = (b'<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         b'<x:dimension ref="A1:C7"/><x:cols><x:col min="2" max="2" width="0" hidden="1"/>'
         b'<x:col min="3" max="3" width="12" customWidth="1"/></x:cols><x:sheetData>'
         b'<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>'
         b'<x:row r="2" hidden="1"><x:c r="A2"><x:v>1</x:v></x:c>'
         b'<x:c r="B2"><x:f t="shared" ref="B2:B4" si="0">A2*2</x:f><x:v>2</x:v></x:c></x:row>'
         b'<x:row r="3"><x:c r="A3"><x:v>2</x:v></x:c><x:c r="B3"><x:f t="shared" si="0"/></x:c>'
         b'<x:c r="C3" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c></x:row>'
         + b"".join(b'<x:row r="%d"><x:c r="A%d"><x:v>%d</x:v></x:c></x:row>' % (r, r, r) for r in range(4, 7))
         + b'<x:row r="7" spans="1:3" hidden="true"><x:c r="C7"><x:f>SUM(A2:A6)</x:f><x:v/></x:c></x:row>'
         b"</x:sheetData></x:worksheet>")


@pytest.mark.parametrize("block", [xlsx_scan.BLOCK, 64, 200, 333])  # one block, and rows cut across blocks
def test_the_scan_reads_prefixed_xml_shared_formulas_and_rows_across_blocks(monkeypatch: pytest.MonkeyPatch,
                                                                            block: int) -> None:
    monkeypatch.setattr(xlsx_scan, "BLOCK", block)
    monkeypatch.setattr(xlsx_scan, "HEAD", 160 if block < 4096 else xlsx_scan.HEAD)  # (the extent ends at 130)
    scan = scan_sheet(io.BytesIO(SHEET))
    assert scan.extent == (7, 3)
    assert scan.marks.hidden_columns == ((2, 2),)
    assert scan.marks.hidden_rows == (2, 7)
    assert scan.marks.unvalued == ((3, 2), (7, 3))  # the shared formula's second cell, an empty <v/>
    assert scan.errors == [(2, 2, "#DIV/0!")]


# the worksheet's elements in their schema order: the columns before the rows, the links after them
LINKED = SHEET.replace(b"</x:sheetData></x:worksheet>",
                       b'</x:sheetData><x:hyperlinks><x:hyperlink ref="A3" r:id="rId1" '
                       b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
                       b'</x:hyperlinks></x:worksheet>')
# a cell whose text names a hyperlink and holds a « col » inside the rows: neither read as the XML's marks
TEXTS = LINKED.replace(b'<x:row r="4">', b'<x:row r="4"><x:c r="B4" t="inlineStr"><x:is><x:t>voir hyperlink '
                                         b'&lt;x:col min="1" max="1" hidden="1"/&gt;</x:t></x:is></x:c>')


@pytest.mark.parametrize("block", [xlsx_scan.BLOCK, 64, 200, 333])
@pytest.mark.parametrize("sheet", [LINKED, TEXTS])
def test_the_scan_finds_the_columns_before_the_rows_and_the_links_after_them(monkeypatch: pytest.MonkeyPatch,
                                                                           block: int, sheet: bytes) -> None:
    monkeypatch.setattr(xlsx_scan, "BLOCK", block)
    monkeypatch.setattr(xlsx_scan, "HEAD", 160 if block < 4096 else xlsx_scan.HEAD)
    scan = scan_sheet(io.BytesIO(sheet))
    assert scan.marks.hidden_columns == ((2, 2),)
    assert scan.hyperlinks == [(3, 1, "rId1")]
    assert scan.marks.unvalued == ((3, 2), (7, 3))


# --- hidden sheets ----------------------------------------------------------------------------------

def registrations_with_a_hidden_list(path: Path, table: bool = True) -> Path:
    """A registration form's workbook: first a hidden sheet of the drop-down's choices, then the table."""
    book = openpyxl.Workbook()
    choices = book.active
    choices.title = "Listes"
    for value in ["Oui", "Non", "Liste d'attente"]:
        choices.append([value])
    choices.sheet_state = "hidden"
    sheet = book.create_sheet("Inscriptions")
    if table:
        sheet.append(["Activité", "Date", "Places", "Complet"])
        sheet.append(["Stage nature", "08/07/2024", 20, "Non"])
        sheet.append(["Stage cirque", "15/07/2024", 15, "Oui"])
    book.save(path)
    return path


def test_a_hidden_sheet_of_choices_is_not_taken_for_the_table(tmp_path: Path) -> None:
    report = check(registrations_with_a_hidden_list(tmp_path / "inscriptions.xlsx"), plugins=pm())
    assert report.detected.sheet == "Inscriptions" and report.fields == ["Activité", "Date", "Places", "Complet"]
    assert report.detected.hidden_sheets == ["Listes"]
    other = next(f for f in report.findings if f.type == "other-sheets")
    assert "Autres feuilles : « Listes » (masquée)." in other.message("fr")
    assert "'Listes' (hidden)" in other.message("en") and other.extra["hidden"] == ["Listes"]
    assert json.loads(report.to_json())["detected"]["hiddenSheets"] == ["Listes"]


def test_a_hidden_sheet_is_read_when_no_visible_sheet_holds_a_value(tmp_path: Path) -> None:
    report = check(registrations_with_a_hidden_list(tmp_path / "listes.xlsx", table=False), plugins=pm())
    assert report.detected.sheet == "Listes"


def test_a_sheet_of_formulas_only_says_why_it_reads_empty(tmp_path: Path, cli: CLI) -> None:
    book = openpyxl.Workbook()
    book.active.append(["=1+1", "=A1*2"])
    book.save(tmp_path / "formules.xlsx")
    code, out, err = cli("check", str(tmp_path / "formules.xlsx"))
    assert code == 2 and "ses 2 formule(s) n'ont pas de résultat enregistré" in out + err
    assert "seulement des lignes vides" not in out + err


def rooms_ods(path: Path) -> Path:
    """The rooms as LibreOffice saves them: column D and row 4 hidden, the rest of the sheet's rows hidden as one
    repeated block (formatting to the sheet's end, not data)."""
    import ezodf

    document = ezodf.newdoc(doctype="ods", filename=str(path))
    sheet = ezodf.Sheet("Salles", size=(5, 4))
    document.sheets += sheet
    rows = [["Salle", "Adresse", "Capacité", "Remarque interne"],
            ["Salle des fêtes", "Rue de la Station 12", "250", "clé chez M. Dubois"],
            ["Salle Saint-Roch", "Place du Marché 3", "80", "chauffage en panne"],
            ["Ancienne école", "Rue du Tilleul 5", "60", "à vendre - confidentiel"],
            ["Maison de village", "Rue Haute 1", "120", ""]]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                sheet[r, c].set_value(value)
    document.save()
    hidden = path.with_name("cache.ods")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(hidden, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "content.xml":
                columns = data.count(b"<table:table-column/>")
                assert columns == 4
                data = data.replace(b"<table:table-column/>" * 4, b'<table:table-column table:number-columns-repeated="3"/>'
                                    b'<table:table-column table:visibility="collapse"/>')
                parts = data.split(b"<table:table-row>")
                parts[4] = b'<table:table-row table:visibility="collapse">' + parts[4]
                data = (b"<table:table-row>".join(parts[:4]) + parts[4]
                        + b"<table:table-row>".join([b"", *parts[5:]]))
                data = data.replace(b"</table:table>", b'<table:table-row table:visibility="collapse" '
                                    b'table:number-rows-repeated="1048570"><table:table-cell/></table:table-row>'
                                    b"</table:table>")
            target.writestr(item, data)
    return hidden


@pytest.mark.parametrize("block", [ods_scan.BLOCK, 40])  # one block, and « table:visibility » cut across two
def test_an_ods_workbook_tells_its_hidden_columns_and_rows_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              block: int) -> None:
    monkeypatch.setattr(ods_scan, "BLOCK", block)
    report = check(rooms_ods(tmp_path / "salles.ods"), plugins=pm())
    assert report.detected.hidden_columns == [4] and report.detected.hidden_rows == [4]
    assert [f.field_name for f in report.findings if f.type == "hidden-columns"] == ["Remarque interne"]
    assert [list(f.all_rows) for f in report.findings if f.type == "hidden-rows"] == [[4]]


def test_checking_every_sheet_names_the_hidden_one(tmp_path: Path, cli: CLI) -> None:
    source = registrations_with_a_hidden_list(tmp_path / "inscriptions.xlsx")
    code, out, _ = cli("check", str(source), "--sheet", "all")
    assert "Feuille 1/2 : « Listes » (masquée dans le classeur)" in out and "« Inscriptions » (masquée" not in out
    code, out, _ = cli("check", str(source), "--sheet", "all", "--format", "json")
    sheets = json.loads(out)["sheets"]
    assert [(s["sheet"], s["hidden"]) for s in sheets] == [("Listes", True), ("Inscriptions", False)]


@pytest.mark.parametrize(("content", "named"), [(b"x" * 30 + b'table:visibility="filter"' + b"y" * 30, True),
                                                (b"x" * 30 + b'table:visibility="visible"' + b"y" * 30, False)])
def test_the_visibility_is_found_across_two_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes,
                                                   named: bool) -> None:
    monkeypatch.setattr(ods_scan, "BLOCK", 40)  # the only mark runs from byte 30 to 55: cut at 40
    with zipfile.ZipFile(tmp_path / "t.ods", "w") as archive:
        archive.writestr("content.xml", content)
    with zipfile.ZipFile(tmp_path / "t.ods") as archive:
        assert ods_scan._names_visibility(archive) is named
