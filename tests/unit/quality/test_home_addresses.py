"""Where people live, in a table whose rows are people (the children registered for a course, a survey's
respondents): personal data. The addresses of halls, parks or associations' seats are what such data is about."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from odwb_assist import quality
from odwb_assist.checks.home_addresses import is_street_address, names_home_address
from odwb_assist.core.plugins import get_plugin_manager

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


def said(path: Path) -> list[tuple[str | None, int | None, str]]:
    report = quality.check(path, plugins=PM)
    return [(f.field_name, f.count, f.severity.value) for f in report.findings if f.type == "home-addresses"]


@pytest.mark.parametrize(("title", "says"), [("Adresse", True), ("rue", True), ("Domicile", True), ("Straat", True),
                                             ("home_address", True), ("Adresse e-mail", False), ("Courriel", False),
                                             ("Adresse du cabinet", False), ("Site web", False), ("Commune", False)])
def test_titles_that_name_a_home_address(title: str, says: bool) -> None:
    assert names_home_address(title) is says


@pytest.mark.parametrize(("text", "street"), [("Rue du Centre 1", True), ("Chaussée de Namur 12 b", True),
                                              ("av. Reine Astrid 4/2", True), ("Kerkstraat 5", True),
                                              ("Place d'Armes 1, 5000 Namur", True), ("Rue du Centre", False),
                                              ("Namur", False), ("5000", False), ("Ruelle", False)])
def test_what_reads_as_a_street_address(text: str, street: bool) -> None:
    assert is_street_address(text) is street


def test_the_addresses_of_registered_children_are_personal_data(tmp_path: Path) -> None:
    path = write(tmp_path / "inscriptions.csv", [
        ["Nom", "Prénom", "Adresse", "Code postal", "Stage"],
        ["Dupont", "Léa", "Rue du Centre 1", "5590", "Natation"],
        ["Lambert", "Tom", "Chaussée de Dinant 112", "5590", "Tennis"],
        ["Martin", "Zoé", "", "5590", "Tennis"],
        ["Simon", "Noah", "Kerkstraat 5", "5590", "Judo"]])
    assert said(path) == [("Adresse", 3, "error")]
    report = quality.check(path, plugins=PM)
    finding = next(f for f in report.findings if f.type == "home-addresses")
    assert finding.message("fr").startswith("Colonne « Adresse » : 3 adresse(s) de personnes (ex. ligne 2 : « Rue du "
                                            "Centre 1 »), dans un tableau dont les lignes sont des personnes")
    assert not report.valid


def test_the_addresses_of_places_and_of_workplaces_are_not_said(tmp_path: Path) -> None:
    halls = write(tmp_path / "salles.csv", [["Salle", "Adresse", "Capacité"],
                                          ["Salle des fêtes", "Rue du Centre 1", "200"],
                                          ["Centre culturel", "Place d'Armes 3", "350"]])
    assert said(halls) == []
    doctors = write(tmp_path / "medecins.csv", [["Nom", "Prénom", "Adresse du cabinet"],
                                              ["Dupont", "Marie", "Rue de Fer 12"], ["Lambert", "Jean", "Rue Godefroid 5"]])
    assert said(doctors) == []
    notes = write(tmp_path / "notes.csv", [["Prénom", "Adresse"], ["Léa", "voir dossier"], ["Tom", "inconnue"],
                                          ["Zoé", "Rue du Centre 1"]])
    assert said(notes) == []  # not a column of addresses
