"""Helpers for fixes. The fix contract (``Change``, ``FixContext``, ``Fix``) is in :mod:`odwb_assist.core.contract`;
its old names here keep working for one release, with a :class:`DeprecationWarning`."""

from __future__ import annotations

import warnings
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
