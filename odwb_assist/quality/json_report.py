"""The JSON report written piece by piece: the bytes of :meth:`.QualityReport.to_json`, without the rows as objects.

A finding that stands for a whole column of a three-million-row file lists three million rows
(``rows`` is never truncated, see docs/report-contract.md). Building them as Python ints in lists, then
one string of the whole report, cost several gigabytes. Here every finding whose rows are a
:class:`~odwb_assist.core.findings.RowNumbers` array gets a marker in place of its rows; the report is
encoded with the same options as ``to_json`` and written up to each marker, and the rows are written
from the int64 array a slice at a time, laid out as ``json.dumps(..., indent=2)`` lays out a list of ints.
"""

from __future__ import annotations

import dataclasses
import json
import secrets
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from ..core.findings import RowNumbers
from ..core.i18n import normalise_lang

if TYPE_CHECKING:
    import numpy as np

    from .report import QualityReport

PIECE = 1 << 18  # rows turned into text at a time
AHEAD = 1  # slices of rows made into text ahead of the writing (each ~4 MB of text)
KEPT_TEXT = 18 << 20  # bytes of row texts kept for the next lists (a column flagged whole: the same rows as another;
# 18 MB: every slice of a million-row list, a part of a longer one; the report's memory stays under the check's peak)


def write_json(report: QualityReport, handle: IO[str], lang: str | None = None) -> None:
    """Write ``report.to_json(lang)`` to ``handle`` (a text file), the long row lists streamed from their arrays."""
    language = normalise_lang(lang or report.lang)
    token = f"odwb-rows-{secrets.token_hex(8)}-"
    data = dataclasses.replace(report, findings=[]).to_dict(language)  # the findings are added below
    streamed: list[RowNumbers] = []
    errors: list[dict[str, Any]] = []
    for finding in report.findings:
        if isinstance(finding.rows, RowNumbers) and len(finding.rows) > 1:
            shown = report.finding_dict(dataclasses.replace(finding, rows=()), language)
            shown["rows"] = f"{token}{len(streamed)}"
            streamed.append(finding.rows)
        else:
            shown = report.finding_dict(finding, language)
        errors.append(shown)
    data["errors"] = errors
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    places: list[tuple[int, int, int]] = []  # per streamed list: where its marker starts and ends, its key's indent
    start = 0
    for number in range(len(streamed)):
        marker = json.dumps(f"{token}{number}")
        at = text.index(marker, start)
        line = text.rfind("\n", 0, at) + 1
        indent = len(text[line:at]) - len(text[line:at].lstrip(" "))
        places.append((at, at + len(marker), indent))
        start = at + len(marker)
    texts = _texts_ahead([(rows, begin, _separator(indent)) for rows, (_, _, indent) in zip(streamed, places, strict=True)
                          for begin in range(0, len(rows), PIECE)])
    start = 0
    for rows, (at, end, indent) in zip(streamed, places, strict=True):
        handle.write(text[start:at])
        _write_rows(handle, rows, indent, texts)
        start = end
    handle.write(text[start:])


def _separator(indent: int) -> str:
    return ",\n" + " " * (indent + 2)


def _write_rows(handle: IO[str], rows: RowNumbers, indent: int, texts: Iterator[str] | None = None) -> None:
    """``rows`` as ``json.dumps`` writes a list of ints at ``indent`` (the key's), two more spaces for the items;
    a slice at a time (rows kept as runs are never expanded whole). ``texts``: the text of each slice, in order
    (:func:`_texts_ahead`), else made here."""
    if not len(rows):
        handle.write("[]")
        return
    separator = _separator(indent)
    if texts is None:
        texts = _texts_ahead([(rows, begin, separator) for begin in range(0, len(rows), PIECE)])
    handle.write("[")
    for begin in range(0, len(rows), PIECE):
        handle.write(separator[1:] if begin == 0 else separator)
        handle.write(next(texts))
    handle.write("\n" + " " * indent + "]")


def _texts_ahead(jobs: list[tuple[RowNumbers, int, str]]) -> Iterator[str]:
    """The text of each slice of rows (the rows, the first position, the separator), in order: made on another
    thread, up to :data:`AHEAD` slice(s) ahead of the writing (pyarrow's cast and join release the GIL: the report's
    two costs, making the text and writing it, overlap on two cores once the checks are done)."""
    from collections import deque
    from concurrent.futures import Future, ThreadPoolExecutor

    pieces = _Pieces()

    def make(job: tuple[RowNumbers, int, str]) -> str:
        rows, begin, separator = job
        return pieces.text(rows.array(begin, min(begin + PIECE, len(rows))), separator)

    if len(jobs) < 2:
        yield from map(make, jobs)
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="odwb-json-rows") as pool:
        pending: deque[Future[str]] = deque()
        for job in jobs:
            pending.append(pool.submit(make, job))
            if len(pending) > AHEAD:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


class _Pieces:
    """The texts of the row slices written so far, by their rows: the findings on whole columns (decimal commas in
    the coordinates, local dates) list the same rows, turned into text once (up to :data:`KEPT_TEXT` bytes of text;
    a slice is known by a 128-bit digest of its rows, not by a copy of them)."""

    def __init__(self) -> None:
        self.texts: dict[tuple[str, int, bytes], str] = {}
        self.left = KEPT_TEXT

    def text(self, rows: np.ndarray, separator: str) -> str:
        import hashlib

        key = (separator, len(rows), hashlib.blake2b(rows.tobytes(), digest_size=16).digest())
        known = self.texts.get(key)
        if known is not None:
            return known
        text = _joined(rows, separator)
        if self.left >= len(text):
            self.texts[key] = text
            self.left -= len(text)
        return text


def _joined(rows: np.ndarray, separator: str) -> str:
    """``rows`` as decimal text joined by ``separator``: cast and joined by pyarrow's kernels (``str`` of a million
    Python ints cost 0.15 s, a third of a million-row check's report)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = pa.array(rows, type=pa.int64()).cast(pa.string())
    joined = pc.binary_join(pa.ListArray.from_arrays(pa.array([0, len(texts)], type=pa.int32()), texts), separator)
    return str(joined[0].as_py())
