"""Check ``thousands-separator``: ``1 250`` or ``1.250.000``; fix: separators removed."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .decimal_comma import convert_numbers, number_columns, writes_english
from .identifier_columns import identifier_columns
from .plain import distinct_cells, pattern_mask, plain_numbers, values_fullmatch
from .tally import SMALL_VALUES, ColumnTally, number_text, value_mask

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

# Unambiguous: spaces or apostrophes between groups, several dot groups, or dot groups and a decimal comma.
SURE_RE2 = ("[ \t]*[+-]?[1-9][0-9]{0,2}(?:(?:[ \u00a0\u202f'][0-9]{3})+(?:,[0-9]+)?|(?:[.][0-9]{3}){2,}(?:,[0-9]+)?"
            "|(?:[.][0-9]{3})+,[0-9]+)[ \t]*")
SURE_FIRST = " \t+-123456789"  # the characters a match of SURE_RE2 may start with
# Ambiguous: 1.250 is 1250 only if no value of the column has another number of decimals or starts with
# « 0. » (a first group of thousands never starts with 0: 0.856 is a decimal number).
DOT3 = "[ \t]*[+-]?[1-9][0-9]{0,2}[.][0-9]{3}[ \t]*"
OTHER_DECIMALS = "[ \t]*[+-]?(?:[0-9]*[.](?:[0-9]{1,2}|[0-9]{4,})|0[.][0-9]+)[ \t]*"
DOT3_FIRST, OTHER_FIRST = " \t+-123456789", " \t+-.0123456789"  # the characters a match may start with
WHOLE = "[ \t]*[+-]?[0-9]+[ \t]*"  # a whole number, written without separator
# One « 1.204 » among whole numbers (« 187 », « 845 », « 96 »): Excel's « # ##0 » writes a point in the numbers of
# a thousand or more only; a column of counts where one school has 1 204 pupils holds one. A decimal number with
# three decimals alone among whole ones is unlikely; the fix still leaves it, as every guess.
LONE_WHOLE = 3  # whole numbers in the column, at least, for one dotted number to be said
LONE_MESSAGE = Msg("Colonne « {field} » : « {cell} » (ligne {row}) est le seul nombre avec un point parmi des nombres entiers : "
                   "c'est sans doute {whole} écrit avec un point séparateur de milliers ; le portail lira {decimal}.",
                   "Column '{field}': '{cell}' (row {row}) is the only number with decimals among whole numbers: it "
                   "is likely {whole} written with a point as thousands separator; the portal will read {decimal_en}.")
LONE_TIP = Msg("Écrivez-le sans séparateur ({whole}), ou avec une virgule décimale s'il s'agit bien d'un nombre décimal. "
               "« odwb-assist fix » ne tranche pas et le laisse tel quel.",
               "Write it without separator ({whole}), or with a decimal comma if it is indeed a decimal number. "
               "'odwb-assist fix' cannot tell and leaves it as it is.")
# Two or more « 3.658 » and no other decimals, no sure separator: said (Belgian exports write so), but the point may
# as well be a decimal one; ``fix`` leaves them and says so (:func:`..quality.fix_left._ambiguous_line`): so does this.
AMBIGUOUS_MESSAGE = Msg("Colonne « {field} » : {count} nombre(s) écrit(s) comme « {cell} » (ligne {row}) : si le point "
                        "sépare les milliers (à la belge), le portail lira 1000 fois moins ({decimal}).",
                        "Column '{field}': {count} number(s) written like '{cell}' (row {row}): if the point separates "
                        "thousands (the Belgian way), the portal will read a thousand times less ({decimal_en}).")
AMBIGUOUS_TIP = Msg("Écrivez-les sans séparateur de milliers ({whole}), ou avec une virgule décimale ({comma}) s'il s'agit "
                    "de décimales. « odwb-assist fix » ne tranche pas et les laisse tels quels.",
                    "Write them without a thousands separator ({whole}), or with a decimal comma ({comma}) if they are "
                    "decimals. 'odwb-assist fix' cannot tell and leaves them as they are.")
FIX_PATTERN = "[ \t]*[+-]?[1-9][0-9]{0,2}(?:(?:[ \u00a0\u202f'.][0-9]{3})+)(?:,[0-9]+)?[ \t]*"

MESSAGE = Msg("Colonne « {field} » : {count} nombre(s) avec un séparateur de milliers (ex. ligne {row} : « {cell} »).",
              "Column '{field}': {count} number(s) with a thousands separator (e.g. row {row}: '{cell}').")
# the fix converts a column whose values are numbers for 80 % at least (:data:`.decimal_comma.NUMBER_SHARE`): a
# column « 2023 » of a few figures among « n.c. » and « 1.234,56 EUR » is left as it is, and its preview says why
TIP = Msg("Écrivez les nombres sans séparateur de milliers (1250, pas 1 250 ni 1.250) : Format de cellule > Nombre, "
          "décochez « séparateur de milliers », ou lancez « odwb-assist fix », qui le fait quand 80 % au moins des "
          "valeurs de la colonne sont des nombres.",
          "Write numbers without thousands separators (1250, not 1 250 or 1.250): Format cells > Number, untick "
          "'thousands separator', or run 'odwb-assist fix', which does it when 80 % at least of the column's values "
          "are numbers.")


def _sure_mask(column: ColumnValues) -> np.ndarray:
    """:func:`.plain.pattern_mask` of :data:`SURE_RE2`, run only on the values whose first character may start a
    match (a space, a sign or a digit but 0: « 087/… », « BE0… », « Rue… » and dates « 05/… » cannot) and that hold
    a separator."""
    import numpy as np

    from .cells import byte_set, first_bytes, holding

    verdicts = plain_numbers(column)
    cells = distinct_cells(column) if verdicts is not None else None
    if verdicts is None or cells is None:
        return pattern_mask(column, SURE_RE2)
    at = np.flatnonzero(~verdicts[0])  # a plain number has no separator
    at = at[byte_set(SURE_FIRST)[first_bytes(cells, at)]]
    if len(at):  # and a separator: a space, an apostrophe, a point, or a non-ASCII space (« 1 250 »)
        at = at[holding(cells, " '.", non_ascii=True)[at]]
    mask = np.zeros(len(column), dtype=bool)
    if len(at):
        mask[at] = values_fullmatch(column, SURE_RE2, None, at)
    return mask


class ThousandsSeparatorCheck(BaseTableCheck):
    name = "thousands-separator"
    types = ("thousands-separator",)

    def start(self, context: CheckContext) -> None:
        self.sure = ColumnTally()
        self.dot3 = ColumnTally()
        self.other: Counter[str] = Counter()
        self.whole: Counter[str] = Counter()  # rows holding a whole number without separator
        types = context.options.get("types", {})
        # identifiers (an establishment unit's « 2.123.456.789 », a file number) hold groups of digits, not thousands
        identifiers = identifier_columns(list(context.fields), context.options)
        kept = [name for name in context.fields if name not in identifiers]
        self.text = {name for name in kept if types.get(name, "string") in ("string", "any")}
        self.dotted = self.text | {name for name in kept if types.get(name) == "number"}

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        import numpy as np
        import pandas as pd

        from .cells import fullmatch_mask

        name = column.name
        if name in self.text:
            self.sure.add_values(column, _sure_mask(column))
        if name not in self.dotted or not len(column) or self.other[name] or name in context.kinds:
            return ()  # a column with other decimals, or of a known kind, has its dotted numbers read in ``end``
        python = len(column) <= SMALL_VALUES
        verdicts = None if python else plain_numbers(column)
        if verdicts is not None:
            self.whole[name] += int(column.counts[verdicts[0] & ~verdicts[1]].sum())  # plain, without a comma
        else:
            self.whole[name] += int(column.counts[value_mask(column, WHOLE)].sum())
        if verdicts is not None and verdicts[0].all():
            return ()  # plain numbers (« -12 », « 50,35 ») hold no point
        cells = None if python else distinct_cells(column)
        if python:
            has_dot = np.fromiter(("." in v for v in column.texts), dtype=bool, count=len(column))
        elif cells is not None:  # read from the Arrow buffers: what pandas' str.contains says
            from .cells import holding

            has_dot = holding(cells, ".")
        else:
            has_dot = column.values.str.contains(".", regex=False).to_numpy(dtype=bool)
        if not has_dot.any():
            return ()
        at = np.flatnonzero(has_dot)
        dot3 = np.zeros(len(column), dtype=bool)
        other = np.zeros(len(column), dtype=bool)
        if cells is not None:  # each pattern on the values whose first byte may start it (not « info.x@… »)
            from .cells import byte_set, first_bytes

            first = first_bytes(cells, at)
            for found, pattern, starts in ((dot3, DOT3, DOT3_FIRST), (other, OTHER_DECIMALS, OTHER_FIRST)):
                some = at[byte_set(starts)[first]]
                if len(some):
                    found[some] = values_fullmatch(column, pattern, None, some)
        else:
            dotted = (pd.Series([column.texts[i] for i in at], dtype="str") if python
                      else column.values.iloc[at].reset_index(drop=True))
            dot3[at] = fullmatch_mask(dotted, DOT3, None, python)
            other[at] = fullmatch_mask(dotted, OTHER_DECIMALS, None, python)
        self.dot3.add_values(column, dot3)
        self.other[name] += int(column.counts[other].sum())
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        if writes_english(context):  # « 1.250 » is 1.25 in a file that writes « 1,234.56 »: only sure separators
            yield from self.sure.findings("thousands-separator", Severity.WARNING, MESSAGE, TIP)
            return
        lone: list[str] = []  # columns with one dotted number among whole ones
        ambiguous: set[str] = set()  # columns whose dotted numbers are the only ones (the fix leaves them)
        for column in list(self.dot3.counts):
            # 50.465 in a latitude column (a known kind) is a decimal number, never 50465.
            if self.other[column] or column in context.kinds:
                continue
            if self.dot3.counts[column] < 2:
                if self.whole[column] >= LONE_WHOLE:
                    lone.append(column)
                continue
            if not self.sure.counts[column]:
                ambiguous.add(column)
            self.sure.counts[column] += self.dot3.counts[column]
            self.sure.numbers[column] = self.dot3.numbers[column]
            self.sure.rows.setdefault(column, []).extend(self.dot3.rows.get(column, []))
            examples = self.sure.examples.setdefault(column, [])
            examples.extend(self.dot3.examples[column])
            examples.sort()
        for finding in self.sure.findings("thousands-separator", Severity.WARNING, MESSAGE, TIP):
            yield self._ambiguous(finding) if finding.field_name in ambiguous else finding
        for column in lone:
            yield self._lone(column)

    @staticmethod
    def _ambiguous(finding: Finding) -> Finding:
        """The finding of a column whose dotted numbers may be decimals (:data:`AMBIGUOUS_MESSAGE`)."""
        cell = (finding.cell or "").strip()
        message = AMBIGUOUS_MESSAGE.format(field=finding.field_name, count=number_text(finding.count), cell=cell,
                                           row=finding.row_number, decimal=cell.replace(".", ","), decimal_en=cell)
        tip = AMBIGUOUS_TIP.format(whole=cell.replace(".", ""), comma=cell.replace(".", ","))
        return dataclasses.replace(finding, message=message, tip=tip, extra={**finding.extra, "ambiguous": True})

    def _lone(self, column: str) -> Finding:
        """The finding of a column with one dotted number among whole ones (:data:`LONE_MESSAGE`)."""
        [finding] = [f for f in self.dot3.findings("thousands-separator", Severity.WARNING, MESSAGE, TIP)
                     if f.field_name == column]
        cell = (finding.cell or "").strip()
        whole = cell.replace(".", "")
        message = LONE_MESSAGE.format(field=column, cell=cell, row=finding.row_number, whole=whole,
                                      decimal=cell.replace(".", ","), decimal_en=cell)
        return dataclasses.replace(finding, message=message, tip=LONE_TIP.format(whole=whole),
                                   extra={**finding.extra, "lone": True})


class ThousandsSeparatorFix:
    name = "thousands-separator"
    # the finding types its plan reads (see ``Fix.reads``); its own, to say the columns it leaves (« 3.658 »)
    reads = ("placeholder-value", "thousands-separator")
    label = Msg("Séparateurs de milliers supprimés", "Thousands separators removed")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        identifiers = identifier_columns([str(name) for name in table.columns], context.options)
        columns = [name for name in number_columns(table, SURE_RE2) if str(name) not in identifiers]
        return convert_numbers(table, columns, FIX_PATTERN, self.name, ",")

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import number_columns
        from .decimal_comma import numbers_rewrite

        columns = number_columns(context, "thousands")
        rewrite = numbers_rewrite(FIX_PATTERN, ",")
        return FixPlan(rewrites=dict.fromkeys(columns, rewrite)) if columns else None


@hookimpl
def odwb_checks(context: CheckContext) -> list[ThousandsSeparatorCheck]:
    return [ThousandsSeparatorCheck()]


@hookimpl
def odwb_fixes() -> list[ThousandsSeparatorFix]:
    return [ThousandsSeparatorFix()]
