"""Rendering ``check --sheet all``: each sheet's report under a heading, then the workbook's verdict."""

from __future__ import annotations

from html import escape as html_escape

from rich.console import Console
from rich.markup import escape

from ..core.i18n import normalise_lang
from ..quality.sheets import WorkbookReport


def _heading(item_sheet: str | None, index: int, total: int, fr: bool, hidden: bool = False) -> str:
    name = item_sheet if item_sheet is not None else ""
    heading = f"Feuille {index}/{total} : « {name} »" if fr else f"Sheet {index}/{total}: '{name}'"
    return heading + ((" (masquée dans le classeur)" if fr else " (hidden in the workbook)") if hidden else "")


def _status(status: str, fr: bool) -> str:
    return {"empty": "vide" if fr else "empty", "unreadable": "illisible" if fr else "unreadable"}.get(status, status)


def render_sheets_text(result: WorkbookReport, console: Console, lang: str) -> None:
    from ..quality import render_text

    language = normalise_lang(lang)
    fr = language == "fr"
    total = len(result.sheets)
    for item in result.sheets:
        console.print()
        console.rule("[bold]" + escape(_heading(item.sheet, item.index, total, fr, item.hidden)) + "[/]", align="left")
        if item.report is not None:
            render_text(item.report, console, language)
        elif item.message is not None:
            console.print(escape(f"{_status(item.status, fr)} — {item.message(language)}"))
    checked = len(result.reports)
    invalid = [item.sheet or "" for item in result.sheets if item.report is not None and not item.report.valid]
    console.print()
    line = (f"Classeur : {total} feuille(s), {checked} vérifiée(s)" if fr
            else f"Workbook: {total} sheet(s), {checked} checked")
    console.print(escape(line))
    if invalid:
        names = ", ".join(f"« {name} »" if fr else f"'{name}'" for name in invalid)
        console.print("[bold red]" + escape(("✗ Erreurs à corriger dans : " if fr else "✗ Errors to fix in: ") + names)
                      + "[/]")
    else:
        console.print("[bold green]" + ("✓ Aucune erreur bloquante dans les feuilles vérifiées." if fr
                                        else "✓ No blocking error in the checked sheets.") + "[/]")


def render_sheets_html(result: WorkbookReport, lang: str) -> str:
    from ..quality import render_html

    language = normalise_lang(lang)
    fr = language == "fr"
    total = len(result.sheets)
    title = ("Rapport de qualité" if fr else "Quality report") + " — " + result.source.split("/")[-1]
    parts = [f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n<link rel="icon" href="data:,">\n'
             f"<title>{html_escape(title)}</title>\n</head>\n<body>\n<h1>{html_escape(title)}</h1>"]
    for item in result.sheets:
        parts.append(f"<h2>{html_escape(_heading(item.sheet, item.index, total, fr, item.hidden))}</h2>")
        if item.report is not None:
            parts.append(render_html(item.report, language, fragment=True))
        elif item.message is not None:
            parts.append(f"<p>{html_escape(_status(item.status, fr))} — {html_escape(item.message(language))}</p>")
    parts.append("</body>\n</html>")
    return "\n".join(parts)
