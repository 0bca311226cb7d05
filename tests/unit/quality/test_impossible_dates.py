"""``impossible-date``: « 30/02/2024 » among local dates was counted with the dates to rewrite, which ``fix`` then
left as it was without a word; « 2024-02-30 » beside a local date hid too (the column was text to the type tally).
The clean file got a type error each time."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from odwb_assist.checks.calendar_dates import impossible_iso, impossible_local
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

PM = get_plugin_manager(load_entrypoints=False)


@pytest.mark.parametrize(("cell", "impossible"), [("30/02/2024", True), ("31/04/2024", True), ("29/02/2023", True),
                                                  ("13/13/2024", True), ("02/30/2024", True), ("29/02/2024", False),
                                                  ("12/31/2024", False), ("31/12/24", False), ("29.02.00", False),
                                                  ("31-06-2025 14:05", True)])
def test_a_local_date_is_impossible_only_whichever_comes_first(cell: str, impossible: bool) -> None:
    assert impossible_local(pa.array([cell])).tolist() == [impossible]


def test_iso_dates_of_the_calendar() -> None:
    cells = ["2024-02-30", "2023-02-29", "2024-02-29", "2000-02-29", "1900-02-29", "2024-13-01", "2024-00-10"]
    assert impossible_iso(pa.array(cells)).tolist() == [True, True, False, False, True, True, True]


def write(path: Path, dates: list[str]) -> Path:
    path.write_text("Dossier;Date\n" + "".join(f"D{i};{d}\n" for i, d in enumerate(dates)), encoding="utf-8")
    return path


def said(source: Path) -> list[tuple[str, int | None, int]]:
    return [(f.severity.value, f.row_number, f.count) for f in check(source, plugins=PM).findings
            if f.type == "impossible-date"]


def test_an_impossible_local_date_is_an_error_and_no_date_to_rewrite(tmp_path: Path) -> None:
    dates = [f"{i % 28 + 1:02d}/03/2024" for i in range(30)]
    dates[4] = "30/02/2024"
    source = write(tmp_path / "dossiers.csv", dates)
    report = check(source, plugins=PM)
    assert said(source) == [("error", 6, 1)]
    assert [f.count for f in report.findings if f.type == "date-format"] == [29]
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert [(f.type, f.row_number) for f in result.remaining] == [("impossible-date", 6)]
    assert "D4,30/02/2024" in (tmp_path / "propre.csv").read_text(encoding="utf-8")  # left as it was, said


def test_an_impossible_iso_date_beside_a_local_one_is_said(tmp_path: Path) -> None:
    dates = [f"2024-03-{i % 28 + 1:02d}" for i in range(30)]
    dates[4], dates[8] = "2024-02-30", "15/03/2024"
    report = check(write(tmp_path / "dossiers.csv", dates), plugins=PM)
    assert [(f.type, f.row_number) for f in report.findings if f.severity.value == "error"] == [("impossible-date", 6)]


def test_file_numbers_that_look_like_dates_are_not_said(tmp_path: Path) -> None:
    numbers = [f"{i % 40 + 1}/{i % 60 + 10}/24" for i in range(30)]  # « 12/45/24 »: a file number, no date
    assert said(write(tmp_path / "references.csv", numbers)) == []
