"""Dates written month first (« 3/15/2024 », as American software and some form tools export them): the check says
so, and `fix` reads them month first — before, « 1/5/2024 » became the 1st of May and « 3/15/2024 » stayed as it
was. A column written both ways keeps the dates that read both ways, and says how many."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


def write(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


def column(path: Path, index: int) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[index] for row in list(csv.reader(handle))[1:]]


def date_findings(source: Path) -> list:
    return [f for f in check(source, plugins=PM).findings if f.type == "date-format"]


def test_month_first_dates_are_said_and_read_month_first(tmp_path: Path) -> None:
    source = write(tmp_path / "dossiers.csv", [["Dossier", "Date"], ["A", "3/15/2024"], ["B", "1/5/2024"],
                                               ["C", "12/31/2024"], ["D", "2/3/2024"], ["E", "7/22/2024"]])
    [found] = date_findings(source)
    assert found.extra["order"] == "month-first" and found.count == 5
    assert "mois/jour/année" in found.message("fr") and "« 3/15/2024 »" in found.message("fr")
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    assert column(tmp_path / "propre.csv", 1) == ["2024-03-15", "2024-01-05", "2024-12-31", "2024-02-03", "2024-07-22"]
    assert result.counts["date-format"] == 5


def test_day_first_stays_the_default_when_nothing_tells(tmp_path: Path) -> None:
    source = write(tmp_path / "dossiers.csv", [["Dossier", "Date"], ["A", "1/5/2024"], ["B", "2/3/2024"], ["C", "15/03/2024"]])
    [found] = date_findings(source)
    assert found.extra["order"] == "day-first"
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert column(tmp_path / "propre.csv", 1) == ["2024-05-01", "2024-03-02", "2024-03-15"]


def test_a_column_written_both_ways_keeps_what_reads_both_ways(tmp_path: Path) -> None:
    source = write(tmp_path / "dossiers.csv", [["Dossier", "Date"], ["A", "3/15/2024"], ["B", "1/5/2024"],
                                               ["C", "15/12/2024"], ["D", "2/3/2024"], ["E", "7/22/2024"]])
    [found] = date_findings(source)
    assert (found.extra["order"], found.extra["ambiguous"]) == ("mixed", 2)
    assert "tantôt jour/mois (ligne 4 : « 15/12/2024 »), tantôt mois/jour (ligne 2 : « 3/15/2024 »)" in found.message("fr")
    assert "ne réécrit que celles qui ne se lisent que d'une façon" in found.tip("fr")
    fix(source, tmp_path / "propre.csv", plugins=PM)
    assert column(tmp_path / "propre.csv", 1) == ["2024-03-15", "1/5/2024", "2024-12-15", "2/3/2024", "2024-07-22"]


@pytest.mark.parametrize("whole_table", [False, True])
def test_form_times_month_first_at_midnight_and_with_a_time(tmp_path: Path, whole_table: bool) -> None:
    """A form tool's start times (« 3/15/24 10:05:00 ») and dates at midnight, in both of fix's paths (a section
    heading makes it read the whole table)."""
    answers = [["3/15/24 10:05:00", "1/5/1980 00:00"], ["4/2/24 11:00:00", "12/25/1975 00:00"],
               ["4/20/24 9:30:00", "6/7/1990 00:00"], ["5/2/24 8:00:00", "2/3/1999 00:00"],
               ["5/3/24 8:15:00", "3/4/1985 00:00"], ["5/4/24 18:00:00", "8/9/1970 00:00"]]
    rows = [["Réponse", "Heure de début", "Date de naissance"]]
    for number, answer in enumerate(answers):
        if whole_table and number % 3 == 0:
            rows.append([f"Vague {number // 3 + 1}", "", ""])
        rows.append([str(number + 1), *answer])
    result = fix(write(tmp_path / "reponses.csv", rows), tmp_path / "propre.csv", plugins=PM)
    assert bool(result.counts.get("sections-to-column")) is whole_table
    offset = 1 if whole_table else 0
    assert column(tmp_path / "propre.csv", 1 + offset)[:3] == ["2024-03-15T10:05:00", "2024-04-02T11:00:00",
                                                               "2024-04-20T09:30:00"]
    assert column(tmp_path / "propre.csv", 2 + offset)[:3] == ["1980-01-05", "1975-12-25", "1990-06-07"]


def test_a_slip_of_the_pen_does_not_make_a_belgian_column_mixed(tmp_path: Path) -> None:
    """« 5/13/2024 » among a hundred and fifty dates written day first (one in twenty of those that tell, or fewer)
    is a slip: the others are still read day first (the slip, no real date that way, is left as it is)."""
    rows = [["Dossier", "Date"]] + [[f"D{i}", f"{i % 28 + 1}/{i % 12 + 1}/2024"] for i in range(150)] + [["X", "5/13/2024"]]
    source = write(tmp_path / "dossiers.csv", rows)
    [found] = date_findings(source)
    assert found.extra["order"] == "day-first"
    fix(source, tmp_path / "propre.csv", plugins=PM)
    written = column(tmp_path / "propre.csv", 1)
    assert written[0] == "2024-01-01" and written[13] == "2024-02-14" and written[-1] == "5/13/2024"
