"""Helpers for fixes. The fix contract (``Change``, ``FixContext``, ``Fix``) is in :mod:`odwb_assist.core.contract`;
its old names here keep working for one release, with a :class:`DeprecationWarning`."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..core import contract

if TYPE_CHECKING:
    import pandas as pd

    from ..core.contract import Change, Fix, FixContext  # noqa: F401  (deprecated names of this module)

_MOVED = ("Change", "Fix", "FixContext")


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        warnings.warn(f"odwb_assist.quality.fixing.{name} moved to odwb_assist.core.contract (plugins: odwb_assist.plugin)",
                      DeprecationWarning, stacklevel=2)
        return getattr(contract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def replace_cells(table: pd.DataFrame, column: str, new_values: pd.Series, fix: str) -> list[Change]:
    """Write ``new_values`` (indexed by the rows that change) into ``table[column]``; one Change per cell."""
    if new_values.empty:
        return []
    before = table.loc[new_values.index, column]
    table.loc[new_values.index, column] = new_values
    return [contract.Change(fix, int(row), str(column), str(before[row]), str(new_values[row])) for row in new_values.index]


def free_label(label: str, taken: Iterable[object]) -> str:
    """``label``, or ``label_2``, ``label_2_2``… the first that no column of ``taken`` has: a column a fix adds
    never takes another's label."""
    used = {str(name) for name in taken}
    while label in used:
        label += "_2"
    return label


def label_renames(labels: list[str], new_label: Callable[[str], str | None]) -> dict[str, str]:
    """label -> the title ``new_label`` gives it (None or the same: kept), never onto another column's label: a
    duplicate label would merge two columns for every later step (« 2021 : » and « 2021 » stay two columns)."""
    taken = set(labels)
    renamed = {}
    for label in labels:
        new = new_label(label)
        if new is not None and new != label and new not in taken:
            renamed[label] = new
            taken.add(new)
    return renamed


TITLES = "titles"  # ``FixContext.options`` key: each label of the report -> its title as the plans made so far leave it


def current_titles(context: contract.FixContext) -> dict[str, str]:
    """Each label of the report -> the title the plans of the fixes that run before this one give it (itself when
    none renames it). A fix renaming titles keys its ``FixPlan.rename`` on these: the renames of a run are applied
    one after the other (« AnnÃ©e↵ » is « AnnÃ©e » once ``trim-spaces`` has run, « Année » after
    ``repair-double-encoding``)."""
    labels = [str(name) for name in context.options.get("fields", [])]
    return {label: str(context.options.get(TITLES, {}).get(label, label)) for label in labels}


def follow_plan_renames(context: contract.FixContext, rename: dict[str, str]) -> None:
    """Record in ``context`` what a plan's ``rename`` makes of the current titles (:func:`current_titles`)."""
    if rename:
        context.options[TITLES] = {label: rename.get(title, title) for label, title in current_titles(context).items()}


RENAMED = "renamed"  # ``FixContext.options`` key: each label of the report -> its column's name now (whole-table fix)


def current_label(context: contract.FixContext, label: str) -> str:
    """The name now of the column the report calls ``label``: an earlier fix of the same run may have renamed it
    (a header merged from two rows written on one)."""
    return str(context.options.get(RENAMED, {}).get(label, label))


def rename_columns(table: pd.DataFrame, renamed: dict[str, str], fix: str) -> tuple[pd.DataFrame, list[Change]]:
    """``table`` with its columns renamed, and one Change per title (row None: a label)."""
    if not renamed:
        return table, []
    return table.rename(columns=renamed), [contract.Change(fix, None, new, old, new) for old, new in renamed.items()]
