from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from odwb_assist.core.errors import InventoryError
from odwb_assist.core.findings import Finding, Severity
from odwb_assist.core.i18n import Msg
from odwb_assist.inventory import COLUMNS, read, table_schema, write_template
from odwb_assist.inventory.template import write_inventory

from .conftest import GOOD_ROWS, FakeEngine, FakeReport, fill


def test_template_has_dropdowns_help_example_and_guide(tmp_path: Path) -> None:
    path = write_template(tmp_path / "inv.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:2] == ["Mode d'emploi", "Inventaire"]
    ws = wb["Inventaire"]
    assert [c.value for c in ws[1]] == [c.label for c in COLUMNS]
    assert all(c.comment is not None and c.comment.text for c in ws[1])
    assert ws.cell(row=2, column=1).value == "EXEMPLE"
    assert ws.cell(row=2, column=1).font.italic
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    coded = [c for c in COLUMNS if c.codes]
    assert len(lists) == len(coded)
    assert all("Listes" in dv.formula1 for dv in lists)
    guide = "\n".join(str(c.value) for row in wb["Mode d'emploi"].iter_rows() for c in row if c.value)
    assert "odwb-assist inventory check" in guide and "Valeur (1-5)" in guide
    assert wb["Listes"].sheet_state == "hidden"


def test_template_refuses_to_overwrite(tmp_path: Path) -> None:
    path = write_template(tmp_path / "inv.xlsx")
    before = path.read_bytes()
    with pytest.raises(InventoryError) as excinfo:
        write_template(path)
    assert "existe déjà" in str(excinfo.value)
    assert path.read_bytes() == before
    with pytest.raises(InventoryError):
        write_template(tmp_path / "inv.csv")


def test_round_trip_without_findings(filled: Path, fake_engine: FakeEngine) -> None:
    inventory = read(filled, engine=fake_engine)
    assert inventory.findings == []
    assert [e.identifier for e in inventory.entries] == ["INV-001", "INV-002", "INV-003"]
    first = inventory.entries[0]
    assert (first.value, first.effort, first.theme, first.row_number) == (5, 1, "Mobilité", 3)
    assert inventory.find("ciney-arbres") is inventory.entries[2]
    assert inventory.find("inv-002").title == "Registre des primes"  # type: ignore[union-attr]
    assert inventory.entries[2].published_on == "2026-03-15"
    # the quality engine was given the sheet and the inventory's schema, matching the headers
    call = fake_engine.calls[0]
    assert call["sheet"] == "Inventaire"
    assert [f["name"] for f in call["schema"]["fields"]] == [c.label for c in COLUMNS]


def test_engine_findings_are_merged_and_deduplicated(filled: Path) -> None:
    same_cell = Finding("type-error", Severity.ERROR, Msg("x", "x"), Msg("y", "y"), row_number=4, field_name="Titre")
    other = Finding("personal-email", Severity.WARNING, Msg("m", "m"), Msg("t", "t"), row_number=3, field_name="Contact")
    fill(filled, [{}, {"title": None}])  # row 4 loses its title
    wb = openpyxl.load_workbook(filled)
    wb["Inventaire"].cell(row=4, column=2).value = None
    wb.save(filled)
    inventory = read(filled, engine=FakeEngine(FakeReport([same_cell, other])))
    kinds = [(f.row_number, f.field_name, f.type) for f in inventory.findings]
    assert (4, "Titre", "inventory-required-value") in kinds
    assert (4, "Titre", "type-error") not in kinds
    assert (3, "Contact", "personal-email") in kinds


def test_badly_filled_inventory_reports_row_and_column(tmp_path: Path) -> None:
    path = fill(write_template(tmp_path / "bad.xlsx"), [
        {"identifier": "A1", "title": "Bon", "value": 3, "effort": 3},
        {"identifier": "A1", "title": "", "personal_data": "peut-être", "value": 7, "effort": "beaucoup",
         "status": "en cours", "published_on": "31/02/2026", "dataset_id": "Mon Jeu"},
    ])
    inventory = read(path, engine=None)
    got = {(f.row_number, f.field_name, f.type) for f in inventory.findings}
    assert got == {
        (4, "Identifiant", "inventory-duplicate-id"),
        (4, "Titre", "inventory-required-value"),
        (4, "Données personnelles", "inventory-unknown-code"),
        (4, "Valeur (1-5)", "inventory-score"),
        (4, "Effort (1-5)", "inventory-score"),
        (4, "Statut", "inventory-unknown-code"),
        (4, "Date de publication", "inventory-date"),
        (4, "Identifiant ODWB", "inventory-dataset-id"),
    }
    assert not inventory.valid
    score = next(f for f in inventory.findings if f.type == "inventory-score")
    assert "1 à 5" in score.message.fr and "liste déroulante" in score.tip.fr
    assert score.field_number == 15 and score.cell == "7"
    assert "Row 4" in score.message.en


def test_csv_with_english_headers_and_accentless_codes(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("identifier;Title;Status;Value (1-5);Effort;Personal data;Owner\n"
                    "X-1;Cartes;publie;4;2;NON;me\n\nX-2;Photos;identifie;;;partiellement;\n", encoding="utf-8")
    inventory = read(path, engine=None)
    assert [(e.identifier, e.status, e.value, e.personal_data) for e in inventory.entries] == [
        ("X-1", "publié", 4, "non"), ("X-2", "identifié", None, "partiellement")]
    assert inventory.entries[1].row_number == 4
    types = {(f.type, f.field_name) for f in inventory.findings}
    assert ("inventory-unknown-column", "Owner") in types
    assert ("inventory-published-without-id", "Status") in types



def test_an_inventory_saved_by_excel_for_mac_keeps_its_accents(tmp_path: Path) -> None:
    """« CSV (Macintosh) »: Mac OS Roman, read as Windows-1252 before (« Liège » became « Li\ufffdge »)."""
    path = tmp_path / "inv.csv"
    path.write_bytes("identifier;Title;Status\rX-1;Équipements de Liège;publié\rX-2;Écoles fréquentées;identifié\r"
                     .encode("mac_roman"))
    inventory = read(path, engine=None)
    assert [(e.identifier, e.title, e.status) for e in inventory.entries] == [
        ("X-1", "Équipements de Liège", "publié"), ("X-2", "Écoles fréquentées", "identifié")]

def test_write_inventory_csv_round_trip(tmp_path: Path, filled: Path) -> None:
    entries = read(filled, engine=None).entries
    out = write_inventory(entries, tmp_path / "copy.csv")
    again = read(out, engine=None)
    assert again.findings == [] and [e.title for e in again.entries] == [r["title"] for r in GOOD_ROWS]
    out_xlsx = write_inventory(entries, tmp_path / "copy.xlsx")
    assert openpyxl.load_workbook(out_xlsx)["Inventaire"].cell(row=5, column=20).value.date() == date(2026, 3, 15)


@pytest.mark.parametrize("content, expected", [
    (b"", "vide"), (b"\x00\x01binary\x00", "binaire"), (b"nothing;here\n1;2\n", "aucun titre"),
])
def test_unreadable_inventories_raise_clear_errors(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(InventoryError) as excinfo:
        read(path, engine=None)
    assert expected in excinfo.value.message("fr")


def test_missing_file_and_bad_format(tmp_path: Path) -> None:
    with pytest.raises(InventoryError, match="n'existe pas"):
        read(tmp_path / "nope.xlsx")
    (tmp_path / "a.xlsx").write_bytes(b"not a zip")
    with pytest.raises(InventoryError, match="classeur Excel valide"):
        read(tmp_path / "a.xlsx", engine=None)
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(InventoryError, match="pas pris en charge"):
        read(tmp_path / "a.pdf", engine=None)


def test_missing_required_column(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Titre,Statut\nParkings,identifié\n", encoding="utf-8")
    inventory = read(path, engine=None)
    assert [(f.type, f.field_name) for f in inventory.findings] == [("inventory-missing-column", "Identifiant")]


def test_table_schema_is_a_valid_frictionless_schema() -> None:
    from frictionless import Schema

    schema = Schema.from_descriptor(table_schema())
    assert len(schema.fields) == len(COLUMNS)
    assert schema.get_field("Statut").constraints["enum"][-1] == "publié"
    assert schema.get_field("Valeur (1-5)").type == "integer"


def test_title_rows_above_the_header_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Inventaire de la commune,,\n\nIdentifiant,Titre,Statut\nA,Parkings,publié\n", encoding="utf-8")
    inventory = read(path, engine=None)
    assert [(e.identifier, e.row_number) for e in inventory.entries] == [("A", 4)]


def test_single_known_column_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "inv.csv"
    path.write_text("Identifiant,Nom local\nA,x\nB,y\n", encoding="utf-8")
    inventory = read(path, engine=None)
    assert [e.identifier for e in inventory.entries] == ["A", "B"]


def test_report_renders_for_notebooks_and_json(tmp_path: Path) -> None:
    from odwb_assist.inventory import check

    path = tmp_path / "inv.csv"
    path.write_text("Identifiant,Titre,Effort\nA,<b>,0\n", encoding="utf-8")
    report = check(path, "fr", engine=None)
    html = report._repr_html_()
    assert "<td>3</td>" not in html and "<td>2</td><td>Effort</td>" in html and "&lt;b&gt;" not in html
    assert report.to_dict()["errors"] == 1


def test_every_column_shows_its_help_when_selected(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(write_template(tmp_path / "inv.xlsx"))["Inventaire"]
    prompts = {dv.promptTitle for dv in ws.data_validations.dataValidation}
    assert prompts == {c.label for c in COLUMNS}
