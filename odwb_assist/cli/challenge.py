"""``odwb-assist challenge canvas|roadmap|sheet|all``: the programme's challenge documents."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..workshop import challenge
from .common import ProjectOption, echo, load_project, plugin_manager, t

challenge_app = typer.Typer(
    help="Documents du défi à partir de \\[challenge] dans odwb.toml : canevas (jour 4), feuille de route (jour 5), "
         "fiche challenge du hackathon.", no_args_is_help=True)
FormatOption = typer.Option("md", "--format", "-f", help="md (Markdown) ou html.")
OutputDirOption = typer.Option(None, "--output-dir", "-o", help="Dossier où écrire (défaut : celui de odwb.toml).")
ForceOption = typer.Option(False, "--force", help="Remplace un document déjà produit.")
StdoutOption = typer.Option(False, "--stdout", help="Affiche le document au lieu de l'écrire.")


def register(app: typer.Typer) -> None:
    app.add_typer(challenge_app, name="challenge")


def _produce(kinds: list[str], project: Path | None, output_dir: Path | None, fmt: str, force: bool, stdout: bool) -> None:
    config = load_project(project)
    for kind in kinds:
        if stdout:
            sys.stdout.write(challenge.render(kind, config, fmt=fmt))
            continue
        path = challenge.write(kind, config, fmt=fmt, output_dir=output_dir, overwrite=force, plugins=plugin_manager())
        echo(t(f"{challenge.KINDS[kind][0]} : {path}", f"{kind}: {path}"))


def _document_command(kind: str, help_text: str) -> None:
    """Register ``challenge KIND``: one document, written next to odwb.toml or shown with --stdout."""

    def command(project: Path = ProjectOption, output_dir: Path = OutputDirOption, fmt: str = FormatOption,
                force: bool = ForceOption, stdout: bool = StdoutOption) -> None:
        _produce([kind], project, output_dir, fmt, force, stdout)

    challenge_app.command(kind, help=help_text)(command)


_document_command("canvas", "Le canevas de projet (jour 4) : problème, usagers, données, idée de service, partenaires, "
                            "indicateurs.")
_document_command("roadmap", "La feuille de route stratégique (jour 5) : actions, responsables, échéances, statut.")
_document_command("sheet", "La fiche challenge du hackathon Citizens of Wallonia, avec les liens vers vos jeux publiés.")


@challenge_app.command("all")
def all_command(project: Path = ProjectOption, output_dir: Path = OutputDirOption, fmt: str = FormatOption,
                force: bool = ForceOption) -> None:
    """Les trois documents d'un coup."""
    _produce(list(challenge.KINDS), project, output_dir, fmt, force, False)
