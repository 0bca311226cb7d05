"""Work made ahead on the CSV reader's thread (:class:`ValuesPreparation`): it runs there, and the report is the
same whether it ran ahead, failed there, or was left to the checks."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from odwb_assist.core.contract import ChunkPreparation, ColumnValues, ValuesPreparation
from odwb_assist.core.plugins import default_plugin_manager
from odwb_assist.quality import check_run, engine
from odwb_assist.quality.encoding import prepare_chunk
from odwb_assist.quality.stream import Blocks

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from export_generator import commune_export  # noqa: E402

ROWS = 9000
CHUNK = 2500  # four chunks, each long enough for the per-column paths (distinct values, pyarrow patterns)
READER = "odwb-csv-reader"


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    written: Path = commune_export().write(tmp_path_factory.mktemp("ahead") / "export.csv", ROWS)
    return written


def _report(path: Path) -> dict[str, Any]:
    data = engine.check(path, plugins=default_plugin_manager(), chunk_rows=CHUNK).to_dict("fr")
    data.pop("seconds", None)
    return data


def _wrapped(monkeypatch: pytest.MonkeyPatch, wrap: Any) -> list[tuple[str, str]]:
    """Every preparation the engine collects wrapped by ``wrap(compute, calls)``; the (thread, name) of each call."""
    calls: list[tuple[str, str]] = []
    original = check_run.preparations

    def spied(*args: Any, **kwargs: Any) -> list[Any]:
        return [ChunkPreparation(p.name, wrap(p.compute, p.name, calls)) if isinstance(p, ChunkPreparation)
                else ValuesPreparation(p.name, wrap(p.compute, p.name, calls), p.kinds) for p in original(*args, **kwargs)]

    monkeypatch.setattr(check_run, "preparations", spied)
    return calls


def _recorded(compute: Any, name: str, calls: list[tuple[str, str]]) -> Any:
    def run(column: Any) -> Any:
        calls.append((threading.current_thread().name, name))
        return compute(column)
    return run


def _failing_ahead(compute: Any, name: str, calls: list[tuple[str, str]]) -> Any:
    def run(column: Any) -> Any:
        calls.append((threading.current_thread().name, name))
        if threading.current_thread().name == READER:
            raise RuntimeError("ahead")
        return compute(column)
    return run


def test_the_built_in_preparations_run_on_the_reader_thread_only(export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While the checks are busy (here slow: a pause after each chunk), the reader's thread makes every preparation
    of the next chunk; the checks read them (the wrapped computations are the reader's only)."""
    calls = _wrapped(monkeypatch, _recorded)
    data = engine.check(export, plugins=default_plugin_manager(), chunk_rows=CHUNK,
                        progress=lambda rows, share: time.sleep(0.3)).to_dict("fr")
    data.pop("seconds", None)
    names = {name for _, name in calls}
    assert {"plain-numbers", "parsed-numbers", "duplicate-row-value-hashes", "duplicate-row-hashes",
            "total-marker-cells", "belgium-coordinate-numbers"} <= names
    assert {thread for thread, _ in calls} == {READER}
    assert data == _report(export)
    found = {finding["type"] for finding in data["errors"]}
    assert {"duplicate-row", "placeholder-value"} <= found  # the checks read what was made ahead


def test_the_report_is_the_same_when_preparations_fail_ahead_or_are_left_out(
        export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ahead = _report(export)
    calls = _wrapped(monkeypatch, _failing_ahead)
    failed = _report(export)
    assert calls and {thread for thread, _ in calls} == {READER}  # all failed ahead: the checks computed them
    assert failed == ahead
    monkeypatch.setattr(check_run, "preparations", lambda *args, **kwargs: [])
    assert _report(export) == ahead  # nothing made ahead: every check computes what it reads


def test_a_chunk_prepared_on_the_checking_thread_gives_the_same_columns(export: Path) -> None:
    from odwb_assist.quality.detect import detect

    path, detected = detect(export)
    opened, head = engine._open_arrow(path, detected)
    chunk = next(iter(Blocks(path, detected, head, opened.names, CHUNK)))
    checks = [c for c in engine.collect(default_plugin_manager().hook.odwb_checks(
        context=engine.CheckContext(source=str(path), fields=opened.names)))]
    for table_check in checks:
        if hasattr(table_check, "start"):
            table_check.start(engine.CheckContext(source=str(path), fields=opened.names))
    preparations = check_run.preparations(checks)
    prepared = prepare_chunk(chunk.frame, preparations)  # here, on this thread
    counted = {position: codes.counts for position, codes in prepared.items()}
    encoded = check_run.EncodedColumns(chunk.frame, {}, prepared)
    made_columns, fresh_columns = [], []
    for position, name in enumerate(chunk.frame.columns):
        made = encoded[name]
        fresh = ColumnValues.from_series(chunk.frame.iloc[:, position], position + 1)
        made_columns.append(made)
        fresh_columns.append(fresh)
        assert made.codes.dtype == np.int64 and made.codes.tolist() == fresh.codes.tolist()
        assert counted[position] is made.counts  # counted ahead
        assert made.counts.dtype == fresh.counts.dtype and made.counts.tolist() == fresh.counts.tolist()
        for preparation in preparations:
            if isinstance(preparation, ValuesPreparation):
                assert preparation.name in made.ahead
                _same(made.ahead[preparation.name], preparation.compute(fresh))
    for preparation in preparations:
        if isinstance(preparation, ChunkPreparation):
            assert preparation.name in made_columns[0].ahead
            _same(preparation.of(made_columns), preparation.of(fresh_columns))
    assert any(isinstance(preparation, ChunkPreparation) for preparation in preparations)


def _same(one: Any, two: Any) -> None:
    if one is None or two is None:
        assert one is None and two is None
    elif isinstance(one, tuple):
        assert isinstance(two, tuple) and len(one) == len(two)
        for a, b in zip(one, two, strict=True):
            _same(a, b)
    elif isinstance(one, np.ndarray):
        assert np.array_equal(one, two, equal_nan=one.dtype.kind == "f")
    else:
        assert one == two


def test_a_preparation_is_computed_once_per_column_and_shared() -> None:
    counted: list[str] = []

    def lengths(column: ColumnValues) -> list[int]:
        counted.append(column.name)
        return [len(text) for text in column.texts]

    preparation = ValuesPreparation("test-lengths", lengths)
    column = ColumnValues.from_series(pd.Series(["ab", "", "abc", "ab"], dtype="str", name="x"), 1)
    assert preparation(column) == [2, 3]
    assert column.prepared(preparation) is preparation(column)
    assert counted == ["x"]
    column.ahead["test-lengths"] = [9]  # made ahead: read back, not computed
    assert preparation(column) == [9] and counted == ["x"]


def test_the_marker_test_per_distinct_value_is_the_cell_test() -> None:
    from odwb_assist.checks.total_labels import marker_cells, maybe_markers
    from odwb_assist.checks.total_markers import could_be_marker

    odd = ["Total", "TÔTAL général", "Sous-totál Namur", "Somme-Leuze", "5 sommes", "12 total", "Gesamtsumme",
           "Total Dinant", "ŝomme", "n.d.", "-", "Rue du Sommet 4", "Totaux", "total", " Total "]
    cells = [f"{i},{i % 97}" for i in range(400)] + [str(i) for i in range(300)] + odd + [""]
    for values in (cells, odd + [""]):  # a column of numbers holding a few labels, and a short column
        column = ColumnValues.from_series(pd.Series(values, dtype="str", name="Libellé"), 1)
        found = marker_cells(column)
        import pyarrow as pa

        texts = pa.array(column.texts, type=pa.large_string())
        maybe = np.asarray(maybe_markers(texts).to_numpy(zero_copy_only=False), dtype=bool)
        expected = [bool(m) and could_be_marker(text) for m, text in zip(maybe, column.texts, strict=True)]
        assert found is not None and found.tolist() == expected
        assert sum(expected) >= 5  # markers, accented ones among them, are kept; places and numbers are not
