"""Check ``number-notes`` (warning): numbers followed by a note's mark, as statistical tables flag them
(« 16 620 (p) » provisional, « 3 610 (e) » estimated, « 5 900* », « 12,5 (1) »); fix ``split-number-notes``.

With its marks the column is text on the portal: no sorting, no chart. The marks are data (a figure is provisional),
so the fix does not drop them: it moves them into a column of their own right after, « Population 2024 (note) »,
and leaves the numbers. A column is reported when its numbers, marked or not, are nearly all its filled cells
(the 80 % of the number fixes; counted from the first block holding a mark, since most columns never have one)
and at least one is marked. A mark is one or two letters or digits in parentheses, or one to three « * », after
the number.

Check ``masked-values`` (warning): small numbers masked in a column of counts, as statistical secrecy writes them
(« <5 », « < 3 », « ≤ 10 »): the number is known to be below a threshold, not what it is. The same rule (nearly all
the column numbers) and the same fix: « <5 » goes into the « … (note) » column, and its cell is left empty.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..core.contract import Change, CheckContext, ColumnValues, FixContext, ValuesPreparation
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import free_label
from ..quality.placeholders import is_placeholder
from .cell_rules import BYTES_SEEN, CellCheck, CellRule, buffer
from .cells import byte_set
from .number_share import NumberShare
from .parsed_numbers import NumbersCheck
from .tally import number_text

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

MARKED = re.compile(r"\s*(?P<number>[+-]?[0-9](?:[0-9 \u00a0\u202f.,']*[0-9])?)\s*"
                    r"(?P<mark>\((?:[A-Za-z]{1,2}|[0-9]{1,2})\)|\*{1,3})\s*")
LONGEST = 32  # bytes

MESSAGE = Msg("Colonne « {field} » : {count} nombre(s) suivis d'une note (ex. ligne {row} : « {cell} ») : le portail "
              "lira la colonne comme du texte.",
              "Column '{field}': {count} number(s) followed by a note (e.g. row {row}: '{cell}'): the portal will read "
              "the column as text.")
TIP = Msg("Mettez les notes (« (p) » provisoire, « (e) » estimé, « * »…) dans une colonne à part et expliquez-les dans "
          "la description du jeu de données. « odwb-assist fix » les déplace dans une colonne « … (note) » placée "
          "juste après.",
          "Put the notes ('(p)' provisional, '(e)' estimated, '*'…) in a column of their own and explain them in the "
          "dataset's description. 'odwb-assist fix' moves them into a column '… (note)' right after.")


# « <5 », « < 3 », « ≤ 10 », « <0,5 »; a laboratory's limits named, not given: « <LQ », « < LD » (limite de
# quantification, de détection), « <LOQ », « <LOD », « <L.Q. »
MASKED = re.compile(r"\s*(?:<=?|≤)\s*(?:[0-9]+(?:[.,][0-9]+)?|(?i:l\.?[qd]\.?|lo[qd]|ld[dq]))\s*")
MASKED_FIRST = " \t<\xe2"  # the first bytes of a masked number (« ≤ » begins with 0xe2)
# In a column of measures holding thresholds (« <LQ », « < 0,05 »), a laboratory's « n.d. » may be « non détecté », a
# result (below the detection limit), or « non déterminé », a measure not made: only the source says which. There it
# goes with the thresholds into the « … (note) » column, never emptied as a placeholder (which would make both
# meanings a blank); compared after strip() and lower().
NOT_DETECTED = frozenset({"n.d.", "n.d", "nd", "n.d.*", "non détecté", "non detecte", "non détectée", "non detectee"})

MASKED_MESSAGE = Msg("Colonne « {field} » : {count} petit(s) nombre(s) masqué(s) parmi les nombres (ex. ligne {row} : "
                     "« {cell} », un seuil : secret statistique, limite de détection d'une mesure) : le portail lira "
                     "la colonne comme du texte, sans somme ni graphique.",
                     "Column '{field}': {count} small number(s) masked among the numbers (e.g. row {row}: '{cell}', a "
                     "threshold: statistical secrecy, a measure's detection limit): the portal will read the column "
                     "as text, with no sum nor chart.")
UNDETECTED_NOTE = Msg(" La colonne tient aussi {count} « n.d. » (non détecté, ou non déterminé : seule la source le dit), "
                      "gardés avec les seuils.",
                      " The column also holds {count} 'n.d.' (not detected, or not determined: only the source says "
                      "which), kept with the thresholds.")
MASKED_TIP = Msg("Laissez ces cellules vides et dites dans la description du jeu de données quels nombres sont masqués "
                 "et pourquoi (secret statistique, limite de détection). « odwb-assist fix » déplace « <5 » dans une "
                 "colonne « … (note) » placée juste après et laisse la cellule vide.",
                 "Leave those cells empty and say in the dataset's description which numbers are masked and why "
                 "(statistical secrecy, detection limit). 'odwb-assist fix' moves '<5' into a column '… (note)' right "
                 "after and leaves the cell empty.")


def split_mark(text: str) -> tuple[str, str] | None:
    """(the number as written, the mark without parentheses) of a marked number, ("", the cell) of a masked one
    (« <5 »), else None."""
    if len(text) > LONGEST:
        return None
    if MASKED.fullmatch(text):
        return "", text.strip()
    found = MARKED.fullmatch(text)
    if found is None:
        return None
    return found.group("number"), found.group("mark").strip("()")


def is_not_detected(text: object) -> bool:
    """Whether a cell says « not detected » (:data:`NOT_DETECTED`), as a laboratory writes it beside thresholds."""
    return isinstance(text, str) and len(text) <= 16 and text.strip().lower() in NOT_DETECTED


def is_masked(text: str) -> bool:
    return len(text) <= LONGEST and MASKED.fullmatch(text) is not None


def is_marked(text: str) -> bool:
    return len(text) <= LONGEST and MARKED.fullmatch(text) is not None


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells that may be marked numbers: a « ) » or « * » last (one gather over the data buffer)."""
    import numpy as np

    offsets, data = buffer(cells)
    ends, lengths = offsets[1:], offsets[1:] - offsets[:-1]
    return byte_set(")*")[data.take(np.maximum(ends - 1, 0))] & (lengths >= 2) & (lengths <= LONGEST)


def _masked_candidates(cells: pa.Array) -> np.ndarray:
    """The cells that may be masked numbers: « < », « ≤ » or a space first (read from the buffers)."""
    from .cells import first_bytes

    return byte_set(MASKED_FIRST)[first_bytes(cells)]


RULE = CellRule(is_marked, _candidates, needs=")*")
MASKED_RULE = CellRule(is_masked, _masked_candidates, needs=MASKED_FIRST)


class NumberNotesCheck(NumbersCheck, CellCheck):
    name = "number-notes"
    types = ("number-notes",)
    rule = RULE
    severity = Severity.WARNING
    message = MESSAGE
    tip = TIP

    @property
    def preparations(self) -> tuple[ValuesPreparation, ...]:
        """The shared number parse and the bytes of each column, both made ahead."""
        from .numbers import PARSED_NUMBERS

        return (PARSED_NUMBERS, BYTES_SEEN)

    def start(self, context: CheckContext) -> None:
        super().start(context)
        self.share = NumberShare()

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if not len(column):
            return ()
        marked = self.rule.values_mask(column)
        if not marked.any() and not self.tally.counts[column.name]:
            return ()  # a column is counted from its first marked chunk on (most never have a mark)
        self.share.add(column)
        self.tally.add_values(column, marked)
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for finding in super().end(context):
            if self.share.nearly_all(finding.field_name or "", besides=self.besides(finding)):
                yield finding

    def besides(self, finding: Finding) -> int:
        """The cells of the finding's column that count with its numbers: the marked ones (marks are no numbers)."""
        return finding.count


class MaskedValuesCheck(NumberNotesCheck):
    name = "masked-values"
    types = ("masked-values",)
    rule = MASKED_RULE
    message = MASKED_MESSAGE
    tip = MASKED_TIP

    def start(self, context: CheckContext) -> None:
        super().start(context)
        self.missing: Counter[str] = Counter()  # per column counted: the cells saying « no value » (« n.d. », « - »)
        self.undetected: Counter[str] = Counter()  # … of which « not detected » (:data:`NOT_DETECTED`)

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        found = super().check_values(column, context)
        if self.tally.counts[column.name] and len(column):  # counted: its placeholders too
            import numpy as np

            texts = column.texts
            missing = np.fromiter((is_placeholder(text) for text in texts), dtype=bool, count=len(column))
            if missing.any():
                counts = column.counts
                self.missing[column.name] += int(counts[missing].sum())
                undetected = np.fromiter((is_not_detected(text) for text in texts), dtype=bool, count=len(column))
                self.undetected[column.name] += int(counts[undetected].sum())
        return found

    def besides(self, finding: Finding) -> int:
        """The masked cells, and the placeholders: a laboratory's « n.d. » (not detected) beside « <LQ » and « <1 »
        neither is a number nor makes the column one of text."""
        return finding.count + self.missing[finding.field_name or ""]

    def end(self, context: CheckContext) -> Iterable[Finding]:
        """Said only « among the numbers »: a column of thresholds alone (the « … (note) » column ``fix`` wrote) is
        no column of numbers to read as such."""
        for finding in super().end(context):
            name = finding.field_name or ""
            if not self.share.numbers[name]:
                continue
            undetected = self.undetected[name]
            if undetected:  # moved with the thresholds by the fix, never emptied as a placeholder
                note = UNDETECTED_NOTE.format(count=number_text(undetected))
                finding = replace(finding, message=Msg(finding.message.fr + note.fr, finding.message.en + note.en),
                                  extra={**finding.extra, "notDetected": undetected})
            yield finding


class SplitNumberNotes:
    """Fix ``split-number-notes``: the marks (and masked numbers, « <5 ») moved into a column « … (note) » right
    after their column."""

    name = "split-number-notes"
    reads = ("number-notes", "masked-values")  # the finding types its plan reads (see ``Fix.reads``)
    triggers = ("number-notes", "masked-values")  # adds a column: the whole table, only when the check reports one
    label = Msg("Notes des nombres déplacées dans une colonne « (note) »", "Numbers' notes moved into a '(note)' column")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        found = [f for f in (context.report.findings if context.report else [])
                 if f.type in self.reads and f.field_name in table.columns]
        columns = list(dict.fromkeys(f.field_name for f in found))
        measures = {f.field_name for f in found if f.extra.get("notDetected")}  # « n.d. » beside thresholds
        changes: list[Change] = []
        table = table.copy()
        for label in columns:
            values = table[label].astype(str)
            parts = values.map(lambda cell, moved=label in measures: split_mark(cell) or (
                ("", cell.strip()) if moved and is_not_detected(cell) else None))
            marked = parts.notna()
            if not marked.any():
                continue
            note = free_label(f"{label} (note)", table.columns)
            notes = values.map(lambda _: "")
            notes[marked] = [mark for _, mark in parts[marked]]
            numbers = values.copy()
            numbers[marked] = [number for number, _ in parts[marked]]
            changes.extend(Change(self.name, int(row), label, values[row], numbers[row]) for row in values.index[marked])
            table[label] = numbers
            table.insert(table.columns.get_loc(label) + 1, note, notes)
            changes.append(Change(self.name, None, note, "", note))
        return table, changes


@hookimpl
def odwb_checks(context: CheckContext) -> list[NumberNotesCheck]:
    return [NumberNotesCheck(), MaskedValuesCheck()]


@hookimpl
def odwb_fixes() -> list[SplitNumberNotes]:
    return [SplitNumberNotes()]

