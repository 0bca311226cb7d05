"""Quality: the check engine over Frictionless, the report model, renderers and fixes.

Public API (imported lazily, so that importing the package stays light)::

    check(source, schema=None, *, lang="fr", plugins=None, sheet=None, limit_errors=None,
          project=None, progress=False) -> QualityReport
    check_sheets(source, schema=None, *, lang="fr", plugins=None, ...) -> WorkbookReport (one report per sheet)
    check_files(paths, schema=None, *, lang="fr", plugins=None, ...) -> FilesReport (one report per file; a folder:
        its tables)
    fix(source, output, *, fixes=None, dry_run=False, plugins=None, sheet=None, lang="fr") -> FixResult
    fix_sheets(source, output, *, fixes=None, dry_run=False, ...) -> StackedFix (the sheets of one table, stacked)
    fix_files(paths, folder, *, fixes=None, dry_run=False, ...) -> FixedFiles (one clean copy per file, in a folder)
    read_table(source, *, sheet=None) -> Table
    detect_kinds(frame, plugins=None, schema=None) -> dict[str, str]
    render_text(report, console), render_html(report) -> str, write_xlsx(report, source, path)
"""

from __future__ import annotations

from ..core.lazy import lazy_exports

_EXPORTS = {
    "check": "engine",
    "check_sheets": "sheets",
    "check_files": "several_files",
    "FilesReport": "several_files",
    "WorkbookReport": "sheets",
    "load_schema": "engine",
    "QualityReport": "report",
    "Detected": "detect",
    "read_table": "reader",
    "Table": "reader",
    "detect_kinds": "kinds",
    "field_kinds": "kinds",
    "fix": "fix_engine",
    "fix_sheets": "stack_sheets",
    "fix_files": "several_fixes",
    "FixedFiles": "several_fixes",
    "StackedFix": "stack_sheets",
    "FixResult": "fix_engine",
    "render_text": "text_report",
    "render_html": "html_report",
    "write_xlsx": "xlsx_report",
    "Finding": "odwb_assist.core.findings",
    "Severity": "odwb_assist.core.findings",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, __all__, cache=False)
