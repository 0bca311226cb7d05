"""``odwb-assist plugins``: what is registered, with versions and hooks."""

from __future__ import annotations

import typer
from rich.table import Table

from ..core.plugins import describe_plugins
from .common import console, plugin_manager, print_json, t


def register(app: typer.Typer) -> None:
    @app.command("plugins")
    def plugins_command(
        as_json: bool = typer.Option(False, "--json", help="Sortie JSON."),
    ) -> None:
        """Liste les plugins enregistrés (intégrés et installés), leur version et leurs hooks."""
        infos = describe_plugins(plugin_manager())
        if as_json:
            print_json([info.to_dict() for info in infos])
            return
        table = Table(title=t("Plugins enregistrés", "Registered plugins"))
        table.add_column(t("nom", "name"))
        table.add_column("version")
        table.add_column(t("origine", "origin"))
        table.add_column("hooks")
        for info in infos:
            origin = t("intégré", "built-in") if info.builtin else (info.distribution or "")
            table.add_row(info.name, info.version, origin, ", ".join(info.hooks))
        console.print(table)
