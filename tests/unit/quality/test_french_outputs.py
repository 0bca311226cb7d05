"""French all the way: no English note of Frictionless, of a codec or of a reader in a French report.

Files with every kind of fault Frictionless explains in English (blank and duplicate labels, short
and long rows, type errors, broken schema constraints, a wrong byte late in a CSV, columns without
a header in a workbook) are checked, and the French text, HTML, XLSX and JSON reports are scanned
for the English fragments and made-up column names that used to leak into them.
"""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console

from odwb_assist.core.errors import InputError
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import QualityReport, check
from odwb_assist.quality.html_report import render_html
from odwb_assist.quality.notes import codec_note, general
from odwb_assist.quality.text_report import render_text
from odwb_assist.quality.xlsx_report import write_xlsx

PM = get_plugin_manager(load_entrypoints=False)
ENGLISH = re.compile(
    r'type is "|at position|codec|charmap|can\'t decode|invalid (?:start|continuation) byte|\bfield[0-9]+\b|Row at|'
    r'constraint "|is not valid|does not conform|the same as in the row|has an? (?:extra|missing)|Traceback|'
    r'(?<!-)\berror:|not a zip file|expected is|/default"', re.I)


def french_outputs(report: QualityReport, source: Path, tmp_path: Path) -> dict[str, str]:
    """Every user-facing text of the four French reports (user data in cells excepted)."""
    buffer = StringIO()
    render_text(report, Console(file=buffer, width=160), lang="fr")
    html = re.sub(r"<code>[^<]*</code>", "", render_html(report, lang="fr"))  # cells shown verbatim
    data = json.loads(report.to_json(lang="fr"))
    texts = [f"{e['message']} {e['tip']} {e.get('fieldLabel') or ''}" for e in data["errors"]]
    try:
        workbook = openpyxl.load_workbook(write_xlsx(report, source, tmp_path / "rapport.xlsx", lang="fr"))
    except InputError as exc:  # the copy of the data cannot be read again (a wrong byte): French too
        return {"text": buffer.getvalue(), "html": html, "json": "\n".join(texts), "xlsx": str(exc)}
    data_sheet, findings = workbook.worksheets
    sheet = [str(c.value or "") for c in data_sheet[1]]
    for row in findings.iter_rows(min_row=1):
        sheet.extend(str(row[i].value or "") for i in (0, 1, 3, 5, 6))  # not the raw cell values
    comments = [c.comment.text for row in data_sheet.iter_rows() for c in row if c.comment]
    return {"text": buffer.getvalue(), "html": html, "json": "\n".join(texts), "xlsx": "\n".join(sheet + comments)}


def assert_french(report: QualityReport, source: Path, tmp_path: Path) -> None:
    for name, text in french_outputs(report, source, tmp_path).items():
        found = ENGLISH.findall(text)
        assert not found, f"English in the French {name} report: {found}"


def test_structure_and_type_errors_are_told_in_french(tmp_path: Path) -> None:
    path = tmp_path / "releves.csv"
    lines = ["id,nom,,nom,valeur,date"] + [f"{i},Station {i},,x,{i * 2},2024-01-{1 + i % 28:02d}" for i in range(1, 60)]
    lines[5] = "5,Station 5"
    lines[9] = ""
    lines[12] = "12,Station 12,,x,24,2024-01-13,en trop,encore"
    lines[40] = "40,Station 40,,x,quarante,2024-02-30"
    path.write_text("\n".join(lines) + "\n")
    report = check(path, plugins=PM)
    assert {"blank-label", "duplicate-label", "missing-cell", "blank-row", "extra-cell", "type-error"} <= set(report.stats)
    assert_french(report, path, tmp_path)
    (label,) = [f for f in report.findings if f.type == "duplicate-label"]
    assert "même titre que la colonne n° 2" in label.message("fr")
    (typed,) = [f for f in report.findings if f.type == "type-error" and f.field_name == "valeur"]
    assert "n'est pas un nombre entier" in typed.message("fr") and "not a whole number" in typed.message("en")


def test_schema_constraints_are_explained(tmp_path: Path) -> None:
    path = tmp_path / "ecoles.csv"
    path.write_text("code,nom,eleves,reseau\nE1,École du Centre,120,communal\nE2,,-4,libre\nE3,Les Tilleuls,80,privé\n")
    schema = {"fields": [{"name": "code", "type": "string", "constraints": {"pattern": "E[0-9]+"}},
                         {"name": "nom", "type": "string", "constraints": {"required": True}},
                         {"name": "eleves", "type": "integer", "constraints": {"minimum": 0}},
                         {"name": "reseau", "type": "string",
                          "constraints": {"enum": ["communal", "libre", "provincial", "fédération"]}}]}
    report = check(path, schema, plugins=PM)
    messages = {f.field_name: f.message("fr") for f in report.findings if f.type == "constraint-error"}
    assert "ne peut pas être vide" in messages["nom"] and "au moins 0" in messages["eleves"]
    assert "l'une de celles permises" in messages["reseau"]
    assert_french(report, path, tmp_path)


def test_a_wrong_byte_late_in_a_utf8_file_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "communes.csv"
    rows = ["commune;population"] + [f"Commune {i};{i}" for i in range(30000)] + ["Li\xe8ge;195000"]
    path.write_bytes(("\n".join(rows) + "\n").encode("latin-1"))
    try:
        report = check(path, plugins=PM)
    except InputError as exc:  # refused as a whole: the message must be French too
        assert not ENGLISH.search(str(exc.message("fr") if callable(getattr(exc, "message", None)) else exc))
        return
    (finding,) = [f for f in report.findings if f.type == "mixed-encoding"]  # every row read, the byte located
    assert report.rows == 30001 and (finding.row_number, finding.field_name) == (30002, "commune")
    assert "l'octet 0xE8 n'est pas un caractère UTF-8" in finding.message("fr") and "« Liège »" in finding.message("fr")
    assert_french(report, path, tmp_path)


def test_columns_without_header_in_a_workbook_are_named_by_number(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Commune", "Population", None, "Superficie", None])
    for name, population, area in (("Namur", 112000, 175.7), ("Liège", 195000, 69.4), ("Dinant", 13000, 99.6)):
        sheet.append([name, population, "x", area, "note"])
    path = tmp_path / "communes.xlsx"
    workbook.save(path)
    report = check(path, plugins=PM)
    labels = {f.field_number: f.message("fr") for f in report.findings if f.type == "blank-label"}
    assert set(labels) == {3, 5}
    assert report.column_label("field3", "fr") == "colonne n° 3 (sans titre)"
    assert report.column_label("field5", "en") == "column 5 (untitled)"
    data = json.loads(report.to_json(lang="fr"))
    assert {e["fieldLabel"] for e in data["errors"] if e["type"] == "blank-label"} == {
        "colonne n° 3 (sans titre)", "colonne n° 5 (sans titre)"}
    assert_french(report, path, tmp_path)


@pytest.mark.parametrize(("note", "expected"), [
    ("'utf-8' codec can't decode byte 0xe9 in position 12: invalid continuation byte", "l'octet 0xE9"),
    ("'charmap' codec can't decode byte 0x81 in position 37: character maps to <undefined>",
     "l'octet 0x81 n'est pas un caractère valide dans l'encodage détecté"),
    ("File is not a zip file", "archive ZIP"),
    ("the source is empty", "le fichier est vide"),
    ("something nobody foresaw", "n'a pas pu être interprété"),
])
def test_library_notes_are_told_in_words(note: str, expected: str) -> None:
    told = general(note)
    assert expected in told.fr and not ENGLISH.search(told.fr) and note.split()[0] not in told.fr.split()[:1]


def test_codec_note_is_none_for_other_text() -> None:
    assert codec_note("Worksheet named 'Feuil2' not found") is None


def test_a_repeated_label_is_shown_as_the_user_wrote_it(tmp_path: Path) -> None:
    path = tmp_path / "budget.csv"
    path.write_text("article;montant;montant\n104/123;1200;1300\n104/124;800;850\n")
    report = check(path, plugins=PM)
    assert report.fields == ["article", "montant", "montant2"]  # Frictionless's names, the JSON identifiers
    assert report.column_label("montant2", "fr") == "montant (colonne n° 3)"
    buffer = StringIO()
    render_text(report, Console(file=buffer, width=160), lang="fr")
    assert "montant2" not in buffer.getvalue() and "montant (colonne n° 3)" in buffer.getvalue()
