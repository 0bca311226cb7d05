"""Check ``month-year`` (warning): months written « 03/2024 » (month/year, as monthly statistics and Excel's « mm/aaaa »
format give them); fix ``month-year-iso``: « 2024-03 ».

The portal reads « 03/2024 » as text and sorts it so: « 01/2025 » before « 02/2024 », no timeline. Months named in
words (« mars 2024 ») are ``date-format``'s. « 45/2024 » is a file or a deliberation number, not a month: a column is
said only when every filled cell is a month (1 to 12) with a year of four digits (1900-2099), of at least two
values, and either every month is written with two digits (« 03/2024 ») under a label that does not name a number
(« N° », « Référence », « Dossier »), or its label names a month or a period (« Mois », « Période », « Date »).
Nothing is lost: the same month, written the ISO way.
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
from .cells import arrow_fullmatch
from .people import label_words
from .tally import ColumnTally

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

MONTH = re.compile(r"[ \t]*(0?[1-9]|1[0-2])[/.-]((?:19|20)[0-9]{2})[ \t]*")  # RE2-safe (run by pyarrow too)
PADDED = re.compile(r"[ \t]*(?:0[1-9]|1[0-2])[/.-]")
MONTH_WORDS = frozenset({"mois", "periode", "period", "month", "maand", "monat", "date", "datum", "echeance", "debut",
                         "fin", "begin", "einde"})
NUMBER_WORDS = frozenset({"numero", "num", "no", "n", "nr", "ref", "reference", "dossier", "deliberation", "article",
                          "nummer", "number"})

MESSAGE = Msg("Colonne « {field} » : {count} mois écrit(s) mois/année (ex. ligne {row} : « {cell} ») : le portail les lit "
              "comme du texte et les range mal (« 01/2025 » avant « 02/2024 »), sans frise chronologique.",
              "Column '{field}': {count} month(s) written month/year (e.g. row {row}: '{cell}'): the portal reads them "
              "as text and sorts them wrongly ('01/2025' before '02/2024'), with no timeline.")
TIP = Msg("Écrivez l'année et le mois au format AAAA-MM (2024-03) : Format de cellule > Personnalisé > aaaa-mm, ou "
          "lancez « odwb-assist fix ».",
          "Write the year and month as YYYY-MM (2024-03): Format Cells > Custom > yyyy-mm, or run 'odwb-assist fix'.")


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells written month/year (RE2 over the Arrow text: the test is then exact)."""
    return arrow_fullmatch(cells, MONTH.pattern)


RULE = CellRule(lambda text: MONTH.fullmatch(text) is not None, _candidates)
PROBE = 32  # distinct values tested first, in Python: most columns are told by them


class MonthYearCheck(BaseTableCheck):
    name = "month-year"
    types = ("month-year",)

    def start(self, context: CheckContext) -> None:
        self.tally = ColumnTally()
        self.other: set[str] = set()  # columns with a filled cell of another kind: never said
        self.unpadded: set[str] = set()  # columns with a month of one digit (« 3/2024 »)
        self.values: dict[str, set[str]] = {}  # up to two distinct values per column

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        name = column.name
        if name in self.other or not len(column):
            return ()
        if not all(MONTH.fullmatch(text) for text in column.values.iloc[:PROBE].tolist()):
            self.other.add(name)
            return ()
        matched = RULE.values_mask(column)
        if not matched.all():
            self.other.add(name)
            return ()
        texts = column.values.tolist()
        if name not in self.unpadded and not all(PADDED.match(text) for text in texts):
            self.unpadded.add(name)
        seen = self.values.setdefault(name, set())
        if len(seen) < 2:
            seen.update(texts[:2])
        self.tally.add_values(column, matched)
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for finding in self.tally.findings("month-year", Severity.WARNING, MESSAGE, TIP):
            name = finding.field_name or ""
            words = set(label_words(name))
            named = bool(words & MONTH_WORDS)
            padded = name not in self.unpadded and not words & NUMBER_WORDS
            if name not in self.other and len(self.values.get(name, ())) >= 2 and (named or padded):
                yield finding


class MonthYearIso(CellRewrite):
    name = "month-year-iso"
    reads = ("month-year",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Mois au format AAAA-MM (« 03/2024 » → 2024-03)", "Months as YYYY-MM ('03/2024' → 2024-03)")
    rule = RULE
    reported_only = True  # the whole-table path too: only in the columns the check reported

    def rewrite(self, text: str) -> str:
        found = MONTH.fullmatch(text)
        return f"{found.group(2)}-{int(found.group(1)):02d}" if found else text


@hookimpl
def odwb_checks(context: CheckContext) -> list[MonthYearCheck]:
    return [MonthYearCheck()]


@hookimpl
def odwb_fixes() -> list[MonthYearIso]:
    return [MonthYearIso()]
