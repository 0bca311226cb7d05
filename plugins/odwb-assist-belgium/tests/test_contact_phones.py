"""``be-phone-contact``: a mobile number on the row of a person named as a contact, in a directory of associations."""

from __future__ import annotations

from pathlib import Path

import pytest
from odwb_assist_belgium.contact_phones import holds_mobile

from odwb_assist.core.plugins import get_plugin_manager

from .test_belgium_end_to_end import check

HEADER = "Association;Objet;Personne de contact;GSM;E-mail;Localité\n"


def directory(tmp_path: Path, lines: list[str], header: str = HEADER) -> Path:
    path = tmp_path / "associations.csv"
    path.write_bytes((header + "\n".join(lines) + "\n").encode("cp1252"))
    return path


def said(path: Path) -> list[tuple[int, str, str]]:
    report = check(path, plugins=get_plugin_manager())
    return [(f.row_number, f.field_name, f.cell) for f in report.findings if f.type == "be-phone-contact"]


def test_a_mobile_beside_a_contact_person_is_said_as_a_warning(tmp_path):
    path = directory(tmp_path, [
        "Les Amis du Vieux Ciney;Patrimoine;Jean Dupont;0475 12 34 56;amisvieuxciney@gmail.com;Ciney",
        "Cercle Horticole;Jardinage;Marie Lambert;0486/23.45.67;cercle.horticole@skynet.be;Ciney",
        "Royal Football Club;Sport;Paul Martin;+32 497 11 22 33;rfc.ciney@outlook.com;Ciney",
    ])
    report = check(path, plugins=get_plugin_manager())
    found = [f for f in report.findings if f.type == "be-phone-contact"]
    assert [(f.row_number, f.field_name, f.cell) for f in found] == [
        (2, "GSM", "0475 12 34 56"), (3, "GSM", "0486/23.45.67"), (4, "GSM", "+32 497 11 22 33")]
    assert {f.severity.value for f in found} == {"warning"} and report.valid  # said, never blocked
    assert found[0].message("fr") == ("Numéro de GSM « 0475 12 34 56 » à côté du nom « Jean Dupont » (colonne "
                                      "« Personne de contact ») : sans doute le numéro privé de cette personne, une "
                                      "donnée personnelle.")
    assert "Mobile number '0475 12 34 56' next to the name 'Jean Dupont'" in found[0].message("en")
    assert found[0].extra["person"] == "Jean Dupont" and found[0].extra["label"] == "Personne de contact"


def test_fixed_lines_services_and_empty_contacts_are_not_said(tmp_path):
    """The association's seat (a fixed line), a service in the contact column, no contact at all: nothing said."""
    path = directory(tmp_path, [
        "Les Amis du Vieux Ciney;Patrimoine;Jean Dupont;083 21 45 67;;Ciney",
        "Cercle Horticole;Jardinage;Secrétariat;0486 23 45 67;;Ciney",
        "Royal Football Club;Sport;;0497 11 22 33;;Ciney",
        "Chorale Sainte-Cécile;Musique;Accueil de la salle;0472 98 76 54;;Ciney",
    ])
    assert said(path) == []


def test_a_labelled_number_and_a_mobile_among_two_numbers_are_read(tmp_path):
    path = directory(tmp_path, [
        "Les Amis du Vieux Ciney;Patrimoine;Jean Dupont;GSM : 0475 12 34 56;;Ciney",
        "Cercle Horticole;Jardinage;Marie Lambert;083 21 45 67 - 0486 23 45 67;;Ciney",
        "Royal Football Club;Sport;Paul Martin;083 21 99 00 / 083 21 99 01;;Ciney",
    ])
    assert [row for row, _, _ in said(path)] == [2, 3]


@pytest.mark.parametrize(("cell", "mobile"), [
    ("0475 12 34 56", True), ("0475/12.34.56", True), ("+32 (0)475 12 34 56", True), ("0032475123456", True),
    ("0475 12 34 56 (ext. 12)", True), ("GSM. 0499 88 77 66", True), ("0486 23 45 67 (après 18h)", True),
    ("081 24 64 11", False), ("+33 6 12 34 56 78", False),
    ("0800 12 345", False), ("475123456", False), ("", False), ("n.c.", False),
])
def test_what_a_mobile_number_is(cell, mobile):
    assert holds_mobile(cell) is mobile


def test_a_table_of_people_keeps_its_own_verdict(tmp_path):
    """Rows that are people (a first-name column): every number is ``be-phone-personal``, an error; not said twice."""
    path = directory(tmp_path, ["Dupont;Jean;Responsable;0475 12 34 56"], header="Nom;Prénom;Responsable;GSM\n")
    report = check(path, plugins=get_plugin_manager())
    assert [f.type for f in report.findings if f.source == "belgium"] == ["be-phone-personal"]


def test_a_public_office_holder_s_number_is_not_a_contact_person_s(tmp_path):
    path = directory(tmp_path, ["Dupont Marie;Bourgmestre;0475 12 34 56", "Jean Lambert;Bénévole;0486 23 45 67"],
                     header="Personne de contact;Fonction;GSM\n")
    assert [row for row, _, _ in said(path)] == [3]


def test_the_warning_is_named_in_the_report_and_blocks_nothing(tmp_path, cli):
    from odwb_assist_belgium.blockers import personal_data_blockers

    path = directory(tmp_path, ["Les Amis du Vieux Ciney;Patrimoine;Jean Dupont;0475 12 34 56;;Ciney",
                                "Cercle Horticole;Jardinage;Marie Lambert;0486 23 45 67;;Ciney"])
    report = check(path, plugins=get_plugin_manager())
    assert personal_data_blockers(report.findings, report.fields) == []
    code, out, _ = cli("check", path)
    assert code == 0 and "Numéros de GSM de personnes de contact — avertissement × 2" in out
    code, out, _ = cli("--lang", "en", "check", path)
    assert "Mobile numbers of contact persons" in out
