"""The finding: one problem found in a table, with where it is and how to fix it.

This module is the contract between checks (built-in or plugins) and reports. A check produces
:class:`Finding` objects; messages and tips are :class:`~odwb_assist.core.i18n.Msg` pairs so that the
report picks the language when it is rendered. Plugins import it from :mod:`odwb_assist.plugin`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, overload

from .i18n import Msg

if TYPE_CHECKING:
    import numpy as np


class RowNumbers(Sequence[int]):
    """Row numbers in one int64 array, 8 bytes a row: one finding may stand for every row of a million-row
    column (decimal commas, local dates), and a tuple of Python ints would cost 40 bytes a row. Rows that
    come in runs of consecutive numbers may be kept as those runs (:meth:`from_runs`): a few bytes for a
    column flagged whole, whatever its length.

    It reads like the tuple it replaces: length, indexing (a slice gives a tuple), iteration, equality with a
    tuple or a list; ``numpy.asarray`` gives the array (without a copy when it is kept as one).
    """

    __slots__ = ("_array", "_starts", "_ends")
    _array: np.ndarray | None
    _starts: np.ndarray | None  # runs: the first row of each
    _ends: np.ndarray | None  # runs: the position after each, in the rows

    def __init__(self, rows: Iterable[int] | np.ndarray) -> None:
        import numpy as np

        if isinstance(rows, RowNumbers):
            self._array, self._starts, self._ends = rows._array, rows._starts, rows._ends
            return
        array: np.ndarray = np.asarray(rows, dtype=np.int64)
        array.setflags(write=False)
        self._array, self._starts, self._ends = array, None, None

    @classmethod
    def from_runs(cls, starts: np.ndarray, lengths: np.ndarray) -> RowNumbers:
        """The rows ``starts[i]``, ``starts[i] + 1``, … (``lengths[i]`` of them) for each run ``i``, in that order."""
        import numpy as np

        made = cls(())
        made._array = None
        made._starts = np.asarray(starts, dtype=np.int64)
        made._ends = np.cumsum(np.asarray(lengths, dtype=np.int64))
        return made

    def _at(self, positions: np.ndarray) -> np.ndarray:
        """The rows at ``positions`` (valid, non-negative)."""
        import numpy as np

        if self._array is not None:
            return self._array[positions]
        assert self._starts is not None and self._ends is not None
        run = np.searchsorted(self._ends, positions, side="right")
        first = self._ends[run] - (self._ends - np.concatenate([[0], self._ends[:-1]]))[run]
        return self._starts[run] + (positions - first)

    def _full(self) -> np.ndarray:
        import numpy as np

        if self._array is not None:
            return self._array
        return self._at(np.arange(len(self), dtype=np.int64))

    def __len__(self) -> int:
        if self._array is not None:
            return int(self._array.shape[0])
        assert self._ends is not None
        return int(self._ends[-1]) if len(self._ends) else 0

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[int, ...]: ...

    def __getitem__(self, index: int | slice) -> int | tuple[int, ...]:
        import numpy as np

        if self._array is not None:
            if isinstance(index, slice):
                return tuple(self._array[index].tolist())
            return int(self._array[index])
        if isinstance(index, slice):
            return tuple(self._at(np.arange(*index.indices(len(self)), dtype=np.int64)).tolist())
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError("row index out of range")
        return int(self._at(np.array([position], dtype=np.int64))[0])

    def __iter__(self) -> Iterator[int]:
        import numpy as np

        for start in range(0, len(self), 65536):  # a block of Python ints at a time
            yield from self._at(np.arange(start, min(start + 65536, len(self)), dtype=np.int64)).tolist()

    def __eq__(self, other: object) -> bool:
        import numpy as np

        if isinstance(other, RowNumbers):
            return bool(np.array_equal(self._full(), other._full()))
        if isinstance(other, (tuple, list)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._full().tobytes())

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        full = self._full()
        return full if dtype is None else full.astype(dtype)

    def tolist(self) -> list[int]:
        return list(self._full().tolist())

    def array(self, begin: int, end: int) -> np.ndarray:
        """The rows at positions ``begin:end`` (within bounds) as int64, without Python ints."""
        import numpy as np

        if self._array is not None:
            return self._array[begin:end]
        assert self._starts is not None and self._ends is not None
        if end <= begin:
            return np.zeros(0, dtype=np.int64)
        # the runs met, laid out by a running sum: 1 within a run, the jump from the last row before at each new run
        # (one pass, where :meth:`_at` looks each position's run up)
        kept = np.flatnonzero(np.diff(self._ends, prepend=0) > 0)  # runs of no rows hold no position
        starts, ends = self._starts[kept], self._ends[kept]
        first, last = np.searchsorted(ends, [begin, end - 1], side="right")
        steps = np.ones(end - begin, dtype=np.int64)
        steps[0] = self._at(np.array([begin], dtype=np.int64))[0]
        met = np.arange(first + 1, last + 1)
        lasts = starts + np.diff(ends, prepend=0) - 1  # the last row of each run
        steps[ends[met - 1] - begin] = starts[met] - lasts[met - 1]
        return np.cumsum(steps)

    def __repr__(self) -> str:
        if len(self) <= 10:
            return repr(tuple(self))
        return f"RowNumbers({len(self)} rows: {self[0]}, {self[1]}, … {self[-1]})"


# The finding types that say personal data as an error (the built-in checks' and the Belgian plugin's): publish
# refuses them (one blocker per column), the inventory's discovery flags their files « données personnelles : oui ».
PERSONAL_DATA_TYPES = frozenset({"personal-email", "personal-data", "personal-phone", "be-national-number",
                                 "be-bis-number", "be-phone-personal", "be-phone-in-text-personal", "be-iban-personal",
                                 "be-iban-in-text-personal", "birth-dates", "home-addresses"})
# the warnings that may be personal data, which only the author can tell (names, a contact's mobile, a birth year,
# counts of 1 to 4 people by street and nationality)
MAYBE_PERSONAL_DATA_TYPES = frozenset({"person-names", "birth-years", "be-phone-contact", "be-phone-in-text",
                                       "names-in-answers", "small-counts"})


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
    rows: Sequence[int] = ()  # a tuple, or RowNumbers for many rows

    @property
    def all_rows(self) -> Sequence[int]:
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
            "rows": self.all_rows.tolist() if isinstance(self.all_rows, RowNumbers) else list(self.all_rows),
        }
        if self.extra:
            data["extra"] = self.extra
        return data
