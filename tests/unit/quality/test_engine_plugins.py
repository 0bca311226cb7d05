"""The engine and plugins: field kinds (detected or declared), Frictionless checks, events, schemas, Jupyter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Check, errors

from odwb_assist.core.contract import BaseTableCheck, FieldKind
from odwb_assist.core.findings import Finding, Severity
from odwb_assist.core.hookspecs import hookimpl
from odwb_assist.core.i18n import Msg
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, detect_kinds

SEEN: list = []


def _nis_validate(series: pd.Series, field_name: str, context: object) -> list[Finding]:
    bad = series[(series != "") & ~series.str.fullmatch("[0-9]{5}")]
    return [Finding("be-nis-code", Severity.ERROR, Msg("NIS", "NIS"), Msg("tip", "tip"), row_number=int(row),
                    field_name=field_name, cell=cell) for row, cell in bad.items()]


class KindPlugin:
    @hookimpl
    def odwb_field_kinds(self) -> list[FieldKind]:
        return [FieldKind(name="test-nis", label=Msg("code INS", "NIS code"), header_patterns=(r"\bins\b", r"\bnis\b"),
                          detect=lambda s: float(s.str.fullmatch("[0-9]{5}").mean()), validate=_nis_validate,
                          threshold=0.5, value_threshold=0.95)]

    @hookimpl
    def odwb_track_event(self, event: object) -> None:
        SEEN.append(event)


class OddRow(Check):
    type = "odd-row"
    Errors = [errors.RowError]

    def validate_row(self, row):  # noqa: ANN001, ANN201
        if row.row_number == 3:
            yield errors.RowError.from_row(row, note="row three")


class CheckPlugin:
    @hookimpl
    def odwb_checks(self, context: object) -> list:
        class Tiny(BaseTableCheck):
            name = "tiny"

            def check_chunk(self, chunk, context):  # noqa: ANN001, ANN201
                return [Finding("tiny", Severity.INFO, Msg("x", "x"), Msg("y", "y"), row_number=int(chunk.index[0]))]

        return [OddRow(), Tiny()]


@pytest.fixture
def pm():  # noqa: ANN201
    manager = get_plugin_manager(load_entrypoints=False)
    manager.register(KindPlugin(), name="test-kinds")
    manager.register(CheckPlugin(), name="test-checks")
    return manager


def test_field_kind_detected_by_header_and_values_and_validated(tmp_path: Path, pm) -> None:  # noqa: ANN001
    path = tmp_path / "c.csv"
    path.write_text("Code INS,commune\n62063,Liège\n9209,Namur\n")
    report = check(path, plugins=pm)
    assert report.kinds == {"Code INS": "test-nis"}
    assert [(f.row_number, f.field_name, f.cell) for f in report.findings if f.type == "be-nis-code"] == [(3, "Code INS", "9209")]
    frame = pd.DataFrame({"refnis": ["62063", "92094"], "x": ["a", "b"]}, dtype="str")
    assert detect_kinds(frame, pm) == {"refnis": "test-nis"}


def test_kind_declared_in_schema(tmp_path: Path, pm) -> None:  # noqa: ANN001
    path = tmp_path / "c.csv"
    path.write_text("identifiant,commune\nabc,Liège\n")
    schema = {"fields": [{"name": "identifiant", "type": "string", "odwb:kind": "test-nis"},
                         {"name": "commune", "type": "string"}]}
    report = check(path, schema, plugins=pm)
    assert report.kinds["identifiant"] == "test-nis"
    assert any(f.type == "be-nis-code" and f.row_number == 2 for f in report.findings)


def test_frictionless_checks_from_plugins_and_event(tmp_path: Path, pm) -> None:  # noqa: ANN001
    path = tmp_path / "c.csv"
    path.write_text("a,b\n1,2\n3,4\n")
    SEEN.clear()
    report = check(path, plugins=pm)
    types = {(f.type, f.row_number) for f in report.findings}
    assert ("row-error", 3) in types and ("tiny", 2) in types
    assert SEEN and SEEN[-1].type == "dataset-checked"
    assert SEEN[-1].payload == {"source": str(path), "valid": False, "errors": 1, "warnings": 0}


def test_given_schema_constraints(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,population\n1,-5\n2,abc\n")
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps({"fields": [{"name": "id", "type": "integer"},
                                             {"name": "population", "type": "integer", "constraints": {"minimum": 0}}]}))
    report = check(path, schema, plugins=get_plugin_manager(load_entrypoints=False))
    found = {(f.type, f.row_number, f.field_name) for f in report.findings}
    assert found == {("constraint-error", 2, "population"), ("type-error", 3, "population")}


def test_blocking_a_builtin_check(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("a,b\nTotal,2\n")
    blocked = get_plugin_manager(load_entrypoints=False, block=["checks.total_row"])
    assert not [f for f in check(path, plugins=blocked).findings if f.type == "total-row"]


def test_report_renders_in_jupyter_and_repr_hides_nothing_secret(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("a,b\n1,2\n")
    report = check(path, plugins=get_plugin_manager(load_entrypoints=False), lang="en")
    html = report._repr_html_()
    assert "<div" in html and "No blocking error" in html and "<html" not in html
    assert repr(report).endswith("valid>") and len(repr(report)) < 100


def test_benchmark_runs_with_a_few_rows() -> None:
    script = Path(__file__).parents[3] / "benchmarks" / "check_speed.py"
    done = subprocess.run([sys.executable, str(script), "--rows", "2000", "--repeat", "2"], capture_output=True, text=True,
                          timeout=240)
    assert done.returncode == 0, done.stderr
    assert "ratio" in done.stdout and "rows/s" in done.stdout and "peak" in done.stdout
    assert done.stdout.count("(median of 2:") == 4  # parse, check, fix and frictionless (at most 1M rows), each run twice
