"""first_undecodable: the offset and line of the first byte an encoding does not define, found block by block."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.core.errors import InputError
from odwb_assist.quality import undecodable
from odwb_assist.quality.reader import unreadable
from odwb_assist.quality.undecodable import first_undecodable


@pytest.mark.parametrize("block", [1, 2, 3, 7, 1 << 20])
def test_the_byte_and_its_line_whatever_the_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    block: int) -> None:
    monkeypatch.setattr(undecodable, "BLOCK", block)  # « é » and « € » cut between two blocks too
    path = tmp_path / "export.csv"
    data = "Commune;Remarque\nLiège;été €\nNamur;ok\n".encode() + b"Ciney;x\xe9y\nMons;z\n"  # a cp1252 « é » in UTF-8
    path.write_bytes(data)
    assert first_undecodable(path, "utf-8") == (data.index(b"\xe9y"), 4)
    single = tmp_path / "cp1252.csv"
    single.write_bytes("Commune\r\nLiège\r\n".encode("cp1252") + b"\x81\r\n")
    assert first_undecodable(single, "cp1252") == (single.read_bytes().index(b"\x81"), 3)


def test_utf16_counts_its_lines_in_characters(tmp_path: Path) -> None:
    path = tmp_path / "texte-unicode.txt"
    data = "\ufeffCommune\tCode\r\nLiège\t4000\r\n".encode("utf-16-le") + b"\x00\xd8A\x00"  # a lone high surrogate
    path.write_bytes(data)
    assert first_undecodable(path, "utf-16") == (len(data) - 4, 3)


def test_none_when_every_byte_is_defined_or_nothing_can_be_said(tmp_path: Path) -> None:
    path = tmp_path / "propre.csv"
    path.write_text("Commune;Code\nLiège;4000\n", encoding="utf-8")
    assert first_undecodable(path, "utf-8") is None
    assert first_undecodable(path, "no-such-encoding") is None
    assert first_undecodable(tmp_path / "absent.csv", "utf-8") is None


def test_the_error_of_an_unreadable_file_names_the_byte_s_line(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"Commune;Code\nLi\xe8ge;4000\nNamur;5000\n\x81;x\n")
    try:
        path.read_bytes().decode("cp1252")
    except UnicodeDecodeError as exc:
        error, unknown = unreadable(path, exc, "cp1252"), unreadable(path, exc)  # unknown: no encoding given
    assert isinstance(error, InputError)
    assert "l'octet 0x81, à la ligne 4 du fichier, n'est pas un caractère valide" in error.message("fr")
    assert "byte 0x81, on line 4 of the file, is not a valid character" in error.message("en")
    assert "l'octet 0x81 n'est pas" in unknown.message("fr")
