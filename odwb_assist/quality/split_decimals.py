"""Decimal commas in a comma-separated file: « 12,5 » written without quotes is read as two cells, « 12 » and « 5 »,
and the row is long by one cell per such number (an export made with a French or Belgian locale by a program that
separates with commas and does not quote).

The ``extra-cell`` finding says so, so that the user saves the file again with « ; » rather than deleting « the
values beyond the last column »: these are numbers, and the row's cells up to the header's width are shifted halves
of numbers. ``fix`` leaves such rows as an error (:mod:`.fix_remaining`): no rule says for certain which two cells
make one number (« 100,7,5 » is « 100,7 | 5 » or « 100 | 7,5 »), so it reports and keeps.

The same goes for a text holding the delimiter without quotes (« Banc cassé; à remplacer » in a « ; » file): the text
is cut in two cells and the cells after it move one column to the right, a date landing beyond the last column and
a piece of text under « Date ». A long row is said so when exactly one text column, given back the pieces that follow
it (joined with the delimiter), makes every cell of the typed columns (numbers, dates, years) fit its column's type,
and some typed column comes after it (:func:`explained_by_split_text`); ``fix`` leaves these rows as errors too.

Said only when every long row looked at is explained by such pairs or such a text, and some rows are not long or the
long rows have several widths (a table whose every row is long by the same cell is more likely a column without a
title).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

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


TEXT_TIP = Msg("Une cellule de texte contient le séparateur du fichier sans être entre guillemets : le texte est coupé en "
               "deux cellules et la fin de la ligne est décalée d'une colonne. Mettez entre guillemets les cellules qui "
               "contiennent le séparateur (un tableur le fait en enregistrant en CSV), ou remplacez ce caractère dans "
               "le texte. « odwb-assist fix » ne recolle pas ces cellules : il laisse ces lignes à corriger.",
               "A text cell holds the file's delimiter without quotes: the text is cut into two cells and the rest of "
               "the row is shifted by one column. Quote the cells that hold the delimiter (a spreadsheet does when it "
               "saves as CSV), or replace that character in the text. 'odwb-assist fix' does not join these cells "
               "again: it leaves these rows to correct.")
# the cell of a typed column, as the head's types read it (an empty cell fits any type: a missing value)
TYPED = {"integer": re.compile(r"[ \t]*[+-]?\d+[ \t]*"),
         "number": re.compile(r"[ \t]*[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?[ \t]*"),
         "year": re.compile(r"[ \t]*\d{4}[ \t]*"),
         "date": re.compile(r"[ \t]*\d{4}-\d{2}-\d{2}[ \t]*"),
         "datetime": re.compile(r"[ \t]*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?[ \t]*"),
         "time": re.compile(r"[ \t]*\d{2}:\d{2}(?::\d{2})?[ \t]*")}


LEARN_ROWS = 2000  # rows the types are learnt from
TYPED_SHARE = 0.95  # of a column's filled cells that fit a type, for the column to be of that type


def _fits(cells: Sequence[str], types: Sequence[str]) -> bool:
    return all(not cell.strip() or TYPED[kind].fullmatch(cell) is not None
               for cell, kind in zip(cells, types, strict=False) if kind in TYPED)


def explained_by_split_text(cells: Sequence[str], types: Sequence[str], delimiter: str) -> int | None:
    """The column (its position) whose text, cut by the delimiter, makes the row long: joining it with the pieces that
    follow gives a row of the header's width whose typed cells all fit their types, with a typed column after it. Two
    text columns side by side may both do (« Gare | Banc cassé | ␣à remplacer »): the one whose next piece opens
    with a space, as a text goes on after « ; », else the first. None when no column explains the row."""
    width = len(types)
    extra = len(cells) - width
    if extra <= 0 or _fits(cells[:width], types):
        return None  # as read, every typed cell fits: nothing shows that the row is shifted
    found = []
    for position in range(width):
        if types[position] != "string" or not any(kind in TYPED for kind in types[position + 1:]):
            continue
        joined = [*cells[:position], delimiter.join(cells[position:position + extra + 1]), *cells[position + extra + 1:]]
        if _fits(joined, types):
            found.append(position)
    spaced = [position for position in found if cells[position + 1][:1] == " "]
    chosen = spaced or found
    return chosen[0] if chosen else None


@dataclass
class SplitDecimals:
    """The long rows of a comma-separated file, looked at while they are read (:meth:`see`)."""

    width: int
    types: Sequence[str] = ()  # the columns' types, as the head read them (a text cut by the delimiter: see above)
    delimiter: str = ","
    names: Sequence[str] = ()  # the columns' labels
    seen: int = 0
    explained: int = 0
    widths: dict[int, int] = field(default_factory=dict)  # number of cells -> rows of that width looked at
    examples: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # by the row's number of cells
    learned: bool = False  # the types read from the rows that are not long (:meth:`learn`)
    texts: int = 0  # long rows explained by a text cut by the delimiter
    text_examples: list[tuple[int, int, str]] = field(default_factory=list)  # (row, column position, the text whole)

    def learn(self, frame: Any, long_rows: Any) -> None:
        """The columns' types from the rows of ``frame`` (a chunk of text cells, index = row numbers) that are not
        in ``long_rows``, once: the head's types may have read the shifted cells (« à remplacer » under « Date »)."""
        if self.learned:
            return
        self.learned = True
        import numpy as np

        normal = frame[~np.isin(frame.index.to_numpy(), np.asarray(list(long_rows), dtype=np.int64))].head(LEARN_ROWS)
        if normal.empty or frame.shape[1] != self.width:
            return
        types = []
        for position in range(self.width):
            cells = normal.iloc[:, position].astype("str").str.strip()
            cells = cells[cells != ""]
            kind = "string"
            for name in ("date", "datetime", "time", "integer", "number"):
                if len(cells) and cells.str.fullmatch(TYPED[name].pattern).mean() >= TYPED_SHARE:
                    kind = name
                    break
            types.append(kind)
        self.types = types

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
        if self.delimiter == "," and explained_by_splits(cells, self.width):
            self.explained += 1
            shown = self.examples.setdefault(len(cells), [])
            if len(shown) < EXAMPLES:
                line = ",".join(cells)
                shown.append((row, line if len(line) <= LINE_SHOWN else line[:LINE_SHOWN - 1] + "…"))
            return
        position = explained_by_split_text(cells, self.types, self.delimiter) if len(self.types) == self.width else None
        if position is not None:
            self.texts += 1
            if len(self.text_examples) < EXAMPLES:
                text = self.delimiter.join(cells[position:position + len(cells) - self.width + 1])
                self.text_examples.append((row, position, text if len(text) <= LINE_SHOWN else
                                           text[:LINE_SHOWN - 1] + "…"))

    def explain(self, findings: list[Finding], rows_read: int) -> list[Finding]:
        """``findings`` with the ``extra-cell`` ones saying that decimal commas cut the rows, when they do."""
        long_rows = sum(len(f.all_rows) for f in findings if f.type == "extra-cell")
        if not self.seen or self.explained + self.texts < self.seen or not long_rows:
            return findings
        if long_rows >= rows_read and len(self.widths) < 2:
            return findings
        said = self._said if self.explained >= self.texts else self._said_text
        return [said(f) if f.type == "extra-cell" else f for f in findings]

    def _said_text(self, finding: Finding) -> Finding:
        row, position, text = self.text_examples[0]
        name = self.names[position] if position < len(self.names) else ""
        column_fr = f"colonne « {name} »" if name else f"colonne n° {position + 1}"
        column_en = f"column '{name}'" if name else f"column {position + 1}"
        said = Msg(f" Ces lignes semblent couper un texte qui contient le séparateur « {self.delimiter} » sans "
                   f"guillemets (ex. ligne {row}, {column_fr} : « {text} ») : les cellules qui le suivent sont "
                   "décalées vers la droite.",
                   f" These rows seem to cut a text that holds the delimiter '{self.delimiter}' without quotes (e.g. "
                   f"row {row}, {column_en}: '{text}'): the cells after it are shifted to the right.")
        return replace(finding, message=finding.message + said, tip=TEXT_TIP,
                       extra={**finding.extra, "splitText": [{"rowNumber": r, "fieldNumber": p + 1, "text": t}
                                                             for r, p, t in self.text_examples]})

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
