"""A column with neither a title nor a value (column A left as a margin of a sheet, separators at the end of a CSV's
lines) is told as such, beside the ``blank-label`` Frictionless reports for its header cell; a titled empty column
keeps its own words."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def test_separators_at_the_end_of_the_lines(tmp_path: Path) -> None:
    path = tmp_path / "population.csv"
    path.write_bytes(b"Commune;Population;Remarque;;\r\nNamur;113000;;;\r\nDinant;13500;;;\r\n")
    report = check(path, plugins=pm())
    empty = {f.field_number: f.message("fr") for f in report.findings if f.type == "empty-column"}
    assert empty == {3: "La colonne « Remarque » est entièrement vide."}
    # said once per column: the blank-label Frictionless reports takes the words (not also an empty-column warning)
    untitled = {f.field_number: f for f in report.findings if f.type == "blank-label"}
    assert list(untitled) == [4, 5] and all(f.extra["empty"] for f in untitled.values())
    assert untitled[4].message("fr") == untitled[5].message("fr").replace("n° 5", "n° 4") == (
        "La colonne n° 4 n'a ni titre ni valeur : une colonne vide en marge du tableau, ou un séparateur en trop au "
        "bout des lignes.")
    assert "odwb-assist fix" in untitled[4].tip("fr")
    assert untitled[4].message("en").startswith("Column 4 has neither a title nor a value")
    assert report.error_count == 2 and report.warning_count == 1
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[0] == "Commune,Population,Remarque"
    assert not result.remaining


def test_trailing_separators_of_an_export_are_four_findings_not_eight(tmp_path: Path) -> None:
    """An export whose lines end with « ;;;; » (a list of halls, four columns never used) listed each column twice,
    an error and a warning: eight lines for one slip."""
    path = tmp_path / "salles.csv"
    lines = ["Nom;Adresse;Code postal;Localité;;;;"] + [f"Salle {i};Rue du Parc {i};5590;Ciney;;;;" for i in range(8)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = check(path, plugins=pm())
    assert [(f.type, f.field_number) for f in report.findings] == [("blank-label", n) for n in (5, 6, 7, 8)]


def test_a_margin_column_left_of_a_sheet_table(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    for row, values in enumerate([["Association", "Montant"], ["Les Amis du Rail", 1200], ["Chorale", 450]], start=2):
        for column, value in enumerate(values, start=2):
            sheet.cell(row=row, column=column, value=value)
    book.save(tmp_path / "subsides.xlsx")
    report = check(tmp_path / "subsides.xlsx", plugins=pm())
    (margin,) = [f for f in report.findings if f.type == "blank-label"]
    assert not [f for f in report.findings if f.type == "empty-column"]
    assert margin.field_number == 1 and "en marge du tableau" in margin.message("fr")
    assert "odwb-assist fix" in margin.tip("fr")
    result = fix(tmp_path / "subsides.xlsx", tmp_path / "subsides.csv", plugins=pm())
    assert (tmp_path / "subsides.csv").read_text(encoding="utf-8").splitlines()[0] == "Association,Montant"
    assert result.removed_columns


def test_a_column_of_values_without_a_title_keeps_its_blank_title_in_the_clean_file(tmp_path: Path) -> None:
    """The fix used to write « field3 », the name Frictionless makes up, as the column's title: the clean file then
    passed the check, and the portal would have shown « field3 ». The title is the author's to write: the header
    cell stays blank and the error is said under « Reste à corriger »; the empty columns still go to the side file."""
    path = tmp_path / "population.csv"
    path.write_bytes(b"Commune;Population;;;\r\nNamur;112000;12;;\r\nGembloux;26500;8;;\r\nAndenne;27800;9;;\r\n")
    result = fix(path, tmp_path / "propre.csv", plugins=pm())
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines() == [
        "Commune,Population,", "Namur,112000,12", "Gembloux,26500,8", "Andenne,27800,9"]
    assert [(f.type, f.field_number) for f in result.remaining] == [("blank-label", 3)]  # not the dropped 4 and 5
    assert "Colonne sans titre — 1 erreur (blank-label) : colonne n° 3 (sans titre), ligne 1 — à la main" in \
        result.preview("fr")
    assert "column 3 (untitled), row 1 — by hand" in result.preview("en")
    again = check(tmp_path / "propre.csv", plugins=pm())
    assert [(f.type, f.field_number) for f in again.findings] == [("blank-label", 3)]
