"""Totals rows on real-world shapes: only certain totals are errors and removed; places, surveys and forms are data.

The files are built here in the shapes of real exports: a pivot table flattened by Excel (subtotals
labelled in the third and fourth columns), a survey sheet, a list of communes whose names begin like
a total word, and a form laid out as label/value rows.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import openpyxl
import pandas as pd

from odwb_assist.checks.total_markers import Marker, is_place, marker
from odwb_assist.checks.total_scan import TotalScanner
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import QualityReport, check, fix

sys.path.insert(0, str(Path(__file__).parents[2] / "helpers"))
from real_shapes import pivot_rows, write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)

def found(report: QualityReport, type_: str) -> list[tuple[int | None, str | None]]:
    return [(f.row_number, f.cell) for f in report.findings if f.type == type_]


def test_markers_whole_words_known_phrases_and_places() -> None:
    assert {marker(label) for label in ("Total", "TOTAL : ", "Total général", "Somme", "Totaal", "Sum", "Sous-total",
                                        "sous-total Hainaut", "GRAND TOTAL")} <= {Marker.EXACT, Marker.PHRASE}
    assert marker("Total Namur", group="Namur") is Marker.PIVOT and marker("Namur Total", group="Namur") is Marker.PIVOT
    assert marker("Total ayant donné un avis") is Marker.LOOSE and marker("Somme demandée") is Marker.LOOSE
    for label in ("Somme-Leuze", "SOMME-LEUZE", "Sombreffe", "Totalité des ménages", "Sumatra", "Grand-Leez",
                  "Somme-Leuze (Heure)", "Total-Energies", "Sommière"):
        assert marker(label) in (None, Marker.LOOSE) and marker(label) is not Marker.EXACT, label
    assert is_place("Somme-Leuze") and is_place("somme-leuze") and marker("Somme-Leuze") is None
    assert marker("Totalité des ménages") is None


def test_pivot_export_subtotals_in_the_third_column_are_found_and_removed(tmp_path: Path) -> None:
    rows = pivot_rows()
    source = write_csv(tmp_path / "permis-pivot.csv", rows)
    report = check(source, plugins=PM)
    totals = found(report, "total-row")
    expected = [(number, row[0] if row[0].startswith("Total") else row[2]) for number, row in enumerate(rows, start=1)
                if row[0].startswith("Total") or row[2].startswith("Total")]
    assert totals == expected and len(totals) == 9  # 3 arrondissements × 2 years, 2 years, 1 grand total
    assert {f.field_number for f in report.findings if f.type == "total-row"} == {1, 3}
    assert found(report, "possible-total") == []

    out = tmp_path / "propre.csv"
    result = fix(source, out, plugins=PM)
    clean = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert len(clean) == 1 + 2 * 9 and not any("Total" in cell for row in clean for cell in row)
    assert sum(1 for row in clean if row[3] == "Somme-Leuze") == 2  # the commune stays
    side = list(csv.DictReader((tmp_path / "propre.lignes-retirees.csv").read_text(encoding="utf-8").splitlines()))
    assert [int(line["ligne_origine"]) for line in side] == [number for number, _ in expected]
    assert side[-1]["Année"] == "Total général" and side[-1]["Permis"] == rows[-1][4]
    assert result.to_dict()["removedRowsFile"] == str(tmp_path / "propre.lignes-retirees.csv")


def test_pivot_in_an_xlsx_workbook_with_subtotals_in_the_fourth_column(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Année", "Région", "Province", "Arrondissement", "Commune", "Nombre"])
    groups = {("Namur", "Namur"): [("Andenne", 12), ("Somme-Leuze", 7)], ("Namur", "Dinant"): [("Ciney", 4)],
              ("Liège", "Huy"): [("Huy", 9), ("Wanze", 3)]}
    expected, grand, province_sum, province = [], 0, 0, "Namur"
    for (name, arrondissement), communes in groups.items():
        if name != province:
            sheet.append([2024, "Wallonie", f"Total {province}", None, None, province_sum])
            expected.append((sheet.max_row, f"Total {province}"))
            province, province_sum = name, 0
        for commune, number in communes:
            sheet.append([2024, "Wallonie", name, arrondissement, commune, number])
        subtotal = sum(number for _, number in communes)
        sheet.append([2024, "Wallonie", name, f"Total {arrondissement}", None, subtotal])
        expected.append((sheet.max_row, f"Total {arrondissement}"))
        province_sum += subtotal
        grand += subtotal
    sheet.append([2024, "Wallonie", f"Total {province}", None, None, province_sum])
    expected.append((sheet.max_row, f"Total {province}"))
    sheet.append(["Total général", None, None, None, None, grand])
    expected.append((sheet.max_row, "Total général"))
    source = tmp_path / "pivot.xlsx"
    workbook.save(source)
    report = check(source, plugins=PM)
    assert found(report, "total-row") == expected
    assert {f.field_number for f in report.findings if f.type == "total-row"} == {1, 3, 4}
    out = tmp_path / "propre.csv"
    fix(source, out, plugins=PM)
    text = out.read_text(encoding="utf-8")
    assert text.count("\n") == 1 + 5 and "Somme-Leuze" in text and "Total" not in text


def test_survey_rows_total_ayant_donne_un_avis_are_data(tmp_path: Path) -> None:
    rows = [["Question", "Réponse", "Nombre", "Pourcentage"]]
    for question in ("Êtes-vous satisfait de l'accueil ?", "Recommanderiez-vous le service ?"):
        rows += [[question, "Oui", "30", "60,0"], [question, "Non", "20", "40,0"],
                 [question, "Total ayant donné un avis", "50", "100,0"], [question, "Sans avis", "10", ""],
                 [question, "Total", "60", ""]]
    source = write_csv(tmp_path / "enquete.csv", rows)
    report = check(source, plugins=PM)
    assert found(report, "total-row") == [(6, "Total"), (11, "Total")]
    assert found(report, "possible-total") == [(4, "Total ayant donné un avis"), (9, "Total ayant donné un avis")]
    assert {f.severity.value for f in report.findings if f.type == "possible-total"} == {"warning"}
    out = tmp_path / "propre.csv"
    fix(source, out, plugins=PM)
    text = out.read_text(encoding="utf-8")
    assert text.count("Total ayant donné un avis") == 2 and text.count(",Total,") == 0


def test_a_brand_called_total_on_many_rows_is_a_value_not_possible_totals(tmp_path: Path) -> None:
    """A list of filling stations: « Total » is a brand, on row after row, each with its address to its right. Two
    such rows are still said (they may be totals with a remark); from three on, the label is a value of the column."""
    brands = ["Total", "Shell", "Total", "Q8", "Total", "Esso", "Total"]
    rows = [["Enseigne", "Adresse", "Localité", "Pompes"]] + [
        [brand, f"Chaussée de Marche {n + 10}", "Namur", str(n % 4 + 2)] for n, brand in enumerate(brands)]
    report = check(write_csv(tmp_path / "stations.csv", rows), plugins=PM)
    assert found(report, "possible-total") == [] and found(report, "total-row") == []
    two = [row for row in rows if row[0] != "Total"] + [rows[1], rows[3]]
    report = check(write_csv(tmp_path / "deux.csv", two), plugins=PM)
    assert [cell for _, cell in found(report, "possible-total")] == ["Total", "Total"]


def test_communes_that_begin_like_a_total_word_are_never_touched(tmp_path: Path) -> None:
    rows = [["Commune", "Localité", "Habitants"], ["Somme-Leuze", "Somme-Leuze", "5 712"],
            ["Somme-Leuze", "Heure", "410"], ["Sombreffe", "Sombreffe", "8 500"], ["Gembloux", "Grand-Leez", "1 900"],
            ["Onhaye", "Sommière", "160"], ["Walcourt", "Somzée", "1 100"], ["Totalité des communes", "", "17 782"]]
    source = write_csv(tmp_path / "habitants.csv", rows)
    report = check(source, plugins=PM)
    assert found(report, "total-row") == [] and found(report, "possible-total") == []
    out = tmp_path / "propre.csv"
    result = fix(source, out, plugins=PM)
    assert result.removed_rows == [] and not (tmp_path / "propre.lignes-retirees.csv").exists()
    assert out.read_text(encoding="utf-8").count("\n") == len(rows)


def test_form_laid_out_as_label_value_rows_keeps_every_row(tmp_path: Path) -> None:
    rows = [["Rubrique", "Valeur"], ["Nom de l'association", "Chorale Saint-Martin"], ["Somme demandée", "1 500"],
            ["Total des dépenses prévues", "4 200"], ["Sum insured", "20 000"], ["Somme", "1 500"],
            ["Total", "voir annexe"]]
    source = write_csv(tmp_path / "formulaire.csv", rows)
    report = check(source, plugins=PM)
    assert found(report, "total-row") == []
    assert found(report, "possible-total") == [(6, "Somme"), (7, "Total")]
    out = tmp_path / "propre.csv"
    result = fix(source, out, plugins=PM)
    assert result.removed_rows == [] and out.read_text(encoding="utf-8").count("\n") == len(rows)


def test_a_total_whose_numbers_do_not_add_up_is_kept() -> None:
    frame = pd.DataFrame([["Namur", "10"], ["Liège", "20"], ["Total", "31"], ["Mons", "5"], ["Total", "5"]],
                         columns=["commune", "n"], index=range(2, 7), dtype="str")
    verdicts = TotalScanner().feed(frame)
    # the second is the sum of the rows since the first, kept (« Mons »): a subtotal all the same
    assert [(v.row, v.certain, v.reason) for v in verdicts] == [(4, False, "sum-mismatch"), (6, True, "sum")]
    frame.loc[6, "n"] = "6"
    assert [(v.row, v.certain) for v in TotalScanner().feed(frame)] == [(4, False), (6, False)]


def test_rounded_percentages_and_decimal_commas_add_up() -> None:
    frame = pd.DataFrame([["A", "33,3", "1 250,50"], ["B", "33,3", "2 000"], ["C", "33,3", "0,25"],
                          ["Total", "100", "3 250,75"]], columns=["x", "pct", "eur"], index=range(2, 6), dtype="str")
    assert [(v.row, v.certain) for v in TotalScanner().feed(frame)] == [(5, True)]


def test_a_section_row_starts_the_sums_again_and_chunks_do_not_change_verdicts() -> None:
    rows = [["2023", "", ""], ["Namur", "A", "3"], ["Liège", "B", "4"], ["Total", "", "7"],
            ["2024", "", ""], ["Namur", "A", "5"], ["Total", "", "5"]]
    frame = pd.DataFrame(rows, columns=["commune", "code", "n"], index=range(2, 9), dtype="str")
    whole = [(v.row, v.certain) for v in TotalScanner().feed(frame)]
    assert whole == [(5, True), (8, True)]
    scanner = TotalScanner()
    pieces = [v for start in range(0, 7, 2) for v in scanner.feed(frame.iloc[start:start + 2])]
    assert [(v.row, v.certain) for v in pieces] == whole


def test_a_total_row_with_nothing_else_is_certain_and_a_label_in_a_data_column_is_not_a_marker() -> None:
    frame = pd.DataFrame([["Rue de Fer", "Totale", "2024-01-02"], ["Rue Haute", "Partielle", "2024-02-01"],
                          ["TOTAL :", "", ""]], columns=["rue", "fermeture", "date"], index=range(2, 5), dtype="str")
    assert [(v.row, v.cell, v.certain, v.reason) for v in TotalScanner().feed(frame)] == [(4, "TOTAL :", True, "no-numbers")]


def test_a_total_row_with_sums_and_an_average_rate_is_certain() -> None:
    frame = pd.DataFrame([["Ciney", "40", "60,0"], ["Dinant", "20", "30,0"], ["Total", "60", "45,0"]],
                         columns=["commune", "places", "taux"], index=range(2, 5), dtype="str")
    assert [(v.row, v.certain) for v in TotalScanner().feed(frame)] == [(4, True)]
    frame.loc[4, "places"] = "61"  # the sum is wrong: only an average, nothing proves a total
    assert [(v.row, v.certain) for v in TotalScanner().feed(frame)] == [(4, False)]


def test_a_closure_type_totale_is_a_category_not_a_total() -> None:
    frame = pd.DataFrame([["Rue Haute", "Partielle", "3"], ["Rue Haute", "Totale", "3"], ["Rue Basse", "Totale", "6"]],
                         columns=["rue", "fermeture", "jours"], index=range(2, 5), dtype="str")
    assert [(v.row, v.certain) for v in TotalScanner().feed(frame)] == [(3, False)]  # at most a warning


def test_a_subtotal_labelled_in_the_child_column_names_the_group_of_the_column_before(tmp_path: Path) -> None:
    rows = [["Arrondissement", "Commune", "Population"], ["Dinant", "Anhée", "7000"], ["Dinant", "Ciney", "16000"],
            ["", "Total Dinant", "23000"], ["Namur", "Andenne", "27000"], ["Namur", "Somme-Leuze", "5000"],
            ["", "Total Namur", "32000"], ["", "Total général", "55000"]]
    source = write_csv(tmp_path / "population.csv", rows)
    report = check(source, plugins=PM)
    assert found(report, "total-row") == [(4, "Total Dinant"), (7, "Total Namur"), (8, "Total général")]
    assert found(report, "possible-total") == []
    frame = pd.DataFrame(rows[1:], columns=rows[0], index=range(2, 9), dtype="str")
    frame.loc[7, "Population"] = "32001"  # a « Total Namur » that does not add up is kept and reported
    assert [(v.row, v.certain, v.reason) for v in TotalScanner().feed(frame)] == [
        (4, True, "sum"), (7, False, "sum-mismatch"), (8, True, "sum")]
    frame.loc[4, "Commune"] = "Total divers"  # names no group, no whole, no place: a loose marker, kept
    assert [(v.row, v.certain) for v in TotalScanner().feed(frame)][0] == (4, False)


def test_a_pivot_total_of_somme_leuze_is_a_total_and_the_commune_stays_data(tmp_path: Path) -> None:
    """« Total Somme-Leuze » is the total of the commune's rows (a negative in parentheses among them); the commune's
    own rows, and a commune called so without a total word, stay data."""
    assert not is_place("Total Somme-Leuze") and not is_place("Somme-Leuze total")
    assert is_place("Somme-Leuze") and is_place("Somme-Leuze (Heure)")
    assert marker("Total Somme-Leuze", group="Somme-Leuze") is Marker.PIVOT
    rows = [["Commune", "Type d'aide", "Montant"], ["Ciney", "Chauffage", "12 500,00 €"], ["Ciney", "Énergie", "3 200,50 €"],
            ["Total Ciney", "", "15 700,50 €"], ["Somme-Leuze", "Chauffage", "2 000,00 €"],
            ["Somme-Leuze", "Énergie", "(500,00 €)"], ["Total Somme-Leuze", "", "1 500,00 €"],
            ["Total général", "", "17 200,50 €"]]
    source = write_csv(tmp_path / "aides.csv", rows)
    assert found(check(source, plugins=PM), "total-row") == [
        (4, "Total Ciney"), (7, "Total Somme-Leuze"), (8, "Total général")]
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert [number for number, _ in result.removed_rows] == [4, 7, 8]
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        assert [row[0] for row in csv.reader(handle)][1:] == ["Ciney", "Ciney", "Somme-Leuze", "Somme-Leuze"]


def test_a_total_named_after_its_column_is_a_total_when_its_numbers_add_up(tmp_path: Path) -> None:
    """Election results by polling station end with « Total canton » in the column « Canton »: its numbers are the
    sums of the stations above, it was only a possible total, kept in the clean file and counted twice."""
    rows = [["Canton", "Bureau", "Inscrits", "PS", "MR", "Les Engagés", "Blancs et nuls"]]
    rows += [["Namur", f"{n:03d}", str(700 + 13 * n), str(100 + n), str(90 + 2 * n), str(60 + n % 7), str(8 + n % 3)]
             for n in range(1, 13)]
    rows.append(["Total canton", ""] + [str(sum(int(row[j]) for row in rows[1:])) for j in range(2, 7)])
    source = write_csv(tmp_path / "elections.csv", rows)
    report = check(source, plugins=PM)
    assert found(report, "total-row") == [(14, "Total canton")] and found(report, "possible-total") == []
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert "Total canton" not in (tmp_path / "propre.csv").read_text(encoding="utf-8")
    assert "Total canton" in (tmp_path / "propre.lignes-retirees.csv").read_text(encoding="utf-8")
    rows[-1][3] = str(int(rows[-1][3]) + 1)  # one sum wrong: only said, kept
    report = check(write_csv(tmp_path / "faux.csv", rows), plugins=PM)
    assert found(report, "total-row") == [] and found(report, "possible-total") == [(14, "Total canton")]


BUDGET = ["Article;Libellé;Fonction;Budget 2024;Compte 2023",
          "000/371-01;Précompte immobilier;Recettes générales;1 234 567,89;1 198 765,43",
          "040/372-01;Taxe additionnelle IPP;Impôts;2 345 678,00;2 301 234,56",
          "104/111-01;Traitements du personnel;Administration générale;456 789,12;440 321,00",
          "104/123-02;Frais de bureau;Administration générale;12 500,00;11 876,54",
          ";Total Administration générale;;469 289,12;452 197,54",
          "421/140-06;Entretien des voiries;Voirie;250 000,00;198 765,00",
          "722/124-02;Fournitures écoles;Enseignement;35 000,00;33 210,98",
          ";Total général;;4 334 535,01;4 184 173,51"]


def test_a_budget_subtotal_named_after_the_function_beside_it_is_certain(tmp_path: Path) -> None:
    # « Total Administration générale » sums the rows whose « Fonction » is « Administration générale », not every row
    # since the last total: a subtotal all the same, removed with the grand total, kept in the side file
    source = tmp_path / "budget.csv"
    source.write_bytes(("\r\n".join(BUDGET) + "\r\n").encode("cp1252"))
    report = check(source, plugins=PM)
    assert found(report, "total-row") == [(6, "Total Administration générale"), (9, "Total général")]
    assert "possible-total" not in report.stats
    assert found(check(source, plugins=PM, chunk_rows=4), "total-row") == found(report, "total-row")  # group across
    out = tmp_path / "propre.csv"
    result = fix(source, out, plugins=PM)
    assert [row for row, _ in result.removed_rows] == [6, 9]
    assert len(pd.read_csv(out, dtype=str)) == 6


def test_a_named_total_whose_numbers_are_not_its_group_s_stays_a_record(tmp_path: Path) -> None:
    rows = [*BUDGET[:5], ";Total Administration générale;;470 000,00;452 197,54", *BUDGET[6:8]]
    source = tmp_path / "budget.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = check(source, plugins=PM)
    assert "total-row" not in report.stats and "possible-total" not in report.stats


def test_a_pivot_writes_the_group_label_once_and_its_subtotal_beside_it(tmp_path: Path) -> None:
    rows = ["Article;Libellé;Fonction;Montant", "104/111-01;Traitements;Administration générale;100",
            "104/123-02;Frais de bureau;;50", "104/124-06;Informatique;;25", ";Total Administration générale;;175",
            "421/140-06;Voiries;Voirie;80", "421/140-07;Signalisation;;20", ";Total Voirie;;100"]
    source = tmp_path / "budget.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = check(source, plugins=PM)
    assert found(report, "total-row") == [(5, "Total Administration générale"), (8, "Total Voirie")]


def test_a_record_named_like_a_group_total_stays_data(tmp_path: Path) -> None:
    # « Total Énergies » in a list of suppliers whose sector is « Énergies »: its amount is no sum of the rows above
    rows = ["Fournisseur;Secteur;Montant", "Luminus;Énergies;1200", "Engie;Énergies;900", "Total Énergies;;450",
            "Proximus;Télécoms;300"]
    source = tmp_path / "fournisseurs.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = check(source, plugins=PM)
    assert "total-row" not in report.stats and "possible-total" not in report.stats


def test_election_results_subtotals_named_after_a_column_title_on_their_left(tmp_path: Path) -> None:
    # « Total commune » in the column « Bureau », beside the column « Commune »; « Total canton » under them all
    rows = ["Canton;Commune;Bureau;Inscrits;Votants;Blancs et nuls",
            "Ciney;Ciney;Bureau 1;812;745;21", "Ciney;Ciney;Bureau 2;790;711;18", "Ciney;Ciney;Total commune;1602;1456;39",
            "Ciney;Hamois;Bureau 1;650;602;15", "Ciney;Hamois;Bureau 2;701;644;12",
            "Ciney;Hamois;Total commune;1351;1246;27", "Ciney;;Total canton;2953;2702;66"]
    source = tmp_path / "elections.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = check(source, plugins=PM)
    assert found(report, "total-row") == [(4, "Total commune"), (7, "Total commune"), (8, "Total canton")]
    assert "possible-total" not in report.stats
    wrong = [*rows[:3], "Ciney;Ciney;Total commune;1700;1456;39"]  # not the sum of its bureaus: kept, and said
    source.write_text("\n".join(wrong) + "\n", encoding="utf-8")
    assert found(check(source, plugins=PM), "possible-total") == [(4, "Total commune")]


FUNCTIONS = ["Fonction;Article;Libellé;Budget initial 2025;MB1 2025",
             "10;104/111-01;Traitements du personnel administratif;1.234.567,89;1.250.000,00",
             "10;104/123-02;Frais de bureau;45.000,00;47.500,00", "10;104/123-13;Frais de formation;12.500,00;12.500,00",
             ";;Total fonction 10;1.292.067,89;1.310.000,00",
             "42;421/140-06;Entretien des voiries;350.000,00;365.000,00",
             "42;421/124-02;Fournitures techniques;85.000,00;-5.000,00", ";;Total fonction 42;435.000,00;360.000,00",
             "76;764/332-02;Subsides aux clubs sportifs;60.000,00;60.000,00", ";;Total fonction 76;60.000,00;60.000,00",
             ";;Total général;1.787.067,89;1.730.000,00"]


def test_a_budgets_subtotals_named_with_the_functions_title_and_code(tmp_path: Path) -> None:
    """« Total fonction 10 » under the rows whose « Fonction » is 10: the first was only a possible total, and the
    next ones were not even that (their sums were compared with every row since the start). Named with the column's
    title and code and adding up, each is certain; removed, kept in the side file."""
    source = tmp_path / "budget.csv"
    source.write_text("\n".join(FUNCTIONS) + "\n", encoding="utf-8")
    report = check(source, plugins=PM)
    assert found(report, "total-row") == [(5, "Total fonction 10"), (8, "Total fonction 42"),
                                          (10, "Total fonction 76"), (11, "Total général")]
    assert "possible-total" not in report.stats
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert [row for row, _ in result.removed_rows] == [5, 8, 10, 11]


def test_after_a_subtotal_kept_the_next_sums_from_it(tmp_path: Path) -> None:
    """A subtotal whose numbers are wrong stays (said as possible); the next subtotal of its level sums the rows since
    it, not since the start; loose labels alike (« Sous-total voiries » after « Sous-total administration »)."""
    wrong = [*FUNCTIONS[:7], ";;Total fonction 42;435.100,00;360.000,00", *FUNCTIONS[8:]]
    source = tmp_path / "budget.csv"
    source.write_text("\n".join(wrong) + "\n", encoding="utf-8")
    report = check(source, plugins=PM)
    assert found(report, "possible-total") == [(8, "Total fonction 42")]
    assert found(report, "total-row") == [(5, "Total fonction 10"), (10, "Total fonction 76"), (11, "Total général")]
    loose = ["Service;Libellé;Montant", "Administration;Personnel;100", "Administration;Bureau;50",
             ";Sous-total administration;150", "Voiries;Entretien;80", "Voiries;Signalisation;20",
             ";Sous-total voiries;100"]
    source.write_text("\n".join(loose) + "\n", encoding="utf-8")
    said = found(check(source, plugins=PM), "possible-total") + found(check(source, plugins=PM), "total-row")
    assert sorted(said) == [(4, "Sous-total administration"), (7, "Sous-total voiries")]


def test_a_total_named_after_the_whole_or_its_place_is_certain_when_it_adds_up(tmp_path: Path) -> None:
    """An election's results per bureau end with « Total commune »: no column is called « Commune » and no group is
    « commune », yet the label names the whole the bureaus divide. Adding up, it is certain (it was kept as a possible
    total); not adding up, it stays a possible one. « Total Ciney » (a place) and « Total de la ville » alike."""
    head = ["Bureau;Section;Inscrits;Votants;Blancs et nuls", "Bureau 1;Ciney;812;745;21",
            "Bureau 2;Leignon;790;711;18", "Bureau 3;Achêne;650;602;15"]
    source = tmp_path / "elections.csv"
    for label in ("Total commune", "TOTAL COMMUNE", "Total Ciney", "Total de la ville", "Total Wallonie"):
        source.write_text("\n".join([*head, f"{label};;2252;2058;54"]) + "\n", encoding="utf-8")
        report = check(source, plugins=PM)
        assert found(report, "total-row") == [(5, label)], label
        assert "possible-total" not in report.stats
    source.write_text("\n".join([*head, "Total commune;;2300;2058;54"]) + "\n", encoding="utf-8")
    report = check(source, plugins=PM)
    assert found(report, "possible-total") == [(5, "Total commune")] and "total-row" not in report.stats
    assert marker("Total commune") is Marker.PHRASE and marker("Total Somme-Leuze") is Marker.PLACE
    assert marker("Total communes wallonnes") is Marker.LOOSE and marker("Somme-Leuze") is None


def test_a_filling_station_named_after_its_town_stays_a_record(tmp_path: Path) -> None:
    # « Total Ciney » is also a brand's station: with its address beside it, or a figure that adds nothing up, a record
    rows = ["Station;Adresse;Pompes", "Q8 Leignon;Rue de Dinant 4;4", "Esso Achêne;Route de Marche 12;6",
            "Total Ciney;Chaussée de Namur 80;8"]
    source = tmp_path / "stations.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = check(source, plugins=PM)
    assert "total-row" not in report.stats and "possible-total" not in report.stats
    rows[-1] = "Total Ciney;;8"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = check(source, plugins=PM)
    assert "total-row" not in report.stats and "possible-total" not in report.stats


def test_a_grand_total_under_sections_with_their_own_totals_is_removed(tmp_path: Path) -> None:
    # inhabitants by street, a section per district with its total, and the grand total of every street at the end:
    # it was « possible-total » (the sums started again at the section « Jambes ») and stayed in the clean file as a
    # street of Jambes, doubling the sums a user makes
    rows = [["Rue", "Habitants", "Ménages"], ["Bouge", "", ""], ["Rue de la Pépinière", "120", "55"],
            ["Rue Émile Dewez", "80", "40"], ["Total Bouge", "200", "95"], ["Jambes", "", ""],
            ["Avenue Jean Materne", "300", "140"], ["Rue de Dave", "150", "70"], ["Total Jambes", "450", "210"],
            ["Total général", "650", "305"]]
    source = write_csv(tmp_path / "habitants.csv", rows)
    report = check(source, plugins=PM)
    assert found(report, "total-row") == [(5, "Total Bouge"), (9, "Total Jambes"), (10, "Total général")]
    assert found(report, "possible-total") == []
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert [row[1] for row in pd.read_csv(tmp_path / "propre.csv", dtype=str).itertuples(index=False)] == [
        "Rue de la Pépinière", "Rue Émile Dewez", "Avenue Jean Materne", "Rue de Dave"]
    # a « Total général » that is not the sum of the streets stays a possible total, kept
    rows[-1] = ["Total général", "651", "305"]
    report = check(write_csv(tmp_path / "faux.csv", rows), plugins=PM)
    assert found(report, "possible-total") == [(10, "Total général")]
