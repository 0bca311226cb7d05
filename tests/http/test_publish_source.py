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
