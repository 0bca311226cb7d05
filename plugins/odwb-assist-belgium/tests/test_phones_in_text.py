"""``be-phone-in-text``: a Belgian mobile number typed into a free text (a remark, a survey's comment), which the phone
column's checks never read; an error that blocks publication where the rows are people (a survey tool's export, a
table with first names or birth dates), a warning elsewhere."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from odwb_assist_belgium.blockers import personal_data_blockers
from odwb_assist_belgium.phones_in_text import mobile_in_text

from odwb_assist.core.plugins import get_plugin_manager

from .test_belgium_end_to_end import check

KINDS = ("be-phone-in-text", "be-phone-in-text-personal")


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


def said(path: Path) -> list[tuple[str, int | None, str | None, object, str]]:
    report = check(path, plugins=get_plugin_manager())
    return [(f.type, f.row_number, f.field_name, f.extra.get("number"), f.severity.value)
            for f in report.findings if f.type in KINDS]


def survey(comments: list[str]) -> list[list[str]]:
    """A Google Forms export whose e-mail column was deleted before publishing: the comments remain."""
    rows = [["Horodateur", "Quel est votre quartier ?", "Note (1 à 5)", "Commentaires"]]
    for number, comment in enumerate(comments):
        rows.append([f"{number % 28 + 1:02d}/03/2024 10:{number:02d}:00", "Jambes", str(number % 5 + 1), comment])
    return rows


@pytest.mark.parametrize(("text", "number"), [
    ("Contactez-moi au 0475 12 34 56", "0475 12 34 56"),
    ("GSM : 0475/12.34.56 après 18h", "0475/12.34.56"),
    ("Tél +32 475 12 34 56 (soir)", "+32 475 12 34 56"),
    ("tél +32 (0)475 12 34 56", "+32 (0)475 12 34 56"),
    ("appeler le 0032475123456 svp", "0032475123456"),
    ("GSM0475123456 joignable", "0475123456"),
    ("Le 0471234567 ne répond pas, essayer le 0476 11 22 33", "0471234567"),
])
def test_a_mobile_number_inside_a_text_is_found_as_it_is_typed(text: str, number: str) -> None:
    assert mobile_in_text(text) == number


@pytest.mark.parametrize("text", [
    "0475 12 34 56",  # a number alone: a phone column's, judged there
    "Réservations au 081 24 63 00",  # a fixed line
    "IBAN BE04 7123 4567 8901 merci",  # a bank account
    "TVA BE 0475.123.456", "numéro d'entreprise 0475123456", "BCE : 0475 123 456",  # the company register's
    "Asbl n° 0475.123.420 à Namur",  # written as the register writes it, with its check digits
    "le 04/07/2024 15:30 au local", "Dossier 0412.345.678", "Commande 04751234567 livrée",
    # the decimals of a coordinate in a GIS export (WKT in WGS 84 degrees): « 5.04537546 50.37 » holds no phone
    "POLYGON ((5.04537546 50.37273251, 5.04541187 50.37280002, 5.04537546 50.37273251))",
    "Point relevé : 4,04971234 50,47", "surface 12.0475123456 ha",
    # a database's identifiers: UUIDs, a hash
    "8b1c8329-0483-4963-83ea-7d7ff7db0951", "c538e10f-e44f-4628-8a04-52818359ab37",
    "ba045796-3307-40b6-9155-4f3759589374", "Demande 8B1C8329-0483-4963-83EA-7D7FF7DB0951 traitée",
    "sha1 fe0475123456ab0c0475123456d9e8f7a6b5c4d3",
])
def test_what_is_no_mobile_number_in_a_text(text: str) -> None:
    assert mobile_in_text(text) is None


def test_a_list_of_mobile_numbers_without_spaces_still_names_the_first() -> None:
    assert mobile_in_text("GSM 0475123456,0476123456") == "0475123456"


def test_a_mobile_number_beside_an_identifier_is_still_found() -> None:
    assert mobile_in_text("Dossier 8b1c8329-0483-4963-83ea-7d7ff7db0951 : rappeler au 0497 11 22 33") == "0497 11 22 33"
    far = "Demande introduite par le guichet en ligne de la commune, référence "  # the UUID 60 characters in
    assert mobile_in_text(far + "8b1c8329-0483-4963-83ea-7d7ff7db0951") is None
    assert mobile_in_text(far + "8b1c8329-0483-4963-83ea-7d7ff7db0951, GSM 0497 11 22 33") == "0497 11 22 33"


def test_the_outlines_of_a_gis_export_hold_no_phone_number(tmp_path: Path) -> None:
    """Parcels exported from a GIS with their owners (rows that are people): the decimals of a coordinate that start
    with 04 (« 5.04537546 50.37… », eight decimals) are no mobile number; a phone in the remarks still is."""
    rows = [["Parcelle", "Propriétaire", "Date de naissance", "Remarques", "geo_shape"]]
    for number in range(40):
        lon, lat = f"5.0{4537546 + number * 1013}", f"50.{37273251 + number * 977}"
        ring = ", ".join([f"{lon} {lat}", f"5.04541187 {lat}", "5.04541187 50.37280002", f"{lon} {lat}"])
        rows.append([f"92094A{1000 + number}/02", f"Propriétaire {number}", "15/03/1957",
                     "Appelez le 0486 23 45 67" if number == 7 else "", f"POLYGON (({ring}))"])
    assert said(write(tmp_path / "parcelles.csv", rows)) == [
        ("be-phone-in-text-personal", 9, "Remarques", "0486 23 45 67", "error")]


def test_a_surveys_comment_with_a_mobile_number_is_personal_data_and_blocks(tmp_path: Path) -> None:
    path = write(tmp_path / "enquete.csv", survey(["Très bien", "Contactez-moi au 0475 12 34 56", "", "Plus de bancs",
                                                   "Mon GSM : 0486/23.45.67, le soir", "Appelez le 081 24 63 00"]))
    assert said(path) == [("be-phone-in-text-personal", 3, "Commentaires", "0475 12 34 56", "error"),
                          ("be-phone-in-text-personal", 6, "Commentaires", "0486/23.45.67", "error")]
    report = check(path, plugins=get_plugin_manager())
    finding = next(f for f in report.findings if f.type == "be-phone-in-text-personal")
    assert finding.message("fr").startswith("Un numéro de GSM, « 0475 12 34 56 », est écrit dans le texte de la "
                                            "colonne « Commentaires », dans un tableau dont les lignes sont des personnes")
    assert finding.cell == "Contactez-moi au 0475 12 34 56" and not report.valid
    [blocker] = personal_data_blockers(report.errors, report.fields)
    assert blocker.field_name == "Commentaires" and "numéro(s) de GSM de personnes dans un texte" in blocker.message("fr")


def test_an_associations_remark_with_a_mobile_number_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "associations.csv", [
        ["Association", "Objet", "Téléphone", "Remarques"],
        ["Les Amis du Vieux Ciney", "Patrimoine", "083 21 44 55", "Visites le dimanche ; réservation au 0497 11 22 33"],
        ["Cercle Horticole", "Jardinage", "083 21 66 77", "Bourse aux plantes en mai"],
        ["Royal Football Club", "Sport", "0475 12 34 56", "Buvette ouverte le samedi"]])  # a phone column: not here
    assert said(path) == [("be-phone-in-text", 2, "Remarques", "0497 11 22 33", "warning")]
    assert check(path, plugins=get_plugin_manager()).valid


def test_the_number_of_a_public_office_in_a_text_is_the_offices(tmp_path: Path) -> None:
    path = write(tmp_path / "college.csv", [
        ["Nom", "Fonction", "Remarques"],
        ["Jean Dupont", "Bourgmestre", "Permanence le lundi, GSM 0475 12 34 56"],
        ["Marie Lambert", "Bénévole", "Joignable au 0486 23 45 67"]])
    assert said(path) == [("be-phone-in-text", 3, "Remarques", "0486 23 45 67", "warning")]


def test_lifting_the_personal_data_blocker_is_not_undone_by_the_quality_errors(tmp_path: Path) -> None:
    """A mobile number in a survey's comment and a date of birth stop the publication with a ``personal-data``
    blocker per column; once it is lifted with a justification, ``invalid-file`` does not count them again."""
    from odwb_assist.publish.core_blockers import _invalid_file, without_double_counts

    rows = survey(["Contactez-moi au 0475 12 34 56", "Très bien"])
    rows[0].append("Date de naissance")
    for row, born in zip(rows[1:], ["15/03/1987", "02/11/1990"], strict=True):
        row.append(born)
    report = check(write(tmp_path / "enquete.csv", rows), plugins=get_plugin_manager())
    blockers = personal_data_blockers(report.errors, report.fields)
    assert sorted(str(b.field_name) for b in blockers) == ["Commentaires", "Date de naissance"]
    births = next(b for b in blockers if b.field_name == "Date de naissance")  # one finding for the whole column
    assert "2 date(s) de naissance de personnes (lignes 2, 3)" in births.message("fr")
    assert _invalid_file(report)  # the errors alone would refuse the file
    assert [b.code for b in without_double_counts([*blockers, *_invalid_file(report)], report)] == [
        "personal-data", "personal-data"]


def test_a_surveys_phone_column_is_personal_data_without_an_email_column(tmp_path: Path) -> None:
    """The rows of a survey tool's export are people, whether or not it kept their address (``describes_people``)."""
    rows = [["Horodateur", "Quel est votre quartier ?", "Votre numéro de GSM"],
            ["15/03/2024 10:00:00", "Jambes", "0475 12 34 56"], ["16/03/2024 11:30:00", "Bouge", "0486/23.45.67"]]
    report = check(write(tmp_path / "enquete.csv", rows), plugins=get_plugin_manager())
    assert [(f.type, f.row_number) for f in report.findings if f.type.startswith("be-phone")] == [
        ("be-phone-personal", 2), ("be-phone-personal", 3)]


def test_a_survey_of_associations_is_not_a_table_of_people(tmp_path: Path) -> None:
    """Associations answering a commune's form: their club's number is no person's (a warning, not a block)."""
    rows = [["Horodateur", "Nom de l'association", "Téléphone du club", "Remarques"],
            ["15/03/2024 10:00:00", "Tennis Club Jambes", "081 22 33 44", "Contact : 0475 12 34 56 (président)"]]
    report = check(write(tmp_path / "associations.csv", rows), plugins=get_plugin_manager())
    assert [(f.type, f.severity.value) for f in report.findings if f.type.startswith("be-phone")] == [
        ("be-phone-in-text", "warning")]


def test_a_long_text_is_read_again_not_kept_as_a_cache_key() -> None:
    """Verdicts on short texts are kept; a long one (a remark, a shape of 1.4 kB) is read each time it comes, so that
    a column of them never fills the cache with its texts."""
    from odwb_assist_belgium.findings import CACHED_TEXT, text_cache

    calls: list[str] = []

    @text_cache
    def length(text: str) -> int:
        calls.append(text)
        return len(text)

    short, long = "Appelez le 0475 12 34 56", "0475 12 34 56 " * (CACHED_TEXT // 10)
    assert [length(short), length(short), length(long), length(long)] == [len(short)] * 2 + [len(long)] * 2
    assert calls == [short, long, long]
