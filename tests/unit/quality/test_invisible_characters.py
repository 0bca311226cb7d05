"""Unreadable characters in cells: a control character pasted from another program or read from a byte the file's
encoding does not define, « � » for a letter lost in a conversion; said with the cell shown safely, never fixed.
Tabs, line breaks and the typography of French text (« », °, a non-breaking space, ’, €) are text."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pytest

from odwb_assist.checks.invisible_characters import RULE
from odwb_assist.checks.unreadable import has_invisible, shown
from odwb_assist.quality import check, fix


@pytest.mark.parametrize("text", ["Na\x0bmur", "Ciney\x07", "LI\x81GE", "Li\ufffdge", "a\x7fb", "\x1bcode", "x\x9f"])
def test_unreadable_characters_are_seen(text: str) -> None:
    assert has_invisible(text)


@pytest.mark.parametrize("text", ["Rue\tde Fer", "Voir\ndélibération", "ligne\r\nsuivante", "« Namur »", "12 °C",
                                  "1\u00a0000", "l’école", "12 €", "Ｆ", "²", "Ünal", "😀", ""])
def test_text_is_text(text: str) -> None:
    assert not has_invisible(text)


def test_the_byte_prefilter_keeps_every_match() -> None:
    texts = ["Na\x0bmur", "« Namur »", "Li\ufffdge", "12 °C", "ok", "x\x9f", "Ｆ", "\x01"]
    cells = pa.array(texts)
    assert RULE.arrow_mask(cells).tolist() == [has_invisible(text) for text in texts]


def test_a_cell_is_shown_without_its_control_characters() -> None:
    assert shown("Na\x0bmur\x81") == "Na<U+000B>mur<U+0081>"
    assert shown("Li\ufffdge") == "Li\ufffdge"


def test_a_control_character_and_a_lost_letter_are_said(tmp_path: Path) -> None:
    source = tmp_path / "associations.csv"
    source.write_text("Nom;Localité;Remarque\nLes Amis;Na\x0bmur;ok\nChorale;Li\ufffdge;Rue\tX\nClub;Ciney;« bien »\n",
                      encoding="utf-8")
    report = check(source)
    found = report.by_type()["invisible-characters"]
    assert [(f.field_name, f.count, f.row_number) for f in found] == [("Localité", 2, 2)]
    assert found[0].cell == "Na<U+000B>mur" and "\x0b" not in found[0].message("fr")
    assert found[0].extra["characters"] == ["U+000B", "U+FFFD"]
    assert [example["cell"] for example in found[0].extra["examples"]] == ["Na<U+000B>mur", "Li\ufffdge"]
    assert found[0].severity.value == "warning" and report.valid
    assert "unreadable character" in found[0].message("en")


def test_a_byte_the_code_page_does_not_define_is_said_and_kept(tmp_path: Path) -> None:
    # 0x81 is no character of Windows-1252: the file is read as latin-1, where it is the control character U+0081
    source = tmp_path / "communes.csv"
    source.write_bytes(b"Nom;Ville\r\nA;NAMUR\r\nB;LI\x81GE\r\n")
    report = check(source)
    found = report.by_type()["invisible-characters"]
    assert [(f.field_name, f.row_number, f.cell) for f in found] == [("Ville", 3, "LI<U+0081>GE")]
    out = tmp_path / "propre.csv"
    fix(source, out)
    with out.open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle))[2] == ["B", "LI\x81GE"]  # nothing guessed: the user corrects it at the source


def test_fix_leaves_them_but_a_vertical_tab_ending_a_cell(tmp_path: Path) -> None:
    source = tmp_path / "communes.csv"
    source.write_text("Nom;Ville\nA;Ciney\x0b\nB;Na\x0bmur\nC;Li\ufffdge\n", encoding="utf-8")
    out = tmp_path / "propre.csv"
    fix(source, out)
    with out.open(encoding="utf-8", newline="") as handle:
        assert [row[1] for row in csv.reader(handle)][1:] == ["Ciney", "Na\x0bmur", "Li\ufffdge"]
