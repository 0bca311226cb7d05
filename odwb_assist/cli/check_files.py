"""Rendering ``check`` of several files or a folder: one line per file in the terminal (its rows, errors and warnings,
the kinds of errors), every report in JSON or HTML."""

from __future__ import annotations

from html import escape as html_escape
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from ..core.findings import Finding, Severity
from ..core.i18n import Msg, normalise_lang
from ..quality.report import QualityReport
from ..quality.several_files import FileResult, FilesReport
from ..quality.titles import title
from ..quality.web_files import is_web_address

ERROR_KINDS = 3  # kinds of errors named per file (the others: « … »)


def shown_path(source: str) -> str:
    """A file as the user named it: relative to the current folder when it lies under it; a web address as it is."""
    if is_web_address(source):
        return source
    path = Path(source)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def error_kinds(report: QualityReport, lang: str) -> str:
    """The kinds of errors of a report, each with its number of findings (« Ligne de total ×5 ; … »)."""
    return finding_kinds([f for f in report.findings if f.severity == Severity.ERROR], lang, report.stats)


def finding_kinds(findings: list[Finding], lang: str, counts: dict[str, int] | None = None) -> str:
    """The kinds of ``findings``, each with its number (``counts`` by type, else the findings of that type)."""
    kinds: dict[str, Finding] = {}  # each kind's first finding: a plugin's title is in its ``extra``
    for finding in findings:
        kinds.setdefault(finding.type, finding)
    number = counts or {kind: sum(f.type == kind for f in findings) for kind in kinds}
    named = [f"{title(kind, lang, first)} ×{number.get(kind, 0)}" for kind, first in list(kinds.items())[:ERROR_KINDS]]
    return " ; ".join(named) + (" ; …" if len(kinds) > ERROR_KINDS else "")


def _counts(report: QualityReport, fr: bool) -> str:
    rows = f"{report.rows} ligne(s)" if fr else f"{report.rows} row(s)"
    said = [rows]
    if report.error_count:
        said.append(f"{report.error_count} erreur(s)" if fr else f"{report.error_count} error(s)")
    if report.warning_count:
        said.append(f"{report.warning_count} avertissement(s)" if fr else f"{report.warning_count} warning(s)")
    return ", ".join(said)


def first_sentence(text: str) -> str:
    """The reason a file could not be read, without the advice that follows it (``check FILE`` gives it whole)."""
    end = text.find(". ")
    return text if end < 0 else text[:end + 1]


def _verdict(item: FileResult, lang: str) -> str:
    """A file's line: its mark, its name, its counts or why it could not be read."""
    fr = lang == "fr"
    name = shown_path(item.source)
    if item.report is None:
        return unread_line(name, item.status, item.message, lang)
    return f"{'✓' if item.report.valid else '✗'} {name} — {_counts(item.report, fr)}"


def unread_line(name: str, status: str, message: Msg | None, lang: str) -> str:
    """The line of a file that could not be read: « ? name — vide » or « ? name — illisible : the reason »."""
    fr = lang == "fr"
    said = ("vide" if fr else "empty") if status == "empty" else ("illisible" if fr else "unreadable")
    reason = first_sentence(message(lang)) if message is not None else ""
    return f"? {name} — {said}" + ((" : " if fr else ": ") + reason if reason else "")


def render_files_text(result: FilesReport, console: Console, lang: str) -> None:
    language = normalise_lang(lang)
    fr = language == "fr"
    console.print(escape(f"{len(result.files)} fichier(s) vérifié(s) :" if fr else f"{len(result.files)} file(s) checked:"))
    for item in result.files:
        style = {0: "green", 1: "bold red", 2: "yellow"}[item.exit_code]
        console.print(f"  [{style}]" + escape(_verdict(item, language)) + "[/]")
        if item.report is not None and not item.report.valid:
            console.print("      " + escape(error_kinds(item.report, language)))
    wrong = [item for item in result.files if item.exit_code == 1]
    unread = [item for item in result.files if item.exit_code == 2]
    if not wrong and not unread:
        console.print("[bold green]" + ("✓ Aucune erreur bloquante." if fr else "✓ No blocking error.") + "[/]")
        return
    said = []
    if wrong:
        said.append(f"{len(wrong)} fichier(s) avec des erreurs à corriger" if fr else f"{len(wrong)} file(s) with errors to fix")
    if unread:
        said.append(f"{len(unread)} illisible(s)" if fr else f"{len(unread)} unreadable")
    console.print("[bold red]" + escape("✗ " + (" ; " if fr else "; ").join(said) + ".") + "[/]")
    console.print(escape("Le détail d'un fichier : odwb-assist check FICHIER" if fr
                         else "The detail of one file: odwb-assist check FILE"))


def render_files_html(result: FilesReport, lang: str) -> str:
    from ..quality import render_html

    language = normalise_lang(lang)
    fr = language == "fr"
    heading = "Rapport de qualité" if fr else "Quality report"
    title_text = f"{heading} — {len(result.files)} " + ("fichier(s)" if fr else "file(s)")
    parts = [f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n<link rel="icon" href="data:,">\n'
             f"<title>{html_escape(title_text)}</title>\n</head>\n<body>\n<h1>{html_escape(title_text)}</h1>\n<ul>"]
    for index, item in enumerate(result.files, start=1):
        parts.append(f'<li><a href="#fichier-{index}">{html_escape(_verdict(item, language))}</a></li>')
    parts.append("</ul>")
    for index, item in enumerate(result.files, start=1):
        parts.append(f'<h2 id="fichier-{index}">{html_escape(shown_path(item.source))}</h2>')
        if item.report is not None:
            parts.append(render_html(item.report, language, fragment=True))
        else:
            parts.append(f"<p>{html_escape(_verdict(item, language))}</p>")
    parts.append("</body>\n</html>")
    return "\n".join(parts)
