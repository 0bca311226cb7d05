"""Commands ``check`` (quality report) and ``fix`` (a clean copy): thin wrappers over odwb_assist.quality."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import TextIO

import typer

from ..core.config_model import ProjectConfig
from ..core.errors import ConfigError, os_reason
from .common import STATE, ProjectOption, console, echo, fail, load_project, plugin_manager, t
from .inputs import address_of, local_files

FORMATS = ("text", "json", "html", "xlsx")


def register(app: typer.Typer) -> None:
    @app.command("check")
    def check_command(
        files: list[str] = typer.Argument(...,
                                          help="Fichier(s) à vérifier : CSV, XLSX, XLS ou ODS ; un dossier : les "
                                               "tableaux qu'il contient ; l'adresse web (https://…) d'un fichier."),
        schema: Path | None = typer.Option(None, "--schema", help="Table Schema (JSON) à respecter."),
        output_format: str = typer.Option("text", "--format", "-f", help="text, json, html ou xlsx."),
        output: Path | None = typer.Option(None, "--output", "-o", help="Fichier où écrire le rapport."),
        sheet: str | None = typer.Option(None, "--sheet",
                                         help="Feuille à lire (par défaut, la première qui contient un "
                                              "tableau) ; « all » : chaque feuille, un rapport par feuille."),
        limit_errors: int | None = typer.Option(None, "--limit-errors", min=1,
                                                help="Nombre maximal de problèmes listés (tous sont comptés)."),
        project: Path | None = ProjectOption,
    ) -> None:
        """Vérifie la qualité d'un fichier et explique comment corriger chaque problème ; avec plusieurs fichiers
        ou un dossier, un rapport par fichier et leur résumé.

        Codes de sortie : 0 aucune erreur, 1 erreurs trouvées, 2 fichier illisible (plusieurs fichiers : le pire).
        """
        with ExitStack() as downloads:  # a file given by its web address: downloaded, removed at the end
            paths, addresses = local_files(files, downloads)
            _check(paths, addresses, schema, output_format, output, sheet, limit_errors, project)

    @app.command("fix")
    def fix_command(
        files: list[str] = typer.Argument(..., help="Fichier(s) à corriger (jamais modifiés) ; un dossier : les "
                                                    "tableaux qu'il contient ; l'adresse web (https://…) d'un fichier."),
        output_text: str | None = typer.Option(None, "--output", "-o",
                                           help="Nouveau fichier CSV UTF-8 propre (par défaut : FICHIER-propre.csv à "
                                                "côté de l'original) ; avec plusieurs fichiers ou un dossier : le "
                                                "dossier des copies propres."),
        dry_run: bool = typer.Option(False, "--dry-run", help="Montre ce qui changerait, sans rien écrire."),
        only: list[str] = typer.Option([], "--fix", help="N'appliquer que cette correction (répétable)."),
        sheet: str | None = typer.Option(None, "--sheet", help="Feuille à lire (par défaut, la première qui contient un "
                                                                              "tableau) ; « all » : les feuilles d'un même "
                                                                              "tableau, l'une sous l'autre."),
        changes: Path | None = typer.Option(
            None, "--journal", metavar="FICHIER.csv",
            help="Écrit dans ce fichier CSV le journal de toutes les corrections, cellule par cellule (ligne, colonne, "
                 "avant, après). Sans cette option, l'aperçu n'en montre que les premières de chaque correction."),
        project: Path | None = ProjectOption,
    ) -> None:
        """Écrit une copie propre (UTF-8, séparateur virgule) : titres, lignes vides et totaux retirés, nombres et dates
        normalisés. Les lignes et colonnes retirées sont gardées à côté (FICHIER.lignes-retirees.csv).

        Code de sortie 1 quand le fichier propre garde des erreurs qu'aucune correction ne prend en charge (listées)."""
        from ..quality import fix, fix_sheets
        from ..quality.sheets import is_all

        output: Path | None = None
        made: Path | None = None  # the folder « -o propre/ » made here
        if output_text:
            output = Path(output_text).expanduser()
            separators = tuple(sep for sep in (os.sep, os.altsep) if sep)
            if output_text.endswith(separators):  # « -o propre/ »: a folder, made if need be (Path drops the « / »)
                if not output.exists():
                    made = output
                    while not made.parent.exists():  # « -o propre/2025/ »: « propre » is made too
                        made = made.parent
                output.mkdir(parents=True, exist_ok=True)
        folder = output  # ``output`` then names the clean copy in it

        try:
            if len(files) > 1 or Path(files[0]).expanduser().is_dir():
                from .fix_files import fix_several

                if output is None:
                    raise fail("Avec plusieurs fichiers ou un dossier, nommez le dossier des copies propres : --output "
                               "propre/ (chaque copie y garde le nom de son original).",
                               "With several files or a folder, name the folder of the clean copies: --output clean/ "
                               "(each copy keeps its original's name there).")
                fix_several(files, output, dry_run=dry_run, only=list(only), sheet=sheet, changes=changes,
                            config=_project_or_none(project))
            options = {"fixes": list(only) or None, "dry_run": dry_run, "plugins": plugin_manager(), "lang": STATE.lang,
                       "project": _project_or_none(project), "changes_file": changes}
            with ExitStack() as downloads:
                [path], addresses = local_files(files, downloads)
                if output is None:  # beside the original (a downloaded file: here), never the original itself
                    folder = Path.cwd() if str(Path(path).resolve()) in addresses else Path(path).parent
                    output = folder / f"{Path(path).stem}-{t('propre', 'clean')}.csv"
                if output.is_dir():  # a folder: the clean copy goes in it, named after the original (budget.xlsx: budget.csv)
                    from ..quality.several_fixes import clean_targets

                    [output] = clean_targets([(path, None)], output)
                replaced = output.exists()
                result = fix_sheets(path, output, **options) if is_all(sheet) else fix(path, output, sheet=sheet, **options)
                result.source = address_of(result.source, addresses)
            echo(result.preview(STATE.lang))
            if result.written:
                echo(t(f"Fichier propre écrit : {result.output} (l'original est inchangé).",
                       f"Clean file written: {result.output} (the original is unchanged)."))
                if result.changes_file:
                    echo(t(f"Journal des corrections écrit : {result.changes_file}.",
                           f"Change log written: {result.changes_file}."))
                if replaced:
                    echo(t(f"{output.name} existait déjà : il a été remplacé. Pour garder une copie retouchée à la main, "
                           "donnez un autre nom avec --output.",
                           f"{output.name} already existed: it was replaced. To keep a hand-edited copy, give another name "
                           "with --output."))
                if not result.checked_all:
                    shown = f'"{output}"' if " " in str(output) else str(output)
                    echo(t(f"Avant de publier, vérifiez-le : odwb-assist check {shown} (fix cherche les erreurs, pas tous "
                           "les avertissements : doublons, noms de personnes…).",
                           f"Before publishing, check it: odwb-assist check {shown} (fix looks for errors, not for every "
                           "warning: duplicates, people's names…)."))
            if result.remaining:
                raise typer.Exit(1)  # the clean file still holds errors (listed in the preview): not a green tick
        finally:
            _drop_if_empty(folder, made)  # the input refused, or --dry-run: no empty folder left behind


def _drop_if_empty(folder: Path | None, made: Path | None) -> None:
    """Remove the folders made for the clean copy (``folder`` and its parents up to ``made``) when nothing was
    written in them."""
    if folder is None or made is None:
        return
    for each in (folder, *folder.parents):
        if not each.is_dir() or any(each.iterdir()):
            return
        with suppress(OSError):
            each.rmdir()
        if each == made:
            return


def _check(files: list[Path], addresses: dict[str, str], schema: Path | None, output_format: str,
           output: Path | None, sheet: str | None, limit_errors: int | None, project: Path | None) -> None:
    """The ``check`` command on local files (``addresses``: those downloaded -> the web address reports name)."""
    from ..quality.workbook_open import prefetch

    several = len(files) > 1 or files[0].is_dir()
    file = files[0]
    if not several:
        prefetch(file, sheet)  # a workbook is parsed on the other core during the start-up below
    from ..quality import check  # each renderer is imported when its format is asked for (start-up time)

    fmt = output_format.lower()
    if fmt not in FORMATS:
        raise fail(f"Format inconnu « {output_format} » : choisissez text, json, html ou xlsx.",
                   f"Unknown format '{output_format}': choose text, json, html or xlsx.")
    config = _project_or_none(project)
    if several:
        _check_files(files, addresses, schema, fmt, output, sheet, limit_errors, config)
    from ..quality.sheets import is_all

    if is_all(sheet):
        _check_all_sheets(file, addresses, schema, fmt, output, limit_errors, config)
    report = check(file, schema, lang=STATE.lang, plugins=plugin_manager(), sheet=sheet,
                   limit_errors=limit_errors, project=config, progress=fmt == "text" or output is not None)
    local = report.source
    report.source = address_of(local, addresses)
    if fmt == "text":
        from ..quality.text_report import render_text

        render_text(report, console)
    elif fmt == "json":
        from ..quality.json_report import write_json

        _write_with(lambda handle: write_json(report, handle, STATE.lang), output)
    elif fmt == "html":
        from ..quality.html_report import render_html

        _write(render_html(report, STATE.lang), output)
    else:
        from ..quality.xlsx_report import write_xlsx

        target = output or Path.cwd() / f"{Path(local).stem}-{t('rapport', 'report')}.xlsx"
        path = write_xlsx(report, local, target, STATE.lang)
        echo(t(f"Rapport XLSX écrit : {path}", f"XLSX report written: {path}"))
    raise typer.Exit(0 if report.valid else 1)


def _check_all_sheets(file: Path, addresses: dict[str, str], schema: Path | None, fmt: str, output: Path | None,
                      limit_errors: int | None, config: ProjectConfig | None) -> None:
    """``check --sheet all``: one report per sheet (text, JSON or HTML); exits 0 when every sheet is valid."""
    from ..quality import check_sheets
    from .check_sheets import render_sheets_html, render_sheets_text

    if fmt == "xlsx":
        raise fail("--sheet all produit un rapport par feuille : choisissez le format text, json ou html "
                   "(ou donnez une feuille avec --sheet pour un rapport XLSX).",
                   "--sheet all makes one report per sheet: choose the text, json or html format "
                   "(or name one sheet with --sheet for an XLSX report).")
    result = check_sheets(file, schema, lang=STATE.lang, plugins=plugin_manager(), limit_errors=limit_errors,
                          project=config, progress=False)
    result.source = address_of(result.source, addresses)
    for report in result.reports:
        report.source = address_of(report.source, addresses)
    _render(fmt, output, lambda: render_sheets_text(result, console, STATE.lang), lambda: result.to_json(STATE.lang),
            lambda: render_sheets_html(result, STATE.lang))
    raise typer.Exit(0 if result.valid else 1)


def _check_files(files: list[Path], addresses: dict[str, str], schema: Path | None, fmt: str, output: Path | None,
                 sheet: str | None, limit_errors: int | None, config: ProjectConfig | None) -> None:
    """``check`` of several files or a folder: each file's report (text: a summary line each, JSON and HTML: every
    report); exits with the worst code (2 when a file could not be read)."""
    from ..quality import check_files
    from .check_files import render_files_html, render_files_text

    if sheet is not None:
        raise fail("--sheet vaut pour un seul classeur : vérifiez-le seul (odwb-assist check CLASSEUR --sheet …).",
                   "--sheet applies to one workbook: check it alone (odwb-assist check WORKBOOK --sheet …).")
    if fmt == "xlsx":
        raise fail("Le rapport XLSX surligne les cellules d'un seul fichier : avec plusieurs fichiers, choisissez le "
                   "format text, json ou html.",
                   "The XLSX report highlights the cells of one file: with several files, choose the text, json or "
                   "html format.")
    result = check_files(files, schema, lang=STATE.lang, plugins=plugin_manager(), limit_errors=limit_errors,
                         project=config, progress=fmt == "text" or output is not None)
    for item in result.files:
        item.source = address_of(item.source, addresses)
        if item.report is not None:
            item.report.source = address_of(item.report.source, addresses)
    _render(fmt, output, lambda: render_files_text(result, console, STATE.lang), lambda: result.to_json(STATE.lang),
            lambda: render_files_html(result, STATE.lang))
    raise typer.Exit(result.exit_code)


def _render(fmt: str, output: Path | None, text: Callable[[], None], json: Callable[[], str],
            html: Callable[[], str]) -> None:
    """Several reports at once (sheets, files): printed as text, or their JSON or HTML written."""
    if fmt == "text":
        text()
    else:
        _write(json() if fmt == "json" else html(), output)


def _project_or_none(path: Path | None) -> ProjectConfig | None:
    """The project given with --project, else the odwb.toml found here or above (ignored when unreadable)."""
    try:
        config = load_project(path, required=path is not None)
    except ConfigError:
        if path is not None:
            raise
        return None
    return config if config.path is not None else None


def _write(text: str, output: Path | None) -> None:
    _write_with(lambda handle: handle.write(text), output)


def _write_with(write: Callable[[TextIO], object], output: Path | None) -> None:
    """``write(handle)`` then a line end, to ``output`` (UTF-8) or to the standard output."""
    if output is None:
        import sys

        write(sys.stdout)
        sys.stdout.write("\n")
        return
    try:
        with output.open("w", encoding="utf-8") as handle:
            write(handle)
            handle.write("\n")
    except OSError as exc:
        reason = os_reason(exc)
        raise fail(f"Impossible d'écrire {output} : {reason.fr}.", f"Cannot write {output}: {reason.en}.") from exc
    echo(t(f"Rapport écrit : {output}", f"Report written: {output}"))
