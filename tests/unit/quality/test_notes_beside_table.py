"""A note typed beside a workbook's table, past an empty column (« NB : tarifs 2024, hors caution »), is a note, not a
column without a title: said as such, left out of the clean file and kept in the side file of removed columns."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix
from odwb_assist.quality.workbook import notes_beside

PM = get_plugin_manager(load_entrypoints=False)
HEADER: tuple[Any, ...] = ("Salle", "Capacité", "Contact", None, None)
ROOMS = [("Salle des fêtes", 350, "reservation@commune.be", None, None),
         ("Salle polyvalente", 200, "reservation@commune.be", None, None),
         ("Salle du village", 80, "reservation@commune.be", None, None)]


def _with(cell: tuple[int, int, Any], rows: list[tuple[Any, ...]] | None = None) -> tuple[tuple[Any, ...], ...]:
    table = [list(row) for row in [HEADER, *(rows or ROOMS)]]
    row, column, value = cell
    table[row][column] = value
    return tuple(map(tuple, table))


@pytest.mark.parametrize("text", ["NB : tarifs 2024, hors caution", "* prix hors TVA",
                                  "Les tarifs sont révisés chaque année en janvier"])
def test_a_note_past_an_empty_column_is_cut_away(text: str) -> None:
    rows, notes = notes_beside(_with((2, 4, text)))
    assert notes == ((3, 5, text),)
    assert rows == tuple(row[:3] for row in _with((2, 4, text)))


@pytest.mark.parametrize("cell", [
    (2, 4, 125),  # a number: data
    (2, 4, "oui"),  # a word: no note
    (0, 4, "Remarques"),  # on the header row: a column's title
    (2, 3, "NB : tarifs 2024"),  # no empty column between: part of the table
])
def test_anything_else_beside_the_table_stays(cell: tuple[int, int, Any]) -> None:
    table = _with(cell)
    assert notes_beside(table) == (table, ())


def test_more_than_three_cells_are_a_column_not_notes() -> None:
    rows = [(*row[:4], f"Note numéro {number} sur la salle") for number, row in enumerate(ROOMS * 2)]
    table = _with((1, 4, "Note numéro 0 sur la salle"), rows)
    assert notes_beside(table) == (table, ())


def _rooms(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Salles"
    sheet.append(["Salle", "Adresse", "Capacité"])
    for number in range(1, 9):
        sheet.append([f"Salle {number}", f"Place communale {number}, 4350 Remicourt", 40 * number])
    sheet["F4"] = "NB : tarifs 2024, hors caution"
    book.save(path)
    return path


def test_the_note_is_said_and_fix_keeps_it_aside(tmp_path: Path) -> None:
    source = _rooms(tmp_path / "salles.xlsx")
    report = check(source, plugins=PM)
    assert [f.type for f in report.findings] == ["notes-beside-table"]  # no column without a title, no empty column
    (note,) = report.findings
    assert note.row_number == 4 and note.extra == {"column": "F", "columnNumber": 6}
    assert note.message("fr").startswith("Ligne 4, colonne F : une note est écrite à côté du tableau (« NB : tarifs")
    assert report.detected.to_dict()["notesBeside"] == [
        {"rowNumber": 4, "fieldNumber": 6, "text": "NB : tarifs 2024, hors caution"}]
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.counts == {"drop-notes-beside-table": 1} and result.remaining == []
    assert "ligne 4 : « NB : tarifs 2024, hors caution » → (retirée, gardée à part)" in result.preview("fr")
    clean = (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()
    assert clean[0] == "Salle,Adresse,Capacité" and len(clean) == 9
    with open(tmp_path / "propre.colonnes-retirees.csv", encoding="utf-8", newline="") as handle:
        kept = list(csv.reader(handle))
    assert kept[1] == ["6", "", "Note à côté du tableau (au-delà d'une colonne vide)", "4",
                       "NB : tarifs 2024, hors caution"]
    assert check(tmp_path / "propre.csv", plugins=PM).findings == []


def _population(path: Path, beside: dict[int, str], every_row: str | None = None) -> Path:
    """Population by commune; ``beside``: row number -> what is typed in column D, right next to the table."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Commune", "Population 2023", "Population 2024"])
    for name, before, after in [("Namur", 112000, 112500), ("Gembloux", 26500, 26700), ("Andenne", 27800, 27900),
                                ("Eghezée", 16800, 16900), ("Fernelmont", 8100, 8150), ("Ohey", 5100, 5120)]:
        sheet.append([name, before, after, every_row])
    for row, text in beside.items():
        sheet.cell(row=row, column=4, value=text)
    book.save(path)
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_note_right_next_to_the_table_is_a_note_not_an_untitled_column(tmp_path: Path, suffix: str) -> None:
    """Typed in the column just right of the table, the note is read as a column without a title: the fix used to
    keep it as a column named « field4 » (a name made up, not a title), and the check of the clean file was green."""
    source = _population(tmp_path / "population.xlsx", {3: "* chiffres provisoires pour 2024"})
    if suffix == ".csv":  # the same sheet saved as CSV by Excel: a trailing « ; » on every line
        sheet = openpyxl.load_workbook(source).active
        lines = [";".join("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True)]
        source = tmp_path / "population.csv"
        source.write_text("\r\n".join(lines) + "\r\n", encoding="cp1252")
    report = check(source, plugins=PM)
    assert [f.type for f in report.findings if f.severity.value == "error"] == ["notes-beside-table"]  # no blank-label
    (note,) = [f for f in report.findings if f.type == "notes-beside-table"]
    assert (note.row_number, note.field_number, note.extra["adjacent"]) == (3, 4, True)
    assert note.message("fr") == ("Ligne 3 : une note est écrite juste à droite du tableau, dans la colonne n° 4 (D) "
                                  "sans titre (« * chiffres provisoires pour 2024 ») : elle n'est pas une donnée.")
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.remaining == [] and result.counts["drop-notes-beside-table"] == 1
    assert "ligne 3 : « * chiffres provisoires pour 2024 » → (retirée, gardée à part)" in result.preview("fr")
    clean = (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()
    assert clean[0] == "Commune,Population 2023,Population 2024" and len(clean) == 7
    with open(tmp_path / "propre.colonnes-retirees.csv", encoding="utf-8", newline="") as handle:
        kept = list(csv.reader(handle))
    assert kept[1][0] == "4" and kept[1][1] == "" and kept[1][3:] == ["3", "* chiffres provisoires pour 2024"]
    assert [f.type for f in check(tmp_path / "propre.csv", plugins=PM).findings if f.severity.value == "error"] == []


@pytest.mark.parametrize(("beside", "every_row"), [
    ({2: "hausse légère", 5: "stable"}, None),  # remarks whose title was forgotten: data without a title
    ({}, "note"),  # a value in every row: a column
    ({3: "*"}, None),  # a mark alone
    ({1: "* chiffres provisoires"}, None),  # in the header row: a title
])
def test_an_untitled_column_of_values_stays_a_column_without_a_title(tmp_path: Path, beside: dict[int, str],
                                                                     every_row: str | None) -> None:
    source = _population(tmp_path / "population.xlsx", beside, every_row)
    report = check(source, plugins=PM)
    assert "notes-beside-table" not in report.stats
    if 1 not in beside:
        assert [f.field_number for f in report.findings if f.type == "blank-label"] == [4]


def test_a_note_past_an_empty_untitled_column_at_the_end_of_a_csv(tmp_path: Path) -> None:
    """A CSV saved from that sheet with the note two columns right: the empty column between is dropped as empty, the
    note's column as a note (the rows of the table are counted from the first untitled column, empty as it is)."""
    path = tmp_path / "population.csv"
    lines = ["Commune;Population 2023;Population 2024;;", "Namur;112000;112500;;", "Gembloux;26500;26700;;",
             "Andenne;27800;27900;;NB : chiffres provisoires pour 2024", "Eghezée;16800;16900;;"]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = check(path, plugins=PM)
    assert [(f.type, f.field_number) for f in report.findings if f.severity.value == "error"] == [
        ("blank-label", 4), ("notes-beside-table", 5)]
    result = fix(path, tmp_path / "propre.csv", plugins=PM)
    assert result.remaining == []
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[0] == "Commune,Population 2023,Population 2024"
