"""Tests of the example plugin, with a throwaway plugin manager (built-ins + this plugin only).

Run them with ``python -m pytest examples/plugin-exemple/tests``.
"""

from __future__ import annotations

from pathlib import Path

import odwb_assist_horaires as horaires
import pandas as pd
import pluggy
import pytest

from odwb_assist.plugin import CheckContext, get_plugin_manager
from odwb_assist.quality import check

CONTEXT = CheckContext(source="horaires.csv", fields=["service", "horaires"])


@pytest.fixture
def pm() -> pluggy.PluginManager:
    manager = get_plugin_manager(load_entrypoints=False)  # never picks up what is installed on the machine
    manager.register(horaires, name="horaires")
    return manager


def test_hook_gives_the_opening_hours_kind() -> None:
    kinds = horaires.odwb_field_kinds()
    assert [k.name for k in kinds] == ["opening-hours"]
    assert kinds[0].label("fr") == "horaires d'ouverture"


@pytest.mark.parametrize("cell", ["09:00-12:00", "09:00-12:00;14:00-17:30", "09:00-12:00 ; 14:00-17:00", "fermé", "Closed"])
def test_valid_cells(cell: str) -> None:
    values = pd.Series([cell], index=[2])
    assert list(horaires.validate(values, "horaires", CONTEXT)) == []


@pytest.mark.parametrize("cell", ["9h-12h", "09:00", "25:00-26:00", "09:00-12:00,14:00-17:00"])
def test_badly_written_cells(cell: str) -> None:
    values = pd.Series([cell, ""], index=[5, 6])
    findings = list(horaires.validate(values, "horaires", CONTEXT))
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.type, finding.row_number, finding.field_name, finding.cell) == ("opening-hours-format", 5, "horaires", cell)
    assert "HH:MM-HH:MM" in finding.tip("fr") and "HH:MM-HH:MM" in finding.tip("en")


def test_detect_share_of_hours() -> None:
    assert horaires.detect(pd.Series(["9h-12h", "14:00-17:00", "Mairie", "fermé"])) == 0.5
    assert horaires.detect(pd.Series([], dtype=str)) == 0.0


def test_check_reports_the_bad_cell_with_row_and_column(pm: pluggy.PluginManager, tmp_path: Path) -> None:
    data = tmp_path / "horaires.csv"
    data.write_text("service,horaires\nMairie,09:00-12:00;14:00-17:00\nPiscine,9h-12h\nParc,fermé\n", encoding="utf-8")
    report = check(data, plugins=pm)
    assert report.kinds["horaires"] == "opening-hours"
    found = [f for f in report.findings if f.type == "opening-hours-format"]
    assert [(f.row_number, f.field_name, f.cell) for f in found] == [(3, "horaires", "9h-12h")]
    assert data.read_text(encoding="utf-8").startswith("service,horaires")  # the file is never changed


def test_blocking_the_plugin_removes_the_check(tmp_path: Path) -> None:
    data = tmp_path / "horaires.csv"
    data.write_text("service,horaires\nPiscine,9h-12h\n", encoding="utf-8")
    manager = get_plugin_manager(load_entrypoints=False, block=["horaires"])
    manager.register(horaires, name="horaires")  # blocked: registration is refused
    report = check(data, plugins=manager)
    assert not [f for f in report.findings if f.type == "opening-hours-format"]
