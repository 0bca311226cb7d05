"""The Frictionless path of the check engine: a given Table Schema, workbooks, and whatever pyarrow cannot read.

Frictionless opens the table (labels, the schema inferred from a sample, the header's errors), then
streams its rows in Python; the rows are gathered into text chunks for our checks. It is the parity
path: the streaming engine (:mod:`.stream`) must give the same report, and ``ODWB_ENGINE=frictionless``
forces this path to compare them. Frictionless is imported here only, when this path runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..core.findings import Finding
from ..core.i18n import Msg
from .cell_text import cell_text
from .detect import Detected
from .messages import from_frictionless
from .notes import general
from .reader import open_resource, unreadable
from .type_readers import vectorisable
from .undecodable import first_undecodable


def load_schema(schema: Any) -> Any:
    """A Frictionless schema from a path, a descriptor dict or a Schema (``None`` stays ``None``)."""
    if schema is None:
        return None
    from frictionless import FrictionlessException, Schema

    if isinstance(schema, Schema):
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


def validation_schema(inferred: Any, text: bool = True) -> tuple[Any, dict[str, tuple[int, str]]]:
    """Text (or, for typed spreadsheet cells, any) fields where we check the type ourselves; the types we
    check (field -> (number, type))."""
    from frictionless import Field, Schema, fields

    vector: dict[str, tuple[int, str]] = {}
    new_fields: list[Field] = []
    default_missing = list(inferred.missing_values) == [""]
    for number, item in enumerate(inferred.fields, start=1):
        if default_missing and vectorisable(item, text):
            vector[item.name] = (number, item.type)
            new_fields.append(fields.StringField(name=item.name) if text else fields.AnyField(name=item.name))
        else:
            new_fields.append(item.to_copy())
    return Schema(fields=new_fields, missing_values=list(inferred.missing_values)), vector if vector else {}


@dataclass
class Opened:
    """What opening a table gives the engine, whichever reader opened it."""

    names: list[str]
    labels: list[Any]
    types: dict[str, str]  # field -> type inferred from the first rows (or the schema's)
    fragment: list[list[Any]]
    start_errors: list[Any]  # errors reported before any row (empty source, label errors)
    vector: dict[str, tuple[int, str]] = field(default_factory=dict)  # the types TypeTally checks
    fast: bool = False  # every type is checked by TypeTally, structure errors found by the engine
    state: Any = None  # the reader's own state (Frictionless: the probe and the validation schema)


def open_frictionless(path: Path, detected: Detected, user_schema: Any) -> Opened:
    """Open the table with Frictionless once: labels, inferred schema, sample and header errors."""
    from frictionless import FrictionlessException
    from frictionless.errors import SourceError

    probe = open_resource(path, detected, schema=user_schema)
    try:
        probe.open()
        names = list(probe.schema.field_names)
        labels = list(probe.labels or [])
        if user_schema is not None and labels and all(labels):
            # the file's own columns (with a schema, its header may have more or fewer than the schema's fields)
            names = [str(label) for label in labels]
        fragment = [list(row) for row in (probe.fragment or [])]
        inferred = probe.schema if user_schema is not None else _local_numbers(probe.schema, fragment)
        # What Frictionless's baseline check says at the start of a validation (an empty source, the label
        # errors), for the fast path, which streams the rows of this first open (see below).
        start_errors: list[Any] = [SourceError(note="the source is empty")] if not (labels or fragment) else []
        start_errors += list(probe.header.errors) if probe.header is not None else []
    except FrictionlessException as exc:
        probe.close()
        raise unreadable(path, exc, detected.encoding) from exc
    except (UnicodeError, ValueError, OSError, KeyError, IndexError) as exc:
        probe.close()
        raise unreadable(path, exc, detected.encoding) from exc
    if not names:
        probe.close()
        raise InputError(f"{path.name} n'a aucune colonne.", f"{path.name} has no column.")
    text = detected.format == "csv"
    vector: dict[str, tuple[int, str]] = {}
    # Typed spreadsheet cells against a schema, or keys across rows: Frictionless reads them itself.
    if user_schema is not None and (not text or user_schema.primary_key or user_schema.foreign_keys):
        schema = user_schema
    else:  # we check the types (inferred ones from every row, not only the first)
        schema, vector = validation_schema(user_schema or inferred, text)
    fast = ((text or user_schema is None) and bool(vector) and len(vector) == len(names)
            and list(schema.missing_values) == [""])
    types = {item.name: item.type for item in (user_schema or inferred).fields}
    return Opened(names, labels, types, fragment, start_errors, vector, fast, (probe, schema))


def _local_numbers(inferred: Any, fragment: list[list[Any]]) -> Any:
    """The inferred schema without geopoint columns that are decimal-comma numbers (:func:`.inference.local_numbers_type`),
    and with a workbook's columns of midnight datetimes as dates (:func:`.inference.days_type`)."""
    from frictionless import Schema, fields

    from .inference import days_type, local_numbers_type

    changed = False
    new_fields: list[Any] = []
    for index, item in enumerate(inferred.fields):
        cells = [row[index] for row in fragment if len(row) > index]
        if local_numbers_type(item.type, cells) != item.type:
            new_fields.append(fields.StringField(name=item.name))
            changed = True
        elif days_type(item.type, cells) != item.type:
            new_fields.append(fields.DateField(name=item.name))
            changed = True
        else:
            new_fields.append(item.to_copy())
    return Schema(fields=new_fields, missing_values=list(inferred.missing_values)) if changed else inferred


def stream_frictionless(run: Any, path: Path, opened: Opened, frictionless_checks: list[Any], chunk_rows: int,
                        callback: Callable[[int, float], None] | None) -> None:
    """Stream the rows through Frictionless into ``run``'s chunks (``run.fast``: Frictionless only splits rows)."""
    from frictionless import Checklist, FrictionlessException

    probe, schema = opened.state
    detected = run.detected
    collector = run.collector
    # On the fast path Frictionless only splits the rows: the first open streams them
    # (a second open costs as much as the first, a lot on a wide table: every field is copied and checked).
    if run.fast:
        resource = probe
    else:
        probe.close()
        resource = open_resource(path, detected, schema=schema)
    total_bytes = max(path.stat().st_size, 1)
    names = opened.names
    try:
        with resource:
            checks = [] if run.fast else Checklist(checks=frictionless_checks).connect(resource)
            for error in opened.start_errors if run.fast else ():
                collector.add(from_frictionless(error))
            for fr_check in checks:
                for error in fr_check.validate_start():
                    collector.add(from_frictionless(error))
            extra = checks[1:]
            rows: list[list[Any]] = []
            numbers: list[int] = []
            stream = resource.row_stream
            undecodable = None  # a byte the encoding does not define: said once it is known whether reading went on
            last = 0  # the last row read
            while True:
                try:
                    row = next(stream)
                except StopIteration:
                    break
                except FrictionlessException as exc:
                    finding = from_frictionless(exc.error)
                    if finding.type == "encoding-error":
                        undecodable = finding
                    else:
                        collector.add(finding)
                    continue
                if undecodable is not None:  # the reading went on past it
                    collector.add(undecodable)
                    undecodable = None
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
                if len(cells) > len(names):  # a long row: decimal commas may have cut it (:mod:`.split_decimals`)
                    run.splits.see(number, ["" if cell is None else str(cell) for cell in cells])
                rows.append(cells)
                numbers.append(number)
                last = number
                if len(rows) >= chunk_rows:
                    run.chunk(rows, numbers, names)
                    rows, numbers = [], []
                    if callback:
                        callback(run.rows, _share_read(resource, total_bytes))
            if undecodable is not None:
                collector.add(stopped_reading(undecodable, last, first_undecodable(path, detected.encoding)))
            if rows:
                run.chunk(rows, numbers, names)
            for fr_check in checks:
                for error in fr_check.validate_end():
                    collector.add(from_frictionless(error))
    except FrictionlessException as exc:
        raise unreadable(path, exc, detected.encoding) from exc
    except (UnicodeError, OSError, ValueError) as exc:
        raise unreadable(path, exc, detected.encoding) from exc


def stopped_reading(finding: Finding, last: int, where: tuple[int, int] | None = None) -> Finding:
    """An undecodable byte's finding, saying that the reading stopped there: the rows below it were not checked
    (Frictionless reads the text in blocks: the byte is somewhere below the last row read, not on the next one);
    ``where``: the byte's offset and line in the file (:func:`.undecodable.first_undecodable`), when found."""
    line = Msg("", "") if where is None else Msg(f" cet octet est à la ligne {where[1]} du fichier, et",
                                                 f" this byte is on line {where[1]} of the file, and")
    if last:
        more = Msg(f" La lecture s'est arrêtée là :{line.fr} les lignes au-delà de la ligne {last} n'ont pas été "
                   "vérifiées.", f" Reading stopped there:{line.en} the rows below row {last} were not checked.")
    else:
        more = Msg(f" La lecture s'est arrêtée là :{line.fr} aucune ligne de données n'a été vérifiée.",
                   f" Reading stopped there:{line.en} no data row was checked.")
    extra = finding.extra if where is None else {**finding.extra, "offset": where[0], "line": where[1]}
    return replace(finding, message=finding.message + more, extra=extra)


def sample_columns(opened: Opened, text: bool) -> list[list[str]]:
    """The first data rows' text, one list per column (each cell's text, as the chunks hold it), for detecting field kinds."""
    width = len(opened.names)
    rows = opened.fragment
    if not text:
        rows = [[cell_text(cell) for cell in row] for row in rows]
    if any(len(row) != width for row in rows):
        rows = [row[:width] if len(row) >= width else [*row, *[""] * (width - len(row))] for row in rows]
    return [list(column) for column in zip(*rows, strict=True)] if rows else [[] for _ in range(width)]


def _share_read(resource: Any, total: int) -> float:
    try:
        return min(1.0, resource.stats.bytes / total) if resource.stats.bytes else 0.0
    except Exception:
        return 0.0
