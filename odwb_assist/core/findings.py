"""The finding: one problem found in a table, with where it is and how to fix it.

This module is the contract between checks (built-in or plugins) and reports. A check produces
:class:`Finding` objects; messages and tips are :class:`~odwb_assist.core.i18n.Msg` pairs so that the
report picks the language when it is rendered. Plugins import it from :mod:`odwb_assist.plugin`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .i18n import Msg


class Severity(StrEnum):
    """How bad a finding is. Only ``error`` makes a file invalid (exit code 1)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One problem.

    ``row_number`` is the physical row as a spreadsheet shows it (1-based, title and header rows
    counted); ``None`` for problems of the whole table or of a column. ``field_name`` is the column
    label, ``None`` for whole-row or whole-table problems.

    One finding may stand for the same problem on many rows of a column or many cells of a row:
    ``count`` is then the number of cells (or rows) concerned and ``rows`` every row concerned, in
    order; ``row_number`` and ``cell`` are the first of them.
    """

    type: str
    severity: Severity
    message: Msg
    tip: Msg
    row_number: int | None = None
    field_name: str | None = None
    field_number: int | None = None
    cell: str | None = None
    source: str = "odwb"  # "frictionless", "odwb" or a plugin name
    extra: dict[str, Any] = field(default_factory=dict)
    count: int = 1
    rows: tuple[int, ...] = ()

    @property
    def all_rows(self) -> tuple[int, ...]:
        """Every row concerned (``rows``, or the one ``row_number``)."""
        if self.rows:
            return self.rows
        return (self.row_number,) if self.row_number is not None else ()

    def to_dict(self, lang: str = "fr") -> dict[str, Any]:
        """The JSON-report shape of a finding (see docs/report-contract.md)."""
        data: dict[str, Any] = {
            "type": self.type,
            "severity": self.severity.value,
            "rowNumber": self.row_number,
            "fieldName": self.field_name,
            "fieldNumber": self.field_number,
            "cell": self.cell,
            "message": self.message(lang),
            "tip": self.tip(lang),
            "source": self.source,
            "count": self.count,
            "rows": list(self.all_rows),
        }
        if self.extra:
            data["extra"] = self.extra
        return data
