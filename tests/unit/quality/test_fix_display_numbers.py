"""Numbers written for display (a CPAS budget saved from Excel's accounting and currency formats, a rate with « % »,
a minus sign copied from a PDF) are read as numbers: by the checks, and by `fix`, which writes plain numbers and moves
the unit into the column's title, in both of its paths."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pandas as pd
import pytest

from odwb_assist.checks.display_numbers import read_display, titled
from odwb_assist.checks.numbers import parse_column
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)

# Excel's « Comptabilité » format in fr-BE writes zero « - € »; negatives here in parentheses, as some do
BUDGET = [
    ["Article", "Libellé", "Budget 2024", "Modification", "Budget 2025"],
    ["831/111-01", "Traitements du personnel", "1 234 567,89 €", "-12 345,00 €", "1 222 222,89 €"],
    ["831/113-01", "Cotisations patronales", "345 678,00 €", "- €", "345 678,00 €"],
    ["831/123-02", "Frais de bureau", "12 500,00 €", "(1 500,00 €)", "11 000,00 €"],
    ["831/124-06", "Fournitures", "8 000,00 €", "-500,00 €", "7 500,00 €"],
    ["831/125-02", "Loyers", "24 000,00 €", "1 200,00 €", "25 200,00 €"],
    ["831/140-01", "Frais de publicité", "3 000,00 €", "-", "3 000,00 €"],
    ["831/140-02", "Frais de formation", "2 000,00 €", "(250,00 €)", "1 750,00 €"],
    ["831/140-03", "Documentation", "1 000,00 €", "0,00 €", "1 000,00 €"],
    ["831/140-04", "Frais de poste", "4 500,00 €", "-   €", "4 500,00 €"],
    ["831/140-05", "Téléphonie", "6 000,00 €", "(1 000,00 €)", "5 000,00 €"],
]
CLEAN = [
    ["Article", "Libellé", "Budget 2024 (€)", "Modification (€)", "Budget 2025 (€)"],
    ["831/111-01", "Traitements du personnel", "1234567.89", "-12345.00", "1222222.89"],
    ["831/113-01", "Cotisations patronales", "345678.00", "0", "345678.00"],
    ["831/123-02", "Frais de bureau", "12500.00", "-1500.00", "11000.00"],
    ["831/124-06", "Fournitures", "8000.00", "-500.00", "7500.00"],
    ["831/125-02", "Loyers", "24000.00", "1200.00", "25200.00"],
    ["831/140-01", "Frais de publicité", "3000.00", "", "3000.00"],
    ["831/140-02", "Frais de formation", "2000.00", "-250.00", "1750.00"],
    ["831/140-03", "Documentation", "1000.00", "0.00", "1000.00"],
    ["831/140-04", "Frais de poste", "4500.00", "0", "4500.00"],
    ["831/140-05", "Téléphonie", "6000.00", "-1000.00", "5000.00"],
]


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize(("cell", "number", "unit"), [
    ("1 234 567,89 €", "1 234 567,89", "€"), ("(1 500,00 €)", "-1 500,00", "€"), ("- €", "0", "€"),
    ("-   €", "0", "€"), ("\u2212500,00", "-500,00", None), ("(250,00)", "-250,00", None), ("45 %", "45", "%"),
    ("€ 12,50", "12,50", "€"), ("1.234,56 EUR", "1.234,56", "€"), ("12 m2", "12", "m²"), ("+5 %", "+5", "%"),
    ("1.234,56-", "-1.234,56", None), ("12,50- €", "-12,50", "€"),  # SAP's negatives
    ("EUR 12 345,67", "12 345,67", "€"), ("eur 12,5", "12,5", "€"), ("(EUR 1 500,00)", "-1 500,00", "€"),  # code first
])
def test_a_cell_written_for_display_is_read(cell: str, number: str, unit: str | None) -> None:
    shown = read_display(cell)
    assert shown is not None and (shown.number, shown.unit) == (number, unit)


@pytest.mark.parametrize("cell", ["12,5", "-12", "(2)", "(-5)", "€12 €", "-", "Liège", "12 places", "2 ans", "",
                                  "12-", "2024-", "-12,50-", "(1.234,56-)", "EUR 12 €", "Eurostat 2024",
                                  "EURO 2024"])
def test_text_plain_numbers_and_notes_are_not(cell: str) -> None:
    assert read_display(cell) is None  # « (2) »: a note's number as often as a negative


def test_the_title_gets_the_unit_unless_it_names_it() -> None:
    assert titled("Budget 2024", "€") == "Budget 2024 (€)"
    assert titled("Taux", "%") == "Taux (%)"
    for label, unit in [("Montant (EUR)", "€"), ("montant_eur", "€"), ("Montant k€", "€"), ("Taux %", "%"),
                        ("taux_pct", "%"), ("Superficie m2", "m²"), ("Consommation kWh", "kWh")]:
        assert titled(label, unit) == label


def test_the_number_parse_reads_them() -> None:
    numbers, text = parse_column(pd.Series(["(1 500,00 €)", "\u2212500,00", "- €", "1.234,56-", "-", "Liège", "(note)"],
                                           dtype="str"))
    assert numbers[:4].tolist() == [-1500.0, -500.0, 0.0, -1234.56]
    assert text.tolist() == [False, False, False, False, False, True, True]  # « - »: a placeholder


def test_a_budget_saved_with_its_currency_format(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "budget.csv", BUDGET)
    report = check(source, plugins=PM)
    placeholders = [f for f in report.findings if f.type == "placeholder-value"]
    assert [(f.field_name, f.row_number) for f in placeholders] == [("Modification", 7)]  # a column of numbers
    assert not [f for f in report.findings if f.type == "inconsistent-category"]  # « - » and « - € »: no categories
    assert {f.field_name for f in report.findings if f.type == "unit-in-cell"} == {
        "Budget 2024", "Modification", "Budget 2025"}
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert read(tmp_path / "propre.csv") == CLEAN
    assert result.removed_rows == [] and not (tmp_path / "propre.lignes-retirees.csv").exists()
    assert result.counts["number-display"] == 3 + 10 + 9 + 10  # three titles, the cells read
    text = result.preview("fr")
    assert "    titre : « Budget 2024 » → « Budget 2024 (€) »" in text
    assert "    ligne 2, Budget 2024 : « 1 234 567,89 € » → « 1 234 567,89 »" in text
    assert "Nombres écrits pour l'affichage lus (unité dans le titre ; négatifs « (12,50) », « 12,50- »" in text
    assert "    title: « Modification » → « Modification (€) »" in result.preview("en")
    assert result.left_as_is == []


def test_the_whole_table_path_writes_the_same(tmp_path: Path) -> None:
    rows = [BUDGET[0], ["2024", "", "", "", ""], *BUDGET[1:6], ["2025", "", "", "", ""], *BUDGET[6:]]  # sections:
    result = fix(write_csv(tmp_path / "budget.csv", rows), tmp_path / "propre.csv", plugins=PM)  # read whole
    assert result.counts.get("sections-to-column")
    written = read(tmp_path / "propre.csv")
    assert written[0] == ["annee", *CLEAN[0]]
    assert [row[1:] for row in written[1:]] == CLEAN[1:]
    assert [row[0] for row in written[1:]] == ["2024"] * 5 + ["2025"] * 5
    assert [number for number, _ in result.removed_rows] == [2, 8]  # the sections' headings only


def test_a_minus_sign_copied_from_a_pdf_and_a_rate(tmp_path: Path) -> None:
    rows = [["Commune", "Évolution", "Taux"], ["Ciney", "\u221212,5", "12,5 %"], ["Dinant", "3,2", "8 %"],
            ["Rochefort", "\u22120,8", "10,25 %"], ["Havelange", "1,5", "9 %"]]
    fix(write_csv(tmp_path / "evolution.csv", rows, encoding="utf-8"), tmp_path / "propre.csv", plugins=PM)
    assert read(tmp_path / "propre.csv") == [["Commune", "Évolution", "Taux (%)"], ["Ciney", "-12.5", "12.5"],
                                             ["Dinant", "3.2", "8"], ["Rochefort", "-0.8", "10.25"],
                                             ["Havelange", "1.5", "9"]]


def test_a_column_of_several_units_or_of_words_is_left(tmp_path: Path) -> None:
    rows = [["Tronçon", "Longueur", "Budget (EUR)", "Remarque"], ["A", "12 m", "1 200 €", "12 €"],
            ["B", "3 km", "800 €", "à revoir"], ["C", "450 m", "950 €", "voir plan"], ["D", "1,2 km", "1 000 €", "idem"]]
    fix(write_csv(tmp_path / "troncons.csv", rows), tmp_path / "propre.csv", plugins=PM)
    written = read(tmp_path / "propre.csv")
    assert written[0] == ["Tronçon", "Longueur", "Budget (EUR)", "Remarque"]  # the title already names the unit
    assert [row[1] for row in written[1:]] == ["12 m", "3 km", "450 m", "1,2 km"]  # two units: left as written
    assert [row[2] for row in written[1:]] == ["1200", "800", "950", "1000"]
    assert [row[3] for row in written[1:]] == ["12 €", "à revoir", "voir plan", "idem"]  # a column of words


def test_a_unit_on_a_few_numbers_only_is_left_to_the_user(tmp_path: Path) -> None:
    rows = [["Parking", "Taux d'occupation"]] + [[f"P{n}", f"0,{40 + n}"] for n in range(9)] + [["P9", "50%"]]
    result = fix(write_csv(tmp_path / "parkings.csv", rows), tmp_path / "propre.csv", plugins=PM)
    written = read(tmp_path / "propre.csv")
    assert written[0] == ["Parking", "Taux d'occupation"] and written[-1] == ["P9", "50%"]  # 50 or 0.5?
    assert written[1] == ["P0", "0.40"] and "number-display" not in result.counts


def test_amounts_written_with_the_currency_code_first(tmp_path: Path) -> None:
    """An accounting program writes « EUR 19 490,11 »: the column got a green tick and was text on the portal. It is
    now a unit in the cell, and the fix writes the number under « … (€) »."""
    source = tmp_path / "travaux.csv"
    source.write_text("Bâtiment;Montant travaux\n" + "".join(f"Bâtiment {k};EUR {k + 1} {k * 37 % 1000:03d},{k:02d}\n"
                                                           for k in range(12)), encoding="utf-8")
    [unit] = [f for f in check(source, plugins=PM).findings if f.type == "unit-in-cell"]
    assert (unit.count, unit.cell) == (12, "EUR 1 000,00")
    fix(source, tmp_path / "propre.csv", plugins=PM)
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Bâtiment", "Montant travaux (€)"] and rows[2] == ["Bâtiment 1", "2037.01"]
