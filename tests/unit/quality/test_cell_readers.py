"""Datetime, time, month-year, coordinate and GeoJSON columns (database and portal exports) are checked in pyarrow
blocks with Frictionless's own readers: the verdicts are the readers', and a check gives the type errors
``frictionless validate`` gives."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, engine
from odwb_assist.quality.cell_readers import READERS, readable, readable_texts

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from engine_spies import spy_readers  # noqa: E402
from real_shapes import ODD_MONTHS, ODD_POINTS, ODD_TIMES, ODD_TIMESTAMPS, timestamp_rows, write_csv  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)


def _near_misses(kind: str, count: int, seed: int) -> list[str]:
    """Values shaped like the type's cells, with every part drawn around and beyond its range."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        clock = f"{rng.randint(0, 25):02d}:{rng.randint(0, 61):02d}:{rng.randint(0, 61):02d}"
        clock += rng.choice(["", "", ".5", ".123456", ".1234567", ",25", "Z", "+01:00", "-0230", " "])
        day = f"{rng.choice(['0000', '0001', '0999', '1000', '1900', '2000', '2023', '2024', '2100', '9999'])}-" \
              f"{rng.randint(0, 13):02d}-{rng.randint(0, 32):02d}"
        degrees = [rng.choice(["", "-", "+", " "]) + str(rng.choice([0, 4, 50, 89, 90, 91, 179, 180, 181, 999]))
                   + rng.choice(["", ".5", ".8667", ".0000001", ".", ",5", "e1"]) for _ in range(2)]
        out.append({
            "time": rng.choice([clock, clock[1:], f"{rng.randint(0, 9)}:{clock[3:]}", clock[:5]]),
            "datetime": day + rng.choice(["T", " ", "t", "_", ""]) + clock,
            "yearmonth": rng.choice([day[:7], day[:6], day[2:7], day[:4] + "/" + day[5:7], day[:7] + " "]),
            "geopoint": rng.choice([", ", ",", " , ", "; ", ",,"]).join(degrees),
            "duration": rng.choice(["P", "PT", "-P", "p", "PT1", ""]) + rng.choice(["1D", "2H30M", "1Y2M", "X", "1.5S"]),
            "object": rng.choice(['{"a": 1}', "{}", "[1, 2]", "{a: 1}", ' {"b": [1]}', "1", '"x"']),
            "array": rng.choice(["[1, 2]", "[]", '{"a": 1}', "[1,", ' ["x"]', "null"]),
            "geojson": _geometry(rng),
        }[kind])
    return out


def _geometry(rng: random.Random) -> str:
    """A GeoJSON-shaped object, valid or not: half of them a geometry or feature as the profile wants it, the others
    with one part drawn around it (a type's spelling, coordinates of another depth or kind, a member missing)."""
    import json

    ring = [[4.8, 50.4], [5.0, 50.5], [5.1, 50.4], [4.8, 50.4]]
    shapes = {"Point": [4.8, 50.4], "LineString": ring[:2], "Polygon": [ring], "MultiPolygon": [[ring]]}
    kind = rng.choice(list(shapes))
    geometry: dict[str, object] = {"type": kind, "coordinates": shapes[kind]}
    if rng.random() < 0.5:
        part = rng.choice(["type", "coordinates", "missing", "point", "bbox"])
        if part == "type":
            geometry["type"] = rng.choice(["Polygone", "point", "Circle", "", 3])
        elif part == "coordinates":
            geometry["coordinates"] = rng.choice(list(shapes.values()) + [[], "4.8, 50.4", [[4.8]], None])
        elif part == "missing":
            del geometry[rng.choice(["type", "coordinates"])]
        elif part == "point":
            geometry["coordinates"] = [rng.choice([4.8, "4.8", None]), rng.choice([50.4, -91, 1e9])]
            geometry["type"] = "Point"
        else:
            geometry["bbox"] = rng.choice([[4.8, 50.4, 5.1, 50.5], [4.8], "x"])
    if rng.random() < 0.2:
        geometry = {"type": "Feature", "geometry": geometry, "properties": rng.choice([{}, None, {"nom": "Ciney"}, "x"])}
    text = json.dumps(geometry)
    return rng.choice([text] * 6 + [text[:-1], " " + text, "[" + text + "]"])


@pytest.mark.parametrize("kind", sorted(READERS))
def test_the_verdicts_are_frictionless_s_readers(kind: str) -> None:
    values = _near_misses(kind, 4000, seed=len(kind)) + ODD_TIMESTAMPS + ODD_TIMES + ODD_MONTHS + ODD_POINTS + ["", "x"]
    expected = [bool(value) and READERS[kind](value) for value in values]
    assert readable(pa.array(values, pa.string()), kind).tolist() == expected
    assert readable_texts(values, kind).tolist() == expected
    assert 0.05 < sum(expected) / len(expected) < 0.95  # both verdicts are tested, not only one


def test_the_geojson_verdicts_are_frictionless_s_field_reader() -> None:
    """The GeoJSON reader against Frictionless's own field reading the cell (not only its validator)."""
    from frictionless import fields

    field = fields.GeojsonField(name="geo_shape")
    values = _near_misses("geojson", 3000, seed=11) + ['{"type": "Point", "coordinates": [4.8, 50.4]}', "", "x", "{}"]
    expected = [field.read_cell(value)[1] is None and value != "" for value in values]
    assert READERS["geojson"] is not None
    assert readable(pa.array(values, pa.string()), "geojson").tolist() == expected
    assert 0.05 < sum(expected) / len(expected) < 0.95


def test_a_timestamp_export_is_checked_in_blocks_as_frictionless_validates_it(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from frictionless import Dialect, Resource, formats, validate

    path = write_csv(tmp_path / "export.csv", timestamp_rows())
    used = spy_readers(monkeypatch, {"arrow": (engine, "_stream_arrow"), "frictionless": (engine, "stream_frictionless")})
    report = check(path, plugins=PM)
    assert used == ["arrow"]  # before: a datetime column sent the file to Frictionless
    assert [report.types[name] for name in ("cree_le", "ouverture", "mois", "position")] == \
        ["datetime", "time", "yearmonth", "geopoint"]
    ours = {(f.field_name, row) for f in report.findings if f.type == "type-error" for row in f.all_rows}
    control = Dialect(controls=[formats.CsvControl(delimiter=";")])
    resource = Resource(path.name, basepath=str(path.parent), encoding="cp1252", dialect=control)
    flat = validate(resource, limit_errors=10_000).flatten(["fieldName", "rowNumber", "type"])
    frictionless = {(name, row) for name, row, type_ in flat if type_ == "type-error"}
    assert ours == frictionless
    assert {name for name, _ in ours} == {"cree_le", "ouverture", "mois", "position"}
