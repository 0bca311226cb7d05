"""The contract that checks, field kinds, fixes and publication blockers implement, built-in or plugins.

Checks work on *chunks*: a :class:`pandas.DataFrame` of raw cell text (``str``; empty cells are
``""``), whose columns are the table's labels and whose index is the physical row number as a
spreadsheet shows it. A check is vectorised over the chunk wherever it can be (no per-cell Python
callback in hot paths), keeps whatever state it needs between chunks, and reports whole-table
findings in :meth:`TableCheck.end`. A fix is a safe, previewable transformation of the whole table
(the ``odwb_fixes`` contract); a blocker is a reason to refuse a publication
(``odwb_publication_blockers``). The hook specifications (:mod:`.hookspecs`) name these types;
plugins import them from :mod:`odwb_assist.plugin`.

This module holds the checks, field kinds and blockers; a chunk column's distinct values and their
preparations are in :mod:`.column_values`, the fix contract in :mod:`.fix_contract`. Every name of the
contract is importable from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from .column_values import ChunkPreparation, ColumnValues, ValuesPreparation
from .findings import Finding
from .fix_contract import Change, Fix, FixContext, FixPlan, Rewrite, StreamingFix, reads, resolved_by, streams
from .i18n import Msg

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BaseTableCheck", "Blocker", "Change", "CheckContext", "ChunkPreparation", "ColumnValues", "Detector", "FieldKind",
    "Finding", "Fix", "FixContext", "FixPlan", "Msg", "Rewrite", "StreamingFix", "TableCheck", "Validator",
    "ValuesPreparation", "ValuesValidator", "reads", "resolved_by", "streams",
]


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

    # Optional: ``check_values(self, column: ColumnValues, context) -> Iterable[Finding]``, called for each
    # column of each chunk with its distinct values (see :class:`ColumnValues`), before ``check_chunk``.
    # Optional: ``preparations: tuple[ValuesPreparation, ...]``, work on each column's distinct values the engine
    # may do ahead, on the reader's thread (see :class:`ValuesPreparation`; a :class:`ChunkPreparation` for work
    # on all the columns at once).
    # Optional: ``blocking: tuple[str, ...]``, the types among ``types`` it may report as errors: ``fix``, which runs
    # only the checks whose findings its fixes read, runs it too, to say which errors its clean file still holds.

    def start(self, context: CheckContext) -> None: ...

    def check_chunk(self, chunk: pd.DataFrame, context: CheckContext) -> Iterable[Finding]: ...

    def end(self, context: CheckContext) -> Iterable[Finding]: ...


class BaseTableCheck:
    """Convenience base: no state, nothing at the end. Subclasses override ``check_chunk``."""

    name: str = "check"
    types: tuple[str, ...] = ()
    blocking: tuple[str, ...] = ()

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

ValuesValidator = Callable[[ColumnValues, CheckContext], Iterable[Finding]]
"""Given a column chunk's distinct values (:class:`ColumnValues`) and the context, the findings."""


@dataclass(frozen=True)
class FieldKind:
    """A semantic kind of column (``be-nis-code``, ``email``, ``wgs84-latitude``, …).

    A Table Schema field may declare its kind (``"odwb:kind": "be-nis-code"``); otherwise the engine
    detects it: a header matching one of ``header_patterns`` (regular expressions, matched against
    the lower-cased, accent-free header) together with ``detect`` scoring at least ``threshold`` on
    a sample, or ``detect`` alone scoring at least ``value_threshold``. ``header_detect``, when given, scores the
    sample in place of ``detect`` when the header matches: the share of values that have the kind's shape, right or
    wrong (a column titled « Numéro d'entreprise » whose numbers all have a wrong check digit is then checked, not
    left unchecked). ``prefilter``, a regular expression that every value ``detect`` (and ``header_detect``)
    accepts contains, lets the engine skip them on columns where too few values could pass (wide files have
    hundreds of columns).
    """

    name: str
    label: Msg
    header_patterns: tuple[str, ...] = ()
    detect: Detector | None = None
    header_detect: Detector | None = None  # the score when the header matches (default: ``detect``)
    validate: Validator | None = None
    validate_values: ValuesValidator | None = None  # preferred over ``validate``: runs once per distinct value
    threshold: float = 0.5
    value_threshold: float = 0.9
    personal: bool = False  # values of this kind are personal data
    identifier: bool = False  # each value belongs to its own row (an enterprise number, an e-mail, a phone): never a
    # label heading a group of rows, never filled down into the blanks under it
    priority: int = 0  # higher wins when several kinds match a column
    prefilter: str | None = None  # re.search pattern that every value ``detect`` accepts matches
    preparations: tuple[ValuesPreparation, ...] = ()  # work on its columns' distinct values the engine may do ahead
    types: tuple[str, ...] = ()  # the finding types its validator may report (empty: not said, it always runs)
    blocking: tuple[str, ...] = ()  # those it may report as errors: ``fix`` runs it to say what its clean file holds


# --- Publication blockers --------------------------------------------------------------------------


@dataclass(frozen=True)
class Blocker:
    """Why the dataset must not be published as it is, where, and how to fix it.

    ``code`` is a stable identifier (``personal-data``, ``invalid-file``, ``missing-license``…).
    A blocker with ``overridable=True`` can be lifted only explicitly, with a written justification
    that is kept in the publication record.
    """

    code: str
    message: Msg
    advice: Msg
    field_name: str | None = None
    overridable: bool = True
    source: str = "odwb"

    def to_dict(self, lang: str = "fr") -> dict[str, object]:
        return {
            "code": self.code,
            "fieldName": self.field_name,
            "message": self.message(lang),
            "advice": self.advice(lang),
            "overridable": self.overridable,
            "source": self.source,
        }
