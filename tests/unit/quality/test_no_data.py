"""A file with column titles only: a ``no-data`` error (nothing to publish), not a silent « valid »."""

from __future__ import annotations

from odwb_assist.quality import check


def test_header_only_file_gets_a_no_data_error(tmp_path) -> None:
    path = tmp_path / "titres.csv"
    path.write_text("nom;adresse;capacite\n", encoding="utf-8")
    report = check(path)
    assert not report.valid and report.rows == 0
    assert [f.type for f in report.findings] == ["no-data"]
    assert "titres de colonnes" in report.findings[0].message("fr")


def test_a_file_holding_one_sentence_is_told_as_such(tmp_path) -> None:
    path = tmp_path / "note.csv"
    path.write_text("Aucune donnée pour cette période, voir le rapport annuel.\n", encoding="utf-8")
    report = check(path)
    [finding] = report.findings
    assert finding.type == "no-data" and finding.extra["reason"] == "sentence" and not report.valid
    assert "« Aucune donnée pour cette période, voir le rapport annuel. »" in finding.message("fr")
    assert "titres" not in finding.message("fr") and "one line of text" in finding.message("en")


def test_a_sheet_holding_one_note_is_told_as_such(tmp_path) -> None:
    import pytest

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active["A1"] = "Les chiffres de 2024 seront publiés dans le prochain rapport du Collège communal"
    path = tmp_path / "note.xlsx"
    book.save(path)
    [finding] = check(path).findings
    assert finding.type == "no-data" and finding.extra["reason"] == "sentence"


def test_long_column_titles_are_still_column_titles(tmp_path) -> None:
    path = tmp_path / "titres.csv"
    path.write_text("Nombre d'habitants au 1er janvier de l'année;Commune de résidence;Code postal\n", encoding="utf-8")
    [finding] = check(path).findings
    assert finding.type == "no-data" and "reason" not in finding.extra
    assert "titres de colonnes" in finding.message("fr")
