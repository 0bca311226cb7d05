"""Check ``unit-in-cell``: a unit written in the cell with the number (``12 m``, ``1.250,50 €``, ``45%``).

In a column of clock times written the French way (« 8h30 », « 10h00 »), « 14h » is a time too, not 14 hours: it is
not reported there (see :data:`CLOCK`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import replace_cells
from .number_forms import VAT_MARKS, VAT_WORDS, WITHOUT_VAT
from .plain import pattern_mask
from .tally import ColumnTally

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

UNITS = (r"%|‰|€|eur|euros?|\$|usd|m²|m2|m³|m3|km²|km2|km|cm|mm|m|kg|g|t|tonnes?|l|litres?|ha|h|min|°c|°|kwh|mwh|gwh|"
         r"kw|mw|hab\.?|habitants?|ans?|mois|semaines?|jours?|places?|pers\.?|personnes?|lits?|pi[eè]ces?")
NUMBER = "[+-]?[0-9][0-9 .,\u00a0\u202f']*"
VAT = f"(?: *(?:{VAT_WORDS}))?"  # after a currency: whether the amount includes VAT (« 12.500,00 € HTVA »)
PATTERN = f"(?i)[ \t]*(?:€ *)?{NUMBER} *(?:{UNITS}){VAT}[ \t]*|[ \t]*(?:€|\\$|eur|usd) *{NUMBER}{VAT}[ \t]*"
# the bytes a match of PATTERN may start with (0xE2: the first of « € »; « EUR 1 234,56 »: the currency's code first)
UNIT_FIRST = " \t+-0123456789$\xe2EeUu"



def _ending(marks: set[str] | frozenset[str]) -> str:
    """A cell that ends with one of the VAT ``marks`` (after its amount)."""
    return "(?i)(?:^|[^a-z])(?:" + "|".join(sorted(marks, key=len, reverse=True)) + ")[ \t]*$"


# the VAT mark at the end of an amount: without VAT (« HTVA », « HT ») or with it (« TVAC », « TVAI », « TTC »)
VAT_BASES = {"without": _ending(WITHOUT_VAT), "with": _ending(set(VAT_MARKS) - WITHOUT_VAT)}
VAT_MESSAGE = Msg("Colonne « {field} » : des montants hors TVA ({without} ligne(s), ex. « {cell_without} ») et TVA "
                  "comprise ({with_vat} ligne(s), ex. ligne {row} : « {cell} ») dans la même colonne : ils ne se "
                  "comparent ni ne s'additionnent.",
                  "Column '{field}': amounts without VAT ({without} row(s), e.g. '{cell_without}') and with VAT "
                  "({with_vat} row(s), e.g. row {row}: '{cell}') in the same column: they can be neither compared "
                  "nor added up.")
VAT_TIP = Msg("Mettez tous les montants sur la même base (hors TVA, le plus souvent) ; sinon, ajoutez une colonne qui "
              "dit, ligne par ligne, si le montant comprend la TVA, et gardez les nombres seuls dans celle-ci. "
              "« odwb-assist fix » ne change pas ces montants.",
              "Put every amount on the same basis (without VAT, most often); otherwise add a column saying, row by "
              "row, whether the amount includes VAT, and keep the numbers alone in this one. 'odwb-assist fix' "
              "leaves these amounts as they are.")

CLOCK = re.compile(r"\s*(?:[01]?\d|2[0-3]) ?[hH] ?[0-5]\d\s*")  # « 8h30 », « 14 h 00 »: a time of day
HOURS = re.compile(r"\s*(?:[01]?\d|2[0-4]) ?[hH]\s*")  # « 14h »: a time in a column of times, else 14 hours

MESSAGE = Msg("Colonne « {field} » : {count} valeur(s) avec une unité dans la cellule (ex. ligne {row} : « {cell} »).",
              "Column '{field}': {count} value(s) with a unit inside the cell (e.g. row {row}: '{cell}').")
TIP = Msg("Gardez seulement le nombre dans la cellule et mettez l'unité dans le titre de la colonne "
          "(« superficie_m2 », « montant_eur », « taux_pct ») : la colonne devient alors numérique. « odwb-assist fix » "
          "le fait quand presque tous les nombres de la colonne ont la même unité.",
          "Keep only the number in the cell and put the unit in the column label ('area_m2', 'amount_eur', "
          "'rate_pct'): the column then becomes numeric. 'odwb-assist fix' does it when nearly every number of the "
          "column has the same unit.")


def _unit_mask(column: ColumnValues) -> np.ndarray:
    """:func:`.plain.pattern_mask` of :data:`PATTERN`, run only on the values that may match: their first byte may
    start one (a space, a sign, a digit, « $ » or « € »), and they hold a unit's character (an ASCII letter, « % »,
    « $ » or a non-ASCII one: « € », « ‰ », « ² », « ° »…). Phones and dates leave without a regular expression."""
    import numpy as np

    from .cells import byte_set, first_bytes, holding
    from .plain import distinct_cells, plain_numbers, values_fullmatch

    verdicts = plain_numbers(column)
    cells = distinct_cells(column) if verdicts is not None else None
    if verdicts is None or cells is None:
        return pattern_mask(column, PATTERN)
    mask = np.zeros(len(column), dtype=bool)
    at = np.flatnonzero(~verdicts[0])  # a plain number holds no unit
    at = at[byte_set(UNIT_FIRST)[first_bytes(cells, at)]]
    if len(at):
        at = at[holding(cells, "%$", letters=True, non_ascii=True)[at]]
    if len(at):
        mask[at] = values_fullmatch(column, PATTERN, None, at)
    return mask


def _hours(column: ColumnValues, mask: np.ndarray) -> np.ndarray | None:
    """Which distinct values flagged by ``mask`` are « 14h » (:data:`HOURS`); None when none is."""
    import numpy as np

    at = np.flatnonzero(mask)
    if not len(at):
        return None
    found = column.values.iloc[at].str.fullmatch(HOURS.pattern).to_numpy(dtype=bool, na_value=False)
    if not found.any():
        return None
    hours = np.zeros(len(mask), dtype=bool)
    hours[at[found]] = True
    return hours


class UnitInCellCheck(BaseTableCheck):
    name = "unit-in-cell"
    types = ("unit-in-cell", "vat-mixed")

    def start(self, context: CheckContext) -> None:
        self.tally = ColumnTally()
        types = context.options.get("types", {})
        self.skip = {name for name, kind in types.items() if kind in ("integer", "number", "year", "date", "boolean")}
        self.clock: set[str] = set()  # columns holding times of day written « 8h30 »
        self.hours: Counter[str] = Counter()  # cells « 14h » counted, per column (times there, else hours)
        # per column and VAT basis (« without », « with »): the rows and the first (row, cell) met
        self.vat: dict[str, dict[str, list[int | str]]] = {}

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if column.name in self.skip:
            return ()
        mask = _unit_mask(column)
        hours = _hours(column, mask)
        maybe_times = hours is not None or self.hours[column.name]  # « 14h » here or before: times of day?
        if maybe_times and column.name not in self.clock and column.values.str.fullmatch(CLOCK.pattern).any():
            self.clock.add(column.name)
        if hours is not None and column.name in self.clock:
            mask = mask & ~hours
        elif hours is not None:
            self.hours[column.name] += int(column.row_mask(hours).sum())
        self.tally.add_values(column, mask)
        if mask.any():
            self._vat_marks(column, mask)
        return ()

    def _vat_marks(self, column: ColumnValues, mask: np.ndarray) -> None:
        """Count the amounts of ``column`` (its values flagged by ``mask``) marked without and with VAT, and keep the
        first of each (its row and cell)."""
        import numpy as np

        at = np.flatnonzero(mask)
        flagged = column.values.iloc[at]
        for basis, pattern in VAT_BASES.items():
            marked = flagged.str.contains(pattern, regex=True).to_numpy(dtype=bool, na_value=False)
            if not marked.any():
                continue
            selected = np.zeros(len(column), dtype=bool)
            selected[at[marked]] = True
            cells = column.cells(selected)
            row = int(cells.index.min())
            seen = self.vat.setdefault(column.name, {}).get(basis)
            count = len(cells) + (int(seen[0]) if seen else 0)
            first = (row, str(cells.loc[row])) if seen is None or row < int(seen[1]) else (int(seen[1]), str(seen[2]))
            self.vat[column.name][basis] = [count, *first]

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for finding in self.tally.findings("unit-in-cell", Severity.WARNING, MESSAGE, TIP):
            name = finding.field_name or ""
            if name in self.clock and finding.count == self.hours[name]:
                continue  # only « 14h » in a column of times (counted before a « 8h30 » was met)
            yield finding
        for name, bases in self.vat.items():
            if len(bases) < 2:
                continue
            (without, _, cell_without), (with_vat, row, cell) = bases["without"], bases["with"]
            yield Finding("vat-mixed", Severity.WARNING,
                          VAT_MESSAGE.format(field=name, without=without, cell_without=cell_without, with_vat=with_vat,
                                             row=row, cell=cell), VAT_TIP, row_number=int(row), field_name=name,
                          field_number=context.fields.index(name) + 1 if name in context.fields else None,
                          cell=str(cell), extra={"without_vat": without, "with_vat": with_vat})


# Words that only count things: « 12 places » is 12 in a column of counts, whatever the column. Other
# units (%, €, m…) are left to the user: « 50% » may mean 50 or 0.5, and the unit belongs in the title.
COUNT_WORDS = r"places?|pers\.?|personnes?|habitants?|hab\.?|lits?|pi[eè]ces?"
COUNTED = f"(?i)[ \t]*([0-9]+)[ \t]*(?:{COUNT_WORDS})[ \t]*"
WHOLE = "[ \t]*[0-9]+[ \t]*"


class StripCountWords:
    """Fix ``strip-count-words``: « 12 places » becomes 12 in a column whose other values are whole numbers."""

    name = "strip-count-words"
    reads = ("placeholder-value",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Mots d'unité retirés des nombres (« 12 places » → 12)", "Count words removed from numbers ('12 places' → 12)")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        changes: list[Change] = []
        table = table.copy()
        for column in table.columns:
            values = table[column]
            filled = values[values.str.strip() != ""]
            counted = filled.str.fullmatch(COUNTED).fillna(False)
            if filled.empty or not counted.any() or not (counted | filled.str.fullmatch(WHOLE).fillna(False)).all():
                continue
            changes.extend(replace_cells(table, column, filled[counted].str.extract(COUNTED, expand=False), self.name))
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        """Columns of whole numbers and counted ones (as :meth:`apply` decides, from the counts of the check)."""
        from ..quality.fix_plans import number_columns

        columns = number_columns(context, "strip_count_words")
        return FixPlan(rewrites=dict.fromkeys(columns, _counted_to_number)) if columns else None


def _counted_to_number(values: pd.Series) -> pd.Series:
    counted = values.str.fullmatch(COUNTED).fillna(False).astype(bool)
    return values.where(~counted, values.str.extract(COUNTED, expand=False)) if counted.any() else values


@hookimpl
def odwb_checks(context: CheckContext) -> list[UnitInCellCheck]:
    return [UnitInCellCheck()]


@hookimpl
def odwb_fixes() -> list[StripCountWords]:
    return [StripCountWords()]
