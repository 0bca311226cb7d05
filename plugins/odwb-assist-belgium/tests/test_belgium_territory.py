"""National, Flemish and Brussels files: NIS codes checked against the national list, and values
outside Wallonia summarised once per column when the column is mostly outside Wallonia."""

from __future__ import annotations

import warnings
from pathlib import Path

from odwb_assist.core.findings import Severity
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

# Brussels and Flemish communes (current codes), then the odd Walloon one.
NATIONAL = ["21004", "21001", "21015", "11002", "12041", "44021", "46030", "73111", "71072", "24062",
            "31005", "35013", "37021", "41002", "23106", "44083", "45068", "72042", "72043", "21009"]


def run(tmp_path: Path, text: str, **options):
    path = tmp_path / "national.csv"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # a failing check of ours would be a warning: make it fail
        return check(path, plugins=get_plugin_manager(), **options)


def of(report, error_type: str) -> list:
    return [f for f in report.findings if f.type == error_type]


def test_a_national_nis_column_is_checked_and_summarised_once(tmp_path):
    rows = [*NATIONAL, "92094", "44011", "99999", "46013", *NATIONAL]
    text = "REFNIS;commune\n" + "".join(f"{code};x\n" for code in rows)
    report = run(tmp_path, text)
    assert report.kinds["REFNIS"] == "be-nis-code"  # detected although most codes lie outside Wallonia
    assert of(report, "be-nis-outside-wallonia") == []
    (summary,) = of(report, "be-nis-mostly-outside-wallonia")
    assert summary.severity is Severity.INFO and summary.field_name == "REFNIS"
    assert summary.extra["count"] == 40 and summary.row_number == 2 and len(summary.extra["examples"]) == 20
    assert "40 sur 41" in summary.message("fr") and "21004" in summary.message("fr")
    assert "communes belges au 1er janvier 2025" in summary.message("fr") and "Flemish" in summary.message("en")
    retired = {f.cell: f.extra["new"] for f in of(report, "be-nis-retired")}
    assert retired == {"44011": "44083", "46013": "46030"}
    assert [f.cell for f in of(report, "be-nis-unknown")] == ["99999"]


def test_the_summary_spans_chunks(tmp_path):
    text = "niscode\n" + "".join(f"{code}\n" for code in NATIONAL * 5)
    report = run(tmp_path, text, chunk_rows=7)
    (summary,) = of(report, "be-nis-mostly-outside-wallonia")
    assert summary.extra["count"] == 100 and [f.type for f in report.findings if f.source == "belgium"] == [summary.type]


def test_a_walloon_column_warns_on_each_code_outside_wallonia(tmp_path):
    walloon = ["92094", "82039", "25005", "62063", "57081", "52011"]
    text = "code_ins\n" + "".join(f"{code}\n" for code in [*walloon, "21004", *walloon])
    report = run(tmp_path, text)
    assert [(f.row_number, f.severity) for f in of(report, "be-nis-outside-wallonia")] == [(8, Severity.WARNING)]
    assert "Bruxelles" in of(report, "be-nis-outside-wallonia")[0].message("fr")
    assert of(report, "be-nis-mostly-outside-wallonia") == []


def test_national_postal_codes_and_coordinates_are_one_finding_per_column(tmp_path):
    flemish = [("1000", "50.8467", "4.3525"), ("2000", "51.2194", "4.4025"), ("9000", "51.0543", "3.7174"),
               ("3500", "50.9307", "5.3325"), ("8000", "51.2093", "3.2247"), ("2800", "51.0259", "4.4776")]
    rows = [*flemish * 4, ("5000", "50.4669", "4.8670"), ("1000", "0.0", "0.0")]
    text = "code_postal;latitude;longitude\n" + "".join(";".join(r) + "\n" for r in rows)
    report = run(tmp_path, text)
    assert [f.extra["count"] for f in of(report, "be-postal-mostly-outside-wallonia")] == [25]
    assert of(report, "be-postal-outside-wallonia") == []
    (coordinates,) = of(report, "coordinates-mostly-outside-wallonia")
    assert coordinates.field_name == "latitude" and coordinates.extra["count"] == 24  # longitudes 3–5.3 look Walloon
    # a point outside Belgium stays a finding of its own row
    assert {(f.row_number, f.field_name) for f in of(report, "coordinates-outside-wallonia")} == {
        (27, "latitude"), (27, "longitude")}
