"""Placeholders, date-times, blank rows, empty columns: what `check` reports with a safe fix is fixed, and the
fixed file re-checks without it."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from odwb_assist.checks.placeholder_value import PlaceholderFix
from odwb_assist.core.contract import FixContext
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).parents[2] / "helpers"))
from real_shapes import pivot_rows, write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)
FIXABLE = {"blank-row", "blank-label", "empty-column", "date-format", "placeholder-value", "total-row", "title-rows",
           "merged-header", "decimal-comma", "thousands-separator", "type-error"}


def types_of(path: Path) -> dict[str, int]:
    return dict(check(path, plugins=PM).stats)


def test_placeholders_in_columns_of_numbers_and_dates_only(tmp_path: Path) -> None:
    rows = [["Commune", "Remarque", "Subside", "Date de paiement"], ["Ciney", "-", "1 200,50", "31/01/2024"],
            ["Dinant", "Acompte versé", "n.d.", "-"], ["Rochefort", "/", "-", "15/02/2024"], ["Couvin", "?", "800", "N/A"],
            ["Walcourt", "néant", "450", "01/03/2024"]]
    report = check(write_csv(tmp_path / "subsides.csv", rows), plugins=PM)
    found = [f for f in report.findings if f.type == "placeholder-value"]
    assert [(f.field_name, f.row_number, f.extra["count"]) for f in found] == [("Subside", 3, 2), ("Date de paiement", 3, 2)]
    assert found[0].extra["values"] == {"n.d.": 1, "-": 1} and found[0].severity.value == "warning"
    assert "colonne de nombres" in found[0].message("fr") and "colonne de dates" in found[1].message("fr")
    # every placeholder the column holds is named, not only the first one met
    assert "2 cellule(s) « n.d. » ou « - » à la place d'une valeur" in found[0].message("fr")
    assert "2 cell(s) 'n.d.' or '-' instead of a value" in found[0].message("en")


def test_a_column_of_many_placeholders_names_the_three_most_frequent(tmp_path: Path) -> None:
    rows = [["Commune", "Population"], *[[f"C{i}", str(1000 + i)] for i in range(20)],
            ["X1", "n.d."], ["X2", "n.d."], ["X3", "n.d."], ["X4", "?"], ["X5", "?"], ["X6", "-"], ["X7", "NA"],
            ["X8", "NULL"]]
    report = check(write_csv(tmp_path / "export.csv", rows), plugins=PM)
    [found] = [f for f in report.findings if f.type == "placeholder-value"]
    assert "7 cellule(s) « n.d. » ou « ? » ou « - » (…) à la place" in found.message("fr")
    [null] = [f for f in report.findings if f.type == "null-markers"]  # a database's NULL: said by null-markers
    assert (null.field_name, null.row_number, null.count) == ("Population", 29, 1)


def test_placeholder_fix_empties_the_cells_and_leaves_text_columns() -> None:
    frame = pd.DataFrame({"nom": ["-", "Namur", "Liège", "Mons"], "n": ["-", "12", "n.d.", "4"],
                          "code": ["A1", "-", "B2", "C3"]}, index=[2, 3, 4, 5], dtype="str")
    fixed, changes = PlaceholderFix().apply(frame, FixContext())
    assert list(fixed["n"]) == ["", "12", "", "4"] and list(fixed["nom"]) == ["-", "Namur", "Liège", "Mons"]
    assert list(fixed["code"]) == ["A1", "-", "B2", "C3"] and list(frame["n"]) == ["-", "12", "n.d.", "4"]
    assert [(c.row_number, c.field_name, c.before, c.after) for c in changes] == [(2, "n", "-", ""), (4, "n", "n.d.", "")]


def test_local_date_times_become_iso(tmp_path: Path) -> None:
    source = tmp_path / "interventions.csv"
    source.write_text("numero,debut,fin\n1,31/01/2024 14:05,31/01/2024 16:30:10\n2,01/02/2024 9:00,\n", encoding="utf-8")
    before = types_of(source)
    assert before.get("date-format") == 2
    out = tmp_path / "o.csv"
    fix(source, out, plugins=PM)
    assert out.read_text(encoding="utf-8") == ("numero,debut,fin\n1,2024-01-31T14:05:00,2024-01-31T16:30:10\n"
                                               "2,2024-02-01T09:00:00,\n")
    assert "date-format" not in types_of(out)


def budget_export(path: Path) -> Path:
    """A budget export from accounting software: title rows, a blank column, blank rows, « - » for nothing,
    dd/mm/yyyy hh:mm time stamps, decimal commas, thousands separators, subtotals per service and a total."""
    rows = [["Budget extraordinaire 2024 — Commune de Somme-Leuze"], ["Extraction du 05/01/2024"], [],
            ["Service", "Article", "", "Libellé", "Montant", "Payé le", "Taux"]]
    services = {"Voirie": [("421/731-60", "Réfection rue de l'Église", "125 000,00", "12/02/2024 10:15", "21")],
                "Écoles": [("722/723-60", "Toiture école de Heure", "84 500,50", "-", "6"),
                           ("722/744-51", "Mobilier", "-", "03/03/2024 08:00", "21")]}
    total = 0.0
    for service, lines in services.items():
        subtotal = 0.0
        for article, label, amount, paid, rate in lines:
            rows.append([service, article, "", label, amount, paid, rate])
            subtotal += float(amount.replace(" ", "").replace(",", ".")) if amount != "-" else 0
        rows.append([f"Sous-total {service}", "", "", "", f"{subtotal:,.2f}".replace(",", " ").replace(".", ","), "", ""])
        rows.append(["", "", "", "", "", "", ""])
        total += subtotal
    rows.append(["TOTAL :", "", "", "", f"{total:,.2f}".replace(",", " ").replace(".", ","), "", ""])
    return write_csv(path, rows)


def survey_workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Enquête de satisfaction — accueil population"])
    sheet.append([])
    sheet.append(["Question", "Réponse", "Nombre", "Part", None])
    for question in ("Accueil", "Délais"):
        for answer, number in (("Oui", 30), ("Non", 20)):
            sheet.append([question, answer, number, "n.d.", None])
        sheet.append([question, "Total ayant donné un avis", 50, 1, None])
        sheet.append([question, "Sans avis", 10, "-", None])
        sheet.append([question, "Total", 60, "-", None])
    workbook.save(path)
    return path


def pivot_export(path: Path) -> Path:
    rows = pivot_rows()
    rows.insert(4, ["2023", "Namur", "Dinant", "Hastière", "-", "-"])  # « - » where the pivot has no value
    return write_csv(path, [["Permis d'urbanisme par commune"], []] + rows)


@pytest.mark.parametrize("make", [budget_export, survey_workbook, pivot_export],
                         ids=["budget-csv", "survey-xlsx", "pivot-csv"])
def test_fixed_real_shaped_files_recheck_without_fixable_errors(tmp_path: Path, make: object) -> None:
    source = make(tmp_path / ("source.xlsx" if make is survey_workbook else "source.csv"))  # type: ignore[operator]
    before = types_of(source)
    assert set(before) & FIXABLE
    out = tmp_path / "propre.csv"
    fix(source, out, plugins=PM)
    after = check(out, plugins=PM)
    left = {type_: count for type_, count in after.stats.items() if type_ in FIXABLE}
    assert left == {} and after.valid, after.stats
    text = out.read_text(encoding="utf-8")
    assert "Somme-Leuze" not in text or "Budget" not in text  # the title went to the side file
    assert text.count("Total ayant donné un avis") == (2 if make is survey_workbook else 0)
    assert "Total" not in text.replace("Total ayant donné un avis", "")
    assert not [f for f in after.findings if f.type == "possible-total"]


def test_budget_export_keeps_every_removed_row(tmp_path: Path) -> None:
    source = budget_export(tmp_path / "budget.csv")
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    removed = {row: reason for row, reason in result.removed_rows}
    assert sorted(removed) == [1, 2, 3, 6, 7, 10, 11, 12]
    assert removed[6] == removed[10] == removed[12] == "Supprimer les lignes de total"
    assert [number for number, _ in result.removed_columns] == [3]
