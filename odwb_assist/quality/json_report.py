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
from typing import IO, TYPE_CHECKING, Any

from ..core.findings import RowNumbers
from ..core.i18n import normalise_lang

if TYPE_CHECKING:
    import numpy as np

    from .report import QualityReport

PIECE = 1 << 18  # rows turned into text at a time
KEPT_TEXT = 32 << 20  # bytes of row texts kept for the next lists (a column flagged whole: the same rows as another)


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
    start = 0
    pieces = _Pieces()
    for number, rows in enumerate(streamed):
        marker = json.dumps(f"{token}{number}")
        at = text.index(marker, start)
        line = text.rfind("\n", 0, at) + 1
        indent = len(text[line:at]) - len(text[line:at].lstrip(" "))
        handle.write(text[start:at])
        _write_rows(handle, rows, indent, pieces)
        start = at + len(marker)
    handle.write(text[start:])


def _write_rows(handle: IO[str], rows: RowNumbers, indent: int, pieces: _Pieces | None = None) -> None:
    """``rows`` as ``json.dumps`` writes a list of ints at ``indent`` (the key's), two more spaces for the items;
    a slice at a time (rows kept as runs are never expanded whole)."""
    if not len(rows):
        handle.write("[]")
        return
    inner = "\n" + " " * (indent + 2)
    separator = "," + inner
    pieces = pieces or _Pieces()
    handle.write("[")
    for begin in range(0, len(rows), PIECE):
        handle.write(inner if begin == 0 else separator)
        handle.write(pieces.text(rows.array(begin, min(begin + PIECE, len(rows))), separator))
    handle.write("\n" + " " * indent + "]")


class _Pieces:
    """The texts of the row slices written so far, by their rows: the findings on whole columns (decimal commas in
    the coordinates, local dates) list the same rows, turned into text once (up to :data:`KEPT_TEXT` bytes)."""

    def __init__(self) -> None:
        self.texts: dict[tuple[str, int, int], tuple[np.ndarray, str]] = {}
        self.left = KEPT_TEXT

    def text(self, rows: np.ndarray, separator: str) -> str:
        import numpy as np

        key = (separator, len(rows), hash(rows.tobytes()))
        known = self.texts.get(key)
        if known is not None and np.array_equal(known[0], rows):
            return known[1]
        text = _joined(rows, separator)
        if known is None and self.left >= len(text) + rows.nbytes:
            self.texts[key] = (rows, text)
            self.left -= len(text) + rows.nbytes
        return text


def _joined(rows: np.ndarray, separator: str) -> str:
    """``rows`` as decimal text joined by ``separator``: cast and joined by pyarrow's kernels (``str`` of a million
    Python ints cost 0.15 s, a third of a million-row check's report)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = pa.array(rows, type=pa.int64()).cast(pa.string())
    joined = pc.binary_join(pa.ListArray.from_arrays(pa.array([0, len(texts)], type=pa.int32()), texts), separator)
    return str(joined[0].as_py())
