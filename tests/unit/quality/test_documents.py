"""A Word document, a PDF, a slide deck, a picture or a ZIP archive given instead of a table is named for what it
is, with what to do (exit code 2, no traceback), while workbooks, damaged ones included, go on as before."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from odwb_assist.core.errors import InputError
from odwb_assist.quality import check
from odwb_assist.quality.sheets import check_sheets

CLI = Callable[..., tuple[int, str, str]]


def ooxml(path: Path, folder: str) -> Path:
    """An Office Open XML file as Word or PowerPoint writes it (a ZIP, as an XLSX is)."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(f"{folder}/document.xml", "<document/>")
    return path


def odf(path: Path, mimetype: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{mimetype}", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return path


@pytest.mark.parametrize(("name", "make", "said"), [
    ("tableau.docx", lambda p: ooxml(p, "word"), "est un document Word, pas un tableau. Copiez le tableau dans Excel"),
    ("tableau.odt", lambda p: odf(p, "text"), "est un document texte OpenDocument (Writer), pas un tableau."),
    ("slides.pptx", lambda p: ooxml(p, "ppt"), "est une présentation (PowerPoint ou Impress), pas un tableau."),
    ("slides.odp", lambda p: odf(p, "presentation"), "est une présentation (PowerPoint ou Impress)"),
    ("ancien.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)), "est un document Word"),
    ("budget.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256))),
     "est un document PDF, pas un tableau. Un tableau copié depuis un PDF perd ses colonnes"),
    ("capture.png", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64)), "est une image, pas un tableau."),
    ("photo.jpg", lambda p: p.write_bytes(b"\xff\xd8\xff\xe0" + bytes(64)), "est une image, pas un tableau."),
])
def test_a_document_is_named_for_what_it_is(tmp_path: Path, name: str, make: Callable[[Path], object],
                                            said: str, cli: CLI) -> None:
    path = tmp_path / name
    make(path)
    with pytest.raises(InputError) as raised:
        check(path)
    assert said in raised.value.text("fr") and "not a table" in raised.value.text("en")
    code, out, err = cli("check", str(path))
    assert code == 2 and said in err and "Traceback" not in out + err
    with pytest.raises(InputError):
        check_sheets(path)


def test_a_zip_archive_lists_the_tables_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "export-odwb.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name in ("parkings.csv", "LISEZMOI.md", "donnees/subsides.xlsx", "carte.geojson"):
            archive.writestr(name, "a,b\n1,2\n")
    with pytest.raises(InputError) as raised:
        check(path)
    assert raised.value.text("fr") == (f"{path.name} est une archive ZIP, pas un tableau. Décompressez-la (clic droit > "
                                       "Extraire tout) et vérifiez chacun des tableaux qu'elle contient : parkings.csv, "
                                       "donnees/subsides.xlsx.")
    empty = tmp_path / "cartes.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("carte.geojson", "{}")
    with pytest.raises(InputError, match="aucun tableau"):
        check(empty)
    cut = tmp_path / "telechargement.zip"
    cut.write_bytes(path.read_bytes()[:120])  # a download cut short
    with pytest.raises(InputError, match="est une archive ZIP endommagée ou incomplète : téléchargez-la"):
        check(cut)


def test_workbooks_are_still_read_and_a_damaged_one_still_said_damaged(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["commune", "population"])
    book.active.append(["Ciney", 16_000])
    book.save(tmp_path / "ok.xlsx")
    assert check(tmp_path / "ok.xlsx").rows == 1
    (tmp_path / "abime.xlsx").write_bytes(b"PK\x03\x04" + bytes(200))
    with pytest.raises(InputError, match="endommagé ou incomplet"):
        check(tmp_path / "abime.xlsx")


def test_a_workbook_is_not_opened_to_be_told_apart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbook is opened once, by its reader: telling documents apart lists no ZIP named like a workbook."""
    from odwb_assist.quality import documents

    book = openpyxl.Workbook()
    book.active.append(["commune", "population"])
    book.active.append(["Ciney", 16_000])
    book.save(tmp_path / "ok.xlsx")
    listed: list[Path] = []
    spy = SimpleNamespace(ZipFile=lambda path, *a, **k: listed.append(path) or zipfile.ZipFile(path),
                          BadZipFile=zipfile.BadZipFile)
    monkeypatch.setattr(documents, "zipfile", spy)  # this module's reference only, not the workbook readers'
    assert check(tmp_path / "ok.xlsx").rows == 1 and listed == []
    ooxml(tmp_path / "tableau.docx", "word")
    with pytest.raises(InputError, match="document Word"):
        check(tmp_path / "tableau.docx")
    assert listed == [tmp_path / "tableau.docx"]


GEOJSON = '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", ' \
          '"coordinates": [5.18, 50.35]}, "properties": {"nom": "Parc Saint-Roch", "surface": 1.2}}]}'


@pytest.mark.parametrize(("name", "text", "said"), [
    ("parcs.geojson", GEOJSON, "est un fichier GeoJSON (des objets géographiques et leurs attributs), pas un tableau"),
    ("parcs.json", "\ufeff" + GEOJSON, "est un fichier GeoJSON"),
    ("export.json", '[\n  {"nom": "Parc", "surface": 12}\n]', "est un fichier JSON, pas un tableau"),
    ("export.csv", '{"records": []}', "est un fichier JSON, pas un tableau"),  # a download named .csv
    ("carte.kml", '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'
                  "<Document/></kml>", "est un fichier KML (une carte Google Earth ou My Maps)"),
    ("flux.xml", '<?xml version="1.0"?>\n<rows><row nom="Parc"/></rows>', "est un fichier XML, pas un tableau"),
    ("page.html", "<!DOCTYPE html>\n<html><body><table><tr><td>Nom</td></tr></table></body></html>",
     "est une page web (HTML), pas un tableau"),
])
def test_a_text_file_that_is_no_table_is_named_for_what_it_is(tmp_path: Path, name: str, text: str, said: str,
                                                               cli: CLI) -> None:
    """Read as a CSV, a GeoJSON file was « a table of 7 columns without data » (no-data)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        check(path)
    assert said in raised.value.text("fr") and "not a table" in raised.value.text("en")
    code, out, err = cli("check", str(path))
    assert code == 2 and said in err and "Traceback" not in out + err


@pytest.mark.parametrize("text", ["[Commune];[Population]\nNamur;112000\nMons;95000\n",
                                  "{id};nom\n1;Parc\n2;Square\n"])
def test_a_csv_that_opens_with_a_bracket_is_still_a_table(tmp_path: Path, text: str) -> None:
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    assert check(path).rows == 2


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_geojson_written_in_utf16_is_named_too(tmp_path: Path, encoding: str) -> None:
    """PowerShell and Windows' Notepad write UTF-16 with a byte order mark: read as a CSV, such a GeoJSON was a table
    of one column and some seventy rows of braces."""
    path = tmp_path / "parcs.geojson"
    bom = {"utf-16-be": "\ufeff"}.get(encoding, "")
    path.write_text(bom + GEOJSON.replace(", ", ",\n  "), encoding=encoding)
    with pytest.raises(InputError, match="est un fichier GeoJSON"):
        check(path)


def test_a_utf16_csv_is_still_a_table(tmp_path: Path) -> None:
    path = tmp_path / "population.txt"  # Excel's « Texte Unicode »: UTF-16, a tab between cells
    path.write_text("Commune\tPopulation\r\nNamur\t112000\r\nMons\t95000\r\n", encoding="utf-16")
    assert check(path).rows == 2
