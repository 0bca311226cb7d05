"""Reading a table as raw text, in chunks whose index is the spreadsheet row number.

A CSV is read in pyarrow blocks (:mod:`.stream`), or, when pyarrow cannot read it as Frictionless
does, opened by Frictionless with the dialect detected by :mod:`.detect`; a workbook sheet is
read by :mod:`.workbook` (its own code page, cut to the cells holding values) and handed to
Frictionless as inline rows, so row numbers stay the sheet's. Absolute paths are accepted through
Frictionless's trusted context (v5 refuses them otherwise). :func:`read_table` loads a whole (small
or medium) table for drafting and fixing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from ..core.errors import InputError
from .cell_text import cell_text
from .detect import SPREADSHEET_FORMATS, Detected, detect
from .end_mark import open_data
from .notes import codec_note, general
from .undecodable import first_undecodable
from .workbook import read_sheet

CHUNK_ROWS = 25_000


def open_resource(
    path: Path, detected: Detected, *, schema: Any = None, header: bool = True
) -> Any:
    """A Frictionless (table) resource for ``path`` read the way ``detected`` says (not opened yet)."""
    from frictionless import Dialect, Resource, formats, system

    controls: list[Any] = []
    if detected.format == "csv":
        controls.append(formats.CsvControl(delimiter=detected.delimiter or ","))
    dialect = Dialect(header_rows=detected.header_rows, controls=controls) if header else Dialect(header=False,
                                                                                                 controls=controls)
    if detected.format in SPREADSHEET_FORMATS:  # read by .workbook (code page, trimmed), handed over inline
        rows = [list(row) for row in read_sheet(path, detected.format, detected.sheet).rows]
        inline: dict[str, Any] = {"format": "inline", "dialect": dialect}
        if schema is not None:
            inline["schema"] = schema
        with system.use_context(trusted=True):
            return Resource(data=rows, **inline)
    options: dict[str, Any] = {"format": detected.format, "dialect": dialect}
    if detected.encoding:
        options["encoding"] = detected.encoding
    if schema is not None:
        options["schema"] = schema
    with system.use_context(trusted=True):
        if detected.end_mark is not None:  # read up to the Ctrl-Z end-of-file mark (a stream named as the file)
            return Resource(open_data(path, detected.end_mark), **options)
        return Resource(path=str(path), **options)


def unreadable(path: Path, exc: BaseException, encoding: str | None = None) -> InputError:
    """The error for a file that Frictionless (or its format library) cannot read as a table (``encoding``: the one
    it was read in, to find the line of a byte it does not define)."""
    raw = getattr(getattr(exc, "error", None), "note", None) or str(exc) or type(exc).__name__
    where = first_undecodable(path, encoding) if encoding and codec_note(raw) is not None else None
    note = general(raw, where[1] if where else None)  # a codec's or a library's English note, told in words
    return InputError(
        f"{path.name} ne peut pas être lu comme un tableau ({note.fr}). Ouvrez-le dans votre tableur et "
        "enregistrez-le en CSV (UTF-8) ou en XLSX, puis relancez la vérification.",
        f"{path.name} cannot be read as a table ({note.en}). Open it in your spreadsheet, save it as CSV "
        "(UTF-8) or XLSX, then run the check again.",
    )


def frame_from_rows(rows: list[list[Any]], row_numbers: list[int], labels: list[str], text: bool) -> pd.DataFrame:
    """A chunk: raw cells cut or padded to the labels, as ``str`` (``""`` for empty), indexed by row number."""
    width = len(labels)
    if not text:
        rows = [[cell_text(cell) for cell in row] for row in rows]
    if any(len(row) != width for row in rows):
        pad = [None] * width
        rows = [row[:width] if len(row) >= width else list(row) + pad[: width - len(row)] for row in rows]
    frame = pd.DataFrame(rows, columns=range(width), dtype="str") if rows else pd.DataFrame(columns=range(width), dtype="str")
    if frame.isna().to_numpy().any():
        frame = frame.fillna("")
    frame.columns = pd.Index(labels)
    frame.index = pd.Index(row_numbers, name="row")
    return frame


@dataclass
class Table:
    """A whole table as raw text: ``frame`` (columns = labels, index = row numbers) and what was detected."""

    frame: pd.DataFrame
    detected: Detected
    path: Path

    @property
    def fields(self) -> list[str]:
        return [str(column) for column in self.frame.columns]


def unique_labels(labels: list[str]) -> list[str]:
    """Labels usable as column names: blanks become ``fieldN``, duplicates get a number (as Frictionless)."""
    seen: dict[str, int] = {}
    names = []
    for position, label in enumerate(labels, start=1):
        name = label.strip() if isinstance(label, str) and label.strip() else f"field{position}"
        if name in seen:
            seen[name] += 1
            name = f"{name}{seen[name]}"
        else:
            seen[name] = 1
        names.append(name)
    return names


class RaggedRows(Protocol):
    """Takes the rows of another width the pyarrow reader put back (:class:`.side_files.CellsBeyond`)."""

    complete: bool  # set once that reader read every row

    def add(self, ragged: list[tuple[int, list[str]]]) -> None: ...


def iter_text_chunks(path: Path, detected: Detected, chunk_rows: int | None = None,
                     beyond: RaggedRows | None = None) -> Iterator[pd.DataFrame]:
    """The rows below the header, as text chunks (no validation: for reading and fixing) of ``chunk_rows`` rows;
    by default CHUNK_ROWS, fewer for a CSV of long texts (as many bytes as the check's chunks hold at most: 50,000
    rows of a 2 kB description made ``fix`` peak at 690 MB).

    A CSV is read in pyarrow blocks (:mod:`.stream`) when pyarrow reads it as Frictionless would; otherwise,
    or from the row where pyarrow gives up, Frictionless reads it. ``beyond`` gathers the cells beyond the
    header's columns as the blocks come (complete when pyarrow read every row).
    """
    done = 0  # the last row number handed over
    if detected.format == "csv":
        from .csv_head import Fallback, read_head
        from .inference import field_names
        from .stream import Blocks, chunk_rows_for

        try:
            head = read_head(path, detected)
            names = field_names(head.labels)
            if not head.data:
                yield frame_from_rows([], [], names, True)
                return
            rows = chunk_rows or min(CHUNK_ROWS, chunk_rows_for(len(names), head.bytes_per_record))
            for chunk in Blocks(path, detected, head, names, rows):
                if beyond is not None and chunk.ragged:
                    beyond.add(chunk.ragged)
                yield chunk.frame
                done = int(chunk.frame.index[-1])
            if beyond is not None:  # cells_beyond also reads a second header row; rows read longer are not listed
                beyond.complete = len(detected.header_rows) == 1 and head.read_width <= head.width
            if not done:
                yield frame_from_rows([], [], names, True)
            return
        except Fallback:
            pass  # the rows after ``done``: Frictionless's
    yield from _frictionless_chunks(path, detected, chunk_rows or CHUNK_ROWS, done)


def _frictionless_chunks(path: Path, detected: Detected, chunk_rows: int, after: int) -> Iterator[pd.DataFrame]:
    from frictionless import FrictionlessException

    resource = open_resource(path, detected, schema=None)
    text = detected.format == "csv"
    try:
        with resource:
            labels = list(resource.schema.field_names) or unique_labels([str(label) for label in resource.labels])
            rows: list[list[Any]] = []
            numbers: list[int] = []
            for row in resource.row_stream:
                if row.row_number <= after:
                    continue
                rows.append(row.cells)
                numbers.append(row.row_number)
                if len(rows) >= chunk_rows:
                    yield frame_from_rows(rows, numbers, labels, text)
                    rows, numbers = [], []
            if rows or not (numbers or after):
                yield frame_from_rows(rows, numbers, labels, text)
    except FrictionlessException as exc:
        raise unreadable(path, exc, detected.encoding) from exc
    except (UnicodeError, ValueError, OSError) as exc:
        raise unreadable(path, exc, detected.encoding) from exc


def read_table(source: str | Path, *, sheet: str | None = None) -> Table:
    """Read a whole small or medium table as raw text (see :class:`Table`)."""
    path, detected = detect(source, sheet=sheet)
    frames = list(iter_text_chunks(path, detected))
    frame = pd.concat(frames) if len(frames) > 1 else frames[0]
    return Table(frame=frame, detected=detected, path=path)
