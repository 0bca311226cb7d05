"""Check and fix ``time-format``: times of day written « 9h30 » (or « 9:30 ») in a column of times → « 09:30 »."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from odwb_assist.checks.time_format import to_iso
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from engine_spies import fix_both_ways  # noqa: E402
from real_shapes import write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


def _csv(path: Path, rows: list[list[str]]) -> Path:
    return write_csv(path, rows, encoding="utf-8")


@pytest.mark.parametrize(("cell", "iso"), [("9h30", "09:30"), ("14h", "14:00"), ("14 h 30", "14:30"), ("09H00", "09:00"),
                                          (" 8h ", "08:00"), ("9:30", "09:30"), ("09:30", "09:30"), ("7:05:10", "07:05:10"),
                                          ("24h", None), ("9h75", None), ("9h-12h", None), ("1h30 de marche", None),
                                          ("", None), ("14", None)])
def test_a_time_of_day_written_as_iso(cell: str, iso: str | None) -> None:
    assert to_iso(cell) == iso


def test_seconds_are_added_when_asked() -> None:
    assert to_iso("9h30", seconds=True) == "09:30:00" and to_iso("14:00:00") == "14:00:00"


def _findings(report: object, kind: str = "time-format") -> dict[str, tuple[int, int | None, str | None]]:
    return {f.field_name: (f.count, f.row_number, f.cell) for f in report.findings if f.type == kind}  # type: ignore[attr-defined]


def test_a_column_of_times_written_the_french_way_is_said(tmp_path: Path) -> None:
    rows = [["Activité", "Début", "Durée", "Horaire", "Fin", "Volume horaire"],
            ["Balade", "9h30", "1h30", "9h-12h", "11:00", "19h"],
            ["Atelier", "14h", "0h45", "14h-17h", "15:30", "20h"],
            ["Visite", "10:15", "2h", "", "12:00", "12h"],
            ["Marché", "", "3h", "8h-13h", "13:00", "4h"]]
    report = check(_csv(tmp_path / "agenda.csv", rows), plugins=PM)
    # « Durée » and « Volume horaire » name durations, « Horaire » holds ranges, « Fin » is already HH:MM
    assert _findings(report) == {"Début": (2, 2, "9h30")}
    finding = next(f for f in report.findings if f.type == "time-format")
    assert "14h" in finding.message("fr") and "sorts before" in finding.message("en")


def test_a_column_with_a_value_that_is_no_time_is_not_said(tmp_path: Path) -> None:
    rows = [["Service", "Ouverture"], ["Accueil", "9h"], ["Travaux", "sur rendez-vous"], ["CPAS", "8h30"]]
    assert _findings(check(_csv(tmp_path / "services.csv", rows), plugins=PM)) == {}


def test_fix_writes_hh_mm_the_same_way_streamed_and_on_the_whole_table(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [["Collecte", "Passage", "Retour"]] + [[f"Rue {n}", ["6h", "6h30", "7:15", "06:45"][n % 4],
                                                   ["12:00:00", "13h", "12h30"][n % 3]] for n in range(12)]
    source = _csv(tmp_path / "collectes.csv", rows)
    outputs = [(run["files"]["propre.csv"].decode("utf-8"), run["result"].counts.get("time-format"))
               for run in fix_both_ways(source, tmp_path, monkeypatch, PM)]
    assert outputs[0] == outputs[1]
    lines = outputs[0][0].splitlines()
    # « Retour » holds a time with its seconds: every time of it gets them
    assert lines[1:5] == ["Rue 0,06:00,12:00:00", "Rue 1,06:30,13:00:00", "Rue 2,07:15,12:30:00", "Rue 3,06:45,12:00:00"]
    assert not _findings(check(tmp_path / "stream" / "propre.csv", plugins=PM))
