"""The XLSX report's problem sheet gives each row as its data sheet shows it (and the original file's line too),
says how many faulty cells are not coloured and why, and speaks French severities."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

from odwb_assist.core.findings import Finding, Severity
from odwb_assist.core.i18n import Msg
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, write_xlsx


def test_rows_match_the_data_sheet_and_uncoloured_cells_are_counted(tmp_path: Path) -> None:
    rows = "".join(f"Commune {i};{i},5;{'Total' if i == 99 else 'x'}\n" for i in range(1, 31))
    source = tmp_path / "export.csv"
    source.write_text("Inventaire des superficies\n\nCommune;Superficie;Note\n" + rows, encoding="utf-8")
    report = check(source, plugins=get_plugin_manager(load_entrypoints=False))
    out = write_xlsx(report, source, tmp_path / "rapport.xlsx")
    workbook = openpyxl.load_workbook(out)
    data, problems = workbook["donnees"], workbook["problemes"]
    header = [c.value for c in problems[1]]
    assert header[:2] == ["ligne (feuille donnees)", "ligne du fichier d'origine"] and header[-1] == "code"
    decimal = next(r for r in problems.iter_rows(min_row=2, values_only=True) if r[-1] == "decimal-comma")
    sheet_row, original_row, column = decimal[0], decimal[1], decimal[2]
    assert original_row == 4 and sheet_row == 2  # two title lines and the header above it in the file
    assert data.cell(row=sheet_row, column=2).value == decimal[3] == "1,5"
    assert data.cell(row=sheet_row, column=2).fill.fgColor.rgb.endswith("FFE08A")
    assert decimal[4] == "avertissement"
    assert {r[4] for r in problems.iter_rows(min_row=2, values_only=True)} <= {"erreur", "avertissement", "conseil"}
    coloured = sum(1 for r in range(2, data.max_row + 1) if data.cell(row=r, column=2).fill.fgColor.rgb.endswith("FFE08A"))
    notes = (" ".join(str(c.value) for row in workbook["a lire"].iter_rows() for c in row)
             if "a lire" in workbook.sheetnames else "")
    said = re.search(r"(\d+) cellule\(s\) fautive\(s\) sur 30 ne sont pas colorées", notes)
    assert coloured + (int(said.group(1)) if said else 0) == 30  # every faulty cell coloured, or counted and explained
    assert column == "Superficie"


def test_a_finding_known_only_by_examples_is_explained(tmp_path: Path) -> None:
    source = tmp_path / "x.csv"
    source.write_text("nom,surface\n" + "".join(f"L{i},\"{i},5\"\n" for i in range(1, 31)), encoding="utf-8")
    report = check(source, plugins=get_plugin_manager(load_entrypoints=False))
    only_examples = Finding("decimal-comma", Severity.WARNING, Msg("Virgule", "Comma"), Msg("Point", "Point"),
                            row_number=2, field_name="surface", cell="1,5", count=30,
                            extra={"examples": [{"rowNumber": r, "cell": "x"} for r in range(2, 22)]})
    report.findings = [only_examples]
    workbook = openpyxl.load_workbook(write_xlsx(report, source, tmp_path / "r.xlsx"))
    notes = " ".join(str(c.value) for row in workbook["a lire"].iter_rows() for c in row)
    assert "Colonne « surface » (Virgule décimale) : 10 cellule(s) fautive(s) sur 30 ne sont pas colorées" in notes
