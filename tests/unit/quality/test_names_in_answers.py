"""``names-in-answers``: a person named inside the free answers of a survey (or the remarks of a register of people)
was said by no check; the survey's e-mail column gone, the export passed with a neighbour's name in it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from odwb_assist.checks.names_in_answers import names_someone
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


@pytest.mark.parametrize("text", [
    "Mon voisin (M. Lambert, rue du Centre 12) brûle ses déchets",
    "Il faudrait parler à Madame Dupont qui s'occupe du comité",
    "Merci à Jean-Marc Renard pour son aide lors de la collecte",
    "Le chien de Sophie Gillet aboie toute la nuit dans la rue",
    "Merci Jean Dupont pour la réparation du banc",
    "Mon voisin Marc Dubois laisse ses poubelles sur le trottoir",
])
def test_a_free_text_that_names_someone(text: str) -> None:
    assert names_someone(text)


@pytest.mark.parametrize("text", [
    "Les horaires du recyparc sont trop courts le samedi",
    "Merci à Monsieur le Bourgmestre pour son écoute",
    "Les trottoirs de la rue Jean Jaurès sont en mauvais état",
    "Il manque un passage piéton devant l'école Marie Curie",
    "La procession de Saint-Jean Baptiste bloque la route en juin",
    "Jean Dupont",  # a name alone: the names column's business
    "Plus de poubelles au parc Reine Astrid svp",
    "Les façades en Pierre Bleue du centre sont sales",
    "Les concerts au Kiosque Louis Dewez sont trop rares",
    "Plus de contrôles de vitesse Avenue Roi Albert svp",
    "Le marché de Noël Place Monseu était très réussi cette année",
    "Le home Saint Joseph manque de personnel le week-end",
    "La rue Charles Lebrun est pleine de nids de poule",
])
def test_a_free_text_that_names_nobody(text: str) -> None:
    assert not names_someone(text)


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, delimiter=",", encoding="utf-8")


ANSWERS = ["Merci pour cette enquête sur les déchets", "Les horaires du recyparc sont trop courts le samedi",
           "Mon voisin (M. Lambert, rue du Centre 12) brûle ses déchets", "", "Rien à signaler pour ma part"]


def test_a_surveys_answers_naming_a_neighbour_are_said(tmp_path: Path) -> None:
    rows = [["Horodateur", "Dans quel village habitez-vous ?", "Remarques"]]
    rows += [[f"2024/03/{10 + i} 9:02:11 AM UTC+1", "Ciney", answer] for i, answer in enumerate(ANSWERS)]
    report = check(write(tmp_path / "enquete.csv", rows), plugins=PM)
    found = [f for f in report.findings if f.type == "names-in-answers"]
    assert [(f.field_name, f.count, f.row_number, f.severity.value) for f in found] == [("Remarques", 1, 4, "warning")]
    assert "M. Lambert" in found[0].message("fr") and report.valid


def test_remarks_of_a_table_of_things_are_not_read(tmp_path: Path) -> None:
    # a list of council decisions names its officials by law; a list of works names its contractor's manager
    rows = [["Objet", "Date", "Remarques"],
            ["Réfection de la voirie", "2024-03-12", "Chantier suivi par M. Lambert, conducteur des travaux"],
            ["Éclairage public", "2024-04-02", "Proposition de Jean Dupont, échevin des travaux, adoptée"]]
    report = check(write(tmp_path / "travaux.csv", rows), plugins=PM)
    assert "names-in-answers" not in report.stats
