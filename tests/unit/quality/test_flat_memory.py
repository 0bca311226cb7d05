"""Flat memory (issue 17): the reader reads a bounded number of blocks ahead, the JSON report streams its rows.

The files are shaped like a commune's export (Windows-1252, ``;``, decimal commas, dd/mm/yyyy dates).
"""

from __future__ import annotations

import dataclasses
import io
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from odwb_assist.core.findings import Finding, RowNumbers, Severity
from odwb_assist.core.i18n import Msg
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.quality import check, counted_file, stream
from odwb_assist.quality.csv_head import read_head
from odwb_assist.quality.detect import detect
from odwb_assist.quality.inference import field_names
from odwb_assist.quality.json_report import write_json
from odwb_assist.quality.stream import Blocks

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "helpers"))  # --import-mode=importlib
from export_generator import commune_export  # noqa: E402

PM = get_plugin_manager(load_entrypoints=False)
COMMUNES = ("Liège", "Namur", "Herstal", "Braine-l'Alleud", "Écaussinnes", "Tubize", "Fléron")


def export(path: Path, rows: int) -> Path:
    """A commune's expense export: cp1252, ``;``, decimal-comma amounts, dd/mm/yyyy dates, a remarks column."""
    lines = ["Code INS;Commune;Montant;Date;Remarques"]
    for i in range(rows):
        lines.append(f"{62000 + i % 97};{COMMUNES[i % len(COMMUNES)]};{i % 997},{i % 100:02d};"
                     f"{1 + i % 28:02d}/{1 + i % 12:02d}/{2015 + i % 10};Facture n° {i} réglée")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def test_the_reader_reads_a_bounded_number_of_blocks_ahead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pyarrow reads its input up to 32 blocks ahead on its own thread: a consumer that holds its first chunk
    must not see the whole file read (and transcoded) behind its back."""
    monkeypatch.setattr(stream, "MIN_BLOCK", 16 << 10)
    monkeypatch.setattr(stream, "MAX_BLOCK", 16 << 10)  # 16 KiB blocks: the file is some 250 of them
    path = export(tmp_path / "depenses.csv", 80_000)
    path, detected = detect(path)
    head = read_head(path, detected)
    blocks = Blocks(path, detected, head, field_names(head.labels), chunk_rows=500)
    chunks = iter(blocks)
    first = next(chunks)
    time.sleep(0.5)  # ample time for an unbounded reader to read the whole file (the assertions count blocks)
    counted = blocks.counted
    assert counted is not None
    size = path.stat().st_size
    # in hand: the chunk held, the one queued, the one being cut, the blocks pyarrow may read ahead (some 8 blocks)
    assert counted.reads <= 12 and counted.read_bytes <= 12 * (16 << 10)  # unbounded: 32 blocks, then more
    assert counted.most_ahead <= counted_file.READ_AHEAD + 1
    rows = len(first.frame) + sum(len(chunk.frame) for chunk in chunks)  # the rest still streams, every row once
    assert rows == 80_000
    assert counted.most_ahead <= counted_file.READ_AHEAD + 1
    assert counted.read_bytes == size - head.offset


def test_the_next_chunk_is_cut_only_once_the_queued_one_is_taken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two chunks live at a time (the one checked, the next one), not three: while the consumer holds its chunk,
    the reading thread queues one chunk and waits before cutting another."""
    monkeypatch.setattr(stream, "MIN_BLOCK", 16 << 10)
    monkeypatch.setattr(stream, "MAX_BLOCK", 16 << 10)
    cut: list[int] = []
    make = stream.Blocks._chunk

    def counted_chunk(self: Any, batch: Any, first_row: int, share: float) -> Any:
        cut.append(first_row)
        return make(self, batch, first_row, share)

    monkeypatch.setattr(stream.Blocks, "_chunk", counted_chunk)
    path = export(tmp_path / "depenses.csv", 20_000)
    path, detected = detect(path)
    head = read_head(path, detected)
    chunks = iter(Blocks(path, detected, head, field_names(head.labels), chunk_rows=500))
    try:
        first = next(chunks)
        time.sleep(0.5)  # ample time for a reader that does not wait to cut a third chunk
        assert len(cut) == 2
        second = next(chunks)
        time.sleep(0.5)
        assert len(cut) == 3 and int(second.frame.index[0]) == int(first.frame.index[0]) + 500
        assert 2 + sum(1 for _ in chunks) == 40  # the rest still streams
    finally:
        chunks.close()  # type: ignore[attr-defined]


def test_a_consumer_that_stops_early_releases_the_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Leaving the loop after one chunk ends the reading thread (pyarrow's reader waits for its own thread,
    which may be held at the gate: the gate opens when the consumer goes)."""
    monkeypatch.setattr(stream, "MIN_BLOCK", 16 << 10)
    monkeypatch.setattr(stream, "MAX_BLOCK", 16 << 10)
    path = export(tmp_path / "depenses.csv", 20_000)
    path, detected = detect(path)
    head = read_head(path, detected)
    for _ in range(3):
        blocks = Blocks(path, detected, head, field_names(head.labels), chunk_rows=500)
        for chunk in blocks:
            assert len(chunk.frame) == 500
            break
        assert blocks.counted is not None and blocks.counted.stopped


def long_finding(rows: np.ndarray, field: str = "Montant", type_: str = "decimal-comma") -> Finding:
    return Finding(type_, Severity.WARNING, Msg("Virgule décimale « 1,5 ».", "Decimal comma '1,5'."),
                   Msg("Remplacez-la.", "Replace it."), row_number=int(rows[0]), field_name=field, field_number=3,
                   cell="1,5", extra={"count": len(rows), "examples": [{"rowNumber": int(rows[0]), "cell": "1,5"}]},
                   count=len(rows), rows=RowNumbers(rows))


def test_the_json_report_streams_every_row_byte_for_byte(tmp_path: Path) -> None:
    path = export(tmp_path / "depenses.csv", 3000)
    report = check(path, plugins=PM)
    assert any(isinstance(f.rows, RowNumbers) and len(f.rows) == 3000 for f in report.findings)
    many = np.arange(2, 600_002, dtype=np.int64) * 3  # more rows than two pieces of the writer
    runs = dataclasses.replace(long_finding(many, "Date", "date-format"),
                               rows=RowNumbers.from_runs(np.array([5, 400_000]), np.array([300_000, 1])))
    report.findings += [long_finding(many), runs, long_finding(np.array([7, 9], dtype=np.int64), "Commune"),
                        Finding("no-data", Severity.ERROR, Msg("« rien » ", "nothing"), Msg("a", "b"))]
    for lang in ("fr", "en"):
        written = io.StringIO()
        write_json(report, written, lang)
        assert written.getvalue() == report.to_json(lang)
    data = json.loads(written.getvalue())
    listed = [f["rows"] for f in data["errors"] if f["type"] == "decimal-comma" and f["count"] == len(many)]
    assert listed == [many.tolist()]  # the JSON report keeps every row


def test_check_writes_the_json_report_with_every_row(tmp_path: Path, cli: Callable[..., tuple[int, str, str]]) -> None:
    path = export(tmp_path / "depenses.csv", 2500)
    target = tmp_path / "rapport.json"
    code, _, err = cli("check", path, "--format", "json", "--output", target)
    assert code == 0 and "Rapport écrit" in err + _, err
    assert target.read_text(encoding="utf-8") == check(path).to_json("fr") + "\n"
    data = json.loads(target.read_text(encoding="utf-8"))
    dates = [f for f in data["errors"] if f["type"] == "date-format"]
    assert len(dates) == 1 and dates[0]["rows"] == list(range(2, 2502)) and dates[0]["count"] == 2500


def test_duplicate_row_hashes_stay_in_bounded_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pairs of every row seen are kept in sorted blocks of at most BLOCK pairs (a merge copies one block,
    never every row seen), and a pair seen in any block is found."""
    from odwb_assist.checks import duplicate_row

    monkeypatch.setattr(duplicate_row, "BLOCK", 1000)
    seen = duplicate_row.SortedPairs()
    rng = np.random.default_rng(5)
    chunks = [(rng.integers(0, 1 << 62, 300, dtype=np.uint64), rng.integers(0, 1 << 62, 300, dtype=np.uint64))
              for _ in range(20)]
    for first, second in chunks:
        assert not seen.contains(first, second).any()
        seen.add(first, second)
    assert max(len(keys) for keys, *_ in seen.blocks) <= 1000
    assert sum(len(keys) for keys, *_ in seen.blocks) == 20 * 300
    first = np.concatenate([chunks[0][0][:5], chunks[19][0][-5:], chunks[7][0][:3]])
    second = np.concatenate([chunks[0][1][:5], chunks[19][1][-5:], chunks[7][1][1:4]])
    assert seen.contains(first, second).tolist() == [True] * 10 + [False] * 3


def test_duplicate_rows_across_chunks_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from odwb_assist.checks import duplicate_row

    monkeypatch.setattr(duplicate_row, "BLOCK", 256)
    path = export(tmp_path / "depenses.csv", 4000)
    lines = path.read_bytes().split(b"\r\n")
    lines[3500] = lines[10]  # a row of the first chunk repeated in the last
    lines[3900] = lines[2000]
    path.write_bytes(b"\r\n".join(lines))
    report = check(path, plugins=PM, chunk_rows=300)
    assert sorted(f.row_number for f in report.findings if f.type == "duplicate-row") == [3501, 3901]


# VmHWM, the peak of this process's memory (ru_maxrss keeps the parent's peak across exec: a big pytest's)
GROWTH = """
import sys
from pathlib import Path
from odwb_assist.quality import check
from odwb_assist.quality.json_report import write_json
def peak():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
imports = peak()
report = check(Path(sys.argv[1]), chunk_rows=20_000)
with open(sys.argv[2], "w", encoding="utf-8") as handle:
    write_json(report, handle)
print(imports, peak())
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/status")
def test_peak_memory_of_check_and_json_report_barely_grows_with_rows(tmp_path: Path) -> None:
    """A ratio measured in one test: the memory a check and its JSON report add above the imports, on an export
    of 400,000 rows against one of 30,000 (13 times the rows), both in chunks of 20,000 rows. Measured: 1.7 times
    (5.0 before the bounded read-ahead and the streamed JSON report, which materialised every row of four column-wide
    findings). With the engine's own chunks (65,000 rows of this export) the smaller file is one short chunk, and the
    ratio, 2.7-3.0, measured the chunk's length more than the rows' count."""
    import subprocess

    generator = commune_export()
    added = []
    for rows in (30_000, 400_000):
        path = generator.write(tmp_path / f"export-{rows}.csv", rows)
        done = subprocess.run([sys.executable, "-c", GROWTH, str(path), str(tmp_path / "rapport.json")],
                              capture_output=True, text=True, check=True)
        imports, peak = map(int, done.stdout.split())
        added.append(peak - imports)
        data = json.loads((tmp_path / "rapport.json").read_text(encoding="utf-8"))
        assert any(f["type"] == "date-format" and len(f["rows"]) == f["count"] >= rows - 100 for f in data["errors"])
    assert added[1] < 3 * added[0], added


def test_rows_kept_as_runs_read_like_the_array() -> None:
    """A column flagged whole keeps its rows as runs (a few bytes), read exactly like the int64 array."""
    array = np.concatenate([np.arange(2, 50_002), np.arange(50_010, 120_000), [130_000], np.arange(130_002, 130_005)])
    starts, lengths = np.array([2, 50_010, 130_000, 130_002]), np.array([50_000, 69_990, 1, 3])
    runs, plain = RowNumbers.from_runs(starts, lengths), RowNumbers(array)
    assert len(runs) == len(plain) == len(array)
    assert runs == plain and plain == runs and hash(runs) == hash(plain)
    assert runs[0] == 2 and runs[-1] == 130_004 and runs[50_000] == 50_010 and runs[-4] == 130_000
    assert runs[:5] == plain[:5] and runs[49_998:50_003] == (50_000, 50_001, 50_010, 50_011, 50_012)
    assert runs[-3:] == (130_002, 130_003, 130_004) and runs[::40_000] == plain[::40_000]
    assert runs.array(49_998, 50_003).tolist() == [50_000, 50_001, 50_010, 50_011, 50_012]
    assert np.array_equal(runs.array(0, len(array)), plain.array(0, len(array)))
    assert list(runs) == array.tolist() and runs.tolist() == array.tolist()
    assert np.array_equal(np.asarray(runs), array) and runs == tuple(array.tolist())
    with pytest.raises(IndexError):
        runs[len(array)]
    assert len(RowNumbers.from_runs(np.array([], dtype=np.int64), np.array([], dtype=np.int64))) == 0


def test_a_column_flagged_whole_keeps_its_rows_as_runs(tmp_path: Path) -> None:
    path = export(tmp_path / "depenses.csv", 3000)
    report = check(path, plugins=PM, chunk_rows=700)
    dates = [f for f in report.findings if f.type == "date-format"]
    assert len(dates) == 1 and dates[0].rows == tuple(range(2, 3002))
    assert dates[0].rows._array is None  # runs, not an array of every row
    written = io.StringIO()
    write_json(report, written)
    assert written.getvalue() == report.to_json()


@pytest.mark.parametrize(("width", "rows"), [(1, stream.MAX_CHUNK_ROWS), (13, 65_000), (10, 84_500), (5, 100_000),
                                             (80, 10_562), (400, stream.MIN_CHUNK_ROWS)])
def test_a_chunk_holds_about_as_many_cells_and_at_most_as_many_bytes_whatever_the_table(width: int, rows: int) -> None:
    """About 845,000 cells per chunk (fewer calls per check on a narrow table, fewer cells held on a wide one: 50,000
    rows of 80 columns peaked near 1 GB), at most 10 MB of text, between 4,000 and 100,000 rows."""
    assert stream.chunk_rows_for(width) == rows
    # a commune export's records (120 bytes): at most CHUNK_BYTES of them (87,381 rows)
    assert stream.chunk_rows_for(width, bytes_per_record=120) == min(rows, stream.CHUNK_BYTES // 120)
    assert stream.chunk_rows_for(13, bytes_per_record=140) == 65_000  # the benchmark's commune export keeps its chunks
    # long texts: 10 MB of them (2,000 bytes a row: 5,242 rows), never fewer than 4,000 rows
    assert stream.chunk_rows_for(width, bytes_per_record=2_000) == max(stream.MIN_CHUNK_ROWS, min(rows, 5_242))
    # a commune export of 13 columns with remarks and addresses (40 bytes a cell): 10 MB of rows, not 50,000
    assert stream.chunk_rows_for(13, bytes_per_record=522) == 20_087
    assert stream.chunk_rows_for(width, bytes_per_record=100_000) == stream.MIN_CHUNK_ROWS


def test_blocks_cut_chunks_by_the_width_of_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "CHUNK_CELLS", 2_000)
    monkeypatch.setattr(stream, "MIN_CHUNK_ROWS", 100)
    path = export(tmp_path / "depenses.csv", 1_000)  # 5 columns: 400 rows a chunk
    path, detected = detect(path)
    head = read_head(path, detected)
    sizes = [len(chunk.frame) for chunk in Blocks(path, detected, head, field_names(head.labels))]
    assert sizes == [400, 400, 200]

