"""A second table under the first, with other columns: read as one table, its values fall under the first one's
labels. An error, with the row where it begins; blank rows, sections and repeated headers are not one."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

PM = get_plugin_manager(load_entrypoints=False)
FIRST = ["Commune;Population;Superficie", "Namur;113000;175,7", "Andenne;27000;86,2", "Gesves;7200;65,1"]


def found(tmp_path: Path, lines: list[str]) -> list:
    source = tmp_path / "tableaux.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [f for f in check(source, plugins=PM).findings if f.type == "stacked-tables"]


def test_a_second_table_under_the_first_is_an_error(tmp_path: Path) -> None:
    lines = [*FIRST, "", "Commune;Naissances;Décès", "Namur;1200;1100", "Andenne;280;300", "Gesves;70;60"]
    [finding] = found(tmp_path, lines)
    assert (finding.row_number, finding.severity.value) == (6, "error")
    assert "« Naissances » sous « Population »" in finding.message("fr")


def test_a_second_table_in_a_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for line in [*FIRST, "", "", "Commune;Naissances;Décès", "Namur;1200;1100", "Andenne;280;300"]:
        book.active.append([int(c) if c.isdigit() else c for c in line.split(";")] if line else [])
    book.save(tmp_path / "tableaux.xlsx")
    report = check(tmp_path / "tableaux.xlsx", plugins=PM)
    assert [f.row_number for f in report.findings if f.type == "stacked-tables"] == [7]


@pytest.mark.parametrize("rest", [
    ["", "Ohey;5200;57,3", "Assesse;7300;79,6"],  # a blank row inside the data
    ["", "Commune;Population;Superficie", "Ohey;5200;57,3"],  # the header repeated
    ["", "2024;;", "Ohey;5200;57,3"],  # a section heading
    ["", "Source : Statbel;;", "Mise à jour : 2025;;"],  # notes under the table
    ["", "Total;147400;327,0"],  # a total after a blank row
])
def test_one_table_with_blank_rows_is_not_two(tmp_path: Path, rest: list[str]) -> None:
    assert found(tmp_path, [*FIRST, *rest]) == []


def test_a_directory_of_words_is_not_two_tables(tmp_path: Path) -> None:
    lines = ["Association;Commune;Contact", "Les Amis du Bocq;Yvoir;info@amis.be", "", "Association;Commune;Président",
             "Cercle horticole;Gesves;Jean Dupont"]
    assert found(tmp_path, lines) == []


def test_without_a_blank_row_between_them_too_so_that_the_fix_does_not_hide_them(tmp_path: Path) -> None:
    from odwb_assist.quality import fix

    lines = [*FIRST, "", "Commune;Naissances;Décès", "Namur;1200;1100", "Andenne;280;300"]
    source = tmp_path / "tableaux.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fix(source, tmp_path / "propre.csv", plugins=PM)  # drops the blank row
    report = check(tmp_path / "propre.csv", plugins=PM)
    assert [f.row_number for f in report.findings if f.type == "stacked-tables"] == [5]
    assert not report.valid


def test_a_row_of_technical_names_is_a_repeated_header_only(tmp_path: Path) -> None:
    source = tmp_path / "communes.csv"
    source.write_text("Commune;Code postal;Population\ncommune;code_postal;population\nNamur;5000;113000\n"
                      "Andenne;5300;27000\n", encoding="utf-8")
    types = [f.type for f in check(source, plugins=PM).findings]
    assert "repeated-header" in types and "stacked-tables" not in types
