"""People's dates of birth (a survey's respondents, an association's members): personal data, which a postal code
beside them often makes enough to tell who someone is. A full date is an error, a year alone a warning; not a place of
birth, not people of the past (a street's namesakes with their date of death, births before 1900)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from odwb_assist import quality
from odwb_assist.checks.birth_dates import birth_year, names_birth
from odwb_assist.core.plugins import get_plugin_manager

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


def survey(birth_title: str, births: list[str]) -> list[list[str]]:
    rows = [["Horodateur", birth_title, "Code postal", "Quel sport pratiquez-vous ?"]]
    for number, born in enumerate(births):
        rows.append([f"{number % 28 + 1:02d}/03/2024 10:00:00", born, "5000", "Tennis"])
    return rows


def said(path: Path, chunk_rows: int | None = None) -> list[tuple[str, str, str | None, int | None]]:
    report = quality.check(path, plugins=PM, chunk_rows=chunk_rows)
    return [(f.type, f.severity.value, f.field_name, f.count) for f in report.findings
            if f.type in ("birth-dates", "birth-years")]


@pytest.mark.parametrize(("title", "says"), [("Date de naissance", True), ("Né(e) le", True), ("date_of_birth", True),
                                             ("DOB", True), ("Geboortedatum", True), ("Année de naissance", True),
                                             ("dateNaissance", True), ("Lieu de naissance", False),
                                             ("Geboorteplaats", False), ("Date d'inscription", False),
                                             ("Naissances 2024", False)])
def test_titles_that_name_a_birth(title: str, says: bool) -> None:
    assert names_birth(title) is says


@pytest.mark.parametrize(("text", "year"), [("15/03/1987", 1987), ("1987-03-15", 1987), ("15/03/87", 1987),
                                            ("15/03/05", 2005), ("1987", 1987), ("2024-01-02T10:00:00Z", 2024)])
def test_the_year_of_a_birth(text: str, year: int) -> None:
    assert birth_year(text) == year


@pytest.mark.parametrize("chunk_rows", [None, 7])
def test_full_dates_of_birth_in_a_survey_are_an_error(tmp_path: Path, chunk_rows: int | None) -> None:
    random.seed(4)
    births = [f"{random.randint(1, 28):02d}/{random.randint(1, 12):02d}/{random.randint(1950, 2008)}" for _ in range(30)]
    births[3] = ""  # not answered
    path = write(tmp_path / "enquete.csv", survey("Date de naissance", births))
    assert said(path, chunk_rows) == [("birth-dates", "error", "Date de naissance", 29)]
    report = quality.check(path, plugins=PM)
    finding = next(f for f in report.findings if f.type == "birth-dates")
    assert finding.message("fr").startswith("Colonne « Date de naissance » : 29 date(s) de naissance de personnes (ex. "
                                            "ligne 2 : « ")
    assert "age classes" in finding.tip("en") and not report.valid


def test_years_of_birth_are_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "membres.csv", survey("Année de naissance", [str(1950 + n) for n in range(20)]))
    assert said(path) == [("birth-years", "warning", "Année de naissance", 20)]


def test_people_of_the_past_and_places_of_birth_are_not_said(tmp_path: Path) -> None:
    streets = write(tmp_path / "odonymie.csv", [["Rue", "Personnage", "Date de naissance", "Date de décès"],
                                               ["Rue Léopold", "Léopold Ier", "16/12/1790", "10/12/1865"],
                                               ["Rue Émile Vandervelde", "Émile Vandervelde", "25/01/1866", "27/12/1938"]])
    assert said(streets) == []
    mayors = write(tmp_path / "bourgmestres.csv", [["Nom", "Date de naissance", "Mandat"],
                                                   ["Jean Dupont", "12/03/1801", "1830-1840"],
                                                   ["Paul Martin", "03/07/1822", "1841-1860"]])
    assert said(mayors) == []
    places = write(tmp_path / "lieux.csv", survey("Lieu de naissance", ["Namur", "Liège", "Dinant"]))
    assert said(places) == []


def test_a_column_titled_so_but_not_of_dates_is_not_said(tmp_path: Path) -> None:
    path = write(tmp_path / "stats.csv", [["Commune", "Naissances 2024"], ["Namur", "1204"], ["Ciney", "187"],
                                          ["Dinant", "131"]])
    assert said(path) == []  # counts of births, not years


def test_the_births_of_dogs_and_trees_are_not_said(tmp_path: Path) -> None:
    dogs = write(tmp_path / "chiens.csv", [["Nom du chien", "Race", "Date de naissance", "Quartier"],
                                          ["Rex", "Berger malinois", "12/03/2019", "Jambes"],
                                          ["Bella", "Labrador", "01/07/2021", "Bouge"]])
    assert said(dogs) == []
    trees = write(tmp_path / "arbres.csv", [["Essence", "Année de naissance", "Rue"],
                                           ["Chêne pédonculé", "1952", "Rue de Fer"], ["Hêtre", "1961", "Parc Louise"]])
    assert said(trees) == []
