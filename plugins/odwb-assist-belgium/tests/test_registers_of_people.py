"""A register whose rows are people named under their role (« Bénéficiaire », « Élève », « Membre »), without a
first-name or birth-date column: a CPAS's list of beneficiaries, a school's pupils. Their phones, home addresses and
bank accounts are personal data, as in a table with first names; a register of grants to associations, or of
associations with their contact person, is not one."""

from __future__ import annotations

import csv
from pathlib import Path

from odwb_assist_belgium.blockers import personal_data_blockers
from openpyxl import Workbook

from odwb_assist.core.plugins import get_plugin_manager

from .test_belgium_end_to_end import check

ACCOUNTS = ["BE71 0961 2345 6769", "BE62 5100 0754 7061"]  # valid Belgian IBANs
PEOPLE = ["DUPONT Marie", "MARTIN Jean", "LAMBERT Sophie", "SIMON Luc", "DUBOIS Anne", "LECLERCQ Pierre"]
MOBILES = ["0475 12 34 56", "0486 23 45 67", "0497 11 22 33", "0472 98 76 54", "0478 55 66 77", "0491 44 33 22"]
HOMES = ["Rue des Écoles 12", "Rue de la Gare 3", "Chaussée de Namur 45", "Rue du Centre 8", "Place Cardijn 2",
         "Rue Saint-Roch 17"]
ASSOCIATIONS = ["Les Amis de la Nature", "Royal Football Club Ciney", "Comité des fêtes de Leignon",
                "Cercle horticole de Ciney", "Harmonie royale Sainte-Cécile", "Patro de Chevetogne"]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


def errors(path: Path) -> dict[str, set[str]]:
    """The error types said, with their columns."""
    report = check(path, plugins=get_plugin_manager())
    found: dict[str, set[str]] = {}
    for finding in report.errors:
        found.setdefault(finding.type, set()).add(str(finding.field_name))
    return found


def beneficiaries(rows: int = 6) -> list[list[str]]:
    """A CPAS's register of aid: the beneficiary as registers write people, surname first."""
    return [["Bénéficiaire", "Adresse", "GSM", "Compte", "Montant"],
            *[[PEOPLE[i], HOMES[i], MOBILES[i], ACCOUNTS[i % 2], str(150 + 25 * i)] for i in range(rows)]]


def test_a_register_of_beneficiaries_is_people_and_blocks(tmp_path: Path) -> None:
    found = errors(write(tmp_path / "aides.csv", beneficiaries()))
    assert found == {"be-phone-personal": {"GSM"}, "home-addresses": {"Adresse"}, "be-iban-personal": {"Compte"}}
    report = check(tmp_path / "aides.csv", plugins=get_plugin_manager())
    assert {blocker.field_name for blocker in personal_data_blockers(report.errors, report.fields)} == \
        {"GSM", "Adresse", "Compte"}


def test_pupils_and_members_named_first_name_first_are_people_too(tmp_path: Path) -> None:
    names = ["Marie Dupont", "Jean Martin", "Sophie Lambert", "Luc Simon"]
    pupils = write(tmp_path / "eleves.csv", [["Élève", "Classe", "Téléphone des parents"],
                                             *[[names[i], "3e B", MOBILES[i]] for i in range(4)]])
    assert errors(pupils) == {"be-phone-personal": {"Téléphone des parents"}}
    members = write(tmp_path / "membres.csv", [["Membre", "Domicile", "Cotisation"],
                                               *[[names[i], HOMES[i], "25"] for i in range(4)]])
    assert errors(members) == {"home-addresses": {"Domicile"}}


def test_a_register_of_grants_to_associations_is_not_people(tmp_path: Path) -> None:
    grants = write(tmp_path / "subsides.csv", [["Bénéficiaire", "Adresse", "GSM", "Compte", "Montant"],
                                               *[[ASSOCIATIONS[i], HOMES[i], MOBILES[i], ACCOUNTS[i % 2], "500"]
                                                 for i in range(6)]])
    assert errors(grants) == {}


def test_a_grant_to_one_person_among_associations_does_not_make_the_rows_people(tmp_path: Path) -> None:
    rows = [[ASSOCIATIONS[i], MOBILES[i], "500"] for i in range(6)]
    rows += [["Sophie Lambert", "0470 00 00 01", "500"]]
    rows += [[f"Club de pétanque n° {i}", f"081 22 33 4{i}", "300"] for i in range(3)]
    assert errors(write(tmp_path / "subsides.csv", [["Bénéficiaire", "Téléphone", "Montant"], *rows])) == {}


def test_associations_with_their_members_named_are_associations(tmp_path: Path) -> None:
    """An organisation's label (« Association »): the rows are associations, their members' names said as names."""
    path = write(tmp_path / "comites.csv", [["Association", "Membre du comité", "GSM"],
                                            *[[ASSOCIATIONS[i], PEOPLE[i], MOBILES[i]] for i in range(4)]])
    report = check(path, plugins=get_plugin_manager())
    assert report.errors == []
    assert {(f.type, f.field_name) for f in report.findings} == {("person-names", "Membre du comité")}


def test_a_beneficiarys_contact_person_does_not_make_the_rows_people(tmp_path: Path) -> None:
    path = write(tmp_path / "projets.csv", [["Projet", "Personne de contact du bénéficiaire", "GSM"],
                                            *[[f"Projet {i}", PEOPLE[i], MOBILES[i]] for i in range(4)]])
    assert errors(path) == {}


def test_a_workbook_register_of_beneficiaries_is_people_too(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    for row in beneficiaries(4):
        sheet.append([int(cell) if cell.isdigit() else cell for cell in row])
    book.save(tmp_path / "aides.xlsx")
    assert errors(tmp_path / "aides.xlsx") == {"be-phone-personal": {"GSM"}, "home-addresses": {"Adresse"},
                                               "be-iban-personal": {"Compte"}}
