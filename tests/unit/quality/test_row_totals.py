"""A column of row totals (a pivot table's « Total général », « Total » after « Hommes » and « Femmes ») is a total,
not a measure: said when every row adds up, and moved to the side file by fix; anything less certain is data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


def loans() -> list[list[str]]:
    """Loans per library and month, written the local way, a total per row and a total row."""
    rows = [["Code INS", "Implantation", "Janvier", "Février", "Mars", "Total"]]
    for number, library in enumerate(["Centrale", "Jambes", "Bouge", "Bibliobus"]):
        months = [1200.5 + 310 * number, 980.25 + number, 1.5 * number]
        rows.append(["92094", library, *(f"{m:,.2f}".replace(",", " ").replace(".", ",") for m in months),
                     f"{sum(months):,.2f}".replace(",", " ").replace(".", ",")])
    return rows


def test_a_column_of_row_totals_is_said_and_kept(tmp_path: Path) -> None:
    source = write(tmp_path / "prets.csv", loans())
    report = check(source, plugins=PM)
    [said] = [f for f in report.findings if f.type == "total-column"]
    assert (said.field_name, said.severity.value, said.extra["summed"]) == ("Total", "warning",
                                                                          ["Janvier", "Février", "Mars"])
    assert said.message("fr") == ("La colonne « Total » est, sur chacune de ses 4 lignes, la somme des colonnes "
                                  "« Janvier » à « Mars » : une colonne de total, calculée à partir des autres.")
    result = fix(source, tmp_path / "propre.csv", plugins=PM)  # derived, but data: no fix removes it
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[0] == \
        "Code INS,Implantation,Janvier,Février,Mars,Total"
    assert not result.remaining


def test_the_totals_of_two_tables_side_by_side_are_both_said(tmp_path: Path) -> None:
    rows = [["Commune", "Garçons", "Filles", "Total", "", "Commune", "Garçons", "Filles", "Total"],
            ["Ciney", "80", "75", "155", "", "Ciney", "82", "70", "152"],
            ["Dinant", "60", "66", "126", "", "Dinant", "58", "61", "119"]]
    said = [f.field_name for f in check(write(tmp_path / "naissances.csv", rows), plugins=PM).findings
            if f.type == "total-column"]
    assert said == ["Total", "Total2"]


@pytest.mark.parametrize(("label", "change"), [
    ("Population totale", None),  # not a total's label alone
    ("Total", (2, 5, "9999")),  # one row does not add up
    ("Total", (3, 3, "n.d.")),  # a word among the numbers: not proven
])
def test_anything_less_certain_is_data(tmp_path: Path, label: str, change: tuple[int, int, str] | None) -> None:
    rows = loans()
    rows[0][5] = label
    if change is not None:
        row, column, value = change
        rows[row][column] = value
    assert "total-column" not in check(write(tmp_path / "prets.csv", rows), plugins=PM).stats


def test_two_columns_summed_are_named_with_and(tmp_path: Path) -> None:
    rows = [["Âge", "Hommes", "Femmes", "Total (hab.)"], ["0-9", "614", "829", "1443"], ["10-19", "400", "684", "1084"]]
    [said] = [f for f in check(write(tmp_path / "ages.csv", rows), plugins=PM).findings if f.type == "total-column"]
    assert "la somme des colonnes « Hommes » et « Femmes »" in said.message("fr")
