"""What every command shares: the global options, the consoles, the plugin manager, messages."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pluggy
import typer
from rich.console import Console
from rich.markup import escape

from ..core.config import default_config, find_project_file, load
from ..core.config_model import ProjectConfig
from ..core.errors import OdwbError
from ..core.i18n import Lang, Msg

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass
class AppState:
    """The global options of one invocation (``--lang``, ``--debug``, ``--block``, ``--no-plugins``)."""

    lang: Lang = "fr"
    debug: bool = False
    block: list[str] = field(default_factory=list)
    no_plugins: bool = False
    pm: pluggy.PluginManager | None = None


STATE = AppState()


def t(fr: str, en: str) -> str:
    """Pick the text of the current language."""
    return en if STATE.lang == "en" else fr


def echo(text: str) -> None:
    """Print plain text (no Rich markup interpretation: user data may contain brackets)."""
    console.print(text, markup=False)


def say(text: Msg) -> str:
    return text(STATE.lang)


def plugin_manager() -> pluggy.PluginManager:
    if STATE.pm is None:
        from ..core.plugins import get_plugin_manager

        STATE.pm = get_plugin_manager(block=STATE.block, load_entrypoints=not STATE.no_plugins)
    return STATE.pm


def load_project(path: Path | None, *, portal_url: str | None = None, required: bool = True) -> ProjectConfig:
    """The project file given with ``--project``, or found upwards; a default one when not required."""
    if path is None and not required and find_project_file() is None:
        return default_config(portal_url)
    return load(path, portal_url=portal_url)


def print_json(data: Any) -> None:
    """JSON on stdout, unstyled, so that it can be piped."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()


def fail(fr: str, en: str, exit_code: int = 2) -> typer.Exit:
    """Print a one-paragraph message on stderr and return the Exit to raise."""
    err_console.print(f"[bold red]{t('Erreur :', 'Error:')}[/] {escape(t(fr, en))}")
    return typer.Exit(exit_code)


def report_error(error: OdwbError) -> None:
    err_console.print(f"[bold red]{t('Erreur :', 'Error:')}[/] {escape(error.message(STATE.lang))}")


ProjectOption = typer.Option(None, "--project", "-p", help="Fichier de projet odwb.toml (par défaut : cherché ici et au-dessus).")
