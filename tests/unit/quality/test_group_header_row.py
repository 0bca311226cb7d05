"""A row of group labels above the header (« Exercice propre » over « Recettes | Dépenses », as a budget or a table of
population by year and sex is laid out) is the first row of a header merged over two rows, not a title row: cut away
as a title, it would leave two columns « Recettes » and nothing to tell them apart."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix
from odwb_assist.quality.detect import detect_header

PM = get_plugin_manager(load_entrypoints=False)
BUDGET_HEAD = [["Budget 2024", "", "", "", "", ""], ["", "", "", "", "", ""],
               ["", "", "Exercice propre", "", "Exercices antérieurs", ""],
               ["Fonction", "Libellé", "Recettes", "Dépenses", "Recettes", "Dépenses"],
               ["000/51", "Impôts", "237018,47", "99311,05", "13023,32", "205497,3"]]


def test_a_row_of_group_labels_is_the_top_of_the_header() -> None:
    assert detect_header(BUDGET_HEAD) == ([3, 4], [(1, "Budget 2024")])
    by_year = [["Commune", "2022", "", "2023", ""], ["", "Hommes", "Femmes", "Hommes", "Femmes"],
               ["Namur", "55000", "57000", "55300", "57400"]]
    assert detect_header([["", "2022", "", "2023", ""], *by_year[1:]])[0] == [1, 2]


@pytest.mark.parametrize("above", [
    ["Budget 2024", "", "Exercice propre", "", "Exercices antérieurs", ""],  # a title in the first column
    ["", "", "Exercice propre", "", "", ""],  # one label: a title typed in a middle cell
    ["", "", "Exercice propre", "Détail", "Exercices antérieurs", ""],  # a label over one column
    ["", "", "12", "", "15", ""],  # numbers: no labels
])
def test_other_rows_above_the_header_stay_title_rows(above: list[str]) -> None:
    rows = [above, *BUDGET_HEAD[3:]]
    assert detect_header(rows)[0] == [2]


def test_labels_already_distinct_need_no_group_row() -> None:
    rows = [["", "", "Exercice propre", "", "Exercices antérieurs", ""],
            ["Fonction", "Libellé", "Recettes", "Dépenses", "Recettes antérieures", "Dépenses antérieures"],
            BUDGET_HEAD[4]]
    assert detect_header(rows)[0] == [2]


def _budget(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Budget 2024")
    euros = book.add_format({"num_format": "#,##0.00 €"})
    sheet.write("A1", "Commune de Remicourt — Budget ordinaire 2024")
    sheet.merge_range("C3:D3", "Exercice propre")
    sheet.merge_range("E3:F3", "Exercices antérieurs")
    sheet.write_row(3, 0, ["Fonction", "Libellé", "Recettes", "Dépenses", "Recettes", "Dépenses"])
    for row, (code, label) in enumerate([("000/51", "Impôts"), ("104/12", "Personnel"), ("421/06", "Voirie"),
                                         ("722/01", "Enseignement")], start=4):
        sheet.write_row(row, 0, [code, label])
        for column in range(2, 6):
            sheet.write_number(row, column, 1000.5 * (row + column), euros)
    book.close()
    return path


def test_a_budget_with_group_labels_is_written_with_one_label_per_column(tmp_path: Path) -> None:
    source = _budget(tmp_path / "budget.xlsx")
    report = check(source, plugins=PM)
    assert report.detected.header_rows == [3, 4]
    assert [f.row_number for f in report.findings if f.type == "title-rows"] == [1]
    (merged,) = [f for f in report.findings if f.type == "merged-header"]
    assert "duplicate-label" not in report.stats  # « Recettes » twice is the groups' doing, said by merged-header
    assert merged.extra["labels"][2:4] == ["Exercice propre Recettes", "Exercice propre Dépenses"]
    assert ("colonnes lues : Fonction, Libellé, Exercice propre Recettes, Exercice propre Dépenses, "
            "Exercices antérieurs Recettes, Exercices antérieurs Dépenses.") in merged.message("fr")
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    header = (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[0]
    # the currency goes into every title, also those the merged header renamed before
    assert header == ("Fonction,Libellé,Exercice propre Recettes (€),Exercice propre Dépenses (€),"
                      "Exercices antérieurs Recettes (€),Exercices antérieurs Dépenses (€)")
    assert result.remaining == []
    assert check(tmp_path / "propre.csv", plugins=PM).findings == []


def test_columns_under_an_empty_group_cell_are_shown_without_the_joining_space(tmp_path: Path) -> None:
    """Frictionless joins the two rows' cells with a space: « Libellé » under an empty cell is named « ␣Libellé ».
    The report and the fix's preview show the user's own text."""
    source = tmp_path / "budget.xlsx"
    book = xlsxwriter.Workbook(str(source))
    sheet = book.add_worksheet("Budget 2024")
    sheet.merge_range("C1:D1", "Exercice propre")
    sheet.merge_range("E1:F1", "Exercices antérieurs")
    sheet.write_row(1, 0, ["Fonction", "Libellé", "Recettes", "Dépenses", "Recettes", "Dépenses"])
    rows = [("000/51", "Impôts"), ("104/12", "Personnel"), ("421/06", "Voirie"), ("722/01", "Enseignement"),
            ("", "Sous-total")]
    for row, (code, label) in enumerate(rows, start=2):
        sheet.write_row(row, 0, [code, label])
        for column in range(2, 6):
            sheet.write_number(row, column, 1000 * (row + column) if label != "Sous-total" else 4000 * column + 14000)
    book.close()
    report = check(source, plugins=PM)
    assert " Libellé" in report.fields  # the name Frictionless gives it, kept in the JSON contract
    (total,) = [f for f in report.findings if f.type == "total-row"]
    assert total.field_name == " Libellé"
    assert "(colonne « Libellé »)" in total.message("fr") and "(column 'Libellé')" in total.message("en")
    assert report.column_label(" Libellé") == "Libellé"
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    renamed = [(c.before, c.after) for c in result.changes if c.fix == "merged-header"]
    assert ("Dépenses", "Exercice propre Dépenses") in renamed
    assert all(not before.startswith(" ") and not before.endswith("2") for before, _ in renamed)


def test_the_check_names_the_columns_of_a_merged_header_as_the_fix_writes_them(tmp_path: Path) -> None:
    """The check said « Colonne « Dépenses2 » : 1 cellule(s) « n.c. » … » of the last column — a name the user sees
    nowhere (Frictionless's join of « Dépenses » under an empty merged cell, made unique) — where the fix writes
    « Exercices antérieurs Dépenses »."""
    source = tmp_path / "budget.xlsx"
    book = xlsxwriter.Workbook(str(source))
    sheet = book.add_worksheet("Budget")
    sheet.write(0, 0, "Fonction")
    sheet.merge_range("B1:C1", "Exercice propre")
    sheet.merge_range("D1:E1", "Exercices antérieurs")
    sheet.write_row(1, 1, ["Recettes", "Dépenses", "Recettes", "Dépenses"])
    for row, (code, last) in enumerate([("104", 300), ("421", "n.c."), ("722", 60), ("764", 80)], start=2):
        sheet.write_row(row, 0, [code, 1000 + row, 2000 + row, 50 + row, last])
    book.close()
    report = check(source, plugins=PM)
    (placeholder,) = [f for f in report.findings if f.type == "placeholder-value"]
    assert placeholder.message("fr").startswith("Colonne « Exercices antérieurs Dépenses » : 1 cellule(s) « n.c. »")
    assert "Dépenses2" not in placeholder.message("en") and "'Exercices antérieurs Dépenses'" in placeholder.message("en")
    assert report.column_label(placeholder.field_name) == "Exercices antérieurs Dépenses"
    assert placeholder.field_name in report.fields  # the JSON contract keeps Frictionless's names
