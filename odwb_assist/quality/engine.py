"""The check engine: one streaming pass over the rows, shared by the type tally, the field kinds and the checks.

A CSV is read in columnar blocks by pyarrow (:mod:`.stream`), one block ahead in a thread, and a workbook
sheet's cells become text columns (:mod:`.sheet_stream`); what Frictionless would infer when opening them
(names, header errors, sample types) is computed by :mod:`.inference`. A given Table Schema, a Frictionless
check contributed by a plugin, or a table either reader cannot read faithfully (a short or long row, an odd
dialect, a sheet's column of datetimes holding text) go through Frictionless
(:mod:`.frictionless_read`), the parity path; ``ODWB_ENGINE=frictionless`` forces it. Either way the
raw cells are handed over in chunks (pandas, index = spreadsheet row number) on which the field
kinds and the checks of the ``odwb_checks`` hook run, vectorised.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import warnings
from collections.abc import Callable, Collection, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pluggy

from ..core.contract import CheckContext, ChunkPreparation, ColumnValues, FieldKind, TableCheck, ValuesPreparation
from ..core.errors import OdwbError
from ..core.events import DATASET_CHECKED, Event
from ..core.findings import Finding, Severity
from ..core.i18n import Msg
from ..core.plugins import announce, collect, default_plugin_manager
from .ahead import Ahead
from .detect import Detected, detect
from .encoding import ArrowCodes, arrow_codes, column_values, preparing, release_freed
from .frictionless_read import Opened, load_schema, open_frictionless, sample_columns, stream_frictionless
from .kinds import column_kinds, field_kinds
from .messages import RawError, from_frictionless
from .no_data import sentence_finding
from .notes import relabel
from .parallel import Groups, Job, threads
from .reader import CHUNK_ROWS, frame_from_rows
from .report import Collector, QualityReport
from .structure import cell_count_errors, structure_errors
from .typecheck import VECTOR_TYPES, TypeTally

__all__ = ["check", "load_schema"]

ProgressCallback = Callable[[int, float], None]  # (rows done, share of bytes read 0..1)
ENGINE_VARIABLE = "ODWB_ENGINE"  # "frictionless": always read through Frictionless (to compare the engines)


class _Run:
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


def _preparer(run: _Run) -> Callable[[Any], Ahead]:
    """What the reading thread (a CSV's or a sheet's) runs on each chunk ahead, until the checking thread takes the
    chunk (:mod:`.ahead`): the columns' codes and the preparations of the run's checks and kinds."""
    return partial(preparing, preparations=preparations(run.table_checks, run.kinds.values()),
                   kinds=run.context.kinds)


def _split_checks(contributions: list[Any]) -> tuple[list[TableCheck], list[Any]]:
    """Our checks, and the ``frictionless.Check`` instances a plugin contributed (Frictionless is then loaded)."""
    frictionless = sys.modules.get("frictionless")
    theirs_type = getattr(frictionless, "Check", None) if frictionless is not None else None
    ours: list[TableCheck] = []
    theirs: list[Any] = []
    for item in contributions:
        if theirs_type is not None and isinstance(item, theirs_type):
            theirs.append(item)
        elif hasattr(item, "check_chunk"):
            ours.append(item)
    return ours, theirs


def check(
    source: str | Path,
    schema: Any = None,
    *,
    lang: str = "fr",
    plugins: pluggy.PluginManager | None = None,
    sheet: str | None = None,
    limit_errors: int | None = None,
    project: Any = None,
    progress: bool | ProgressCallback = False,
    chunk_rows: int | None = None,
    types: Collection[str] | None = None,
) -> QualityReport:
    """Check a CSV/XLSX/XLS/ODS file and return its :class:`QualityReport` (never modifies the file).

    ``progress`` may be ``True`` (a Rich progress bar) or a callback ``(rows, share_read)``;
    ``chunk_rows`` the rows per chunk handed to the checks (default: the reader's).
    ``types``: only the checks and field kinds that may report one of these finding types run (and those that do
    not say which they report), besides the reading's own findings; ``fix`` asks for the types its plans read.
    Such a partial check announces no ``dataset-checked`` event.
    Raises :class:`~odwb_assist.core.errors.InputError` when the file cannot be read as a table.
    """
    started = time.perf_counter()
    pm = plugins if plugins is not None else default_plugin_manager()
    path, detected = detect(source, sheet=sheet)
    user_schema = load_schema(schema)
    callback = _progress_callback(progress, path.name)  # one bar, even when the CSV is read again
    options = {"lang": lang, "pm": pm, "limit_errors": limit_errors, "project": project, "progress": callback or False,
               "chunk_rows": chunk_rows, "started": started, "wanted": None if types is None else frozenset(types)}
    arrow = user_schema is None and os.environ.get(ENGINE_VARIABLE, "").strip().lower() != "frictionless"
    if arrow:
        from .csv_head import Fallback

        try:  # a CSV through pyarrow, a workbook sheet's cells as text columns (.sheet_stream)
            return _check(path, detected, None, arrow=True, **options)
        except Fallback:
            pass  # read again, from the start
    if detected.format == "csv":
        from .stray_bytes import settle

        # bytes of another encoding in a UTF-8 file: read as utf-8+cp1252 (reported), by pyarrow again when it can
        if settle(path, detected) and arrow:
            try:
                return _check(path, detected, None, arrow=True, **options)
            except Fallback:
                pass
    return _check(path, detected, user_schema, arrow=False, **options)


def _open_arrow(path: Path, detected: Detected) -> tuple[Opened, Any]:
    """Open a CSV for the streaming reader: what Frictionless's opening would give, from the first records."""
    from .csv_head import Fallback, read_head
    from .inference import NotExact, field_names, header_errors, infer_types, local_numbers_type

    head = read_head(path, detected)
    names = field_names(head.labels)
    try:
        kinds = [local_numbers_type(kind, [row[index] for row in head.fragment if len(row) > index])
                 for index, kind in enumerate(infer_types(head.fragment, names))]
    except NotExact as exc:
        raise Fallback("sample types") from exc
    if any(kind not in VECTOR_TYPES and kind != "any" for kind in kinds):
        raise Fallback("a type the tally does not check")  # geopoint, datetime…: Frictionless checks those
    errors: list[Any] = list(header_errors(head.labels, names, detected.header_rows[0]))
    if not (head.labels or head.fragment):
        errors.insert(0, RawError("source-error", note="the source is empty"))
    vector = {name: (number, kind) for number, (name, kind) in enumerate(zip(names, kinds, strict=True), start=1)}
    return Opened(names, list(head.labels), dict(zip(names, kinds, strict=True)), [list(r) for r in head.fragment],
                  errors, vector, True, head), head


def _check(path: Path, detected: Detected, user_schema: Any, *, arrow: bool, lang: str, pm: pluggy.PluginManager,
           limit_errors: int | None, project: Any, progress: ProgressCallback | bool, chunk_rows: int | None,
           started: float, wanted: frozenset[str] | None) -> QualityReport:
    """One check run, reading with pyarrow (``arrow``) or with Frictionless."""
    text = detected.format == "csv"
    if arrow:
        from .csv_head import Fallback

        if text:
            opened, head = _open_arrow(path, detected)
        else:
            from .sheet_stream import open_sheet

            opened, head = open_sheet(path, detected)
    else:
        opened, head = open_frictionless(path, detected, user_schema), None
    names = opened.names
    available = field_kinds(pm)
    kinds = column_kinds(names, sample_columns(opened, text), schema=user_schema, kinds=available)

    administration = getattr(getattr(project, "administration", None), "nis_code", None)
    context = CheckContext(
        source=str(path), fields=names, header_row=detected.header_row, kinds=kinds, lang=lang,
        encoding=detected.encoding, delimiter=detected.delimiter, sheet=detected.sheet,
        administration_nis=administration,
        options={"detected": detected, "types": dict(opened.types),
                 "reader": ("arrow" if text else "sheet") if arrow else "frictionless"},
    )
    table_checks, frictionless_checks = _split_checks(collect(pm.hook.odwb_checks(context=context)))
    if arrow and frictionless_checks:
        raise Fallback("a plugin's Frictionless check")
    table_checks = [item for item in table_checks if _reports(getattr(item, "types", ()), wanted)]
    collector = Collector(limit_errors)
    tally = TypeTally(opened.vector, infer=user_schema is None) if _reports(TypeTally.types_reported, wanted) else None
    run = _Run(path, detected, collector, context, table_checks,
               {name: available[kind] for name, kind in kinds.items()
                if kind in available and _reports(available[kind].types, wanted)}, tally)
    # A workbook sheet is handed over as rows cut to one width: only blank rows can be found in its structure.
    run.fast = opened.fast and not frictionless_checks
    for table_check in table_checks:
        table_check.start(context)

    # The streaming pass.
    callback = progress if callable(progress) else None
    try:
        if arrow and not text:
            from .sheet_stream import stream_sheet

            stream_sheet(run, opened, head, chunk_rows, callback, _preparer(run))
        elif arrow:
            _stream_arrow(run, path, opened, head, chunk_rows, callback)
        else:
            stream_frictionless(run, path, opened, frictionless_checks, chunk_rows or CHUNK_ROWS, callback)
    except Exception as exc:
        if callback and not (arrow and isinstance(exc, Fallback)):  # after a fallback, the bar starts again
            callback(run.rows, 1.0)
        raise
    if callback:
        callback(run.rows, 1.0)
    for table_check in table_checks:
        run.add_all(getattr(table_check, "name", "check"), lambda c=table_check: c.end(context))  # type: ignore[misc]
    if tally is not None:
        run.add_all("type", lambda: tally.findings(collector.explained))  # after the checks that explain cells
    collector.finish()
    if run.rows == 0 and names:
        collector.add(sentence_finding(opened.labels, run.detected.delimiter) or NO_DATA_FINDING)

    types = dict(opened.types)
    if tally is not None:
        types.update(tally.types())
    untitled, renamed = _made_up_names(names, opened.labels)
    report = QualityReport(
        source=str(path), detected=detected, rows=run.rows, fields=names, kinds=kinds,
        findings=sorted((relabel(f, untitled, renamed) for f in collector.kept), key=_order),
        stats=dict(collector.counts), occurrences=dict(collector.occurrences), untitled=untitled, renamed=renamed,
        severity_counts=dict(collector.severities), types=types, lang=lang,
        truncated=collector.truncated, seconds=round(time.perf_counter() - started, 3),
    )
    if wanted is not None:  # a partial check (for ``fix``): not a check of the dataset
        return report
    announce(pm, Event(DATASET_CHECKED, {"source": str(path), "valid": report.valid,
                                         "errors": report.error_count, "warnings": report.warning_count},
                       administration=getattr(getattr(project, "administration", None), "name", None),
                       nis_code=administration, project_dir=_root(project)))
    return report


def _reports(types: Collection[str], wanted: frozenset[str] | None) -> bool:
    """Whether something that may report ``types`` (empty: it does not say) runs when ``wanted`` types are asked."""
    return wanted is None or not types or not wanted.isdisjoint(types)


def _stream_arrow(run: _Run, path: Path, opened: Opened, head: Any, chunk_rows: int | None,
                  callback: ProgressCallback | None) -> None:
    """Stream the CSV's blocks through ``run`` (structure errors: blank rows; other shapes fell back)."""
    from .stream import CHUNK_ROWS as BLOCK_ROWS
    from .stream import Blocks

    for error in opened.start_errors:
        run.collector.add(from_frictionless(error))
    for chunk in Blocks(path, run.detected, head, run.context.fields, chunk_rows or BLOCK_ROWS, _preparer(run)):
        frame = chunk.frame
        if chunk.blank.any() or chunk.ragged:
            rows = frame.index.to_numpy()[chunk.blank]
            run.add_all("structure", lambda r=rows, c=chunk.ragged: _structure(r, c, run.context.fields))  # type: ignore[misc]
        if chunk.other_width is not None:
            _other_width(run.collector, chunk, head.read_width, run.context.fields)
        release_freed()  # what the reader's thread made for the previous chunk, freed here
        run.frame(frame, chunk.prepared)
        if callback:
            callback(run.rows, chunk.share)


def _structure(blank: Any, ragged: list[tuple[int, list[str]]], names: list[str]) -> Iterator[Finding]:
    """The structure findings of a chunk read by pyarrow, in row order as Frictionless's are: ``blank-row`` for a
    blank row (whatever its width), ``missing-cell`` or ``extra-cell`` for the other rows of another width."""
    blanks = set(blank.tolist())
    other = {row: cells for row, cells in ragged if row not in blanks}
    for row in sorted(blanks | set(other)):
        if row in other:
            yield from cell_count_errors(row, other[row], names)
        else:
            yield from_frictionless(RawError("blank-row", row))


def _other_width(collector: Collector, chunk: Any, read: int, names: list[str]) -> None:
    """The rows pyarrow read at the data width, not blank: each short of the header's last columns
    (``missing-cell``) or long by the cells beyond it (``extra-cell``), gathered at once."""
    import numpy as np

    width = len(names)
    at = np.flatnonzero(chunk.other_width & ~chunk.blank)
    rows = chunk.frame.index.to_numpy()[at]
    if read < width:
        collector.add_rows("missing-cell", [(names[i], i + 1) for i in range(read, width)], rows,
                           lambda index: [""] * (width - read))
    else:
        beyond = chunk.beyond
        collector.add_rows("extra-cell", [("", i + 1) for i in range(width, read)], rows,
                           lambda index: [column[int(at[index])].as_py() for column in beyond.columns])


NO_DATA_FINDING = Finding(  # an error: a header without rows has nothing to publish
    "no-data", Severity.ERROR,
    Msg("Le fichier n'a que des titres de colonnes : aucune ligne de données à publier.",
        "The file has column titles only: no data row to publish."),
    Msg("Vérifiez que l'export contient bien les données (filtre actif, mauvaise feuille, export interrompu ?), "
        "puis exportez à nouveau le tableau.",
        "Check that the export holds the data (an active filter, the wrong sheet, an interrupted export?), then "
        "export the table again."),
)


def _made_up_names(names: list[str], labels: list[Any]) -> tuple[dict[str, int], dict[str, tuple[str, int]]]:
    """Columns Frictionless had to name: blank header cells (``field12`` -> 12) and repeated labels
    (``nom2`` -> (``nom``, 4)), so that reports show the user's own header."""
    untitled: dict[str, int] = {}
    renamed: dict[str, tuple[str, int]] = {}
    for number, (name, label) in enumerate(zip(names, labels, strict=False), start=1):
        text = str(label if label is not None else "").strip()
        if not text:
            untitled[name] = number
        elif name != text and name.startswith(text) and name[len(text):].isdigit():
            renamed[name] = (text, number)
    return untitled, renamed


def check_failed(origin: str, exc: BaseException) -> Finding:
    """The finding that says a check could not run to the end (its problems, if any, are not listed)."""
    return Finding(
        "check-failed", Severity.ERROR,
        Msg(f"La vérification « {origin} » n'a pas pu aller au bout ({type(exc).__name__}) : les problèmes "
            "qu'elle cherche ne sont pas listés dans ce rapport.",
            f"Check '{origin}' could not run to the end ({type(exc).__name__}): the problems it looks for are "
            "not listed in this report."),
        Msg("Relancez la vérification ; si cela se reproduit, signalez-le à l'auteur de l'extension qui fournit "
            "cette vérification (« odwb-assist plugins » les liste), ou écartez-la avec --block.",
            "Run the check again; if it happens again, report it to the author of the plugin that provides this "
            "check ('odwb-assist plugins' lists them), or leave it out with --block."),
        extra={"check": origin, "exception": type(exc).__name__},
    )


def _root(project: Any) -> str | None:
    root = getattr(project, "root", None)  # a configuration without odwb.toml (path None) has no project folder
    return None if root is None or getattr(project, "path", True) is None else str(root)


def _order(finding: Finding) -> tuple[int, int, str]:
    return (finding.row_number or 0, finding.field_number or 0, finding.type)


def _progress_callback(progress: bool | ProgressCallback, name: str) -> ProgressCallback | None:
    if callable(progress):
        return progress
    if not progress:
        return None
    from .progress import rich_progress

    return rich_progress(name)
