"""The checks of a chunk on two threads (``ODWB_THREADS=2``) give the report of a serial run, in the same order;
the distinct values taken in pyarrow (``ColumnValues.cells``, ``texts``) equal the Python ones."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from odwb_assist import Msg, hookimpl
from odwb_assist.core.contract import BaseTableCheck, ColumnValues
from odwb_assist.core.findings import Finding, Severity
from odwb_assist.core.plugins import default_plugin_manager
from odwb_assist.quality import check
from odwb_assist.quality.parallel import THREADS_VARIABLE, threads

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from export_generator import commune_export  # noqa: E402


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A realistic commune export (cp1252, ``;``, Belgian identifiers, planted defects) of 3,000 rows."""
    written: Path = commune_export().write(tmp_path_factory.mktemp("export") / "export.csv", 3000)
    lines = written.read_bytes().decode("cp1252").split("\r\n")
    for row, (latitude, longitude) in {50: ("5,12", "50,45"), 700: ("151234,5", "4,8"), 1300: ("50,4", "-73,98"),
                                       2100: ("n/a", "4,9"), 2900: ("1e3", "4,7")}.items():
        cells = lines[row].split(";")
        cells[4:6] = [latitude, longitude]  # swapped, Lambert 72, abroad, not a number, an exponent
        lines[row] = ";".join(cells)
    written.write_bytes("\r\n".join(lines).encode("cp1252"))
    return written


class Flaky(BaseTableCheck):
    """Flags every « 5000 » of every column by its distinct values, records the threads it ran on, and fails on
    its third chunk."""

    name = "flaky"
    types = ("flaky",)

    def __init__(self) -> None:
        self.chunks = 0
        self.threads: set[str] = set()

    def check_values(self, column: ColumnValues, context: Any) -> list[Finding]:
        self.threads.add(threading.current_thread().name)
        bad = np.array([text == "5000" for text in column.texts], dtype=bool)
        return [Finding("flaky", Severity.WARNING, Msg("5000", "5000"), Msg("-", "-"), row_number=int(row),
                        field_name=column.name, field_number=column.number, cell=cell)
                for row, cell in column.cells(bad).items()]

    def check_chunk(self, chunk: pd.DataFrame, context: Any) -> list[Finding]:
        self.chunks += 1
        if self.chunks == 3:
            raise ValueError("third chunk")
        return []


def _report(path: Path, monkeypatch: pytest.MonkeyPatch, workers: str) -> tuple[dict[str, Any], Flaky]:
    monkeypatch.setenv(THREADS_VARIABLE, workers)
    flaky = Flaky()

    class Plugin:
        @hookimpl
        def odwb_checks(self, context: Any) -> list[Any]:
            return [flaky]

    pm = default_plugin_manager()
    pm.register(Plugin(), name=f"flaky-{workers}")
    try:
        with pytest.warns(RuntimeWarning, match="check flaky failed"):
            report = check(path, plugins=pm, chunk_rows=400)
    finally:
        pm.unregister(name=f"flaky-{workers}")
    data = report.to_dict()
    data.pop("seconds", None)
    return data, flaky


def test_two_threads_give_the_serial_report_in_the_same_order(export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial, one = _report(export, monkeypatch, "1")
    parallel, two = _report(export, monkeypatch, "2")
    assert json.dumps(parallel, sort_keys=True, default=str) == json.dumps(serial, sort_keys=True, default=str)
    types = {finding["type"] for finding in serial["errors"]}
    assert {"flaky", "check-failed", "coordinates-swapped", "coordinates-projected", "coordinates-invalid",
            "coordinates-outside-wallonia", "be-phone-invalid"} <= types  # plugins, failures, Belgian kinds
    assert one.threads == {threading.current_thread().name}
    if threads() > 1:  # on a machine with one core, two threads are never asked for
        assert two.threads and threading.current_thread().name not in two.threads


def test_threads_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(THREADS_VARIABLE, raising=False)
    assert threads() == 1  # off by default: on this engine two threads cost CPU and gave no time
    monkeypatch.setenv(THREADS_VARIABLE, "64")
    assert 1 <= threads() <= 64
    monkeypatch.setenv(THREADS_VARIABLE, "lots")
    assert threads() == 1


@pytest.mark.parametrize("cells", [["Ciney", "", "Namur", "Ciney", "é€", "Namur"] * 50, ["x"] * 300, [""] * 300])
def test_cells_taken_in_arrow_equal_the_python_ones(cells: list[str]) -> None:
    series = pd.Series(cells, index=pd.Index(range(7, 7 + len(cells)), name="row"), dtype="str", name="c")
    encoded = ColumnValues.from_series(series, 2)
    assert encoded.arrow is not None and encoded.arrow.to_pylist() == encoded.values.tolist()
    short = ColumnValues(encoded.name, 2, None, None, encoded.codes, encoded.rows, texts=list(encoded.texts))
    assert short.arrow is None  # a short column's values are Python strings
    for mask in (np.ones(len(encoded), dtype=bool), np.arange(len(encoded)) % 2 == 1):
        taken = encoded.cells(mask)
        pd.testing.assert_series_equal(taken, short.cells(mask))
        assert str(taken.dtype) == "str" and taken.index.name == "row" and taken.name == "c"
    assert all(type(text) is str for text in encoded.texts)
