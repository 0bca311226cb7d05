"""The contract that checks, field kinds, fixes and publication blockers implement, built-in or plugins.

Checks work on *chunks*: a :class:`pandas.DataFrame` of raw cell text (``str``; empty cells are
``""``), whose columns are the table's labels and whose index is the physical row number as a
spreadsheet shows it. A check is vectorised over the chunk wherever it can be (no per-cell Python
callback in hot paths), keeps whatever state it needs between chunks, and reports whole-table
findings in :meth:`TableCheck.end`. A fix is a safe, previewable transformation of the whole table
(the ``odwb_fixes`` contract); a blocker is a reason to refuse a publication
(``odwb_publication_blockers``). The hook specifications (:mod:`.hookspecs`) name these types;
plugins import them from :mod:`odwb_assist.plugin`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from .findings import Finding
from .i18n import Msg

if TYPE_CHECKING:
    import numpy as np
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


class ColumnValues:
    """One column of one chunk, dictionary-encoded once and shared by every check and field kind.

    A validator that works on ``values`` (the distinct non-empty cells, a pandas text Series indexed
    0..k-1) runs once per distinct value instead of once per row; :meth:`rows_where` and :meth:`cells`
    map a verdict over the distinct values back to the physical row numbers. Empty cells (``""``) are
    not among ``values`` (their code is -1). ``texts`` holds the same values as a Python list, cheaper
    than a pandas call when there are only a few of them (a wide sheet with a few rows).
    """

    __slots__ = ("name", "number", "kind", "codes", "rows", "_values", "_texts", "_counts", "ahead")

    SMALL = 64  # rows: a shorter column is encoded in plain Python (a pandas call costs more than that)

    def __init__(self, name: str, number: int, kind: str | None, values: pd.Series | None, codes: np.ndarray,
                 rows: np.ndarray, *, texts: list[str] | None = None, counts: np.ndarray | None = None) -> None:
        self.name = name  # the column's label
        self.number = number  # its position, 1-based
        self.kind = kind  # its field kind's name, if any
        self.codes = codes  # for each row of the chunk: the position of its cell in ``values``, -1 when empty
        self.rows = rows  # for each row of the chunk: its physical row number
        self._values = values  # distinct non-empty cells (index 0..k-1); built from ``texts`` on first use
        self._texts = texts
        self._counts: np.ndarray | None = counts  # given when counted ahead (the engine's reader thread)
        self.ahead: dict[str, Any] = {}  # what :meth:`prepared` keeps, by preparation name (filled ahead by the engine)

    @classmethod
    def from_series(cls, series: pd.Series, number: int, kind: str | None = None) -> ColumnValues:
        """Encode a chunk column (text cells, index = row numbers)."""
        import numpy as np
        import pandas as pd

        if len(series) <= cls.SMALL:
            seen: dict[str, int] = {}
            found = [seen.setdefault(cell, len(seen)) if isinstance(cell, str) and cell != "" else -1
                     for cell in series.tolist()]
            return cls(str(series.name), number, kind, None, np.asarray(found, dtype=np.int64),
                       series.index.to_numpy(), texts=list(seen))
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        codes = np.asarray(codes, dtype=np.int64)
        values = pd.Series(uniques, dtype="str")
        empty = np.flatnonzero((values == "").to_numpy(dtype=bool))
        if len(empty):  # drop "" from the distinct values and give its rows the code -1
            at = int(empty[0])
            codes = np.where(codes == at, -1, np.where(codes > at, codes - 1, codes))
            values = values.drop(index=at).reset_index(drop=True)
        return cls(str(series.name), number, kind, values, codes, series.index.to_numpy())

    @property
    def values(self) -> pd.Series:
        """The distinct non-empty cells, a pandas text Series indexed 0..k-1."""
        if self._values is None:
            import pandas as pd

            self._values = pd.Series(self._texts if self._texts is not None else [], dtype="str")
        return self._values

    @property
    def texts(self) -> list[str]:
        """The distinct non-empty cells as a Python list (the order of ``values``)."""
        if self._texts is None:
            values = self.values
            texts = values.tolist()
            if values.dtype != "str":  # a text Series already gives Python strings
                texts = [str(value) for value in texts]
            self._texts = texts
        return self._texts

    @property
    def arrow(self) -> Any:
        """The distinct non-empty cells as a pyarrow array or chunked array (for ``pyarrow.compute``), or None when
        ``values`` is not pyarrow-backed."""
        if self._texts is not None and self._values is None:
            return None
        return getattr(self.values.array, "_pa_array", None)

    def __len__(self) -> int:
        return len(self._texts) if self._texts is not None else len(self.values)

    @property
    def counts(self) -> np.ndarray:
        """How many rows of the chunk hold each distinct value."""
        import numpy as np

        if self._counts is None:
            self._counts = np.bincount(self.codes[self.codes >= 0], minlength=len(self))
        return self._counts

    def prepared(self, preparation: ValuesPreparation) -> Any:
        """What ``preparation`` computes from this column, computed once for every check of the chunk; the engine
        may have computed it ahead, on the CSV reader's thread (:class:`ValuesPreparation`)."""
        found = self.ahead.get(preparation.name, _MISSING)
        if found is _MISSING:  # two threads may both compute it: a pure function, the same result either way
            found = self.ahead[preparation.name] = preparation.compute(self)
        return found

    def row_mask(self, mask: Any) -> np.ndarray:
        """A mask over the distinct values (bool, length ``len(self)``) turned into a mask over the chunk's rows."""
        import numpy as np

        flags = np.append(np.asarray(mask, dtype=bool), False)  # code -1 (empty) reads the final False
        return flags[self.codes]

    def rows_where(self, mask: Any) -> np.ndarray:
        """The physical row numbers whose cell is flagged by ``mask`` (over the distinct values)."""
        return self.rows[self.row_mask(mask)]

    def cells(self, mask: Any) -> pd.Series:
        """The flagged cells as a text Series indexed by row number (the shape :class:`ColumnTally` counts)."""
        import numpy as np
        import pandas as pd

        selected = self.row_mask(mask)
        index = pd.Index(self.rows[selected], name="row")
        arrow = None if self._values is None else self.arrow
        if arrow is not None and self.values.dtype == "str":  # taken in pyarrow: no Python string made
            picked = self.values.dtype.__from_arrow__(arrow.take(self.codes[selected]))
            return pd.Series(picked, index=index, name=self.name, copy=False)
        distinct = (np.asarray(self._texts, dtype=object) if self._texts is not None
                    else self.values.to_numpy(dtype=object))
        picked = distinct[self.codes[selected]]
        return pd.Series(picked, index=index, dtype="str", name=self.name)


_MISSING = object()


@dataclass(frozen=True)
class ValuesPreparation:
    """Work on a chunk column's distinct values that depends on nothing else (no check state, no other column):
    a parse, hashes, pattern verdicts. A check lists its preparations in ``preparations``; the engine computes
    them for the next chunk on the CSV reader's thread, while the checks run on the current one (pyarrow and
    numpy release the GIL: the two cores work at once), and ``column.prepared(preparation)`` (or calling the
    preparation on the column) returns the result; computed then and there when it was not made ahead (another
    reader, a failure ahead, a test), with the same result.

    ``compute(column)`` must be a pure function of ``column.values`` / ``column.arrow``, ``len(column)``,
    ``column.number``, ``column.name``, ``column.kind`` and whether ``column.codes`` holds -1 (an empty cell); it
    runs on another thread, so it must neither change nor read shared state, and should spend its time in few
    large pyarrow or numpy calls (a long Python loop there holds the GIL and stalls the checks). Ahead of the
    checks, ``column.codes`` may be int32 rather than int64, and ``column.rows`` is empty.
    """

    name: str  # unique: checks that share a preparation share its result (one computation per column)
    compute: Callable[[ColumnValues], Any]
    kinds: tuple[str, ...] = ()  # when given, only the columns of these field kinds are prepared ahead

    def __call__(self, column: ColumnValues) -> Any:
        return column.prepared(self)


@dataclass(frozen=True)
class ChunkPreparation:
    """Like :class:`ValuesPreparation`, for work that reads every column of a chunk at once (whole-row hashes):
    ``compute(columns)`` is a pure function of the chunk's :class:`ColumnValues` in order (their distinct values
    and codes, which may be int32 ahead of the checks). The engine computes it ahead when it encoded every column
    there; ``PREPARATION.of(columns)`` returns that result, else computes it then and there."""

    name: str
    compute: Callable[[list[ColumnValues]], Any]

    def of(self, columns: list[ColumnValues]) -> Any:
        found = columns[0].ahead.get(self.name, _MISSING) if columns else _MISSING
        return self.compute(columns) if found is _MISSING else found


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

ValuesValidator = Callable[[ColumnValues, CheckContext], Iterable[Finding]]
"""Given a column chunk's distinct values (:class:`ColumnValues`) and the context, the findings."""


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
    validate_values: ValuesValidator | None = None  # preferred over ``validate``: runs once per distinct value
    threshold: float = 0.5
    value_threshold: float = 0.9
    personal: bool = False  # values of this kind are personal data
    priority: int = 0  # higher wins when several kinds match a column
    prefilter: str | None = None  # re.search pattern that every value ``detect`` accepts matches
    preparations: tuple[ValuesPreparation, ...] = ()  # work on its columns' distinct values the engine may do ahead
    types: tuple[str, ...] = ()  # the finding types its validator may report (empty: not said, it always runs)


# --- Fixes -----------------------------------------------------------------------------------------


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
    runs on the distinct cells of its column in each block, then ``rename`` renames labels. ``changes`` are
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
