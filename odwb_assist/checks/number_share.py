"""How much of a column the shared number parse reads as numbers, counted chunk by chunk.

The checks that speak of a column of numbers written some odd way (notes « 16 620 (p) », masked « <5 », negatives
« (1 500,00) ») say it only when numbers are nearly all its filled cells (:data:`.decimal_comma.NUMBER_SHARE`, the
share the number fixes convert at); they count from the first chunk where the odd cells appear, since most columns
never hold one. :class:`OddNumbersCheck` is such a check, its odd cells told by a subclass (negatives written for
display, open-ended classes).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, CheckContext, ColumnValues, ValuesPreparation
from ..core.findings import Finding, Severity
from ..core.i18n import Msg
from .decimal_comma import NUMBER_SHARE
from .tally import ColumnTally

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa


class NumberShare:
    """Per column: the filled cells and those read as numbers (:data:`.numbers.PARSED_NUMBERS`)."""

    def __init__(self) -> None:
        self.numbers: Counter[str] = Counter()
        self.filled: Counter[str] = Counter()

    def add(self, column: ColumnValues) -> None:
        """Count a chunk of ``column``."""
        import numpy as np

        from .numbers import PARSED_NUMBERS

        numbers = column.prepared(PARSED_NUMBERS)[0]
        counts = column.counts
        self.numbers[column.name] += int(counts[~np.isnan(numbers)].sum())
        self.filled[column.name] += int(counts.sum())

    def nearly_all(self, name: str, besides: int = 0) -> bool:
        """Whether the numbers of column ``name``, with ``besides`` cells more, are nearly all its filled cells."""
        return self.numbers[name] + besides >= NUMBER_SHARE * self.filled[name]


class OddNumbersCheck(BaseTableCheck):
    """A warning on cells written some odd way in a column of numbers (« (1 500,00) », « 95 ans et plus »): a
    subclass says which cells (:meth:`odd`), its type, message and tip. A column is counted from its first chunk
    holding one (most never have one: plain numbers end there) and said when :meth:`said` (its numbers nearly all its
    filled cells)."""

    name: str
    types: tuple[str, ...]
    message: Msg
    tip: Msg

    @property
    def preparations(self) -> tuple[ValuesPreparation, ...]:
        """The plain-number verdicts and the shared number parse, made ahead on the CSV reader's thread."""
        from .numbers import PARSED_NUMBERS
        from .plain import PLAIN_NUMBERS

        return (PLAIN_NUMBERS, PARSED_NUMBERS)

    def start(self, context: CheckContext) -> None:
        self.tally = ColumnTally()
        self.share = NumberShare()

    def odd(self, cells: pa.Array, plain: np.ndarray | None) -> np.ndarray:
        """Which distinct values (an Arrow text array) are odd; ``plain``: which are plain numbers (None: unknown)."""
        raise NotImplementedError

    def odd_values(self, column: ColumnValues, plain: np.ndarray | None, counted: bool) -> np.ndarray:
        """Which distinct values of ``column`` are odd (:meth:`odd` on their text, by default); ``counted``: the
        column is counted already (an odd cell was met in an earlier chunk)."""
        from .plain import text_cells

        return self.odd(text_cells(column), plain)

    def check_values(self, column: ColumnValues, context: CheckContext) -> Iterable[Finding]:
        from .plain import plain_numbers

        if not len(column):
            return ()
        counted = bool(self.tally.counts[column.name])
        plain = plain_numbers(column)
        if plain is not None and plain[0].all() and not counted:
            return ()  # amounts, codes, coordinates: plain numbers are never odd
        found = self.odd_values(column, None if plain is None else plain[0], counted)
        if not found.any() and not counted:
            return ()  # the column's numbers are read only once it holds an odd cell
        self.share.add(column)
        self.tally.add_values(column, found)
        return ()

    def said(self, finding: Finding) -> bool:
        """Whether a column's finding is said: its numbers (the odd cells among them, as the parse reads them) are
        nearly all its filled cells."""
        return self.share.nearly_all(finding.field_name or "")

    def end(self, context: CheckContext) -> Iterable[Finding]:
        for finding in self.tally.findings(self.types[0], Severity.WARNING, self.message, self.tip):
            if self.said(finding):
                yield finding
