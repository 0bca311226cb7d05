"""The check engine: one streaming pass where Frictionless and our chunked checks share the reading.

Frictionless reads the file row by row and reports structure and Table Schema errors. When no
schema is given it infers one from a sample, and the engine validates with string fields for the
types it can check itself (:mod:`.typecheck`), so cells are not parsed twice. The raw cells of
every row are gathered into chunks (pandas, index = spreadsheet row number) on which the field
kinds and the checks of the ``odwb_checks`` hook run, vectorised.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pluggy
from frictionless import Check as FrictionlessCheck
from frictionless import Checklist, Field, FrictionlessException, Schema, fields
from frictionless.errors import SourceError as FrictionlessError

from ..core.contract import CheckContext, ColumnValues, FieldKind, TableCheck
from ..core.errors import InputError, OdwbError
from ..core.events import DATASET_CHECKED, Event
from ..core.findings import Finding, Severity
from ..core.i18n import Msg
from ..core.plugins import announce, collect, default_plugin_manager
from .detect import Detected, detect
from .kinds import detect_kinds, field_kinds
from .messages import from_frictionless
from .notes import general, relabel
from .reader import CHUNK_ROWS, frame_from_rows, open_resource, unreadable
from .report import Collector, QualityReport
from .structure import structure_errors
from .typecheck import TypeTally, vectorisable

ProgressCallback = Callable[[int, float], None]  # (rows done, share of bytes read 0..1)


def load_schema(schema: Any) -> Schema | None:
    """A Frictionless schema from a path, a descriptor dict or a Schema (``None`` stays ``None``)."""
    if schema is None or isinstance(schema, Schema):
        return schema
    try:
        if isinstance(schema, dict):
            return Schema.from_descriptor(schema)
        path = Path(schema).expanduser().resolve()
        if not path.is_file():
            raise InputError(f"Le schéma {schema} n'existe pas. Vérifiez le chemin donné à --schema.",
                             f"Schema {schema} does not exist. Check the path given to --schema.")
        from frictionless import system

        with system.use_context(trusted=True):
            return Schema(str(path))
    except FrictionlessException as exc:
        raise InputError(
            f"Le schéma {schema} n'est pas un Table Schema valide ({general(exc.error.note).fr}). Corrigez le fichier JSON.",
            f"Schema {schema} is not a valid Table Schema ({exc.error.message}). Fix the JSON file.",
        ) from exc


def _validation_schema(inferred: Schema, text: bool = True) -> tuple[Schema, dict[str, tuple[int, str]]]:
    """Text (or, for typed spreadsheet cells, any) fields where we check the type ourselves; the types we
    check (field -> (number, type))."""
    vector: dict[str, tuple[int, str]] = {}
    new_fields: list[Field] = []
    default_missing = list(inferred.missing_values) == [""]
    for number, field in enumerate(inferred.fields, start=1):
        if default_missing and vectorisable(field):
            vector[field.name] = (number, field.type)
            new_fields.append(fields.StringField(name=field.name) if text else fields.AnyField(name=field.name))
        else:
            new_fields.append(field.to_copy())
    return Schema(fields=new_fields, missing_values=list(inferred.missing_values)), vector if vector else {}


class _Run:
    """The state of one check run (kept out of :func:`check` to keep it readable)."""

    def __init__(self, path: Path, detected: Detected, collector: Collector, context: CheckContext,
                 table_checks: list[TableCheck], kinds: dict[str, FieldKind], typing: TypeTally) -> None:
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

    def add_all(self, origin: str, produce: Callable[[], Iterable[Finding] | None]) -> None:
        """Collect what ``produce()`` finds; a failing check becomes a ``check-failed`` finding, never a lost run."""
        try:
            for finding in produce() or ():
                self.collector.add(finding)
        except OdwbError:
            raise
        except Exception as exc:  # a plugin's check must not stop the whole check
            warnings.warn(f"check {origin} failed: {type(exc).__name__}: {exc}", RuntimeWarning, stacklevel=2)
            if origin not in self.failed:  # said once in the report, in words, so that a silent gap is not a green tick
                self.failed.add(origin)
                self.collector.add(check_failed(origin, exc))

    def chunk(self, rows: list[list[Any]], numbers: list[int], names: list[str]) -> None:
        frame = frame_from_rows(rows, numbers, names, self.detected.format == "csv")
        self.rows += len(frame)
        if self.fast:
            self.add_all("structure", lambda: structure_errors(rows, numbers, names, frame))
        self.add_all("type", lambda: self.typing.add(frame))
        encoded = EncodedColumns(frame, self.context.kinds)
        for name, kind in self.kinds.items():
            if name not in frame.columns:
                continue
            if kind.validate_values is not None:
                by_values = kind.validate_values
                self.add_all(f"kind {kind.name}", lambda v=by_values, n=name: v(encoded[n], self.context))  # type: ignore[misc]
            elif kind.validate is not None:
                validate = kind.validate
                self.add_all(f"kind {kind.name}", lambda v=validate, n=name: v(frame[n], n, self.context))  # type: ignore[misc]
        for table_check in self.value_checks:
            for name in frame.columns:
                self.add_all(getattr(table_check, "name", "check"),
                             lambda c=table_check, n=name: c.check_values(encoded[n], self.context))  # type: ignore[misc]
        for table_check in self.table_checks:
            self.add_all(getattr(table_check, "name", "check"),
                         lambda c=table_check: c.check_chunk(frame, self.context))  # type: ignore[misc]


class EncodedColumns:
    """The :class:`ColumnValues` of a chunk's columns, each encoded once, on first use, for every check and kind."""

    def __init__(self, frame: Any, kinds: dict[str, str]) -> None:
        self.frame = frame
        self.kinds = kinds
        self.done: dict[str, ColumnValues] = {}

    def __getitem__(self, name: str) -> ColumnValues:
        if name not in self.done:
            position = self.frame.columns.get_loc(name)
            self.done[name] = ColumnValues.from_series(self.frame.iloc[:, position], position + 1, self.kinds.get(name))
        return self.done[name]


def _split_checks(contributions: list[Any]) -> tuple[list[TableCheck], list[FrictionlessCheck]]:
    ours: list[TableCheck] = []
    theirs: list[FrictionlessCheck] = []
    for item in contributions:
        if isinstance(item, FrictionlessCheck):
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
    chunk_rows: int = CHUNK_ROWS,
) -> QualityReport:
    """Check a CSV/XLSX/XLS/ODS file and return its :class:`QualityReport` (never modifies the file).

    ``progress`` may be ``True`` (a Rich progress bar) or a callback ``(rows, share_read)``.
    Raises :class:`~odwb_assist.core.errors.InputError` when the file cannot be read as a table.
    """
    started = time.perf_counter()
    pm = plugins if plugins is not None else default_plugin_manager()
    path, detected = detect(source, sheet=sheet)
    user_schema = load_schema(schema)

    # 1. Open once to get the labels, the inferred schema and a sample.
    probe = open_resource(path, detected, schema=user_schema)
    try:
        probe.open()
        names = list(probe.schema.field_names)
        labels = list(probe.labels or [])
        if user_schema is not None and labels and all(labels):
            # the file's own columns (with a schema, its header may have more or fewer than the schema's fields)
            names = [str(label) for label in labels]
        inferred = probe.schema
        fragment = [list(row) for row in (probe.fragment or [])]
        # What Frictionless's baseline check says at the start of a validation (an empty source, the label
        # errors), for the fast path, which streams the rows of this first open (see below).
        start_errors: list[Any] = [FrictionlessError(note="the source is empty")] if not (labels or fragment) else []
        start_errors += list(probe.header.errors) if probe.header is not None else []
    except FrictionlessException as exc:
        probe.close()
        raise unreadable(path, exc) from exc
    except (UnicodeError, ValueError, OSError, KeyError, IndexError) as exc:
        probe.close()
        raise unreadable(path, exc) from exc
    if not names:
        probe.close()
        raise InputError(f"{path.name} n'a aucune colonne.", f"{path.name} has no column.")

    vector: dict[str, tuple[int, str]] = {}
    text = detected.format == "csv"
    # Typed spreadsheet cells against a schema, or keys across rows: Frictionless reads them itself.
    if user_schema is not None and (not text or user_schema.primary_key or user_schema.foreign_keys):
        validation_schema = user_schema
    else:  # we check the types (inferred ones from every row, not only the first)
        validation_schema, vector = _validation_schema(user_schema or inferred, text)
    sample = frame_from_rows(fragment, list(range(len(fragment))), names, detected.format == "csv")
    available = field_kinds(pm)
    kinds = detect_kinds(sample, schema=user_schema, kinds=available)

    administration = getattr(getattr(project, "administration", None), "nis_code", None)
    context = CheckContext(
        source=str(path), fields=names, header_row=detected.header_row, kinds=kinds, lang=lang,
        encoding=detected.encoding, delimiter=detected.delimiter, sheet=detected.sheet,
        administration_nis=administration,
        options={"detected": detected, "types": {f.name: f.type for f in inferred.fields}},
    )
    table_checks, frictionless_checks = _split_checks(collect(pm.hook.odwb_checks(context=context)))
    collector = Collector(limit_errors)
    tally = TypeTally(vector, infer=user_schema is None)
    run = _Run(path, detected, collector, context, table_checks,
               {name: available[kind] for name, kind in kinds.items() if kind in available}, tally)
    # A workbook sheet is handed over as rows cut to one width: only blank rows can be found in its structure.
    run.fast = ((text or user_schema is None) and not frictionless_checks and bool(vector) and len(vector) == len(names)
                and list(validation_schema.missing_values) == [""])
    for table_check in table_checks:
        table_check.start(context)

    # 2. The streaming pass. On the fast path Frictionless only splits the rows: the first open streams them
    # (a second open costs as much as the first, a lot on a wide table: every field is copied and checked).
    if run.fast:
        resource = probe
    else:
        probe.close()
        resource = open_resource(path, detected, schema=validation_schema)
    total_bytes = max(path.stat().st_size, 1)
    callback = _progress_callback(progress, path.name)
    try:
        with resource:
            checks = [] if run.fast else Checklist(checks=frictionless_checks).connect(resource)
            for error in start_errors if run.fast else ():
                collector.add(from_frictionless(error))
            for fr_check in checks:
                for error in fr_check.validate_start():
                    collector.add(from_frictionless(error))
            extra = checks[1:]
            rows: list[list[Any]] = []
            numbers: list[int] = []
            stream = resource.row_stream
            while True:
                try:
                    row = next(stream)
                except StopIteration:
                    break
                except FrictionlessException as exc:
                    collector.add(from_frictionless(exc.error))
                    continue
                if not run.fast:
                    for error in row.errors:
                        collector.add(from_frictionless(error))
                for fr_check in extra:
                    for error in fr_check.validate_row(row):
                        collector.add(from_frictionless(error))
                try:  # the private slots: Row.cells and Row.row_number are slow cached properties
                    cells, number = row._Row__cells, row._Row__row_number
                except AttributeError:
                    cells, number = row.cells, row.row_number
                rows.append(cells)
                numbers.append(number)
                if len(rows) >= chunk_rows:
                    run.chunk(rows, numbers, names)
                    rows, numbers = [], []
                    if callback:
                        callback(run.rows, _share_read(resource, total_bytes))
            if rows:
                run.chunk(rows, numbers, names)
            for fr_check in checks:
                for error in fr_check.validate_end():
                    collector.add(from_frictionless(error))
    except FrictionlessException as exc:
        raise unreadable(path, exc) from exc
    except (UnicodeError, OSError, ValueError) as exc:
        raise unreadable(path, exc) from exc
    finally:
        if callback:
            callback(run.rows, 1.0)
    for table_check in table_checks:
        run.add_all(getattr(table_check, "name", "check"), lambda c=table_check: c.end(context))  # type: ignore[misc]
    run.add_all("type", lambda: tally.findings(collector.explained))  # after the checks that explain cells
    collector.finish()
    if run.rows == 0 and names:
        collector.add(NO_DATA_FINDING)

    types = {field.name: field.type for field in (user_schema or inferred).fields}
    types.update(tally.types())
    untitled, renamed = _made_up_names(names, labels)
    report = QualityReport(
        source=str(path), detected=detected, rows=run.rows, fields=names, kinds=kinds,
        findings=sorted((relabel(f, untitled, renamed) for f in collector.kept), key=_order),
        stats=dict(collector.counts), occurrences=dict(collector.occurrences), untitled=untitled, renamed=renamed,
        severity_counts=dict(collector.severities), types=types, lang=lang,
        truncated=collector.truncated, seconds=round(time.perf_counter() - started, 3),
    )
    announce(pm, Event(DATASET_CHECKED, {"source": str(path), "valid": report.valid,
                                         "errors": report.error_count, "warnings": report.warning_count},
                       administration=getattr(getattr(project, "administration", None), "name", None),
                       nis_code=administration, project_dir=_root(project)))
    return report


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


def _share_read(resource: Any, total: int) -> float:
    try:
        return min(1.0, resource.stats.bytes / total) if resource.stats.bytes else 0.0
    except Exception:
        return 0.0


def _progress_callback(progress: bool | ProgressCallback, name: str) -> ProgressCallback | None:
    if callable(progress):
        return progress
    if not progress:
        return None
    from .progress import rich_progress

    return rich_progress(name)
