"""duplicate-row against a naive exact answer (pandas ``duplicated`` over whole rows, rows of empty cells left
out; the first row each repeats, which the finding names) on generated tables: repeats within and across chunks,
empty cells, cells swapped between columns, long and accented values, tables wider than WIDE; through the engine
(CSV, pyarrow) and fed chunk by chunk (Python strings and pandas values mixed in one run)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odwb_assist.checks.duplicate_row import WIDE, DuplicateRowCheck
from odwb_assist.core.contract import ColumnValues
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check

POOL = ["", "1", "01", "10", "Namur", "namur", "Liège", "a" * 8, "a" * 9, "x;y", "Rue de l'Église 3, 5000 Namur",
        "a\"b", " 1", "1 ", "€", "é" * 5, "0" * 17]


def naive(frame: pd.DataFrame) -> list[tuple[int, int]]:
    """Row numbers (header = row 1) of rows equal to an earlier one, rows with every cell empty left out, each with
    the first row it repeats."""
    kept = frame[(frame != "").any(axis=1)]
    first: dict[tuple[str, ...], int] = {}
    found = []
    for at, row in zip(kept.index, kept.itertuples(index=False), strict=True):
        cells = tuple(row)
        if cells in first:
            found.append((int(at) + 2, first[cells]))
        else:
            first[cells] = int(at) + 2
    return found


def table(rng: np.random.Generator, rows: int, width: int) -> pd.DataFrame:
    """Cells drawn from a small pool (repeats) or unique, whole rows copied from earlier ones, cells swapped."""
    cells = rng.choice(np.array(POOL, dtype=object), size=(rows, width))
    unique = rng.random((rows, width)) < 0.3
    cells[unique] = [f"v{i}" for i in range(int(unique.sum()))]
    frame = pd.DataFrame(cells, columns=[f"c{i}" for i in range(width)], dtype=object)
    for row in rng.integers(1, rows, rows // 4):
        frame.iloc[row] = frame.iloc[int(rng.integers(0, row))]  # an exact repeat of an earlier row
    for row in rng.integers(1, rows, rows // 10):
        if width > 1:  # an earlier row with two cells swapped: no repeat unless they are equal
            swapped = frame.iloc[int(rng.integers(0, row))].tolist()
            swapped[0], swapped[1] = swapped[1], swapped[0]
            frame.iloc[row] = swapped
    frame.iloc[rng.integers(0, rows, rows // 20)] = ""
    return frame


def fed(frame: pd.DataFrame, chunk_rows: int) -> list[tuple[int, int]]:
    """The check fed chunk by chunk like the engine (index = row numbers), chunks of ``chunk_rows`` and of 20 rows
    in turn: a chunk of at most 64 rows keeps its values as Python strings, a longer one as pyarrow values."""
    found: list[tuple[int, int]] = []
    checker = DuplicateRowCheck()
    checker.start(None)  # type: ignore[arg-type]
    frame = frame.set_axis(range(2, len(frame) + 2))
    at = 0
    for number in range(len(frame)):
        if at >= len(frame):
            break
        chunk = frame.iloc[at:at + (chunk_rows if number % 2 == 0 else 20)]
        at += len(chunk)
        for position in range(chunk.shape[1]):
            checker.check_values(ColumnValues.from_series(chunk.iloc[:, position], position + 1), None)  # type: ignore[arg-type]
        found += [(f.row_number, f.extra["sameAs"]) for f in checker.check_chunk(chunk, None)]  # type: ignore[arg-type, misc]
    return found


def test_fed_chunks_match_pandas_on_random_tables() -> None:
    rng = np.random.default_rng(17)
    for case in range(60):
        width = int(rng.choice([1, 2, 3, 5, 13, WIDE + 3]))
        frame = table(rng, int(rng.integers(2, 400)), width)
        chunk_rows = int(rng.choice([7, 30, 64, 65, 100, 500]))
        assert fed(frame, chunk_rows) == naive(frame), (case, width, chunk_rows)


def test_check_is_exact_when_every_row_repeats() -> None:
    rng = np.random.default_rng(4)
    frame = table(rng, 50, 3)
    many = pd.concat([frame] * 6, ignore_index=True)
    assert fed(many, 40) == fed(many, 300) == naive(many)
    assert len(naive(many)) > 200  # every row of the five copies but the empty ones


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), width=st.sampled_from([2, 4, 13, WIDE + 2]),
       rows=st.integers(5, 300), chunk_rows=st.sampled_from([9, 40, 128]))
def test_engine_matches_pandas_on_csv(tmp_path: Path, seed: int, width: int, rows: int, chunk_rows: int) -> None:
    rng = np.random.default_rng(seed)
    frame = table(rng, rows, width)
    frame.iloc[0] = [f"first{i}" for i in range(width)]  # a first row of distinct texts: no header guessed in it
    path = tmp_path / f"t{seed}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(frame.columns)
        writer.writerows(frame.itertuples(index=False))
    report = check(path, plugins=get_plugin_manager(load_entrypoints=False), chunk_rows=chunk_rows)
    repeats = [f for f in report.findings if f.type == "duplicate-row"]
    assert [(f.row_number, f.extra["sameAs"]) for f in repeats] == naive(frame)
    assert all(f.message.fr == f"La ligne {f.row_number} est identique à la ligne {f.extra['sameAs']}." for f in repeats)


def test_a_wide_csv_read_by_pyarrow_hashes_from_bytes_a_wide_sheet_with_python() -> None:
    """The hashing is chosen once per run: from the bytes (made ahead on the reader's thread) for a CSV pyarrow reads,
    whatever its width; with Python's hash for a sheet or a table Frictionless reads wider than WIDE."""
    from types import SimpleNamespace

    from odwb_assist.checks.duplicate_row import ROW_HASHES, VALUE_HASHES

    fields = [f"c{i}" for i in range(WIDE + 5)]
    for reader, python in (("arrow", False), ("sheet", True), ("frictionless", True)):
        checker = DuplicateRowCheck()
        checker.start(SimpleNamespace(fields=fields, options={"reader": reader}))  # type: ignore[arg-type]
        assert checker.python is python
        assert checker.preparations == (() if python else (VALUE_HASHES, ROW_HASHES))
    narrow = DuplicateRowCheck()
    narrow.start(SimpleNamespace(fields=fields[:WIDE], options={"reader": "sheet"}))  # type: ignore[arg-type]
    assert narrow.python is False
