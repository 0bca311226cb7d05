"""Reading one sheet of a workbook (XLSX, XLS of every BIFF version, ODS) as rows of typed cells.

Why not Frictionless's own spreadsheet parsers: they decode an Excel 95 (BIFF5/7) workbook with the
detected *text* encoding instead of the workbook's code page (a raw codec error), and they keep every
cell that carries formatting, so a sheet formatted down to column IV reads as 256 columns. Here each
sheet is read with python-calamine (XLSX, ODS; :mod:`.calamine_book`) or xlrd (XLS, in the workbook's own
code page), cells are typed as Frictionless types them (whole numbers as ``int``, dates as
``date``/``datetime``), and the sheet is cut to the rectangle of the cells that hold a value. A workbook
is opened once per run (:func:`.workbook_open.open_book`). The engine hands these rows to Frictionless as inline data.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .calamine_book import typed_cell, typed_rows
from .note_marks import MARKER
from .sheet_marks import TableMarks, table_marks
from .workbook_open import _Book, open_book


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name, its position (1-based) among ``names``, its rows cut to the cells with values.

    ``cells`` are the rows as the reader gives them; ``rows`` the same typed as Frictionless is handed them
    (calamine's cells are typed on first use only: the fast path reads their text, which typing leaves as it is).
    """

    name: str
    index: int
    names: tuple[str, ...]
    cells: tuple[tuple[Any, ...], ...]
    hidden: tuple[str, ...] = ()  # the sheets hidden in the workbook, in order
    notices: tuple[str, ...] = ()  # the sheets of text passed over before this one (« Notice », « Sources »)
    notice_lines: tuple[str, ...] = ()  # their lines of text, in order (what the workbook says of its table)
    codepage: str | None = None  # the code page an XLS workbook was decoded with (BIFF5/7: 8-bit text)
    markup: str | None = None  # « html » or « xml »: an « Excel » export that is markup (:mod:`.markup_book`)
    trimmed_columns: int = 0  # formatted but empty columns cut on the right
    trimmed_rows: int = 0  # formatted but empty rows cut at the bottom
    dates: bool | None = None  # calamine's cells, to type (True: an XLSX date becomes a datetime); None: typed
    # notes written beside the table, past an empty column (« NB : tarifs 2024 »): (row, column, text), cut away
    beside: tuple[tuple[int, int, str], ...] = ()
    marks: TableMarks = field(default_factory=TableMarks)  # hidden columns and rows, formulas without result

    @cached_property
    def rows(self) -> tuple[tuple[Any, ...], ...]:
        """The rows, typed (whole numbers as ``int``, an empty cell ``None``, an XLSX date a ``datetime``)."""
        return self.cells if self.dates is None else tuple(map(tuple, typed_rows(self.cells, self.dates)))

    def head(self, count: int) -> tuple[tuple[Any, ...], ...]:
        """The first ``count`` rows, typed (without typing the whole sheet)."""
        if self.dates is None or "rows" in self.__dict__:
            return self.rows[:count]
        return tuple(map(tuple, typed_rows(self.cells[:count], self.dates)))

    def typed(self, cell: Any) -> Any:
        """One cell of ``cells`` as ``rows`` holds it."""
        return cell if self.dates is None else typed_cell(cell, self.dates)


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _row_filled(row: list[Any]) -> bool:
    return any(_filled(value) for value in row)


def _cut(rows: list[list[Any]], extent: tuple[int, int] = (0, 0)) -> tuple[tuple[tuple[Any, ...], ...], int, int]:
    """The rows cut to the last row and the last column holding a value, padded to that width; with the
    number of columns and rows cut (formatted but empty). ``extent`` is the (rows, columns) the file stores
    when the reader skipped formatted cells (0 when unknown). Scans from the bottom and from the right: a
    sheet whose last row and last column hold values costs one pass over one row and one column."""
    last_row = len(rows)
    while last_row and not _row_filled(rows[last_row - 1]):
        last_row -= 1
    kept = rows[:last_row]
    lengths = set(map(len, rows))  # one width: a rectangle, as calamine reads it
    raw_width = max(lengths, default=0)
    width = max(lengths if len(lengths) == 1 else map(len, kept), default=0) if kept else 0
    while width and not any(len(row) >= width and _filled(row[width - 1]) for row in kept):
        width -= 1
    if (len(lengths) == 1 and raw_width == width) or all(len(row) == width for row in kept):
        cut = tuple(map(tuple, kept))
    else:
        cut = tuple(tuple(row[:width]) + (None,) * (width - min(len(row), width)) for row in kept)
    stored_rows, stored_columns = extent
    return cut, max(0, max(raw_width, stored_columns) - width), max(0, max(len(rows), stored_rows) - last_row)


NOTE_CELLS = 3  # cells beside the table, at most, that may be notes (a column of values is data, titled or not)
NOTE_WORDS = 4  # … each a note's opening (« NB », « Source : », « * ») or a sentence of this many words


def notes_beside(rows: tuple[tuple[Any, ...], ...]) -> tuple[tuple[tuple[Any, ...], ...], tuple[tuple[int, int, str], ...]]:
    """The table without the notes written beside it, and those notes as (row, column, text), 1-based.

    A note beside the table (« NB : tarifs 2024, hors caution » typed two columns to the right of the last one)
    would be read as a column without a title. It is cut away only when that is certain: the cells past the last
    wholly empty column are text, three at most, each below the table's header row (the first row filled over more
    than half the table's width) and each a note (it opens like « NB », « Source », « * », « (1) », or it is a
    sentence); the table itself keeps two columns or more. Anything else stays where it is."""
    if not rows:
        return rows, ()
    width = len(rows[0])

    def filled(index: int) -> bool:  # stops at the column's first value: a full pass only over an empty column
        return any(_filled(row[index]) for row in rows)

    # from the right: the last wholly empty column, and the empty ones just before it (a table's own columns, each
    # filled from its header on, cost a cell or two; the sheet was cut after its last column holding a value)
    gap = next((index for index in range(width - 1, 0, -1) if not filled(index)), 0)
    if not gap or gap == width - 1:  # no empty column, or nothing past it
        return rows, ()
    main = gap
    while main and not filled(main - 1):
        main -= 1
    if main < 2:
        return rows, ()
    header = next((number for number, row in enumerate(rows)
                   if sum(1 for value in row[:main] if _filled(value)) * 2 > main), None)
    cells: list[tuple[int, int, Any]] = []
    for number, row in enumerate(rows):
        cells.extend((number + 1, index + 1, row[index]) for index in range(gap + 1, width) if _filled(row[index]))
        if len(cells) > NOTE_CELLS:  # a column of values: no need to read on
            return rows, ()
    if header is None or not all(
            isinstance(text, str) and row > header + 1 and _reads_as_note(text) for row, _, text in cells):
        return rows, ()
    return tuple(row[:main] for row in rows), tuple((row, column, text.strip()) for row, column, text in cells)


def _reads_as_note(text: str) -> bool:
    return MARKER.match(text) is not None or len(text.split()) >= NOTE_WORDS


NOTICE_ROWS = 40  # a notice longer than this is read as what it is: a sheet of text


def is_notice(rows: Iterable[Sequence[Any]]) -> bool:
    """Whether a sheet is a notice, not a table: a few lines of text, one cell each, most of them sentences
    (« Source : Service environnement, relevé 2024 », « Les coordonnées sont en WGS 84. »), as a workbook's first
    sheet « Notice », « Lisez-moi » or « Sources » holds them. A one-column table (a list of streets) has short
    values, or many rows."""
    lines: list[Any] = []
    for row in rows:  # stops at the first row of two values or beyond 40 lines: a table costs a row or two
        values = [value for value in row if _filled(value)]
        if len(values) > 1 or (values and len(lines) == NOTICE_ROWS):
            return False
        lines.extend(values)
    sentences = [line for line in lines if isinstance(line, str) and (len(line.split()) >= 4 or len(line) >= 30)]
    return bool(lines) and len(sentences) >= max(1, len(lines) / 2)


def _notice_lines(rows: list[list[Any]]) -> list[str]:
    """The lines of a notice sheet: each row's value as text (:func:`is_notice`: one a row)."""
    from .cell_text import cell_text

    return [text for row in rows for value in row if _filled(value) and (text := cell_text(value).strip())]


def _choose(book: _Book, sheet: str | None) -> tuple[str, list[list[Any]], tuple[int, int], tuple[str, ...],
                                                     tuple[str, ...]]:
    """The sheet asked for, else the first visible sheet holding a table, else the first visible one holding a
    value, else the first hidden one (a hidden sheet is most often the list of choices of a drop-down or parameters,
    not the table), else the first sheet; with the notices passed over (:func:`is_notice`), in order."""
    if sheet is not None:
        return (sheet, *book.rows(sheet), (), ())
    first: tuple[str, list[list[Any]], tuple[int, int]] | None = None
    notice: tuple[str, list[list[Any]], tuple[int, int]] | None = None
    notices: list[str] = []
    lines: list[str] = []
    order = [name for name in book.names if name not in book.hidden] + [n for n in book.names if n in book.hidden]
    for name in order:
        rows, extent = book.rows(name)
        if any(_row_filled(row) for row in rows):
            if name in book.hidden and notice is not None:
                break  # a hidden sheet is read only when no visible one holds a value
            if not is_notice(rows):
                return name, rows, extent, tuple(notices), tuple(lines)
            notices.append(name)
            lines += _notice_lines(rows)
            notice = (name, rows, extent) if notice is None else notice
            continue
        first = (name, rows, extent) if first is None else first
    if notice is not None:  # only notices: the first one is what the workbook holds
        return (*notice, (), ())
    chosen = first or ((book.names[0] if book.names else ""), [], (0, 0))
    return (*chosen, (), ())


@contextlib.contextmanager
def gc_paused() -> Any:
    """The cyclic garbage collector paused: reading a sheet makes millions of acyclic cells, and each
    collection the allocations trigger would walk them all again (a fifth of a 100k-row XLSX check)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read(path: Path, fmt: str, sheet: str | None) -> Sheet:
    book = open_book(path, fmt)
    with gc_paused():
        name, rows, extent, notices, notice_lines = _choose(book, sheet)
        cut, columns, bottom = _cut(rows, extent)
        del rows
        cut, beside = notes_beside(cut)
        marks = table_marks(book.marks(name), cut, _filled)
    names = book.names
    index = names.index(name) + 1 if name in names else 1
    return Sheet(name=name, index=index, names=tuple(names), cells=cut, codepage=book.codepage, markup=book.markup,
                 hidden=tuple(n for n in names if n in book.hidden), notices=notices,
                 notice_lines=notice_lines,
                 trimmed_columns=columns, trimmed_rows=bottom, dates=book.dates, marks=marks, beside=beside)


_LAST: dict[tuple[str, str, int, int, str | None], Sheet] = {}  # the last sheet read, under its name and None


def read_sheet(path: Path, fmt: str, sheet: str | None = None) -> Sheet:
    """One sheet of the workbook at ``path``; the last one read is kept, so detecting, checking and fixing
    read a workbook once (``sheet=None`` and the name of the sheet it chose share the entry)."""
    stat = path.stat()
    key = (str(path), fmt, stat.st_mtime_ns, stat.st_size, sheet)
    if key in _LAST:
        return _LAST[key]
    read = _read(path, fmt, sheet)
    _LAST.clear()
    _LAST[key] = read
    _LAST[(*key[:4], read.name)] = read
    return read
