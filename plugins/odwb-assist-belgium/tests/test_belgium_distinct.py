"""The plugin on the distinct-value contract: validators run once per distinct value, a coordinate column
is parsed once per chunk for every part that needs it, and loading the plugin reads no reference table."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pandas as pd
import pytest
from odwb_assist_belgium import coordinates, enterprise, phone
from odwb_assist_belgium.coordinates_pair import SwappedCoordinatesCheck
from odwb_assist_belgium.distinct import VerdictCache
from odwb_assist_belgium.kinds import KINDS
from odwb_assist_belgium.territory import OutsideWalloniaCheck

from odwb_assist.core.contract import CheckContext
from odwb_assist.quality.check_run import EncodedColumns


def chunk(data: dict[str, list[str]], first_row: int = 2) -> pd.DataFrame:
    n = len(next(iter(data.values())))
    return pd.DataFrame(data, index=range(first_row, first_row + n)).astype("str")


def run_chunk(frame: pd.DataFrame, context: CheckContext, checks: list) -> list:
    """What the engine does with one chunk: kinds on the encoded columns, ``check_values``, then ``check_chunk``."""
    encoded = EncodedColumns(frame, context.kinds)
    kinds = {kind.name: kind for kind in KINDS}
    found = []
    for name, kind in context.kinds.items():
        validate_values = kinds[kind].validate_values
        assert validate_values is not None
        found += list(validate_values(encoded[name], context))
    for check in checks:
        for name in frame.columns:
            found += list(check.check_values(encoded[name], context))
    for check in checks:
        found += list(check.check_chunk(frame, context))
    return found


def test_every_kind_validates_distinct_values():
    assert all(kind.validate_values is not None for kind in KINDS if kind.name != "be-commune-name")


@pytest.mark.parametrize(("module", "cells", "bad"), [
    (phone, ["081 24 64 11", "12345", " 081 24 64 11", "", "12345"], "be-phone-invalid"),
    (enterprise, ["0440.966.354", "123", "0440966354", "  ", "123"], "be-enterprise-invalid"),
])
def test_a_validator_sees_each_distinct_value_once_and_findings_go_back_to_every_row(monkeypatch, module, cells, bad):
    seen: list[list[str]] = []
    original = module.verdicts

    def counting(values: pd.Series) -> tuple[pd.Series, pd.Series]:
        seen.append(values.tolist())
        return original(values)

    monkeypatch.setattr(module, "verdicts", counting)
    module.VERDICTS.clear()
    rows = cells * 400  # 2,000 rows, a handful of distinct cells
    context = CheckContext(source="t.csv", fields=["col"], kinds={"col": module.KIND.name})
    found = run_chunk(chunk({"col": rows}), context, [])
    assert len(seen) == 1 and len(seen[0]) == len(set(rows) - {""})  # once, on the distinct non-empty cells
    assert [f.row_number for f in found if f.type == bad] == [i + 2 for i, cell in enumerate(rows) if cell in ("12345", "123")]
    assert {f.cell for f in found} == {"12345", "123"} & set(rows)


def test_verdicts_are_kept_across_chunks_bounded_and_unchanged(monkeypatch):
    seen: list[list[str]] = []
    original = phone.verdicts

    def counting(values: pd.Series) -> tuple[pd.Series, pd.Series]:
        seen.append(values.tolist())
        return original(values)

    monkeypatch.setattr(phone, "verdicts", counting)
    cache = VerdictCache(lambda values: phone.verdicts(values), size=4)
    first = pd.Series(["081 24 64 11", "12345", "81246411", "12345 "]).str.strip()
    second = pd.Series(["0470 12 34 56", "12345", "081 24 64 11", "+33 1 42 68 53 00", "abc"])
    for texts in (first, second, second):
        expected = [mask.to_numpy(dtype=bool).tolist() for mask in original(texts)]
        assert [mask.tolist() for mask in cache(texts)] == expected
    assert seen == [["081 24 64 11", "12345", "81246411", "12345"],  # the first chunk, whole
                    ["0470 12 34 56", "+33 1 42 68 53 00", "abc"],  # then only what was never seen
                    ["+33 1 42 68 53 00", "abc"]]  # the cache is full (4 values): the rest is judged each time
    assert len(cache) == 4


def test_coordinates_are_parsed_once_per_column_for_kind_pair_and_territory(monkeypatch):
    calls: list[int] = []
    original = coordinates.numbers

    def counting(values: pd.Series) -> pd.Series:
        calls.append(len(values))
        return original(values)

    monkeypatch.setattr(coordinates, "numbers", counting)
    lat = ["50,4669", "4,8670", "50,4669", "51,2194", "abc", ""]
    lon = ["4,8670", "50,4669", "4,8670", "4,4025", "5,0", ""]
    context = CheckContext(source="t.csv", fields=["lat", "lon"], kinds={"lat": "wgs84-latitude", "lon": "wgs84-longitude"})
    checks: list[Any] = [SwappedCoordinatesCheck(), OutsideWalloniaCheck()]
    for check in checks:
        check.start(context)
    found = run_chunk(chunk({"lat": lat, "lon": lon}), context, checks)
    assert calls == [4, 4]  # one parse per column (of its 4 distinct values), for the kind, the pair and the territory
    assert [(f.type, f.row_number, f.cell) for f in found] == [
        ("coordinates-invalid", 6, "abc"),
        ("coordinates-swapped", 3, "4,8670"),
        ("coordinates-outside-wallonia", 5, "51,2194"),
    ]


def test_row_checks_work_without_check_values():
    """A caller that only hands chunks (no ``check_values``) gets the same findings: the check encodes the columns."""
    lat, lon = ["50,4669", "4,8670"], ["4,8670", "50,4669"]
    context = CheckContext(source="t.csv", fields=["lat", "lon"], kinds={"lat": "wgs84-latitude", "lon": "wgs84-longitude"})
    found = list(SwappedCoordinatesCheck().check_chunk(chunk({"lat": lat, "lon": lon}, first_row=10), context))
    assert [(f.type, f.row_number, f.cell, f.extra["other"]) for f in found] == [
        ("coordinates-swapped", 11, "4,8670", "50,4669")]


SCRIPT = """
import json, sys
import odwb_assist_belgium
from odwb_assist.core.contract import CheckContext
from odwb_assist.core.plugins import collect, get_plugin_manager
from odwb_assist_belgium import reference

pm = get_plugin_manager(builtins=False, load_entrypoints=False)
pm.register(odwb_assist_belgium, name="belgium")
kinds = collect(pm.hook.odwb_field_kinds())
context = CheckContext(source="t.csv", fields=["ins", "cp"], kinds={"ins": "be-nis-code", "cp": "be-postal-code"})
checks = collect(pm.hook.odwb_checks(context=context))
tables = [name for name in dir(reference) if hasattr(getattr(reference, name), "cache_info")]
print(json.dumps({
    "kinds": len(kinds), "checks": len(checks),
    "loaded": [name for name in tables if getattr(reference, name).cache_info().currsize],
    "modules": sorted({name.split(".")[0] for name in sys.modules} & {"phonenumbers", "stdnum"}),
}))
"""


def test_registering_the_plugin_reads_no_reference_table():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["kinds"] == len(KINDS) and result["checks"] >= 2
    assert result["loaded"] == [] and result["modules"] == []


def test_the_verdict_cache_answers_a_chunk_of_seen_values_as_the_validator():
    """A chunk whose values were all seen is answered by one take of the kept rows (the path of most chunks)."""
    cache = VerdictCache(lambda values: phone.verdicts(values))
    first = pd.Series(["081 24 64 11", "12345", "0470 12 34 56", "+33 1 42 68 53 00", "abc"])
    cache(first)
    again = pd.Series(["abc", "0470 12 34 56", "081 24 64 11", "abc"])  # seen, in another order, repeated
    expected = [mask.to_numpy(dtype=bool).tolist() for mask in phone.verdicts(again)]
    assert [mask.tolist() for mask in cache(again)] == expected and len(cache) == 5
    assert any(any(mask) for mask in expected) and not all(all(mask) for mask in expected)
