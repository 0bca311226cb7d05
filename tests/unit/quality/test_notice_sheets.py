"""A workbook whose first sheet is a notice (« Notice », « Lisez-moi », « Sources »: a few lines of text) and whose
table comes after: the table is read, the notice named as such; a one-column table is never taken for a notice."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

NOTICE = ["Inventaire des arbres remarquables — Commune de Ciney", None, "Source : Service environnement, relevé 2024",
          "Contact : environnement@ciney.be", None, "Les coordonnées sont en WGS 84.", "Mise à jour : chaque année"]


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def workbook(path: Path, first: list[object] | None, table: bool = True) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Notice"
    for line in first or []:
        sheet.append([line])
    if table:
        data = book.create_sheet("Données")
        data.append(["Identifiant", "Essence", "Circonférence (cm)"])
        for i in range(12):
            data.append([f"A{i:03d}", "Chêne pédonculé" if i % 2 else "Hêtre commun", 150 + 3 * i])
    book.save(path)
    return path


def test_the_table_after_a_notice_is_read_and_the_notice_named(tmp_path: Path) -> None:
    report = check(workbook(tmp_path / "arbres.xlsx", NOTICE), plugins=pm())
    assert report.detected.sheet == "Données" and report.rows == 12 and report.valid
    assert report.detected.notice_sheets == ["Notice"]
    assert json.loads(report.to_json())["detected"]["noticeSheets"] == ["Notice"]
    [other] = [f for f in report.findings if f.type == "other-sheets"]
    assert "« Notice » (du texte, pas un tableau)" in other.message("fr")
    assert "'Notice' (text, not a table)" in other.message("en")
    fix(tmp_path / "arbres.xlsx", tmp_path / "arbres.csv", plugins=pm())
    assert (tmp_path / "arbres.csv").read_text(encoding="utf-8").splitlines()[0] == "Identifiant,Essence,Circonférence (cm)"


def test_a_first_sheet_holding_a_one_column_table_is_read(tmp_path: Path) -> None:
    streets = ["Rue"] + [f"Rue {name}" for name in ("Haute", "Basse", "du Centre", "de la Gare", "des Écoles")]
    report = check(workbook(tmp_path / "rues.xlsx", streets), plugins=pm())
    assert report.detected.sheet == "Notice" and report.detected.notice_sheets == []


def test_a_workbook_of_text_only_reads_its_text(tmp_path: Path) -> None:
    report = check(workbook(tmp_path / "notice.xlsx", NOTICE, table=False), plugins=pm())
    assert report.detected.sheet == "Notice" and report.detected.notice_sheets == []


def test_a_named_sheet_is_read_even_when_it_is_a_notice(tmp_path: Path) -> None:
    report = check(workbook(tmp_path / "arbres.xlsx", NOTICE), plugins=pm(), sheet="Notice")
    assert report.detected.sheet == "Notice"
