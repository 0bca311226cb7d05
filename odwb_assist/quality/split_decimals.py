"""Decimal commas in a comma-separated file: « 12,5 » written without quotes is read as two cells, « 12 » and « 5 »,
and the row is long by one cell per such number (an export made with a French or Belgian locale by a program that
separates with commas and does not quote).

The ``extra-cell`` finding says so, so that the user saves the file again with « ; » rather than deleting « the
values beyond the last column »: these are numbers, and the row's cells up to the header's width are shifted halves
of numbers. ``fix`` leaves such rows as an error (:mod:`.fix_remaining`): no rule says for certain which two cells
make one number (« 100,7,5 » is « 100,7 | 5 » or « 100 | 7,5 »), so it reports and keeps.

Said only when every long row looked at is explained by such pairs, and some rows are not long or the long rows
have several widths (a table whose every row is long by the same cell is more likely a column without a title).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..core.findings import Finding
from ..core.i18n import Msg

WHOLE = re.compile(r"-?\d{1,15}")  # the part before the decimal comma
DECIMALS = re.compile(r"\d{1,6}")  # the part after it, read as the next cell
LOOKED_AT = 200  # long rows looked at, of each width (their whole cells are at hand only while the rows are read)
EXAMPLES = 3
LINE_SHOWN = 90  # characters of an example row shown

TIP = Msg("Le séparateur du fichier est la virgule, et des nombres comme « 12,5 » y sont écrits sans guillemets : "
          "chaque virgule décimale coupe le nombre en deux cellules et décale la fin de la ligne. Enregistrez à "
          "nouveau le fichier avec le séparateur point-virgule (Excel : « CSV (séparateur : point-virgule) »), ou "
          "mettez ces nombres entre guillemets. « odwb-assist fix » ne recolle pas ces cellules (il ne peut pas savoir "
          "lesquelles vont ensemble) : il laisse ces lignes à corriger.",
          "The file's delimiter is the comma, and numbers such as '12,5' are written without quotes: each decimal "
          "comma cuts the number into two cells and shifts the rest of the row. Save the file again with the "
          "semicolon as delimiter (Excel: 'CSV (semicolon delimited)'), or quote these numbers. 'odwb-assist fix' "
          "does not join these cells again (it cannot know which go together): it leaves these rows to correct.")


def explained_by_splits(cells: Sequence[str], width: int) -> bool:
    """Whether joining ``len(cells) - width`` pairs of neighbouring cells, a whole number then digits, gives a row
    of the header's ``width`` (the most pairs that do not overlap, taken from the left, is the most there are), in a
    row that also holds text."""
    wanted = len(cells) - width
    if wanted <= 0 or all(WHOLE.fullmatch(cell.strip()) or not cell.strip() for cell in cells):
        return False  # a row of numbers only (« 1,2,3,4,5,6 ») may be cut anywhere: no sign of a decimal comma
    pairs, position = 0, 0
    while position < len(cells) - 1 and pairs < wanted:
        if WHOLE.fullmatch(cells[position].strip()) and DECIMALS.fullmatch(cells[position + 1]):
            pairs += 1
            position += 2
        else:
            position += 1
    return pairs >= wanted


@dataclass
class SplitDecimals:
    """The long rows of a comma-separated file, looked at while they are read (:meth:`see`)."""

    width: int
    seen: int = 0
    explained: int = 0
    widths: dict[int, int] = field(default_factory=dict)  # number of cells -> rows of that width looked at
    examples: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # by the row's number of cells

    def see(self, row: int, cells: Sequence[str]) -> None:
        """A row read longer than the header (as many cells as it has: a shorter row read beside longer ones ends
        with empty cells, left out here)."""
        end = len(cells)
        while end > self.width and not cells[end - 1]:
            end -= 1
        cells = cells[:end]
        if len(cells) <= self.width or self.widths.get(len(cells), 0) >= LOOKED_AT:
            return
        self.seen += 1
        self.widths[len(cells)] = self.widths.get(len(cells), 0) + 1
        if explained_by_splits(cells, self.width):
            self.explained += 1
            shown = self.examples.setdefault(len(cells), [])
            if len(shown) < EXAMPLES:
                line = ",".join(cells)
                shown.append((row, line if len(line) <= LINE_SHOWN else line[:LINE_SHOWN - 1] + "…"))

    def explain(self, findings: list[Finding], rows_read: int) -> list[Finding]:
        """``findings`` with the ``extra-cell`` ones saying that decimal commas cut the rows, when they do."""
        long_rows = sum(len(f.all_rows) for f in findings if f.type == "extra-cell")
        if not self.seen or self.explained < self.seen or not long_rows:
            return findings
        if long_rows >= rows_read and len(self.widths) < 2:
            return findings
        return [self._said(f) if f.type == "extra-cell" else f for f in findings]

    def _said(self, finding: Finding) -> Finding:
        numbers = finding.extra.get("fieldNumbers") or [0]
        shown = self.examples.get(max(numbers)) or next(iter(self.examples.values()))
        row, line = shown[0]
        said = Msg(f" Ces lignes semblent couper des nombres à virgule décimale écrits sans guillemets (ex. ligne {row} : "
                   f"« {line} »).",
                   f" These rows seem to cut numbers written with a decimal comma and no quotes (e.g. row {row}: "
                   f"'{line}').")
        return replace(finding, message=finding.message + said, tip=TIP,
                       extra={**finding.extra, "splitDecimals": [{"rowNumber": r, "line": text} for r, text in shown]})
