"""Read an inventory (XLSX workbook from the template, or CSV) and check it.

The cells are checked twice: by the quality engine (:func:`odwb_assist.quality.check`) with the
inventory's Table Schema, like any data file, and by the inventory's own rules (codes from the
lists, scores 1–5, dates, unique identifiers). Both report by spreadsheet row and column; when both
flag the same cell, the inventory rule is kept because its advice is specific.
"""

from __future__ import annotations

import csv
import importlib
import io
import itertools
import os
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..core.errors import InventoryError, OdwbError
from ..core.findings import Finding, Severity
from ..core.i18n import Msg
from . import rules
from .model import EXAMPLE_IDENTIFIER, Inventory, InventoryEntry, fold, header_aliases, table_schema
from .template import DATA_SHEET

Engine = Callable[..., Any]
"""``engine(source, schema=…, lang=…, plugins=…, sheet=…) -> report`` with ``.errors`` (and maybe
``.warnings`` or ``.findings``) lists of :class:`Finding`: the signature of ``quality.check``."""

DEFAULT = object()
TABLE_SUFFIXES = (".xlsx", ".xlsm", ".csv")


def default_engine() -> Engine | None:
    """``odwb_assist.quality.check`` when the quality engine is installed, else None."""
    try:
        module = importlib.import_module("odwb_assist.quality")
    except ImportError:
        return None
    engine = getattr(module, "check", None)
    return engine if callable(engine) else None


def _open_error(path: Path, why_fr: str, why_en: str) -> InventoryError:
    return InventoryError(
        f"L'inventaire {path} ne peut pas être lu : {why_fr}. Enregistrez-le en .xlsx depuis Excel ou "
        "LibreOffice, ou en CSV UTF-8, puis relancez.",
        f"Inventory {path} cannot be read: {why_en}. Save it as .xlsx from Excel or LibreOffice, or as "
        "UTF-8 CSV, then run again.",
    )


def _xlsx_rows(path: Path) -> tuple[str | None, Iterator[tuple[int, list[str]]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _open_error(path, "ce n'est pas un classeur Excel valide", "it is not a valid Excel workbook") from exc
    if DATA_SHEET in wb.sheetnames:
        ws = wb[DATA_SHEET]
    else:
        aliases = header_aliases()
        ws = None
        for candidate in wb.worksheets:
            first = next(candidate.iter_rows(min_row=1, max_row=1, values_only=True), ())
            if sum(fold(rules.cell_text(v)) in aliases for v in first) >= 2:
                ws = candidate
                break
        if ws is None:
            raise _open_error(path, f"aucune feuille « {DATA_SHEET} » ni aucune feuille avec les colonnes de "
                              "l'inventaire", f"no '{DATA_SHEET}' sheet nor any sheet with the inventory columns")
    title = ws.title

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            yield number, [rules.cell_text(v) for v in values]
        wb.close()

    return title, rows()


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise _open_error(path, "le fichier est binaire, ce n'est pas un CSV", "the file is binary, not a CSV")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        from ..quality.code_pages import code_page

        text = raw.decode(code_page(raw), errors="replace")  # Windows-1252, Mac OS Roman or 850
    first = (text.splitlines() or [""])[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    # newline="": the csv module then reads « \r\n », « \n » and old Mac « \r » line ends alike
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    for values in reader:
        yield start, [v.strip() for v in values]
        start = reader.line_num + 1


def _find_header(rows: Iterator[tuple[int, list[str]]], aliases: dict[str, str], file: Path) -> tuple[
        tuple[int, list[str]], Iterator[tuple[int, list[str]]]]:
    """The header row: the first of the first ten non-empty rows naming two inventory columns (title
    rows above it are skipped), else the first non-empty row."""
    seen: list[tuple[int, list[str]]] = []
    for number, values in rows:
        if not any(values):
            continue
        if sum(fold(v) in aliases for v in values if v) >= 2:
            return (number, values), rows
        seen.append((number, values))
        if len(seen) >= 10:
            break
    if not seen:
        raise _open_error(file, "il est vide", "it is empty")
    return seen[0], itertools.chain(seen[1:], rows)


# Engine findings whose advice is to delete the column: not for the template's own columns.
TEMPLATE_COLUMN_ADVICE = frozenset({"empty-column"})


def _dedupe(own: list[Finding], engine: list[Finding]) -> list[Finding]:
    taken = {(f.row_number, f.field_name) for f in own}
    return [f for f in engine if (f.row_number, f.field_name) not in taken or f.row_number is None and
            f.field_name is None]


def _engine_findings(engine: Engine, path: Path, labels: dict[str, str], sheet: str | None, lang: str,
                     plugins: Any) -> list[Finding]:
    schema = table_schema(labels, constraints=False)
    try:
        report = engine(str(path), schema=schema, lang=lang, plugins=plugins, sheet=sheet)
    except OdwbError as exc:
        return [rules.finding(
            "inventory-engine-failed",
            Msg(f"Le contrôle de qualité général n'a pas pu lire l'inventaire : {exc.message('fr')}",
                f"The general quality check could not read the inventory: {exc.message('en')}"),
            Msg("Les règles propres à l'inventaire ont quand même été vérifiées.",
                "The inventory's own rules were still checked."), severity=Severity.WARNING)]
    found = {id(f): f for f in (getattr(report, "findings", None) or
                                [*getattr(report, "errors", []), *getattr(report, "warnings", [])])}.values()
    # The inventory accepts JJ/MM/AAAA dates (it is never published as such): no ISO-date advice there.
    local_dates = labels.get("published_on")
    # The template's own columns stay, even empty (« Identifiant ODWB » is filled once published): never advise
    # deleting them; the inventory's rules already report an empty required cell.
    own_columns = set(labels.values())
    return [f for f in found if isinstance(f, Finding) and not (f.type == "date-format" and f.field_name == local_dates)
            and not (f.type in TEMPLATE_COLUMN_ADVICE and f.field_name in own_columns)]


def read(path: str | os.PathLike[str], *, engine: Engine | None | object = DEFAULT, plugins: Any = None,
         lang: str = "fr") -> Inventory:
    """Read and check an inventory (XLSX or CSV).

    ``engine`` is the quality engine (default: ``odwb_assist.quality.check`` when installed; None to
    skip it); ``plugins`` is handed to it. Bad cells become findings, never exceptions; a file that
    cannot be read at all raises :class:`~odwb_assist.core.errors.InventoryError`.
    """
    file = Path(path)
    if not file.is_file():
        raise InventoryError(
            f"L'inventaire {file} n'existe pas. Créez-en un avec « odwb-assist inventory template {file.name} ».",
            f"Inventory {file} does not exist. Create one with 'odwb-assist inventory template {file.name}'.",
        )
    suffix = file.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise _open_error(file, f"le format {suffix or '(sans extension)'} n'est pas pris en charge",
                          f"format {suffix or '(no extension)'} is not supported")
    sheet: str | None = None
    if suffix == ".csv":
        rows = _csv_rows(file)
    else:
        sheet, rows = _xlsx_rows(file)
    aliases = header_aliases()
    (header_row, headers), rows = _find_header(rows, aliases, file)
    labels: dict[str, str] = {}
    positions: dict[str, int] = {}
    findings: list[Finding] = []
    for index, label in enumerate(headers):
        if not label:
            continue
        key = aliases.get(fold(label))
        if key is None or key in labels:
            findings.append(rules.unknown_column(label, index + 1))
            continue
        labels[key] = label
        positions[key] = index
    if not labels:
        raise _open_error(file, f"la ligne {header_row} ne contient aucun titre de colonne de l'inventaire",
                          f"row {header_row} holds none of the inventory column headers")
    findings.extend(rules.missing_columns(labels))
    numbers = {key: index + 1 for key, index in positions.items()}
    entries: list[InventoryEntry] = []
    for number, values in rows:
        if not any(values):
            continue
        cells = {key: (values[i] if i < len(values) else "") for key, i in positions.items()}
        if cells.get("identifier", "").upper() == EXAMPLE_IDENTIFIER:
            continue
        entry, found = rules.read_row(cells, number, labels, numbers)
        entries.append(entry)
        findings.extend(found)
    findings.extend(rules.duplicates(entries, labels, numbers))
    chosen = default_engine() if engine is DEFAULT else engine
    if callable(chosen):
        findings.extend(_dedupe(findings, _engine_findings(chosen, file, labels, sheet, lang, plugins)))
    findings.sort(key=lambda f: (f.row_number or 0, f.field_number or 0))
    return Inventory(entries=entries, findings=findings, path=str(file))

