"""A listing whose columns are aligned by spaces (a printed report saved as text, an accounting program's « .txt »
export): no delimiter separates its cells, their places do.

Read as a CSV it made nonsense: the decimal commas of « 45000,00 » were taken for the delimiter, the header for a
title row, and the check gave a green tick to a table of two columns cut in the middle of the words; without
commas, one column holding every line. Told from the text: most lines hold at least two runs of two spaces or more,
the columns are separated by places that are blank on (nearly) every line (:data:`GUTTER_SHARE`), three columns
at least, and the delimiter found does not separate the cells (no « ; », tab or « | » on most lines, and a
comma only between digits: a decimal comma). ``detect`` then refuses the file with what to do (a spreadsheet's
« fixed width » text import), rather than check what it cannot read.
"""

from __future__ import annotations

import re

SAMPLE_LINES = 200
MIN_LINES = 3
WIDE_GAPS = 0.8  # share of the lines holding two runs of two spaces or more
GUTTER_SHARE = 0.95  # a place blank on this share of the lines (or beyond their end) separates two columns
MIN_COLUMNS = 3
_WIDE_GAP = re.compile(r"\S {2,}(?=\S)")
_TEXT_COMMA = re.compile(r"(?<![0-9]),|,(?![0-9])")  # a comma that is no decimal comma


def _delimited(lines: list[str], delimiter: str | None) -> bool:
    """Whether ``delimiter`` separates the cells of most lines (a comma: not only between digits)."""
    if not delimiter or delimiter == " ":
        return False
    holding = [line for line in lines if delimiter in line]
    if len(holding) < WIDE_GAPS * len(lines):
        return False
    if delimiter == ",":
        return sum(_TEXT_COMMA.search(line) is not None for line in holding) >= 0.5 * len(holding)
    return True


def columns_by_place(lines: list[str]) -> int:
    """How many columns the blank places shared by the lines make (0 when they are too few to tell)."""
    width = max(len(line) for line in lines)
    blank = [0] * width
    for line in lines:
        for place in range(width):
            if place >= len(line) or line[place] == " ":
                blank[place] += 1
    gutter = [count >= GUTTER_SHARE * len(lines) for count in blank]
    columns, inside = 0, False
    for is_gutter in gutter:
        if not is_gutter and not inside:
            columns += 1
        inside = not is_gutter
    return columns


def is_fixed_width(text: str, delimiter: str | None) -> bool:
    """Whether ``text`` (the file's first lines) is a listing aligned by spaces (see the module's text)."""
    lines = [line.rstrip("\r") for line in text.split("\n")[:SAMPLE_LINES]]
    lines = [line for line in lines if line.strip()]
    if len(lines) < MIN_LINES or "\t" in "".join(lines) or _delimited(lines, delimiter):
        return False
    gapped = sum(len(_WIDE_GAP.findall(line)) >= 2 for line in lines)
    return gapped >= WIDE_GAPS * len(lines) and columns_by_place(lines) >= MIN_COLUMNS
