"""Accents spoilt by a double encoding (a UTF-8 file opened as Windows-1252 and saved again): found in cells and
labels, restored exactly by the fix, and never seen in French, Dutch or Portuguese text that is right."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from odwb_assist.checks.double_encoding import RepairDoubleEncoding, repaired, spoilt_mask
from odwb_assist.core.contract import FixContext
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

RIGHT = ["Accès à l'école", "l’église Saint-Rémy", "Œuvres paroissiales", "Évêché de Namur", "« Les Échos »",
         "Coût : 12 €", "Crèche — garderie…", "Nœud ferroviaire", "Ça va", "Aîné·e·s", "Naïf", "Bâtiment n°3"]


def spoil(text: str) -> str:
    """``text`` as a spreadsheet makes it: its UTF-8 bytes read as Windows-1252."""
    return text.encode("utf-8").decode("cp1252")


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


@pytest.mark.parametrize("text", RIGHT)
def test_the_repair_is_the_exact_reverse(text: str) -> None:
    assert spoil(text) != text
    assert repaired(spoil(text)) == text


@pytest.mark.parametrize("text", [*RIGHT, "ÉCOLE COMMUNALE", "À louer", "Âge moyen", "SÃO PAULO", "Ãtre", "Château",
                                  "Île-de-France", "Zoë", "café-théâtre", "n° 12", "Ökonomie", "ß", "Ã", "â‚"])
def test_right_text_is_never_taken_for_spoilt(text: str) -> None:
    assert repaired(text) is None


def test_a_cell_edited_since_is_repaired_where_it_is_spoilt_only() -> None:
    assert repaired("Accès " + spoil("école")) == "Accès école"


def test_the_mojibake_of_a_byte_order_mark_is_dropped() -> None:
    assert repaired(spoil("\ufeffCommune")) == "Commune"


def write_spoilt(path: Path) -> Path:
    rows = [["\ufeffRue", "Commune", "Année", "Remarque"],
            ["Rue de la Gare", "Ciney", "2023", "Accès école"],
            ["Allée des Érables", "Dinant", "2024", "Près de l’église"],
            ["Chaussée de Namur", "Yvoir", "2024", ""],
            ["Place du Château", "Dinant", "2024", "ÉCOLE"]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([[spoil(cell) if n < 4 else cell for cell in row]
                                                     for n, row in enumerate(rows)])
    return path


def test_spoilt_cells_and_labels_are_errors_one_per_column_and_per_label(tmp_path: Path) -> None:
    report = check(write_spoilt(tmp_path / "rues.csv"), plugins=pm())
    found = [f for f in report.findings if f.type == "double-encoding"]
    labels = [f for f in found if f.row_number == 1]
    assert [f.extra["label"] for f in labels] == ["Rue", "Année"]
    cells = {f.field_name: f for f in found if f.row_number != 1}
    assert cells[spoil("\ufeffRue")].count == 2 and list(cells["Remarque"].all_rows) == [2, 3]
    assert {f.severity.value for f in found} == {"error"}
    assert "« AccÃ¨s Ã©cole »" in cells["Remarque"].message("fr")


def test_fix_restores_them_and_the_clean_file_checks_clean(tmp_path: Path) -> None:
    result = fix(write_spoilt(tmp_path / "rues.csv"), tmp_path / "propre.csv", plugins=pm())
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Rue", "Commune", "Année", "Remarque"]
    assert rows[2] == ["Allée des Érables", "Dinant", "2024", "Près de l’église"]
    assert rows[4] == ["Place du Château", "Dinant", "2024", "ÉCOLE"]  # right already: untouched
    assert result.counts["repair-double-encoding"] == 6  # two labels, four cells
    assert "titre : « AnnÃ©e » → « Année »" in result.preview("fr")
    assert not [f for f in check(tmp_path / "propre.csv", plugins=pm()).findings if f.type == "double-encoding"]


def test_the_whole_table_fix_and_the_arrow_path_agree(tmp_path: Path) -> None:
    cells = [f"Rue {n}" for n in range(300)] + [spoil("Allée"), "Allée", "SÃO", spoil("Œuvre"), "Âge"]
    arrow = pd.Series(pd.array(cells, dtype="string[pyarrow]"))
    assert list(spoilt_mask(arrow)) == [repaired(text) is not None for text in cells] == list(
        spoilt_mask(pd.Series(cells, dtype=object)))
    table = pd.DataFrame({spoil("Année"): ["2024", "2025"], "Lieu": [spoil("Église"), "Dinant"]}, index=[2, 3])
    new, changes = RepairDoubleEncoding().apply(table, FixContext(report=None, kinds={}))
    assert list(new.columns) == ["Année", "Lieu"] and list(new["Lieu"]) == ["Église", "Dinant"]
    assert len(changes) == 2


def test_a_workbook_imported_with_the_wrong_encoding_is_seen_too(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    for row in [["Commune", "Adresse"], ["Ciney", spoil("Rue de l’Église 1")], ["Dinant", "Rue Grande 2"]]:
        book.active.append(row)
    book.save(tmp_path / "adresses.xlsx")
    found = [f for f in check(tmp_path / "adresses.xlsx", plugins=pm()).findings if f.type == "double-encoding"]
    assert [(f.field_name, f.row_number) for f in found] == [("Adresse", 2)]
