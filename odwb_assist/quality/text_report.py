"""The terminal report (Rich): a summary, then the problems grouped by type with counts and first rows."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..checks.label_line_breaks import shown_on_one_line
from ..core.findings import Finding, Severity
from ..core.i18n import normalise_lang
from .messages import delimiter_words
from .report import QualityReport
from .titles import title

EXAMPLES = 5
TIPS = 3  # distinct tips of a group at most (a tip may name its column: one per column shown)
STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
LABEL = {"fr": {Severity.ERROR: "erreur", Severity.WARNING: "avertissement", Severity.INFO: "info"},
         "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}}


def summary_lines(report: QualityReport, lang: str) -> list[str]:
    d = report.detected
    fr = lang == "fr"
    where = f"{d.format}"
    if d.encoding:
        where += f", {d.encoding}"
    if getattr(d, "codepage", None):
        where += (f" (Excel 95, page de codes {d.codepage})" if fr else f" (Excel 95, code page {d.codepage})")
    markup = getattr(d, "markup", None)
    if markup:
        where += ((" (page web enregistrée en .xls)" if fr else " (web page saved as .xls)") if markup == "html" else
                  (" (classeur Excel 2003 XML)" if fr else " (Excel 2003 XML workbook)"))
    if d.delimiter:
        where += (", séparateur « " if fr else ", delimiter '") + delimiter_words(d.delimiter)(lang) + (
            " »" if fr else "'")
    if d.sheet:
        where += (", feuille « " if fr else ", sheet '") + d.sheet + (" »" if fr else "'")
        if len(d.sheets) > 1 and d.sheet in d.sheets:  # how many sheets, and which one was read
            where += (f" ({d.sheets.index(d.sheet) + 1} sur {len(d.sheets)})" if fr
                      else f" ({d.sheets.index(d.sheet) + 1} of {len(d.sheets)})")
    where += (", en-tête ligne " if fr else ", header row ") + "+".join(map(str, d.header_rows))
    counts = (f"{report.error_count} erreur(s), {report.warning_count} avertissement(s), {report.info_count} info(s)"
              if fr else f"{report.error_count} error(s), {report.warning_count} warning(s), {report.info_count} info(s)")
    return [
        (f"Fichier : {report.source}" if fr else f"File: {report.source}"),
        (f"Détecté : {where}" if fr else f"Detected: {where}"),
        (f"{report.rows} lignes de données, {len(report.fields)} colonnes" if fr
         else f"{report.rows} data rows, {len(report.fields)} columns"),
        counts,
    ]


def occurrences_note(report: QualityReport, type_: str, lang: str) -> str:
    """« (536 occurrences) » when the findings of a type stand for more cells or rows than findings."""
    findings, cases = report.stats.get(type_, 0), report.occurrences.get(type_, 0)
    if cases <= findings:
        return ""
    return f" ({cases:,} occurrences)".replace(",", "\u202f" if lang == "fr" else ",")


def rows_cell(finding: Finding) -> str:
    """The row of a finding, or its first row and how many more (« 152 (+29) »)."""
    rows = finding.all_rows
    if not rows:
        return ""
    return str(rows[0]) if len(rows) == 1 else f"{rows[0]} (+{len(rows) - 1})"


def group_tips(findings: list[Finding], lang: str) -> list[str]:
    """The distinct tips of a group's findings shown, in order: one finding of a type may need another advice
    (serial numbers among local dates: « fix ne les convertit que… », under the local dates' « lancez fix »)."""
    return list(dict.fromkeys(finding.tip(lang) for finding in findings[:EXAMPLES]))[:TIPS]


def render_text(report: QualityReport, console: Console, lang: str | None = None) -> None:
    """Print the report on ``console`` (user data is escaped, never read as Rich markup)."""
    language = normalise_lang(lang or report.lang)
    fr = language == "fr"
    for line in summary_lines(report, language):
        console.print(escape(line))
    if report.valid:
        console.print("[bold green]" + ("✓ Aucune erreur bloquante." if fr else "✓ No blocking error.") + "[/]")
    else:
        console.print("[bold red]" + ("✗ Le fichier contient des erreurs à corriger avant publication."
                                      if fr else "✗ The file has errors to fix before publishing.") + "[/]")
    for type_, findings in report.by_type().items():
        first = findings[0]
        total = report.stats.get(type_, len(findings))
        console.print()
        console.rule(f"[{STYLE[first.severity]}]{escape(title(type_, language, first))}[/] — "
                     f"{LABEL[language][first.severity]} × {total}" + escape(occurrences_note(report, type_, language))
                     + f" [dim]({escape(type_)})[/]", align="left")
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("ligne" if fr else "row", justify="right")
        table.add_column("colonne" if fr else "column")
        table.add_column("message")
        for finding in findings[:EXAMPLES]:
            table.add_row(escape(rows_cell(finding)), escape(report.column_label(finding.field_name, language)),
                          escape(shown_on_one_line(finding.message(language))))
        console.print(table)
        if total > EXAMPLES:
            console.print(escape(f"  … {total - EXAMPLES} " + ("de plus" if fr else "more")))
        for tip in group_tips(findings, language):
            console.print(("  Comment corriger : " if fr else "  How to fix: ") + escape(tip))
    if report.truncated:
        console.print()
        console.print(escape("Seule une partie des problèmes est listée ; les comptes sont complets."
                             if fr else "Only part of the problems is listed; the counts are complete."))
