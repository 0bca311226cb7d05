"""The CSV reader's thread dictionary-encodes each chunk's columns before handing it over (issue 17): the checks
find them encoded, and the report (findings and their order) is the one of a lazy encoding on the checking thread."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from odwb_assist.core.contract import ColumnValues
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, check_run, counted_file, encoding, engine, stream
from odwb_assist.quality.csv_head import read_head
from odwb_assist.quality.detect import detect
from odwb_assist.quality.encoding import arrow_codes, column_values, prepare_chunk
from odwb_assist.quality.inference import field_names
from odwb_assist.quality.stream import TEXT, Blocks

PM = get_plugin_manager(load_entrypoints=False)
COMMUNES = ("Liège", "Namur", "Herstal", "Écaussinnes", "Tubize")


def export(path: Path, rows: int) -> Path:
    """A commune's export (cp1252, ``;``): repeated rows, empty cells, a thousands separator, a placeholder."""
    lines = ["Code INS;Commune;Montant;Date;Téléphone;Remarques"]
    for i in range(rows):
        amount = "1.234,50" if i % 301 == 7 else ("N/A" if i % 157 == 3 else f"{i % 997},{i % 100:02d}")
        remark = "" if i % 3 else f"Facture n° {i % 50}"
        lines.append(f"{62000 + i % 97};{COMMUNES[i % len(COMMUNES)]};{amount};{1 + i % 28:02d}/{1 + i % 12:02d}/2024;"
                     f"04/{i % 1000:03d}.{i % 100:02d}.{i % 89:02d};{remark}")
        if i % 211 == 0:
            lines.append(lines[-1])  # a duplicate row
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def report_rows(report: Any) -> list[tuple[Any, ...]]:
    return [(f.type, f.severity, f.row_number, f.field_name, f.count, tuple(f.rows or ())) for f in report.findings]


def test_each_chunk_arrives_with_its_columns_encoded(tmp_path: Path) -> None:
    path, detected = detect(export(tmp_path / "depenses.csv", 3000))
    head = read_head(path, detected)
    names = field_names(head.labels)
    chunks = list(Blocks(path, detected, head, names, chunk_rows=700, prepare=prepare_chunk))
    assert len(chunks) == 5
    for chunk in chunks:
        assert sorted(chunk.prepared) == list(range(len(names)))
        for position, name in enumerate(names):
            series = chunk.frame.iloc[:, position]
            mine = column_values(series, position + 1, None, chunk.prepared[position])
            theirs = ColumnValues.from_series(series, position + 1)
            pd.testing.assert_series_equal(mine.values, theirs.values)
            assert mine.values.array._pa_array.type == series.array._pa_array.type and mine.name == name
            assert mine.codes.tolist() == theirs.codes.tolist() and mine.rows.tolist() == theirs.rows.tolist()
    assert all(chunk.prepared is None for chunk in Blocks(path, detected, head, names, chunk_rows=700))


def test_the_checks_find_the_columns_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each column of each chunk is dictionary-encoded once: by the reader's thread while the checks are busy with
    the previous chunk (here they are slow: all of the later chunks), else by the checks when they take the chunk."""
    path = export(tmp_path / "depenses.csv", 3000)
    threads: list[tuple[int, str]] = []
    real = encoding.arrow_codes

    def spied(series: Any) -> Any:
        threads.append((int(series.index[0]), threading.current_thread().name))
        return real(series)

    monkeypatch.setattr(encoding, "arrow_codes", spied)
    monkeypatch.setattr(check_run, "arrow_codes", spied)
    report = check(path, plugins=PM, chunk_rows=700, progress=lambda rows, share: time.sleep(0.3))
    assert report.rows == 3015
    assert {name for _, name in threads} <= {"odwb-csv-reader", "MainThread"}
    assert len(threads) == 5 * 6  # each column of each chunk, once
    firsts = sorted({row for row, _ in threads})
    assert len(firsts) == 5
    assert all(name == "odwb-csv-reader" for row, name in threads if row != firsts[0])


def lazy(frame: Any) -> dict[int, Any]:
    return {}


def broken(frame: Any) -> dict[int, Any]:
    raise MemoryError("no room")


@pytest.mark.parametrize("prepare", [lazy, broken])
def test_the_report_is_the_one_of_a_lazy_encoding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prepare: Any) -> None:
    """Same findings in the same order; a preparation that fails leaves the encoding to the checks (and is never
    a reason to read the file again with Frictionless)."""
    path = export(tmp_path / "depenses.csv", 4000)
    prepared = check(path, plugins=PM, chunk_rows=600)
    assert {"duplicate-row", "thousands-separator"} <= {f.type for f in prepared.findings}
    calls: list[bool] = []
    real_check = engine._check

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs["arrow"])
        return real_check(*args, **kwargs)

    monkeypatch.setattr(check_run, "preparing", prepare)
    monkeypatch.setattr(engine, "_check", counted)
    other = check(path, plugins=PM, chunk_rows=600)
    assert calls == [True]
    assert report_rows(other) == report_rows(prepared)
    assert other.stats == prepared.stats and other.types == prepared.types and other.rows == prepared.rows


def test_the_read_ahead_stays_bounded_with_the_preparation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Encoding on the reader's thread does not let it run further ahead: one chunk queued, a bounded read-ahead."""
    monkeypatch.setattr(stream, "MIN_BLOCK", 16 << 10)
    monkeypatch.setattr(stream, "MAX_BLOCK", 16 << 10)
    path, detected = detect(export(tmp_path / "depenses.csv", 40_000))
    head = read_head(path, detected)
    prepared: list[int] = []

    def prepare(frame: Any) -> Any:
        prepared.append(int(frame.index[0]))
        return prepare_chunk(frame)

    blocks = Blocks(path, detected, head, field_names(head.labels), chunk_rows=500, prepare=prepare)
    chunks = iter(blocks)
    first = next(chunks)
    time.sleep(0.5)
    assert 1 <= len(prepared) <= 2  # the chunk in hand and the one queued, not more
    assert blocks.counted is not None and blocks.counted.reads <= 12
    assert blocks.counted.most_ahead <= counted_file.READ_AHEAD + 1
    rows = len(first.frame) + sum(len(chunk.frame) for chunk in chunks)
    assert rows == 40_000 + len(range(0, 40_000, 211))


def test_arrow_codes_of_chunked_columns_are_those_from_pandas() -> None:
    """A column of several pyarrow chunks (some empty) is encoded without copying its text: same values and codes."""
    rng = np.random.default_rng(5)
    for _ in range(300):
        pool = np.array(["", "a", "b", "é", " ", "c d", "b "], dtype=object)[: rng.integers(1, 8)]
        parts = [pa.array(rng.choice(pool, rng.integers(0, 7)).tolist(), pa.string()) for _ in range(rng.integers(0, 5))]
        array = pa.chunked_array(parts, pa.string())
        column = array.to_pandas(types_mapper={pa.string(): TEXT}.get).set_axis(
            pd.RangeIndex(3, 3 + len(array), name="row")).rename("x")
        codes = arrow_codes(column)
        assert codes is not None
        mine, theirs = column_values(column, 1, None, codes), ColumnValues.from_series(column, 1)
        assert mine.values.tolist() == theirs.values.tolist() and mine.codes.tolist() == theirs.codes.tolist()
        assert mine.codes.dtype == np.int64 and mine.rows.tolist() == theirs.rows.tolist()
        pd.testing.assert_series_equal(mine.values, theirs.values)
