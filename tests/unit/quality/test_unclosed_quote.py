"""unclosed-quote: a quote never closed swallows the next records into one cell; multi-line cells stay quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist import quality
from odwb_assist.checks.unclosed_quote import record_lines

HEADER = "nom;commune;montant\n"


def _check(tmp_path: Path, text: str, name: str = "subsides.csv") -> quality.Report:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return quality.check(source)


def test_a_quote_left_open_in_the_last_column_is_an_error(tmp_path: Path) -> None:
    # the parser reads « 13 » up to the end of the file: two rows left, no missing cell, Frictionless says valid
    report = _check(tmp_path, HEADER + 'A;Namur;12\nB;Liège;"13\nC;Dinant;14\nD;Ciney;15\n')
    assert report.rows == 2
    found = report.by_type()["unclosed-quote"]
    assert len(found) == 1 and found[0].row_number == 3 and found[0].field_name == "montant"
    assert found[0].severity.value == "error" and not report.valid
    assert found[0].extra["recordLines"] == 2 and found[0].extra["firstRecord"] == "C;Dinant;14"
    assert "C;Dinant;14" in found[0].message("fr") and "guillemet" in found[0].message("fr")


def test_a_quote_left_open_mid_row_is_reported_beside_the_short_row(tmp_path: Path) -> None:
    report = _check(tmp_path, HEADER + 'A;Namur;12\nB;"Liège;13\nC;Dinant;14\nD;Ciney;15\n')
    types = report.by_type()
    assert [f.field_name for f in types["unclosed-quote"]] == ["commune"]
    assert "missing-cell" in types


def test_english(tmp_path: Path) -> None:
    report = _check(tmp_path, HEADER + 'A;Namur;12\nB;Liège;"13\nC;Dinant;14\nD;Ciney;15\n')
    assert "never closed" in report.by_type()["unclosed-quote"][0].message("en")


@pytest.mark.parametrize("cell", [
    '"Rue de Fer 12\nB-5000 Namur"',  # an address on two lines
    '"Voir délibération\ndu Collège\ndu 12/03"',  # a remark on three lines
    '"Trois postes : a;b;c\nsuite du texte\nencore du texte\net la fin"',  # one line splits like a record, of four
])
def test_multi_line_cells_are_not_reported(tmp_path: Path, cell: str) -> None:
    report = _check(tmp_path, f"nom;adresse;montant\nA;{cell};12\nB;Ciney;13\n")
    assert report.rows == 2
    assert "unclosed-quote" not in report.by_type()


@pytest.mark.parametrize(("text", "row"), [
    ('nom;montant\nA;12\nB;"13\nC;14\nD;15\n', 3),
    ('Commune;Remarque\r\nNamur;"pas fermé\r\nCiney;ok\r\n', 2),  # one record swallowed, CRLF
])
def test_two_columns_a_quote_open_to_the_end_of_the_file(tmp_path: Path, text: str, row: int) -> None:
    report = _check(tmp_path, text)
    found = report.by_type()["unclosed-quote"]
    assert [(f.row_number, f.field_number) for f in found] == [(row, 2)] and not report.valid


@pytest.mark.parametrize(("text", "encoding"), [
    ('nom;montant\nA;12\nB;"13\nC;14\nD;"15\nE;16\n', "utf-8"),
    ('Commune;Remarque\r\nNamur;"à revoir\r\nCiney;ok\r\nDinant;"fermé le lundi"\r\nHuy;ok\r\n', "cp1252"),
])
def test_two_columns_a_quote_closed_by_the_next_cells_opening_quote(tmp_path: Path, text: str, encoding: str) -> None:
    # « D;"15 »: the quote opening a later cell closes the slip's cell, and the rows between vanish under a green tick
    source = tmp_path / "subsides.csv"
    source.write_bytes(text.encode(encoding))
    report = quality.check(source)
    found = report.by_type()["unclosed-quote"]
    assert [(f.row_number, f.field_number) for f in found] == [(3 if "montant" in text else 2, 2)]
    assert not report.valid


@pytest.mark.parametrize("text", [
    'nom;remarque\nA;"Horaires\nlundi; 9h-12h\nmardi; 14h-17h"\nB;ok\n',  # closed: a remark, lines with a « ; »
    # closed by its own quote, then a later cell with quotes of its own
    'nom;remarque\nA;"Horaires\nlundi; 9h\nmardi; 14h"\nB;"Il a dit ""oui"""\nC;"x"y\n',
    'nom;remarque\nA;ok\nB;"Rue X\nAttention; fermé le lundi\n"\n',  # closed at the end, one line not a record
    'nom;remarque\nA;ok\nB;"Rue X\nboîte 3\n',  # open to the end, but no line reads as a record
    'nom;remarque\nA;"Rue X\nAttention; fermé\n"\nB;ok\n',  # closed, not in the last row
])
def test_two_columns_multi_line_remarks_are_not_reported(tmp_path: Path, text: str) -> None:
    assert "unclosed-quote" not in _check(tmp_path, text).by_type()


def test_record_lines_count_cells_as_a_csv_reader() -> None:
    assert record_lines('13\nC;"Dinant; centre";14\n\nD;Ciney', ";", 3) == (2, ['C;"Dinant; centre";14'])
    assert record_lines("une seule ligne", ";", 3) == (0, [])


def test_workbook_cells_on_several_lines_are_not_reported(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["nom", "adresse", "montant"])
    sheet.append(["A", "13\nC;Dinant;14\nD;Ciney;15", 12])
    sheet.append(["B", "Ciney", 13])
    path = tmp_path / "classeur.xlsx"
    book.save(path)
    assert "unclosed-quote" not in quality.check(path).by_type()
