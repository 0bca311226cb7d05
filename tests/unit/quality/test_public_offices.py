"""Rows about a public office (a council's composition): their holders' addresses are said, not blocked."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from odwb_assist.checks.public_offices import function_columns, names_public_office
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


@pytest.mark.parametrize("cell", ["Bourgmestre", "Bourgmestre f.f.", "Échevine de l'Enseignement", "Échevin des Finances",
                                  "Conseillère communale", "Conseiller de l'action sociale", "Président du CPAS",
                                  "Présidente du Conseil communal", "Directeur général", "Directrice financière",
                                  "Receveur régional", "Députée provinciale", "Schepen van Financiën", "Bürgermeister",
                                  "Algemeen directeur", "Membre du Collège", "1er Échevin", "Première échevine",
                                  "2e échevin f.f.", "Eerste schepen", "Administratrice publique"])
def test_a_public_office(cell: str) -> None:
    assert names_public_office(cell)


@pytest.mark.parametrize("cell", ["Conseiller en prévention", "Président", "Présidente de l'ASBL", "Directrice de l'école",
                                  "Employée d'administration", "Secrétaire", "Membre", "Directeur", "",
                                  "Président du conseil d'administration", "Membre du conseil d'administration",
                                  "1er", "Premier secrétaire", "Administrateur", "Administrateur délégué",
                                  "Bourgmestre " + "x" * 90])
def test_not_a_public_office(cell: str) -> None:
    assert not names_public_office(cell)


def test_the_labels_that_name_a_function() -> None:
    assert function_columns(["Nom", "Fonction", "Mandat exercé", "Qualité", "Fonctionnement", "Functie"]) == [
        "Fonction", "Mandat exercé", "Qualité", "Functie"]


def _csv(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


def _found(report: object) -> dict[int, str]:
    return {f.row_number: f.type for f in report.findings if "email" in f.type}  # type: ignore[attr-defined]


def test_the_addresses_of_a_council_are_said_not_blocked(tmp_path: Path) -> None:
    rows = [["Nom", "Prénom", "Fonction", "E-mail"],
            ["Dupont", "Marie", "Bourgmestre", "marie.dupont@gembloux.be"],
            ["Lambert", "Jean", "Échevin des Finances", "jean.lambert@gembloux.be"],
            ["Leroy", "Pierre", "Conseiller communal", "pierre.leroy@gmail.com"],
            ["Simon", "Claire", "Directrice générale", "claire.simon@gembloux.be"],
            ["Renard", "Luc", "Employé d'administration", "luc.renard@gembloux.be"]]
    report = check(_csv(tmp_path / "conseil.csv", rows), plugins=PM)
    # the employee's address is still a person's: an error; the office holder's private address is a warning; the
    # addresses at the commune (a domain three office holders use, no free mail service's) are the offices'
    assert _found(report) == {4: "official-email", 6: "personal-email"}
    finding = next(f for f in report.findings if f.row_number == 4)
    assert finding.extra["office"] == "Conseiller communal" and finding.severity.value == "warning"
    assert "« Conseiller communal »" in finding.message("fr") and "not a private one" in finding.message("en")
    assert report.error_count == 1


def _council(domains: list[str]) -> list[list[str]]:
    offices = ["Bourgmestre", "Échevine de l'Enseignement", "Échevin des Finances", "Conseillère communale",
               "Président du CPAS", "Directeur général"]
    rows = [["Nom", "Prénom", "Fonction", "E-mail"]]
    for number, (office, domain) in enumerate(zip(offices, domains, strict=False)):
        first = ["marie", "anne", "luc", "julie", "pierre", "claire"][number]
        rows.append([f"Nom{number}", first.title(), office, f"{first}.nom{number}@{domain}"])
    return rows


def test_a_council_at_its_communes_domain_is_said_nothing(tmp_path: Path) -> None:
    """Every member's address at the commune, across chunks: nothing to check, nothing said."""
    rows = _council(["ville.namur.be"] * 6)
    report = check(_csv(tmp_path / "conseil.csv", rows), plugins=PM, chunk_rows=2)
    assert _found(report) == {} and report.warning_count == 0


def test_the_cpas_beside_the_commune_is_the_administrations(tmp_path: Path) -> None:
    """A college with the president of the CPAS at « cpas.namur.be », the others at « ville.namur.be »: the same
    administration's domain (was a warning on the president's address alone)."""
    rows = _council(["ville.namur.be"] * 4 + ["cpas.namur.be", "ville.namur.be"])
    assert _found(check(_csv(tmp_path / "conseil.csv", rows), plugins=PM)) == {}


@pytest.mark.parametrize("cpas", ["cpasciney.be", "cpas-ciney.be"])
def test_the_cpas_named_after_the_commune_is_the_administrations(tmp_path: Path, cpas: str) -> None:
    """The president of the CPAS at « cpasciney.be », the college at « ciney.be »: the CPAS's own domain, named after
    the commune (was a warning on the president's address alone)."""
    rows = _council(["ciney.be"] * 4 + [cpas, "ciney.be"])
    assert _found(check(_csv(tmp_path / "conseil.csv", rows), plugins=PM)) == {}


@pytest.mark.parametrize(("domains", "said"), [
    (["gmail.com"] * 6, {2, 3, 4, 5, 6, 7}),  # a free mail service, however many use it: private addresses
    (["ciney.be"] * 4 + ["cineyrando.be", "avocats-ciney.be"], {6, 7}),  # not a body named after the commune
    (["ville.namur.be"] * 3 + ["mail.skynet.be", "perso.namur-avocats.be"], {5, 6}),  # other families
    (["dupont-avocats.be", "dupont-avocats.be", "namur.be", "skynet.be"], {2, 3, 4, 5}),  # two are not enough
    (["namur.be", "namur.be", "namur.be", "telenet.be"], {5}),
])
def test_an_office_holders_address_elsewhere_is_still_said(tmp_path: Path, domains: list[str], said: set[int]) -> None:
    report = check(_csv(tmp_path / "conseil.csv", _council(domains)), plugins=PM)
    assert _found(report) == dict.fromkeys(said, "official-email")


def test_the_projects_domain_is_the_administrations(tmp_path: Path) -> None:
    """One office holder at the commune: the project's website names its domain (a sub-domain of it too)."""
    from types import SimpleNamespace

    from odwb_assist.checks.personal_email import administration_domains

    assert administration_domains("https://www.ciney.be/fr/vie-politique", "info@CINEY.be", "x@gmail.com", None,
                                  "ciney") == ("ciney.be",)
    rows = _council(["college.ciney.be", "gmail.com"])
    project = SimpleNamespace(administration=SimpleNamespace(nis_code="91030", name="Ville de Ciney",
                                                             website="https://www.ciney.be", contact_email=None))
    assert _found(check(_csv(tmp_path / "conseil.csv", rows), plugins=PM, project=project)) == {3: "official-email"}
    assert _found(check(_csv(tmp_path / "conseil.csv", rows), plugins=PM)) == {2: "official-email", 3: "official-email"}


def test_a_staff_list_stays_blocked(tmp_path: Path) -> None:
    rows = [["Nom", "Prénom", "Fonction", "E-mail"], ["Dupont", "Marie", "Conseillère en prévention", "marie.dupont@gembloux.be"],
            ["Lambert", "Jean", "Présidente de l'ASBL", "jean.lambert@gembloux.be"]]
    assert _found(check(_csv(tmp_path / "personnel.csv", rows), plugins=PM)) == {2: "personal-email", 3: "personal-email"}


def test_an_office_in_another_column_than_a_function_does_not_count(tmp_path: Path) -> None:
    rows = [["Nom", "Prénom", "Remarque", "E-mail"], ["Dupont", "Marie", "Bourgmestre", "marie.dupont@gembloux.be"]]
    assert _found(check(_csv(tmp_path / "liste.csv", rows), plugins=PM)) == {2: "personal-email"}
