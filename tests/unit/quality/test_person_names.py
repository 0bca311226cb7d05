"""A column of people's names (a survey's respondents, a register's contacts) is personal data whatever its label:
said as a warning; associations, clubs, services, streets and communes named after someone are not people."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from odwb_assist.checks.person_names import is_person_name, register_subjects
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

LABELLED = Path(__file__).resolve().parents[2] / "data" / "personal-emails" / "labelled.csv"


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


@pytest.mark.parametrize("text", ["Jean Dupont", "Marie-Hélène Lambert", "DUPONT Jean", "Fatima El Amrani",
                                  "Jean de Bruyn", "Anne Van den Broeck", "Mehdi Benali", "Jean-Pierre Delvaux",
                                  "M. Pierre Collard", "Mme Dubois", "Mme Kowalczyk Agnieszka", "Dr Lambert",
                                  "Monsieur Yilmaz", "Me Van Damme"])
def test_names_of_people(text: str) -> None:
    assert is_person_name(text)


@pytest.mark.parametrize("text", ["Rue Jean Jaurès", "Athénée Royal Jean Absil", "Chorale Sainte-Cécile",
                                  "Patro Saint-Joseph", "La Louvière", "Royal Football Club Gesves", "État civil",
                                  "Les Amis de la Nature", "jean dupont", "Jean", "Jean Dupont 2", "Club Jean & Co",
                                  "LAMBERT MARIE", "Marché de Noël", "Place Albert", "Tennis Club Wavre", "M.", "Mme",
                                  "M. dupont", "Rue du Dr Schweitzer", "Mme 12", "Dr Lambert et associés"])
def test_not_names_of_people(text: str) -> None:
    assert not is_person_name(text)


def test_on_the_labelled_corpus_no_association_sport_club_or_service_is_a_person() -> None:
    with LABELLED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["table"] in ("associations", "sports", "services"):
            assert not is_person_name(row["name"]), row["name"]
    people = [row for row in rows if row["table"] == "list"]
    found = [row for row in people if is_person_name(row["name"])]
    assert {row["personal"] for row in found} == {"1"}  # precision: each one found is a person
    assert len(found) == sum(row["personal"] == "1" for row in people)  # recall on this list: all of them
    contacts = [row["other"] for row in rows if row["table"] == "contacts" and row["other"]]
    assert sum(map(is_person_name, contacts)) >= 0.9 * len(contacts)


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


def test_a_survey_export_names_its_respondents_column(tmp_path: Path) -> None:
    rows = [["ID", "Nom", "Commune", "Satisfaction"], ["1", "Jean Dupont", "Ciney", "4"], ["2", "", "Dinant", "3"],
            ["3", "Marie Martin", "Ciney", "5"], ["4", "Sophie Renard", "Yvoir", "2"]]
    found = [f for f in check(write(tmp_path / "enquete.csv", rows), plugins=pm()).findings
             if f.type == "person-names"]
    assert [(f.field_name, f.severity.value, f.extra["names"]) for f in found] == [("Nom", "warning", 3)]
    assert "« Jean Dupont », « Marie Martin »" in found[0].message("fr")


def test_a_directory_of_associations_and_a_list_of_streets_say_nothing(tmp_path: Path) -> None:
    rows = [["Nom", "Rue", "Commune"], ["Chorale Sainte-Cécile", "Rue Jean Jaurès 12", "Ciney"],
            ["Patro Saint-Joseph", "Place Albert Ier 3", "Dinant"], ["Les Amis de la Nature", "Rue Haute 1", "Yvoir"],
            ["Cercle d'histoire", "Avenue Louise 5", "Namur"]]
    report = check(write(tmp_path / "associations.csv", rows), plugins=pm())
    assert "person-names" not in {f.type for f in report.findings}


def test_a_label_naming_things_is_not_looked_at(tmp_path: Path) -> None:
    rows = [["Nom de l'association", "Membres"], ["Jean Dupont", "12"], ["Marie Martin", "30"]]  # named after them
    report = check(write(tmp_path / "asbl.csv", rows), plugins=pm())
    assert "person-names" not in {f.type for f in report.findings}


CONTACTS = [["Association", "Personne de contact", "Courriel"], ["Les Amis du Rail", "Jean Dupont", "info@rail.be"],
            ["Cercle horticole", "Secrétariat", "cercle@ciney.be"], ["Fondation Simenon", "Accueil", "accueil@simenon.be"],
            ["RFC Dinant", "M. Pierre Collard", "club@rfcdinant.be"], ["Chorale", "Mme Kowalczyk", "chorale@ciney.be"],
            ["MJ Andenne", "Permanence", "mj@andenne.be"], ["Pétanque", "Bureau", "boules@andenne.be"]]


def test_a_contact_column_is_named_though_it_holds_services_too(tmp_path: Path) -> None:
    report = check(write(tmp_path / "contacts.csv", CONTACTS), plugins=pm())
    [found] = [f for f in report.findings if f.type == "person-names"]
    assert found.field_name == "Personne de contact" and (found.extra["names"], found.extra["seen"]) == (3, 7)
    assert "« M. Pierre Collard »" in found.message("fr")


def test_the_same_values_under_another_label_need_three_fifths(tmp_path: Path) -> None:
    rows = [["Association", "Remarque", "Courriel"], *[[a, b, c] for a, b, c in CONTACTS[1:]]]
    report = check(write(tmp_path / "remarques.csv", rows), plugins=pm())
    assert "person-names" not in {f.type for f in report.findings}


def test_a_register_names_its_applicants_surname_first(tmp_path: Path) -> None:
    """An urban-planning register lists its applicants as registers sort people, « Dupont Marie »: under a label
    naming people by their role, that order reads as a name too (elsewhere « Avenue Louise » would)."""
    applicants = ["Dupont Marie", "SPRL Bati-Plus", "Van den Berghe Luc", "Commune de Dinant", "Dubois Jean-Pierre",
                  "Martin Sophie", "Immo Condroz SA", "Lejeune Anne"]
    rows = [["Dossier", "Demandeur", "Objet"], *[[f"PU/{i:03d}", name, "Extension"] for i, name in enumerate(applicants)]]
    [found] = [f for f in check(write(tmp_path / "permis.csv", rows), plugins=pm()).findings if f.type == "person-names"]
    assert found.field_name == "Demandeur" and found.extra["names"] == 5 and found.extra["seen"] == 8
    assert is_person_name("Dupont Marie", surname_first=True) and not is_person_name("Dupont Marie")


def test_businesses_named_after_someone_are_no_applicants(tmp_path: Path) -> None:
    holders = ["Café Victor", "Friterie Chez Martine", "Pizzeria Mario", "Brasserie Louise", "Taverne Saint-Jean",
               "Snack Ali", "Boulangerie Dupont", "Hôtel Charles"]
    rows = [["Autorisation", "Titulaire", "Terrasse (m²)"], *[[f"T-{i}", name, "12"] for i, name in enumerate(holders)]]
    report = check(write(tmp_path / "terrasses.csv", rows), plugins=pm())
    assert "person-names" not in {f.type for f in report.findings}


# --- registers whose rows are people (``register_subjects``) -------------------------------------------------------

BENEFICIARIES = ["DUPONT Marie", "MARTIN Jean", "Lambert Sophie", "Van den Berghe Luc", "Marie-Claire Dubois"]


def test_a_register_names_its_people_under_their_role() -> None:
    labels = ["Bénéficiaire", "Adresse", "Montant"]
    samples = [BENEFICIARIES, ["Rue du Centre 1"] * 5, ["250"] * 5]
    assert register_subjects(labels, samples) == ["Bénéficiaire"]
    assert register_subjects(["Nom de l'élève", "Classe"], [BENEFICIARIES, ["3e"] * 5]) == ["Nom de l'élève"]


def test_names_that_are_not_the_registers_people_are_not_its_subject() -> None:
    associations = ["Les Amis de la Nature", "Royal Football Club", "Cercle horticole", "Patro de Leignon"]
    assert register_subjects(["Bénéficiaire"], [associations]) == []  # grants to associations
    assert register_subjects(["Bénéficiaire"], [[*associations, "Sophie Lambert"]]) == []  # one person among them
    assert register_subjects(["Bénéficiaire"], [[*associations[:2], *BENEFICIARIES[:2]]]) == ["Bénéficiaire"]
    assert register_subjects(["Nom", "GSM"], [BENEFICIARIES, ["0475 12 34 56"] * 5]) == []  # « Nom »: producers too
    assert register_subjects(["Personne de contact du bénéficiaire"], [BENEFICIARIES]) == []  # a contact
    assert register_subjects(["Association", "Membre"], [associations, BENEFICIARIES[:4]]) == []  # an association's
    assert register_subjects(["Bénéficiaire"], [["DUPONT Marie", "", "DUPONT Marie"]]) == []  # one name is no list
    assert register_subjects(["Membre du conseil communal", "GSM"], [BENEFICIARIES, ["0475 12 34 56"] * 5]) == []
    assert register_subjects(["Membre", "Fonction"], [BENEFICIARIES, ["Échevin"] * 5]) == []  # offices, by law


SUBSIDIES = [["Bénéficiaire", "Objet", "Montant (€)"], ["ASBL Les Amis du Patrimoine", "Fonctionnement", "1500"],
             ["Royal Football Club Cinacien", "Tournoi", "2500"], ["Jean Dupont", "Stage d'été", "300"],
             ["Cercle Horticole de Leignon", "Matériel", "450"], ["Marie Lambert", "Prime à la rénovation", "800"],
             ["Comité des fêtes de Chapois", "Fête du village", "700"]]


def test_a_few_people_among_the_beneficiaries_of_subsidies_are_said(tmp_path: Path) -> None:
    """A list of the subsidies a college granted names associations, and the people who received one (a young
    sportsman's stage, a renovation premium): their names are personal data, under the label of the beneficiaries."""
    report = check(write(tmp_path / "subsides.csv", SUBSIDIES), plugins=pm())
    [found] = [f for f in report.findings if f.type == "person-names"]
    assert found.field_name == "Bénéficiaire" and (found.extra["names"], found.extra["seen"]) == (2, 6)
    only_associations = [row for row in SUBSIDIES if row[0] not in ("Jean Dupont", "Marie Lambert")]
    report = check(write(tmp_path / "associations.csv", only_associations), plugins=pm())
    assert "person-names" not in {f.type for f in report.findings}


def test_the_names_of_the_dead_are_said_for_what_they_are(tmp_path: Path) -> None:
    """A cemetery's concessions name the dead beside their date of death: the warning said « Le RGPD protège un nom
    comme toute donnée personnelle », which the GDPR does not for the dead (as birth-dates knows); it now says what is
    at stake, the family's privacy for a recent death, and when such a list is published."""
    rows = [["Parcelle", "Défunt", "Date de décès"], ["A12", "Marcel Dupont", "2019-03-02"],
            ["B3", "Jeanne Lambert", "2021-11-15"], ["C7", "Louis Martin", "1998-06-30"]]
    [found] = [f for f in check(write(tmp_path / "concessions.csv", rows), plugins=pm()).findings
               if f.type == "person-names"]
    assert found.severity == "warning" and found.extra["deceased"] is True
    assert "ne protège pas les personnes décédées" in found.message("fr") and "RGPD protège" not in found.tip("fr")
    assert "concessions" in found.tip("fr") and "the GDPR does not protect the dead" in found.message("en")
    [living] = [f for f in check(write(tmp_path / "membres.csv", [["Membre"], *[[r[1]] for r in rows[1:]]]),
                                 plugins=pm()).findings if f.type == "person-names"]
    assert living.extra["deceased"] is False and "RGPD protège un nom" in living.tip("fr")
