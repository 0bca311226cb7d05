"""Reading a CSV in columnar blocks with pyarrow: text chunks indexed by row number, read ahead in a thread.

:func:`read_head` reads the first records with Python's csv module exactly as Frictionless does (same
text stream, same sniffed dialect): the labels, the sample Frictionless infers types from, and the
byte offset where the data starts (below the title and header rows). :class:`Blocks` then streams the
data from that offset with ``pyarrow.csv.open_csv``, every column as text (an empty cell stays ``""``),
quoted cells spanning lines included, and hands over pandas chunks (pyarrow-backed ``str`` columns,
index = row number as Frictionless counts it: one per CSV record, header rows and blank lines included).

A record with more or fewer cells than the header is skipped by pyarrow and put back in its place from its
text, read by the csv module (:mod:`.ragged`); the chunk lists those rows with their cells. Whatever pyarrow
could read differently from Python's csv module ends in :class:`Fallback` (a dialect pyarrow has no option
for, undecodable bytes, a first block that differs from the csv module's reading, a skipped record that cannot
be put back): the caller then reads the file with Frictionless. A background thread parses the next block
while the caller checks the current one (pyarrow releases the GIL), through a bounded queue so that memory
stays flat; it also runs the caller's ``prepare`` on each chunk (the engine dictionary-encodes its columns
there and runs the checks' preparations): the chunk is queued as soon as it is parsed, then prepared unit by
unit until the caller takes it (:mod:`.ahead`); the caller does the rest itself, so that neither thread waits
for the other.
"""

from __future__ import annotations

import codecs
import csv
import io
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .ahead import Ahead
from .detect import Detected
from .inference import SAMPLE_RECORDS, join_labels
from .ragged import RaggedRecords
from .stray_bytes import MIXED
from .transcode import to_utf8

CHUNK_ROWS = 50_000  # rows per chunk handed to the checks: their temporaries (some 2.5 kB a row) make the peak;
# 100k cost 4 % less CPU and 90 MB more, 25k 30 % more CPU
BLOCK_ROWS = 16000  # rows per block parsed by pyarrow (at most MAX_BLOCK bytes)
MIN_BLOCK = 256 << 10
MAX_BLOCK = 4 << 20
AHEAD = 1  # chunks parsed ahead of the one being checked
TRANSCODE_SLICE = 64 << 10  # bytes transcoded at a time (small temporaries: see _Counted._transcoded)
READ_AHEAD = 2  # blocks pyarrow may read ahead of the batches taken from it (it needs two to emit one)
ENCODINGS = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "cp1252", "latin-1": "latin-1",
             "utf-16": "utf-16",  # the data below the header: UTF-16 in the byte order of its BOM (see _data_codec)
             MIXED: MIXED}  # UTF-8 with stray Windows-1252 bytes (.stray_bytes), the header and first records UTF-8
TEXT = pd.StringDtype("pyarrow", na_value=np.nan)  # what pandas calls "str"


class Fallback(Exception):
    """The file cannot be read faithfully by pyarrow: read it with Frictionless instead."""


@dataclass
class Head:
    """The first records of a CSV: labels, the sample of data records, where the data starts."""

    labels: list[str]
    fragment: list[list[str]]  # the data records among the first SAMPLE_RECORDS records
    offset: int  # bytes before the first data record
    first_row: int  # row number of the first data record
    width: int  # cells per record (the labels')
    bytes_per_record: float = 100.0
    data: bool = True  # some bytes follow the header
    dialect: Any = field(default=None, repr=False)
    encoding: str = "utf-8"  # the codec of the bytes from ``offset`` on (pyarrow reads them in it)
    data_width: int = 0  # cells per record pyarrow reads (0: the header's ``width``; see _data_width)

    @property
    def read_width(self) -> int:
        return self.data_width or self.width


class _Lines:
    """The lines of a text stream, counting the bytes of those handed out (csv.reader reads line by line)."""

    def __init__(self, lines: list[str], stream: Any, encoding: str, bom: int) -> None:
        self.lines = iter(lines)
        self.stream = stream
        self.encoding = encoding
        self.consumed = bom

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.lines, None)
        if line is None:
            line = self.stream.readline()
            if not line:
                raise StopIteration
        self.consumed += len(line.encode(self.encoding))
        return line


def sniffed_dialect(lines: list[str], delimiter: str) -> Any:
    """The dialect Frictionless's CSV parser reads with: csv.Sniffer on the first lines, given the delimiter."""
    try:
        config: Any = csv.Sniffer().sniff("".join(lines), delimiter)
    except csv.Error:
        config = csv.excel()
    dialect = csv.excel()
    dialect.delimiter = delimiter
    dialect.quotechar = '"' if config.quotechar == "'" else config.quotechar
    dialect.escapechar = config.escapechar or None
    dialect.doublequote = config.doublequote if dialect.escapechar else True
    dialect.skipinitialspace = config.skipinitialspace
    return dialect


def read_head(path: Path, detected: Detected) -> Head:
    """The header and the first data records of a CSV, as Frictionless reads them (or :class:`Fallback`)."""
    encoding = ENCODINGS.get((detected.encoding or "utf-8").lower())
    if encoding is None or not detected.delimiter:
        raise Fallback(f"encoding {detected.encoding}")
    header_rows = list(detected.header_rows)
    last_header = header_rows[-1]
    bom = len(codecs.BOM_UTF8) if detected.encoding == "utf-8-sig" else 0
    if encoding == MIXED and _starts_with(path, codecs.BOM_UTF8):  # the codec drops a BOM, as utf-8-sig does
        bom = len(codecs.BOM_UTF8)
    if encoding == "utf-16":  # Excel's « Texte Unicode »: a BOM, then no BOM in the text read from the offset on
        encoding, bom = _data_codec(path), len(codecs.BOM_UTF16_LE)
    total = path.stat().st_size
    try:
        with path.open("rb") as raw:
            text = io.TextIOWrapper(raw, detected.encoding or "utf-8", newline="")
            lines = []
            for _ in range(SAMPLE_RECORDS):  # Frictionless sniffs the dialect on the first 100 lines
                line = text.readline()
                if not line:
                    break
                lines.append(line)
            dialect = sniffed_dialect(lines, detected.delimiter)
            if dialect.skipinitialspace or dialect.escapechar or dialect.quotechar != '"':
                raise Fallback("dialect")
            counted = _Lines(lines, text, encoding, bom)
            header: list[list[str]] = []
            fragment: list[list[str]] = []
            offset = 0
            for number, cells in enumerate(csv.reader(counted, dialect), start=1):
                if number in header_rows:
                    header.append(cells)
                if number == last_header:
                    offset = counted.consumed
                elif number > last_header:
                    fragment.append(cells)
                if number >= SAMPLE_RECORDS:
                    break
            sampled = counted.consumed
    except (UnicodeError, csv.Error, OSError) as exc:
        raise Fallback(str(exc)) from exc
    if not offset:
        raise Fallback("no header")
    if encoding == MIXED and not _whole_utf8(path, sampled):  # the bytes counted as UTF-8: they must be UTF-8
        raise Fallback("stray bytes in the first records")
    labels = join_labels(header)
    width = len(labels)
    if not width:
        raise Fallback("no labels")
    per_record = (sampled - offset) / len(fragment) if fragment else 100.0
    return Head(labels, fragment, offset, last_header + 1, width, max(per_record, 1.0), offset < total, dialect,
                encoding, _data_width(fragment, width))


def _starts_with(path: Path, prefix: bytes) -> bool:
    with path.open("rb") as raw:
        return raw.read(len(prefix)) == prefix


def _whole_utf8(path: Path, size: int) -> bool:
    """Whether the first ``size`` bytes of a file are UTF-8 (no stray byte of another encoding among them)."""
    with path.open("rb") as raw:
        try:
            raw.read(size).decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True


def _data_width(fragment: list[list[str]], width: int) -> int:
    """The width pyarrow reads the records at: the header's, or the width of most sample records when most of
    them have another one (a header with a stray delimiter at its end, or data rows that all end with one).

    Records of another width are put back one by one from their text (:mod:`.ragged`): right for a few of them,
    not when most records are so (pyarrow would hand over next to nothing while they pile up)."""
    from collections import Counter

    filled = [len(cells) for cells in fragment if cells]  # []: a blank line
    if 2 * sum(1 for size in filled if size != width) <= len(fragment):
        return width
    common, count = Counter(filled).most_common(1)[0]
    if 2 * count <= len(fragment):
        raise Fallback("ragged sample")
    return common


def _data_codec(path: Path) -> str:
    """The UTF-16 codec of a file's text after its BOM (the BOM says the byte order)."""
    with path.open("rb") as raw:
        return "utf-16-be" if raw.read(2) == codecs.BOM_UTF16_BE else "utf-16-le"


def _drain(reader: Any) -> None:
    """Take the batches a stopped reader still holds, so that pyarrow's read-ahead task has ended before the reader
    goes (its reads are the end of the file once stopped: a few blocks at most)."""
    for _ in range(10_000):
        try:
            reader.read_next_batch()
        except StopIteration:
            return
        except Exception:  # a block cut short by the end: nothing more will come
            return


class _Counted:
    """A binary file that counts the bytes pyarrow reads from it (for the progress bar) and holds its read-ahead.

    ``pyarrow.csv.open_csv`` reads its input on a background thread up to 32 blocks ahead of the batches
    taken from it, whatever the consumer does: on a 140 MB file it had read (and transcoded) the whole file
    while the first chunk was being checked. ``read`` therefore waits while more than ``ahead`` blocks have
    been read beyond the batches the reading thread took (:meth:`took`). pyarrow emits a block's batch only
    once it has read the next one; should it ever need more blocks than allowed to emit one (the reading
    thread is then waiting inside pyarrow), the gate opens rather than wait forever.
    """

    def __init__(self, handle: Any, ahead: int | None = None) -> None:
        self.handle = handle
        self.read_bytes = 0
        self.closed = False
        self.ahead = READ_AHEAD if ahead is None else ahead
        self.reads = 0  # blocks read (non-empty reads)
        self.taken = 0  # batches the reading thread took from pyarrow
        self.most_ahead = 0  # the largest reads - taken seen (tests: the read-ahead stays bounded)
        self.waiting_in_arrow = True  # the reading thread is inside pyarrow (opening the file, or taking a batch)
        self.escapes = 0  # reads let through because pyarrow waited for them
        self.stopped = False
        self._turn = threading.Condition()
        self.transcode: Callable[[bytes], bytes] | None = None  # a single-byte encoding to UTF-8 (see _reader)
        self._left = b""  # transcoded bytes beyond the size pyarrow asked for, handed over at the next read
        self._raw = bytearray()  # the file's bytes being transcoded (reused)
        self.failed: UnicodeDecodeError | None = None  # a byte the encoding does not define (raised by batches)

    def read(self, size: int = -1) -> Any:
        if self.failed is not None:
            return b""
        try:
            return self._read(size)
        except UnicodeDecodeError as exc:
            # raised here, in pyarrow's I/O thread, it left pyarrow's read-ahead task unfinished: the process then
            # hung at exit in pyarrow's thread pool shutdown (gdb: its ``BackgroundGenerator`` cleanup waiting in
            # two I/O workers; 5 runs in 6 of the stream tests, 0 in 6 since). The end of the file for pyarrow, the
            # error for the reading thread (:meth:`batches`)
            self.failed = exc
            self.stop()
            return b""

    def _read(self, size: int) -> Any:
        if self.transcode is not None and 0 <= size <= len(self._left):  # as pyarrow's transcoding: no read
            return self._transcoded(size)[1]
        with self._turn:
            stuck = 0
            while self.reads - self.taken >= self.ahead and not self.stopped:
                if self._turn.wait(timeout=0.05):
                    stuck = 0
                elif self.waiting_in_arrow:
                    stuck += 1
                    if stuck >= 20:  # pyarrow waits for this read to hand over a batch: let it through
                        self.escapes += 1
                        break
            if self.stopped:  # nobody takes batches any more: the end of the file, at once (see :meth:`stop`)
                return b""
        if self.transcode is None:
            data = self.handle.read(size)
            read = len(data)
        else:
            read, data = self._transcoded(size)
        with self._turn:
            self.read_bytes += read
            if read:
                self.reads += 1
                self.most_ahead = max(self.most_ahead, self.reads - self.taken)
        return data

    def _transcoded(self, size: int) -> tuple[int, Any]:
        """(bytes read from the file, the next ``size`` bytes of its UTF-8 text): what was left over, then the
        file's next bytes transcoded slice by slice into a pyarrow buffer (the rest is left for the next read).

        Memory: the file's bytes are read into one reused buffer and transcoded in slices, so that the reading
        thread makes no large short-lived objects; measured, transcoding whole blocks (some MB) made its malloc
        heap grow by 25 MB at 3M rows. The block is pyarrow's memory, as pyarrow's own blocks are."""
        import pyarrow as pa

        assert self.transcode is not None
        left = self._left
        if size < 0:  # the whole rest (pyarrow asks for blocks)
            raw = self.handle.read()
            self._left = b""
            return len(raw), left + self.transcode(raw) + self._finish()
        block = pa.allocate_buffer(size)
        out = np.frombuffer(block, dtype=np.uint8)
        filled = min(len(left), size)
        out[:filled] = np.frombuffer(left, dtype=np.uint8, count=filled)
        rest = [left[filled:]]
        read = 0
        wanted = size - filled
        if wanted:  # the file's next bytes, as many as the block has room for (single-byte: UTF-8 is never shorter)
            if len(self._raw) < wanted:
                self._raw = bytearray(wanted)
            view = memoryview(self._raw)
            read = self.handle.readinto(view[:wanted]) or 0
            for start in range(0, read, TRANSCODE_SLICE):
                text = self.transcode(bytes(view[start:min(read, start + TRANSCODE_SLICE)]))
                take = min(len(text), size - filled)
                out[filled:filled + take] = np.frombuffer(text, dtype=np.uint8, count=take)
                filled += take
                rest.append(text[take:])
        if wanted and read < wanted:  # the end of the file: what the codec still holds (UTF-16: nothing, or an error)
            rest.append(self._finish())
            take = min(len(rest[-1]), size - filled)
            out[filled:filled + take] = np.frombuffer(rest[-1], dtype=np.uint8, count=take)
            filled += take
            rest[-1] = rest[-1][take:]
        self._left = b"".join(rest)
        if not filled:
            return read, b""
        return read, block if filled == size else block.slice(0, filled)

    def _finish(self) -> bytes:
        finish = getattr(self.transcode, "finish", None)
        return finish() if finish is not None else b""

    def batches(self, reader: Any) -> Iterator[Any]:
        """The batches of ``reader`` (a pyarrow streaming reader of this file), each one counted as taken."""
        while True:
            with self._turn:
                self.waiting_in_arrow = True
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                if self.failed is not None:
                    raise self.failed from None
                return
            except Exception as exc:  # the text cut at an undefined byte may end in a short row: that byte is the cause
                if self.failed is not None:
                    raise self.failed from exc
                raise
            finally:
                with self._turn:
                    self.waiting_in_arrow = False
            if self.failed is not None:  # the batch may hold the text cut at the undefined byte
                raise self.failed
            with self._turn:
                self.taken += 1
                self._turn.notify_all()
            yield batch

    def stop(self) -> None:
        """Let pyarrow's reading thread go (the consumer gave up, or the file was read): from now on every read is
        the end of the file (reading the rest would only keep pyarrow's read-ahead task busy after the check)."""
        with self._turn:
            self.stopped = True
            self._turn.notify_all()

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self.read_bytes

    def close(self) -> None:
        self.closed = True


@dataclass
class Chunk:
    """A block of rows: the text frame, which rows are blank, the share of the file read so far, and what the
    reader's ``prepare`` made of the frame (None: no ``prepare``, or it failed: the caller does it lazily; made
    unit by unit until the consumer takes the chunk when ``prepare`` gives an :class:`.ahead.Ahead`)."""

    frame: pd.DataFrame
    blank: np.ndarray
    share: float
    text_bytes: int = 0
    ragged: list[tuple[int, list[str]]] = field(default_factory=list)  # rows of more or fewer cells: (row, cells)
    # when pyarrow reads at another width than the header's (Head.data_width): which rows it read so (each that
    # many cells off the header), and, for rows longer than the header, their cells beyond it (a table)
    other_width: np.ndarray | None = None
    beyond: Any = None
    prepared: Any = None
    ahead: Ahead | None = field(default=None, repr=False)  # ``prepared`` being made by the reading thread


class Blocks:
    """The data records below the header, as text chunks, parsed one block ahead in a thread."""

    def __init__(self, path: Path, detected: Detected, head: Head, names: list[str], chunk_rows: int = CHUNK_ROWS,
                 prepare: Callable[[pd.DataFrame], Any] | None = None) -> None:
        self.path = path
        self.prepare = prepare  # run on each chunk's frame by the reading thread (see :meth:`_prepare`)
        self.detected = detected
        self.head = head
        self.names = names
        self.chunk_rows = max(1, chunk_rows)
        self.total = max(path.stat().st_size, 1)
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=AHEAD)
        self._stop = threading.Event()
        self._taken = threading.Event()  # the consumer took the queued chunk: the next one may be parsed
        self.counted: _Counted | None = None  # the file pyarrow reads (set by the reading thread)
        self.ragged = RaggedRecords(head.read_width, head.dialect, head.first_row)
        self._ragged_rows: list[tuple[int, list[str]]] = []  # put back, not handed over yet

    def _reader(self, counted: _Counted) -> Any:
        import pyarrow as pa
        from pyarrow import csv as pacsv

        width = self.head.read_width
        columns = [f"c{i}" for i in range(width)]
        # pyarrow's parser holds about ten times its block: small blocks, gathered into chunks (memory stays flat)
        block = int(min(MAX_BLOCK, max(MIN_BLOCK, self.head.bytes_per_record * BLOCK_ROWS)))

        encoding = self.head.encoding
        counted.transcode = to_utf8(encoding)  # pyarrow would transcode through Python's codecs, holding the GIL
        read = pacsv.ReadOptions(column_names=columns, block_size=block, use_threads=False,
                                 encoding="utf8" if counted.transcode else encoding)
        parse = pacsv.ParseOptions(delimiter=self.detected.delimiter or ",", quote_char='"', double_quote=True,
                                   escape_char=False, newlines_in_values=True, ignore_empty_lines=False,
                                   invalid_row_handler=self.ragged.handler)
        convert = pacsv.ConvertOptions(column_types={name: pa.string() for name in columns}, null_values=[],
                                       strings_can_be_null=False, quoted_strings_can_be_null=False)
        return pacsv.open_csv(counted, read_options=read, parse_options=parse, convert_options=convert)

    def _produce(self) -> None:
        """The reading thread: parse blocks, cut them to chunks, queue them (an exception is queued too)."""
        try:
            with self.path.open("rb") as handle:
                handle.seek(self.head.offset)
                counted = _Counted(handle)
                self.counted = counted
                self._parse(counted)
        except BaseException as exc:  # handed to the consumer, who decides
            self._put_final(exc)
            return
        self._put_final(None)

    def _parse(self, counted: _Counted) -> None:
        reader = None
        try:
            reader = self._reader(counted)  # reads the first block (may raise): its reading thread is at the gate
            self._cut(reader, counted)
        finally:  # before the reader goes: its destructor waits for its reading thread, which may wait on the gate
            counted.stop()
            # closed here, not when the last reference goes: an exception's traceback keeps this frame (and the
            # reader) alive, and a reader still open at exit hangs the process in pyarrow's thread pool shutdown
            if reader is not None:
                _drain(reader)
                reader.close()

    def _cut(self, reader: Any, counted: _Counted) -> None:
        import pyarrow as pa

        row = self.head.first_row
        first = True
        consumed = float(self.head.offset)  # bytes of the records handed over, estimated from their text
        pending: list[Any] = []  # parsed blocks not handed over yet
        waiting = 0
        for batch in self._placed(counted.batches(reader)):
            if first:
                self._verify(batch)
                first = False
            pending.append(batch)
            waiting += batch.num_rows
            while waiting >= self.chunk_rows:
                table = pa.Table.from_batches(pending)
                pending = table.slice(self.chunk_rows).to_batches()
                waiting -= self.chunk_rows
                consumed, row = self._hand_over(table.slice(0, self.chunk_rows), row, consumed, counted)
                del table
                if self._stop.is_set():
                    return
        if waiting:
            self._hand_over(pa.Table.from_batches(pending), row, consumed, counted)

    def _placed(self, batches: Iterator[Any]) -> Iterator[Any]:
        """The batches with the records pyarrow skipped (more or fewer cells than the header) put back in place
        (:mod:`.ragged`); their rows and cells are kept for the chunks that hold them."""
        for batch in batches:
            placed, found = self.ragged.put_back(batch)
            self._ragged_rows.extend(found)
            yield from (placed.to_batches() if found else (placed,))
        rest = self.ragged.rest(self._schema())  # the file's last records
        if rest is not None:
            table, found = rest
            self._ragged_rows.extend(found)
            yield from table.to_batches()

    def _schema(self) -> Any:
        import pyarrow as pa

        return pa.schema([(f"c{i}", pa.string()) for i in range(self.head.read_width)])

    def _hand_over(self, table: Any, row: int, consumed: float, counted: _Counted) -> tuple[float, int]:
        """Queue one chunk (waiting while the queue is full), prepare it until the consumer takes it; the estimated
        bytes read and the next row number."""
        ragged: list[tuple[int, list[str]]] = []
        if self._ragged_rows:
            end = row + table.num_rows
            ragged = [item for item in self._ragged_rows if item[0] < end]
            self._ragged_rows = [item for item in self._ragged_rows if item[0] >= end]
        other_width, beyond = None, None
        if self.head.read_width != self.head.width:
            table, other_width, beyond = self._header_width(table, row, ragged)
        chunk = self._chunk(table, row, 0.0)
        chunk.ragged, chunk.other_width, chunk.beyond = ragged, other_width, beyond
        ahead = self._prepare(chunk)
        # delimiters and line ends counted; UTF-16 takes two bytes where UTF-8 takes one, for most characters
        consumed += (chunk.text_bytes + table.num_rows * self.head.read_width) * (2 if "16" in self.head.encoding else 1)
        # pyarrow reads ahead: the bytes read bound the share from above
        chunk.share = min(1.0, (self.head.offset + counted.read_bytes) / self.total, consumed / self.total)
        while not self._stop.is_set():
            try:
                self._queue.put(chunk, timeout=0.1)
                break
            except queue.Full:
                continue
        del chunk
        if ahead is not None:  # overlaps with the checks of the previous chunk, until the consumer takes this one
            ahead.work(self._stop)
        # the next chunk is parsed once the consumer took this one: two chunks live (the checked one and the next),
        # not three
        while not self._stop.is_set() and not self._taken.wait(timeout=0.1):
            continue
        self._taken.clear()
        return consumed, row + table.num_rows

    def _header_width(self, table: Any, row: int, ragged: list[tuple[int, list[str]]]) -> tuple[Any, Any, Any]:
        """A table read at the data width cut or widened to the header's (empty cells, or the cells a record put
        back holds there); which rows were read at the data width; their cells beyond the header, if any."""
        import pyarrow as pa

        width, read = self.head.width, self.head.read_width
        size = table.num_rows
        other = np.ones(size, dtype=bool)
        other[[found - row for found, _ in ragged]] = False  # put back: their own width, in ``ragged``
        if read > width:
            return table.select(range(width)), other, table.select(range(width, read))
        columns = list(table.columns)
        empty = pa.nulls(size, pa.string()).fill_null("")
        for position in range(read, width):
            if not any(len(cells) > position for _, cells in ragged):
                columns.append(empty)
                continue
            values = [""] * size
            for found, cells in ragged:
                if len(cells) > position:
                    values[found - row] = cells[position]
            columns.append(pa.array(values, pa.string()))
        return pa.table(columns, names=[f"c{i}" for i in range(width)]), other, None

    def _prepare(self, chunk: Chunk) -> Ahead | None:
        """Run ``prepare`` on the chunk: a :class:`.ahead.Ahead` is worked on once the chunk is queued (returned),
        anything else is the chunk's ``prepared``."""
        if self.prepare is None:
            return None
        try:
            made = self.prepare(chunk.frame)
        except Exception:  # the caller prepares the chunk itself (it is never a reason to read with Frictionless)
            return None
        if isinstance(made, Ahead):
            chunk.ahead = made
            chunk.prepared = made.result
            return made
        chunk.prepared = made
        return None

    def _put_final(self, item: Any) -> None:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def _verify(self, batch: Any) -> None:
        """The first records as pyarrow read them must be the csv module's (Frictionless's) reading."""
        sample = self.head.fragment[: batch.num_rows]
        if not sample:
            return
        mine = batch.slice(0, len(sample)).to_pylist()
        for cells, record in zip(sample, mine, strict=True):
            if list(record.values()) != (cells + [""] * self.head.read_width)[: self.head.read_width]:  # as put back
                raise Fallback("first records differ")

    def _chunk(self, batch: Any, first_row: int, share: float) -> Chunk:
        """A table of text columns as a pandas chunk (no copy: pyarrow-backed ``str`` columns), its blank rows."""
        import pyarrow.compute as pc

        frame = batch.to_pandas(types_mapper={batch.schema.field(0).type: TEXT}.get, split_blocks=True)
        frame.columns = pd.Index(self.names)
        frame.index = pd.RangeIndex(first_row, first_row + batch.num_rows, name="row")
        lengths = None
        for column in batch.columns:
            size = pc.binary_length(column)
            lengths = size if lengths is None else pc.add(lengths, size)
        if lengths is None:
            return Chunk(frame, np.zeros(0, dtype=bool), share)
        blank = pc.equal(lengths, 0).to_numpy(zero_copy_only=False)
        return Chunk(frame, blank, share, int(pc.sum(lengths).as_py() or 0))

    def __iter__(self) -> Iterator[Chunk]:
        if not self.head.data:
            return
        worker = threading.Thread(target=self._produce, name="odwb-csv-reader", daemon=True)
        worker.start()
        try:
            while True:
                item = self._queue.get()
                if isinstance(item, Chunk) and item.ahead is not None:
                    item.ahead.claim()  # the reading thread stops preparing it: the rest is done here, lazily
                    item.ahead = None
                self._taken.set()
                if item is None:
                    return
                if isinstance(item, Fallback):
                    raise item
                if isinstance(item, BaseException):
                    raise Fallback(f"{type(item).__name__}: {item}") from item
                yield item
        finally:
            self._stop.set()
            if self.counted is not None:  # pyarrow's reading thread may wait at the gate: let it go at once
                self.counted.stop()
            worker.join()
