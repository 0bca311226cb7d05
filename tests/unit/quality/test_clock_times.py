"""Times of day written the French way (« 8h30 », « 14h ») are no numbers with a unit: « 14h » among them is a time,
while a column of « 2h », « 3h » holds durations, whose unit belongs in the title."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check


def pm():  # noqa: ANN201
    return get_plugin_manager(load_entrypoints=False)


def units(path: Path, chunk_rows: int | None = None) -> dict[str, int]:
    report = check(path, plugins=pm(), chunk_rows=chunk_rows)
    return {str(f.field_name): f.count for f in report.findings if f.type == "unit-in-cell"}


def test_a_timetable_says_nothing_of_units(tmp_path: Path) -> None:
    path = tmp_path / "horaires.csv"
    path.write_text("Activité;Début;Fin\nYoga;8h30;9h30\nPiscine;10h00;12h\nÉchecs;14h;16 h 30\n", encoding="utf-8")
    assert units(path) == {}


@pytest.mark.parametrize("chunk_rows", [None, 2], ids=["one-chunk", "times-met-after-hours"])
def test_hours_read_before_the_first_time_of_day_are_times_too(tmp_path: Path, chunk_rows: int | None) -> None:
    path = tmp_path / "permanences.csv"
    lines = ["Service;Ouverture", "Accueil;9h", "Travaux;8h", "Population;8h30", "CPAS;13h15"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert units(path, chunk_rows) == {}


def test_durations_in_hours_keep_their_warning(tmp_path: Path) -> None:
    path = tmp_path / "trajets.csv"
    path.write_text("Trajet;Durée;Distance\nA;2h;12 km\nB;3h;30 km\nC;1h;8 km\n", encoding="utf-8")
    assert units(path) == {"Durée": 3, "Distance": 3}
