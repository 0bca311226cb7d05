"""A column the check reports for its decimal commas, which `fix` leaves since too few of its values are numbers:
the preview says so, with the first value that is no number, in both paths of `fix` (nothing silent)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from odwb_assist.checks.fix_stats import LeftAsIs
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)

# a CPAS budget whose changes are not all decided yet: words among the amounts (amounts in parentheses, as
# Excel's accounting format writes negatives, are read as numbers: test_fix_display_numbers.py)
BUDGET = [
    ["Article", "Libellé", "Budget initial", "Modification"],
    ["831/111-01", "Traitements du personnel", "1 250 000,00", "21 333,16"],
    ["831/123-13", "Frais de chauffage", "84 500,00", "à confirmer"],
    ["831/125-06", "Entretien des bâtiments", "36 210,50", "4 980,00"],
    ["831/333-01", "Aide sociale – RIS", "2 410 000,00", "voir annexe"],
    ["831/126-01", "Loyers", "18 600,00", "1 109,94"],
]


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


def test_the_check_points_to_fix_and_fix_says_why_it_left_the_column(tmp_path: Path) -> None:
    source = write(tmp_path / "budget.csv", BUDGET)
    found = [f for f in check(source, plugins=PM).findings if f.type == "decimal-comma"]
    assert {f.field_name for f in found} == {"Budget initial", "Modification"}
    # the tip promises the fix only as far as it goes: the share of numbers it needs is said there
    assert all("qui le fait quand 80 % au moins des valeurs de la colonne sont des nombres" in f.tip("fr")
               for f in found)
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.left_as_is == [LeftAsIs("Modification", 3, 5, (3, "à confirmer"))]
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle))
    assert [row[2] for row in written[1:]] == ["1250000.00", "84500.00", "36210.50", "2410000.00", "18600.00"]
    assert [row[3] for row in written[1:]] == ["21 333,16", "à confirmer", "4 980,00", "voir annexe", "1 109,94"]
    text = result.preview("fr")
    assert "Laissé tel quel :" in text
    assert ("Colonne « Modification » : 3 valeurs sur 5 sont des nombres ; fix ne convertit une colonne que si "
            "80 % au moins en sont. Corrigez les autres valeurs (ex. ligne 3 : « à confirmer »)") in text
    assert "Column 'Modification': 3 of 5 values are numbers" in result.preview("en")
    assert json.loads(json.dumps(result.to_dict()))["leftAsIs"] == [
        {"fieldName": "Modification", "numbers": 3, "filled": 5, "reason": "share",
         "example": {"rowNumber": 3, "cell": "à confirmer"}}]


def test_the_whole_table_path_says_the_same(tmp_path: Path) -> None:
    rows = [BUDGET[0], ["2024", "", "", ""], *BUDGET[1:], ["2025", "", "", ""], *BUDGET[1:]]  # sections: read whole
    source = write(tmp_path / "budget-par-annee.csv", rows)
    assert check(source, plugins=PM).stats.get("section-row")
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.counts.get("sections-to-column")  # the table was read whole, the sections made a column
    assert result.left_as_is == [LeftAsIs("Modification", 6, 10, (4, "à confirmer"))]


def test_a_text_column_with_one_number_is_said_to_be_text(tmp_path: Path) -> None:
    rows = [["Dossier", "Remarques", "Montant"]] + [[f"D{i}", f"Voir délibération n° {i}", f"{i},50"] for i in range(1, 9)]
    rows.append(["D9", "12,5", "9,50"])
    result = fix(write(tmp_path / "dossiers.csv", rows), tmp_path / "propre.csv", plugins=PM, dry_run=True)
    assert result.left_as_is == [LeftAsIs("Remarques", 1, 9, (2, "Voir délibération n° 1"))]
    text = result.preview("fr")
    assert "Colonne « Remarques » : colonne de texte (1 nombre sur 9 valeurs) : ses nombres restent écrits" in text
    assert "Corrigez" not in text and "Montant" not in text.split("Laissé tel quel")[1]


def test_nothing_is_said_when_the_column_is_converted_or_the_number_fixes_are_not_chosen(tmp_path: Path) -> None:
    source = write(tmp_path / "budget.csv", [row[:3] for row in BUDGET])
    converted = fix(source, tmp_path / "propre.csv", plugins=PM, dry_run=True)
    assert converted.left_as_is == [] and "Laissé tel quel" not in converted.preview("fr")
    source = write(tmp_path / "modifications.csv", BUDGET)
    other = fix(source, tmp_path / "autre.csv", plugins=PM, dry_run=True, fixes=["drop-blank-rows"])
    assert other.left_as_is == [] and other.to_dict()["leftAsIs"] == []


def test_the_example_is_a_value_to_correct_not_a_placeholder(tmp_path: Path) -> None:
    rows = [["Commune", "Subside"], ["Ciney", "-"], ["Dinant", "1 200,50"], ["Rochefort", "voir annexe"],
            ["Couvin", "800,00"], ["Walcourt", "à déterminer"], ["Havelange", "n.d."], ["Gedinne", "450,25"]]
    result = fix(write(tmp_path / "subsides.csv", rows), tmp_path / "propre.csv", plugins=PM, dry_run=True)
    assert result.left_as_is == [LeftAsIs("Subside", 3, 7, (4, "voir annexe"))]  # « - » (row 2) is not shown
    rows = [["Commune", "Subside"], ["Ciney", "-"], ["Dinant", "1 200,50"], ["Rochefort", "n.d."], ["Couvin", "-"]]
    result = fix(write(tmp_path / "presque-vide.csv", rows), tmp_path / "propre.csv", plugins=PM, dry_run=True)
    assert result.left_as_is == [LeftAsIs("Subside", 1, 4, (2, "-"))]  # placeholders only: the first one
    rows = [["Commune", "Subside"], ["Ciney", "1 200,50"], ["Dinant", "voir annexe"]]
    result = fix(write(tmp_path / "deux.csv", rows), tmp_path / "propre.csv", plugins=PM, dry_run=True)
    assert "Colonne « Subside » : 1 valeur sur 2 est un nombre ;" in result.preview("fr")
    assert "Column 'Subside': 1 of 2 values is a number;" in result.preview("en")


# a Belgian budget (decimal commas and thousands points for certain in its amounts) whose changes column holds whole
# euros written « 3.658 »: 3658 the Belgian way, 3.658 the English way; the check can only guess
CHANGES = [["Article", "Budget initial", "Modification"]] + [
    [f"831/1{n:02d}-01", f"{10 + n}.500,00", cell] for n, cell in
    enumerate(["3.658", "934", "-", "(1.486)", "2.467", "800", "1.145", "-", "4.904", "(2.323)"])]


def test_numbers_whose_point_reads_two_ways_are_left_and_said(tmp_path: Path) -> None:
    source = write(tmp_path / "budget.csv", CHANGES)
    [guessed] = [f for f in check(source, plugins=PM).findings if f.type == "thousands-separator"
                 and f.field_name == "Modification"]
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.left_as_is == [LeftAsIs("Modification", guessed.count, guessed.count, (2, "3.658"), "ambiguous")]
    # the check says what the fix does: it leaves them (its tip no longer sends the user to fix)
    assert guessed.extra["ambiguous"] and "1000 fois moins (3,658)" in guessed.message("fr")
    assert "ne tranche pas" in guessed.tip("fr") and "cannot tell" in guessed.tip("en")
    preview = result.preview("fr")
    assert "Colonne « Modification » : 4 nombre(s) comme « 3.658 » (ligne 2) se lisent avec un point séparateur de " \
           "milliers (à la belge) ou un point décimal (à l'anglaise) ; fix ne tranche pas" in preview
    assert "the Belgian way" in result.preview("en") and result.to_dict()["leftAsIs"][0]["reason"] == "ambiguous"
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert [row[2] for row in rows[1:]][:2] == ["3.658", "934"]  # left as written, not made 3.658 nor 3658
    assert rows[1][1] == "10500.00"  # the amounts for certain are converted


# A survey of the commune's citizen projects, typed by hand: the units the check reports (« unit-in-cell », whose tip
# points to fix) and which fix does not take out must be said too, each with why (nothing silent).
PROJECTS = [
    ["Projet", "Budget", "Places", "Distance", "Coût"],
    ["Parc de la Ronce", "1 200 €", "12 places", "12 m", "1 200 €"],
    ["Rue des Écoles", "500", "pas d'avis", "15 km", "500 €"],
    ["École communale", "2.500,00 €", "30 places", "3 m", "2.500,00 €"],
]


def test_units_no_fix_takes_out_are_said_with_why(tmp_path: Path) -> None:
    source = write(tmp_path / "projets.csv", PROJECTS)
    reported = {f.field_name for f in check(source, plugins=PM).findings if f.type == "unit-in-cell"}
    assert reported == {"Budget", "Places", "Distance", "Coût"}
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.left_as_is == [
        LeftAsIs("Budget", 2, 3, (2, "1 200 €"), reason="unit", units=("€",)),
        LeftAsIs("Places", 2, 3, (3, "pas d'avis"), reason="unit-text"),
        LeftAsIs("Distance", 3, 3, (2, "12 m"), reason="units", units=("m", "km")),
    ]  # « Coût » is read as numbers in euros: taken out, not listed
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle))
    assert written[0] == ["Projet", "Budget", "Places", "Distance", "Coût (€)"]
    assert [row[1:4] for row in written[1:]] == [row[1:4] for row in PROJECTS[1:]]
    text = result.preview("fr")
    assert ("Colonne « Budget » : 2 valeur(s) sur 3 avec une unité dans la cellule (ex. ligne 2 : « 1 200 € ») ; fix "
            "ne retire l'unité que si presque tous les nombres de la colonne l'ont.") in text
    assert ("Colonne « Places » : 2 valeur(s) avec une unité dans la cellule, mais d'autres ne sont pas des nombres "
            "(ex. ligne 3 : « pas d'avis ») ; fix ne retire l'unité que d'une colonne de nombres.") in text
    assert "Colonne « Distance » : des nombres écrits avec des unités différentes (« m », « km »)" in text
    assert "Column 'Distance': numbers written with different units ('m', 'km')" in result.preview("en")
    left = json.loads(json.dumps(result.to_dict()))["leftAsIs"]
    assert [(item["fieldName"], item["reason"], item["units"]) for item in left] == [
        ("Budget", "unit", ["€"]), ("Places", "unit-text", []), ("Distance", "units", ["m", "km"])]


def test_nothing_fixed_is_not_said_to_be_nothing_to_fix(tmp_path: Path) -> None:
    source = write(tmp_path / "distances.csv", [["Lieu", "Distance"], ["A", "12 m"], ["B", "15 km"], ["C", "3 m"]])
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    text = result.preview("fr")
    assert "Aucune cellule corrigée." in text and "Aucune cellule à corriger." not in text
    assert text.index("Aucune cellule corrigée.") < text.index("Laissé tel quel :")
    assert "No cell fixed." in result.preview("en")


def test_units_are_not_said_when_no_unit_fix_was_chosen(tmp_path: Path) -> None:
    source = write(tmp_path / "projets.csv", PROJECTS)
    result = fix(source, tmp_path / "propre.csv", plugins=PM, fixes=["decimal-comma"])
    assert [left.reason for left in result.left_as_is if left.reason.startswith("unit")] == []


def test_the_whole_table_path_says_the_units_too(tmp_path: Path) -> None:
    rows = [PROJECTS[0], ["2024", "", "", "", ""], *PROJECTS[1:], ["2025", "", "", "", ""], *PROJECTS[1:]]
    source = write(tmp_path / "projets-par-annee.csv", rows)
    assert check(source, plugins=PM).stats.get("section-row")
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert {(left.column, left.reason) for left in result.left_as_is} == {
        ("Budget", "unit"), ("Places", "unit-text"), ("Distance", "units")}


def test_a_unit_no_fix_takes_out_is_said_as_such(tmp_path: Path) -> None:
    # the duration of public contracts: « 36 mois », « 1 an » (no fix converts a duration), « ponctuel »
    rows = [["Objet", "Durée"], *[[f"Marché {i}", cell] for i, cell in
                                  enumerate(["36 mois", "12 mois", "1 an", "ponctuel", "24 mois", "1 an"] * 3)]]
    source = write(tmp_path / "marches.csv", rows)
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.left_as_is == [LeftAsIs("Durée", 15, 15, (2, "36 mois"), reason="unit-kept")]
    assert ("Colonne « Durée » : 15 valeur(s) avec une unité dans la cellule (ex. ligne 2 : « 36 mois »), que fix ne "
            "retire pas : une durée, un âge ou une heure se lit ainsi") in result.preview("fr")
    assert "which fix does not take out: a duration" in result.preview("en")
    assert "d'autres ne sont pas des nombres" not in result.preview("fr")  # « 36 mois » is no example of those
