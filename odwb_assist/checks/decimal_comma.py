"""Check ``decimal-comma``: numbers written ``12,5``; fix: ``12.5`` (thousands separators removed too).

And check ``english-numbers``: numbers written the English way, a comma between the thousands and a point before the
decimals (« 1,234.56 », « 1,234,567 »: software set to English, a spreadsheet in an English locale); fix
``english-numbers``: the commas taken out. « 1,200 » reads both ways: 1.2 with a decimal comma, 1200 the English
way. It is a decimal comma (the Belgian way) unless the file writes numbers the English way somewhere and never
with a decimal comma for certain (« 12,5 », « 0,125 », « 1.234,5 »): then it is one thousand two hundred, and
the decimal-comma fix would have written 1.2.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .plain import pattern_mask
from .tally import ColumnTally

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

# Written for RE2 (pyarrow): no \s, \d or lookaround, so that pandas does not fall back to Python's re.
SEPARATORS = "[ .\u00a0\u202f']"
WS = "[ \t]*"
PATTERN = f"{WS}[+-]?(?:[0-9]{{1,3}}(?:{SEPARATORS}[0-9]{{3}})+|[0-9]+),[0-9]+{WS}"
COMMA_FIRST = " \t+-0123456789"  # the characters a match of PATTERN may start with
# « 1,200 »: a comma before three digits, one group only, not « 0,125 »: a decimal comma or an English thousands one
AMBIGUOUS = f"{WS}[+-]?[1-9][0-9]{{0,2}},[0-9]{{3}}{WS}"
# English for certain: thousands commas then decimals after a point, or several thousands groups
ENGLISH = f"{WS}[+-]?[1-9][0-9]{{0,2}}(?:(?:,[0-9]{{3}})+[.][0-9]+|(?:,[0-9]{{3}}){{2,}}){WS}"
NUMBER_SHARE = 0.8  # the fix converts a column when this share of its values are numbers

MESSAGE = Msg("Colonne « {field} » : {count} nombre(s) écrit(s) avec une virgule décimale (ex. ligne {row} : « {cell} »).",
              "Column '{field}': {count} number(s) written with a decimal comma (e.g. row {row}: '{cell}').")
TIP = Msg("Le portail attend un point décimal (12.5) : sinon la colonne est lue comme du texte, ni triable ni "
          "représentable. Exportez avec le point décimal, ou lancez « odwb-assist fix », qui le fait quand 80 % au "
          "moins des valeurs de la colonne sont des nombres.",
          "The portal expects a decimal point (12.5): otherwise the column is read as text, neither sortable nor "
          "chartable. Export with a decimal point, or run 'odwb-assist fix', which does it when 80 % at least of the "
          "column's values are numbers.")


def _comma_mask(column: ColumnValues) -> np.ndarray:
    """:func:`.plain.pattern_mask` of :data:`PATTERN` (plain numbers with a comma match), the pattern run only on the
    other values that may match: a space, a sign or a digit first, and a comma (read from the Arrow buffers)."""
    import numpy as np

    from .cells import byte_set, first_bytes, holding
    from .plain import distinct_cells, plain_numbers, values_fullmatch

    verdicts = plain_numbers(column)
    cells = distinct_cells(column) if verdicts is not None else None
    if verdicts is None or cells is None:
        return pattern_mask(column, PATTERN, ",", plain_comma=True)
    plain, comma = verdicts
    mask = comma.copy()
    at = np.flatnonzero(~plain)
    at = at[byte_set(COMMA_FIRST)[first_bytes(cells, at)]]
    if len(at):
        at = at[holding(cells, ",")[at]]
    if len(at):
        mask[at] = values_fullmatch(column, PATTERN, None, at)
    return mask


ENGLISH_MESSAGE = Msg("Colonne « {field} » : {count} nombre(s) écrit(s) à l'anglaise, une virgule entre les milliers "
                      "et un point avant les décimales (ex. ligne {row} : « {cell} ») : le portail les lirait comme du "
                      "texte.",
                      "Column '{field}': {count} number(s) written the English way, a comma between the thousands and "
                      "a point before the decimals (e.g. row {row}: '{cell}'): the portal would read them as text.")
ENGLISH_TIP = Msg("Écrivez les nombres sans séparateur de milliers (1234.56), ou lancez « odwb-assist fix », qui retire "
                  "les virgules. Le fichier écrit ses nombres à l'anglaise et jamais avec une virgule décimale : « 1,200 » "
                  "y est mille deux cents, pas 1,2.",
                  "Write numbers without a thousands separator (1234.56), or run 'odwb-assist fix', which takes the "
                  "commas out. The file writes its numbers the English way and never with a decimal comma: '1,200' is "
                  "one thousand two hundred in it, not 1.2.")


STYLE = "number-style"  # in ``context.options``: this run's decimal-comma check, which tells an English file


def writes_english(context: CheckContext) -> bool:
    """Whether the file writes its numbers the English way, as this run's decimal-comma check has read it so far:
    « 1,234.56 » or « 1,234,567 » met, and no decimal comma for certain (False when that check does not run)."""
    check = context.options.get(STYLE)
    return isinstance(check, DecimalCommaCheck) and bool(check.english.counts) and not check.certain


class DecimalCommaCheck(BaseTableCheck):
    """Decimal commas, and English numbers when the file writes its numbers so (see the module docstring): until a
    decimal comma for certain is met, the cells that read both ways (« 1,200 ») are counted apart."""

    name = "decimal-comma"
    types = ("decimal-comma", "english-numbers")

    def start(self, context: CheckContext) -> None:
        self.tally = ColumnTally()
        self.ambiguous = ColumnTally()  # « 1,200 » while no decimal comma for certain has been met
        self.english = ColumnTally()  # « 1,234.56 », « 1,234,567 » while no decimal comma for certain has been met
        self.certain = False  # a decimal comma for certain has been met: the file writes numbers the Belgian way
        context.options[STYLE] = self  # for the thousands check: « 1.250 » is 1.25 in an English file
        types = context.options.get("types", {})
        self.skip = {name for name in context.fields if types.get(name) in ("date", "year", "boolean", "datetime", "time")}

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if column.name in self.skip:
            return ()
        mask = _comma_mask(column)
        if self.certain:
            self.tally.add_values(column, mask)
            return ()
        import numpy as np

        from .plain import values_fullmatch

        ambiguous = np.zeros(len(mask), dtype=bool)
        at = np.flatnonzero(mask)
        if len(at):
            ambiguous[at] = values_fullmatch(column, AMBIGUOUS, None, at)
        certain = mask & ~ambiguous
        if certain.any():
            self.certain = True
            self.tally.add_values(column, mask)
            return ()
        self.ambiguous.add_values(column, ambiguous)
        self.english.add_values(column, _english_mask(column, mask))
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        if self.english.counts and not self.certain:
            self.english.merge(self.ambiguous)
            return self.english.findings("english-numbers", Severity.WARNING, ENGLISH_MESSAGE, ENGLISH_TIP)
        self.tally.merge(self.ambiguous)
        return self.tally.findings("decimal-comma", Severity.WARNING, MESSAGE, TIP)


def _english_mask(column: ColumnValues, comma: np.ndarray) -> np.ndarray:
    """The distinct values of ``column`` written the English way for certain (:data:`ENGLISH`): among those that hold a
    comma and that are no decimal comma (``comma``), a pattern run only when there are some."""
    import numpy as np

    from .cells import holding
    from .plain import distinct_cells, values_fullmatch

    mask = np.zeros(len(comma), dtype=bool)
    cells = distinct_cells(column)
    if cells is None:
        has_comma = np.fromiter(("," in text for text in column.texts), dtype=bool, count=len(comma))
    else:
        has_comma = holding(cells, ",")
    at = np.flatnonzero(has_comma & ~comma)
    if len(at):
        mask[at] = values_fullmatch(column, ENGLISH, None, at)
    return mask


def number_columns(table: pd.DataFrame, pattern: str) -> list[object]:
    """Columns where ``pattern`` matches and nearly all values are numbers (written any local way)."""
    columns = []
    loose = f"{WS}[+-]?(?:[0-9]{{1,3}}(?:{SEPARATORS}[0-9]{{3}})+|[0-9]+)(?:[.,][0-9]+)?{WS}"
    for column in table.columns:
        values = table[column][table[column] != ""]
        if values.empty or not values.str.fullmatch(pattern).fillna(False).any():
            continue
        if values.str.fullmatch(loose).fillna(False).mean() >= NUMBER_SHARE:
            columns.append(column)
    return columns


def convert_numbers(table: pd.DataFrame, columns: list[object], pattern: str, fix: str,
                    decimal: str) -> tuple[pd.DataFrame, list[Change]]:
    """Rewrite the cells matching ``pattern`` in ``columns`` as plain numbers (``decimal`` is ``,`` or ``.``)."""
    changes: list[Change] = []
    table = table.copy()
    for column in columns:
        values = table[column]
        hits = values[values.str.fullmatch(pattern).fillna(False).astype(bool)]
        if hits.empty:
            continue
        cleaned = hits.str.strip().str.replace("[ \u00a0\u202f']", "", regex=True)
        if decimal == ",":
            cleaned = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        else:
            cleaned = cleaned.str.replace(".", "", regex=False)
        table.loc[hits.index, column] = cleaned
        changes.extend(Change(fix, int(row), str(column), str(before), str(after))
                       for row, before, after in zip(hits.index, hits, cleaned, strict=True))
    return table, changes


class DecimalCommaFix:
    name = "decimal-comma"
    reads = ("placeholder-value", "english-numbers")  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Virgule décimale → point", "Decimal comma → point")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        english = set(english_columns(table))  # « 1,200 » is one thousand two hundred there
        columns = [column for column in number_columns(table, PATTERN) if column not in english]
        return convert_numbers(table, columns, PATTERN, self.name, ",")

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import columns_of, number_columns

        english = set(columns_of(context, ["english-numbers"]))
        columns = [column for column in number_columns(context, "decimal") if column not in english]
        return FixPlan(rewrites=dict.fromkeys(columns, numbers_rewrite(PATTERN, ","))) if columns else None


class EnglishNumbersFix:
    """Fix ``english-numbers``: in the columns of a file that writes its numbers the English way (see the module
    docstring), the thousands commas taken out (« 1,234.56 » → 1234.56, « 1,200 » → 1200)."""

    name = "english-numbers"
    reads = ("english-numbers",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Nombres à l'anglaise : virgules des milliers retirées", "English numbers: thousands commas taken out")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        from ..quality.fixing import replace_cells

        changes: list[Change] = []
        columns = english_columns(table)
        if columns:
            table = table.copy()
        for column in columns:
            values = table[column].astype(str)
            rewritten = _without_commas(values)
            changed = rewritten[rewritten != values]
            changes.extend(replace_cells(table, str(column), changed, self.name))
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import columns_of

        columns = columns_of(context, ["english-numbers"])
        return FixPlan(rewrites=dict.fromkeys(columns, _without_commas)) if columns else None


def english_columns(table: pd.DataFrame) -> list[object]:
    """The columns whose numbers the file writes the English way (as :class:`DecimalCommaCheck` says), read from the
    whole table: none when one cell is a decimal comma for certain, or when no cell is English for certain."""
    from .cells import fullmatch_mask

    english: list[object] = []
    ambiguous: list[object] = []
    for column in table.columns:
        values = table[column].astype(str)
        values = values[values.str.contains(",", regex=False)]
        if values.empty:
            continue
        comma = fullmatch_mask(values, PATTERN)
        if (comma & ~fullmatch_mask(values, AMBIGUOUS)).any():
            return []
        if fullmatch_mask(values, ENGLISH).any():
            english.append(column)
        elif comma.any():
            ambiguous.append(column)
    return [column for column in table.columns if column in english or column in ambiguous] if english else []


def _without_commas(values: pd.Series) -> pd.Series:
    """The cells written the English way (:data:`ENGLISH`, :data:`AMBIGUOUS`) without their commas nor the spaces
    around them; the others as they are (a rewrite of one cell at a time, see ``FixPlan``)."""
    from .cells import fullmatch_mask

    found = fullmatch_mask(values, ENGLISH) | fullmatch_mask(values, AMBIGUOUS)
    if not found.any():
        return values
    result = values.copy()
    result[found] = values[found].str.strip().str.replace(",", "", regex=False)
    return result


def numbers_rewrite(pattern: str, decimal: str) -> Callable[[pd.Series], pd.Series]:
    """The cells matching ``pattern`` written as plain numbers (as :func:`convert_numbers`), for a streaming plan."""
    def rewrite(values: pd.Series) -> pd.Series:
        import pandas as pd

        from .cells import fullmatch_mask

        found = fullmatch_mask(values, pattern)  # in pyarrow directly, on Arrow text
        if not found.any():
            return values
        arrow = _arrow_numbers(values, found, decimal)
        if arrow is not None:
            return arrow
        hits = pd.Series(found, index=values.index)
        cleaned = values[hits].str.strip().str.replace("[ \u00a0\u202f']", "", regex=True)
        if decimal == ",":
            cleaned = cleaned.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        else:
            cleaned = cleaned.str.replace(".", "", regex=False)
        result = values.copy()
        result[hits] = cleaned
        return result

    return rewrite


def _arrow_numbers(values: pd.Series, found: np.ndarray, decimal: str) -> pd.Series | None:
    """What :func:`numbers_rewrite` writes, in pyarrow on Arrow text (the same kernels pandas calls), without the
    pandas calls around them (None: not Arrow text)."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from .cells import arrow_text

    cells = arrow_text(values)
    if cells is None or cells.null_count:
        return None
    every = bool(found.all())
    hits = cells if every else cells.filter(pa.array(found))
    if _digits_only(hits):  # « 50,354836 »: nothing to trim nor to take out, one kernel instead of four
        cleaned = hits
    else:
        cleaned = pc.replace_substring_regex(pc.utf8_trim_whitespace(hits), "[ \u00a0\u202f']", "")
        cleaned = pc.replace_substring(cleaned, ".", "")
    if decimal == ",":
        cleaned = pc.replace_substring(cleaned, ",", ".")
    result = cleaned if every else pc.replace_with_mask(cells, pa.array(found), cleaned.cast(cells.type))
    return pd.Series(result, index=values.index, dtype=values.dtype)


_DIGITS = frozenset(b"0123456789,+-")


def _digits_only(cells: pa.Array) -> bool:
    """Whether the bytes of an Arrow text array (one chunk) are all digits, commas and signs (a scan of its buffer)."""
    import numpy as np

    if not len(cells):
        return True
    _, offsets, data = cells.buffers()
    if data is None:
        return True
    ends = np.frombuffer(offsets, dtype=np.int64 if cells.type == "large_string" else np.int32)
    start, stop = int(ends[cells.offset]), int(ends[cells.offset + len(cells)])
    allowed = np.zeros(256, dtype=bool)
    allowed[list(_DIGITS)] = True
    return bool(allowed[np.frombuffer(data, dtype=np.uint8, count=stop - start, offset=start)].all())


@hookimpl
def odwb_checks(context: CheckContext) -> list[DecimalCommaCheck]:
    return [DecimalCommaCheck()]


@hookimpl
def odwb_fixes() -> list[object]:
    return [DecimalCommaFix(), EnglishNumbersFix()]
