"""Checking several files at once (« odwb-assist check export1.csv export2.xlsx », a folder): one report per file.

Each file is checked on its own, as ``check`` checks it alone; one that cannot be read as a table (a PDF, a damaged
workbook, a GeoJSON) is listed with the reason, and the others go on. A folder stands for the tables in it and in its
subfolders (CSV, TSV, XLSX, XLSM, XLS, ODS, and an Excel 2003 XML workbook saved as .xml), sorted by path, without
hidden files, Office's lock files (« ~$… »), the side files ``fix`` writes beside a clean file
(« propre.lignes-retirees.csv ») and the copies ``document`` writes into its output folder: what an administration's
shared folder of exports holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..core.i18n import Msg, normalise_lang
from .detect import EmptyTableError
from .markup_book import is_xml_workbook
from .report import REPORT_VERSION, QualityReport
from .sheets import with_outcome
from .side_files import written_by_tool

TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls", ".ods")  # the tables a folder stands for


@dataclass
class FileResult:
    """The outcome for one file: ``checked`` (with its report), ``empty`` or ``unreadable`` (with the reason)."""

    source: str
    status: str
    report: QualityReport | None = None
    message: Msg | None = None

    @property
    def exit_code(self) -> int:
        """What ``check`` alone would exit with for this file: 0 valid, 1 errors, 2 unreadable."""
        if self.report is None:
            return 2
        return 0 if self.report.valid else 1

    def to_dict(self, lang: str) -> dict[str, Any]:
        return with_outcome({"source": self.source, "status": self.status}, self.report, self.message, lang)


@dataclass
class FilesReport:
    """Every file's result, in the order given (a folder's tables sorted by path)."""

    files: list[FileResult] = field(default_factory=list)
    lang: str = "fr"

    @property
    def reports(self) -> list[QualityReport]:
        return [item.report for item in self.files if item.report is not None]

    @property
    def valid(self) -> bool:
        """Every file read, none with an error."""
        return all(item.exit_code == 0 for item in self.files)

    @property
    def exit_code(self) -> int:
        """The worst of the files' exit codes (2 when one could not be read)."""
        return max((item.exit_code for item in self.files), default=0)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        language = normalise_lang(lang or self.lang)
        return {"version": REPORT_VERSION, "valid": self.valid, "files": [item.to_dict(language) for item in self.files],
                "lang": language}

    def to_json(self, lang: str | None = None) -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=2, default=str)


def table_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files to check: each file given, and the tables of each folder given (see the module's doc); each once.
    Raises :class:`InputError` for a path that does not exist, or a folder without any table."""
    return [path for path, _ in tables_in(paths)]


def tables_in(paths: Iterable[str | Path], skip: Path | None = None) -> list[tuple[Path, Path | None]]:
    """:func:`table_files` with the folder each was found in (None: a file given itself); ``skip``: a folder whose
    tables are left out (where ``fix`` writes the clean copies of a folder's tables, inside it)."""
    found: list[tuple[Path, Path | None]] = []
    left_out = skip.expanduser().resolve() if skip is not None else None
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            tables = [item for item in sorted(path.rglob("*")) if _is_table(item, path)
                      and not (left_out is not None and item.resolve().is_relative_to(left_out))]
            if not tables:
                raise InputError(f"Le dossier {path} ne contient aucun tableau (CSV, TSV, XLSX, XLSM, XLS ou ODS).",
                                 f"Folder {path} holds no table (CSV, TSV, XLSX, XLSM, XLS or ODS).")
            found.extend((table, path) for table in tables)
        elif path.exists():
            found.append((path, None))
        else:
            raise InputError(f"Le fichier {path} n'existe pas. Vérifiez le chemin (relatif au dossier courant ou absolu).",
                             f"File {path} does not exist. Check the path (relative to the current folder, or absolute).")
    unique: dict[Path, tuple[Path, Path | None]] = {}
    for path, root in found:
        unique.setdefault(path.resolve(), (path, root))
    return list(unique.values())


def tables_near(folder: Path, limit: int = 30) -> list[Path]:
    """The tables of ``folder`` and of its folders one level down (« data/ »), sorted, at most ``limit``: what a new
    project there may publish. Not a whole tree: ``init`` may be run in a home folder."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for item in sorted(folder.iterdir()):
        if item.is_dir() and not item.name.startswith("."):
            found.extend(child for child in sorted(item.iterdir()) if _is_table(child, folder))
        elif _is_table(item, folder):
            found.append(item)
        if len(found) >= limit:
            break
    return found[:limit]


def _is_table(path: Path, root: Path) -> bool:
    name = path.name.lower()
    hidden = any(part.startswith((".", "~$")) for part in path.relative_to(root).parts)
    table = name.endswith(TABLE_SUFFIXES) or (name.endswith(".xml") and is_xml_workbook(path))
    return path.is_file() and not hidden and table and not written_by_tool(path)


def check_files(paths: Iterable[str | Path], schema: Any = None, *, lang: str = "fr", **options: Any) -> FilesReport:
    """Check each file of ``paths`` (a folder: its tables), ``options`` as for :func:`~odwb_assist.quality.check`;
    a file that cannot be read is listed with the reason (``unreadable``, ``empty``), the others go on."""
    from .engine import check

    result = FilesReport(lang=lang)
    for path in table_files(paths):
        try:
            report = check(path, schema, lang=lang, **options)
        except EmptyTableError as exc:
            result.files.append(FileResult(str(path), "empty", message=exc.text))
            continue
        except InputError as exc:
            result.files.append(FileResult(str(path), "unreadable", message=exc.text))
            continue
        result.files.append(FileResult(str(path), "checked", report=report))
    return result
