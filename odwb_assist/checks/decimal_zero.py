"""Check ``decimal-zero`` (warning): whole numbers written « 5000.0 », as pandas exports a column of integers that
has one empty cell (the column becomes a float column: ``to_csv`` writes « 5000.0 », « 92094.0 », « 81246411.0 ») or a
database a DECIMAL column; fix ``drop-decimal-zero``: « 5000 ».

On the portal such a column is a column of decimal numbers: a postal code, a NIS code, a year or a phone number is
then no code any more (the postal code of a row is 5000.0, a filter on 5000 finds nothing), and the Belgian checks
cannot recognise these codes. Only a column whose every filled cell is a whole number followed by « .0 » (or « ,0 »)
is said, and only when it has empty cells (the pandas case) or its label names a code, an identifier, a year or a
phone: twelve measures all written « 12.0 » with a title « Température » keep their decimal. Nothing is lost: the
value is the same number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cell_rules import CellRewrite, CellRule
from .cells import arrow_fullmatch, arrow_text
from .people import label_words
from .tally import SMALL_VALUES, ColumnTally

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

ZERO = re.compile(r"[ \t]*([+-]?[0-9]+)[.,]0+[ \t]*")  # RE2-safe: run by pyarrow on a column's distinct values too
PROBE = 32  # distinct values tested first, in Python
# the words of a label naming a code, an identifier, a year or a phone (label_words: accents and case aside)
CODE_WORDS = frozenset({"code", "cp", "postal", "postcode", "zip", "ins", "nis", "refnis", "niscode", "id", "identifiant",
                        "numero", "num", "no", "n", "tel", "telephone", "gsm", "fax", "annee", "year", "bce", "tva",
                        "kbo", "matricule", "reference", "ref"})

MESSAGE = Msg("Colonne « {field} » : {count} nombre(s) entier(s) écrit(s) avec une décimale nulle (ex. ligne {row} : "
              "« {cell} ») : l'export en a fait des nombres à virgule (pandas, une base de données) ; sur le portail, un "
              "code ou une année devient un nombre décimal.",
              "Column '{field}': {count} whole number(s) written with a zero decimal (e.g. row {row}: '{cell}'): the "
              "export made decimal numbers of them (pandas, a database); on the portal, a code or a year becomes a "
              "decimal number.")
TIP = Msg("Écrivez les nombres entiers sans « .0 » (avec pandas : dtype Int64, ou to_csv(…, float_format='%.0f') pour "
          "cette colonne), ou lancez « odwb-assist fix », qui retire la décimale nulle (la valeur ne change pas).",
          "Write the whole numbers without '.0' (with pandas: dtype Int64, or to_csv(…, float_format='%.0f') for this "
          "column), or run 'odwb-assist fix', which drops the zero decimal (the value does not change).")


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells written as a whole number with a zero decimal (RE2 over the Arrow text: the test is then exact)."""
    return arrow_fullmatch(cells, ZERO.pattern)


RULE = CellRule(lambda text: ZERO.fullmatch(text) is not None, _candidates)


def names_a_code(label: str) -> bool:
    """Whether a column label names a code, an identifier, a year or a phone (« code_postal », « N° BCE »)."""
    return any(word in CODE_WORDS for word in label_words(label))


class DecimalZeroCheck(BaseTableCheck):
    name = "decimal-zero"
    types = ("decimal-zero",)

    def start(self, context: CheckContext) -> None:
        self.tally = ColumnTally()
        self.other: set[str] = set()  # columns with a filled cell of another kind: never said
        self.holes: set[str] = set()  # columns with empty cells

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        name = column.name
        if name in self.other:
            return ()
        if len(column):
            if not all(ZERO.fullmatch(text) for text in column.values.iloc[:PROBE].tolist()):
                self.other.add(name)  # most columns: told by their first distinct values, at no cost
                return ()
            cells = arrow_text(column.values) if len(column) > SMALL_VALUES else None
            matched = _candidates(cells) if cells is not None else RULE.values_mask(column)  # RE2 alone: exact
            if not matched.all():
                self.other.add(name)
                return ()
            self.tally.add_values(column, matched)
        if (column.codes < 0).any():
            self.holes.add(name)
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for finding in self.tally.findings("decimal-zero", Severity.WARNING, MESSAGE, TIP):
            name = finding.field_name or ""
            if name not in self.other and (name in self.holes or names_a_code(name)):
                yield finding


class DropDecimalZero(CellRewrite):
    name = "drop-decimal-zero"
    reads = ("decimal-zero",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Nombres entiers sans décimale nulle (« 5000.0 » → 5000)", "Whole numbers without a zero decimal "
                "('5000.0' → 5000)")
    rule = RULE
    reported_only = True  # the whole-table path too: only in the columns the check reported

    def rewrite(self, text: str) -> str:
        found = ZERO.fullmatch(text)
        return found.group(1) if found else text


@hookimpl
def odwb_checks(context: CheckContext) -> list[DecimalZeroCheck]:
    return [DecimalZeroCheck()]


@hookimpl
def odwb_fixes() -> list[DropDecimalZero]:
    return [DropDecimalZero()]
