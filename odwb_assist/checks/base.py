"""What a check and a field kind are: the contract that built-in checks and plugins implement.

Checks work on *chunks*: a :class:`pandas.DataFrame` of raw cell text (``str``; empty cells are
``""``), whose columns are the table's labels and whose index is the physical row number as a
spreadsheet shows it. A check is vectorised over the chunk wherever it can be (no per-cell Python
callback in hot paths), keeps whatever state it needs between chunks, and reports whole-table
findings in :meth:`TableCheck.end`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..i18n import Msg
from ..quality.model import Finding

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class CheckContext:
    """What a check may know about the table and the project besides the cells themselves."""

    source: str
    fields: list[str]
    header_row: int = 1
    kinds: dict[str, str] = field(default_factory=dict)  # field name -> field kind name
    lang: str = "fr"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    administration_nis: str | None = None  # from odwb.toml, when known
    options: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class TableCheck(Protocol):
    """A check over the rows of a table, chunk by chunk.

    ``types`` lists the stable error ``type`` values this check may emit.
    """

    name: str
    types: tuple[str, ...]

    def start(self, context: CheckContext) -> None: ...

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]: ...

    def end(self, context: CheckContext) -> Iterable[Finding]: ...


class BaseTableCheck:
    """Convenience base: no state, nothing at the end. Subclasses override ``check_chunk``."""

    name: str = "check"
    types: tuple[str, ...] = ()

    def start(self, context: CheckContext) -> None:
        return None

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]:
        return ()

    def end(self, context: CheckContext) -> Iterable[Finding]:
        return ()


Detector = Callable[["pd.Series"], float]
"""Given a sample of a column's non-empty raw values, the share (0..1) that look like this kind."""

Validator = Callable[["pd.Series", str, CheckContext], Iterable[Finding]]
"""Given a column chunk (index = physical row numbers), its label and the context, the findings."""


@dataclass(frozen=True)
class FieldKind:
    """A semantic kind of column (``be-nis-code``, ``email``, ``wgs84-latitude``, …).

    A Table Schema field may declare its kind (``"odwb:kind": "be-nis-code"``); otherwise the engine
    detects it: a header matching one of ``header_patterns`` (regular expressions, matched against
    the lower-cased, accent-free header) together with ``detect`` scoring at least ``threshold`` on
    a sample, or ``detect`` alone scoring at least ``value_threshold``. ``prefilter``, a regular
    expression that every value ``detect`` accepts contains, lets the engine skip ``detect`` on
    columns where too few values could pass (wide files have hundreds of columns).
    """

    name: str
    label: Msg
    header_patterns: tuple[str, ...] = ()
    detect: Detector | None = None
    validate: Validator | None = None
    threshold: float = 0.5
    value_threshold: float = 0.9
    personal: bool = False  # values of this kind are personal data
    priority: int = 0  # higher wins when several kinds match a column
    prefilter: str | None = None  # re.search pattern that every value ``detect`` accepts matches
