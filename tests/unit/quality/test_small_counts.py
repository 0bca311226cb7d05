"""Counts of 1 to 4 people by street and by a personal trait (a CPAS's or a population service's table): a warning
that a neighbour knows who is meant, with how to group or mask them; counts of things, of wide areas, or all of five
and more are not said."""

from __future__ import annotations

from pathlib import Path

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

PM = get_plugin_manager(load_entrypoints=False)
STREETS = ["Rue Haute", "Rue du Centre", "Place Monseigneur Cardijn", "Rue des Tilleuls"]


def _table(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _said(path: Path) -> list:
    return [f for f in check(path, plugins=PM).findings if f.type == "small-counts"]


def test_people_by_street_and_nationality_are_said_once(tmp_path: Path) -> None:
    rows = [f"{street};{nation};{count}" for street in STREETS
            for nation, count in (("Belgique", 212), ("France", 7), ("Syrie", 2), ("Roumanie", 1))]
    report = check(_table(tmp_path / "population.csv", "Rue;Nationalité;Nombre", rows), plugins=PM)
    [found] = [f for f in report.findings if f.type == "small-counts"]
    assert (found.severity.value, found.field_name, found.count, found.row_number) == ("warning", "Nombre", 8, 4)
    assert found.extra["area"] == "Rue" and found.extra["traits"] == ["Nationalité"] and report.valid
    assert found.message("fr") == (
        "Colonne « Nombre » : 8 effectif(s) de 1 à 4 personnes (ex. ligne 4 : « 2 ») par « Rue » et par "
        "« Nationalité » : à cette finesse, un voisin sait de qui il s'agit, et ce que le tableau en dit devient une "
        "donnée personnelle (RGPD).")
    assert "by 'Rue' and by 'Nationalité'" in found.message("en") and "« <5 »" in found.tip("fr")


def test_beneficiaries_of_an_aid_by_street_are_said_without_a_trait(tmp_path: Path) -> None:
    rows = [f"{street};{count}" for street, count in zip(STREETS * 2, (1, 3, 2, 12, 4, 1, 8, 2), strict=True)]
    [found] = _said(_table(tmp_path / "ris.csv", "Nom de rue;Bénéficiaires du RIS", rows))
    assert found.count == 6 and "par « Nom de rue » :" in found.message("fr")


def test_an_age_counts_beside_people_not_beside_trees(tmp_path: Path) -> None:
    ages = ("0-17 ans", "18-64 ans", "65 ans et plus")
    people = [f"{street};{age};{count}" for street in STREETS for age, count in zip(ages, (3, 41, 2), strict=True)]
    assert [f.extra["traits"] for f in _said(_table(tmp_path / "habitants.csv", "Rue;Classe d'âge;Habitants",
                                                    people))] == [["Classe d'âge"]]
    trees = [f"{street};{age};{count}" for street in STREETS for age, count in zip(ages, (3, 1, 2), strict=True)]
    assert _said(_table(tmp_path / "arbres.csv", "Rue;Âge;Nombre", trees)) == []


def test_wide_areas_big_counts_and_counts_of_things_are_not_said(tmp_path: Path) -> None:
    communes = [f"{commune};{nation};{count}" for commune in ("Ciney", "Hamois", "Havelange")
                for nation, count in (("France", 3), ("Syrie", 1), ("Italie", 2))]
    assert _said(_table(tmp_path / "communes.csv", "Commune;Nationalité;Nombre", communes)) == []
    big = [f"{street};{nation};{count}" for street in STREETS for nation, count in (("France", 7), ("Syrie", 12))]
    assert _said(_table(tmp_path / "grands.csv", "Rue;Nationalité;Nombre", big)) == []
    permits = [f"{street};{kind};{count}" for street in STREETS for kind, count in (("Extension", 1), ("Abri", 2))]
    assert _said(_table(tmp_path / "permis.csv", "Rue;Type de permis;Nombre", permits)) == []


def test_a_genre_of_books_is_no_trait(tmp_path: Path) -> None:
    loans = [f"{street};{genre};{count}" for street in STREETS for genre, count in (("Roman", 3), ("BD", 1))]
    assert _said(_table(tmp_path / "prets.csv", "Rue;Genre;Nombre", loans)) == []
    people = [f"{street};{genre};{count}" for street in STREETS for genre, count in (("F", 3), ("M", 1))]
    assert len(_said(_table(tmp_path / "menages.csv", "Rue;Genre;Personnes", people))) == 1


def test_rows_of_people_hold_their_own_numbers_not_counts_by_street(tmp_path: Path) -> None:
    """A survey's answers (« Horodateur »), a register of people (« Date de naissance »): each row is one person, its
    « Nombre de personnes dans votre ménage » is theirs, not a count by area."""
    survey = ["2025/03/01 10:12:33;Centre;35-44 ans;3;Oui", "2025/03/01 11:02:10;Gare;65 ans et plus;1;Non",
              "2025/03/02 09:45:51;Centre;25-34 ans;2;Oui", "2025/03/02 14:20:05;Leignon;45-54 ans;4;Plutôt oui"]
    assert _said(_table(tmp_path / "enquete.csv", "Horodateur;Votre quartier;Votre âge;Nombre de personnes dans "
                        "votre ménage;Êtes-vous satisfait de la collecte ?", survey)) == []
    register = [f"{street};1987-05-0{n};Belge;{n}" for n, street in enumerate(STREETS, start=1)]
    assert _said(_table(tmp_path / "registre.csv", "Rue;Date de naissance;Nationalité;Nombre d'enfants",
                        register)) == []
