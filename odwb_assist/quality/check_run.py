"""One check run: the state of a run over a table's chunks, and what it does with each chunk (:class:`CheckRun`).

On each chunk the type tally, the field kinds' validators and the checks run as jobs (:mod:`.parallel`), on the
chunk's columns encoded once for all (:class:`EncodedColumns`); their findings are collected in the order of a
serial run, and a check that fails becomes a ``check-failed`` finding (:func:`check_failed`), never a lost run.
:func:`preparer` is what the reading thread does ahead on the next chunk. :mod:`.engine` opens the table, builds
the run and streams the chunks through it.
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from ..checks.public_offices import OFFICE_ROWS, function_columns, office_rows
from ..core.contract import CheckContext, ChunkPreparation, ColumnValues, FieldKind, TableCheck, ValuesPreparation
from ..core.errors import OdwbError
from ..core.findings import Finding, Severity
from ..core.i18n import Msg
from .ahead import Ahead
from .detect import Detected
from .encoding import ArrowCodes, arrow_codes, column_values, preparing
from .parallel import Groups, Job, threads
from .reader import frame_from_rows
from .report import Collector
from .split_decimals import SplitDecimals
from .structure import structure_errors
from .typecheck import TypeTally


class CheckRun:
    """The state of one check run (kept out of :func:`check` to keep it readable)."""

    def __init__(self, path: Path, detected: Detected, collector: Collector, context: CheckContext,
                 table_checks: list[TableCheck], kinds: dict[str, FieldKind], typing: TypeTally | None) -> None:
        self.path = path
        self.detected = detected
        self.collector = collector
        self.context = context
        self.table_checks = table_checks
        self.kinds = kinds
        self.typing = typing
        self.fast = False  # True: structure errors are found here, Frictionless does not process rows
        self.rows = 0
        self.failed: set[str] = set()
        self.value_checks = [c for c in table_checks if callable(getattr(c, "check_values", None))]
        self.by_values = {id(c) for c in self.value_checks}
        self.groups = Groups(threads())
        self.function_labels = function_columns(list(context.fields))  # « Fonction », « Mandat »…
        # long rows cut by decimal commas (a comma CSV), or by a text holding the delimiter
        types = context.options.get("types") or {}
        self.splits = SplitDecimals(len(context.fields), [types.get(name, "string") for name in context.fields],
                                    detected.delimiter or ",", list(context.fields))

    def add_all(self, origin: str, produce: Callable[[], Iterable[Finding] | None]) -> None:
        """Collect what ``produce()`` finds; a failing check becomes a ``check-failed`` finding, never a lost run."""
        try:
            for finding in produce() or ():
                self.collector.add(finding)
        except OdwbError:
            raise
        except Exception as exc:  # a plugin's check must not stop the whole check
            self.failure(origin, exc)

    def failure(self, origin: str, exc: Exception) -> None:
        """A check that raised: warned, and said once in the report."""
        warnings.warn(f"check {origin} failed: {type(exc).__name__}: {exc}", RuntimeWarning, stacklevel=3)
        if origin not in self.failed:  # said once in the report, in words, so that a silent gap is not a green tick
            self.failed.add(origin)
            self.collector.add(check_failed(origin, exc))

    def collect(self, job: Job) -> None:
        """What a job found on another thread, added as :meth:`add_all` would have added it."""
        for finding in job.found:
            self.collector.add(finding)
        if job.error is None:
            return
        if isinstance(job.error, OdwbError) or not isinstance(job.error, Exception):
            raise job.error
        self.failure(job.origin, job.error)

    def chunk(self, rows: list[list[Any]], numbers: list[int], names: list[str]) -> None:
        """A chunk of rows as Frictionless handed them over (the Frictionless path)."""
        frame = frame_from_rows(rows, numbers, names, self.detected.format == "csv")
        if self.fast:
            self.add_all("structure", lambda: structure_errors(rows, numbers, names, frame))
        self.frame(frame)

    def frame(self, frame: Any, prepared: dict[int, ArrowCodes] | None = None) -> None:
        """Run the type tally, the field kinds and the checks on a chunk (text cells, index = row numbers).

        ``prepared``: the chunk's columns dictionary-encoded ahead by the reader's thread, with what the checks'
        and kinds' preparations made of them (:func:`.encoding.preparing`, :func:`preparations`), as far as it got
        before this thread took the chunk; the other columns are encoded here on first use, the other preparations
        computed here when a check asks for them (same results).

        Each check (its ``check_values`` over the columns, then its ``check_chunk``), each field kind and the type
        tally is a group of jobs run in order on one thread; with ``ODWB_THREADS=2`` groups run on two threads
        (:mod:`.parallel`). The findings are collected in the order of a serial run: the tally, the kinds, every
        ``check_values``, every ``check_chunk``.
        """
        self.rows += len(frame)
        encoded = EncodedColumns(frame, self.context.kinds, prepared)
        context = self.context
        if self.function_labels:  # the rows about a public office, for the checks and kinds of contacts
            context.options[OFFICE_ROWS] = office_rows(frame, self.function_labels, encoded)
        typing = self.typing
        tally = [Job("type", lambda: typing.add(frame, encoded))] if typing is not None else []
        groups: list[tuple[Any, list[Job]]] = [("type", tally)] if tally else []
        kind_jobs: list[Job] = []
        by_kind: dict[str, list[Job]] = {}  # a kind's columns one after the other: its validator may keep a cache
        for name, kind in self.kinds.items():
            if name not in frame.columns:
                continue
            if kind.validate_values is not None:
                by_values = kind.validate_values
                job = Job(f"kind {kind.name}", lambda v=by_values, n=name: v(encoded[n], context))  # type: ignore[misc]
            elif kind.validate is not None:
                validate = kind.validate
                job = Job(f"kind {kind.name}", lambda v=validate, n=name: v(frame[n], n, context))  # type: ignore[misc]
            else:
                continue
            kind_jobs.append(job)
            by_kind.setdefault(kind.name, []).append(job)
        groups.extend((("kind", name), jobs) for name, jobs in by_kind.items())
        values_jobs: list[Job] = []
        chunk_jobs: list[Job] = []
        for index, table_check in enumerate(self.table_checks):
            name = getattr(table_check, "name", "check")
            jobs = []
            if id(table_check) in self.by_values:
                jobs = [Job(name, lambda c=table_check, n=column: c.check_values(encoded[n], context))  # type: ignore[misc]
                        for column in frame.columns]
                values_jobs.extend(jobs)
            chunk_jobs.append(Job(name, lambda c=table_check: c.check_chunk(frame, context)))  # type: ignore[misc]
            groups.append((("check", index), [*jobs, chunk_jobs[-1]]))
        serial = [*tally, *kind_jobs, *values_jobs, *chunk_jobs]
        if self.groups.size <= 1:  # one thread: each job as it comes, and its findings collected at once
            for job in serial:
                job.run()
                self.collect(job)
            return
        if self.value_checks:
            encoded.encode_all(self.groups)  # the columns every check reads, encoded side by side
        self.groups.run(groups)
        for job in serial:
            self.collect(job)


class EncodedColumns:
    """The :class:`ColumnValues` of a chunk's columns, each encoded once, on first use, for every check and kind."""

    def __init__(self, frame: Any, kinds: dict[str, str], prepared: dict[int, ArrowCodes] | None = None) -> None:
        self.frame = frame
        self.kinds = kinds
        self.prepared = prepared or {}  # columns dictionary-encoded ahead (:func:`.encoding.preparing`), by position
        self.done: dict[str, ColumnValues] = {}
        self._lock = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    def __getitem__(self, name: str) -> ColumnValues:
        done = self.done.get(name)
        if done is None:  # one thread encodes a column, another one wanting it waits (checks may run on two threads)
            with self._lock:
                lock = self._locks.setdefault(name, threading.Lock())
            with lock:
                done = self.done.get(name)
                if done is None:
                    done = self.done[name] = self._encode(name)
        return done

    def _encode(self, name: str) -> ColumnValues:
        position = self.frame.columns.get_loc(name)
        series = self.frame.iloc[:, position]
        codes = self.prepared.pop(position, None)  # its int32 indices freed once turned into the codes
        if codes is not None:
            return column_values(series, position + 1, self.kinds.get(name), codes)
        encoded = from_arrow(series, position + 1, self.kinds.get(name))
        return encoded or ColumnValues.from_series(series, position + 1, self.kinds.get(name))

    def encode_all(self, groups: Groups) -> None:
        """Encode every column now, on the threads of ``groups`` (``dictionary_encode`` releases the GIL)."""
        groups.run([(("encode", index), [Job("encode", partial(self._found_nothing, name))])
                    for index, name in enumerate(self.frame.columns)])

    def _found_nothing(self, name: str) -> None:
        self[name]


def from_arrow(series: Any, number: int, kind: str | None) -> ColumnValues | None:
    """A pyarrow-backed text column encoded by ``pyarrow.compute.dictionary_encode`` (None: not pyarrow-backed).

    Same :class:`ColumnValues` as ``from_series``: distinct values in order of first appearance, ``""`` left
    out with the code -1.
    """
    codes = arrow_codes(series)
    return None if codes is None else column_values(series, number, kind, codes)


def preparations(table_checks: Iterable[Any], kinds: Iterable[FieldKind] = (),
                 ) -> list[ValuesPreparation | ChunkPreparation]:
    """The :class:`ValuesPreparation` and :class:`ChunkPreparation` of the checks and field kinds, each name once
    (those that share one share its result)."""
    found: dict[str, ValuesPreparation | ChunkPreparation] = {}
    for owner in [*table_checks, *kinds]:
        for preparation in getattr(owner, "preparations", ()) or ():
            if isinstance(preparation, ValuesPreparation | ChunkPreparation):
                found.setdefault(preparation.name, preparation)
    return list(found.values())


def preparer(run: CheckRun) -> Callable[[Any], Ahead]:
    """What the reading thread (a CSV's or a sheet's) runs on each chunk ahead, until the checking thread takes the
    chunk (:mod:`.ahead`): the columns' codes and the preparations of the run's checks and kinds."""
    return partial(preparing, preparations=preparations(run.table_checks, run.kinds.values()),
                   kinds=run.context.kinds)


def check_failed(origin: str, exc: BaseException) -> Finding:
    """The finding that says a check could not run to the end (its problems, if any, are not listed)."""
    return Finding(
        "check-failed", Severity.ERROR,
        Msg(f"La vérification « {origin} » n'a pas pu aller au bout (erreur interne) : les problèmes "
            "qu'elle cherche ne sont pas listés dans ce rapport.",
            f"Check '{origin}' could not run to the end ({type(exc).__name__}): the problems it looks for are "
            "not listed in this report."),
        Msg("Relancez la vérification ; si cela se reproduit, signalez-le à l'auteur de l'extension qui fournit "
            "cette vérification (« odwb-assist plugins » les liste), ou écartez-la avec --block.",
            "Run the check again; if it happens again, report it to the author of the plugin that provides this "
            "check ('odwb-assist plugins' lists them), or leave it out with --block."),
        extra={"check": origin, "exception": type(exc).__name__},
    )
