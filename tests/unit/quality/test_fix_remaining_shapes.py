"""The errors ``fix`` says its clean file still holds are exactly those a check of the clean file finds, on files
shaped like what administrations export: no error left unsaid (a green tick is a promise), none said for nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

PM = get_plugin_manager()  # with the Belgian plugin

SHAPES: dict[str, list[list[str]]] = {
    "stacked tables": [["Commune", "Population", "Superficie"], ["Namur", "112000", "175,7"],
                       ["Liège", "195000", "69,4"], [], ["Commune", "Naissances", "Décès"], ["Namur", "1200", "1100"],
                       ["Liège", "2300", "2100"]],
    "title, totals and notes": [["Subsides 2024", "", ""], ["Association", "Commune", "Montant"],
                                ["Les Amis du Bocq", "Yvoir", "1 250,50"], ["Cercle horticole", "Gesves", "800,00"],
                                ["Total", "", "2 050,50"], ["Source : service des finances", "", ""]],
    "people with their e-mails and phones": [["Nom", "Prénom", "Courriel", "Téléphone"],
                                             ["Dupont", "Jean", "jean.dupont@gmail.com", "0475 12 34 56"],
                                             ["Martin", "Marie", "marie.martin@skynet.be", "0476 22 33 44"],
                                             ["Lambert", "Luc", "luc.lambert@hotmail.com", "081 24 64 11"]],
    "unknown and retired codes": [["Commune", "Code INS", "Code postal"], ["Namur", "92094", "5000"],
                                  ["Les Bons Villers", "52075", "6210"], ["Nulle part", "99999", "9999"],
                                  ["Andenne", "92003", "B-5300"], ["Ciney", "9103", "5590"]],
    "a type error among integers": [["id", "ville", "pays"]] + [[str(n), f"Ville {n}", "BE"] for n in range(1, 9)]
    + [["x", "Tokio", "JP"]],
    "units in cells and placeholders": [["Parking", "Capacité", "Taux"], ["Gare", "12 places", "45,5"],
                                        ["Place", "8", "n.d."], ["École", "20", "60,0"], ["Église", "6", "-"]],
    "spreadsheet marks and pandas floats": [["Service", "Téléphone", "Code postal", "Année"],
                                            ["Population", "'081246411", "5000.0", "2024.0"],
                                            ["Travaux", '="081246412"', "", "2023.0"],
                                            ["Culture", "'081246413", "5100.0", "2022.0"]],
    "the header in Dutch under it": [["Commune", "Code postal", "Population"], ["Gemeente", "Postcode", "Inwoners"],
                                     ["Anderlecht", "1070", "121929"], ["Auderghem", "1160", "34628"],
                                     ["Etterbeek", "1040", "48367"], ["Evere", "1140", "42656"]],
    "ragged rows": [["Commune", "Population"], ["Namur", "113000", "note"], ["Andenne"], ["Ciney", "16500"]],
    "a formula and its quoted text": [["Nom", "Valeur"], ["a", "=SOMME(A1:A3)"], ["b", '="0470"'], ["c", "12"]],
}


# what stays to correct by hand in each (the others are fixed whole)
LEFT = {"stacked tables": ["stacked-tables"], "people with their e-mails and phones": ["be-phone-personal", "personal-email"],
        "unknown and retired codes": ["be-nis-invalid", "be-nis-unknown", "be-postal-unknown"]}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_errors_said_left_are_those_the_clean_file_holds(tmp_path: Path, shape: str) -> None:
    source = tmp_path / "source.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(SHAPES[shape])
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.written
    said = sorted({finding.type for finding in result.remaining})
    found = sorted({f.type for f in check(tmp_path / "propre.csv", plugins=PM).findings if f.severity == "error"})
    assert said == found == LEFT.get(shape, [])
