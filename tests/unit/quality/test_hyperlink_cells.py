"""Cells that show a text and hold a link (« Voir le site » → https://…): the address is the data, and every reader
of the cell's value gets the text. Said, and the fix adds the addresses in a column of their own."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("python_calamine")
PM = get_plugin_manager(load_entrypoints=False)
CLUBS = [("Les Amis du Bocq", "Yvoir", "Voir le site", "https://amisdubocq.be"),
         ("Cercle horticole", "Gesves", "Voir le site", "https://cerclehorticole.be"),
         ("Club de tennis", "Ohey", "tcohey.be", "https://tcohey.be"),  # its text is its address: nothing lost
         ("Chorale", "Assesse", "", None),
         ("Les Castors", "Jambes", "Écrire", "mailto:castors@gmail.com")]


def workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Association", "Commune", "Site web"])
    for row, (name, commune, text, url) in enumerate(CLUBS, start=2):
        sheet.append([name, commune, text or None])
        if url:
            sheet.cell(row=row, column=3).hyperlink = url
    book.save(path)
    return path


def test_links_hidden_behind_a_text_are_said_and_their_addresses_added(tmp_path: Path) -> None:
    source = workbook(tmp_path / "associations.xlsx")
    report = check(source, plugins=PM)
    [found] = [f for f in report.findings if f.type == "hyperlink-cells"]
    assert (found.field_name, found.count, list(found.rows)) == ("Site web", 3, [2, 3, 6])
    assert "« Voir le site » → https://amisdubocq.be" in found.message("fr")
    assert {"rowNumber": 2, "fieldNumber": 3, "url": "https://amisdubocq.be"} in report.detected.to_dict()["links"]
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.counts.get("add-link-columns")
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Association", "Commune", "Site web", "Site web (lien)"]
    assert [row[2:] for row in rows[1:]] == [["Voir le site", "https://amisdubocq.be"],
                                             ["Voir le site", "https://cerclehorticole.be"],
                                             ["tcohey.be", "https://tcohey.be"], ["", ""],
                                             ["Écrire", "mailto:castors@gmail.com"]]


def test_a_sheet_without_links_says_nothing(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Association", "Site web"])
    book.active.append(["Les Amis du Bocq", "https://amisdubocq.be"])
    book.save(tmp_path / "a.xlsx")
    report = check(tmp_path / "a.xlsx", plugins=PM)
    assert not [f for f in report.findings if f.type == "hyperlink-cells"] and report.detected.links == []
