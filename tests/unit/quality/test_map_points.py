"""The map column (« geo_point_2d », as the portal's own export names it): its points in the portal's text form
« latitude,longitude », a point written longitude first or no point at all said before the map is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.checks.map_points import verdict
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, fix

PM = get_plugin_manager(load_entrypoints=False)


def _write(path: Path, label: str, cells: list[str]) -> Path:
    path.write_text(f"{label};nom\n" + "".join(f'"{cell}";lieu {i}\n' for i, cell in enumerate(cells)),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("cell", "expected"), [
    ("50.4674,4.8719", None), ("50.4674, 4.8719", None), (" 50.4674 , 4.8719 ", None), ("", None),
    ("4.8719,50.4674", "swapped"), ("4.8719, 50.4674", "swapped"),
    ("50,4674; 4,8719", "form"), ("50.4674;4.8719", "form"), ("50.4674 4.8719", "form"),
    ("50.4674,4.8719x", "invalid"), ("à définir", "invalid"), ("50.4674", "invalid"),
    ("48.8566,2.3522", None),  # a partner in Paris: outside Belgium, not said
    ("POINT (4.8719 50.4674)", None),  # WKT: not the documented text form, not said either
])
def test_what_a_map_cell_holds(cell: str, expected: str | None) -> None:
    assert verdict(cell) == expected


def test_a_map_column_s_wrong_points_are_said(tmp_path: Path) -> None:
    cells = ["50.2934, 5.0934", "50.2901,5.0987", "50,2950; 5,1001", "50.2950,5.1001x", "5.0911, 50.2966", "",
             "48.8566,2.3522", "à définir"]
    report = check(_write(tmp_path / "lieux.csv", "geo_point_2d", cells), plugins=PM)
    found = {f.type: f for f in report.findings if f.type.startswith("map-point")}
    assert {kind: (f.severity.value, f.rows) for kind, f in found.items()} == {
        "map-point-swapped": ("error", [6]), "map-point-invalid": ("error", [5, 9]), "map-point-form": ("warning", [4])}
    assert "placerait ces points hors de Belgique" in found["map-point-swapped"].message("fr")
    assert "« 50.2950,5.1001 » ; « odwb-assist fix » les écrit ainsi" in found["map-point-form"].tip("fr")
    assert "written longitude first" in found["map-point-swapped"].message("en")
    assert not report.valid


@pytest.mark.parametrize("rows", [12, 3000])  # a short chunk; a chunk read by its distinct values
def test_right_points_say_nothing_and_one_swapped_among_them_is_found(tmp_path: Path, rows: int) -> None:
    cells = [f"50.{2900 + i % 97:04d},5.{900 + i % 89:04d}" for i in range(rows)]
    assert not [f for f in check(_write(tmp_path / "a.csv", "Geo Point 2D", cells), plugins=PM).findings
                if f.type.startswith("map-point")]
    cells[rows // 2] = "5.0911,50.2966"
    [swapped] = [f for f in check(_write(tmp_path / "b.csv", "geo_point_2d", cells), plugins=PM).findings
                 if f.type.startswith("map-point")]
    assert swapped.type == "map-point-swapped" and swapped.rows == [rows // 2 + 2]


def test_another_column_of_points_is_publish_s_to_judge(tmp_path: Path) -> None:
    """Only the column the portal reads as points: « Coordonnées » is made the map column by ``publish`` when every
    cell is a point in Belgium, in one order or the other (said there)."""
    report = check(_write(tmp_path / "c.csv", "Coordonnées", ["5.0911, 50.2966", "50.29,5.09"]), plugins=PM)
    assert not [f for f in report.findings if f.type.startswith("map-point")]


def test_the_fix_writes_the_points_latitude_first_with_every_digit(tmp_path: Path) -> None:
    """A swapped point turned round, decimal commas made points, every digit kept; a cell that is no point, a WKT
    point and a point abroad left as they are (the first listed under « Reste à corriger »)."""
    import csv

    cells = ["50.2934123, 5.0934567", "5.09112345, 50.29661234", "50,2950; 5,1001", "à définir", "48.8566,2.3522",
             "POINT (5.09 50.29)"]
    source = _write(tmp_path / "lieux.csv", "geo_point_2d", cells)
    result = fix(source, tmp_path / "propre.csv", plugins=PM)
    with (tmp_path / "propre.csv").open(encoding="utf-8", newline="") as handle:
        written = [row[0] for row in list(csv.reader(handle))[1:]]
    assert written == ["50.2934123, 5.0934567", "50.29661234,5.09112345", "50.2950,5.1001", "à définir",
                       "48.8566,2.3522", "POINT (5.09 50.29)"]
    assert result.counts["map-points"] == 2
    assert [f.type for f in result.remaining] == ["map-point-invalid"]
    assert [f.type for f in check(tmp_path / "propre.csv", plugins=PM).findings] == ["map-point-invalid"]

