"""``odwb-assist demo``: the whole lifecycle on the embedded samples (see odwb_assist.workshop.demo)."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import STATE, echo, plugin_manager


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo_command(
        output: Path = typer.Option(Path("demo-output"), "--output", "-o", help="Dossier des résultats."),
        browser: bool = typer.Option(True, "--browser/--no-browser",
                                     help="Captures d'écran des pages HTML dans un navigateur headless."),
    ) -> None:
        """Démonstration complète, hors ligne : inventaire, qualité, correction, documentation, publication
        sur un portail bac à sable local, vérification, programme et tableau de bord."""
        from ..workshop.demo import run_demo

        result = run_demo(output, lang=STATE.lang, browser=browser, progress=echo, plugins=plugin_manager())
        echo("")
        echo(result.summary(STATE.lang))
