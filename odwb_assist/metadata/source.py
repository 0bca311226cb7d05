"""Read the data file once for drafting: a DataFrame of text cells and what the file is.

Uses ``odwb_assist.quality.read_table`` (the quality engine's reader) when it is available, and a
small pandas reader otherwise. A file that cannot be read is not an error here: drafting goes on
without the data, and the score says that the file could not be read.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..core.errors import OdwbError


@dataclass
class SourceData:
    """The data read for drafting; ``frame`` is None when the file could not be read (``problem`` says why)."""

    path: Path | None
    frame: pd.DataFrame | None = None
    info: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None
    titles: list[str] = field(default_factory=list)  # the title lines above the table
    notes: list[str] = field(default_factory=list)  # a workbook's notice, notes beside and under the table, in order


def _pandas_read(path: Path, sheet: str | None) -> tuple[pd.DataFrame, dict[str, Any]]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        # the engine named: pandas 3 warns when an XLSX is read without one
        frame = pd.read_excel(path, sheet_name=sheet or 0, dtype=str, keep_default_na=False,
                              engine={".ods": "odf", ".xlsx": "openpyxl", ".xlsm": "openpyxl"}.get(suffix))
        frame = frame.fillna("").astype(str)
        info: dict[str, Any] = {"format": suffix.lstrip("."), "sheet": sheet}
    else:
        raw = path.read_bytes()
        encoding = "utf-8-sig"
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            encoding = "cp1252"
            text = raw.decode(encoding)
        try:
            delimiter = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
        frame = pd.read_csv(path, sep=delimiter, dtype=str, keep_default_na=False, encoding=encoding)
        info = {"format": "csv", "encoding": "utf-8" if encoding == "utf-8-sig" else encoding,
                "delimiter": delimiter}
    frame.columns = [str(c).strip() for c in frame.columns]
    frame.index = range(2, len(frame) + 2)  # physical row numbers: header on row 1
    return frame, info


def read_source(path: str | Path | None, sheet: str | None = None) -> SourceData:
    """Read ``path`` as a table of text cells; never raises for a bad file."""
    if path is None:
        return SourceData(None, problem="no file")
    file = Path(path)
    if not file.is_file():
        return SourceData(file, info={"problem_en": f"no such file: {file}"}, problem=f"fichier introuvable : {file}")
    info: dict[str, Any] = {"bytes": file.stat().st_size}
    try:
        try:
            from ..quality import read_table
        except ImportError:
            frame, extra = _pandas_read(file, sheet)
            titles, notes = [], []
        else:
            table = read_table(file, sheet=sheet)
            frame = table.frame
            detected = getattr(table, "detected", None)
            titles = [text for _, text in getattr(detected, "title_rows", None) or []]
            notes = [*(getattr(detected, "notice_lines", None) or []),
                     *(text for _, _, text in getattr(detected, "notes_beside", None) or []), *_notes_under(frame)]
            extra = {k: getattr(detected, k) for k in ("format", "encoding", "delimiter", "sheet")
                     if detected is not None and getattr(detected, k, None) is not None}
            extra.setdefault("format", file.suffix.lower().lstrip(".") or "csv")
    except Exception as exc:  # any unreadable file: drafting goes on without the data, the score says why
        info["format"] = file.suffix.lower().lstrip(".")
        if isinstance(exc, OdwbError):
            info["problem_en"] = exc.message("en")
        return SourceData(file, info=info, problem=exc.message("fr") if isinstance(exc, OdwbError) else str(exc))
    info.update(extra)
    info["rows"] = len(frame)
    if not titles and not notes:  # a clean file: what ``fix`` took out of the original is kept beside it
        titles, notes = removed_lines(file)
    return SourceData(file, frame, info, titles=titles, notes=notes)


def removed_lines(file: Path) -> tuple[list[str], list[str]]:
    """The title lines and the notes under the table that ``fix`` took out of the original of the clean ``file``,
    from the rows it kept beside it (``<name>.lignes-retirees.csv``, or ``.removed-rows.csv`` with ``--lang en``):
    what the original said of itself, which the tutorial's clean file no longer holds."""
    from ..checks.notes_below_table import DropNotesBelowTable
    from ..checks.title_rows import DropTitleRows
    from ..quality.side_files import ROWS_SUFFIX

    reasons = {DropTitleRows.label.fr: 0, DropTitleRows.label.en: 0,
               DropNotesBelowTable.label.fr: 1, DropNotesBelowTable.label.en: 1}
    found: tuple[list[str], list[str]] = ([], [])
    for suffix in (ROWS_SUFFIX.fr, ROWS_SUFFIX.en):
        side = file.with_name(file.stem + suffix)
        if not side.is_file():
            continue
        try:
            with open(side, encoding="utf-8-sig", newline="") as handle:
                rows = csv.reader(handle)
                next(rows, None)  # its header
                for row in rows:  # one at a time: a side file may hold every row a fix removed
                    text = " ".join(cell.strip() for cell in row[2:] if cell.strip())
                    if len(row) > 2 and row[1] in reasons and text:
                        found[reasons[row[1]]].append(text)
        except (OSError, UnicodeDecodeError, csv.Error):  # a side file edited by hand: drafting goes on without it
            continue
    return found


def _notes_under(frame: pd.DataFrame) -> list[str]:
    """The lines of the notes the quality check finds under the table (« Source : … »), each row's cells joined."""
    from ..checks.notes_below_table import TAIL_ROWS, Tail

    tail = Tail()
    tail.feed(frame.tail(TAIL_ROWS + 2))  # a longer tail is no notes: the last data row is among these
    notes = tail.verdict(len(frame.columns))
    if notes is None:
        return []
    cells = frame.loc[[row for row in notes.filled if row in frame.index]]
    return [" ".join(str(v).strip() for v in row if str(v).strip()) for row in cells.itertuples(index=False)]
