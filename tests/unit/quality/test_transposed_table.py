"""``transposed-table``: a sheet of sports halls written on its side (« Adresse », « Code postal », « Téléphone »…
down its first column, one hall per column) had a green tick; published so, each field becomes a record."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check
from tests.helpers.real_shapes import write_csv

PM = get_plugin_manager(load_entrypoints=False)

SIDEWAYS = [["Infrastructure", "Piscine communale", "Hall omnisports", "Stade Courtejoie", "Salle de Leignon"],
            ["Adresse", "Rue du Parc 2", "Rue Saint-Roch 10", "Rue des Sports 1", "Place de Leignon 3"],
            ["Code postal", "5590", "5590", "5590", "5590"],
            ["Localité", "Ciney", "Ciney", "Ciney", "Leignon"],
            ["Téléphone", "083 21 11 11", "083 21 22 22", "083 21 33 33", "083 21 44 44"],
            ["Capacité", "250", "800", "2500", "120"],
            ["Accessible PMR", "Oui", "Oui", "Non", "Oui"],
            ["Latitude", "50.2941", "50.2962", "50.2905", "50.2731"],
            ["Longitude", "5.0970", "5.1012", "5.0931", "5.1123"]]


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


def sideways(report: object) -> list[dict[str, object]]:
    return [f.extra for f in report.findings if f.type == "transposed-table"]  # type: ignore[attr-defined]


def test_a_table_on_its_side_is_said_in_a_csv_and_in_a_workbook(tmp_path: Path) -> None:
    found = sideways(check(write(tmp_path / "infrastructures.csv", SIDEWAYS), plugins=PM))
    assert [(f["records"][:2], f["fields"][:3]) for f in found] == [  # type: ignore[index]
        (["Piscine communale", "Hall omnisports"], ["Adresse", "Code postal", "Localité"])]
    book = openpyxl.Workbook()
    for row in SIDEWAYS:
        book.active.append([float(c) if c.replace(".", "").isdigit() else c for c in row])
    book.save(tmp_path / "infrastructures.xlsx")
    report = check(tmp_path / "infrastructures.xlsx", plugins=PM)
    assert len(sideways(report)) == 1 and report.valid


def test_tables_whose_rows_are_records_are_not_said(tmp_path: Path) -> None:
    upright = [list(column) for column in zip(*SIDEWAYS, strict=True)]  # the same table, one hall per row
    assert not sideways(check(write(tmp_path / "droit.csv", upright), plugins=PM))
    years = [["Indicateur", "2021", "2022", "2023"], ["Population", "16512", "16620", "16701"],
             ["Naissances", "160", "171", "158"], ["Décès", "180", "175", "190"], ["Source", "Statbel", "Statbel", "IWEPS"]]
    assert not sideways(check(write(tmp_path / "annees.csv", years), plugins=PM))
    form = [["Nom :", "Piscine", "Adresse :", "Rue du Parc 2"], ["Capacité :", "250", "Téléphone :", "083 21 11 11"],
            ["Ouverture :", "2015", "Courriel :", "piscine@ciney.be"], ["Gestion :", "Régie", "PMR :", "Oui"]]
    assert not sideways(check(write(tmp_path / "fiche.csv", form), plugins=PM))
