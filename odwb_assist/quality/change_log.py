"""The changes of a ``fix`` run: counted per fix, the first few kept for the preview, all of them written to a
CSV change log only on request (``fix --changes FILE``).

A fix over a million rows may change millions of cells: keeping one record per cell in memory made the
memory of ``fix`` grow with the file. The log keeps a bounded sample per fix; the file, when asked for,
is written as the rows stream (under a temporary name, moved in place at the end).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..core.contract import Change
from ..core.i18n import Msg
from .output_files import write_atomically

if TYPE_CHECKING:
    import numpy as np

SAMPLE = 20  # changes kept per fix for the preview and ``FixResult.changes``
HEADER = Msg("correction,ligne,colonne,avant,apres", "fix,row,column,before,after")


class ChangeLog:
    """Counts every change per fix, keeps the first :data:`SAMPLE` of each, and writes all of them to ``path``."""

    def __init__(self, path: Path | None = None, lang: str = "fr", sample: int = SAMPLE) -> None:
        self.counts: Counter[str] = Counter()
        self.by_column: Counter[tuple[str, str | None]] = Counter()  # (fix, column) -> changes
        self.sample: dict[str, list[Change]] = {}
        self.limit = sample
        self.path = path
        self.lang = lang
        self._handle: IO[str] | None = None
        self._temporary: str | None = None
        self._writer: Any = None
        if path is not None:
            handle, self._temporary = tempfile.mkstemp(prefix=".odwb-", suffix=".csv", dir=path.parent)
            self._handle = os.fdopen(handle, "w", encoding="utf-8", newline="")
            self._writer = csv.writer(self._handle, lineterminator="\n")
            self._writer.writerow(HEADER(lang).split(","))

    def add(self, change: Change) -> None:
        self.counts[change.fix] += 1
        self.by_column[(change.fix, change.field_name)] += 1
        kept = self.sample.setdefault(change.fix, [])
        if len(kept) < self.limit:
            kept.append(change)
        if self._writer is not None:
            self._writer.writerow(_line(change))

    def extend(self, changes: list[Change]) -> None:
        for change in changes:
            self.add(change)

    @property
    def keeps_all(self) -> bool:
        """Whether every change is written (a change log was asked for)."""
        return self._writer is not None

    def room(self, fix: str) -> int:
        """How many more changes of ``fix`` the sample keeps."""
        return self.limit - len(self.sample.get(fix, ()))

    def add_cells(self, fix: str, column: str, rows: np.ndarray, before: np.ndarray, after: np.ndarray,
                  count: int | None = None) -> None:
        """Changes of one column of one chunk (aligned arrays; ``count`` cells in all when only the first are
        given, see :meth:`room`): counted, sampled, written when a change log was asked for."""
        size = len(rows)
        self.counts[fix] += size if count is None else count
        self.by_column[(fix, column)] += size if count is None else count
        kept = self.sample.setdefault(fix, [])
        for at in range(min(size, self.limit - len(kept))):
            kept.append(Change(fix, int(rows[at]), column, str(before[at]), str(after[at])))
        if self._writer is not None and size:
            self._writer.writerows(zip([fix] * size, rows.tolist(), [column] * size, before.tolist(), after.tolist(),
                                       strict=True))

    @property
    def changes(self) -> list[Change]:
        """The sample, fix by fix."""
        return [change for kept in self.sample.values() for change in kept]

    def finish(self, keep: bool) -> Path | None:
        """Close the file; move it in place when ``keep`` (the run succeeded), else remove it."""
        if self._handle is None or self.path is None or self._temporary is None:
            return None
        self._handle.close()
        self._handle = None
        temporary = self._temporary
        if not keep:
            Path(temporary).unlink(missing_ok=True)
            return None
        write_atomically(self.path, lambda target: os.replace(temporary, target))
        return self.path


def _line(change: Change) -> list[Any]:
    return [change.fix, "" if change.row_number is None else change.row_number, change.field_name or "",
            "" if change.before is None else change.before, "" if change.after is None else change.after]
