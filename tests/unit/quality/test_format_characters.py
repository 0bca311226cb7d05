"""Format characters that show nothing, pasted from a web page or a word processor (a zero-width space, a soft hyphen,
a direction mark, a word joiner, a byte-order mark inside a text): another value for a filter; said per column, the
cell shown « Namur<U+200B> », taken out by the fix, before the categories are unified."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from odwb_assist import quality
from odwb_assist.checks.format_characters import RULE
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import fix_engine

PM = get_plugin_manager(load_entrypoints=False)
ROWS = [["club", "commune", "site"],
        ["Royal Namur FC", "Namur\u200b", "https://example.be/club"],
        ["Standard", "Liège", "https://example.be/standard"],
        ["Sporting", "Li\u00adège", ""],
        ["Club de tennis", "Namur", "\u200e+32 81 24 72 11"],
        ["Mons Basket", "\ufeffMons", ""],
        ["RAEC Mons", "Mons", ""],
        ["Tennis club", "Namur", "Emoji \U0001F468\u200d\U0001F469\u200d\U0001F467 kept"],  # a zero-width joiner
        ["Judo", "Liège", "l’école « Jean »"]]  # ’ (E2 80 99), « (C2 AB): other characters of the same lead bytes


def write(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(";".join(row) for row in rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("chunk_rows", [None, 3])
def test_format_characters_are_said_per_column_shown_and_named(tmp_path: Path, chunk_rows: int | None) -> None:
    report = quality.check(write(tmp_path / "clubs.csv", ROWS), plugins=PM, chunk_rows=chunk_rows)
    found = {f.field_name: (f.count, f.row_number, f.cell, f.extra["characters"])
             for f in report.findings if f.type == "format-characters"}
    assert found == {"commune": (3, 2, "Namur<U+200B>", ["U+00AD", "U+200B", "U+FEFF"]),
                     "site": (1, 5, "<U+200E>+32 81 24 72 11", ["U+200E"])}
    message = next(f.message for f in report.findings if f.type == "format-characters" and f.field_name == "commune")
    assert "caractère invisible : trait d'union conditionnel, espace sans largeur, indicateur d'ordre des octets" \
        in message.fr
    assert "soft hyphen, zero-width space, byte-order mark (BOM)" in message.en
    assert not [f for f in report.findings if f.type == "inconsistent-category"]  # said here, not as categories


@pytest.mark.parametrize("whole_table", [False, True], ids=["block by block", "whole table"])
def test_the_fix_takes_them_out_and_leaves_the_joiners(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       whole_table: bool) -> None:
    if whole_table:
        monkeypatch.setattr(fix_engine, "_needs_table", lambda chosen, report: True)
    out = tmp_path / "propre.csv"
    result = quality.fix(write(tmp_path / "clubs.csv", ROWS), out, plugins=PM)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[1] for row in rows[1:]] == ["Namur", "Liège", "Liège", "Namur", "Mons", "Mons", "Namur", "Liège"]
    assert rows[4][2] == "+32 81 24 72 11" and rows[7][2] == ROWS[7][2] and rows[8][2] == ROWS[8][2]
    dropped = {(c.row_number, c.field_name) for c in result.changes if c.fix == "drop-format-characters"}
    assert dropped == {(2, "commune"), (4, "commune"), (6, "commune"), (5, "site")}
    again = quality.check(out, plugins=PM)
    assert not [f for f in again.findings if f.type in ("format-characters", "inconsistent-category")]


def test_the_byte_prefilter_finds_each_format_character_and_nothing_else() -> None:
    import pyarrow as pa

    found = ["a\u00adb", "a\u200bb", "a\u200eb", "a\u200fb", "a\u202ab", "a\u202eb", "a\u2060b", "a\u2066b",
             "a\u2069b", "a\ufeffb", "fin\u200b"]
    others = ["a\u200cb", "a\u200db", "a\u2019b", "a\u2026b", "«a»", "a\u00a0b", "a\u202fb", "a\u2061b", "a\ufeffb"[:1],
              "€", "\u2010"]
    mask = RULE.arrow_mask(pa.array(found + others))
    assert mask.tolist() == [True] * len(found) + [False] * len(others)
    assert RULE.candidates(pa.array(found)).all()


def test_a_long_cell_is_quoted_around_what_the_finding_is_about(tmp_path: Path) -> None:
    """A remark of 3,000 characters ending with a zero-width space: the message quotes 80 characters around it; the
    finding's cell keeps the whole remark."""
    long = "Remarque " + "très longue " * 250
    report = quality.check(write(tmp_path / "remarques.csv", [["id", "remarque"], ["1", long + "\u200b"], ["2", "ok"]]),
                           plugins=PM)
    [found] = report.by_type()["format-characters"]
    assert "« …très longue" in found.message.fr and "longue <U+200B> »" in found.message.fr
    assert len(found.message.fr) < 400 and found.cell == long + "<U+200B>"


def test_the_direction_marks_of_a_text_written_right_to_left_are_kept(tmp_path: Path) -> None:
    """An association's name in Arabic with a right-to-left mark, a Latin name with a stray left-to-right mark: only
    the latter is said and taken out."""
    arabic = "\u062c\u0645\u0639\u064a\u0629 \u0627\u0644\u0623\u0645\u0644\u200f (Namur)"
    rows = [["association", "commune"], [arabic, "Namur"], ["Les Amis\u200e", "Namur"], ["Club", "Namur"]]
    source = write(tmp_path / "associations.csv", rows)
    found = [(f.field_name, f.count, f.row_number) for f in quality.check(source, plugins=PM).findings
             if f.type == "format-characters"]
    assert found == [("association", 1, 3)]
    out = tmp_path / "propre.csv"
    quality.fix(source, out, plugins=PM)
    with out.open(encoding="utf-8", newline="") as handle:
        kept = list(csv.reader(handle))
    assert kept[1][0] == arabic and kept[2][0] == "Les Amis"
