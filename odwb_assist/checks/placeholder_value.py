"""Check ``placeholder-value``: « - », « n.d. », « N/A », « ? », « néant », « / » standing for a missing value in a
column of numbers or dates; fix: empty cells. A formula's error (« #N/A », « #VALEUR! ») is also a missing value,
reported by ``excel-error`` (:mod:`.excel_errors`), and so is a database's « NULL », reported in any column by
``null-markers`` (:mod:`.null_markers`): not here.

A column counts as numbers or dates when nearly all its other filled cells are numbers or dates:
a « - » in a column of labels or comments is text, not a placeholder, and is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.contract import (
    BaseTableCheck,
    Change,
    CheckContext,
    ColumnValues,
    FixContext,
    FixPlan,
    ValuesPreparation,
)
from ..core.findings import Finding, Severity
from ..core.hookspecs import hookimpl
from ..core.i18n import Msg
from ..quality.fixing import replace_cells
from .cells import STACK_ROWS, one_array
from .excel_errors import is_error
from .null_markers import MARKERS as NULL_MARKERS
from .number_notes import MASKED_RULE, is_not_detected
from .tally import EXAMPLES, number_text

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

DATE = re.compile(r"[ \t]*(?:[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}[/.-][0-9]{1,2}[/.-](?:[0-9]{4}|[0-9]{2}))"
                  r"(?:[ T][0-9]{1,2}[:h][0-9]{2}(?::[0-9]{2})?)?[ \t]*")
TYPED_SHARE = 0.9  # share of the other filled cells that must be numbers or dates
TYPED_MINIMUM = 2  # and at least this many of them
DATE_SAMPLE = 200  # text cells per chunk and column tested for a date
FEW_DATES = 64  # values: fewer are tested with Python's re
ALL_DATES = 8000  # distinct text values: up to this many, each is tested (cheaper than drawing the sample's rows)

MESSAGE = Msg("Colonne « {field} » : {count} cellule(s) {cells} à la place d'une valeur, dans une colonne de {kind} "
              "(ex. ligne {row}).",
              "Column '{field}': {count} cell(s) {cells_en} instead of a value, in a column of {kind_en} (e.g. row {row}).")
SHOWN = 3  # placeholders named in the message (the most frequent first)
# Excel's accounting format writes a zero as a dash followed by the spaces of its decimals (« _-* "-"??_- »: « ␣-␣␣␣ »),
# a dash typed as text with one space at most (« _-@_- »): saved as CSV, such a dash is a zero, said so
ACCOUNTING_ZERO = re.compile(r"[ \u00a0]*-[ \u00a0]{2,}")
ZERO_NOTE = Msg(" Un tiret suivi d'espaces (« {cell} ») est le zéro du format Comptabilité d'Excel : « odwb-assist fix » "
                "y écrit 0.",
                " A dash followed by spaces ('{cell}') is the zero of Excel's accounting format: 'odwb-assist fix' "
                "writes 0 there.")
TIP = Msg("Laissez vide une cellule dont la valeur est inconnue : un « - » ou « n.d. » empêche le portail de lire la "
          "colonne comme des nombres ou des dates (pas de tri, de graphique ni de filtre). Si « - » veut dire zéro, "
          "écrivez 0. « odwb-assist fix » vide ces cellules.",
          "Leave a cell empty when its value is unknown: a '-' or 'n/a' stops the portal from reading the column as "
          "numbers or dates (no sorting, chart or filter). If '-' means zero, write 0. 'odwb-assist fix' empties "
          "these cells.")


@dataclass
class ColumnCounts:
    """For one column: numbers, dates, other text, and the placeholders (with a few examples)."""

    numbers: int = 0
    dates: int = 0
    text: int = 0
    placeholders: Counter[str] = field(default_factory=Counter)
    examples: list[tuple[int, str]] = field(default_factory=list)
    masked: int = 0  # thresholds (« <LQ », « < 0,05 »): a column of measures, whose « n.d. » says « not detected »

    def add(self, values: pd.Series, parsed: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
        """Count a chunk of the column (``parsed``: its numbers and text, when known); returns the placeholder mask."""
        import numpy as np  # imported when a check runs, not when plugins load

        from .numbers import parse_column

        numbers, text = parsed if parsed is not None else parse_column(values)
        filled = (values != "").to_numpy()
        placeholder = _not_errors(values, filled & np.isnan(numbers) & ~text)
        self.numbers += int((~np.isnan(numbers)).sum())
        words = int(text.sum())
        if words:  # dates among the text cells, estimated on an even sample (a share is all that matters)
            cells = values[text]
            step = max(1, words // DATE_SAMPLE)
            sample = cells.iloc[::step]
            dates = int(sample.str.fullmatch(DATE.pattern).fillna(False).to_numpy(dtype=bool).sum())
            dates = dates if step == 1 else round(dates * words / len(sample))
            self.dates += dates
            self.text += words - dates
            self.thresholds(int((text & _masked(values)).sum()))
        if placeholder.any():
            cells = values[placeholder]
            self.placeholders.update(cells.str.strip().tolist())
            for row, cell in cells.head(EXAMPLES - len(self.examples)).items():
                self.examples.append((int(row), str(cell)))
        return placeholder

    def add_values(self, column: ColumnValues) -> None:
        """What :meth:`add` counts, for a chunk column given by its distinct values: each value is parsed and
        tested once, the verdicts are mapped back to the rows (the same sample of text cells is read for dates)."""
        import numpy as np

        from .numbers import parse_values

        if not len(column):  # every cell empty
            return
        numbers, text = parse_values(column)
        counts = column.counts
        valued = ~np.isnan(numbers)
        self.numbers += int(counts[valued].sum())
        words = int(counts[text].sum()) if text.any() else 0  # the rows holding text
        if words:  # dates among the text cells, estimated on the same even sample as :meth:`add`
            step = max(1, words // DATE_SAMPLE)
            worded = np.flatnonzero(text)
            every = TEXT_DATES(column)
            if step == 1:  # every text cell: each text value once, weighed by its rows
                assert every is not None
                dates = int(counts[worded][every].sum())
            elif every is not None and (every.all() or not every.any()):  # the sample is all dates, or none
                dates = words if every.all() else 0
            else:
                sampled = column.codes[column.row_mask(text)][::step]
                dated = np.zeros(len(column), dtype=bool)
                if every is not None:
                    dated[worded] = every
                else:
                    tested = np.unique(sampled)
                    dated[tested] = _dates(column, tested)
                dates = round(int(dated[sampled].sum()) * words / len(sampled))
            self.dates += dates
            self.text += words - dates
            masked = np.zeros(len(column), dtype=bool)
            masked[worded] = _masked(column.values.iloc[worded])
            self.thresholds(int(counts[masked].sum()))
        placeholder = ~valued & ~text
        if placeholder.any():  # a formula's error is reported by ``excel-error``
            flagged = np.flatnonzero(placeholder)
            placeholder[flagged] = [said_here(text) for text in column.values.iloc[flagged].tolist()]
        if placeholder.any():
            counts = column.counts
            for at in np.flatnonzero(placeholder):
                self.placeholders[column.values.iat[at].strip()] += int(counts[at])
            if len(self.examples) < EXAMPLES:
                cells = column.cells(placeholder)
                for row, cell in cells.head(EXAMPLES - len(self.examples)).items():
                    self.examples.append((int(row), str(cell)))

    def thresholds(self, cells: int) -> None:
        """Count ``cells`` text cells that are thresholds (« <5 », « < 0,5 »: :func:`.number_notes.is_masked`) as
        numbers: a measure under its detection limit is a number of the column, known to be below it."""
        self.numbers += cells
        self.text -= cells
        self.masked += cells

    def measured(self) -> None:
        """Beside thresholds, « n.d. » is « not detected », a result the fix ``split-number-notes`` keeps with them
        (:data:`.number_notes.NOT_DETECTED`): no placeholder then."""
        if not self.masked:
            return
        for text in [text for text in self.placeholders if is_not_detected(text)]:
            del self.placeholders[text]
        self.examples = [(row, cell) for row, cell in self.examples if not is_not_detected(cell)]

    @property
    def typed(self) -> bool:
        typed = self.numbers + self.dates
        return typed >= TYPED_MINIMUM and typed >= TYPED_SHARE * (typed + self.text)

    @property
    def kind(self) -> Msg:
        if self.dates > self.numbers:
            return Msg("dates", "dates")
        return Msg("nombres", "numbers")


def _masked(values: pd.Series) -> np.ndarray:
    """Which cells of ``values`` are thresholds (« <5 », « < 0,5 », « ≤ 10 »), the prefilter on their first byte."""
    return MASKED_RULE.mask(values)


def said_here(text: str) -> bool:
    """Whether a missing value is this check's to say: not a formula's error (``excel-error``) nor a database's
    « NULL » (``null-markers``, in any column)."""
    return not is_error(text) and text.strip() not in NULL_MARKERS


def _not_errors(values: pd.Series, placeholder: np.ndarray) -> np.ndarray:
    """``placeholder`` without the formulas' errors (« #N/A » is also a missing value, reported by ``excel-error``) and
    the database's « NULL » (``null-markers``)."""
    import numpy as np

    if placeholder.any():
        at = np.flatnonzero(placeholder)
        placeholder = placeholder.copy()
        placeholder[at] = [said_here(str(text)) for text in values.iloc[at].tolist()]
    return placeholder


def _text_dates(column: ColumnValues) -> np.ndarray | None:
    """Which text values of ``column`` (those :data:`.numbers.PARSED_NUMBERS` finds text, in order) are dates, when
    :meth:`ColumnCounts.add_values` tests each of them (None: it tests a sample of rows, or there is no text)."""
    import numpy as np

    from .numbers import PARSED_NUMBERS

    text = PARSED_NUMBERS(column)[1]
    if not text.any():
        return None
    words = int(column.counts[text].sum())
    worded = np.flatnonzero(text)
    if not words or (max(1, words // DATE_SAMPLE) != 1 and len(worded) > ALL_DATES):
        return None
    return _dates(column, worded)


# made ahead on the CSV reader's thread (a pure function of the column's distinct values)
TEXT_DATES = ValuesPreparation("placeholder-text-dates", _text_dates)


def _dates(column: ColumnValues, tested: np.ndarray) -> np.ndarray:
    """Which of the distinct values at ``tested`` are dates (:data:`DATE`): in pyarrow on those values only."""
    from .cells import arrow_fullmatch, fullmatch_mask

    cells = None if len(column.codes) <= column.SMALL else column.arrow
    if cells is None:
        return fullmatch_mask(column.values.iloc[tested], DATE.pattern)
    import numpy as np
    import pyarrow as pa

    cells = one_array(cells)
    picked = cells.take(pa.array(tested))
    if len(tested) <= FEW_DATES:  # Python's re gives RE2's verdicts on this pattern (ASCII classes only), sooner
        return np.fromiter((DATE.fullmatch(text) is not None for text in picked.to_pylist()), dtype=bool,
                           count=len(tested))
    return arrow_fullmatch(picked, DATE.pattern)


class PlaceholderCheck(BaseTableCheck):
    name = "placeholder-value"
    types = ("placeholder-value",)

    @property
    def preparations(self) -> tuple[ValuesPreparation, ...]:
        """The shared number parse, made ahead on the CSV reader's thread (numpy: imported when a check runs)."""
        from .numbers import PARSED_NUMBERS
        from .plain import PLAIN_NUMBERS

        return (PLAIN_NUMBERS, PARSED_NUMBERS, TEXT_DATES)

    def start(self, context: CheckContext) -> None:
        self.columns: dict[str, ColumnCounts] = {}
        self.numbers: dict[str, int] = {}

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        if len(column.codes) < STACK_ROWS and len(context.fields) > 1:
            return ()  # a short chunk of several columns: parsed at once by :meth:`check_chunk`
        self.columns.setdefault(column.name, ColumnCounts()).add_values(column)
        self.numbers[column.name] = column.number
        return ()

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        from .numbers import parse_frame

        if len(chunk) >= STACK_ROWS or len(chunk.columns) <= 1:
            return ()  # done on each column's distinct values by :meth:`check_values`
        numbers, text = parse_frame(chunk, shared=True)
        if 0 < len(chunk) <= DATE_SAMPLE and len(chunk.columns) > 1:  # short and wide: every cell at once
            self._add_short(chunk, numbers, text)
            return ()
        for number, column in enumerate(chunk.columns, start=1):
            self.columns.setdefault(str(column), ColumnCounts()).add(chunk.iloc[:, number - 1],
                                                                      (numbers[:, number - 1], text[:, number - 1]))
            self.numbers[str(column)] = number
        return ()

    def _add_short(self, chunk: pd.DataFrame, numbers: np.ndarray, text: np.ndarray) -> None:
        """What :meth:`ColumnCounts.add` counts, for all the columns of a chunk of at most ``DATE_SAMPLE`` rows
        (every text cell is then tested for a date)."""
        import numpy as np
        import pandas as pd

        from .cells import stacked

        rows, width = chunk.shape
        values = pd.Series(pd.array(stacked(chunk), dtype="str"))
        filled = (values != "").to_numpy(dtype=bool).reshape(width, rows).T
        flat_dates = np.zeros(rows * width, dtype=bool)  # column after column, as ``values``
        if text.any():
            flat = np.flatnonzero(text.T.ravel())
            flat_dates[flat] = values.iloc[flat].str.fullmatch(DATE.pattern).fillna(False).to_numpy(dtype=bool)
        dates = flat_dates.reshape(width, rows).T
        placeholder = filled & np.isnan(numbers) & ~text
        if placeholder.any():  # a formula's error is reported by ``excel-error``
            at = np.flatnonzero(placeholder.T.ravel())
            flat = placeholder.T.ravel()
            flat[at] = [said_here(str(text)) for text in values.iloc[at].tolist()]
            placeholder = flat.reshape(width, rows).T
        flat_masked = np.zeros(rows * width, dtype=bool)
        if text.any():
            flat = np.flatnonzero(text.T.ravel())
            flat_masked[flat] = _masked(values.iloc[flat])
        masked = flat_masked.reshape(width, rows).T.sum(axis=0)
        found = (~np.isnan(numbers)).sum(axis=0)
        words = text.sum(axis=0)
        dated = dates.sum(axis=0)
        index = chunk.index
        for number, column in enumerate(chunk.columns, start=1):
            counts = self.columns.setdefault(str(column), ColumnCounts())
            self.numbers[str(column)] = number
            position = number - 1
            counts.numbers += int(found[position])
            counts.dates += int(dated[position])
            counts.text += int(words[position]) - int(dated[position])
            counts.thresholds(int(masked[position]))
            if placeholder[:, position].any():
                at = np.flatnonzero(placeholder[:, position])
                picked = values.iloc[at + position * rows]
                cells = [str(cell) for cell in picked]
                counts.placeholders.update(picked.str.strip().tolist())
                for i, cell in list(zip(at, cells, strict=True))[: max(0, EXAMPLES - len(counts.examples))]:
                    counts.examples.append((int(index[i]), cell))

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for column, counts in self.columns.items():
            counts.measured()
            if not counts.placeholders or not counts.typed:
                continue
            row, cell = counts.examples[0] if counts.examples else (None, next(iter(counts.placeholders)))
            total = sum(counts.placeholders.values())
            kind = counts.kind
            named = [text for text, _ in counts.placeholders.most_common(SHOWN)]
            more = len(counts.placeholders) > SHOWN
            message = MESSAGE.format(field=column, count=number_text(total), kind=kind.fr, kind_en=kind.en, row=row,
                                     cells=" ou ".join(f"« {text} »" for text in named) + (" (…)" if more else ""),
                                     cells_en=" or ".join(f"'{text}'" for text in named) + (" (…)" if more else ""))
            zero = next((text for _, text in counts.examples if ACCOUNTING_ZERO.fullmatch(text)), None)
            extra: dict[str, object] = {}
            if zero is not None:
                note = ZERO_NOTE.format(cell=zero)
                message = Msg(message.fr + note.fr, message.en + note.en)
                extra["accountingZero"] = True  # the fix ``accounting-zeros`` writes 0 in its dashes
            yield Finding("placeholder-value", Severity.WARNING, message, TIP, row_number=row, field_name=column,
                          field_number=self.numbers.get(column), cell=cell,
                          extra={"count": total, "values": dict(counts.placeholders),
                                 "examples": [{"rowNumber": r, "cell": c} for r, c in counts.examples], **extra})


class PlaceholderFix:
    name = "placeholder-value"
    reads = ("placeholder-value",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Cellules « - », « n.d. »… vidées", "'-', 'n/a'… cells emptied")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        changes: list[Change] = []
        table = table.copy()
        for column in table.columns:
            counts = ColumnCounts()
            mask = counts.add(table[column])
            if not mask.any() or not counts.typed:
                continue
            if counts.masked:  # « n.d. » beside thresholds: « not detected », kept (:meth:`ColumnCounts.measured`)
                mask &= ~table[column].map(is_not_detected).to_numpy(dtype=bool)
            rows = table.index[mask]
            changes.extend(replace_cells(table, str(column), table.loc[rows, column].map(lambda _: ""), self.name))
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import columns_of, findings

        columns = columns_of(context, ["placeholder-value"])
        # an « n.d. » the finding does not list is kept: beside thresholds it says « not detected » (see
        # :meth:`ColumnCounts.measured`), moved with them by ``split-number-notes``
        listed = {f.field_name for f in findings(context, ["placeholder-value"])
                  if any(is_not_detected(text) for text in dict(f.extra.get("values") or {}))}
        return FixPlan(rewrites={label: _emptied if label in listed else _emptied_measures
                                 for label in columns}) if columns else None


def _emptied_measures(values: pd.Series) -> pd.Series:
    """:func:`_emptied` in a column whose finding lists no « n.d. » (a column of measures holding thresholds): its
    « n.d. » (not detected) kept."""
    import numpy as np

    emptied = _emptied(values)
    changed = np.flatnonzero((emptied != values).to_numpy(dtype=bool))  # the placeholders emptied, a few cells
    kept = [position for position, text in zip(changed.tolist(), values.iloc[changed].tolist(), strict=True)
            if is_not_detected(text)]
    if not kept:
        return emptied
    emptied = emptied.copy()
    emptied.iloc[kept] = values.iloc[kept]
    return emptied


def _emptied(values: pd.Series) -> pd.Series:
    """Placeholders emptied (the column is one the check found to hold numbers or dates). A placeholder is one of
    the known forms (a cheap ``isin`` first), then exactly what :class:`ColumnCounts` flags."""
    import numpy as np

    from .cells import arrow_text
    from .number_forms import _PLACEHOLDER_FORMS

    cells = arrow_text(values)
    if cells is not None and not cells.null_count:  # the same test in pyarrow, without pandas around it
        import pyarrow as pa
        import pyarrow.compute as pc

        forms = pa.array(sorted(_PLACEHOLDER_FORMS), type=cells.type)
        known = np.asarray(pc.is_in(cells, value_set=forms).to_numpy(zero_copy_only=False), dtype=bool)
    else:
        known = values.isin(_PLACEHOLDER_FORMS).to_numpy(dtype=bool)
    if not known.any():
        return values
    mask = np.zeros(len(values), dtype=bool)
    mask[known] = ColumnCounts().add(values[known])
    return values.where(~mask, "") if mask.any() else values


class AccountingZerosFix:
    """Write 0 in the dashes of Excel's accounting format (« ␣-␣␣␣ ») in a column of numbers, before the spaces are
    trimmed (which would leave a « - » that ``placeholder-value`` empties): the cell was a zero, shown as a dash."""

    name = "accounting-zeros"
    reads = ("placeholder-value",)  # the finding types its plan reads (see ``Fix.reads``)
    label = Msg("Zéros du format Comptabilité (« - ») écrits 0", "Accounting-format zeros ('-') written 0")

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]:
        changes: list[Change] = []
        table = table.copy()
        for column in _zero_columns(context, [str(label) for label in table.columns]):
            zeroed = _zeroed(table[column])
            changed = zeroed[zeroed != table[column]]
            if len(changed):
                changes.extend(replace_cells(table, column, changed, self.name))
        return table, changes

    def plan(self, context: FixContext) -> FixPlan | None:
        from ..quality.fix_plans import fields

        columns = _zero_columns(context, fields(context))
        return FixPlan(rewrites={label: _zeroed for label in columns}) if columns else None


def _zero_columns(context: FixContext, labels: list[str]) -> list[str]:
    """Those of ``labels`` whose ``placeholder-value`` finding says they hold the accounting format's zero."""
    from ..quality.fix_plans import findings

    named = {f.field_name for f in findings(context, ["placeholder-value"]) if f.extra.get("accountingZero")}
    return [name for name in labels if name in named]


def _zeroed(values: pd.Series) -> pd.Series:
    """The accounting format's dashes (:data:`ACCOUNTING_ZERO`) written 0, the other cells as they are."""
    mask = values.str.fullmatch(ACCOUNTING_ZERO.pattern).fillna(False).to_numpy(dtype=bool)
    return values.where(~mask, "0") if mask.any() else values


@hookimpl
def odwb_checks(context: CheckContext) -> list[PlaceholderCheck]:
    return [PlaceholderCheck()]


@hookimpl
def odwb_fixes() -> list[PlaceholderFix | AccountingZerosFix]:
    return [AccountingZerosFix(), PlaceholderFix()]
