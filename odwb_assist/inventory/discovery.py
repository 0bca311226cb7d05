"""Propose inventory rows from a folder of data files, and merge them into an inventory.

For each data file: its format, size, rows and columns, the field kinds the quality engine detects,
and personal-data signals — the findings and field kinds that the installed checks mark as
personal (``FieldKind.personal``, types such as ``personal-email``, ``be-national-number``,
``be-phone``), plus a few unambiguous column titles (« prénom », « date de naissance », …).
Nothing is written: the caller decides where the proposals go (:func:`merge` never overwrites
what the user wrote).
"""

from __future__ import annotations

import copy
import importlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..core.errors import InventoryError, OdwbError, os_reason
from ..core.findings import MAYBE_PERSONAL_DATA_TYPES, PERSONAL_DATA_TYPES
from ..core.slugs import slug
from .model import COLUMNS, Inventory, InventoryEntry, fold
from .reader import DEFAULT, default_engine

TABULAR = {".csv": "CSV", ".tsv": "CSV", ".xlsx": "Excel", ".xlsm": "Excel", ".xls": "Excel", ".ods": "ODS"}
OTHER = {
    ".json": "JSON", ".geojson": "GeoJSON", ".shp": "Shapefile", ".kml": "Autre", ".gpkg": "Autre", ".xml": "XML",
    ".pdf": "PDF", ".docx": "Word", ".doc": "Word", ".mdb": "Base de données", ".accdb": "Base de données",
    ".sqlite": "Base de données", ".db": "Base de données", ".parquet": "Autre", ".txt": "Autre",
}
# Kinds that are personal only in a table that describes people: a hint to check, not a flag.
MAYBE_PERSONAL_KINDS = frozenset({"be-phone", "email", "be-iban"})
# Column titles that name personal data without doubt (folded: lower case, no accents).
PERSONAL_HEADERS: tuple[tuple[str, str], ...] = (
    (r"\bprenoms?\b|\bfirst ?name\b", "prénom"),
    (r"date de naissance|\bnaissance\b|birth", "date de naissance"),
    (r"registre national|\bniss\b|\brrn\b|numero national", "numéro de registre national"),
)
# Column titles that may hold personal data (a service's e-mail or phone is not personal): to check.
MAYBE_PERSONAL_HEADERS: tuple[tuple[str, str], ...] = (
    (r"\be ?mail\b|courriel", "adresse e-mail"),
    (r"telephone|\bgsm\b|portable|\bmobile\b", "téléphone"),
    (r"\biban\b|compte bancaire", "compte bancaire"),
)

TableReader = Callable[[str], Any]
"""``reader(path) -> object with .frame`` (a DataFrame): the signature of ``quality.read_table``."""


@dataclass(frozen=True)
class PersonalSignal:
    column: str
    why: str
    certain: bool = True  # False: a column to check (e-mail, phone, IBAN may belong to a service)


def _default_reader() -> TableReader | None:
    try:
        module = importlib.import_module("odwb_assist.quality")
    except ImportError:
        return None
    reader = getattr(module, "read_table", None)
    return reader if callable(reader) else None


def _pandas_frame(path: Path) -> Any:
    import pandas as pd

    if path.suffix.lower() in (".csv", ".tsv"):
        return pd.read_csv(path, sep=None, engine="python", dtype=str, encoding_errors="replace")
    engine = "openpyxl" if path.suffix.lower() in (".xlsx", ".xlsm") else None  # pandas 3 warns without
    return pd.read_excel(path, dtype=str, engine=engine)


def _identifier(text: str) -> str:
    """An inventory row's identifier from a file's name (60 characters at most)."""
    return slug(text)[:60] or "fichier"


def _size(n: int) -> str:
    return f"{n} o" if n < 1024 else f"{n / 1024:.0f} Ko" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} Mo"


def _personal_kinds(plugins: Any) -> set[str]:
    try:
        from ..core.plugins import collect, default_plugin_manager

        pm = plugins if plugins is not None else default_plugin_manager()
        return {k.name for k in collect(pm.hook.odwb_field_kinds()) if getattr(k, "personal", False)}
    except Exception:  # a broken plugin must not stop the discovery; its kinds are simply unknown
        return set()


def _signals(columns: list[str], kinds: dict[str, str], findings: Iterable[Any], personal_kinds: set[str]) -> list[
        PersonalSignal]:
    signals: dict[str, PersonalSignal] = {}
    for column, kind in kinds.items():
        if kind in personal_kinds or kind in PERSONAL_DATA_TYPES:
            signals.setdefault(column, PersonalSignal(column, f"type détecté {kind}"))
    for f in findings:
        ftype = str(getattr(f, "type", ""))
        if (ftype in PERSONAL_DATA_TYPES or ftype.startswith("personal")) and getattr(f, "field_name", None):
            signals.setdefault(f.field_name, PersonalSignal(f.field_name, f"contrôle {ftype}"))
    for column in columns:
        folded = fold(column)
        for pattern, why in PERSONAL_HEADERS:
            if re.search(pattern, folded):
                signals.setdefault(column, PersonalSignal(column, f"titre de colonne ({why})"))
                break
    for f in findings:  # a warning: names, a contact's mobile, a birth year, a person named in an answer
        ftype = str(getattr(f, "type", ""))
        if ftype in MAYBE_PERSONAL_DATA_TYPES and getattr(f, "field_name", None):
            signals.setdefault(f.field_name, PersonalSignal(f.field_name, f"contrôle {ftype}, à vérifier",
                                                            certain=False))
    for column, kind in kinds.items():
        if kind in MAYBE_PERSONAL_KINDS:
            signals.setdefault(column, PersonalSignal(column, f"type détecté {kind}, à vérifier", certain=False))
    for column in columns:
        for pattern, why in MAYBE_PERSONAL_HEADERS:
            if re.search(pattern, fold(column)):
                signals.setdefault(column, PersonalSignal(column, f"titre de colonne ({why}), à vérifier", certain=False))
                break
    return list(signals.values())


def report_findings(report: Any) -> list[Any]:
    """Every finding of a quality report (``.findings``, else ``.errors`` + ``.warnings``), each once."""
    found = getattr(report, "findings", None)
    if found is None:
        found = [*getattr(report, "errors", []), *getattr(report, "warnings", [])]
    unique: dict[int, Any] = {id(f): f for f in found}
    return list(unique.values())


def _describe_table(path: Path, engine: Any, reader: Any, plugins: Any, personal_kinds: set[str]) -> dict[str, Any]:
    info: dict[str, Any] = {"rows": None, "columns": [], "kinds": {}, "signals": [], "problem": None, "title": None}
    findings: list[Any] = []
    try:
        if engine is not None:
            report = engine(str(path), lang="fr", plugins=plugins)
            info["kinds"] = dict(getattr(report, "kinds", {}) or {})
            findings = report_findings(report)
            rows, columns = getattr(report, "rows", None), getattr(report, "fields", None)
            if isinstance(rows, int) and columns:
                info["rows"], info["columns"] = rows, [str(c) for c in columns]
            info["title"] = _own_title(getattr(report, "detected", None), path)
        if info["rows"] is None:
            frame = reader(str(path)).frame if reader is not None else _pandas_frame(path)
            info["rows"] = int(len(frame))
            info["columns"] = [str(c) for c in frame.columns]
    except OdwbError as exc:
        info["problem"] = exc.message("fr")
    except OSError as exc:
        info["problem"] = f"le fichier n'a pas pu être lu ({os_reason(exc).fr})"
    except Exception:  # an unreadable file becomes a remark on its row, never a crash of the scan; a library's
        # exception is no French: the remark says what to do
        info["problem"] = ("le fichier n'a pas pu être lu (abîmé, protégé par un mot de passe ou pas du format que "
                           "dit son extension) : ouvrez-le dans son logiciel et enregistrez-le à nouveau")
    info["signals"] = _signals(info["columns"], info["kinds"], findings, personal_kinds)
    return info


def _own_title(detected: Any, path: Path) -> str | None:
    """The title the file gives itself: its title line above the table, or the first of a workbook's notice sheet
    (« Inventaire des arbres remarquables — Ville de Ciney »), or for the clean file of ``fix`` its original's, as
    metadata drafting reads them; None when it has none."""
    from ..metadata.enrich_file_notes import own_title
    from ..metadata.source import removed_lines

    lines = [text for _, text in getattr(detected, "title_rows", None) or []]
    lines += list(getattr(detected, "notice_lines", None) or [])
    return own_title([line for line in lines or removed_lines(path)[0] if isinstance(line, str)])


def _entry(path: Path, folder: Path, info: dict[str, Any] | None, fmt: str | None = None) -> InventoryEntry:
    relative = path.relative_to(folder).as_posix()
    suffix = path.suffix.lower()
    size = path.stat().st_size
    fmt = fmt or TABULAR.get(suffix) or OTHER.get(suffix, "Autre")
    remarks = [f"Proposé par odwb-assist depuis le fichier {relative}."]
    volume = _size(size)
    personal = ""
    extra: dict[str, Any] = {"file": str(path), "size": size}
    if info is not None:
        if info["rows"] is not None:
            volume = f"{info['rows']} lignes × {len(info['columns'])} colonnes ({_size(size)})"
        if info["columns"]:
            remarks.append("Colonnes : " + ", ".join(info["columns"][:30]) + ("…" if len(info["columns"]) > 30 else ""))
        if info["kinds"]:
            remarks.append("Types détectés : " + ", ".join(f"{c} = {k}" for c, k in info["kinds"].items()))
        certain = [sig for sig in info["signals"] if sig.certain]
        if certain:
            personal = "oui"
            remarks.append("Données personnelles : " + ", ".join(f"{sig.column} ({sig.why})" for sig in certain))
        doubtful = [sig for sig in info["signals"] if not sig.certain]
        if doubtful:
            remarks.append("À vérifier (données personnelles ou d'un service ?) : "
                           + ", ".join(f"{sig.column} ({sig.why})" for sig in doubtful))
        if info["problem"]:
            remarks.append(f"Lecture incomplète : {info['problem']}")
        extra.update(rows=info["rows"], columns=info["columns"], kinds=info["kinds"],
                     personal_signals=[{"column": s.column, "why": s.why} for s in info["signals"]])
    title = re.sub(r"[_\-]+", " ", path.stem).strip()
    title = (info or {}).get("title") or title[:1].upper() + title[1:]
    return InventoryEntry(identifier=_identifier(path.stem), title=title, format=fmt, volume=volume,
                          personal_data=personal, status="identifié", remarks=" ".join(remarks), extra=extra)


def discover(folder: str | os.PathLike[str], plugins: Any = None, *, engine: Any = DEFAULT, reader: Any = DEFAULT,
             recursive: bool = True, max_bytes: int = 50_000_000) -> list[InventoryEntry]:
    """Propose one inventory entry per data file under ``folder`` (sorted by path).

    ``engine`` (default ``quality.check``) detects field kinds and personal data; ``reader`` (default
    ``quality.read_table``, else pandas) counts rows and columns. Files that cannot be read still get
    a row, with the reason in the remarks; tables above ``max_bytes`` are listed without being read.
    """
    root = Path(folder)
    if not root.is_dir():
        raise InventoryError(
            f"Le dossier {root} n'existe pas ou n'est pas un dossier : indiquez le dossier qui contient vos fichiers.",
            f"Folder {root} does not exist or is not a folder: give the folder holding your data files.",
        )
    chosen_engine = default_engine() if engine is DEFAULT else engine
    chosen_reader = _default_reader() if reader is DEFAULT else reader
    personal_kinds = _personal_kinds(plugins)
    from ..quality.markup_book import is_xml_workbook  # imported when discovering, not with the inventory
    from ..quality.side_files import written_by_tool

    files = sorted(root.rglob("*") if recursive else root.glob("*"))
    entries: list[InventoryEntry] = []
    for path in files:
        relative_parts = path.relative_to(root).parts
        if not path.is_file() or any(p.startswith((".", "~$")) for p in relative_parts) or written_by_tool(path):
            continue
        suffix = path.suffix.lower()
        if suffix == ".txt":  # Excel's « Texte Unicode » and « Texte (séparateur : tabulation) » are tables
            info = _describe_table(path, chosen_engine, chosen_reader, plugins, personal_kinds)
            table = info["problem"] is None and len(info["columns"]) >= 2
            entries.append(_entry(path, root, info, "CSV") if table else _entry(path, root, None))
            continue
        if suffix == ".xml" and is_xml_workbook(path):  # Excel's « XML Spreadsheet 2003 »: a workbook
            entries.append(_entry(path, root, _describe_table(path, chosen_engine, chosen_reader, plugins,
                                                              personal_kinds), "Excel"))
            continue
        if suffix in TABULAR and path.stat().st_size > max_bytes:
            entries.append(_entry(path, root, {"rows": None, "columns": [], "kinds": {}, "signals": [], "problem": (
                f"fichier de plus de {max_bytes // 1_000_000} Mo, non analysé ici : vérifiez-le avec « odwb-assist "
                "check »")}))
        elif suffix in TABULAR:
            entries.append(_entry(path, root, _describe_table(path, chosen_engine, chosen_reader, plugins, personal_kinds)))
        elif suffix in OTHER:
            entries.append(_entry(path, root, None))
    return _unique_ids(entries, set())


def _unique_ids(entries: list[InventoryEntry], taken: set[str]) -> list[InventoryEntry]:
    out = []
    for entry in entries:
        base = entry.identifier
        candidate, n = base, 2
        while candidate.lower() in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate.lower())
        out.append(replace(entry, identifier=candidate) if candidate != base else entry)
    return out


def _file_of(entry: InventoryEntry) -> str | None:
    if entry.extra.get("file"):
        return Path(str(entry.extra["file"])).name.lower()
    match = re.search(r"depuis le fichier (\S+?)\.?(\s|$)", entry.remarks)
    return Path(match.group(1)).name.lower() if match else None


def _matches(existing: InventoryEntry, proposal: InventoryEntry) -> bool:
    if existing.identifier and existing.identifier.lower() == proposal.identifier.lower():
        return True
    file = _file_of(proposal)
    if file and file == _file_of(existing):
        return True
    return bool(existing.title) and fold(existing.title) == fold(proposal.title)


def merge(existing: Inventory | Iterable[InventoryEntry], proposed: Iterable[InventoryEntry]) -> list[InventoryEntry]:
    """The existing entries, each completed only in its EMPTY cells by the proposal that matches it
    (same identifier, same file, or same title), then the proposals that match nothing.

    Nothing the user wrote is ever replaced; the inputs are not modified.
    """
    result = [copy.deepcopy(e) for e in (existing.entries if isinstance(existing, Inventory) else existing)]
    new: list[InventoryEntry] = []
    for proposal in proposed:
        target = next((e for e in result if _matches(e, proposal)), None)
        if target is None:
            new.append(copy.deepcopy(proposal))
            continue
        for col in COLUMNS:
            if col.key != "identifier" and target.is_empty(col.key) and not proposal.is_empty(col.key):
                setattr(target, col.key, getattr(proposal, col.key))
        for key, value in proposal.extra.items():
            target.extra.setdefault(key, value)
    return result + _unique_ids(new, {e.identifier.lower() for e in result})


def merge_preview(existing: Inventory, proposed: Iterable[InventoryEntry]) -> tuple[list[InventoryEntry],
                                                                                    list[InventoryEntry]]:
    """What :func:`merge` would do: (the new rows it would add, the existing rows whose empty cells it would fill)."""
    merged = merge(existing, proposed)
    before = existing.entries
    completed = [after for old, after in zip(before, merged, strict=False) if old.cells() != after.cells()]
    return merged[len(before):], completed
