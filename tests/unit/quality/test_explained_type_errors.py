"""A cell another finding explains is no type error, whichever reader found it: a date typed by hand as text
(« 15/07/2024 ») among the cells Excel holds as dates is a date to rewrite (``date-format``, which ``fix`` does), not a
value of the wrong type, also when the workbook's column goes through Frictionless's reader (cell by cell)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix
from odwb_assist.quality.aggregate import Aggregator
from odwb_assist.quality.messages import RawError, from_frictionless

PM = get_plugin_manager(load_entrypoints=False)
NOTE = 'type is "number/default"'


def _register(path: Path, typed_by_hand: dict[int, str]) -> Path:
    """An urban-planning register: decision dates held by Excel as dates (dd/mm/yyyy), a few typed as text."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Registre")
    shown = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, ["N° dossier", "Objet", "Date de décision"])
    for row in range(1, 41):
        sheet.write(row, 0, f"PU/2023/{row:03d}")
        sheet.write(row, 1, ("Extension", "Transformation", "Abattage d'arbre")[row % 3])
        if row in typed_by_hand:
            sheet.write(row, 2, typed_by_hand[row])
        else:
            sheet.write_datetime(row, 2, dt.datetime(2023, 1, 1) + dt.timedelta(days=9 * row), shown)
    book.close()
    return path


def test_dates_typed_as_text_in_a_column_of_dates_are_dates_to_rewrite(tmp_path: Path) -> None:
    source = _register(tmp_path / "permis.xlsx", {10: "15/07/2024", 30: "12/08/2023"})
    report = check(source, plugins=PM)
    assert report.types["Date de décision"] == "date"  # Excel's dates: datetimes at midnight
    assert [f.type for f in report.findings] == ["date-format"]
    (dates,) = report.findings
    assert dates.field_name == "Date de décision" and dates.all_rows == (11, 31) and dates.count == 2
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert result.remaining == []  # nothing said « à corriger » that fix took out
    lines = (tmp_path / "propre.csv").read_text(encoding="utf-8").splitlines()
    assert lines[10].endswith(",2024-07-15") and lines[30].endswith(",2023-08-12")
    assert lines[1].endswith(",2023-01-10")  # Excel's own dates: the day alone
    assert check(tmp_path / "propre.csv", plugins=PM).findings == []


def test_a_date_and_time_typed_in_a_column_of_dates_stays_a_type_error(tmp_path: Path) -> None:
    """Rewritten, « 12/08/2023 14:05 » is still a date-time among dates (fix drops no time): said as it is."""
    source = _register(tmp_path / "permis.xlsx", {10: "15/07/2024", 30: "12/08/2023 14:05"})
    report = check(source, plugins=PM)
    assert [(f.type, f.all_rows) for f in report.findings] == [("date-format", (11,)), ("type-error", (31,))]
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert [(f.type, f.all_rows) for f in result.remaining] == [("type-error", (31,))]
    again = check(tmp_path / "propre.csv", plugins=PM)
    assert [(f.type, f.all_rows) for f in again.findings] == [("type-error", (31,))]


def test_a_column_of_dates_and_times_keeps_its_type(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(str(tmp_path / "releves.xlsx"))
    sheet = book.add_worksheet("Relevés")
    shown = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet.write_row(0, 0, ["Capteur", "Mesuré le"])
    for row in range(1, 30):
        sheet.write(row, 0, f"C{row % 4}")
        if row == 10:
            sheet.write(row, 1, "15/07/2024 14:05")
        else:
            sheet.write_datetime(row, 1, dt.datetime(2024, 7, 1, 8) + dt.timedelta(hours=7 * row), shown)
    book.close()
    report = check(tmp_path / "releves.xlsx", plugins=PM)
    assert report.types["Mesuré le"] == "datetime"
    assert [(f.type, f.all_rows) for f in report.findings] == [("date-format", (11,))]
    result = fix(tmp_path / "releves.xlsx", tmp_path / "propre.csv", plugins=PM)
    assert result.remaining == []
    assert check(tmp_path / "propre.csv", plugins=PM).findings == []


def test_a_cell_that_is_no_date_stays_a_type_error(tmp_path: Path) -> None:
    source = _register(tmp_path / "permis.xlsx", {10: "15/07/2024", 20: "en attente"})
    report = check(source, plugins=PM)
    (typed,) = [f for f in report.findings if f.type == "type-error"]
    assert typed.all_rows == (21,) and typed.cell == "en attente"
    assert "Ligne 21" in typed.message("fr") and "15/07/2024" not in typed.message("fr")
    assert [f.all_rows for f in report.findings if f.type == "date-format"] == [(11,)]


def _aggregated(rows: list[int]) -> Aggregator:
    aggregator = Aggregator()
    for row in rows:
        aggregator.add(from_frictionless(RawError("type-error", row, "montant", 2, f"v{row}", note=NOTE)))
    return aggregator


def test_the_type_errors_of_explained_cells_are_left_out_and_the_message_names_the_rest() -> None:
    (kept,) = _aggregated([3, 5, 9]).findings({"montant": [(3,), (9,)]})
    assert kept.count == 1 and kept.all_rows == (5,) and kept.cell == "v5" and kept.row_number == 5
    assert kept.message("fr").startswith("Ligne 5, colonne « montant » : « v5 »")
    assert list(_aggregated([3, 5]).findings({"montant": [(3, 5)]})) == []
    (whole,) = _aggregated([3, 5]).findings({"autre": [(3, 5)]})  # another column's explanations: no effect
    assert whole.all_rows == (3, 5)
    (unexplained,) = _aggregated([3, 5]).findings(None)  # a schema given: its types are the user's
    assert unexplained.all_rows == (3, 5)
