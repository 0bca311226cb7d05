"""``odwb-assist document FILE`` and ``odwb-assist metadata score``: draft, score and export metadata."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from ..core.errors import InputError
from ..metadata.labels import field_label
from .common import STATE, ProjectOption, console, echo, fail, load_project, plugin_manager, print_json, t

if TYPE_CHECKING:
    from ..metadata import MetadataReport

metadata_app = typer.Typer(help="Métadonnées : leur score avant publication.", no_args_is_help=True)

COLOURS = {"excellent": "green", "good": "green", "sufficient": "yellow", "bad": "red"}
SEVERITY_FR = {"error": "à corriger", "warning": "à améliorer", "info": "conseil"}
SEVERITY_EN = {"error": "to fix", "warning": "to improve", "info": "tip"}


def register(app: typer.Typer) -> None:
    app.command("document")(document_command)
    app.add_typer(metadata_app, name="metadata")


def print_report(report: MetadataReport) -> None:
    lang = STATE.lang
    console.print(f"[bold]{t('Score des métadonnées', 'Metadata score')}[/]"
                  + (f" — {escape(report.dataset_id)}" if report.dataset_id else "")
                  + f" : [bold]{report.score} / {report.max}[/] "
                  f"[{COLOURS[report.band]}]{escape(report.band_label(lang))}[/]")
    if report.cap_reason(lang):
        echo(f"  {report.cap_reason(lang)}")
    severity = SEVERITY_EN if lang == "en" else SEVERITY_FR
    for dimension in report.dimensions:
        console.print(f"  [bold]{escape(dimension.label(lang))}[/] : {dimension.points} / {dimension.max}")
        for f in dimension.findings:
            where = f"{field_label(f.field, lang)} : " if f.field else ""
            echo(f"    - [{severity.get(f.severity, f.severity)}] {where}{f.message(lang)}")
            advice = f.advice(lang) + (f" ({t('ex.', 'e.g.')} {f.example})" if f.example else "")
            echo(f"      → {advice}")
            console.print(f"      [dim]{escape(f.code)}{' · ' + escape(f.field) if f.field else ''}[/]")


def _ask(question: str, default: str | None) -> str:
    return str(typer.prompt(question, default=default or "", show_default=bool(default)))


def document_command(
    file: Path = typer.Argument(..., help="Fichier de données (CSV, XLSX, ODS)."),
    project: Path = ProjectOption,
    dataset: str = typer.Option(None, "--dataset", "-d", help="Identifiant du jeu de données dans odwb.toml."),
    output_dir: Path = typer.Option(None, "--output-dir", "-o",
                                    help="Dossier des fichiers produits (défaut : documentation/<id> près de odwb.toml)."),
    interactive: bool = typer.Option(False, "--interactive", "-i",
                                     help="Pose les questions que les données ne permettent pas de deviner ; "
                                          "garde les réponses dans odwb.toml."),
) -> None:
    """Rédige les métadonnées d'un fichier, les note, et écrit datapackage.json et le dictionnaire des données."""
    from ..metadata.document import document  # pandas and Jinja are imported when the command runs

    if not file.is_file():
        raise InputError(f"Le fichier {file} n'existe pas : vérifiez le chemin.", f"File {file} does not exist: check the path.")
    config = load_project(project, required=project is not None)
    if config.path is None:
        config = None  # type: ignore[assignment]
    if interactive and not sys.stdin.isatty():
        echo(t("Mode interactif : les réponses sont lues sur l'entrée standard.", "Interactive mode: answers read from stdin."))
    result = document(config, file, dataset=dataset, output_dir=output_dir, ask=_ask if interactive else None,
                      plugins=plugin_manager(), lang=STATE.lang)
    if result.project_file is not None:
        echo(t(f"Réponses enregistrées dans {result.project_file}", f"Answers saved in {result.project_file}"))
    elif result.answers:
        echo(t("Pas de fichier odwb.toml : les réponses ne sont gardées que dans metadata.json.",
               "No odwb.toml: the answers are only kept in metadata.json."))
    print_report(result.report)
    echo(t("Fichiers écrits :", "Files written:"))
    for path in result.files.values():
        echo(f"  {path}")


@metadata_app.command("score")
def score_command(
    project: Path = ProjectOption,
    dataset: str = typer.Option(None, "--dataset", "-d", help="Identifiant du jeu de données dans odwb.toml."),
    output_format: str = typer.Option("text", "--format", "-f", help="text ou json."),
) -> None:
    """Note les métadonnées d'un jeu de données avant publication et dit quoi améliorer."""
    from ..metadata import draft, score  # pandas is imported when the command runs

    if output_format not in ("text", "json"):
        raise fail(f"--format doit valoir text ou json (pas « {output_format} »).",
                   f"--format must be text or json (not '{output_format}').")
    config = load_project(project)
    dataset_config = config.dataset(dataset)
    pm = plugin_manager()
    metadata = draft(config, None, dataset=dataset_config, plugins=pm, lang=STATE.lang)
    report = score(metadata, plugins=pm, lang=STATE.lang, project=config)
    if output_format == "json":
        print_json(report.to_dict(STATE.lang))
    else:
        print_report(report)
