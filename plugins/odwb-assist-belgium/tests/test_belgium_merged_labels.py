"""A directory of associations is no merged layout: the blanks of its enterprise-number column (associations de fait
have none) are missing values, and the fix must never give an association the number of the one above it."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from odwb_assist.checks.merged_label_cells import FillDownMergedLabels
from odwb_assist.core.contract import FixContext
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

HEADER = ["Association", "Forme", "Numéro d'entreprise", "Personne de contact", "Courriel", "Commune"]
# valid mod-97 enterprise numbers; the blanks follow a filled number each time, as a merged label's would
ASSOCIATIONS = [
    ["Les Amis du Rail", "ASBL", "0417.497.106", "Secrétariat", "info@amisdurail.be", "Namur"],
    ["Cercle horticole de Ciney", "Association de fait", "", "Accueil", "cercle.horticole@ciney.be", "Ciney"],
    ["Maison des Jeunes d'Andenne", "ASBL", "0441.234.588", "Accueil", "accueil@mj-andenne.be", "Andenne"],
    ["Chorale Saint-Remacle", "Association de fait", "", "Secrétariat", "chorale@stremacle.be", "Ciney"],
    ["Club de pétanque Les Boulistes", "Association de fait", "", "Comité", "boulistes@andenne.be", "Andenne"],
    ["Royal Football Club Dinant", "ASBL", "0408.321.401", "Secrétariat", "secretariat@rfcdinant.be", "Dinant"],
    ["Les Marcheurs de la Molignée", "Association de fait", "", "Comité", "marcheurs@molignee.be", "Anhée"],
]


def pm():  # noqa: ANN201
    return get_plugin_manager()  # with the Belgian plugin: its kinds say which columns are identifiers


def write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([header, *rows])
    return path


def reorder(order: list[int]) -> tuple[list[str], list[list[str]]]:
    return [HEADER[i] for i in order], [[row[i] for i in order] for row in ASSOCIATIONS]


@pytest.mark.parametrize("order", [[0, 1, 2, 3, 4, 5], [2, 0, 1, 3, 4, 5], [0, 2, 1, 3, 4, 5]],
                         ids=["named-first", "numbers-first", "numbers-second"])
def test_blanks_in_a_directory_are_missing_values_never_filled_down(tmp_path: Path, order: list[int]) -> None:
    header, rows = reorder(order)
    source = write(tmp_path / "associations.csv", header, rows)
    assert not [f for f in check(source, plugins=pm()).findings if f.type == "merged-label-cells"]
    result = fix(source, tmp_path / "propre.csv", plugins=pm())
    assert "fill-down-merged-labels" not in result.counts
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle))
    numbers = header.index("Numéro d'entreprise")
    assert [row[numbers] for row in written[1:]] == [row[numbers] for row in rows]


def test_a_label_merged_under_a_repeated_outer_label_is_still_filled_down(tmp_path: Path) -> None:
    rows = [["Province", "Arrondissement", "Commune", "Population"],
            ["Namur", "Dinant", "Anhée", 7200], ["Namur", None, "Ciney", 16500], ["Namur", None, "Dinant", 13500],
            ["Namur", "Namur", "Andenne", 27000], ["Namur", None, "Assesse", 7100], ["Namur", None, "Namur", 111000],
            ["Liège", "Huy", "Huy", 21000], ["Liège", None, "Wanze", 14000], ["Liège", "Liège", "Seraing", 64000],
            ["Liège", None, "Herstal", 40000]]
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "communes.xlsx")
    report = check(tmp_path / "communes.xlsx", plugins=pm())
    assert [f.field_name for f in report.findings if f.type == "merged-label-cells"] == ["Arrondissement"]
    fix(tmp_path / "communes.xlsx", tmp_path / "communes.csv", plugins=pm())
    lines = (tmp_path / "communes.csv").read_text(encoding="utf-8").splitlines()
    assert lines[6] == "Namur,Namur,Namur,111000" and lines[10] == "Liège,Liège,Herstal,40000"


def test_the_whole_table_fix_leaves_identifier_columns_alone() -> None:
    header, rows = reorder([2, 0, 1, 3, 4, 5])
    table = pd.DataFrame(rows, columns=header, index=range(2, 2 + len(rows)))
    kept, changes = FillDownMergedLabels().apply(table, FixContext(options={"identifier_fields": frozenset(header[:1])}))
    assert not changes and kept[header[0]].tolist() == [row[0] for row in rows]
    _, filled = FillDownMergedLabels().apply(table, FixContext())  # told nothing of the kinds: the old verdict
    assert filled
