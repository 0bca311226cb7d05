"""The same table repeated side by side on a sheet, a blank column between (one per year, one per school network):
said as such, and put one under the other by the fix when each has its title, without losing a cell."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import openpyxl

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

BIRTHS = [("Ciney", 80, 75, 82, 70), ("Dinant", 60, 66, 58, 61), ("Hastière", 20, 18, 22, 19),
          ("Houyet", 15, 17, 16, 14)]


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def births(path: Path, titles: bool = True) -> Path:
    """Births per commune, 2023 in A:D and 2024 in F:I; the 2024 title typed above the blank column E."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Naissances"
    if titles:
        sheet.append(["Naissances 2023", None, None, None, "Naissances 2024"])
    sheet.append(["Commune", "Garçons", "Filles", "Total", None, "Commune", "Garçons", "Filles", "Total"])
    for commune, boys, girls, boys_after, girls_after in BIRTHS:
        sheet.append([commune, boys, girls, boys + girls, None, commune, boys_after, girls_after,
                      boys_after + girls_after])
    book.save(path)
    return path


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_tables_side_by_side_are_one_error_naming_their_columns(tmp_path: Path) -> None:
    report = check(births(tmp_path / "naissances.xlsx"), plugins=pm())
    found = [f for f in report.findings if f.type == "side-by-side-tables"]
    assert len(found) == 1 and found[0].severity.value == "error"
    assert "2 tableaux côte à côte" in found[0].message("fr") and "(colonnes A à D, F à I)" in found[0].message("fr")
    assert found[0].extra["columns"] == [[1, 2, 3, 4], [6, 7, 8, 9]]


def test_fix_puts_them_one_under_the_other_with_the_year_of_each_title(tmp_path: Path) -> None:
    result = fix(births(tmp_path / "naissances.xlsx"), tmp_path / "propre.csv", plugins=pm())
    rows = read(tmp_path / "propre.csv")
    assert rows[0] == ["annee", "Commune", "Garçons", "Filles", "Total"]
    assert rows[1] == ["2023", "Ciney", "80", "75", "155"] and rows[5] == ["2024", "Ciney", "82", "70", "152"]
    assert len(rows) == 9 and result.rows_before == 4 and result.rows_after == 8
    assert result.counts["stack-tables"] == 4
    assert "titre : « Commune (F) » → « Commune (A), annee = 2024 »" in result.preview("fr")
    # nothing lost: the title row is kept aside, the only column removed is the blank one
    assert [number for number, _ in result.removed_columns] == [5]
    assert [row for row, _ in result.removed_rows] == [1]


def test_titles_that_differ_by_more_than_a_year_are_kept_whole(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "ecoles.csv", [
        ["Écoles communales", "", "", "", "Écoles libres", "", ""],
        ["Implantation", "Élèves", "Classes", "", "Implantation", "Élèves", "Classes"],
        ["Ciney-Centre", "212", "10", "", "Saint-Joseph", "340", "14"],
        ["Leignon", "88", "5", "", "Sainte-Marie", "120", "6"]])
    result = fix(source, tmp_path / "propre.csv", plugins=pm(), lang="en")
    rows = read(tmp_path / "propre.csv")
    assert rows[0] == ["table", "Implantation", "Élèves", "Classes"]
    assert [row[0] for row in rows[1:]] == ["Écoles communales"] * 2 + ["Écoles libres"] * 2
    assert result.counts["stack-tables"] == 3


def test_without_titles_the_tables_are_said_and_left_side_by_side(tmp_path: Path) -> None:
    source = births(tmp_path / "naissances.xlsx", titles=False)
    assert [f.type for f in check(source, plugins=pm()).findings].count("side-by-side-tables") == 1
    result = fix(source, tmp_path / "propre.csv", plugins=pm())
    assert "stack-tables" not in result.counts
    assert len(read(tmp_path / "propre.csv")) == 5  # the four communes, on one row each


def test_a_blank_column_between_different_columns_is_no_second_table(tmp_path: Path) -> None:
    for rows in ([["Commune", "Hommes", "", "Rue", "Numéro"], ["Ciney", "8100", "", "Rue Haute", "1"],
                  ["Dinant", "6700", "", "Rue Basse", "2"]],
                 [["Commune", "", "Commune"], ["Ciney", "", "Ciney"], ["Dinant", "", "Dinant"]],  # one column each
                 [["Commune", "Hommes", "", "Commune", "Hommes"], ["Ciney", "8100", "x", "Ciney", "8150"],
                  ["Dinant", "6700", "", "Dinant", "6710"]]):  # the column between holds a value
        report = check(write_csv(tmp_path / "t.csv", rows), plugins=pm())
        assert "side-by-side-tables" not in {f.type for f in report.findings}, rows


def two_lists(path: Path, crèches: int = 7) -> Path:
    """Two different lists side by side, a blank column between: schools (11) and crèches (fewer)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Données"
    sheet.append(["Écoles", "Élèves", None, "Crèches", "Places"])
    for row in range(1, 12):
        sheet.append([f"École {row}", 40 + 17 * row, None, *((f"Crèche {row}", 12 + row) if row <= crèches else ())])
    book.save(path)
    return path


def test_different_tables_side_by_side_are_said_and_never_glued(tmp_path: Path) -> None:
    """Dropped as an empty column, the blank column between them made rows « École 1, 57, Crèche 1, 13 »: two
    unrelated records on one row, and a clean file the check found faultless."""
    source = two_lists(tmp_path / "listes.xlsx")
    report = check(source, plugins=pm())
    [found] = [f for f in report.findings if f.type == "side-by-side-tables"]
    assert found.extra["different"] and found.extra["columns"] == [[1, 2], [4, 5]]
    assert found.message("fr").startswith("Le fichier contient 2 tableaux différents côte à côte (colonnes A à B, D à E)")
    # the blank column between them is that finding's, not an empty column « fix » would drop, nor a missing title
    assert not {"empty-column", "blank-label"} & ({f.type for f in report.findings} | set(report.stats))
    result = fix(source, tmp_path / "propre.csv", plugins=pm())
    assert "drop-empty-columns" not in result.counts and "stack-tables" not in result.counts
    assert [f.type for f in result.remaining] == ["side-by-side-tables"]
    # the blank column keeps its blank title (« field3 » is no title): still two tables
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[0] == "Écoles,Élèves,,Crèches,Places"
    again = check(tmp_path / "propre.csv", plugins=pm())
    assert [f.extra["columns"] for f in again.findings if f.type == "side-by-side-tables"] == [[[1, 2], [4, 5]]]


def test_one_table_with_a_blank_spacer_column_is_one_table(tmp_path: Path) -> None:
    rows = [["Nom", "Prénom", "", "2023", "2024"], *[[f"Nom{i}", f"P{i}", "", str(10 * i), str(11 * i) if i < 5 else ""]
                                                   for i in range(1, 9)]]
    report = check(write_csv(tmp_path / "montants.csv", rows), plugins=pm())  # numbers on the right, some missing
    assert "side-by-side-tables" not in {f.type for f in report.findings}
    same_length = check(two_lists(tmp_path / "pareilles.xlsx", crèches=11), plugins=pm())  # nothing tells them apart
    assert "side-by-side-tables" not in {f.type for f in same_length.findings}
