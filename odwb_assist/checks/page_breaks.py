"""The page breaks of a printable export: the rows that open each new page above its repeated header.

A report tool's export to CSV or Excel keeps its pages: at each page break, a row with the document's title again
(« Commune de Gesves - Registre des permis d'urbanisme - Page 2 »), sometimes a page number (« Page 1 / 3 ») and
blank rows, then the header again. The repeated header is ``repeated-header``'s (:mod:`.repeated_header`); the
rows just above it are no data either when each one holds a single cell that is the title above the table's
header with its page number aside (:data:`PAGE`), a page number alone, or a short line with a page number, the foot
of the page before (« Imprimé le 03/12/2026 - Page 1/3 »). They are found only there, walking up
from a repeated header over blank rows and such rows (at most :data:`REACH`): a section heading or a sparse record
elsewhere in the table is never taken for one. A page number closing the last page is ``notes-below-table``'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .total_markers import normalise

if TYPE_CHECKING:
    import pandas as pd

# « Page 2 », « page 2/5 », « Page 2 sur 5 », « p. 2 de 5 », « Blz. 2 van 5 », « Seite 2 von 5 »
PAGE = re.compile(r"(?i)\b(?:page|p\.|blz\.?|seite)\s*\d+(?:\s*(?:/|sur|de|of|van|von)\s*\d+)?")
# « (suite) », « - suite », « (cont.) », « (vervolg) »: the title of a page goes on from the one before
CONTINUED = re.compile(r"(?i)[(\[]?\b(?:suite|cont\.?|continued|vervolg|fortsetzung)(?:\b|(?<=\.))[)\]]?")
REACH = 4  # rows walked up from a repeated header: a page number, a blank row, the title, a blank row
FOOTER = 80  # characters of a page's foot at most (« Imprimé le 03/12/2026 - Page 1/3 », « Registre - p. 2 de 5 »)


def title_keys(titles: Iterable[str]) -> frozenset[str]:
    """The titles above the header as :func:`page_key` reads them (an empty key, a title of digits only, left out)."""
    return frozenset(key for key in (page_key(text) for text in titles) if any(c.isalpha() for c in key))


def page_key(text: str) -> str:
    """A title's letters and digits, with its page number and the word saying it goes on taken out (« … - Page 2 »,
    « … (suite) » and « … » read alike)."""
    return "".join(character for character in normalise(CONTINUED.sub(" ", PAGE.sub(" ", text))) if character.isalnum())


def opens_page(text: str, titles: frozenset[str]) -> bool:
    """Whether a row's one cell is the title above the header (its page number aside), a page number alone, or a
    short line with a page number: the foot of the page before (« Imprimé le 03/12/2026 - Page 1/3 »)."""
    text = text.strip()
    return bool(text) and (PAGE.fullmatch(text) is not None or page_key(text) in titles
                           or len(text) <= FOOTER and PAGE.search(text) is not None)


@dataclass(frozen=True)
class Line:
    """One row as the walk reads it: its number, how many cells it fills and its first filled cell."""

    row: int
    filled: int
    text: str
    column: int = -1  # the position of its one filled cell


def lines(frame: pd.DataFrame, positions: Sequence[int], counts: pd.Series) -> list[Line]:
    """The rows of ``frame`` at ``positions`` as :class:`Line` (``counts``: its filled cells per row)."""
    found = []
    for position in positions:
        row = int(frame.index[position])
        filled = int(counts.iat[position])
        text, column = "", -1
        if filled == 1:
            cells = [str(cell) for cell in frame.iloc[position].tolist()]
            column = next((at for at, cell in enumerate(cells) if cell.strip()), -1)
            text = cells[column] if column >= 0 else ""
        found.append(Line(row, filled, text, column))
    return found


def page_rows(above: Sequence[Sequence[Line]], titles: frozenset[str]) -> list[int]:
    """The rows that open a page: for each repeated header, the lines above it (nearest first, at most
    :data:`REACH`), walked over blank lines and lines that :func:`opens_page`, up to the first other line."""
    found: list[int] = []
    for walk in above:
        for line in walk[:REACH]:
            if line.filled == 0:
                continue
            if line.filled != 1 or not opens_page(line.text, titles):
                break
            found.append(line.row)
    return sorted(set(found))


def walks_above(frame: pd.DataFrame, headers: Sequence[int], counts: pd.Series,
                before: Sequence[Line] = ()) -> list[list[Line]]:
    """For each repeated header (row numbers) of ``frame``, the lines above it, nearest first (at most :data:`REACH`);
    ``before``: the last lines of the frame that came before it, in order (a header on the first rows of a chunk has
    its page's title in the chunk before)."""
    positions = {int(row): position for position, row in enumerate(frame.index)} if headers else {}
    above = []
    for header in headers:
        at = positions[int(header)]
        walk = lines(frame, range(at - 1, max(at - REACH, 0) - 1, -1), counts)
        if len(walk) < REACH:
            walk += list(reversed(before))[: REACH - len(walk)]
        above.append(walk)
    return above


def page_rows_of(frame: pd.DataFrame, headers: Sequence[int], titles: frozenset[str], counts: pd.Series,
                 before: Sequence[Line] = ()) -> list[int]:
    """:func:`page_rows` for the repeated ``headers`` (row numbers) of ``frame`` (see :func:`walks_above`)."""
    return page_rows(walks_above(frame, headers, counts, before), titles)
