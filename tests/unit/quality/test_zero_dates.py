"""``zero-date``: a database's zero date (« 0000-00-00 », « 00/00/0000 »), a missing date: reported and emptied, and the
column typed by its real dates."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check
from odwb_assist.quality.placeholders import is_placeholder, is_zero_date

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from engine_spies import fix_both_ways  # noqa: E402
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


def _csv(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, delimiter=",", encoding="utf-8")


def _export(path: Path) -> Path:
    """A MySQL export of clubs: most have no end date, a few no creation date nor update time."""
    rows = [["id", "nom", "date_creation", "date_fin", "mise_a_jour", "remarque"]]
    for n in range(1, 41):
        created = "0000-00-00" if n % 13 == 0 else f"20{10 + n % 14}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        ended = "0000-00-00" if n % 3 else f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}"
        updated = "0000-00-00 00:00:00" if n == 20 else f"2024-03-{1 + n % 28:02d} 10:{n % 60:02d}:00"
        rows.append([str(n), f"Club {n}", created, ended, updated, "saisi le 0000-00-00" if n == 7 else ""])
    return _csv(path / "clubs.csv", rows)


@pytest.mark.parametrize(("cell", "zero"), [("0000-00-00", True), (" 0000-00-00 00:00:00 ", True), ("00/00/0000", True),
                                            ("00.00.0000", True), ("0000-00-00T00:00:00", True),
                                            ("2024-00-00", False), ("00:00:00", False), ("0", False)])
def test_a_zero_date_is_a_missing_value(cell: str, zero: bool) -> None:
    assert is_zero_date(cell) is zero and is_placeholder(cell) is zero


def test_zero_dates_are_said_and_the_columns_are_typed_as_their_dates(tmp_path: Path) -> None:
    report = check(_export(tmp_path), plugins=PM)
    found = {f.field_name: (f.extra["count"], f.row_number, f.cell) for f in report.findings if f.type == "zero-date"}
    assert found == {"date_creation": (3, 14, "0000-00-00"), "date_fin": (27, 2, "0000-00-00"),
                     "mise_a_jour": (1, 21, "0000-00-00 00:00:00")}
    finding = next(f for f in report.findings if f.field_name == "date_fin")
    assert "date zéro" in finding.message("fr") and "zero date" in finding.message("en")
    # neither « n.d. » nor text: the columns of dates are typed as dates, no other finding on them
    assert [f.type for f in report.findings if f.field_name in ("date_creation", "date_fin")] == ["zero-date"] * 2
    assert report.types["date_fin"] == "date" and report.types["date_creation"] == "date"


def test_fix_empties_them_the_same_way_streamed_and_on_the_whole_table(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    source = _export(tmp_path)
    outputs = [(run["files"]["propre.csv"].decode("utf-8"), run["result"].counts.get("zero-dates"))
               for run in fix_both_ways(source, tmp_path, monkeypatch, PM)]
    assert outputs[0] == outputs[1] and outputs[0][1] == 31
    text = outputs[0][0]
    assert "saisi le 0000-00-00" in text  # a remark that names a zero date is text, kept
    assert text.count("0000-00-00") == 1
    cleaned = check(tmp_path / "stream" / "propre.csv", plugins=PM)
    assert not [f for f in cleaned.findings if f.type in ("zero-date", "placeholder-value", "read-as-text")]
    assert cleaned.types["date_fin"] == "date" and cleaned.types["mise_a_jour"] == "datetime"


def test_a_long_column_of_dates_is_typed_by_its_dates(tmp_path: Path) -> None:
    """Many distinct values: the type check reads them in Arrow, where a value holding a digit may still be one."""
    rows = [["dossier", "cloture"]] + [[f"D{n:05d}", "00/00/0000" if n % 4 else f"{2000 + n % 24}-{1 + n % 12:02d}-"
                                        f"{1 + n % 28:02d}"] for n in range(3000)]
    report = check(_csv(tmp_path / "dossiers.csv", rows), plugins=PM)
    assert report.types["cloture"] == "date"
    assert [(f.type, f.extra.get("count")) for f in report.findings if f.field_name == "cloture"] == [("zero-date", 2250)]
