"""Check ``decimal-comma``: numbers written ``12,5``; fix: ``12.5`` (thousands separators removed too)."""

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
NUMBER_SHARE = 0.8  # the fix converts a column when this share of its values are numbers

MESSAGE = Msg("Colonne « {field} » : {count} nombre(s) écrit(s) avec une virgule décimale (ex. ligne {row} : « {cell} »).",
              "Column '{field}': {count} number(s) written with a decimal comma (e.g. row {row}: '{cell}').")
TIP = Msg("Le portail attend un point décimal (12.5) : sinon la colonne est lue comme du texte, ni triable ni "
          "représentable. Exportez avec le point décimal, ou lancez « odwb-assist fix ».",
          "The portal expects a decimal point (12.5): otherwise the column is read as text, neither sortable nor "
          "chartable. Export with a decimal point, or run 'odwb-assist fix'.")


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


class DecimalCommaCheck(BaseTableCheck):
    name = "decimal-comma"
    types = ("decimal-comma",)

    def start(self, context: CheckContext) -> None:
        self.tally = ColumnTally()
        types = context.options.get("types", {})
        self.skip = {name for name in context.fields if types.get(name) in ("date", "year", "boolean", "datetime", "time")}

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if column.name not in self.skip:
            self.tally.add_values(column, _comma_mask(column))
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        return self.tally.findings("decimal-comma", Severity.WARNING, MESSAGE, TIP)


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
    reads = ("placeholder-value",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Virgule décimale → point", "Decimal comma → point")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        return convert_numbers(table, number_columns(table, PATTERN), PATTERN, self.name, ",")

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import number_columns

        columns = number_columns(context, "decimal")
        return FixPlan(rewrites=dict.fromkeys(columns, numbers_rewrite(PATTERN, ","))) if columns else None


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
def odwb_fixes() -> list[DecimalCommaFix]:
    return [DecimalCommaFix()]
