"""Precision and recall of the ``personal-email`` blocking verdict on a labelled set of 325 addresses.

The set (``tests/data/personal-emails/labelled.csv``, written for these tests, names invented) holds
directories of associations, sports clubs and choirs at webmail providers, municipal services and
their named employees, a table of people and a mixed list of people and small businesses. Each
group becomes one CSV file shaped like a real export and goes through the real ``check``; a row is
« blocked » when it gets a ``personal-email`` error. Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from odwb_assist.checks.people import describes_people, people_columns
from odwb_assist.checks.personal_email import address_shape, row_evidence, verdict
from odwb_assist.core.findings import Severity
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import QualityReport, check

LABELLED = Path(__file__).resolve().parents[2] / "data" / "personal-emails" / "labelled.csv"
HEADERS = {
    "associations": ("Association", None, "E-mail"),
    "contacts": ("Association", "Personne de contact", "E-mail"),
    "sports": ("Club", "Discipline", "Adresse e-mail"),
    "services": ("Service", None, "Courriel"),
    "people": ("Prénom", "Nom", "E-mail"),
    "list": ("Nom", None, "E-mail"),
}


def _groups() -> dict[str, list[dict[str, str]]]:
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    with LABELLED.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            groups[row["table"]].append(row)
    return groups


def _check(tmp_path: Path, table: str, rows: list[dict[str, str]]) -> QualityReport:
    name, other, email = HEADERS[table]
    header = [name] + ([other] if other else []) + (["Date de naissance"] if table == "people" else []) + [email]
    path = tmp_path / f"{table}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        for row in rows:
            cells = [row["name"]] + ([row["other"]] if other else []) + (["2001-05-12"] if table == "people" else [])
            writer.writerow([*cells, row["address"]])
    return check(path, plugins=get_plugin_manager(load_entrypoints=False))


def test_labelled_set_precision_and_recall(tmp_path: Path) -> None:
    groups = _groups()
    assert sum(len(rows) for rows in groups.values()) >= 300
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "warned": 0, "warned_personal": 0}
    mistakes = []
    for table, rows in groups.items():
        report = _check(tmp_path, table, rows)
        errors = {f.row_number for f in report.findings if f.type == "personal-email"}
        assert all(f.severity is Severity.ERROR for f in report.findings if f.type == "personal-email")
        warned = {f.row_number for f in report.findings if f.type == "possible-personal-email"}
        assert all(f.severity is Severity.WARNING for f in report.findings if f.type == "possible-personal-email")
        for number, row in enumerate(rows, start=2):
            personal, blocked = row["personal"] == "1", number in errors
            key = ("tp" if personal else "fp") if blocked else ("fn" if personal else "tn")
            counts[key] += 1
            if number in warned:
                counts["warned"] += 1
                counts["warned_personal"] += personal
            if key in ("fp", "fn"):
                mistakes.append((key, table, row["address"], number in warned))
    precision = counts["tp"] / (counts["tp"] + counts["fp"])
    recall = counts["tp"] / (counts["tp"] + counts["fn"])
    flagged = (counts["tp"] + counts["warned_personal"]) / (counts["tp"] + counts["fn"])
    print(f"\npersonal-email on {sum(counts[k] for k in ('tp', 'fp', 'fn', 'tn'))} labelled addresses: "
          f"precision {precision:.1%}, recall {recall:.1%} (blocking); recall {flagged:.1%} counting warnings; "
          f"{counts}; mistakes (kind, table, address, warned): {mistakes}")
    assert precision >= 0.95, mistakes
    assert recall >= 0.80
    assert flagged >= 0.95


@pytest.mark.parametrize(("address", "shape"), [
    ("jean.dupont@gmail.com", "name"), ("dupont.jean@skynet.be", "name"), ("marie-claire.de.smet@namur.be", "name"),
    ("jean-dupont78@hotmail.com", "name"), ("j.dupont@gmail.com", "initial"), ("castors.jambes@gmail.com", "shape"),
    ("marie123@gmail.com", "first-name"), ("jeandupont@gmail.com", "joined"), ("lesmarsupilamis@gmail.com", None),
    ("chorale.stececile@skynet.be", "organisation"), ("tennisclubwavre@hotmail.com", "organisation"),
    ("info@ciney.be", "organisation"), ("secretariat.asbl@gmail.com", "organisation"), ("pas une adresse", None),
])
def test_address_shapes(address: str, shape: str | None) -> None:
    assert address_shape(address) == shape


def test_the_row_says_whose_address_it_is() -> None:
    assert row_evidence("lesmarsupilamis@gmail.com", ["Les Marsupilamis", "Namur"], False) == "organisation"
    assert row_evidence("mhubert@skynet.be", ["Cercle d'histoire", "Marc Hubert"], False) == "person"
    assert row_evidence("jules.destree@gmail.com", ["Athénée royal Jules Destrée"], False) == "organisation"
    assert row_evidence("dupont@gmail.com", ["Dupont"], True) is None
    assert verdict("lesmarsupilamis@gmail.com", lambda: ["Les Marsupilamis"], False) is None
    assert verdict("jean.dupont@gmail.com", lambda: ["Club de tennis"], False) == ("personal-email", "name")
    assert verdict("castors.jambes@gmail.com", lambda: [], False) == ("possible-personal-email", "shape")
    assert verdict("zozo5000@hotmail.com", lambda: ["Zoé", "Janssens"], True) == ("personal-email", "people")
    assert verdict("zozo5000@hotmail.com", lambda: [], False) is None  # a webmail domain alone is no evidence
    assert verdict("info@club.be", lambda: [], True) is None


def test_a_shop_named_after_its_owners_first_name_is_no_person() -> None:
    """A list of local shops: « Fleuriste Rose » writes from rose@fleuristerose.be, « Coiffure Léa » from
    lea@coiffurelea.be. The trade word says the name is a shop's; the address was a blocking personal-data error."""
    for address, shop in [("rose@fleuristerose.be", "Fleuriste Rose"), ("lea@coiffurelea.be", "Coiffure Léa"),
                          ("julie@patisseriejulie.be", "Pâtisserie Julie"), ("marc@optiquemarc.be", "Optique Marc")]:
        assert verdict(address, lambda shop=shop: [shop, "Rue du Commerce 12, 5590 Ciney"], False) is None, address
    assert verdict("rose.dubois@gmail.com", lambda: ["Rose Dubois", "Fleuriste"], False) == ("personal-email", "row")


@pytest.mark.parametrize(("labels", "people"), [
    (["nom", "prenom", "email"], ["prenom"]), (["Nom", "DateNaissance"], ["DateNaissance"]),
    (["rrn"], ["rrn"]), (["N° RRN du demandeur"], ["N° RRN du demandeur"]), (["numero_national"], ["numero_national"]),
    (["street_number_rrn", "street_name"], []), (["reconnaissance_dette"], []), (["nom", "service", "email"], []),
    (["Genre"], ["Genre"]), (["genre_litteraire"], []), (["date de naissance"], ["date de naissance"]),
    (["NISS"], ["NISS"]), (["first_name"], ["first_name"]), (["etat_civil"], ["etat_civil"]),
])
def test_people_labels_match_whole_words(labels: list[str], people: list[str]) -> None:
    assert people_columns(labels) == people
    assert describes_people(labels) is bool(people)


@pytest.mark.parametrize(("labels", "contacts"), [
    (["Horodateur", "Adresse e-mail", "Dans quelle commune habitez-vous ?", "Vos suggestions"], ["Adresse e-mail"]),
    (["Timestamp", "Email Address", "How did you hear of us?"], ["Email Address"]),
    (["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom", "Question 1"], ["Adresse de messagerie"]),
    (["Date de soumission", "Dernière page", "Courriel", "Êtes-vous satisfait ?"], ["Courriel"]),
    (["ID de la réponse", "Date de soumission", "Quel est votre âge ?", "Votre adresse e-mail (facultatif)"],
     ["Votre adresse e-mail (facultatif)"]),
    (["Horodateur", "Commune ?", "Adresse e-mail du service", "Mail"], ["Mail"]),  # a service's address is no respondent's
    (["Horodateur", "Service", "E-mail"], []),  # no question: a log of a service's mails, not a survey
    # Google Forms collecting addresses puts its respondent's right after the time, whatever the questions look like
    (["Horodateur", "Adresse e-mail", "Votre commune", "Note de satisfaction (1-5)", "Commentaire"], ["Adresse e-mail"]),
    (["Timestamp", "Email Address", "Rating"], ["Email Address"]), (["Tijdstempel", "E-mailadres", "Gemeente"],
                                                                     ["E-mailadres"]),
    (["Horodateur", "E-mail du service", "Commune"], []),  # a service's address, not a respondent's
    (["Date", "Adresse e-mail", "Commune ?"], []),  # « Date » alone is not the time of an answer
    (["Association", "Commune", "Horodateur", "Remarque ?", "Email"], []),  # the time of the answer comes first
])
def test_a_survey_export_describes_its_respondents(labels: list[str], contacts: list[str]) -> None:
    from odwb_assist.checks.people import survey_contacts

    assert survey_contacts(labels) == contacts
    assert describes_people(labels) is bool(contacts)


def test_each_respondent_address_of_a_survey_export_is_personal(tmp_path: Path) -> None:
    """Google Forms with « Collecter les adresses e-mail »: every address is a respondent's, whatever its shape
    (« zozo5000@hotmail.com » alone would be no evidence); an organisation's address stays one."""
    rows = [["Horodateur", "Adresse e-mail", "Dans quelle commune habitez-vous ?", "Vos suggestions"],
            ["15/03/2024 10:23:45", "jean.dupont@gmail.com", "Ciney", "Plus de parking"],
            ["15/03/2024 11:02:10", "zozo5000@hotmail.com", "Dinant", ""],
            ["15/03/2024 11:40:00", "p.collard@skynet.be", "Ciney", "Rien"],
            ["16/03/2024 09:12:31", "info@lesamisdubocq.be", "Yvoir", "Merci"]]
    path = tmp_path / "enquete.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    report = check(path, plugins=get_plugin_manager())
    personal = [f for f in report.findings if f.type in ("personal-email", "possible-personal-email")]
    assert [(f.type, f.row_number, f.extra["reason"]) for f in personal] == [
        ("personal-email", 2, "survey"), ("personal-email", 3, "survey"), ("personal-email", 4, "survey")]
    assert "(réponse à un formulaire)" in personal[0].message("fr")


def test_a_persons_address_among_two_in_a_cell_is_still_found() -> None:
    from odwb_assist.checks.personal_email import cell_verdict

    assert cell_verdict("info@lesamisdubocq.be / jean.dupont@gmail.com", lambda: ["Les Amis du Bocq"], False) == (
        "personal-email", "name", None)
    assert cell_verdict("info@club.be; secretariat@club.be", lambda: ["Club de tennis"], False) is None
    assert cell_verdict("castors.jambes@gmail.com, info@castors.be", lambda: [], False) == (
        "possible-personal-email", "shape", None)
