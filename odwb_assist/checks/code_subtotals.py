"""Check ``code-subtotals`` (warning): subtotal rows among the detail, known by their codes and their sums.

A budget by function lists « 04 Impôts et redevances » and, under it, « 040 », « 041 », « 042 »; a population
table by statistical sector lists the commune « 62063 » and, under it, its sectors « 62063A00- »… When the row
of the shorter code holds the sums of the rows whose codes it begins, it is a subtotal: no marker says so (no
« Total »: ``total-row`` sees nothing), and a sum or a chart on the portal counts those amounts twice.

The number columns are those typed so, and those whose every filled cell reads as a number written the local way
(« 1.234.567,50 »: a budget exported in Belgium). A column of codes is one of the first :data:`SEARCH_COLUMNS`
whose filled cells are nearly all codes (letters and
digits, a digit among them, :data:`CODE`) of at least two lengths. Its rows form a tree: a row's parent is the
nearest row above it (or below it: subtotals after their detail) whose code is a strict beginning of its own,
within a run of such rows. A parent with at least two children is a subtotal when, in every number column where
it has a number, that number is the sum of its children's (to a rounding: :data:`SLACK` per child), one of them
not zero. Said once per column, with every such row; no fix: whether the detail or the subtotals are to be
published (or both, with a column of levels) is the author's choice. Files of more than :data:`MAX_ROWS` rows are
not read (a budget or a table of sectors is far smaller; the rows are held until the end).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .tally import number_text

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z./-]{0,15}")
SEARCH_COLUMNS = 3
MAX_ROWS = 20_000
CODE_SHARE = 0.9  # of the filled cells of a column of codes
SLACK = 0.01  # a subtotal of rounded amounts may differ from their sum by a cent per amount summed (√n of them)
NUMBER_TYPES = ("integer", "number")

MESSAGE = Msg("Colonne « {field} » : {count} ligne(s) de sous-total parmi le détail (ex. ligne {row} : le code « {code} » "
              "additionne les {children} lignes de codes « {first} » à « {last} ») : une somme ou un graphique sur le "
              "portail compterait ces montants deux fois.",
              "Column '{field}': {count} subtotal row(s) among the detail (e.g. row {row}: code '{code}' adds up the "
              "{children} rows of codes '{first}' to '{last}'): a sum or a chart on the portal would count those "
              "amounts twice.")
TIP = Msg("Publiez le détail seul (supprimez les lignes de sous-total : le portail refait les sommes), ou les "
          "sous-totaux dans un jeu de données à part ; si les deux doivent rester ensemble, ajoutez une colonne "
          "« niveau » (1, 2, 3…) qui permet de les filtrer.",
          "Publish the detail alone (delete the subtotal rows: the portal computes sums itself), or the subtotals as "
          "a dataset of their own; if both must stay together, add a column 'level' (1, 2, 3…) to filter them.")


def code_column(codes: Sequence[str]) -> bool:
    """Whether the cells of a column are nearly all codes, of at least two lengths."""
    filled = [code for code in codes if code]
    if len(filled) < 3:
        return False
    coded = [code for code in filled if CODE.fullmatch(code) and any(character.isdigit() for character in code)]
    return len(coded) >= CODE_SHARE * len(filled) and len({len(code) for code in coded}) >= 2


def parents(codes: Sequence[str]) -> list[int]:
    """Each row's parent (its position; -1: none): the nearest row above whose code strictly begins its own, within
    the run of rows so nested (a row of another code, or an empty one, ends it)."""
    found = [-1] * len(codes)
    stack: list[int] = []
    for position, code in enumerate(codes):
        while stack and not (code and len(codes[stack[-1]]) < len(code) and code.startswith(codes[stack[-1]])):
            stack.pop()
        if stack:
            found[position] = stack[-1]
        if code:
            stack.append(position)
    return found


def subtotals(codes: Sequence[str], numbers: np.ndarray) -> dict[int, list[int]]:
    """The subtotal rows (positions) with their children, the parents above their detail or below it: ``numbers``
    is (rows, number columns)."""
    found = _subtotals(codes, numbers, parents(codes))
    size = len(codes)
    below = _subtotals(codes[::-1], numbers[::-1], parents(codes[::-1]))
    for parent, children in below.items():
        found.setdefault(size - 1 - parent, sorted(size - 1 - child for child in children))
    return found


def _subtotals(codes: Sequence[str], numbers: np.ndarray, parent_of: list[int]) -> dict[int, list[int]]:
    import numpy as np

    children: dict[int, list[int]] = {}
    for position, parent in enumerate(parent_of):
        if parent >= 0:
            children.setdefault(parent, []).append(position)
    found = {}
    for parent, kids in children.items():
        if len(kids) < 2:
            continue
        own = numbers[parent]
        checked = ~np.isnan(own)
        if not checked.any() or not (own[checked] != 0).any():
            continue
        sums = np.nansum(numbers[kids][:, checked], axis=0)
        if np.all(np.abs(sums - own[checked]) <= SLACK * math.sqrt(len(kids)) + 1e-9 * np.abs(own[checked])):
            found[parent] = kids
    return found


class CodeSubtotalsCheck(BaseTableCheck):
    name = "code-subtotals"
    types = ("code-subtotals",)

    def start(self, context: CheckContext) -> None:
        types = context.options.get("types", {})
        self.number_positions = [position for position, name in enumerate(context.fields)
                                 if types.get(name) in NUMBER_TYPES]
        self.alive = len(context.fields) >= 2
        self.rows: list[int] = []
        self.codes: list[list[str]] = []  # per column searched
        self.numbers: list[np.ndarray] = []
        self.words: np.ndarray | None = None  # per column, the cells that are no number (the shared parse's text)

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        if not self.alive or chunk.empty:
            return ()
        if len(self.rows) + len(chunk) > MAX_ROWS:  # a large file: no budget (and nothing held)
            self.alive = False
            self.rows, self.codes, self.numbers = [], [], []
            return ()
        from .numbers import parse_frame

        numbers, text = parse_frame(chunk, shared=True)
        words = text.sum(axis=0)
        self.words = words if self.words is None else self.words + words
        searched = min(SEARCH_COLUMNS, len(chunk.columns))
        if not self.codes:
            self.codes = [[] for _ in range(searched)]
        for position in range(searched):
            self.codes[position].extend(chunk.iloc[:, position].astype(str).str.strip().tolist())
        self.rows.extend(int(row) for row in chunk.index)
        self.numbers.append(numbers)
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        if not self.alive or not self.rows:
            return
        import numpy as np

        every = np.concatenate(self.numbers)
        # the columns of numbers: typed so, or whose every filled cell the shared parse reads as a number (a
        # budget's amounts written the local way, « 1.234.567,50 », are text for the type)
        local = [] if self.words is None else [position for position in range(every.shape[1]) if not self.words[position]
                                                and np.count_nonzero(~np.isnan(every[:, position])) >= 2]
        numbered = sorted(set(self.number_positions) | set(local))
        for position, codes in enumerate(self.codes):
            columns = [number for number in numbered if number != position]
            if not columns or not code_column(codes):
                continue
            found = subtotals(codes, every[:, columns])
            if found:
                yield self._finding(context, position, codes, found)
                return

    def _finding(self, context: CheckContext, position: int, codes: list[str],
                 found: dict[int, list[int]]) -> Finding:
        first = min(found)
        kids = found[first]
        rows = sorted(self.rows[parent] for parent in found)
        message = MESSAGE.format(field=context.fields[position], count=number_text(len(found)), row=self.rows[first],
                                 code=codes[first], children=len(kids), first=codes[kids[0]], last=codes[kids[-1]])
        return Finding("code-subtotals", Severity.WARNING, message, TIP, row_number=self.rows[first],
                       field_name=context.fields[position], field_number=position + 1, cell=codes[first],
                       count=len(found), rows=tuple(rows),
                       extra={"children": [self.rows[kid] for kid in kids]})


@hookimpl
def odwb_checks(context: CheckContext) -> list[CodeSubtotalsCheck]:
    return [CodeSubtotalsCheck()]
