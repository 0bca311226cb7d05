"""Reading real-world files: encodings, delimiters, spreadsheets, and files that are not tables."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from odwb_assist.core.errors import InputError
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, read_table

CLI = Callable[..., tuple[int, str, str]]


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


@pytest.mark.parametrize("content", [b"", b"\n\n\n", b"\x00\x01\x02\x03PNG\x00\x00" * 40, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"])
def test_unreadable_files_exit_2_with_a_message(cli: CLI, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    code, out, err = cli("check", path)
    assert code == 2 and "Erreur" in err and len(err.strip().splitlines()) <= 4
    with pytest.raises(InputError):
        check(path, plugins=pm())


def test_a_folder_is_not_a_file(cli: CLI, tmp_path: Path) -> None:
    code, _, err = cli("check", tmp_path)
    assert code == 2 and "dossier" in err


def test_header_only_and_one_column(tmp_path: Path) -> None:
    header = tmp_path / "header.csv"
    header.write_text("a,b,c\n")
    report = check(header, plugins=pm())
    assert report.rows == 0 and report.fields == ["a", "b", "c"]
    one = tmp_path / "one.csv"
    one.write_text("commune\nNamur\nLiège\n")
    report = check(one, plugins=pm())
    assert report.rows == 2 and report.fields == ["commune"] and report.valid


def test_very_long_lines(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("id,texte\n" + "".join(f"{i},{'x' * 200_000}\n" for i in range(3)))
    report = check(path, plugins=pm())
    assert report.rows == 3 and report.valid


@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "utf-8"), (",", "cp1252"), ("\t", "utf-8-sig"), ("|", "latin-1")])
def test_dialects(tmp_path: Path, delimiter: str, encoding: str) -> None:
    path = tmp_path / "d.csv"
    rows = [["commune", "région", "population"], ["Liège", "Wallonie", "195000"], ["Namur", "Wallonie", "112000"]]
    path.write_bytes("\n".join(delimiter.join(r) for r in rows).encode(encoding))
    table = read_table(path)
    assert table.detected.delimiter == delimiter
    assert table.fields == ["commune", "région", "population"]
    assert table.frame.loc[2, "commune"] == "Liège" and list(table.frame.index) == [2, 3]


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "u16.csv"
    path.write_bytes("commune;population\nLiège;195000\n".encode("utf-16"))
    table = read_table(path)
    assert table.detected.encoding == "utf-16" and table.frame.loc[2, "commune"] == "Liège"


def test_relative_and_absolute_paths(tmp_path: Path) -> None:
    path = tmp_path / "rel.csv"
    path.write_text("a,b\n1,2\n")
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        assert check("rel.csv", plugins=pm()).valid
    finally:
        os.chdir(old)
    assert check(path.resolve(), plugins=pm()).valid


def test_xlsx_merged_header_title_and_total(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Données"
    sheet.append(["Population par commune"])
    sheet.append(["Commune", "Population", None, "Superficie"])
    sheet.append([None, "2023", "2024", "km²"])
    sheet.append(["Namur", 112000, 113000, 175.7])
    sheet.append(["Liège", 195000, 196000, 69.4])
    sheet.append(["Total", 307000, 309000, 245.1])
    sheet.merge_cells("B2:C2")
    sheet.merge_cells("A2:A3")
    second = workbook.create_sheet("Autre")
    second.append(["x", "y"])
    second.append([1, 2])
    path = tmp_path / "merged.xlsx"
    workbook.save(path)
    report = check(path, plugins=pm())
    types = {(f.type, f.row_number) for f in report.findings}
    assert {("title-rows", 1), ("merged-header", 2), ("total-row", 6)} <= types
    assert report.detected.sheet == "Données" and report.rows == 3
    other = check(path, sheet="Autre", plugins=pm())
    assert other.fields == ["x", "y"] and other.valid


def test_ods(tmp_path: Path) -> None:
    ezodf = pytest.importorskip("ezodf")
    path = tmp_path / "t.ods"
    doc = ezodf.newdoc(doctype="ods", filename=str(path))
    sheet = ezodf.Sheet("Feuille1", size=(3, 2))
    doc.sheets += sheet
    for i, row in enumerate([["commune", "superficie"], ["Namur", "175,7"], ["Liège", "69,4"]]):
        for j, value in enumerate(row):
            sheet[i, j].set_value(value)
    doc.save()
    report = check(path, plugins=pm())
    assert report.detected.format == "ods"
    assert [(f.type, f.row_number, f.field_name) for f in report.findings] == [("decimal-comma", 2, "superficie")]


def test_a_workbook_named_csv_is_refused_naming_the_mismatch(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["a", "b"])
    workbook.active.append([1, 2])
    path = tmp_path / "export.csv"
    workbook.save(path)
    with pytest.raises(InputError, match=r"extension \.csv .* classeur Excel \(XLSX\)"):
        read_table(path)


def test_unknown_sheet_lists_the_sheets(cli: CLI, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Salles"
    workbook.create_sheet("Notes").append(["note"])
    workbook["Notes"].append(["Salle A"])
    path = tmp_path / "salles.xlsx"
    workbook.save(path)
    code, _, err = cli("check", path, "--sheet", "Nope")
    assert code == 2 and "« Salles », « Notes »" in err and "Traceback" not in err
    assert cli("check", path, "--sheet", "Notes")[0] in (0, 1)
