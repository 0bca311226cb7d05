"""Subtotal rows known only by their codes: a budget by function (« 04 » over « 040 », « 041 », « 042 ») or a table
by statistical sector (the commune « 62063 » over its sectors « 62063A00- »…). No « Total » marks them, and they got a
green tick: a sum or a chart on the portal counts those amounts twice."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from odwb_assist.checks.code_subtotals import code_column, parents, subtotals
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

GROUPS = {"00": ["000", "001"], "04": ["040", "041", "042"], "42": ["421", "422", "423"], "87": ["875", "876"]}


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


def budget(after: bool = False, decimal: bool = False) -> list[list[str]]:
    """Functions with their sub-functions, each group's row holding their sums (``after``: below them)."""
    rows = [["Fonction", "Libellé", "Dépenses ordinaires", "Recettes ordinaires"]]
    for number, (group, codes) in enumerate(GROUPS.items()):
        detail = [[code, f"Sous-fonction {code}", 1000 * (number + 1) + 37 * k + (0.25 if decimal else 0), 500 + 11 * k]
                  for k, code in enumerate(codes)]
        head = [group, f"Fonction {group}", sum(row[2] for row in detail), sum(row[3] for row in detail)]
        block = [*detail, head] if after else [head, *detail]
        rows += [[code, label, f"{spent:.2f}".replace(".", ",") if decimal else str(spent), str(earned)]
                 for code, label, spent, earned in block]
    return rows


def test_the_tree_of_codes() -> None:
    codes = ["04", "040", "041", "", "42", "421", "4211", "422", "5", "50"]
    assert parents(codes) == [-1, 0, 0, -1, -1, 4, 5, 4, -1, 8]
    assert code_column(codes) and not code_column(["Namur", "Liège", "Mons"]) and not code_column(["12", "34", "56"])
    numbers = np.array([[30.0], [10.0], [20.0], [np.nan], [5.0], [2.0], [2.0], [3.0], [1.0], [1.0]])
    assert subtotals(codes, numbers) == {0: [1, 2], 4: [5, 7]}  # « 5 » has one child only


@pytest.mark.parametrize(("after", "decimal"), [(False, False), (True, False), (False, True)])
def test_a_budget_by_function_with_its_subtotals_is_said(tmp_path: Path, after: bool, decimal: bool) -> None:
    report = check(write(tmp_path / "budget.csv", budget(after, decimal)), plugins=pm())
    [said] = [f for f in report.findings if f.type == "code-subtotals"]
    first = 4 if after else 2  # the row of « 00 »: under its two sub-functions, or above them
    assert (said.field_name, said.count, said.row_number, said.cell, said.severity.value) == ("Fonction", 4, first,
                                                                                               "00", "warning")
    assert "le code « 00 » additionne les 2 lignes de codes « 000 » à « 001 »" in said.message("fr")
    assert "would count those amounts twice" in said.message("en")
    assert said.extra["children"] == ([2, 3] if after else [3, 4])


def test_statistical_sectors_under_their_commune(tmp_path: Path) -> None:
    rows = [["Code INS", "Entité", "Population"]]
    for commune, sectors in (("62063", [1200, 830, 410]), ("62079", [990, 1510])):
        rows.append([commune, f"Commune {commune}", str(sum(sectors))])
        rows += [[f"{commune}A0{k}-", f"Secteur {k}", str(value)] for k, value in enumerate(sectors)]
    [said] = [f for f in check(write(tmp_path / "secteurs.csv", rows), plugins=pm()).findings
              if f.type == "code-subtotals"]
    assert (said.count, said.rows) == (2, (2, 6))


def test_codes_whose_numbers_are_not_sums_are_not_said(tmp_path: Path) -> None:
    """Rates, a parent's own amount, postal codes of one length, a row with one child: no subtotal."""
    rows = [["Code", "Libellé", "Taux", "Montant"],
            ["04", "Impôts", "12,5", "900"], ["040", "Additionnels", "8", "450"], ["041", "Précompte", "4,5", "420"],
            ["42", "Voiries", "3", "70"], ["421", "Entretien", "3", "70"],
            ["5000", "Namur", "1", "10"], ["5001", "Belgrade", "2", "20"], ["5002", "Saint-Servais", "3", "30"]]
    assert not [f for f in check(write(tmp_path / "codes.csv", rows), plugins=pm()).findings
                if f.type == "code-subtotals"]


def test_a_large_file_is_not_held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from odwb_assist.checks import code_subtotals

    monkeypatch.setattr(code_subtotals, "MAX_ROWS", 10)
    assert not [f for f in check(write(tmp_path / "budget.csv", budget()), plugins=pm()).findings
                if f.type == "code-subtotals"]


def test_a_budget_with_every_amount_written_the_local_way(tmp_path: Path) -> None:
    """Phoenix's CSV export writes each amount « 1.234.567,50 »: no column is typed as numbers, and the subtotals
    went unsaid; the shared parse reads them."""
    def local(amount: float) -> str:
        return f"{amount:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")

    rows = [["Fonction", "Libellé", "Recettes", "Dépenses"]]
    for number, (group, codes) in enumerate(GROUPS.items()):
        detail = [(code, 12345.5 * (number + 1) + 1000.25 * k, 2000.75 * k) for k, code in enumerate(codes)]
        rows.append([group, f"Fonction {group}", local(sum(r[1] for r in detail)), local(sum(r[2] for r in detail))])
        rows += [[code, f"Sous-fonction {code}", local(earned), local(spent)] for code, earned, spent in detail]
    report = check(write(tmp_path / "budget.csv", rows), plugins=pm())
    assert report.types["Recettes"] == "string" and rows[2][2] == "12.345,50"
    [said] = [f for f in report.findings if f.type == "code-subtotals"]
    assert (said.count, said.rows) == (4, (2, 5, 9, 13))
