"""The fix contract: what a fix (the ``odwb_fixes`` hook) implements, whole-table or block by block.

A fix is a safe, previewable transformation of the whole table (:class:`Fix`) that reports each
:class:`Change`; a fix that streams also returns a :class:`FixPlan` (:class:`StreamingFix`). Plugins import
these from :mod:`odwb_assist.plugin` (and :mod:`odwb_assist.core.contract` re-exports them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from .i18n import Msg

if TYPE_CHECKING:
    import pandas as pd


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

    report: Any = None  # the source's odwb_assist.quality.report.QualityReport, when known
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
    runs on the distinct cells of its column in each block, then ``rename`` renames labels (after the renames of
    the fixes that run before it: its keys are the titles they leave, ``context.options["titles"]``, each label
    of the report -> its title so far, when one of them renames). ``changes`` are
    reported once (rows above the header, renamed labels). ``scan``, when given, first sees every block
    (as read) so that a rewrite can depend on the whole column: the file is then read twice. A rewrite is a
    function of each cell alone, without state: it may run once on every distinct cell of the column as the
    check met them, and on two columns at once (two threads).
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

    Optional: ``reads: tuple[str, ...]``, the finding types its ``plan`` and ``apply`` read from the report
    (its ``triggers`` are added). When every chosen fix says what it reads, ``fix`` runs only the checks and
    field kinds that may report those types (see :func:`reads`); a fix that does not say has the whole check.
    Optional: ``resolves: tuple[str, ...]``, the error types it takes out of the clean file when it changes
    something (by default, the types it reads and triggers on: :func:`resolved_by`); ``fix`` lists the errors no
    fix resolves as left to correct by hand.
    """

    name: str
    label: Msg

    def plan(self, context: FixContext) -> FixPlan | None: ...


def streams(fix: object) -> bool:
    """Whether ``fix`` declares a block-by-block plan."""
    return callable(getattr(fix, "plan", None))


def reads(fix: object) -> frozenset[str] | None:
    """The finding types ``fix`` reads from the check's report (its ``reads`` and ``triggers``); None when it does
    not say (it may read any)."""
    declared = getattr(fix, "reads", None)
    if declared is None:
        return None
    return frozenset(declared) | frozenset(getattr(fix, "triggers", None) or ())


def resolved_by(fix: object) -> frozenset[str]:
    """The finding types ``fix`` takes out of the clean file when it changes something: its ``resolves``, else the
    types it reads and triggers on (a fix reads the findings it acts on)."""
    declared = getattr(fix, "resolves", None)
    if declared is not None:
        return frozenset(declared)
    return frozenset(getattr(fix, "reads", None) or ()) | frozenset(getattr(fix, "triggers", None) or ())
