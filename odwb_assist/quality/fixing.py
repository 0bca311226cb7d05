"""What a fix is: a safe, previewable transformation of a table (the ``odwb_fixes`` contract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..core.i18n import Msg

if TYPE_CHECKING:
    import pandas as pd

    from .report import QualityReport


@dataclass(frozen=True)
class Change:
    """One cell (or row, when ``field_name`` is None) changed or dropped by a fix."""

    fix: str
    row_number: int | None
    field_name: str | None
    before: str | None
    after: str | None  # None: the row was dropped


@dataclass
class FixContext:
    """What a fix may know: the quality report of the source, detected field kinds, language."""

    report: QualityReport | None = None
    kinds: dict[str, str] = field(default_factory=dict)
    lang: str = "fr"
    options: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class Fix(Protocol):
    """A transformation of the whole table (raw text cells, index = physical row numbers).

    ``apply`` returns the new table and the list of changes; it never touches a file.
    """

    name: str
    label: Msg

    def apply(self, table: pd.DataFrame, context: FixContext) -> tuple[pd.DataFrame, list[Change]]: ...


def replace_cells(table: pd.DataFrame, column: str, new_values: pd.Series, fix: str) -> list[Change]:
    """Write ``new_values`` (indexed by the rows that change) into ``table[column]``; one Change per cell."""
    if new_values.empty:
        return []
    before = table.loc[new_values.index, column]
    table.loc[new_values.index, column] = new_values
    return [Change(fix, int(row), str(column), str(before[row]), str(new_values[row])) for row in new_values.index]
