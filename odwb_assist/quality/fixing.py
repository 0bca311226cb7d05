"""What a fix is: a safe, previewable transformation of a table (the ``odwb_fixes`` contract)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..i18n import Msg

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


Rewrite = Callable[["pd.Series"], "pd.Series"]
"""Given a column's distinct cells (text Series), the new cells (same index; an unchanged cell stays equal)."""


@dataclass
class FixPlan:
    """What a streaming fix will do, decided before the rows are read (from the check's findings).

    The engine applies it block by block: ``rows`` are dropped (row number -> the text shown in the
    preview; None: ``describe`` of its cells), then ``columns`` (labels), then each ``rewrites`` function
    runs on the distinct cells of its column in each block, then ``rename`` renames labels. ``changes`` are
    reported once (rows above the header, renamed labels). ``scan``, when given, first sees every block
    (as read) so that a rewrite can depend on the whole column: the file is then read twice.
    """

    rows: dict[int, str | None] = field(default_factory=dict)
    describe: Callable[[list[str]], str] | None = None  # the preview text of a dropped row given as None
    columns: list[str] = field(default_factory=list)
    rewrites: dict[str, Rewrite] = field(default_factory=dict)
    rename: dict[str, str] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    scan: Callable[[pd.DataFrame], None] | None = None

    def __bool__(self) -> bool:
        return bool(self.rows or self.columns or self.rewrites or self.rename or self.changes)


@runtime_checkable
class StreamingFix(Protocol):
    """A fix that also works block by block: ``plan`` decides from the check's report (``context.report``) and
    the labels (``context.options["fields"]``) what to do, or returns None when it has nothing to do.

    A fix that only has ``apply`` (the :class:`Fix` contract) still works: the engine then reads the whole
    table, as it does when a layout fix (a table to split, a form, a header to add…) has something to do.
    """

    name: str
    label: Msg

    def plan(self, context: FixContext) -> FixPlan | None: ...


def streams(fix: object) -> bool:
    """Whether ``fix`` declares a block-by-block plan."""
    return callable(getattr(fix, "plan", None))


def replace_cells(table: pd.DataFrame, column: str, new_values: pd.Series, fix: str) -> list[Change]:
    """Write ``new_values`` (indexed by the rows that change) into ``table[column]``; one Change per cell."""
    if new_values.empty:
        return []
    before = table.loc[new_values.index, column]
    table.loc[new_values.index, column] = new_values
    return [Change(fix, int(row), str(column), str(before[row]), str(new_values[row])) for row in new_values.index]
