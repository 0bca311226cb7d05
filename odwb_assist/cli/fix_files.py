"""``fix`` of several files or a folder: one clean copy per table in the output folder, one line per file."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import typer
from rich.markup import escape

from ..core.config_model import ProjectConfig
from ..core.findings import Finding
from ..quality.several_fixes import FixedFile, FixedFiles
from .check_files import finding_kinds, shown_path, unread_line
from .common import STATE, console, fail, plugin_manager, t
from .inputs import address_of, local_files


def fix_several(files: list[str], output: Path, *, dry_run: bool, only: list[str], sheet: str | None,
                changes: Path | None, config: ProjectConfig | None) -> None:
    """Fix each file (a folder: its tables) into the folder ``output``; print a line per file; exit with the worst
    code (1: a clean copy keeps errors to fix by hand, 2: a file could not be read)."""
    from ..quality import fix_files

    if sheet is not None:
        raise fail("--sheet vaut pour un seul classeur : corrigez-le seul (odwb-assist fix CLASSEUR --sheet … --output "
                   "propre.csv).",
                   "--sheet applies to one workbook: fix it alone (odwb-assist fix WORKBOOK --sheet … --output "
                   "clean.csv).")
    if changes is not None:
        raise fail("--journal vaut pour un seul fichier : demandez le journal d'un fichier en le corrigeant seul.",
                   "--journal applies to one file: ask for a file's change log by fixing it alone.")
    with ExitStack() as downloads:
        paths, addresses = local_files(files, downloads)
        result = fix_files(paths, output, dry_run=dry_run, fixes=only or None, plugins=plugin_manager(),
                           lang=STATE.lang, project=config)
        for item in result.files:
            item.source = address_of(item.source, addresses)
    render_fixed_files(result, STATE.lang)
    raise typer.Exit(result.exit_code)


def _done(item: FixedFile, fr: bool) -> str:
    """What a fix did to one file: its corrections (as the preview counts them), and what it set aside in the side
    files."""
    fixed = item.result
    assert fixed is not None
    changes = sum(fixed.counts.values())
    aside = []
    if fixed.removed_rows:
        aside.append(f"{len(fixed.removed_rows)} ligne(s)" if fr else f"{len(fixed.removed_rows)} row(s)")
    columns = fixed.whole_columns_removed
    if columns:
        aside.append(f"{columns} colonne(s)" if fr else f"{columns} column(s)")
    if fixed.beyond.cells:  # a few long rows' cells are no column
        aside.append(f"{fixed.beyond.cells} cellule(s) au-delà de l'en-tête" if fr
                     else f"{fixed.beyond.cells} cell(s) beyond the header")
    if not changes and not aside:
        return "aucune cellule à corriger" if fr else "no cell to fix"
    said = f"{changes} correction(s)"
    if aside:  # kept in the side files (rows and columns a fix removed, cells of long rows the reader left out)
        said += (" ; mis de côté : " if fr else "; set aside: ") + ", ".join(aside)
    return said


def _line(item: FixedFile, lang: str) -> str:
    name = shown_path(item.source)
    if item.result is None:
        return unread_line(name, item.status, item.message, lang)
    mark = "✗" if item.result.remaining else "✓"
    return f"{mark} {name} → {shown_path(item.target)} — {_done(item, lang == 'fr')}"


def _left(findings: list[Finding], lang: str) -> str:
    fr = lang == "fr"
    return ("reste à corriger à la main : " if fr else "left to fix by hand: ") + finding_kinds(findings, lang)


def render_fixed_files(result: FixedFiles, lang: str) -> None:
    fr = lang == "fr"
    folder = shown_path(result.folder)
    if result.dry_run:
        console.print(escape(t(f"{len(result.files)} fichier(s) → {folder} (simulation, rien n'est écrit) :",
                               f"{len(result.files)} file(s) → {folder} (dry run, nothing is written):")))
    else:
        console.print(escape(t(f"{len(result.files)} fichier(s) corrigé(s) dans {folder} (les originaux sont inchangés) :",
                               f"{len(result.files)} file(s) fixed into {folder} (the originals are unchanged):")))
    for item in result.files:
        style = {0: "green", 1: "bold red", 2: "yellow"}[item.exit_code]
        console.print(f"  [{style}]" + escape(_line(item, lang)) + "[/]")
        if item.result is not None and item.result.remaining:
            console.print("      " + escape(_left(item.result.remaining, lang)))
    left = [item for item in result.files if item.exit_code == 1]
    unread = [item for item in result.files if item.exit_code == 2]
    if left or unread:
        said = []
        if left:
            said.append(f"{len(left)} copie(s) propre(s) avec des erreurs à corriger à la main" if fr
                        else f"{len(left)} clean file(s) with errors to fix by hand")
        if unread:
            said.append(f"{len(unread)} illisible(s)" if fr else f"{len(unread)} unreadable")
        console.print("[bold red]" + escape("✗ " + (" ; " if fr else "; ").join(said) + ".") + "[/]")
    elif not result.dry_run:
        console.print("[bold green]" + escape(t("✓ Aucune erreur bloquante dans les copies propres.",
                                                "✓ No blocking error in the clean copies.")) + "[/]")
    console.print(escape(t("Le détail d'un fichier : odwb-assist fix FICHIER --output propre.csv --dry-run ; avant de "
                           f"publier, vérifiez les copies : odwb-assist check {folder}",
                           "The detail of one file: odwb-assist fix FILE --output clean.csv --dry-run; before "
                           f"publishing, check the copies: odwb-assist check {folder}")))
