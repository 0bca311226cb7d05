"""``be-iban-personal``: bank accounts in a table whose rows are people (a list of beneficiaries with their first
names, a survey's answers) are personal data; an association's or a commune's account is not."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from odwb_assist_belgium.blockers import personal_data_blockers

from odwb_assist.core.plugins import get_plugin_manager

from .test_belgium_end_to_end import check

ACCOUNTS = ["BE71 0961 2345 6769", "BE62 5100 0754 7061"]  # valid Belgian IBANs (mod 97, national check, bank code)


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    return path


def said(path: Path) -> list[tuple[str, int | None, str | None, str]]:
    report = check(path, plugins=get_plugin_manager())
    return [(f.type, f.row_number, f.field_name, f.severity.value) for f in report.findings
            if f.type.startswith("be-iban")]


def test_the_accounts_of_people_are_personal_data_and_block(tmp_path: Path) -> None:
    path = write(tmp_path / "primes.csv", [["Nom", "Prénom", "IBAN", "Montant"],
                                          ["Dupont", "Marie", ACCOUNTS[0], "250"],
                                          ["Lambert", "Jean", ACCOUNTS[1], "300"]])
    assert said(path) == [("be-iban-personal", 2, "IBAN", "error"), ("be-iban-personal", 3, "IBAN", "error")]
    report = check(path, plugins=get_plugin_manager())
    [blocker] = personal_data_blockers(report.errors, report.fields)
    assert blocker.field_name == "IBAN" and "2 compte(s) bancaire(s) de personnes" in blocker.message("fr")


def test_a_surveys_accounts_are_personal_data(tmp_path: Path) -> None:
    path = write(tmp_path / "remboursements.csv", [
        ["Horodateur", "Quel stage avez-vous suivi ?", "Compte bancaire pour le remboursement"],
        ["15/03/2024 10:00:00", "Natation", ACCOUNTS[0]], ["16/03/2024 11:30:00", "Tennis", ACCOUNTS[1]]])
    assert [kind for kind, *_ in said(path)] == ["be-iban-personal", "be-iban-personal"]


def test_the_accounts_of_associations_are_not_said(tmp_path: Path) -> None:
    path = write(tmp_path / "subsides.csv", [["Association", "IBAN", "Montant"],
                                            ["Les Amis du Vieux Ciney", ACCOUNTS[0], "1500"],
                                            ["Cercle Horticole", ACCOUNTS[1], "800"]])
    assert said(path) == []


def test_an_account_typed_into_a_text_is_found_there() -> None:
    from odwb_assist_belgium.accounts_in_text import account_in_text

    assert account_in_text("remboursement sur BE71 0961 2345 6769 svp") == "BE71 0961 2345 6769"
    assert account_in_text("compte BE71096123456769 merci") == "BE71096123456769"
    assert account_in_text("BE71 0961 2345 6769") is None  # an account alone: an IBAN column's
    assert account_in_text("mon compte BE71 0961 2345 6760") is None  # wrong check digits
    # right check digits, a bank code (539) stdnum's list lacks: an account all the same
    assert account_in_text("virement sur BE68 5390 0754 7034 svp") == "BE68 5390 0754 7034"
    assert account_in_text("TVA BE 0475.123.420") is None  # an enterprise number


@pytest.mark.parametrize("account", ["BE71 0961 2345 6769", "FR76 3000 6000 0112 3456 7890 189"])
def test_an_account_typed_into_a_surveys_comment_is_personal_data(tmp_path: Path, account: str) -> None:
    """A Belgian respondent's account, or a cross-border one's."""
    path = write(tmp_path / "enquete.csv", [
        ["Horodateur", "Quel stage avez-vous suivi ?", "Remarques"],
        ["15/03/2024 10:00:00", "Natation", f"Remboursement sur {account} svp"],
        ["16/03/2024 11:30:00", "Tennis", "Très bien"]])
    report = check(path, plugins=get_plugin_manager())
    assert [(f.type, f.row_number, f.extra.get("number")) for f in report.findings
            if f.type == "be-iban-in-text-personal"] == [("be-iban-in-text-personal", 2, account)]
    [blocker] = personal_data_blockers(report.errors, report.fields)
    assert blocker.field_name == "Remarques"


def test_an_associations_account_in_a_remark_is_not_said(tmp_path: Path) -> None:
    path = write(tmp_path / "subsides.csv", [["Association", "Montant", "Remarques"],
                                            ["Cercle Horticole", "800", "Versé sur BE71 0961 2345 6769 le 3 mai"]])
    assert said(path) == [] and not [f for f in check(path, plugins=get_plugin_manager()).findings
                                     if f.type == "be-iban-in-text-personal"]


FOREIGN = {"FR76 3000 6000 0112 3456 7890 189": "FR", "NL91 ABNA 0417 1643 00": "NL",
           "LU28 0019 4006 4475 0000": "LU", "DE89 3704 0044 0532 0130 00": "DE"}  # valid, each of its country's length


@pytest.mark.parametrize("account", list(FOREIGN))
def test_another_countrys_account_typed_into_a_text_is_found_too(account: str) -> None:
    """A cross-border respondent's account (France, the Netherlands, Luxembourg, Germany), followed by a word or not."""
    from odwb_assist_belgium.accounts_in_text import account_in_text

    assert account_in_text(f"remboursement sur {account} merci") == account
    assert account_in_text(f"remboursement sur {account.upper()} MERCI") == account  # the word is not a group
    assert account_in_text(f"compte {account.replace(' ', '')}, au nom de ma fille") == account.replace(" ", "")
    assert account_in_text(account) is None  # an account alone: an IBAN column's


def test_what_only_looks_like_another_countrys_account_is_not_found() -> None:
    from odwb_assist_belgium.accounts_in_text import account_in_text

    assert account_in_text("réf. FR76 3000 6000 0112 3456 7890 188 erronée") is None  # wrong check digits
    assert account_in_text("code AB12 3456 7890 1234 5678 ici") is None  # no such country
    assert account_in_text("article FR76 3000 6000 en stock") is None  # too short for France
