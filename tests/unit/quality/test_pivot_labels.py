"""A pivot table's titles (« Étiquettes de lignes », « Somme de Montant ») would name the fields on the portal: said,
and an aggregate's title made its field's by the fix; a natural « Nombre de naissances » is never taken for one."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from odwb_assist.checks.pivot_labels import RenamePivotLabels, pivot_titles
from odwb_assist.core.contract import FixContext
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


@pytest.mark.parametrize(("labels", "titles"), [
    (["Étiquettes de lignes", "Somme de Montant", "Nombre de Dossier"],
     {"Étiquettes de lignes": None, "Somme de Montant": "Montant"}),  # a count keeps its title
    (["Row Labels", "Sum of Amount", "Average of Price"], {"Row Labels": None, "Sum of Amount": "Amount",
                                                           "Average of Price": "Price (moyenne)"}),
    (["Rijlabels", "Som van Bedrag"], {"Rijlabels": None, "Som van Bedrag": "Bedrag"}),
    (["Catégorie", "Somme - Montant", "Max - Montant"], {"Somme - Montant": "Montant", "Max - Montant": "Montant (max)"}),
    (["Commune", "Somme de population"], {"Somme de population": "Population"}),
    (["Commune", "Nombre de naissances", "Moyenne d'âge"], {}),  # natural titles: no sign of a pivot
    (["Commune", "Moyenne de la classe", "Max de places"], {}),
])
def test_pivot_titles(labels: list[str], titles: dict[str, str | None]) -> None:
    assert pivot_titles(labels) == titles


PIVOT = [["Étiquettes de lignes", "Somme de Montant", "Nombre de Dossier"], ["Culture", "12000", "14"],
         ["Sport", "8000", "9"], ["Jeunesse", "4500", "6"], ["Total général", "24500", "29"]]


def test_a_pivot_export_is_said_and_its_aggregates_renamed_by_the_fix(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "subsides.csv", PIVOT)
    found = {f.field_number: f for f in check(source, plugins=pm()).findings if f.type == "pivot-labels"}
    assert sorted(found) == [1, 2] and {f.severity.value for f in found.values()} == {"warning"}
    assert "premi\u00e8re colonne" in found[1].message("fr") and found[1].extra["label"] is None
    assert "plut\u00f4t que « Montant »" in found[2].message("fr") and "pivot table" in found[2].message("en")
    result = fix(source, tmp_path / "propre.csv", plugins=pm())
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[0] == \
        "Étiquettes de lignes,Montant,Nombre de Dossier"
    assert "titre : « Somme de Montant » → « Montant »" in result.preview("fr")
    assert [f.field_number for f in check(tmp_path / "propre.csv", plugins=pm()).findings
            if f.type == "pivot-labels"] == [1]  # the first column is to be named by hand


def test_a_title_is_never_renamed_onto_another_columns() -> None:
    table = pd.DataFrame({"Row Labels": ["a"], "Sum of Amount": ["1"], "Amount": ["2"]}, index=[2])
    same, changes = RenamePivotLabels().apply(table, FixContext())
    assert list(same.columns) == ["Row Labels", "Sum of Amount", "Amount"] and not changes


def test_a_workbook_pivot_read_whole_is_renamed_too(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    for row in [["Subsides 2024"], [], ["Étiquettes de lignes", "Somme de Montant"], ["Culture", 12000],
                ["Sport", 8000], ["Total général", 20000]]:
        book.active.append(row)
    book.save(tmp_path / "pivot.xlsx")
    fix(tmp_path / "pivot.xlsx", tmp_path / "pivot.csv", plugins=pm())
    assert (tmp_path / "pivot.csv").read_text(encoding="utf-8").splitlines() == [
        "Étiquettes de lignes,Montant", "Culture,12000", "Sport,8000"]


def test_natural_titles_say_nothing(tmp_path: Path) -> None:
    rows = [["Commune", "Nombre de naissances", "Moyenne d'âge"], ["Ciney", "160", "41,2"], ["Dinant", "120", "43,5"]]
    assert not [f for f in check(write_csv(tmp_path / "n.csv", rows), plugins=pm()).findings if f.type == "pivot-labels"]


def test_the_pivots_blank_item_is_said_and_emptied(tmp_path: Path) -> None:
    rows = [*PIVOT[:3], ["(vide)", "500", "2"], PIVOT[-1]]
    source = write_csv(tmp_path / "subsides.csv", rows)
    [blank] = [f for f in check(source, plugins=pm()).findings if f.type == "pivot-labels" and f.row_number == 4]
    assert "1 cellule(s) « (vide) », le nom qu'un tableau croisé dynamique donne aux lignes sans valeur" in \
        blank.message("fr")
    fix(source, tmp_path / "propre.csv", plugins=pm())
    assert (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()[3] == ",500,2"
    table = pd.DataFrame({"Row Labels": ["Culture", "(blank)"], "Sum of Amount": ["1", "2"]}, index=[2, 3])
    fixed, changes = RenamePivotLabels().apply(table, FixContext())
    assert list(fixed["Row Labels"]) == ["Culture", ""] and list(fixed.columns) == ["Row Labels", "Amount"]
    assert len(changes) == 2


def test_a_blank_item_outside_a_pivot_is_a_value(tmp_path: Path) -> None:
    rows = [["Catégorie", "Montant"], ["(vide)", "500"], ["Culture", "12000"]]
    source = write_csv(tmp_path / "n.csv", rows)
    assert not [f for f in check(source, plugins=pm()).findings if f.type == "pivot-labels"]
    fix(source, tmp_path / "propre.csv", plugins=pm())
    assert "(vide),500" in (tmp_path / "propre.csv").read_text(encoding="utf-8")
