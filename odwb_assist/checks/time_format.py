"""Check ``time-format`` (warning): times of day written the French way, « 9h30 », « 14h », « 14 h 30 », or with a
one-digit hour, « 9:30 »; fix ``time-format``: « 09:30 », « 14:00 ».

The portal has no type for a time of day (Opendatasoft's field types: text, int, double, date, datetime, geo
points and shapes, file): a column of times is text there, sorted as text. « 14h » then comes before « 9h30 », and a
filter on 09:30 misses « 9h30 ». Written « HH:MM » (ISO 8601), they sort in the order of the day and read the same
everywhere. Only a column whose every filled cell is a time of day is said (a column of opening hours « 9h-12h », of
remarks or of durations above 23 h is not), and not a column whose label names a duration (« Durée » : « 1h30 » is
an hour and a half, not half past one). Nothing is lost: the time is the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..core.contract import BaseTableCheck, Change, CheckContext, ColumnValues, FixContext, FixPlan
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from .cell_rules import CellRewrite, CellRule
from .people import label_words
from .tally import ColumnTally

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

# « 9h30 », « 14h », « 14 h 30 », « 09H00 » (French), « 9:30 » (one-digit hour): a time to write « HH:MM »
FRENCH = re.compile(r"[ \t]*([01]?[0-9]|2[0-3])[ \t]*[hH][ \t]*([0-5][0-9])?[ \t]*")
SHORT = re.compile(r"[ \t]*([0-9]):([0-5][0-9])(?::([0-5][0-9]))?[ \t]*")
# « 09:30 », « 14:00:00 »: a time already written as it should be
ISO = re.compile(r"[ \t]*([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?[ \t]*")
FIRST = " \t0123456789"  # the first byte of a cell any of them matches
PROBE = 32  # distinct values tested first: most columns are told by them, at no cost
# the words of a label naming a duration, not a time of day (label_words: accents and case aside)
DURATION_WORDS = frozenset({"duree", "durees", "duur", "dauer", "duration", "temps", "delai", "delais", "attente",
                            "heures", "uren", "stunden", "hours", "prestations", "volume", "nombre", "nb", "total",
                            "charge", "semaine", "hebdomadaire", "week", "weekly"})

MESSAGE = Msg("Colonne « {field} » : {count} heure(s) écrite(s) « 9h30 » ou « 9:30 », pas au format HH:MM (ex. ligne "
              "{row} : « {cell} ») : sur le portail, une heure est du texte, et « 14h » s'y range avant « 9h30 ».",
              "Column '{field}': {count} time(s) written '9h30' or '9:30', not as HH:MM (e.g. row {row}: '{cell}'): "
              "on the portal a time of day is text, and '14h' sorts before '9h30'.")
TIP = Msg("Écrivez les heures au format HH:MM (09:30, 14:00) : Format de cellule > Heure > 13:30, ou lancez "
          "« odwb-assist fix ».",
          "Write times as HH:MM (09:30, 14:00): Format cells > Time > 13:30, or run 'odwb-assist fix'.")


def to_iso(text: str, seconds: bool = False) -> str | None:
    """« 9h30 » → « 09:30 » (``seconds``: « 09:30:00 »); a time already written HH:MM(:SS) as it is, with seconds
    added when asked; None for a cell that is no time of day."""
    found = FRENCH.fullmatch(text)
    if found is not None:
        hour, minute, second = found.group(1), found.group(2) or "00", None
    else:
        found = SHORT.fullmatch(text) or ISO.fullmatch(text)
        if found is None:
            return None
        hour, minute, second = found.group(1), found.group(2), found.group(3)
    written = f"{int(hour):02d}:{minute}"
    return f"{written}:{second or '00'}" if seconds or second else written


def _to_rewrite(text: str) -> bool:
    return FRENCH.fullmatch(text) is not None or SHORT.fullmatch(text) is not None


def _candidates(cells: pa.Array) -> np.ndarray:
    """The cells that may be a time to rewrite: they begin with a digit or a space and hold an « h » or a colon."""
    from .cells import byte_set, first_bytes, holding

    return byte_set(FIRST)[first_bytes(cells)] & holding(cells, "hH:")


RULE = CellRule(_to_rewrite, _candidates)


def _time(text: str) -> bool:
    return to_iso(text) is not None


def names_a_duration(label: str) -> bool:
    return any(word in DURATION_WORDS for word in label_words(label))


class TimeFormatCheck(BaseTableCheck):
    name = "time-format"
    types = ("time-format",)

    def start(self, context: CheckContext) -> None:
        self.tally = ColumnTally()
        self.other = {name for name in context.fields if names_a_duration(name)}  # never said
        self.seconds: set[str] = set()  # columns with a time written with its seconds

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        import numpy as np

        name = column.name
        if name in self.other or not len(column):
            return ()
        texts = column.values.iloc[:PROBE].tolist()
        if not all(not text.strip() or _time(text) for text in texts):
            self.other.add(name)  # most columns: told by their first distinct values
            return ()
        texts = column.values.tolist() if len(column) > PROBE else texts
        filled = np.fromiter((bool(text.strip()) for text in texts), dtype=bool, count=len(texts))
        times = np.fromiter((_time(text) for text in texts), dtype=bool, count=len(texts))
        if not (times | ~filled).all():
            self.other.add(name)
            return ()
        if any(text.count(":") == 2 for text in texts):
            self.seconds.add(name)
        self.tally.add_values(column, RULE.values_mask(column))
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        import dataclasses

        for finding in self.tally.findings("time-format", Severity.WARNING, MESSAGE, TIP):
            name = finding.field_name or ""
            if name not in self.other:
                yield dataclasses.replace(finding, extra={**finding.extra, "seconds": name in self.seconds})


class TimeFormatFix(CellRewrite):
    name = "time-format"
    reads = ("time-format",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Heures au format HH:MM (« 9h30 » → 09:30)", "Times as HH:MM ('9h30' → 09:30)")
    rule = RULE

    def rewrite(self, text: str) -> str:
        return to_iso(text) or text

    def plan(self, context: FixContext) -> FixPlan | None:
        """In the columns the check reported; « HH:MM:SS » in a column that has times with their seconds."""
        from functools import partial

        from ..quality.fix_plans import findings

        seconds = {f.field_name: bool(f.extra.get("seconds")) for f in findings(context, ["time-format"])}
        rewrites: dict[str, Callable[[Any], Any]] = {
            name: partial(_rewritten, seconds=with_seconds) for name, with_seconds in seconds.items() if name}
        return FixPlan(rewrites=rewrites) if rewrites else None

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        """The whole-table path: only in the columns the check reported, as the plan."""
        from ..quality.fix_plans import findings
        from ..quality.fixing import replace_cells

        changes: list[Change] = []
        table = table.copy()
        for finding in findings(context, ["time-format"]):
            column = finding.field_name
            if column is not None and column in table.columns:
                values = table[column].astype(str)
                written = _rewritten(values, seconds=bool(finding.extra.get("seconds")))
                changes.extend(replace_cells(table, column, written[written != values], self.name))
        return table, changes


def _rewritten(values: pd.Series, seconds: bool = False) -> pd.Series:
    """A column's times written HH:MM (or HH:MM:SS): the cells to rewrite, and with ``seconds`` those without."""
    if not seconds:
        mask = RULE.mask(values)
    else:
        mask = values.map(lambda text: isinstance(text, str) and bool(text.strip()) and to_iso(text, True) != text)
        mask = mask.to_numpy(dtype=bool)
    if not mask.any():
        return values
    written = values.copy()
    written[mask] = [to_iso(text, seconds) or text for text in values[mask].tolist()]
    return written


@hookimpl
def odwb_checks(context: CheckContext) -> list[TimeFormatCheck]:
    return [TimeFormatCheck()]


@hookimpl
def odwb_fixes() -> list[TimeFormatFix]:
    return [TimeFormatFix()]
