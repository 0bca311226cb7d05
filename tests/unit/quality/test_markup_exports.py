"""« Export Excel » buttons of web applications write a web page holding a table, or an Excel 2003 XML workbook, under
the name ``export.xls``: Excel opens both, xlrd and calamine refuse them. They were refused with « its content is a
web page, not a workbook »; they are now read as the workbook they stand for (``markup`` in the detection), checked
and fixed like one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from odwb_assist.core.errors import InputError
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix
from odwb_assist.quality.markup_book import MarkupBook, markup_kind

# A subsidies register exported by a web application in Excel's « web page » dialect: Windows-1252 declared in a
# <meta>, a title row spanning the table, Excel's x:num beside the shown amount, a merged cell (rowspan), a link,
# a hidden row, no-break spaces for empty cells.
SUBSIDIES_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<style>.montant {mso-number-format:"\\#\\,\\#\\#0\\.00\\\\ \\0022\\20AC\\0022";}</style></head>
<body>
<table border="1">
<col width="200"><col width="150" span="3"><col width="120"><col width="0" style="display:none">
<tr><td colspan="5"><b>Subsides octroyés en 2024 - Ville de Dinant</b></td></tr>
<tr><th>Bénéficiaire</th><th>Objet</th><th>Montant</th><th>Date du collège</th><th>Site web</th>
    <th style="display:none">Remarque interne</th></tr>
<tr><td rowspan="2">ASBL Les Amis de Bouvignes</td><td>Fête de quartier</td>
    <td class="montant" x:num="1250.5">1 250,50 €</td><td>12/03/2024</td>
    <td><a href="https://amis-bouvignes.be">Voir le site</a></td></tr>
<tr><td>Stage d'été</td><td class="montant" x:num="800">800,00 €</td><td>09/04/2024</td><td>&nbsp;</td></tr>
<tr style="display:none"><td>Cercle d'histoire de Dinant</td><td>Publication</td>
    <td class="montant" x:num="450">450,00 €</td><td>14/05/2024</td><td>&nbsp;</td></tr>
<tr><td>Club de kayak de la Meuse</td><td>Achat de matériel</td>
    <td class="montant" x:num="2000">2 000,00 €</td><td>11/06/2024</td><td>&nbsp;</td></tr>
<tr><td>Comité des fêtes de Falmignoul</td><td>Feu d'artifice<br>du 21 juillet</td>
    <td class="montant" x:num="1500">1 500,00 €</td><td>02/07/2024</td><td>&nbsp;</td>
    <td style="display:none">président injoignable</td></tr>
</table>
</body></html>
"""

# The same kind of register as an Excel 2003 XML workbook: a title merged across, dates typed, a cell left out
# (ss:Index jumps over it), rich text, a hidden sheet of choices placed first.
SUBSIDIES_XML = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
 <Worksheet ss:Name="Listes">
  <Table><Row><Cell><Data ss:Type="String">Objet</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">Fête de quartier</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>
 </Worksheet>
 <Worksheet ss:Name="Subsides 2024">
  <Table>
   <Row><Cell ss:MergeAcross="3"><Data ss:Type="String">Subsides octroyés en 2024 - Ville de Dinant</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">Bénéficiaire</Data></Cell><Cell><Data ss:Type="String">Objet</Data></Cell>
    <Cell><Data ss:Type="String">Montant (€)</Data></Cell><Cell><Data ss:Type="String">Date du collège</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">ASBL Les Amis de Bouvignes</Data></Cell>
    <Cell><ss:Data ss:Type="String"><html:B>Fête</html:B> de quartier</ss:Data></Cell>
    <Cell><Data ss:Type="Number">1250.5</Data></Cell><Cell><Data ss:Type="DateTime">2024-03-12T00:00:00.000</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">Club de kayak de la Meuse</Data></Cell>
    <Cell ss:Index="3"><Data ss:Type="Number">2000</Data></Cell>
    <Cell><Data ss:Type="DateTime">2024-06-11T00:00:00.000</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">Comité des fêtes de Falmignoul</Data></Cell>
    <Cell><Data ss:Type="String">Feu d'artifice</Data></Cell>
    <Cell><Data ss:Type="Number">1500</Data></Cell><Cell><Data ss:Type="DateTime">2024-07-02T00:00:00.000</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>
"""


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def test_a_web_page_saved_as_xls_is_read_as_its_table(tmp_path: Path) -> None:
    source = tmp_path / "export.xls"
    source.write_bytes(SUBSIDIES_HTML.encode("cp1252"))
    assert markup_kind(source.read_bytes()) == "html"
    book = MarkupBook(source)
    rows = book.rows(book.names[0])
    assert rows[2][:3] == ["ASBL Les Amis de Bouvignes", "Fête de quartier", 1250.5]  # x:num, not the shown text
    assert rows[3][:3] == [None, "Stage d'été", 800]  # the merged cell's value is at its first row only
    assert rows[3][4] is None and rows[6][1] == "Feu d'artifice\ndu 21 juillet"
    report = check(source, plugins=pm())
    assert report.detected.markup == "html" and report.detected.header_row == 2  # the title row above
    assert list(report.fields) == ["Bénéficiaire", "Objet", "Montant", "Date du collège", "Site web",
                                   "Remarque interne"]
    assert report.rows == 5
    found = set(report.stats)
    assert {"hidden-rows", "hidden-columns", "hyperlink-cells", "currency-cells"} <= found
    assert [list(f.all_rows) for f in report.findings if f.type == "hidden-rows"] == [[5]]
    assert [f.field_name for f in report.findings if f.type == "hidden-columns"] == ["Remarque interne"]


def test_the_web_page_is_fixed_into_a_csv(tmp_path: Path) -> None:
    source = tmp_path / "export.xls"
    source.write_bytes(SUBSIDIES_HTML.encode("cp1252"))
    fix(source, tmp_path / "subsides.csv", plugins=pm())
    text = (tmp_path / "subsides.csv").read_text(encoding="utf-8")
    assert "Club de kayak de la Meuse" in text and "2024-06-11" in text and "1250.5" in text
    assert "Cercle d'histoire de Dinant" in text  # the hidden row is kept: the user decides
    assert "Subsides octroyés en 2024" not in text.splitlines()[0]  # the title is no header


def test_an_excel_2003_xml_workbook_saved_as_xls(tmp_path: Path) -> None:
    source = tmp_path / "export.xls"
    source.write_text(SUBSIDIES_XML, encoding="utf-8")
    book = MarkupBook(source)
    assert book.names == ["Listes", "Subsides 2024"] and book.hidden == frozenset({"Listes"})
    rows = book.rows("Subsides 2024")
    assert rows[2][1] == "Fête de quartier"  # rich text read whole
    assert rows[3] == ["Club de kayak de la Meuse", None, 2000, rows[3][3]]  # ss:Index jumped over the object
    report = check(source, plugins=pm())
    assert report.detected.markup == "xml" and report.detected.sheet == "Subsides 2024"
    assert report.detected.header_row == 2 and report.rows == 3
    fix(source, tmp_path / "subsides.csv", plugins=pm())
    lines = (tmp_path / "subsides.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Bénéficiaire,Objet,Montant (€),Date du collège"
    assert lines[2] == "Club de kayak de la Meuse,,2000,2024-06-11"


def test_a_web_page_without_a_table_is_still_refused(tmp_path: Path) -> None:
    source = tmp_path / "export.xls"
    source.write_text("<html><head><title>Session expirée</title></head><body><p>Reconnectez-vous.</p></body></html>",
                      encoding="utf-8")
    with pytest.raises(InputError) as caught:
        check(source, plugins=pm())
    assert "page web (HTML)" in caught.value.message("fr")


def test_an_expanding_entity_is_not_expanded(tmp_path: Path) -> None:
    source = tmp_path / "export.xls"
    bomb = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            '<?mso-application progid="Excel.Sheet"?>'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="F"><Table>'
            '<Row><Cell><Data ss:Type="String">Nom</Data></Cell><Cell><Data ss:Type="String">Texte</Data></Cell></Row>'
            '<Row><Cell><Data ss:Type="String">x</Data></Cell><Cell><Data ss:Type="String">&b;</Data></Cell></Row>'
            '</Table></Worksheet></Workbook>')
    source.write_text(bomb, encoding="utf-8")
    rows = MarkupBook(source).rows("F")
    assert "aaaaaaaaaa" not in str(rows[1][1])


def test_the_pages_banner_table_is_not_the_one_read(tmp_path: Path) -> None:
    source = tmp_path / "export.xls"
    source.write_text("<html><head><meta charset='utf-8'></head><body>"
                      "<table><tr><td>Export du 03/12/2026</td><td>Utilisateur : service travaux</td></tr></table>"
                      "<table><tr><th>Rue</th><th>Code postal</th></tr><tr><td>Rue de Fer</td><td>5000</td></tr>"
                      "<tr><td>Chaussée de Liège</td><td>5100</td></tr></table></body></html>", encoding="utf-8")
    report = check(source, plugins=pm())
    assert report.detected.sheet == "Tableau 2" and report.detected.sheets == ["Tableau 2", "Tableau 1"]
    assert report.rows == 2 and list(report.fields) == ["Rue", "Code postal"]


def test_a_footer_written_before_the_body_is_read_last(tmp_path: Path) -> None:
    """HTML 4 writes <tfoot> before <tbody>; a browser shows it last. Read in the file's order, its « Total » came
    before the data it sums, a possible total « without data above »; read as shown, it is a total."""
    source = tmp_path / "export.xls"
    source.write_text("<html><head><meta charset='utf-8'></head><body><table>"
                      "<thead><tr><th>Quartier</th><th>Lampadaires</th></tr></thead>"
                      "<tfoot><tr><td>Total</td><td>230</td></tr></tfoot>"
                      "<tbody><tr><td>Centre</td><td>85</td></tr><tr><td>Bouge</td><td>85</td></tr>"
                      "<tr><td>Jambes</td><td>60</td></tr></tbody></table></body></html>", encoding="utf-8")
    report = check(source, plugins=pm())
    assert [(f.type, f.row_number) for f in report.findings if "total" in f.type] == [("total-row", 5)]


def test_a_web_page_too_big_to_read_whole_is_said_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from odwb_assist.quality import markup_book

    monkeypatch.setattr(markup_book, "LARGEST", 1000)
    source = tmp_path / "export.xls"
    source.write_text("<html><body><table>" + "<tr><td>Rue de Fer</td><td>5000</td></tr>" * 100 + "</table></body></html>",
                      encoding="utf-8")
    with pytest.raises(InputError) as caught:
        check(source, plugins=pm())
    assert "page web de plus de" in caught.value.message("fr") and "endommag" not in caught.value.message("fr")


def test_an_excel_2003_xml_workbook_saved_as_xml_is_read_and_uploaded_as_its_table(tmp_path: Path) -> None:
    """Excel's own « XML Spreadsheet 2003 » format is saved as .xml (SAP and Oracle exports too): read as the workbook
    it is, and the publication's upload is its table (it was the XML text, read as a CSV); another XML is refused."""
    from types import SimpleNamespace

    from odwb_assist.publish.source import prepare_upload

    source = tmp_path / "export.xml"
    source.write_text(SUBSIDIES_XML, encoding="utf-8")
    report = check(source, plugins=pm())
    assert report.detected.markup == "xml" and report.rows == 3
    upload = prepare_upload(SimpleNamespace(file=source, id="subsides", sheet=None), tmp_path / "work")  # type: ignore[arg-type]
    lines = upload.path.read_text(encoding="utf-8").splitlines()
    assert upload.rows == 3 and lines[0] == "Bénéficiaire,Objet,Montant (€),Date du collège"
    other = tmp_path / "autre.xml"
    other.write_text('<?xml version="1.0"?><root><a>1</a></root>', encoding="utf-8")
    with pytest.raises(InputError):
        check(other, plugins=pm())


def test_a_folders_xml_workbook_is_one_of_its_tables(tmp_path: Path) -> None:
    """A folder of exports holding an Excel 2003 XML workbook saved as .xml: checked and inventoried as a table;
    another XML file is no table (inventoried as « XML », not checked)."""
    from odwb_assist.inventory.discovery import discover
    from odwb_assist.quality.several_files import table_files

    (tmp_path / "subsides.xml").write_text(SUBSIDIES_XML, encoding="utf-8")
    (tmp_path / "config.xml").write_text('<?xml version="1.0"?><root><a>1</a></root>', encoding="utf-8")
    assert [path.name for path in table_files([tmp_path])] == ["subsides.xml"]
    entries = {entry.identifier: entry for entry in discover(tmp_path, plugins=pm())}
    assert entries["subsides"].format == "Excel" and entries["config"].format == "XML"


def test_a_date_excel_wrote_in_a_web_page_is_a_date(tmp_path: Path) -> None:
    """Excel's web page writes a date's day number in x:num beside the date it shows (« 12/03/2024 », x:num 45363): it
    was read as the number 45363."""
    source = tmp_path / "export.xls"
    source.write_text('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head>'
                      "<body><table><tr><td>Dossier</td><td>Date de décision</td><td>Montant</td></tr>"
                      '<tr><td>PU/1</td><td x:num="45363">12/03/2024</td><td x:num="1200">1 200</td></tr>'
                      '<tr><td>PU/2</td><td x:num="45412.5">30/04/2024 12:00</td><td x:num="800">800</td></tr>'
                      "</table></body></html>", encoding="utf-8")
    rows = MarkupBook(source).rows("Tableau 1")
    assert rows[1][1:] == [dt.datetime(2024, 3, 12), 1200] and rows[2][1] == dt.datetime(2024, 4, 30, 12)
    fix(source, tmp_path / "propre.csv", plugins=pm())
    lines = (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1] == "PU/1,2024-03-12,1200"


def test_a_page_declared_utf8_but_written_in_windows_1252_keeps_its_letters(tmp_path: Path) -> None:
    """Decoded as declared, « Liège » became « Li�ge », and the check blamed the source for the « � »."""
    source = tmp_path / "export.xls"
    source.write_bytes("<html><head><meta charset='utf-8'></head><body><table><tr><th>Rue</th><th>Localité</th></tr>"
                       "<tr><td>Rue de Fer</td><td>Liège</td></tr></table></body></html>".encode("cp1252"))
    report = check(source, plugins=pm())
    assert list(report.fields) == ["Rue", "Localité"] and not report.findings
    fix(source, tmp_path / "propre.csv", plugins=pm())
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[1] == "Rue de Fer,Liège"


@pytest.mark.parametrize(("name", "content", "said"), [
    ("vide.xls", "<html><body><table></table></body></html>", "page web dont aucun tableau ne contient de valeur"),
    ("vide.xml", '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
                 '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
     "classeur Excel 2003 XML dont aucune feuille ne contient de valeur"),
    ("coupe.xls", '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>\n<Workbook '
                  'xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:'
                  'spreadsheet"><Worksheet ss:Name="F"><Table><Row><Cell><Data ss:Type="String">Nom',
     "incomplet ou mal formé (erreur de structure à la ligne 2"),
])
def test_an_empty_or_cut_short_export_is_said_for_what_it_is(tmp_path: Path, name: str, content: str,
                                                              said: str) -> None:
    """They were « endommagé ou incomplet, comme classeur XLS »; the file is never changed."""
    source = tmp_path / name
    source.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        check(source, plugins=pm())
    assert said in caught.value.message("fr") and "XLS :" not in caught.value.message("fr")
    assert source.read_text(encoding="utf-8") == content
