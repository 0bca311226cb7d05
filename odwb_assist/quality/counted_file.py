"""The CSV file as pyarrow's streaming reader reads it: the bytes counted (for the progress bar), the read-ahead
held back (memory stays flat), the text transcoded to UTF-8 on the way (:mod:`.transcode`), and what pyarrow still
holds of it counted (:mod:`.loans`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from .loans import Loans

TRANSCODE_SLICE = 64 << 10  # bytes transcoded at a time (small temporaries: see CountedFile._transcoded)
READ_AHEAD = 2  # blocks pyarrow may read ahead of the batches taken from it (it needs two to emit one)


class CountedFile:
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
        self.loans = Loans()  # what pyarrow holds of ours: this file, the blocks it read (see lend)

    def lend(self) -> Lent:
        """The file as pyarrow is to be given it, counted among :attr:`loans` until pyarrow lets go of it."""
        return self.loans.lend(Lent(self))

    def read(self, size: int = -1) -> Any:
        """The next ``size`` bytes, as a memoryview that pyarrow holds while it needs them."""
        data = b"" if self.failed is not None else self._checked_read(size)
        return self.loans.lend(memoryview(data))  # pyarrow frees a block taking the GIL (see .loans)

    def _checked_read(self, size: int) -> Any:
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


class Lent:
    """A :class:`CountedFile` as pyarrow is given it, so that pyarrow letting go of it is seen (:mod:`.loans`): its
    methods are the counted file's, bound to it, so that no frame of this object runs while pyarrow reads (a frame
    kept by a traceback would keep the object, and hide its release)."""

    def __init__(self, counted: CountedFile) -> None:
        self._counted = counted
        self.read = counted.read
        self.readable = counted.readable
        self.seekable = counted.seekable
        self.tell = counted.tell
        self.close = counted.close

    @property
    def closed(self) -> bool:
        return self._counted.closed
