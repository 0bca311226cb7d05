"""How much of a column the shared number parse reads as numbers, counted chunk by chunk.

The checks that speak of a column of numbers written some odd way (notes « 16 620 (p) », masked « <5 », negatives
« (1 500,00) ») say it only when numbers are nearly all its filled cells (:data:`.decimal_comma.NUMBER_SHARE`, the
share the number fixes convert at); they count from the first chunk where the odd cells appear, since most columns
never hold one.
"""

from __future__ import annotations

from collections import Counter

from ..core.contract import ColumnValues
from .decimal_comma import NUMBER_SHARE


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
