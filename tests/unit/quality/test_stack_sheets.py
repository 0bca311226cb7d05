"""``fix --sheet all``: a table split into one sheet per year (or per service) becomes one clean CSV with a column
naming each row's sheet, as the portal wants a time series; sheets of another shape are refused, nothing is lost."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from odwb_assist.core.errors import FixError
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import FixResult, StackedFix, fix_sheets
from odwb_assist.quality.stack_sheets import sheet_column

CLI = Callable[..., tuple[int, str, str]]
BIRTHS = {"Ciney": 160, "Dinant": 120, "Yvoir": 80}


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def births(path: Path, names: list[str], *, titled: bool = False, extra: dict[str, list[object]] | None = None,
           notice: bool = False, hidden: str | None = None) -> Path:
    """A birth register with a sheet per year, as a population service keeps it: optionally a title and a total
    row on each sheet, a notice first, a hidden list of choices."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    if notice:
        sheet = book.create_sheet("Lisez-moi")
        for line in ["Naissances par commune, une feuille par année.", "Source : registres de la population, 2025"]:
            sheet.append([line])
    for number, name in enumerate(names):
        sheet = book.create_sheet(name)
        if titled:
            sheet.append([f"Naissances — {name}"])
            sheet.append([])
        sheet.append(["Commune", "Naissances", *(extra or {}).get(name, [])[:1]])
        for commune, count in BIRTHS.items():
            sheet.append([commune, count + number, *(extra or {}).get(name, [])[1:]])
        if titled:
            sheet.append(["Total", sum(BIRTHS.values()) + 3 * number])
    if hidden:
        book.create_sheet(hidden).append(["Ciney"])
        book[hidden].sheet_state = "hidden"
    book.save(path)
    return path


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_a_sheet_per_year_becomes_one_table_with_a_year_column(tmp_path: Path) -> None:
    source = births(tmp_path / "naissances.xlsx", ["2022", "2023", "2024"])
    result = fix_sheets(source, tmp_path / "naissances.csv", plugins=pm())
    assert isinstance(result, StackedFix) and result.written and result.rows == 9 and result.column == "annee"
    written = rows(tmp_path / "naissances.csv")
    assert written[0] == ["annee", "Commune", "Naissances"]
    assert written[1] == ["2022", "Ciney", "160"] and written[9] == ["2024", "Yvoir", "82"]
    preview = result.preview("fr")
    assert "Feuilles mises l'une sous l'autre, colonne « annee » ajoutée : « 2022 » (3), « 2023 » (3), « 2024 » (3)" \
        in preview
    assert "Sheets stacked one under the other, column 'annee' added" in result.preview("en")


def test_each_sheets_titles_and_totals_go_to_side_files_named_after_it(tmp_path: Path) -> None:
    source = births(tmp_path / "naissances.xlsx", ["Naissances 2023", "Naissances 2024"], titled=True)
    result = fix_sheets(source, tmp_path / "propre.csv", plugins=pm())
    assert isinstance(result, StackedFix)
    assert [row[:2] for row in rows(tmp_path / "propre.csv")[1:3]] == [["2023", "Ciney"], ["2023", "Dinant"]]
    for year in ("2023", "2024"):
        kept = rows(tmp_path / f"propre.Naissances_{year}.lignes-retirees.csv")
        assert [row[1] for row in kept[1:]] == ["Supprimer les lignes de titre", "Ligne vide au-dessus de l'en-tête",
                                                "Supprimer les lignes de total"]  # nothing lost
    assert "gardées dans" in result.preview("fr") and str(tmp_path / "propre.Naissances_2024.lignes-retirees.csv") \
        in result.preview("fr")


def test_sheets_that_hold_no_table_are_left_out_and_said(tmp_path: Path) -> None:
    source = births(tmp_path / "naissances.xlsx", ["2023", "2024"], notice=True, hidden="Listes")
    result = fix_sheets(source, tmp_path / "propre.csv", plugins=pm())
    assert isinstance(result, StackedFix) and [name for name, _ in result.results] == ["2023", "2024"]
    preview = result.preview("fr")
    assert "Feuille laissée : « Lisez-moi » (du texte, pas un tableau)" in preview
    assert "Feuille laissée : « Listes » (masquée dans le classeur)" in preview


def test_sheets_of_other_columns_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    source = births(tmp_path / "naissances.xlsx", ["2023", "2024"], extra={"2024": ["Décès", 10]})
    with pytest.raises(FixError) as raised:
        fix_sheets(source, tmp_path / "propre.csv", plugins=pm())
    assert "« 2024 » n'a pas les colonnes de « 2023 » (elle a en plus « Décès »)" in raised.value.message("fr")
    assert "'2024' does not have the columns of '2023'" in raised.value.message("en")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["naissances.xlsx"]


def test_a_dry_run_writes_nothing(tmp_path: Path) -> None:
    source = births(tmp_path / "naissances.xlsx", ["2023", "2024"], titled=True)
    result = fix_sheets(source, tmp_path / "propre.csv", plugins=pm(), dry_run=True)
    assert isinstance(result, StackedFix) and not result.written and result.rows == 6
    assert "(simulation, rien n'est écrit)" in result.preview("fr") and "seraient gardées dans" in result.preview("fr")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["naissances.xlsx"]


def test_one_table_is_fixed_as_fix_fixes_it(tmp_path: Path) -> None:
    source = births(tmp_path / "naissances.xlsx", ["2024"], notice=True)
    result = fix_sheets(source, tmp_path / "propre.csv", plugins=pm())
    assert isinstance(result, FixResult) and rows(tmp_path / "propre.csv")[0] == ["Commune", "Naissances"]
    (tmp_path / "a.csv").write_text("Commune;Naissances\nCiney;160\n", encoding="utf-8")
    assert isinstance(fix_sheets(tmp_path / "a.csv", tmp_path / "b.csv", plugins=pm()), FixResult)


@pytest.mark.parametrize(("names", "column", "values"), [
    (["2022", "2023"], "annee", ["2022", "2023"]),
    (["Budget 2023 (définitif)", "Budget 2024 (définitif)"], "annee", ["2023", "2024"]),
    (["Ciney", "Dinant"], "feuille", ["Ciney", "Dinant"]),
    (["2023", "2023 (bis)"], "feuille", ["2023", "2023 (bis)"]),  # the same year twice: the names tell them apart
    (["Janvier 2024", "Février 2024"], "feuille", ["Janvier 2024", "Février 2024"]),
])
def test_the_column_naming_the_sheet(names: list[str], column: str, values: list[str]) -> None:
    found, by_name = sheet_column(names)
    assert found == column and [by_name[name] for name in names] == values


def test_the_cli_stacks_them_and_writes_each_sheets_change_log(tmp_path: Path, cli: CLI) -> None:
    source = births(tmp_path / "naissances.xlsx", ["2023", "2024"])
    code, out, _ = cli("fix", str(source), "-o", str(tmp_path / "propre.csv"), "--sheet", "all",
                       "--journal", str(tmp_path / "journal.csv"))
    assert code == 0 and "colonne « annee » ajoutée" in out and "Fichier propre écrit" in out
    assert (tmp_path / "journal.2023.csv").exists() and (tmp_path / "journal.2024.csv").exists()
    code, out, err = cli("fix", str(births(tmp_path / "autre.xlsx", ["2023", "2024"], extra={"2024": ["Décès", 1]})),
                         "-o", str(tmp_path / "autre.csv"), "--sheet", "all")
    assert code == 2 and "ne forment pas un seul tableau" in out + err and "Traceback" not in out + err
