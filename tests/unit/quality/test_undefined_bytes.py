"""A Windows-1252 file holding a byte Windows-1252 does not define (0x81, 0x8D, 0x8F, 0x90, 0x9D) is read as
Windows-1252 all the same, that byte kept as a control character: its « € » and « ’ » stay themselves, where the
latin-1 reading made them control characters too, written so by the fix."""

from __future__ import annotations

import codecs
import csv
import random
from pathlib import Path

from odwb_assist.quality import check, fix
from odwb_assist.quality.code_pages import code_page
from odwb_assist.quality.transcode import to_utf8
from odwb_assist.quality.undefined_bytes import KEPT

ROWS = ["Nom;Remarque", "Piscine;l’école d’à côté, 12 € l’entrée", "Hall;Namur\x81", "Stade;œuvre…"]


def _file(tmp_path: Path) -> Path:
    source = tmp_path / "subsides.csv"  # « Namur » followed by the byte 0x81, which Windows-1252 does not define
    data = "\r\n".join(ROWS).replace("\x81", "").encode("cp1252").replace(b"Namur", b"Namur\x81") + b"\r\n"
    source.write_bytes(data)
    return source


def test_the_codec_reads_every_byte_and_writes_it_back() -> None:
    every = bytes(range(256))
    text = every.decode(KEPT)
    assert text[0x80] == "€" and text[0x92] == "’" and text[0x81] == "\x81" and text[0xE9] == "é"
    assert text.encode(KEPT) == every
    decoder = codecs.getincrementaldecoder(KEPT)()
    assert "".join(decoder.decode(every[at:at + 7]) for at in range(0, 256, 7)) == text


def test_the_block_transcoder_is_the_codec() -> None:
    transcode = to_utf8(KEPT)
    assert transcode is not None
    generator = random.Random(7)
    for _ in range(50):
        data = bytes(generator.choice(b"ab;\n\x80\x81\x8d\x92\x9d\xe9\xff") for _ in range(200))
        assert transcode(data) == data.decode(KEPT).encode("utf-8")


def test_one_undefined_byte_leaves_windows_1252_as_it_reads(tmp_path: Path) -> None:
    source = _file(tmp_path)
    assert code_page(source.read_bytes()) == KEPT
    report = check(source)
    assert report.detected.encoding == KEPT
    assert [(f.row_number, f.cell) for f in report.by_type()["invisible-characters"]] == [(3, "Namur<U+0081>")]
    assert "unit-in-cell" not in report.stats
    assert "cp1252 (Windows-1252)" in report.by_type()["non-utf-encoding"][0].message("fr")
    out = tmp_path / "propre.csv"
    fix(source, out)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1] == ["Piscine", "l’école d’à côté, 12 € l’entrée"] and rows[3] == ["Stade", "œuvre…"]
    assert rows[2] == ["Hall", "Namur\x81"]  # kept, and said


def test_a_file_windows_1252_reads_entirely_is_still_windows_1252() -> None:
    assert code_page("Nom;Montant\nPiscine;12 €\nÉcole;l’été\n".encode("cp1252")) == "cp1252"
