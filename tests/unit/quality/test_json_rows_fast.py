"""The JSON report's row lists written fast (issue 17): a slice of runs laid out in one pass, and the text of rows
already written reused for a later list of the same rows; byte for byte what ``json.dumps`` writes."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from odwb_assist.core.findings import Finding, RowNumbers, Severity
from odwb_assist.core.i18n import Msg
from odwb_assist.quality import json_report
from odwb_assist.quality.detect import Detected
from odwb_assist.quality.json_report import write_json
from odwb_assist.quality.report import QualityReport


def test_a_slice_of_runs_is_the_rows_looked_up_one_by_one() -> None:
    """:meth:`RowNumbers.array` of runs (empty runs, negative and decreasing starts among them) against the
    position-by-position lookup, on random runs and random slices."""
    generator = np.random.default_rng(17)
    for _ in range(2000):
        count = int(generator.integers(0, 8))
        starts, lengths = generator.integers(-3, 60, size=count), generator.integers(0, 5, size=count)
        rows = RowNumbers.from_runs(starts, lengths)
        expected = np.concatenate([np.arange(s, s + n) for s, n in zip(starts, lengths, strict=True)] + [[]])
        for _ in range(4):
            begin = int(generator.integers(0, len(rows) + 1))
            end = int(generator.integers(begin, len(rows) + 1))
            assert rows.array(begin, end).tolist() == expected[begin:end].astype(np.int64).tolist()


def _finding(rows: RowNumbers, field: str) -> Finding:
    return Finding("decimal-comma", Severity.WARNING, Msg("Virgule décimale.", "Decimal comma."), Msg("a", "b"),
                   row_number=int(rows[0]), field_name=field, field_number=3, cell="1,5", count=len(rows), rows=rows)


@pytest.mark.parametrize("kept", [0, 1 << 12, 32 << 20])
def test_lists_of_the_same_rows_are_written_as_json_dumps_writes_them(monkeypatch: pytest.MonkeyPatch,
                                                                      kept: int) -> None:
    """Three findings on the same rows (a column flagged whole), one that differs in one row of the last piece and
    one with other rows: the text of reused pieces is the text of the rows, whatever is kept."""
    monkeypatch.setattr(json_report, "PIECE", 1000)
    monkeypatch.setattr(json_report, "KEPT_TEXT", kept)
    whole = RowNumbers.from_runs(np.array([2, 3000]), np.array([2500, 700]))
    other = np.concatenate([np.arange(2, 2502), np.arange(3000, 3699), [4000]])
    report = QualityReport(source="export.csv", detected=Detected("csv", "utf-8", ","), findings=[
        _finding(whole, "Latitude"), _finding(RowNumbers(np.asarray(whole)), "Longitude"), _finding(whole, "Date"),
        _finding(RowNumbers(other), "Montant"), _finding(RowNumbers(np.arange(7, 9000, 3)), "Commune")])
    for lang in ("fr", "en"):
        written = io.StringIO()
        write_json(report, written, lang)
        assert written.getvalue() == report.to_json(lang)
    data = json.loads(written.getvalue())
    assert [len(f["rows"]) for f in data["errors"]] == [3200, 3200, 3200, 3200, 2998]
    assert data["errors"][3]["rows"][-2:] == [3698, 4000]
