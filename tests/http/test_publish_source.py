"""The file actually uploaded: clean UTF-8 comma CSV, checksum of the bytes sent, original never touched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from odwb_assist.core.config_model import DatasetConfig
from odwb_assist.core.errors import InputError
from odwb_assist.publish import prepare_upload


def dataset(path: Path) -> DatasetConfig:
    return DatasetConfig(id="ds", file=path)


def test_clean_csv_is_uploaded_as_it_is(tmp_path):
    source = tmp_path / "a.csv"
    source.write_text('nom,texte\nA,"deux\nlignes"\nB,x\n', encoding="utf-8")
    upload = prepare_upload(dataset(source), tmp_path / "work")
    assert upload.path == source and not upload.converted and upload.rows == 2
    assert upload.checksum == "sha256:" + hashlib.sha256(source.read_bytes()).hexdigest()
    assert not (tmp_path / "work").exists()


def test_bom_and_semicolons_are_converted_into_a_new_file(tmp_path):
    source = tmp_path / "a.csv"
    original = "\ufeffnom;montant\nA;1,5\nB;2\n".encode()
    source.write_bytes(original)
    upload = prepare_upload(dataset(source), tmp_path / "work")
    assert upload.converted and upload.path != source and upload.rows == 2
    assert upload.path.read_bytes() == b'nom,montant\nA,"1,5"\nB,2\n'
    assert source.read_bytes() == original
    assert upload.checksum == "sha256:" + hashlib.sha256(upload.path.read_bytes()).hexdigest()


@pytest.mark.parametrize("content, why", [(b"", "vide"), (b"\x00\x01\x02PK", "binaire")])
def test_empty_or_binary_files_are_refused_clearly(tmp_path, content, why):
    source = tmp_path / "a.csv"
    source.write_bytes(content)
    with pytest.raises(InputError) as info:
        prepare_upload(dataset(source), tmp_path / "work")
    assert why in info.value.message("fr")


def test_missing_file_says_where_to_fix(tmp_path):
    with pytest.raises(InputError) as info:
        prepare_upload(dataset(tmp_path / "absent.csv"), tmp_path / "work")
    assert "odwb.toml" in info.value.message("fr")


@pytest.mark.parametrize("encoding, line_end", [("mac_roman", "\r"), ("cp850", "\r\n"), ("utf-16", "\r\n"),
                                                 ("utf-8", "\r"), ("cp1252", "\n")])
def test_legacy_code_pages_and_mac_line_ends_are_uploaded_as_utf8_lines(tmp_path, encoding, line_end):
    """Excel for Mac's CSV (Mac OS Roman, a carriage return alone), Excel's « CSV (MS-DOS) » (850), « Texte
    Unicode » (UTF-16): read as Windows-1252, « Liège » and « Évêché » were uploaded spoilt, and a UTF-8 file whose
    lines end with a carriage return alone was uploaded as it is."""
    rows = ["commune,équipement,remarque", "Liège,Piscine de la Sauvenière,Réouverture après travaux",
            "Namur,Rue de l'Évêché,Accès PMR à vérifier", "Érezée,École communale,Fermé en août"]
    source = tmp_path / "equipements.csv"
    source.write_bytes((line_end.join(rows) + line_end).encode(encoding))
    upload = prepare_upload(dataset(source), tmp_path / "work")
    assert upload.converted and upload.rows == 3
    assert upload.path.read_text(encoding="utf-8") == "\n".join(rows) + "\n"


def test_a_workbook_is_uploaded_as_the_check_read_it(tmp_path):
    """Read by pandas, an Excel date was uploaded « 2023-03-16 00:00:00 » (a date and a time, where the check read a date), the
    booleans « True », and the table's header was taken from the sheet's first row, whatever the check had found."""
    import datetime as dt

    import xlsxwriter

    source = tmp_path / "permis.xlsx"
    book = xlsxwriter.Workbook(str(source))
    sheet = book.add_worksheet("Registre")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    stamp = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet.write("A1", "Registre des permis d'urbanisme")
    sheet.write_row(2, 0, ["dossier", "depot", "octroye", "maj", "surface"])
    for row, (number, granted) in enumerate([("PU/001", True), ("PU/002", False)], start=3):
        sheet.write(row, 0, number)
        sheet.write_datetime(row, 1, dt.datetime(2023, 3, 16 + row), day)
        sheet.write_boolean(row, 2, granted)
        sheet.write_datetime(row, 3, dt.datetime(2024, 3, 1, 10, 35), stamp)
        sheet.write_number(row, 4, 120.0 + row)
    book.close()
    upload = prepare_upload(dataset(source), tmp_path / "work")
    assert upload.converted and upload.rows == 2
    assert upload.path.read_text(encoding="utf-8").splitlines() == [
        "dossier,depot,octroye,maj,surface",
        "PU/001,2023-03-19,true,2024-03-01T10:35:00,123",
        "PU/002,2023-03-20,false,2024-03-01T10:35:00,124",
    ]


def test_a_spoilt_workbook_is_refused_in_words(tmp_path):
    """A workbook cut short (a zip without its end): no library's exception name in the French message."""
    import openpyxl

    whole = tmp_path / "whole.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Commune", "Population"])
    book.active.append(["Ciney", 16500])
    book.save(whole)
    source = tmp_path / "budget.xlsx"
    source.write_bytes(whole.read_bytes()[:300])
    with pytest.raises(InputError) as info:
        prepare_upload(dataset(source), tmp_path / "work")
    french = info.value.message("fr")
    assert "ne peut pas être lu" in french or "illisible" in french
    assert "Error" not in french and "BadZip" not in french
