"""Workbooks through the fast path (:mod:`odwb_assist.quality.sheet_stream`): the same report as Frictionless's path.

Each workbook below is shaped like a real export (title rows, a header over two rows, numbers, dates, error
cells, blank rows, formatted-empty columns, an Excel 95 file, an ODS file); its report must be the one the
Frictionless path gives (``ODWB_ENGINE=frictionless``), and it must not have gone through Frictionless.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import ezodf
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.styles import PatternFill

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import engine, workbook, workbook_open
from odwb_assist.quality.cell_text import cell_text
from odwb_assist.quality.sheet_stream import column_text
from odwb_assist.quality.typed_inference import infer_types

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from biff5 import write_excel95  # noqa: E402
from engine_spies import report_json as engine_report_json  # noqa: E402
from engine_spies import spy_readers  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


@pytest.fixture
def paths(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Which reader streamed each check: ``sheet`` (the fast path) or ``frictionless``."""
    from odwb_assist.quality import sheet_stream

    return spy_readers(monkeypatch, {"sheet": (sheet_stream, "stream_sheet"),
                                     "frictionless": (engine, "stream_frictionless")})


def report_json(path: Path, monkeypatch: pytest.MonkeyPatch, engine_name: str, **options: Any) -> dict[str, Any]:
    return engine_report_json(path, monkeypatch, engine_name, PM, **options)


def same_reports(path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    fast = report_json(path, monkeypatch, "")
    slow = report_json(path, monkeypatch, "frictionless")
    assert json.dumps(fast, sort_keys=True, default=str) == json.dumps(slow, sort_keys=True, default=str)
    return fast


def write_xlsx(path: Path, rows: Any, phantom_columns: int = 0) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Export"
    for row in rows:
        sheet.append(row)
    fill = PatternFill("solid", fgColor="FFFF00")
    for column in range(len(rows[0]) + 1, len(rows[0]) + 1 + phantom_columns):  # formatted but empty cells
        for row in range(1, len(rows) + 3):
            sheet.cell(row=row, column=column).fill = fill
    book.save(path)
    return path


EXPORT: list[list[Any]] = [
    ["Permis d'urbanisme délivrés en 2024", None, None, None, None, None, None],
    ["Source : service urbanisme", None, None, None, None, None, None],
    ["dossier", "code_ins", "commune", "montant", "date_depot", "surface", "accorde"],
    ["PU-1", "92094", "Namur", 1250.5, dt.datetime(2024, 1, 5), 120, True],
    ["PU-2", "62063", "Liège", 800, dt.datetime(2024, 2, 6), 95, False],
    [None, None, None, None, None, None, None],
    ["PU-3", "52011", "Charleroi", "n.d.", dt.datetime(2024, 3, 7), 40, True],
    ["PU-4", "25112", "Wavre", 99.99, dt.datetime(2024, 4, 8), "12 m²", True],
    ["PU-4", "25112", "Wavre", 99.99, dt.datetime(2024, 4, 8), "12 m²", True],
    ["Total", None, None, 2249.48, None, None, None],
]


def test_an_export_with_title_rows_and_typed_cells(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   paths: list[str]) -> None:
    report = same_reports(write_xlsx(tmp_path / "permis.xlsx", EXPORT, phantom_columns=5), monkeypatch)
    assert paths[0] == "sheet" and paths[1:] == ["frictionless"]
    assert report["detected"]["headerRow"] == 3 and report["detected"]["trimmedColumns"] == 5
    assert report["types"]["date_depot"] == "date"  # Excel's dates (midnight): a column of dates, read fast
    found = {(f["type"], f.get("rowNumber")) for key in ("errors", "warnings", "infos") for f in report.get(key, ())}
    assert ("blank-row", 6) in found and ("title-rows", 1) in found


def test_chunks_keep_the_spreadsheet_row_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_xlsx(tmp_path / "permis.xlsx", EXPORT)
    chunked = report_json(path, monkeypatch, "", chunk_rows=2)
    slow = report_json(path, monkeypatch, "frictionless")
    assert json.dumps(chunked, sort_keys=True, default=str) == json.dumps(slow, sort_keys=True, default=str)


def test_a_header_over_two_rows_and_repeated_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    paths: list[str]) -> None:
    rows: list[list[Any]] = [["Commune", "Population", None, "Population", None],
            [None, "2023", "2024", "2023", None],
            ["Namur", 112000, 113000, "x", None],
            ["Liège", 195000, 196000, 3, 7],
            ["Mons", 95000, None, 4, 8]]
    same_reports(write_xlsx(tmp_path / "population.xlsx", rows), monkeypatch)
    assert paths[0] == "sheet"


def test_error_cells_and_odd_numbers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str]) -> None:
    rows: list[list[Any]] = [["code", "valeur", "ratio", "heure", "texte"],
            ["A", 1e20, 0.1, dt.time(10, 30), " "],
            ["B", 2.0, 1e-7, dt.time(11, 0), "=1/0"],
            ["C", -3, 12.5, None, ""]]
    path = write_xlsx(tmp_path / "valeurs.xlsx", rows)
    book = openpyxl.load_workbook(path)
    book.active["E3"] = "=1/0"  # an error cell once computed: its text comes from the sheet's XML
    book.active["E3"].data_type = "e"
    book.active["E3"].value = "#DIV/0!"
    book.save(path)
    same_reports(path, monkeypatch)
    assert paths[0] == "sheet"


def test_a_datetime_column_with_text_goes_through_frictionless(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               paths: list[str]) -> None:
    rows: list[list[Any]] = [["dossier", "quand"]] + [[f"D{i}", dt.datetime(2024, 1, 1 + i, 10, 30)] for i in range(20)]
    rows.append(["D99", "hier"])  # Frictionless reports its type: the sheet is read by Frictionless
    report = same_reports(write_xlsx(tmp_path / "horodatage.xlsx", rows), monkeypatch)
    assert paths[0] == "frictionless"
    assert any(f["type"] == "type-error" for f in report.get("errors", ()))


def test_excel_95_and_ods_go_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str]) -> None:
    budget = [["Poste", "Bénéficiaire", "Montant", "Date"],
              ["Voirie", "Société Générale d'Électricité", 1250.5, ("date", 44287)],
              ["Écoles", "Athénée royal de Namur", 800, ("date", 44301)]]
    same_reports(write_excel95(tmp_path / "budget.xls", {"Feuil1": budget}, blanks=(3, 4)), monkeypatch)
    document = ezodf.newdoc(doctype="ods", filename=str(tmp_path / "budget.ods"))
    sheet = ezodf.Sheet("Données", size=(4, 3))
    document.sheets += sheet
    cells: list[list[Any]] = [["poste", "montant", "année"], ["Voirie", 1250.5, 2023], ["Écoles", 800, 2024],
                              ["Total", 2050.5, None]]
    for r, row in enumerate(cells):
        for c, value in enumerate(row):
            if value is not None:
                sheet[r, c].set_value(value)
    document.save()
    same_reports(tmp_path / "budget.ods", monkeypatch)
    assert paths[0] == "sheet" and paths[2] == "sheet"


def test_a_wide_sheet_of_a_few_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str]) -> None:
    header = [f"montant_{n:03d}" if n % 3 else f"commune_{n:03d}" for n in range(120)]
    rows: list[list[Any]] = [header] + [[(n * r + 0.5) if n % 3 else "Namur" for n in range(120)] for r in range(4)]
    same_reports(write_xlsx(tmp_path / "large.xlsx", rows), monkeypatch)
    assert paths[0] == "sheet"


def test_the_text_of_a_column_is_each_cells_text() -> None:
    values = [None, "", " x", 0, -5, 10**30, 1.5, 2.0, -0.0, 1e20, 1e-7, float("nan"), True, False,
              dt.datetime(2024, 1, 5), dt.datetime(2024, 1, 5, 10, 3), dt.date(2020, 2, 3), dt.time(10, 0),
              dt.timedelta(days=1), Decimal("1.50"), b"octets"]
    for value in values:
        for column in ([value, None, value], [value, "a", 1], [value], ["texte", value] * 150, [value, "texte"] * 150):
            assert column_text(column).to_pylist() == [cell_text(cell) for cell in column]


FLOATS = st.one_of(st.floats(), st.floats(-1e17, 1e17), st.floats(-1e6, 1e6).map(lambda x: round(x, 2)),
                   st.integers(-2**64, 2**64).map(float), st.sampled_from([1e-4, 1e16, 2.0**63, -0.0, 0.1 + 0.2]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FLOATS, st.none(), st.just(""), st.just("n.d.")), min_size=1, max_size=20),
       st.lists(st.floats(-1e16, 1e16).filter(lambda x: abs(x) >= 1e-4), min_size=1, max_size=8),
       st.lists(st.one_of(st.dates(), st.none()), min_size=1, max_size=5))
def test_vectorised_float_and_date_text_is_cell_text(floats: list[Any], plain: list[float], dates: list[Any]) -> None:
    """Columns of floats (with empty and text cells) and of dates, turned to text by pyarrow: byte for byte cell_text."""
    for short in (floats, [cell for cell in floats if cell.__class__ is float] or [1.5], plain, [*plain, None, "x"], dates):
        for column in (short, short * (250 // len(short) + 1)):  # a few cells in Python, many through pyarrow
            assert column_text(column).to_pylist() == [cell_text(cell) for cell in column]


CELLS = st.one_of(st.none(), st.just(""), st.integers(-10**6, 10**6), st.booleans(),
                  st.floats(allow_nan=False, allow_infinity=False, width=32),
                  st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
                  st.dates(min_value=dt.date(1900, 1, 1)), st.times(),
                  st.sampled_from(["12", "1,5", "2024-05-01", "2024-05", "true", "1999", "x", "10:30:00",
                                   "2024-05-01T10:30:00", "50.4, 4.8", "P1D", "[1, 2]", " 7 "]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=3, max_size=3), min_size=1, max_size=12))
def test_typed_sample_inference_is_frictionlesss(fragment: list[list[Any]]) -> None:
    from frictionless import Detector

    names = ["a", "b", "c"]
    # an empty cell (None) is missing, as "" is: Frictionless's types of the same cells written "" (it reads None as
    # a match of every candidate, and types an empty column ``yearmonth``: see the next test)
    missing = [[("" if cell is None else cell) for cell in cells] for cells in fragment]
    schema = Detector().detect_schema(missing, labels=names)
    assert infer_types(fragment, names) == [field.type for field in schema.fields]


def test_an_empty_sheet_column_is_not_typed_year_and_month(tmp_path: Path) -> None:
    """Frictionless types a column of a sheet left empty ``yearmonth``; the report says it holds nothing, as of the
    same column in a CSV."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Commune", "Population", "Remarque", "Superficie"])
    for number in range(20):
        sheet.append([f"Commune {number}", 1000 + number, None, 12.5 + number])
    book.save(tmp_path / "communes.xlsx")
    report = engine.check(tmp_path / "communes.xlsx", plugins=get_plugin_manager())
    assert report.types["Remarque"] == "string" and report.types["Population"] == "integer"
    assert [f.field_name for f in report.findings if f.type == "empty-column"] == ["Remarque"]


def test_a_prefetched_sheet_is_the_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "permis.xlsx", EXPORT, phantom_columns=2)
    workbook._LAST.clear()
    workbook_open._BOOK.clear()
    read = workbook.read_sheet(path, "xlsx")
    workbook._LAST.clear()
    workbook_open._BOOK.clear()
    workbook_open.prefetch(path)
    assert workbook_open._AHEAD  # parsing in a thread
    again = workbook.read_sheet(path, "xlsx")
    assert not workbook_open._AHEAD and again == read and again.rows == read.rows
    text = tmp_path / "export.csv"
    text.write_text("a;b\n1;2\n", encoding="utf-8")
    workbook_open.prefetch(text)
    workbook_open.prefetch(tmp_path / "absent.xlsx")
    assert not workbook_open._AHEAD


def test_the_wait_for_a_sheet_parsed_ahead_runs_the_warm_up_first(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["poste", "montant"], ["Voirie", 1250.5], ["Écoles", 3.0]]
    path = write_xlsx(tmp_path / "budget.xlsx", rows)
    book = openpyxl.load_workbook(path)
    book.active["B3"].data_type = "e"  # an error cell: only the scan of the sheet's XML gives its text
    book.active["B3"].value = "#N/A"
    book.save(path)
    workbook._LAST.clear()
    workbook_open._BOOK.clear()
    ran: list[bool] = []
    workbook_open.while_waiting(lambda: ran.append(True))
    assert ran == [] and not workbook_open._AHEAD  # nothing parsed ahead: nothing to run while waiting
    workbook_open.prefetch(path)
    workbook_open.prefetch(path)  # the same sheet again: the parse under way is the one
    assert len(workbook_open._AHEAD) == 1
    workbook_open.while_waiting(lambda: ran.append(not workbook._LAST))  # before the sheet is read
    workbook_open.while_waiting(lambda: 1 / 0)  # a failing warm-up is the work proper's to tell
    sheet = workbook.read_sheet(path, "xlsx")
    assert ran == [True] and not workbook_open._AHEAD
    assert [sheet.typed(cell) for cell in sheet.cells[2]] == ["Écoles", "#N/A"]


def test_chunks_are_made_and_encoded_one_ahead_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sheet's chunks come in order with their columns dictionary-encoded by the other thread; it never runs more
    than one chunk ahead of the one taken, and its exception is raised on the checking thread."""
    import pandas as pd

    from odwb_assist.quality import sheet_stream
    from odwb_assist.quality.encoding import prepare_chunk
    from odwb_assist.quality.stream import TEXT

    made: list[int] = []
    frames = [pd.DataFrame({"a": pd.array([f"v{i}", "", "v1"], dtype=TEXT), "b": pd.array(["x", "y", ""], dtype=TEXT)})
              for i in range(5)]

    def chunks() -> Any:
        for number, frame in enumerate(frames):
            made.append(number)
            yield frame, [number]

    ahead = sheet_stream.prepared_ahead(chunks())
    for taken, ((frame, blank, prepared), expected) in enumerate(zip(ahead, frames, strict=True), start=1):
        assert frame is expected and blank == [taken - 1]
        assert len(made) <= taken + 1
        codes = prepare_chunk(expected)
        assert set(prepared) == set(codes) == {0, 1}
        for position, code in codes.items():
            assert prepared[position].indices.equals(code.indices)
            assert prepared[position].dictionary.equals(code.dictionary)

    def failing() -> Any:
        yield frames[0], []
        raise ValueError("cellule illisible")

    with pytest.raises(ValueError, match="cellule illisible"):
        list(sheet_stream.prepared_ahead(failing()))
    monkeypatch.setattr(sheet_stream, "prepare_chunk", lambda frame: 1 / 0)  # the engine then encodes them itself
    assert [prepared for _, _, prepared in sheet_stream.prepared_ahead(chunks())] == [None] * 5
