"""Parity: every error `frictionless validate` reports on its own fixtures is in our report (type, row, field)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from frictionless import Resource, system

from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check
from odwb_assist.quality.aggregate import cells

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "frictionless-fixtures"
FILES = sorted(FIXTURES.glob("*.csv")) if FIXTURES.is_dir() else []


def frictionless_errors(path: Path) -> Counter[tuple[str, int | None, str | None]]:
    with system.use_context(trusted=True):
        report = Resource(str(path)).validate()
    found: Counter[tuple[str, int | None, str | None]] = Counter()
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None) or (getattr(error, "row_numbers", None) or [None])[0]
            found[(error.type, row, getattr(error, "field_name", None))] += 1
    return found


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_same_errors_as_frictionless(path: Path) -> None:
    theirs = frictionless_errors(path)
    report = check(path, plugins=get_plugin_manager(load_entrypoints=False))
    # One finding may stand for many cells (a short row, a column of type errors): compare cell by cell.
    ours = Counter((type_, row, name) for f in report.findings for type_, row, name, _ in cells(f))
    missing = theirs - ours
    assert not missing, f"not reported: {dict(missing)}"
    assert theirs, "each fixture has at least one error"
    assert not report.valid


def test_every_frictionless_finding_is_translated_with_a_tip() -> None:
    report = check(FIXTURES / "capital-invalid.csv", plugins=get_plugin_manager(load_entrypoints=False), lang="en")
    for finding in report.findings:
        data = finding.to_dict("fr")
        assert data["message"] and data["tip"]
        assert finding.message("fr") != finding.message("en")


def test_vectorised_types_match_frictionless_with_a_given_schema(tmp_path: Path) -> None:
    schema = {"fields": [{"name": "i", "type": "integer"}, {"name": "n", "type": "number"},
                         {"name": "b", "type": "boolean"}, {"name": "d", "type": "date"},
                         {"name": "y", "type": "year"}, {"name": "s", "type": "string"}]}
    rows = ["1,1.5,true,2024-01-31,2024,a", " 2 ,1e3,0,2024-1-5,0999,b", "x,12,5,yes,31/01/2024,24,c",
            "+3,-.5,FALSE,2024-02-30,20245,d", "1_000,inf,True,2023-12-01,-999,", ",,,,,", "4.0,abc,1,2024-13-01,year,e",
            "5,NaN,TRUE,2024-12-31,1999,f,extra", "6"]
    path = tmp_path / "typed.csv"
    path.write_text("i,n,b,d,y,s\n" + "\n".join(rows) + "\n")
    schema_path = tmp_path / "schema.json"
    import json

    schema_path.write_text(json.dumps(schema))
    with system.use_context(trusted=True):
        report = Resource(str(path), schema=str(schema_path)).validate()
    theirs = Counter((e.type, getattr(e, "row_number", None), getattr(e, "field_name", None), getattr(e, "cell", None))
                     for task in report.tasks for e in task.errors)
    ours_report = check(path, schema_path, plugins=get_plugin_manager(load_entrypoints=False))
    ours = Counter(cell for f in ours_report.findings if f.source == "frictionless" for cell in cells(f))
    assert theirs == ours


def test_the_fourteen_fixtures_are_there() -> None:
    assert len(FILES) == 14
