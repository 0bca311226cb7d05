"""What pyarrow holds of ours while it reads a CSV: counted, and let go of before a reading ends (:mod:`.loans`)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from odwb_assist.quality import stream
from odwb_assist.quality.csv_head import Fallback, read_head
from odwb_assist.quality.detect import detect
from odwb_assist.quality.inference import field_names
from odwb_assist.quality.loans import Loans
from odwb_assist.quality.stream import Blocks


class Held:
    """An object only the test (standing for pyarrow) holds."""


def test_loans_are_counted_until_the_last_reference_goes() -> None:
    loans = Loans()
    assert loans.wait(0) and loans.out == 0
    first, second = loans.lend(Held()), loans.lend(Held())
    assert loans.out == 2 and not loans.wait(0.01)
    del first
    assert loans.out == 1 and not loans.wait(0)
    kept = [second]
    del second
    assert loans.out == 1  # still held elsewhere
    kept.clear()
    gc.collect()
    assert loans.out == 0 and loans.wait(0)


LET_GO = 5.0  # seconds given to pyarrow to let go of what it holds


def blocks_of(path: Path, monkeypatch: pytest.MonkeyPatch) -> Blocks:
    monkeypatch.setattr(stream, "MIN_BLOCK", 4096)
    monkeypatch.setattr(stream, "MAX_BLOCK", 4096)
    # the reading does not wait at its end: the tests do (pyarrow's I/O thread frees the last block a moment after the
    # reading ends, or, before the fix, never)
    monkeypatch.setattr(stream, "RETURN_WAIT", 0.0)
    path, detected = detect(path)
    head = read_head(path, detected)
    return Blocks(path, detected, head, field_names(head.labels), chunk_rows=500)


def test_a_fallback_being_handled_leaves_pyarrow_holding_nothing_of_ours(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The traceback of the error raised by an undefined byte keeps the frames that read the file: pyarrow's reader
    was kept with them, and with it the file, a block and the row handler, freed at exit by an I/O thread of pyarrow
    while Python finalized (the process then aborted: « terminate called without an active exception »)."""
    path = tmp_path / "late.csv"
    lines = ["Commune;Libellé"] + [f"Liège;Propreté ’{i}’ €" for i in range(20_000)]  # the byte beyond the sample
    path.write_bytes("\n".join(lines).encode("cp1252") + b"\nNamur;x\x81y\nMons;z\n")
    for _ in range(3):
        blocks = blocks_of(path, monkeypatch)
        with pytest.raises(Fallback) as raised:
            list(blocks)
        assert isinstance(raised.value.__cause__, UnicodeDecodeError)
        assert blocks.counted is not None and blocks.counted.loans.wait(LET_GO), "pyarrow still holds a lent object"


def test_a_reading_to_the_end_or_left_early_leaves_pyarrow_holding_nothing(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ragged.csv"
    lines = ["Commune;Montant"] + [f"Liège;{i}" for i in range(3000)]
    lines[1200] += ";une note"  # a row of another width: pyarrow calls the row handler it was lent
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    blocks = blocks_of(path, monkeypatch)
    chunks = list(blocks)
    assert sum(len(chunk.frame) for chunk in chunks) == 3000 and any(chunk.ragged for chunk in chunks)
    assert blocks.counted is not None and blocks.counted.loans.wait(LET_GO)
    blocks = blocks_of(path, monkeypatch)
    for _ in blocks:
        break
    assert blocks.counted is not None and blocks.counted.loans.wait(LET_GO)


def test_a_reader_that_fails_to_open_leaves_pyarrow_holding_nothing(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The options pyarrow was given (the row handler among them) are not kept by the frame that failed."""
    import pyarrow as pa
    from pyarrow import csv as pacsv

    opened = pacsv.open_csv

    def failing(*args: Any, **options: Any) -> None:
        opened(*args, **options)
        del args, options  # as pyarrow's own failure: no frame keeps what it was given
        raise pa.ArrowInvalid("CSV parse error: Expected 2 columns, got 3")

    monkeypatch.setattr(pacsv, "open_csv", failing)
    path = tmp_path / "communes.csv"
    path.write_text("Commune;Montant\n" + "".join(f"Liège;{i}\n" for i in range(100)), encoding="utf-8")
    blocks = blocks_of(path, monkeypatch)
    with pytest.raises(Fallback) as raised:
        list(blocks)
    assert isinstance(raised.value.__cause__, pa.ArrowInvalid)  # its traceback is alive: the frames that failed
    assert blocks.counted is not None and blocks.counted.loans.wait(LET_GO)
