"""One column per year or per month (a statistics table, a monthly follow-up laid out for reading): said once, as an
information, with how to reshape it; the table stays valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.checks.year_columns import day_list, grouped_runs, year_runs
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check


@pytest.mark.parametrize(("labels", "runs"), [
    (["Commune", "2019", "2020", "2021", "2022", "2023"], [["2019", "2020", "2021", "2022", "2023"]]),
    (["Commune", "Population 2019", "Population 2020", "Population 2021"],
     [["Population 2019", "Population 2020", "Population 2021"]]),
    (["Commune", "Naissances 2020", "Naissances 2021", "Naissances 2022", "Décès 2020", "Décès 2021", "Décès 2022"],
     [["Naissances 2020", "Naissances 2021", "Naissances 2022"], ["Décès 2020", "Décès 2021", "Décès 2022"]]),
    (["Commune", "2019", "2020"], []),  # two years: a comparison
    (["Commune", "2019", "Remarque", "2020", "2021"], []),  # not side by side
    (["Commune", "2021", "2020", "2019"], []),  # not rising: not a time series as written
    (["Commune", "Population 2019", "Naissances 2020", "Décès 2021"], []),  # three measures
    (["Code", "Année", "Valeur"], []),
    (["Commune", "2019-2020", "2020-2021", "2021-2022"], []),  # school years: two years each
])
def test_year_runs(labels: list[str], runs: list[list[str]]) -> None:
    types = {label: "string" if label in ("Commune", "Code", "Remarque") else "integer" for label in labels}
    assert year_runs(labels, types) == [("year", run) for run in runs]


@pytest.mark.parametrize(("labels", "run"), [
    (["Bâtiment", "Janvier", "Février", "Mars", "Avril", "Mai", "Juin"], ["Janvier", "Février", "Mars", "Avril", "Mai",
                                                                          "Juin"]),
    (["Bâtiment", "janv.-24", "févr.-24", "mars-24", "avr.-24"], ["janv.-24", "févr.-24", "mars-24", "avr.-24"]),
    (["Bâtiment", "kWh nov. 2023", "kWh déc. 2023", "kWh janv. 2024"], ["kWh nov. 2023", "kWh déc. 2023",
                                                                       "kWh janv. 2024"]),
    (["Site", "Jan", "Feb", "Mar"], ["Jan", "Feb", "Mar"]),
])
def test_month_runs(labels: list[str], run: list[str]) -> None:
    types = {label: "string" if label in ("Bâtiment", "Site") else "number" for label in labels}
    assert year_runs(labels, types) == [("month", run)]


def test_months_out_of_order_or_words_are_no_run() -> None:
    types = dict.fromkeys(["Mars", "Janvier", "Février", "Maison", "Maire", "Marsupilami"], "integer")
    assert year_runs(["Mars", "Janvier", "Février"], types) == []
    assert year_runs(["Maison", "Maire", "Marsupilami"], types) == []


def test_text_columns_named_after_years_are_not_a_measure() -> None:
    assert year_runs(["Commune", "2019", "2020", "2021"], {"Commune": "string", "2019": "string", "2020": "string",
                                                           "2021": "string"}) == []


def test_a_wide_table_is_said_once_and_stays_valid(tmp_path: Path) -> None:
    source = tmp_path / "population.csv"
    source.write_text("Commune;2019;2020;2021;2022\nNamur;111000;111500;112000;112600\nAndenne;26900;27000;27100;27300\n"
                      "Gesves;7100;7150;7200;7250\n", encoding="utf-8")
    report = check(source, plugins=get_plugin_manager(load_entrypoints=False))
    [found] = report.findings
    assert (found.type, found.severity.value, found.extra) == ("year-columns", "info",
                                                               {"columns": ["2019", "2020", "2021", "2022"], "unit": "year"})
    assert "une colonne par année" in found.message("fr")
    assert "Dépivoter les colonnes" in found.tip("fr") and report.valid


def test_months_of_numbers_written_the_local_way_are_said(tmp_path: Path) -> None:
    """A monthly energy follow-up, « 12 450 » kWh: the columns are sampled as text, their cells are numbers."""
    source = tmp_path / "energie.csv"
    source.write_text("Bâtiment;janv.-24;févr.-24;mars-24;avr.-24\nHôtel de ville;12 450;11 980;10 320;8 900\n"
                      "École communale;45 600;41 200;35 800;22 100\n", encoding="utf-8")
    found = [f for f in check(source, plugins=get_plugin_manager(load_entrypoints=False)).findings
             if f.type == "year-columns"]
    assert [(f.extra["unit"], f.extra["columns"]) for f in found] == [("month", ["janv.-24", "févr.-24", "mars-24",
                                                                                "avr.-24"])]
    assert "une colonne par mois" in found[0].message("fr")


def test_text_columns_named_after_months_are_not_said(tmp_path: Path) -> None:
    source = tmp_path / "planning.csv"
    source.write_text("Équipe;Janvier;Février;Mars\nA;congé;formation;terrain\nB;terrain;congé;formation\n",
                      encoding="utf-8")
    assert not [f for f in check(source, plugins=get_plugin_manager(load_entrypoints=False)).findings
                if f.type == "year-columns"]


@pytest.mark.parametrize(("labels", "run", "measures"), [
    (["Commune", "Hommes 2021", "Femmes 2021", "Hommes 2022", "Femmes 2022", "Hommes 2023", "Femmes 2023"],
     ["Hommes 2021", "Femmes 2021", "Hommes 2022", "Femmes 2022", "Hommes 2023", "Femmes 2023"], ["Hommes", "Femmes"]),
    (["Fonction", "Budget 2023", "Compte 2023", "Écart 2023", "Budget 2024", "Compte 2024", "Écart 2024",
      "Budget 2025", "Compte 2025", "Écart 2025"],
     ["Budget 2023", "Compte 2023", "Écart 2023", "Budget 2024", "Compte 2024", "Écart 2024", "Budget 2025",
      "Compte 2025", "Écart 2025"], ["Budget", "Compte", "Écart"]),
])
def test_measures_repeated_for_each_year_are_one_run(labels: list[str], run: list[str], measures: list[str]) -> None:
    """A population table by sex, a budget against its accounts: two or three measures repeated year after year
    said nothing (no two labels side by side differ by their year only)."""
    types = {label: "string" if label in ("Commune", "Fonction") else "integer" for label in labels}
    assert year_runs(labels, types) == [] and grouped_runs(labels, types) == [("year", run, measures)]


@pytest.mark.parametrize("labels", [
    ["Commune", "Hommes 2021", "Femmes 2021", "Hommes 2022", "Femmes 2022"],  # two years: a comparison
    ["Commune", "Hommes 2021", "Femmes 2021", "Femmes 2022", "Hommes 2022", "Hommes 2023", "Femmes 2023"],  # order
    ["Commune", "Hommes 2023", "Femmes 2023", "Hommes 2022", "Femmes 2022", "Hommes 2021", "Femmes 2021"],  # falling
    ["Commune", "Hommes 2021", "Femmes 2022", "Hommes 2023", "Femmes 2024", "Hommes 2025", "Femmes 2026"],
])
def test_no_grouped_run_without_the_same_measures_for_each_rising_year(labels: list[str]) -> None:
    assert grouped_runs(labels, {label: "integer" for label in labels if label != "Commune"}) == []


def test_a_population_by_sex_and_year_is_said_once(tmp_path: Path) -> None:
    source = tmp_path / "population.csv"
    source.write_text("Commune;Hommes 2021;Femmes 2021;Hommes 2022;Femmes 2022;Hommes 2023;Femmes 2023\n"
                      "Ciney;8012;8321;8050;8340;8101;8377\nHamois;3650;3702;3671;3720;3690;3741\n"
                      "Havelange;2480;2512;2491;2530;2502;2544\n", encoding="utf-8")
    report = check(source, plugins=get_plugin_manager(load_entrypoints=False))
    [found] = report.findings
    assert found.type == "year-columns" and found.extra["measures"] == ["Hommes", "Femmes"] and report.valid
    assert found.message("fr").startswith("Les colonnes « Hommes 2021 » à « Femmes 2023 » (6) répètent 2 mesures "
                                          "(« Hommes », « Femmes »), une colonne par année pour chacune")
    assert "Pivoter la colonne des mesures" in found.tip("fr") and "Pivot the column" in found.tip("en")


@pytest.mark.parametrize(("cell", "listed"), [
    ("5, 19", True), ("2 - 16 - 30", True), ("4 et 18", True), ("3 & 17", True), ("1 15 29", True), ("7;21.", True),
    ("19, 5", False),  # not rising
    ("12/20", False), ("3/4", False), ("2+3", False),  # a mark out of 20, a fraction, a sum
    ("12 450", False), ("8", False), ("0, 14", False), ("15, 32", False), ("lundi 5", False), ("2019-2020", False),
])
def test_day_lists(cell: str, listed: bool) -> None:
    assert day_list(cell) is listed


def _calendar(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


MONTHS = "Janvier;Février;Mars;Avril;Mai;Juin"


def test_a_waste_collection_calendar_is_said_once_with_an_example(tmp_path: Path) -> None:
    """A calendar laid out for reading: a month per column, the days of collection listed in each cell (one day
    alone in some): said as a calendar, not as a measure per month, and the table stays valid."""
    source = _calendar(tmp_path / "collectes.csv", "Secteur;Collecte;" + MONTHS, [
        "Ciney centre;Papiers-cartons;8;5;9;4;4;8",
        "Ciney centre;PMC;4, 18;10, 24;9, 23;3, 17;6, 20;10, 24",
        "Achêne;Ordures ménagères;6 - 13 - 20 - 27;2 - 9 - 16 - 23;7 - 14 - 21 - 28;5 - 12 - 19 - 26;"
        "4 - 11 - 18 - 25;6 - 13 - 20 - 27",
        "Achêne;PMC;11, 25;7, 21;7, 21;4, 18;2, 16, 30;13, 27",
    ])
    report = check(source, plugins=get_plugin_manager(load_entrypoints=False))
    [found] = [f for f in report.findings if f.type == "year-columns"]
    assert found.extra == {"columns": MONTHS.split(";"), "unit": "day"} and report.valid
    assert found.message("fr").startswith("Les colonnes « Janvier » à « Juin » (6) listent des jours du mois "
                                          "(ex. ligne 3 : « 4, 18 ») : un calendrier fait pour être lu, plusieurs "
                                          "dates par cellule et l'année nulle part.")
    assert "Dépivoter les colonnes" in found.tip("fr") and "Split the column" in found.tip("en")
    assert "(e.g. row 3: '4, 18')" in found.message("en")


def test_a_calendar_whose_labels_carry_the_year_does_not_say_it_is_missing(tmp_path: Path) -> None:
    source = _calendar(tmp_path / "ouvertures.csv", "Service;janv. 2026;févr. 2026;mars 2026", [
        "Recyparc de Ciney;3, 17, 31;14, 28;14, 28", "Bibliothèque;10 et 24;7 et 21;7 et 21"])
    [found] = [f for f in check(source, plugins=get_plugin_manager(load_entrypoints=False)).findings
               if f.type == "year-columns"]
    assert found.extra["unit"] == "day" and "l'année nulle part" not in found.message("fr")


@pytest.mark.parametrize("rows", [
    # small monthly counts with one range among them: no calendar
    ["Guichet;3;5;4;2;6;1", "Accueil;12;9;3 - 5;8;7;10", "Courrier;20;18;22;19;21;25", "État civil;6;4;5;7;3;2"],
    # decimal commas: numbers, a measure per month
    ["Hôtel de ville;3,5;4,2;2,8;3,1;2,9;3,4", "École;1,2;1,8;2,5;2,2;1,9;1,1"],
])
def test_month_columns_of_numbers_are_no_calendar(tmp_path: Path, rows: list[str]) -> None:
    source = _calendar(tmp_path / "suivi.csv", "Site;" + MONTHS, rows)
    found = [f for f in check(source, plugins=get_plugin_manager(load_entrypoints=False)).findings
             if f.type == "year-columns"]
    assert [f.extra["unit"] for f in found] == ["month"]


def test_a_workbook_calendar_mixing_days_and_lists_is_a_calendar(tmp_path: Path) -> None:
    """In a workbook, a month's single day is a number and a list is text: the column's type is mixed."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["Secteur", "Collecte", "Janvier", "Février", "Mars", "Avril"], ["Ciney", "Papiers", 8, 5, 9, 4],
                ["Ciney", "PMC", "4, 18", "10, 24", "9, 23", "3, 17"], ["Achêne", "PMC", "11, 25", "7, 21", "7, 21", 4]):
        sheet.append(row)
    book.save(tmp_path / "collectes.xlsx")
    found = [f for f in check(tmp_path / "collectes.xlsx", plugins=get_plugin_manager(load_entrypoints=False)).findings
             if f.type == "year-columns"]
    assert [(f.extra["unit"], f.extra["columns"]) for f in found] == [("day", ["Janvier", "Février", "Mars", "Avril"])]
    assert "(ex. ligne 3 : « 4, 18 »)" in found[0].message("fr")


def test_marks_out_of_twenty_by_month_are_no_calendar(tmp_path: Path) -> None:
    source = _calendar(tmp_path / "evaluations.csv", "Atelier;Janvier;Février;Mars;Avril",
                       ["Cuisine;12/20;14/20;15/20;16/20", "Couture;9/20;11/20;13/20;12/20", "Jardin;3/4;2/4;4/4;3/4"])
    assert not [f for f in check(source, plugins=get_plugin_manager(load_entrypoints=False)).findings
                if f.type == "year-columns"]
