"""Accents written as two characters, the letter then a combining accent (Unicode's NFD: a Mac, a copy out of a
PDF or a web form): the same letters on screen, another value for a filter; said per column and composed by the fix
(NFC), before the categories are unified."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest

from odwb_assist import quality
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import fix_engine

PM = get_plugin_manager(load_entrypoints=False)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def write(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(";".join(row) for row in rows) + "\n", encoding="utf-8")
    return path


# a list of sports halls: the communes typed, some pasted from a Mac (NFD), one in capitals
HALLS = [["salle", "commune", "remarque"],
         ["Hall omnisports", "Liège", "Rénové en 2021"],
         ["Piscine", nfd("Liège"), nfd("Fermée l'été")],
         ["Salle de sport", "Érezée", ""],
         ["Hall", nfd("Érezée"), "q\u0300 reste"],  # a combining accent composing with nothing: no finding
         ["Terrain", "Liège", ""],
         ["Salle polyvalente", nfd("LIÈGE"), ""],
         ["Piscine communale", "Liège", ""]]


@pytest.mark.parametrize("chunk_rows", [None, 2])
def test_decomposed_accents_are_said_per_column_with_the_letter_they_write(tmp_path: Path,
                                                                         chunk_rows: int | None) -> None:
    report = quality.check(write(tmp_path / "salles.csv", HALLS), plugins=PM, chunk_rows=chunk_rows)
    found = {f.field_name: (f.count, f.row_number) for f in report.findings if f.type == "decomposed-accents"}
    assert found == {"commune": (3, 3), "remarque": (1, 3)}
    message = next(f.message for f in report.findings if f.field_name == "commune" and f.type == "decomposed-accents")
    assert "« è » écrit « e » + U+0300" in message.fr and "'è' written 'e' + U+0300" in message.en
    # the same letters are not « another spelling of a category »; the capitals still are
    variants = [(f.row_number, f.cell) for f in report.findings if f.type == "inconsistent-category"]
    assert variants == [(7, nfd("LIÈGE"))]


@pytest.mark.parametrize("whole_table", [False, True], ids=["block by block", "whole table"])
def test_the_fix_composes_them_and_the_categories_meet_in_the_composed_spelling(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, whole_table: bool) -> None:
    if whole_table:  # the path of a layout fix: the table read whole, each fix's ``apply`` on it
        monkeypatch.setattr(fix_engine, "_needs_table", lambda chosen, report: True)
    out = tmp_path / "propre.csv"
    result = quality.fix(write(tmp_path / "salles.csv", HALLS), out, plugins=PM)
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[1] for row in rows[1:]] == ["Liège", "Liège", "Érezée", "Érezée", "Liège", "Liège", "Liège"]
    assert all(unicodedata.is_normalized("NFC", row[1]) for row in rows[1:])
    assert rows[2][2] == "Fermée l'été" and unicodedata.is_normalized("NFC", rows[2][2])
    assert rows[4][2] == "q\u0300 reste"  # left as it is
    composed = {(c.row_number, c.field_name) for c in result.changes if c.fix == "compose-accents"}
    assert composed == {(3, "commune"), (5, "commune"), (7, "commune"), (3, "remarque")}
    assert not [f for f in quality.check(out, plugins=PM).findings if f.type in ("decomposed-accents",
                                                                                  "inconsistent-category")]


def test_a_long_column_is_read_through_its_bytes(tmp_path: Path) -> None:
    """More distinct values than plain Python reads: the bytes 0xCC, 0xCD (a combining accent's first byte) are the
    prefilter; « Ì » or « Í » typed (U+00CC, U+00CD: other bytes in UTF-8) are no candidates."""
    rows = [["dossier", "demandeur"]] + [[f"PU-{i}", f"Société {i} ÌÍ"] for i in range(400)]
    rows[150][1] = nfd("Société Générale")
    report = quality.check(write(tmp_path / "permis.csv", rows), plugins=PM)
    found = [(f.field_name, f.count, f.row_number) for f in report.findings if f.type == "decomposed-accents"]
    assert found == [("demandeur", 1, 151)]
