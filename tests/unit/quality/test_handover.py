"""The handover of a chunk between the reader's thread and the checks (issue 17): the reader prepares a queued chunk
unit by unit only until the checks take it (:mod:`odwb_assist.quality.ahead`); the checks compute the rest, with the
same results; one thread at a time writes a chunk's preparations; stopping early never hangs."""

from __future__ import annotations

import random
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from odwb_assist.core.contract import ChunkPreparation, ColumnValues, ValuesPreparation
from odwb_assist.core.plugins import default_plugin_manager
from odwb_assist.quality import check_run, engine, sheet_stream, stream
from odwb_assist.quality.ahead import Ahead
from odwb_assist.quality.csv_head import Fallback
from odwb_assist.quality.detect import detect
from odwb_assist.quality.encoding import ArrowCodes, prepare_chunk, preparing
from odwb_assist.quality.stream import TEXT, Blocks, Chunk

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from export_generator import commune_export  # noqa: E402

ROWS = 6000
CHUNK = 2000
JOIN = 20.0  # seconds: far beyond any wait of the code, only so that a hang fails the test instead of blocking it


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    written: Path = commune_export().write(tmp_path_factory.mktemp("handover") / "export.csv", ROWS)
    return written


def _in_thread(action: Any) -> tuple[threading.Thread, dict[str, Any]]:
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["value"] = action()
        except BaseException as exc:  # noqa: BLE001 (handed to the test)
            out["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


# -- Ahead: one thread at a time ---------------------------------------------------------------------------------------


def test_the_reader_stops_preparing_once_the_chunk_is_claimed() -> None:
    """``claim`` waits for the unit in progress only; afterwards no unit runs, and the reader's ``work`` ends."""
    started, release = threading.Event(), threading.Event()
    made: list[int] = []

    def units() -> Iterator[None]:
        for number in range(100):
            if number == 3:
                started.set()
                assert release.wait(JOIN)  # a long unit, in progress when the chunk is claimed
            made.append(number)
            yield

    ahead = Ahead(units(), {"result": True})
    reader, _ = _in_thread(ahead.work)
    assert started.wait(JOIN)
    claimer, claimed = _in_thread(ahead.claim)
    time.sleep(0.2)
    assert claimer.is_alive() and "value" not in claimed  # waits for unit 3
    release.set()
    claimer.join(JOIN)
    reader.join(JOIN)
    assert not claimer.is_alive() and not reader.is_alive()
    assert claimed["value"] == {"result": True} and ahead.claimed
    assert made == [0, 1, 2, 3]  # the unit in progress ended, none started afterwards
    assert ahead.made == 4 and not ahead.finished
    assert not ahead.step() and made == [0, 1, 2, 3]


def test_no_unit_ever_runs_after_the_claim_returned() -> None:
    """Claimed at random moments: every unit started and ended before ``claim`` returned."""
    rng = random.Random(7)
    for _ in range(60):
        claimed_at: list[float] = []
        units_run: list[tuple[float, float]] = []

        def units(spans: list[tuple[float, float]]) -> Iterator[None]:
            for _ in range(200):
                begin = time.perf_counter()
                sum(range(rng.randrange(50, 3000)))  # holds the GIL: the two threads really interleave
                spans.append((begin, time.perf_counter()))
                yield

        ahead = Ahead(units(units_run), None)
        reader, _ = _in_thread(ahead.work)
        time.sleep(rng.random() * 0.004)
        ahead.claim()
        claimed_at.append(time.perf_counter())
        reader.join(JOIN)
        assert not reader.is_alive()
        assert all(end <= claimed_at[0] for _, end in units_run)
        assert ahead.made == len(units_run)


def test_a_unit_that_raises_stops_the_preparation_and_keeps_what_was_made() -> None:
    result: dict[str, int] = {}

    def units() -> Iterator[None]:
        result["a"] = 1
        yield
        raise MemoryError("no room")

    ahead = Ahead(units(), result)
    assert ahead.work() == 1
    assert isinstance(ahead.error, MemoryError) and not ahead.finished
    assert ahead.claim() == {"a": 1}


def test_work_stops_when_asked() -> None:
    stop = threading.Event()

    def units() -> Iterator[None]:
        for number in range(10):
            if number == 4:
                stop.set()
            yield

    ahead = Ahead(units(), None)
    assert ahead.work(stop) == 5 and not ahead.finished


# -- the same results whichever thread computed them -------------------------------------------------------------------


def _run_preparations(path: Path) -> tuple[Any, list[ValuesPreparation | ChunkPreparation], dict[str, str]]:
    """A chunk of the export, the preparations of the built-in checks and kinds, the column kinds."""
    from odwb_assist.quality.frictionless_read import sample_columns
    from odwb_assist.quality.kinds import column_kinds, field_kinds

    path, detected = detect(path)
    opened, head = engine._open_arrow(path, detected)
    blocks = iter(Blocks(path, detected, head, opened.names, CHUNK))
    next(blocks)
    chunk = next(blocks)
    blocks.close()  # type: ignore[attr-defined]
    pm = default_plugin_manager()
    available = field_kinds(pm)
    kinds = column_kinds(opened.names, sample_columns(opened, True), schema=None, kinds=available)
    context = engine.CheckContext(source=str(path), fields=opened.names, kinds=kinds)
    checks = engine.collect(pm.hook.odwb_checks(context=context))
    for table_check in checks:
        table_check.start(context)
    preparations = check_run.preparations(checks, [available[kind] for kind in kinds.values() if kind in available])
    return chunk.frame, preparations, kinds


def _columns(frame: Any, kinds: dict[str, str], prepared: dict[int, ArrowCodes],
             preparations: list[ValuesPreparation | ChunkPreparation]) -> tuple[list[ColumnValues], dict[str, Any]]:
    """What the checks read: every column as the engine gives it, each preparation's result (made now if missing)."""
    encoded = check_run.EncodedColumns(frame, kinds, prepared)
    columns = [encoded[name] for name in frame.columns]
    results: dict[str, Any] = {}
    for column in columns:
        for preparation in preparations:
            if isinstance(preparation, ValuesPreparation):
                results[f"{column.name}/{preparation.name}"] = preparation(column)
    for preparation in preparations:
        if isinstance(preparation, ChunkPreparation):
            results[preparation.name] = preparation.of(columns)
    return columns, results


def _same(one: Any, two: Any) -> None:
    if one is None or two is None:
        assert one is None and two is None
    elif isinstance(one, tuple | list):
        assert isinstance(two, tuple | list) and len(one) == len(two)
        for a, b in zip(one, two, strict=True):
            _same(a, b)
    elif isinstance(one, np.ndarray):
        assert one.dtype == two.dtype and np.array_equal(one, two, equal_nan=one.dtype.kind == "f")
    elif isinstance(one, pd.Series | pd.Index):
        assert one.equals(two)
    else:
        assert one == two


def test_the_checks_read_the_same_whichever_thread_computed_what(export: Path) -> None:
    """Claimed after every possible number of units: the same codes, counts, values and preparations as a chunk
    prepared wholly ahead and as one prepared wholly by the checks."""
    frame, preparations, kinds = _run_preparations(export)
    assert any(isinstance(p, ChunkPreparation) for p in preparations)
    lazy_columns, lazy = _columns(frame, kinds, {}, preparations)
    whole = preparing(frame, preparations, kinds)
    whole.work()
    assert whole.finished
    total = whole.made
    assert total > 2 * frame.shape[1]  # the codes of each column, then the preparations, one unit each
    for made in sorted({0, 1, frame.shape[1] - 1, frame.shape[1], frame.shape[1] + 1, total - 1, total,
                        *random.Random(3).sample(range(total), 8)}):
        ahead = preparing(frame, preparations, kinds)
        for _ in range(made):
            assert ahead.step()
        prepared = ahead.claim()
        assert not ahead.step()
        assert len(prepared) == min(made, frame.shape[1])
        columns, results = _columns(frame, kinds, prepared, preparations)
        assert results.keys() == lazy.keys()
        for key, value in results.items():
            _same(value, lazy[key])
        for mine, theirs in zip(columns, lazy_columns, strict=True):
            assert mine.codes.dtype == theirs.codes.dtype == np.int64
            _same(mine.codes, theirs.codes)
            _same(mine.rows, theirs.rows)
            _same(mine.counts, theirs.counts)
            _same(mine.values, theirs.values)


def test_prepare_chunk_is_every_unit_at_once(export: Path) -> None:
    frame, preparations, kinds = _run_preparations(export)
    at_once = prepare_chunk(frame, preparations, kinds)
    ahead = preparing(frame, preparations, kinds)
    ahead.work()
    assert at_once.keys() == ahead.result.keys() == set(range(frame.shape[1]))
    for position, codes in at_once.items():
        other = ahead.result[position]
        assert codes.indices.equals(other.indices) and codes.dictionary.equals(other.dictionary)
        assert codes.ahead.keys() == other.ahead.keys()
        for name, value in codes.ahead.items():
            _same(value, other.ahead[name])


# -- the CSV reader and the sheet's thread -----------------------------------------------------------------------------


def _slow(seconds: float, calls: list[str]) -> ValuesPreparation:
    def compute(column: ColumnValues) -> int:
        calls.append(threading.current_thread().name)
        time.sleep(seconds)
        return len(column)
    return ValuesPreparation("test-slow", compute)


def test_the_csv_reader_hands_the_chunk_over_before_preparing_it(export: Path) -> None:
    """The checks get the first chunk without waiting for its preparations (slow ones here): they claim it, the
    reader stops after the unit in progress, the checks compute the rest; later chunks, taken while the checks were
    busy, come with what the reader had time for."""
    path, detected = detect(export)
    opened, head = engine._open_arrow(path, detected)
    calls: list[str] = []
    slow = _slow(0.02, calls)
    blocks = Blocks(path, detected, head, opened.names, CHUNK, lambda frame: preparing(frame, [slow]))
    taken: list[Chunk] = []
    for chunk in blocks:
        taken.append(chunk)
        assert chunk.ahead is None  # claimed: the reader's thread no longer writes into it
        before = calls.count("MainThread")
        ahead = sum("test-slow" in codes.ahead for codes in chunk.prepared.values())
        columns, results = _columns(chunk.frame, {}, chunk.prepared, [slow])
        assert all(value == len(column) for value, column in zip(results.values(), columns, strict=True))
        assert calls.count("MainThread") - before == frame_width(chunk) - ahead  # the rest, computed here
        time.sleep(0.5)  # the checks are busy: the reader prepares the next chunk meanwhile
    assert len(taken) == 3
    assert taken[0].prepared is not None and len(calls) >= 2
    assert sum(name == "odwb-csv-reader" for name in calls) >= 2 * frame_width(taken[0])  # chunks 2 and 3 ahead


def frame_width(chunk: Chunk) -> int:
    return int(chunk.frame.shape[1])


@pytest.mark.parametrize("seconds", [0.0, 0.02])
def test_stopping_early_never_hangs(export: Path, seconds: float) -> None:
    """The consumer gives up after the first chunk, while the reader prepares the next one (or waits): the reading
    thread ends (its iterator closed), whatever it was doing."""
    path, detected = detect(export)
    opened, head = engine._open_arrow(path, detected)
    calls: list[str] = []
    for attempt in range(5):
        blocks = Blocks(path, detected, head, opened.names, 500, lambda frame: preparing(frame, [_slow(seconds, calls)]))

        def first_only(blocks: Blocks = blocks, pause: float = attempt * 0.03) -> int:
            chunks = iter(blocks)
            chunk = next(chunks)
            time.sleep(pause)
            chunks.close()  # type: ignore[attr-defined]
            return len(chunk.frame)

        thread, out = _in_thread(first_only)
        thread.join(JOIN)
        assert not thread.is_alive() and out == {"value": 500}
    assert not [t for t in threading.enumerate() if t.name == "odwb-csv-reader"]


def test_a_check_stopping_at_the_error_limit_never_hangs(export: Path) -> None:
    thread, out = _in_thread(lambda: engine.check(export, plugins=default_plugin_manager(), chunk_rows=500,
                                                  limit_errors=1))
    thread.join(JOIN * 3)
    assert not thread.is_alive() and "error" not in out
    assert out["value"].rows == ROWS and out["value"].truncated


def test_a_reader_exception_reaches_the_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ragged row in the third chunk the reader cannot put back: the consumer gets :class:`Fallback` there, with
    preparations under way."""
    from odwb_assist.quality import ragged

    monkeypatch.setattr(ragged, "WAITING", 0)  # pyarrow's reading stops at the first row of another width
    monkeypatch.setattr(stream, "MIN_BLOCK", 16 << 10)
    monkeypatch.setattr(stream, "MAX_BLOCK", 16 << 10)
    lines = ["a;b;c"] + [f"{i};x{i % 7};{i % 13}" for i in range(30_000)]
    lines[25_000] = "1;2"
    path, detected = detect(_write(tmp_path / "ragged.csv", lines))
    from odwb_assist.quality.csv_head import read_head

    head = read_head(path, detected)
    calls: list[str] = []
    blocks = Blocks(path, detected, head, ["a", "b", "c"], 10_000, lambda frame: preparing(frame, [_slow(0.01, calls)]))
    got: list[int] = []
    with pytest.raises(Fallback):
        for chunk in blocks:
            got.append(len(chunk.frame))
    assert got == [10_000, 10_000]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def test_a_preparation_raising_ahead_is_left_to_the_checks(export: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A preparation that raises on the reader's thread is computed by the checks (the report is the same); one that
    raises everywhere becomes a ``check-failed`` finding, as without the reader."""
    reference = _report(export)
    original = check_run.preparations

    def failing_ahead(*args: Any, **kwargs: Any) -> list[Any]:
        def wrap(compute: Any) -> Any:
            def run(column: Any) -> Any:
                if threading.current_thread().name == "odwb-csv-reader":
                    raise RuntimeError("ahead")
                return compute(column)
            return run
        return [ChunkPreparation(p.name, wrap(p.compute)) if isinstance(p, ChunkPreparation)
                else ValuesPreparation(p.name, wrap(p.compute), p.kinds) for p in original(*args, **kwargs)]

    monkeypatch.setattr(check_run, "preparations", failing_ahead)
    assert _report(export) == reference

    def broken_units(frame: Any, *args: Any, **kwargs: Any) -> Ahead:  # the codes themselves fail on the reader
        def units() -> Iterator[None]:
            yield
            raise MemoryError("no room")
        return Ahead(units(), {})

    monkeypatch.setattr(check_run, "preparing", broken_units)
    assert _report(export) == reference


def _report(path: Path) -> dict[str, Any]:
    data = engine.check(path, plugins=default_plugin_manager(), chunk_rows=CHUNK).to_dict("fr")
    data.pop("seconds", None)
    return data


def test_the_sheet_thread_hands_over_before_preparing_too() -> None:
    frames = [pd.DataFrame({"a": pd.array([f"v{i}", "", "v1"] * 50, dtype=TEXT),
                            "b": pd.array(["x", "y", ""] * 50, dtype=TEXT)}) for i in range(4)]
    calls: list[str] = []
    slow = _slow(0.05, calls)

    def chunks() -> Iterator[tuple[Any, Any]]:
        for frame in frames:
            yield frame, np.zeros(len(frame), dtype=bool)

    taken = 0
    for frame, _, prepared in sheet_stream.prepared_ahead(chunks(), lambda frame: preparing(frame, [slow])):
        assert isinstance(prepared, dict)
        columns, results = _columns(frame, {}, prepared, [slow])
        assert list(results.values()) == [len(column) for column in columns]
        taken += 1
        time.sleep(0.3)
    assert taken == 4
    assert calls.count("odwb-sheet-chunks") >= 2 * 3  # chunks 2 to 4 prepared ahead while the checks were busy
    stopped = sheet_stream.prepared_ahead(chunks(), lambda frame: preparing(frame, [_slow(0.05, calls)]))
    next(stopped)
    thread, out = _in_thread(stopped.close)  # type: ignore[attr-defined]
    thread.join(JOIN)
    assert not thread.is_alive() and "error" not in out
