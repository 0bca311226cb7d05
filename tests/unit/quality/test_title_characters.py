"""Column titles holding what shows nothing: a zero-width space or a soft hyphen pasted from a web page, a second
byte-order mark left by two files joined, an accent written as two characters by a Mac. On screen the title is the
same; for ``df["Numéro"]``, a join or a reuse it is another title. Said once per title (``format-characters``,
``decomposed-accents``, at the header's row) and written by the fix as typed, after the renames of the fixes before
(one line, accents restored), never onto another column's title."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from odwb_assist import quality
from odwb_assist.checks.decomposed_accents import ComposeAccents
from odwb_assist.checks.format_characters import DropFormatCharacters
from odwb_assist.core.contract import FixContext
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import fix_engine
from odwb_assist.quality.fixing import TITLES, current_titles, follow_plan_renames

PM = get_plugin_manager(load_entrypoints=False)
CELLS = [["1", "Namur", "12,5"], ["2", "Ciney", "3"], ["3", "Dinant", "7,25"]]


def write(path: Path, header: list[str], rows: list[list[str]] = CELLS, *, bom: bool = False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows([header, *rows])
    return path


def titles(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def found(report: quality.QualityReport, kind: str) -> list[tuple[int | None, int | None, str | None, object]]:
    return [(f.row_number, f.field_number, f.cell, f.extra.get("label"))
            for f in report.findings if f.type == kind and f.row_number == 1]


def test_a_title_with_a_format_character_is_said_once_with_the_character_named(tmp_path: Path) -> None:
    header = ["Num\u200bero", "Locali\u00adté", "Montant"]
    report = quality.check(write(tmp_path / "dossiers.csv", header), plugins=PM)
    said = [f for f in report.findings if f.type == "format-characters"]
    assert [(f.row_number, f.field_number, f.field_name, f.extra) for f in said] == [
        (1, 1, "Num\u200bero", {"label": "Numero", "characters": ["U+200B"]}),
        (1, 2, "Locali\u00adté", {"label": "Localité", "characters": ["U+00AD"]})]
    assert said[0].message("fr") == (
        "Le titre de la colonne n° 1 contient un caractère invisible : espace sans largeur (« Num<U+200B>ero ») : à "
        "l'écran rien ne change, mais un programme ou une réutilisation qui cherche la colonne par son titre ne la "
        "trouve pas.")
    assert said[1].message("en").startswith("The title of column 2 holds an invisible character: soft hyphen")
    assert {f.severity.value for f in said} == {"warning"}


def test_a_second_byte_order_mark_before_the_first_title_is_said_the_first_is_the_encoding(tmp_path: Path) -> None:
    single = quality.check(write(tmp_path / "un.csv", ["Numero", "Commune", "Montant"], bom=True), plugins=PM)
    assert single.fields[0] == "Numero" and not found(single, "format-characters")
    double = quality.check(write(tmp_path / "deux.csv", ["\ufeffNumero", "Commune", "Montant"], bom=True), plugins=PM)
    assert found(double, "format-characters") == [(1, 1, "\ufeffNumero", "Numero")]


def test_a_title_with_an_accent_in_two_characters_is_said_with_the_pair(tmp_path: Path) -> None:
    header = ["Nume\u0301ro", "Localité", "Montant (€)"]  # the second typed (NFC): nothing to say
    report = quality.check(write(tmp_path / "mac.csv", header), plugins=PM)
    assert found(report, "decomposed-accents") == [(1, 1, "Nume\u0301ro", "Numéro")]
    message = next(f for f in report.findings if f.type == "decomposed-accents").message
    assert "Le titre de la colonne n° 1 écrit un accent en deux caractères, la lettre puis l'accent (« é » écrit « e » " \
           "+ U+0301)" in message.fr
    assert "'é' written 'e' + U+0301" in message.en


def test_titles_typed_as_they_should_be_are_not_said(tmp_path: Path) -> None:
    header = ["Numéro", "Association \u200f\u05e9\u05dc\u05d5\u05dd", "Emoji \U0001F468\u200d\U0001F469"]
    report = quality.check(write(tmp_path / "propre.csv", header), plugins=PM)
    assert not [f for f in report.findings if f.type in ("format-characters", "decomposed-accents")]


@pytest.mark.parametrize("whole_table", [False, True], ids=["block by block", "whole table"])
def test_the_fix_writes_each_title_as_typed_after_the_fixes_before_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     whole_table: bool) -> None:
    """One title with all at once: a line break (``trim-spaces``), an accent in two characters (``compose-accents``),
    a zero-width space (``drop-format-characters``); another spoilt by a double encoding; a third with a soft
    hyphen. Each fix renames the title the one before it left."""
    if whole_table:
        monkeypatch.setattr(fix_engine, "_needs_table", lambda chosen, report: True)
    header = ["Nume\u0301ro\u200b\n(dossier) ", "LocalitÃ©", "Montant\u00ad"]
    out = tmp_path / "propre.csv"
    result = quality.fix(write(tmp_path / "dossiers.csv", header), out, plugins=PM)
    assert titles(out) == ["Numéro (dossier)", "Localité", "Montant"]
    renamed = [(c.fix, c.before, c.after) for c in result.changes if c.row_number is None]
    assert ("drop-format-characters", "Numéro\u200b (dossier)", "Numéro (dossier)") in renamed
    assert ("drop-format-characters", "Montant\u00ad", "Montant") in renamed
    assert ("compose-accents", "Nume\u0301ro\u200b (dossier)", "Numéro\u200b (dossier)") in renamed
    assert ("repair-double-encoding", "LocalitÃ©", "Localité") in renamed
    preview = result.preview("fr")
    assert "titre : « Nume<U+0301>ro<U+200B> (dossier) » → « Numéro<U+200B> (dossier) »" in preview
    assert "titre : « Montant<U+00AD> » → « Montant »" in preview
    clean = quality.check(out, plugins=PM)
    assert not [f for f in clean.findings if f.type in ("format-characters", "decomposed-accents", "double-encoding",
                                                        "label-line-break")]


def test_the_preview_spells_out_an_accent_joined_in_a_cell(tmp_path: Path) -> None:
    rows = [["1", "Lie\u0300ge", "3"], ["2", "Namur", "4"]]
    result = quality.fix(write(tmp_path / "communes.csv", ["Numero", "Commune", "Nombre"], rows), tmp_path / "o.csv",
                         plugins=PM, dry_run=True)
    assert "ligne 2, Commune : « Lie<U+0300>ge » → « Liège »" in result.preview("fr")


def test_a_title_is_never_written_onto_another_columns(tmp_path: Path) -> None:
    header = ["Numéro", "Nume\u0301ro", "Montant"]  # typed, then pasted from a Mac: two columns that look alike
    out = tmp_path / "propre.csv"
    quality.fix(write(tmp_path / "deux.csv", header), out, plugins=PM)
    assert titles(out) == ["Numéro", "Nume\u0301ro", "Montant"]  # two columns stay two columns
    report = quality.check(write(tmp_path / "deux.csv", header), plugins=PM)
    assert [f.extra["columns"] for f in report.findings if f.type == "same-portal-name"] == [[1, 2]]


def test_a_workbook_title_from_a_mac(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    for row in [["Nume\u0301ro", "Montant\u200b", "Commune"], [1, 2.5, "Namur"], [2, 3.5, "Ciney"]]:
        book.active.append(row)
    book.save(tmp_path / "dossiers.xlsx")
    report = quality.check(tmp_path / "dossiers.xlsx", plugins=PM)
    assert found(report, "decomposed-accents") == [(1, 1, "Nume\u0301ro", "Numéro")]
    assert found(report, "format-characters") == [(1, 2, "Montant\u200b", "Montant")]
    quality.fix(tmp_path / "dossiers.xlsx", tmp_path / "propre.csv", plugins=PM)
    assert titles(tmp_path / "propre.csv") == ["Numéro", "Montant", "Commune"]


def test_the_title_fixes_rename_a_table_read_whole() -> None:
    table = pd.DataFrame({"Nume\u0301ro": ["1"], "Montant\u200b": ["Li\u00adège"]})
    context = FixContext(report=None, options={})
    composed, changes = ComposeAccents().apply(table, context)
    assert list(composed.columns) == ["Numéro", "Montant\u200b"]
    assert [(c.row_number, c.before, c.after) for c in changes] == [(None, "Nume\u0301ro", "Numéro")]
    dropped, changes = DropFormatCharacters().apply(composed, context)
    assert list(dropped.columns) == ["Numéro", "Montant"] and dropped.iloc[0, 1] == "Liège"


def test_the_plans_record_the_titles_they_leave() -> None:
    context = FixContext(report=None, options={"fields": ["A ", "B\u200b", "C"]})
    assert current_titles(context) == {"A ": "A ", "B\u200b": "B\u200b", "C": "C"}
    follow_plan_renames(context, {"A ": "A"})
    follow_plan_renames(context, {"B\u200b": "B", "A": "Ä"})
    assert context.options[TITLES] == {"A ": "Ä", "B\u200b": "B", "C": "C"}
    follow_plan_renames(context, {})
    assert current_titles(context) == {"A ": "Ä", "B\u200b": "B", "C": "C"}


def test_a_unit_moved_to_a_title_the_fixes_before_cleaned(tmp_path: Path) -> None:
    """« Montant <U+200B> » over amounts written « 1 250,00 € »: the zero-width space goes, the spaces it held at the
    end go with it, then ``number-display`` names the unit in the title those fixes left (not the one read)."""
    rows = [["A", "1 250,00 €"], ["B", "300,00 €"], ["C", "12,50 €"]]
    out = tmp_path / "propre.csv"
    quality.fix(write(tmp_path / "montants.csv", ["Article", "Montant \u200b"], rows), out, plugins=PM)
    assert titles(out) == ["Article", "Montant (€)"]


@pytest.mark.parametrize(("number_format", "title"), [("0.0%", "Taux (%)"), ('#,##0.00\\ "€"', "Taux (€)")])
def test_a_workbook_unit_in_a_title_the_fixes_before_cleaned(tmp_path: Path, number_format: str, title: str) -> None:
    """Percentages and amounts a workbook formats (``percent-as-shown``, ``currency-in-title``) under a title with a
    soft hyphen and a space at its end."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Bureau", "Ta\u00adux "])
    for name, value in [("Bureau 1", 0.805), ("Bureau 2", 0.75), ("Bureau 3", 0.6)]:
        sheet.append([name, value])
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = number_format
    book.save(tmp_path / "taux.xlsx")
    quality.fix(tmp_path / "taux.xlsx", tmp_path / "propre.csv", plugins=PM)
    assert titles(tmp_path / "propre.csv") == ["Bureau", title]


def test_a_title_with_a_control_character_or_a_lost_letter_is_said_and_left(tmp_path: Path) -> None:
    """« Code<U+0001>postal », « Localit� »: said once per title (``invisible-characters``), left by the fix as the
    cells are (which character was meant cannot be known); a title's line break stays ``label-line-break``'s."""
    path = write(tmp_path / "export.csv", ["Code\x01postal", "Localit\ufffd", "Montant\x0bTotal"])
    report = quality.check(path, plugins=PM)
    said = [(f.field_number, f.row_number, f.extra["characters"]) for f in report.findings
            if f.type == "invisible-characters"]
    assert said == [(1, 1, ["U+0001"]), (2, 1, ["U+FFFD"])]
    message = next(f for f in report.findings if f.type == "invisible-characters").message("fr")
    assert message.startswith("Le titre de la colonne n° 1 contient un caractère illisible (« Code<U+0001>postal »)")
    out = tmp_path / "propre.csv"
    quality.fix(path, out, plugins=PM)
    assert titles(out) == ["Code\x01postal", "Localit\ufffd", "Montant Total"]


def test_a_pivot_title_cleaned_first_is_then_named_after_its_field(tmp_path: Path) -> None:
    """« Somme de Montant<U+200B> »: ``drop-format-characters`` takes the character out, then ``pivot-labels`` renames
    the title it left; the preview says what the clean file holds."""
    rows = [["Ciney", "12500", "14"], ["Somme-Leuze", "8000", "9"]]
    path = write(tmp_path / "pivot.csv", ["Étiquettes de lignes", "Somme de Montant\u200b", "Nombre de Dossier"], rows)
    out = tmp_path / "propre.csv"
    result = quality.fix(path, out, plugins=PM)
    assert titles(out) == ["Étiquettes de lignes", "Montant", "Nombre de Dossier"]
    assert "titre : « Somme de Montant » → « Montant »" in result.preview("fr")
