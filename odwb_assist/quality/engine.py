"""The check engine: one streaming pass over the rows, shared by the type tally, the field kinds and the checks.

A CSV is read in columnar blocks by pyarrow (:mod:`.stream`), one block ahead in a thread, and a workbook
sheet's cells become text columns (:mod:`.sheet_stream`); what Frictionless would infer when opening them
(names, header errors, sample types) is computed by :mod:`.inference`. A given Table Schema, a Frictionless
check contributed by a plugin, or a table either reader cannot read faithfully (a short or long row, an odd
dialect, a sheet's column of datetimes holding text) go through Frictionless
(:mod:`.frictionless_read`), the parity path; ``ODWB_ENGINE=frictionless`` forces it. Either way the
raw cells are handed over in chunks (pandas, index = spreadsheet row number) on which the field
kinds and the checks of the ``odwb_checks`` hook run, vectorised (:mod:`.check_run`).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

import pluggy

from ..checks.people import PEOPLE_ROWS
from ..checks.person_names import register_subjects
from ..checks.personal_email import OFFICE_DOMAINS, administration_domains
from ..core.contract import CheckContext, TableCheck
from ..core.events import DATASET_CHECKED, Event
from ..core.findings import Finding, Severity
from ..core.i18n import Msg
from ..core.plugins import announce, collect, default_plugin_manager
from .check_run import CheckRun, preparer
from .detect import Detected, detect
from .encoding import release_freed
from .frictionless_read import Opened, load_schema, open_frictionless, sample_columns, stream_frictionless
from .gc_pause import fewer_collections
from .kinds import column_kinds, field_kinds, identifier_fields
from .messages import RawError, from_frictionless
from .no_data import sentence_finding
from .notes import relabel
from .reader import CHUNK_ROWS
from .report import EXPLAINING, Collector, QualityReport
from .split_decimals import LOOKED_AT
from .structure import cell_count_errors
from .type_readers import VECTOR_TYPES
from .typecheck import TypeTally

__all__ = ["check", "load_schema"]

ProgressCallback = Callable[[int, float], None]  # (rows done, share of bytes read 0..1)
ENGINE_VARIABLE = "ODWB_ENGINE"  # "frictionless": always read through Frictionless (to compare the engines)


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


@fewer_collections()  # many short-lived containers: see .gc_pause
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
    blocking: bool = False,
) -> QualityReport:
    """Check a CSV/XLSX/XLS/ODS file and return its :class:`QualityReport` (never modifies the file).

    ``progress`` may be ``True`` (a Rich progress bar) or a callback ``(rows, share_read)``;
    ``chunk_rows`` the rows per chunk handed to the checks (default: the reader's).
    ``types``: only the checks and field kinds that may report one of these finding types run (and those that do
    not say which they report), besides the reading's own findings; ``fix`` asks for the types its plans read.
    ``blocking`` (with ``types``): also the checks and field kinds that may report an error (their ``blocking``
    types), so that ``fix`` can say which errors its clean file still holds.
    Such a partial check announces no ``dataset-checked`` event.
    Raises :class:`~odwb_assist.core.errors.InputError` when the file cannot be read as a table.
    """
    started = time.perf_counter()
    pm = plugins if plugins is not None else default_plugin_manager()
    path, detected = detect(source, sheet=sheet)
    user_schema = load_schema(schema)
    callback = _progress_callback(progress, path.name)  # one bar, even when the CSV is read again
    options = {"lang": lang, "pm": pm, "limit_errors": limit_errors, "project": project, "progress": callback or False,
               "chunk_rows": chunk_rows, "started": started, "wanted": None if types is None else frozenset(types),
               "blocking": blocking}
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
           started: float, wanted: frozenset[str] | None, blocking: bool = False) -> QualityReport:
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
    samples = sample_columns(opened, text)
    kinds = column_kinds(names, samples, schema=user_schema, kinds=available)

    administration_config = getattr(project, "administration", None)
    administration = getattr(administration_config, "nis_code", None)
    context = CheckContext(
        source=str(path), fields=names, header_row=detected.header_row, kinds=kinds, lang=lang,
        encoding=detected.encoding, delimiter=detected.delimiter, sheet=detected.sheet,
        administration_nis=administration,
        options={"detected": detected, "types": dict(opened.types),
                 "identifier_fields": identifier_fields(kinds, available),
                 PEOPLE_ROWS: register_subjects(names, samples),
                 OFFICE_DOMAINS: administration_domains(getattr(administration_config, "website", None),
                                                        getattr(administration_config, "contact_email", None)),
                 "reader": ("arrow" if text else "sheet") if arrow else "frictionless"},
    )
    table_checks, frictionless_checks = _split_checks(collect(pm.hook.odwb_checks(context=context)))
    if arrow and frictionless_checks:
        raise Fallback("a plugin's Frictionless check")
    table_checks = [item for item in table_checks if _runs(item, wanted, blocking)]
    collector = Collector(limit_errors, explains_types=user_schema is None)
    tally = TypeTally(opened.vector, infer=user_schema is None) \
        if _reports(TypeTally.types_reported, wanted) or blocking else None
    run = CheckRun(path, detected, collector, context, table_checks,
               {name: available[kind] for name, kind in kinds.items()
                if kind in available and _runs(available[kind], wanted, blocking)}, tally)
    # A workbook sheet is handed over as rows cut to one width: only blank rows can be found in its structure.
    run.fast = opened.fast and not frictionless_checks
    for table_check in table_checks:
        table_check.start(context)

    # The streaming pass.
    callback = progress if callable(progress) else None
    try:
        if arrow and not text:
            from .sheet_stream import stream_sheet

            stream_sheet(run, opened, head, chunk_rows, callback, preparer(run))
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
        # after the checks that explain cells
        run.add_all("type", lambda: tally.findings(collector.explained, collector.explained_rows))
    collector.finish()
    if detected.format == "csv":  # long rows cut by decimal commas (a comma file) or by a text holding the delimiter
        collector.kept = run.splits.explain(collector.kept, run.rows)
    if run.rows == 0 and names:
        collector.add(sentence_finding(opened.labels, run.detected.delimiter) or NO_DATA_FINDING)

    types = dict(opened.types)
    if tally is not None:
        types.update(tally.types())
    untitled, renamed = _made_up_names(names, opened.labels)
    spaced = spaced_names(names)
    merged_shown(collector.kept, names, renamed, spaced)
    report = QualityReport(
        source=detected.copy_of or str(path), detected=detected, rows=run.rows, fields=names, kinds=kinds,
        findings=sorted((relabel(f, untitled, renamed, spaced) for f in collector.kept), key=_order),
        stats=dict(collector.counts), occurrences=dict(collector.occurrences), untitled=untitled, renamed=renamed,
        spaced=spaced,
        severity_counts=dict(collector.severities), types=types, lang=lang,
        truncated=collector.truncated, seconds=round(time.perf_counter() - started, 3),
    )
    if wanted is not None:  # a partial check (for ``fix``): not a check of the dataset
        return report
    announce(pm, Event(DATASET_CHECKED, {"source": detected.copy_of or str(path), "valid": report.valid,
                                         "errors": report.error_count, "warnings": report.warning_count},
                       administration=getattr(getattr(project, "administration", None), "name", None),
                       nis_code=administration, project_dir=_root(project)))
    return report


def _runs(item: Any, wanted: frozenset[str] | None, blocking: bool) -> bool:
    """Whether a check or a field kind runs: it may report a ``wanted`` type, or, when ``blocking``, an error or a
    finding that explains a cell (« 12 places » is a unit in a cell, not a type error: :data:`.report.EXPLAINING`)."""
    types = getattr(item, "types", ())
    return _reports(types, wanted) or (blocking and (bool(getattr(item, "blocking", ())) or
                                                     not EXPLAINING.isdisjoint(types)))


def _reports(types: Collection[str], wanted: frozenset[str] | None) -> bool:
    """Whether something that may report ``types`` (empty: it does not say) runs when ``wanted`` types are asked."""
    return wanted is None or not types or not wanted.isdisjoint(types)


def _stream_arrow(run: CheckRun, path: Path, opened: Opened, head: Any, chunk_rows: int | None,
                  callback: ProgressCallback | None) -> None:
    """Stream the CSV's blocks through ``run`` (structure errors: blank rows; other shapes fell back)."""
    from .stream import Blocks

    for error in opened.start_errors:
        run.collector.add(from_frictionless(error))
    for chunk in Blocks(path, run.detected, head, run.context.fields, chunk_rows, preparer(run)):
        frame = chunk.frame
        if chunk.blank.any() or chunk.ragged:
            rows = frame.index.to_numpy()[chunk.blank]
            run.add_all("structure", lambda r=rows, c=chunk.ragged: _structure(r, c, run.context.fields))  # type: ignore[misc]
            if chunk.ragged:
                run.splits.learn(frame, [row for row, _ in chunk.ragged])
            for row, cells in chunk.ragged:
                run.splits.see(row, cells)
        if chunk.other_width is not None:
            _other_width(run, chunk, head.read_width)
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


def _other_width(run: CheckRun, chunk: Any, read: int) -> None:
    """The rows pyarrow read at the data width, not blank: each short of the header's last columns
    (``missing-cell``) or long by the cells beyond it (``extra-cell``), gathered at once; the first long ones
    looked at whole (:mod:`.split_decimals`)."""
    import numpy as np

    collector, names, splits = run.collector, run.context.fields, run.splits

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
        if len(at):
            splits.learn(chunk.frame, rows.tolist())
        for index in range(min(len(at), LOOKED_AT)):
            whole = [*chunk.frame.iloc[int(at[index])].tolist(),
                     *(column[int(at[index])].as_py() or "" for column in beyond.columns)]
            splits.see(int(rows[index]), [str(cell) for cell in whole])


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


def merged_shown(findings: list[Finding], names: list[str], renamed: dict[str, tuple[str, int]],
                 spaced: dict[str, str]) -> None:
    """A header of two rows with merged cells is shown as ``merged-header`` reads it and ``fix`` writes it, one
    complete label per column (« Exercices antérieurs Dépenses »), not as the names Frictionless joins (« ␣Dépenses2 »,
    a name the user sees nowhere): added to ``spaced``, taken out of ``renamed``."""
    labels = next((f.extra["labels"] for f in findings if f.type == "merged-header" and f.extra.get("labels")), None)
    if not labels or len(labels) != len(names):
        return
    for name, label in zip(names, labels, strict=True):
        if label and label != name:
            spaced[name] = label
            renamed.pop(name, None)


def spaced_names(names: list[str]) -> dict[str, str]:
    """Names with spaces around them -> the name without (a header of two rows: Frictionless joins « Libellé » under
    an empty cell as « ␣Libellé »), when no other column bears that name: what reports show of them."""
    taken = set(names)
    spaced: dict[str, str] = {}
    for name in names:
        text = name.strip()
        if text != name and text and text not in taken:
            spaced[name] = text
    return spaced


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
