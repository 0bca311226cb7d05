"""The base of a check that reads its columns' cells as numbers: it asks for the shared number parse
(:data:`.numbers.PARSED_NUMBERS`), made once per chunk column for every such check, ahead on the CSV reader's thread.

Imported lazily: the parse imports numpy, which registering the checks at start-up does not need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.contract import BaseTableCheck, ColumnValues, ValuesPreparation

if TYPE_CHECKING:
    import numpy as np


class NumbersCheck(BaseTableCheck):
    """A table check that reads numbers from its columns' distinct values (:meth:`parsed`)."""

    @property
    def preparations(self) -> tuple[ValuesPreparation, ...]:
        """The shared number parse, made ahead on the CSV reader's thread."""
        from .numbers import PARSED_NUMBERS

        return (PARSED_NUMBERS,)

    @staticmethod
    def parsed(column: ColumnValues) -> np.ndarray:
        """The column's distinct values as numbers (NaN where a value is none), parsed once for every check."""
        from .numbers import PARSED_NUMBERS

        numbers: np.ndarray = column.prepared(PARSED_NUMBERS)[0]
        return numbers
