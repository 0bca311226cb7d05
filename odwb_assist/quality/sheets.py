"""Checking every sheet of a workbook (``--sheet all``): one quality report per sheet, in one result.

A sheet without any value is listed as ``empty``, a sheet that cannot be read as ``unreadable`` with
the reason; neither stops the other sheets. A CSV is one table: its result holds one report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..core.i18n import Msg, normalise_lang
from .detect import (
    SAMPLE_BYTES,
    SPREADSHEET_FORMATS,
    EmptyTableError,
    check_extension,
    resolve_source,
    sheet_names,
    sniff_format,
)
from .report import REPORT_VERSION, QualityReport

ALL_SHEETS = ("all", "toutes")


def is_all(sheet: str | None) -> bool:
    """``--sheet all`` (or « toutes »)."""
    return sheet is not None and sheet.strip().casefold() in ALL_SHEETS


@dataclass
class SheetResult:
    """The outcome for one sheet: ``checked`` (with its report), ``empty`` or ``unreadable`` (with a message)."""

    sheet: str | None
    index: int
    status: str
    report: QualityReport | None = None
    message: Msg | None = None
    hidden: bool = False  # the sheet is hidden in the workbook

    def to_dict(self, lang: str) -> dict[str, Any]:
        data = {"sheet": self.sheet, "index": self.index, "status": self.status, "hidden": self.hidden}
        return with_outcome(data, self.report, self.message, lang)


def with_outcome(data: dict[str, Any], report: QualityReport | None, message: Msg | None, lang: str) -> dict[str, Any]:
    """``data`` with what a table's check gave: its ``report``, or the ``message`` saying why there is none (the
    JSON of a sheet of ``--sheet all``, of a file of several)."""
    if report is not None:
        data["report"] = report.to_dict(lang)
    if message is not None:
        data["message"] = message(lang)
    return data


@dataclass
class WorkbookReport:
    """Every sheet's result, in the workbook's order."""

    source: str
    sheets: list[SheetResult] = field(default_factory=list)
    lang: str = "fr"

    @property
    def reports(self) -> list[QualityReport]:
        return [item.report for item in self.sheets if item.report is not None]

    @property
    def valid(self) -> bool:
        return all(report.valid for report in self.reports)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        language = normalise_lang(lang or self.lang)
        return {"version": REPORT_VERSION, "valid": self.valid, "source": self.source,
                "sheets": [item.to_dict(language) for item in self.sheets], "lang": language}

    def to_json(self, lang: str | None = None) -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=2, default=str)


def check_sheets(source: str | Path, schema: Any = None, *, lang: str = "fr", **options: Any) -> WorkbookReport:
    """Check each sheet of a workbook (``options`` as for :func:`~odwb_assist.quality.check`, but ``sheet``)."""
    from .engine import check

    options.pop("sheet", None)
    path = resolve_source(source)
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    fmt = sniff_format(path, head)
    check_extension(path, fmt, head)
    names: list[str | None] = list(sheet_names(path, fmt)) if fmt in SPREADSHEET_FORMATS else [None]
    if not names:
        names = [None]
    result = WorkbookReport(source=str(path), lang=lang)
    for index, name in enumerate(names, start=1):
        try:
            report = check(path, schema, lang=lang, sheet=name, **options)
        except InputError as exc:
            status = "empty" if isinstance(exc, EmptyTableError) else "unreadable"
            result.sheets.append(SheetResult(name, index, status, message=exc.text))
            if name is None:
                raise
            continue
        result.sheets.append(SheetResult(name, index, "checked", report=report))
    hidden = {name for report in result.reports for name in report.detected.hidden_sheets} if result.reports else set()
    for item in result.sheets:
        item.hidden = item.sheet in hidden
    if not result.reports:
        raise InputError(f"{path.name} : aucune feuille ne contient de données.",
                         f"{path.name}: no sheet holds any data.")
    return result
