"""Column titles broken over several lines with Alt+Enter (« Montant↵(EUR) »): said once per title, written on one
line by the fix, shown on one line in the reports; line breaks inside data cells (an address) are values."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from rich.console import Console

from odwb_assist.checks.label_line_breaks import one_line, shown_on_one_line
from odwb_assist.checks.trim_spaces import TrimSpaces
from odwb_assist.core.contract import FixContext
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix
from odwb_assist.quality.text_report import render_text


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def write_budget(path: Path) -> Path:
    """A CPAS budget saved from Excel as CSV: two titles broken with Alt+Enter (LF inside quotes, CRLF row ends),
    an address cell on two lines, a title ending with a break only."""
    rows = [["Article", "Montant\n(EUR)", "Date de\ndébut", "Adresse", "Service\n"],
            ["831/123-02", "1250,5", "01/01/2025", "Rue de Fer 12\n5000 Namur", "Aide sociale"],
            ["831/124-01", "300", "15/02/2025", "Place d'Armes 1", "Logement"]]
    with path.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows(rows)
    return path


def test_each_title_on_several_lines_is_one_warning(tmp_path: Path) -> None:
    report = check(write_budget(tmp_path / "budget.csv"), plugins=pm())
    found = [f for f in report.findings if f.type == "label-line-break"]
    assert [(f.field_number, f.row_number, f.extra["label"]) for f in found] == [(2, 1, "Montant (EUR)"),
                                                                                 (3, 1, "Date de début")]
    assert {f.severity.value for f in found} == {"warning"}
    assert found[0].message("fr") == "Le titre de la colonne n° 2 s'écrit sur 2 lignes : « Montant ↵ (EUR) »."
    assert found[1].message("en") == "The title of column 3 is written on 2 lines: 'Date de ↵ début'."
    assert "Ctrl+J" in found[0].tip("fr") and "odwb-assist fix" in found[0].tip("fr")
    assert report.rows == 2  # the quoted breaks are inside cells: no row was cut


def test_the_reports_show_a_broken_title_on_one_line(tmp_path: Path) -> None:
    report = check(write_budget(tmp_path / "budget.csv"), plugins=pm())
    console = Console(record=True, width=200)
    render_text(report, console, "fr")
    text = console.export_text()
    assert "Montant ↵ (EUR)" in text and "Montant\n(EUR)" not in text
    data = json.loads(report.to_json("fr"))
    comma = next(f for f in data["errors"] if f["type"] == "decimal-comma")
    assert comma["fieldName"] == "Montant\n(EUR)" and comma["fieldLabel"] == "Montant ↵ (EUR)"


def test_fix_writes_every_title_on_one_line_and_keeps_the_cells(tmp_path: Path) -> None:
    result = fix(write_budget(tmp_path / "budget.csv"), tmp_path / "propre.csv", plugins=pm())
    raw = (tmp_path / "propre.csv").read_text(encoding="utf-8")
    assert raw.splitlines()[0] == "Article,Montant (EUR),Date de début,Adresse,Service"
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][3] == "Rue de Fer 12\n5000 Namur"  # a value: kept as written
    preview = result.preview("fr")
    assert "titre : « Montant ↵ (EUR) » → « Montant (EUR) »" in preview
    assert "ligne 2, Montant ↵ (EUR) : « 1250,5 » → « 1250.5 »" in preview
    assert not [f for f in check(tmp_path / "propre.csv", plugins=pm()).findings if f.type == "label-line-break"]


def test_a_workbook_title_broken_with_alt_enter(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    for row in [["Commune", "Population\nau 1er janvier", "Superficie\r\n(km²)"], ["Ciney", 16500, 147.5],
                ["Dinant", 13500, 99.7]]:
        book.active.append(row)
    book.save(tmp_path / "communes.xlsx")
    found = [f for f in check(tmp_path / "communes.xlsx", plugins=pm()).findings if f.type == "label-line-break"]
    assert [f.extra["label"] for f in found] == ["Population au 1er janvier", "Superficie (km²)"]
    fix(tmp_path / "communes.xlsx", tmp_path / "communes.csv", plugins=pm())
    assert (tmp_path / "communes.csv").read_text(encoding="utf-8").splitlines()[0] == \
        "Commune,Population au 1er janvier,Superficie (km²)"


def test_the_whole_table_fix_writes_titles_on_one_line_unless_another_column_has_that_title() -> None:
    table = pd.DataFrame({"Montant\n(EUR)": ["1"], "Montant (EUR)": ["2"], " Date de\r\n début ": ["x"]})
    new, changes = TrimSpaces().apply(table, FixContext(report=None, kinds={}))
    assert list(new.columns) == ["Montant\n(EUR)", "Montant (EUR)", "Date de début"]
    assert [(c.before, c.after) for c in changes] == [(" Date de\r\n début ", "Date de début")]


@pytest.mark.parametrize(("label", "line"), [("Montant\n(EUR)", "Montant (EUR)"), ("Date  de\r\n\r\n début", "Date  de début"),
                                             ("A\x0bB", "A B"), ("Nom\u2028Prénom", "Nom Prénom"), (" Service\n", "Service"),
                                             ("Sans saut", "Sans saut")])
def test_one_line(label: str, line: str) -> None:
    assert one_line(label) == line


def test_shown_on_one_line_marks_each_break() -> None:
    assert shown_on_one_line("Rue X\r\n\r\n5000 Namur") == "Rue X ↵  ↵ 5000 Namur"
    assert shown_on_one_line("sans saut") == "sans saut"
