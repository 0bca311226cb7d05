"""The same table again under another title (a budget's « Service ordinaire » then « Service extraordinaire », a
table per year): said as an error, the rows of both mixing otherwise; ``fix`` names each row's table in a first
column « tableau » when the first table has its title above the header too."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

PM = get_plugin_manager(load_entrypoints=False)
FUNCTIONS = [("000", "Recettes et dépenses générales"), ("104", "Administration générale"), ("421", "Voirie"),
             ("722", "Enseignement primaire"), ("764", "Sports"), ("835", "Crèches")]


def budget(path: Path, first_title: bool = True, blank: bool = True) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    if first_title:
        sheet.append(["Budget 2025 — Service ordinaire"])
        sheet.append([])
    sheet.append(["Fonction", "Libellé", "Recettes", "Dépenses"])
    for number, (code, label) in enumerate(FUNCTIONS):
        sheet.append([code, label, 10_000.5 + number * 1234, 20_000.25 + number * 567])
    if blank:
        sheet.append([])
    sheet.append(["Service extraordinaire"])
    sheet.append(["Fonction", "Libellé", "Recettes", "Dépenses"])
    for number, (code, label) in enumerate(FUNCTIONS[1:4]):
        sheet.append([code, label, 50_000 + number * 99, 60_000 + number * 77])
    book.save(path)
    return path


def test_a_budget_with_its_extraordinary_service_under_the_ordinary_one(tmp_path: Path) -> None:
    """Before, `fix` dropped the title and the repeated header and kept « Service extraordinaire » as a record:
    « 104 Administration générale » came twice with other amounts, nothing to tell which service."""
    source = budget(tmp_path / "budget.xlsx")
    report = check(source, plugins=PM)
    (stacked,) = [f for f in report.findings if f.type == "stacked-same-tables"]
    assert stacked.row_number == 11 and stacked.extra == {"title": "Service extraordinaire", "header": 12}
    assert stacked.message("fr").startswith("Ligne 11 : « Service extraordinaire » est le titre d'un autre tableau")
    assert not report.valid
    # the title and the repeated header make the amount columns text: said by them, not as columns read as text
    assert not [f for f in report.findings if f.type in ("read-as-text", "type-error", "section-row")]
    result = fix(source, tmp_path / "budget.csv", plugins=PM)
    lines = (tmp_path / "budget.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "tableau,Fonction,Libellé,Recettes,Dépenses"
    assert lines[1].startswith("Budget 2025 — Service ordinaire,000,") and len(lines) == 1 + 6 + 3
    assert lines[7].startswith("Service extraordinaire,104,Administration générale,50000")
    assert not result.remaining
    side = (tmp_path / "budget.lignes-retirees.csv").read_text(encoding="utf-8")
    assert "Service extraordinaire" in side and "Budget 2025 — Service ordinaire" in side
    assert check(tmp_path / "budget.csv", plugins=PM).valid


def test_a_title_right_under_the_table_before_is_known_by_its_shape(tmp_path: Path) -> None:
    """No blank row between the tables: « Service extraordinaire » in the column of function codes is no record."""
    source = budget(tmp_path / "budget.xlsx", blank=False)
    assert [f.row_number for f in check(source, plugins=PM).findings if f.type == "stacked-same-tables"] == [10]
    fix(source, tmp_path / "budget.csv", plugins=PM)
    lines = (tmp_path / "budget.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("tableau,") and lines[-1].startswith("Service extraordinaire,722,")


def test_without_a_title_over_the_first_table_it_is_left_to_the_author(tmp_path: Path) -> None:
    source = budget(tmp_path / "budget.xlsx", first_title=False)
    assert [f.row_number for f in check(source, plugins=PM).findings if f.type == "stacked-same-tables"] == [9]
    result = fix(source, tmp_path / "budget.csv", plugins=PM)
    assert [f.type for f in result.remaining] == ["stacked-same-tables"]
    assert not (tmp_path / "budget.csv").read_text(encoding="utf-8").startswith("tableau")


@pytest.mark.parametrize("chunk_rows", [None, 5, 6])  # 5: the title ends a chunk, its header opens the next one
def test_a_table_per_year_in_a_csv_names_each_row_s_year(tmp_path: Path, chunk_rows: int | None) -> None:
    lines = ["Naissances 2022;;;", ""]
    for year in (2022, 2023, 2024):
        if year > 2022:
            lines += ["", f"Année {year};;;"]
        lines.append("Code INS;Commune;Garçons;Filles")
        lines += [f"{code};{name};{20 + year % 7};{30 + year % 5}"
                  for code, name in (("91030", "Ciney"), ("91034", "Dinant"), ("91059", "Hamois"))]
    source = tmp_path / "naissances.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = check(source, plugins=PM, chunk_rows=chunk_rows)
    assert [(f.type, f.row_number) for f in report.findings if f.row_number and f.row_number > 3] == [
        ("blank-row", 7), ("stacked-same-tables", 8), ("repeated-header", 9), ("stacked-same-tables", 14),
        ("repeated-header", 15)]  # no bad code INS « Année 2023 » nor « Code INS », no section headings
    fix(source, tmp_path / "propre.csv", plugins=PM)
    clean = (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()
    assert [line.split(",")[0] for line in clean] == ["tableau"] + ["Naissances 2022"] * 3 + ["Année 2023"] * 3 + \
        ["Année 2024"] * 3


def test_pages_of_a_printable_export_and_a_lone_record_are_no_other_table(tmp_path: Path) -> None:
    """The document's title again above each page's header (with its page number, or « (suite) »), a page number,
    or the last record of a page holding its name only right above the header: pages of one table."""
    header = "Association;Adresse;Code postal;Localité"
    paged = ["Registre des associations - Page 1", header, "Les Amis du Rail;Rue Haute 2;5590;Ciney",
             "Chorale Sainte-Cécile;Rue du Parc 4;5590;Ciney", "", "Registre des associations - Page 2", header,
             "Club de pétanque;Place Monseu 1;5590;Ciney", "Cercle d'histoire;Rue Saint-Roch 9;5590;Ciney"]
    lone = [header, "Les Amis du Rail;Rue Haute 2;5590;Ciney", "Scouts de Leignon;;;", header,
            "Club de pétanque;Place Monseu 1;5590;Ciney", "Cercle d'histoire;Rue Saint-Roch 9;5590;Ciney",
            "Chorale Sainte-Cécile;Rue du Parc 4;5590;Ciney"]
    going_on = ["Registre des associations", "", header, "Les Amis du Rail;Rue Haute 2;5590;Ciney",
                "Chorale Sainte-Cécile;Rue du Parc 4;5590;Ciney", "", "Registre des associations (suite)", header,
                "Club de pétanque;Place Monseu 1;5590;Ciney", "Cercle d'histoire;Rue Saint-Roch 9;5590;Ciney"]
    for name, lines in (("pages.csv", paged), ("lone.csv", lone), ("suite.csv", going_on)):
        source = tmp_path / name
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = check(source, plugins=PM)
        assert "repeated-header" in {f.type for f in report.findings}, name
        assert not [f for f in report.findings if f.type == "stacked-same-tables"], name
