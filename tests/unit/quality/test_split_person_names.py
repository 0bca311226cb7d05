"""People named over two columns, « Nom » and « Prénom »: a staff list with each agent's salary had a green tick and
no word of personal data (the names check reads a column of whole names, « Marie Dupont »)."""

from __future__ import annotations

from pathlib import Path

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

PM = get_plugin_manager(load_entrypoints=False)


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_staff_list_with_names_and_first_names_is_said_once(tmp_path: Path) -> None:
    source = _csv(tmp_path / "personnel.csv", [
        "Nom;Prénom;Service;Fonction;Traitement annuel brut", "Dupont;Marie;Population;Employée d'administration;38250",
        "Lambert;Jean;Travaux;Ouvrier qualifié;33120", "Martin;Sophie;Finances;Cheffe de bureau;52340",
        "Van den Berghe;Luc;Urbanisme;Attaché spécifique;49870"])
    (found,) = [f for f in check(source, plugins=PM).findings if f.type == "person-names"]
    assert found.field_name == "Nom" and found.extra["columns"] == ["Nom", "Prénom"]
    assert found.severity.value == "warning"
    assert found.message("fr").startswith("Colonnes « Nom » et « Prénom » : des noms et prénoms de personnes (ex. "
                                          "« Dupont », « Lambert », « Martin » ; « Marie », « Jean », « Sophie »)")
    assert "people's names and first names" in found.message("en")


def test_a_college_and_other_lists_are_not_said(tmp_path: Path) -> None:
    """Public offices (published by law), an association's name beside its president's first name, first names that
    are no first names: nothing."""
    college = _csv(tmp_path / "college.csv", [
        "Fonction;Nom;Prénom;Parti", "Bourgmestre;Lambert;Jean-Marie;MR", "1er Échevin;Dubois;Catherine;Les Engagés",
        "Échevine des Finances;Lejeune;Sophie;PS", "Président du CPAS;Renard;Marc;MR"])
    clubs = _csv(tmp_path / "clubs.csv", [
        "Nom;Prénom du président;Localité", "Les Amis du Rail;Marie;Ciney", "Chorale Sainte-Cécile;Jean;Leignon",
        "Club de pétanque;Sophie;Ciney"])
    codes = _csv(tmp_path / "codes.csv", ["Nom;Prénom;Valeur", "Alpha;X1;1", "Beta;Y2;2", "Gamma;Z3;3"])
    for source in (college, clubs, codes):
        assert not [f for f in check(source, plugins=PM).findings if f.type == "person-names"], source.name
