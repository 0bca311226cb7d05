"""Helpers for the ``plan`` of a streaming fix: what the check's report says, read as rows and columns to fix.

A plan needs every finding of the types it reads: when the report kept only some of them (more than a
thousand findings of one type), :class:`IncompletePlan` sends the engine to the whole-table path.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.findings import Finding, Severity

if TYPE_CHECKING:
    from ..core.contract import FixContext
    from .report import QualityReport


class IncompletePlan(Exception):
    """The report does not hold every finding a plan needs (the engine then reads the whole table)."""


def findings(context: FixContext, types: Iterable[str], severity: Severity | None = None) -> list[Finding]:
    """Every finding of ``types`` (optionally of one severity) in the report of ``context``.

    A report of the checks of some types only (``context.options["checked_types"]``, see ``Fix.reads``) holds no
    finding of the others: a plan that asks for one is incomplete (its fix did not declare it)."""
    report: QualityReport | None = context.report
    if report is None:
        raise IncompletePlan("no report")
    wanted = set(types)
    checked = context.options.get("checked_types")
    if checked is not None and not wanted <= checked:
        raise IncompletePlan(f"not checked: {', '.join(sorted(wanted - checked))}")
    found = [f for f in report.findings if f.type in wanted]
    for kind in wanted:
        kept = sum(1 for f in found if f.type == kind)
        if kept < report.stats.get(kind, 0):
            raise IncompletePlan(kind)
    return [f for f in found if severity is None or f.severity == severity]


def rows_of(context: FixContext, types: Iterable[str], severity: Severity | None = None) -> list[int]:
    """The rows of every finding of ``types``, in order, once each."""
    return sorted({row for f in findings(context, types, severity) for row in f.all_rows})


def columns_of(context: FixContext, types: Iterable[str], severity: Severity | None = None) -> list[str]:
    """The columns named by the findings of ``types``, in the table's order."""
    named = {f.field_name for f in findings(context, types, severity) if f.field_name}
    return [name for name in fields(context) if name in named]


def number_columns(context: FixContext, which: str) -> list[str]:
    """The columns a number fix converts (``which``: ``decimal``, ``thousands`` or ``strip_count_words``), as the
    whole-table fixes decide, from the counts gathered during the check (:mod:`odwb_assist.checks.fix_stats`)."""
    stats = context.options.get("column_stats")
    if stats is None:
        raise IncompletePlan("no column counts")
    typed = set(columns_of(context, ["placeholder-value"]))
    return [name for name in fields(context) if getattr(stats.decide(name, name in typed), which)]


def display_columns(context: FixContext) -> dict[str, str | None]:
    """The columns whose numbers written for display ``number-display`` reads, each with the unit its title gets
    (None: none), as the whole-table fix decides, from the counts gathered during the check."""
    stats = context.options.get("column_stats")
    if stats is None:
        raise IncompletePlan("no column counts")
    typed = set(columns_of(context, ["placeholder-value"]))
    decisions = {name: stats.decide(name, name in typed) for name in fields(context)}
    return {name: decision.unit for name, decision in decisions.items() if decision.display}


def fields(context: FixContext) -> list[str]:
    """The table's column names (as the fix engine reads them)."""
    return [str(name) for name in context.options.get("fields", [])]
