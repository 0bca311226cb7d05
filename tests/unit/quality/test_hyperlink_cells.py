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


def _expected_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[2:] for row in list(csv.reader(handle))[1:]]


def ods_workbook(path: Path) -> Path:
    """The clubs as LibreOffice saves them: each link a ``<text:a xlink:href>`` in its cell's paragraph, a merged
    cell (covered) and a repeated empty cell before the links' column on one row."""
    import re
    import zipfile

    ezodf = pytest.importorskip("ezodf")
    plain = path.with_name("plain.ods")
    document = ezodf.newdoc(doctype="ods", filename=str(plain))
    sheet = ezodf.Sheet("Clubs", size=(len(CLUBS) + 1, 3))
    document.sheets += sheet
    for r, row in enumerate([("Association", "Commune", "Site web"), *[c[:3] for c in CLUBS]]):
        for c, value in enumerate(row):
            if value:
                sheet[r, c].set_value(value)
    document.save()
    urls = iter(url.replace("&", "&amp;").encode() for *_, url in CLUBS if url)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "content.xml":
                data = re.sub(rb"<text:p>(Voir le site|tcohey\.be|\xc3\x89crire)</text:p>",
                              lambda m: b'<text:p><text:a xlink:type="simple" xlink:href="' + next(urls) + b'">'
                              + m.group(1) + b"</text:a></text:p>", data)
                # the row of « Chorale »: its commune cell spans two columns (the next one covered), no third cell
                data = data.replace(b'<table:table-cell office:value-type="string"><text:p>Assesse</text:p>'
                                    b"</table:table-cell><table:table-cell/>",
                                    b'<table:table-cell table:number-columns-spanned="2" office:value-type="string">'
                                    b"<text:p>Assesse</text:p></table:table-cell><table:covered-table-cell/>")
                assert data.count(b"<text:a ") == 4 and b"<table:covered-table-cell/>" in data
            target.writestr(item, data)
    return path


def test_an_ods_workbook_tells_its_links_too(tmp_path: Path) -> None:
    source = ods_workbook(tmp_path / "associations.ods")
    report = check(source, plugins=PM)
    [found] = [f for f in report.findings if f.type == "hyperlink-cells"]
    assert (found.field_name, found.count, list(found.rows)) == ("Site web", 3, [2, 3, 6])
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert _expected_rows(tmp_path / "propre.csv") == [
        ["Voir le site", "https://amisdubocq.be"], ["Voir le site", "https://cerclehorticole.be"],
        ["tcohey.be", "https://tcohey.be"], ["", ""], ["Écrire", "mailto:castors@gmail.com"]]


def _hlink(row: int, column: int, text: str, url: str) -> bytes:
    """An Excel 97–2003 HLINK record (MS-XLS 2.4.140, HLink, and 2.3.7.1 Hyperlink Object): the cell, the StdLink
    class, stream version 2, flags (has moniker, absolute, has display name), the display name, then a URL moniker
    (its class and the address in UTF-16, NUL-terminated)."""
    import struct

    def string(value: str) -> bytes:
        return struct.pack("<I", len(value) + 1) + (value + "\0").encode("utf-16-le")

    std_link = bytes.fromhex("D0C9EA79F9BACE118C8200AA004BA90B")
    url_moniker = bytes.fromhex("E0C9EA79F9BACE118C8200AA004BA90B")
    address = (url + "\0").encode("utf-16-le")
    body = (struct.pack("<HHHH", row, row, column, column) + std_link + struct.pack("<II", 2, 0x17) + string(text)
            + url_moniker + struct.pack("<I", len(address)) + address)
    return struct.pack("<HH", 0x01B8, len(body)) + body


def xls_workbook(path: Path) -> Path:
    """The clubs in an Excel 97–2003 workbook, each link an HLINK record after the cells (as Excel writes them)."""
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("Clubs")
    for r, row in enumerate([("Association", "Commune", "Site web"), *[c[:3] for c in CLUBS]]):
        for c, value in enumerate(row):
            if value:
                sheet.write(r, c, value)
    links = b"".join(_hlink(r, 2, text, url) for r, (_, _, text, url) in enumerate(CLUBS, start=1) if url)
    original = sheet.get_biff_data

    def with_links() -> bytes:
        data = original()
        assert data.endswith(b"\x0a\x00\x00\x00")  # the EOF record: the links go just before it
        return data[:-4] + links + data[-4:]

    sheet.get_biff_data = with_links
    book.save(str(path))
    return path


def test_an_xls_workbook_tells_its_links_too(tmp_path: Path) -> None:
    source = xls_workbook(tmp_path / "associations.xls")
    report = check(source, plugins=PM)
    [found] = [f for f in report.findings if f.type == "hyperlink-cells"]
    assert (found.field_name, found.count, list(found.rows)) == ("Site web", 3, [2, 3, 6])
    assert "« Voir le site » → https://amisdubocq.be" in found.message("fr")
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert _expected_rows(tmp_path / "propre.csv") == [
        ["Voir le site", "https://amisdubocq.be"], ["Voir le site", "https://cerclehorticole.be"],
        ["tcohey.be", "https://tcohey.be"], ["", ""], ["Écrire", "mailto:castors@gmail.com"]]


def test_an_ods_link_is_placed_after_repeated_rows_and_cells() -> None:
    from odwb_assist.quality.ods_scan import _links

    link = b'<table:table-cell><text:p><text:a xlink:href="https://a.be/?x=1&amp;y=2">Site</text:a></text:p></table:table-cell>'
    table = (b'<table:table table:name="S"><table:table-row><table:table-cell/></table:table-row>'
             b'<table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>'
             b'<table:table-row><table:table-cell table:number-columns-repeated="2"/>' + link + b"</table:table-row>"
             b'<table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>a</text:p></table:table-cell>'
             b"<table:covered-table-cell/>" + link + b"</table:table-row></table:table>")
    assert _links(table) == [(5, 3, "https://a.be/?x=1&y=2"), (6, 3, "https://a.be/?x=1&y=2")]
