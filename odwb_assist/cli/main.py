"""The ``odwb-assist`` entry point: global options, command registration, errors as messages."""

from __future__ import annotations

import errno
import importlib
import sys
import traceback
from collections.abc import Callable, Sequence

import click
import typer
from rich.markup import escape

from .. import __version__
from ..core.errors import OdwbError
from ..core.i18n import normalise_lang
from .ahead import prefetch_check
from .common import STATE, err_console, plugin_manager, report_error
from .help_fr import localise
from .streams import safe_output

# One module per command group; each exposes ``register(app)``.
CORE_COMMAND_MODULES = (
    "project",
    "plugins",
    "check",
    "metadata",
    "catalog",
    "publish",
    "sandbox",
    "inventory",
    "challenge",
    "workshop",
    "demo",
)

HELP = """Accompagne une administration wallonne de ses données à leur publication sur ODWB.

Étapes : inventory (cartographier) → check / fix (qualité) → document (métadonnées) → publish (publier) → catalog (explorer). Aide d'une commande : odwb-assist COMMANDE --help.
"""  # noqa: E501 (one paragraph: the help rewraps it to the terminal)

# Typer ≥ 0.29 raises its own (vendored) click exceptions, all subclasses of TyperException.
_USAGE_ERRORS: tuple[type[Exception], ...] = (click.ClickException,) + tuple(
    e for e in (getattr(typer, "TyperException", None),) if e is not None)

GLOBAL_FLAGS = {"--debug", "--no-plugins"}
GLOBAL_VALUED = {"--lang", "--block"}


def split_global_options(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """Move global options to the front wherever they were typed (``check F --lang en`` works)."""
    front: list[str] = []
    rest: list[str] = []
    items = list(argv)
    i = 0
    while i < len(items):
        arg = items[i]
        name = arg.split("=", 1)[0]
        if arg == "--":
            rest.extend(items[i:])
            break
        if arg in GLOBAL_FLAGS:
            front.append(arg)
        elif name in GLOBAL_VALUED:
            if "=" in arg:
                front.append(arg)
            elif i + 1 < len(items):
                front.extend([arg, items[i + 1]])
                i += 1
            else:
                rest.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front, rest


def _apply_global_options(front: list[str]) -> None:
    i = 0
    while i < len(front):
        arg = front[i]
        name, _, value = arg.partition("=")
        if name in GLOBAL_VALUED and not value:
            value = front[i + 1]
            i += 1
        if name == "--lang":
            STATE.lang = normalise_lang(value)
        elif name == "--block":
            STATE.block.append(value)
        elif name == "--debug":
            STATE.debug = True
        elif name == "--no-plugins":
            STATE.no_plugins = True
        i += 1


def _refused_lang(front: list[str]) -> str | None:
    """The message refusing an unsupported ``--lang`` value (``--lang de``), or None."""
    from .usage_fr import unsupported_lang

    for i, arg in enumerate(front):
        name, _, value = arg.partition("=")
        if name == "--lang":
            value = value or (front[i + 1] if i + 1 < len(front) else "")
            problem = unsupported_lang(value)
            if problem:
                return problem
    return None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"odwb-assist {__version__}")
        raise typer.Exit()


def build_app() -> typer.Typer:
    app = typer.Typer(
        name="odwb-assist", help=HELP, no_args_is_help=True, add_completion=False,
        pretty_exceptions_enable=False, rich_markup_mode="rich",
    )

    @app.callback()
    def main_options(
        lang: str = typer.Option("fr", "--lang", help="Langue des messages : fr (défaut) ou en."),
        debug: bool = typer.Option(False, "--debug", help="Affiche la trace complète en cas d'erreur."),
        block: list[str] = typer.Option([], "--block", help="Désactive un plugin par son nom (répétable)."),
        no_plugins: bool = typer.Option(False, "--no-plugins", help="N'active aucun plugin installé."),
        version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                     help="Affiche la version."),
    ) -> None:
        """Options valables pour toutes les commandes."""

    for name in CORE_COMMAND_MODULES:
        try:
            module = importlib.import_module(f"odwb_assist.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"odwb_assist.cli.{name}":
                continue
            raise
        module.register(app)
    plugin_manager().hook.odwb_register_commands(app=app)
    return app


def _target_printer() -> Callable[[str, bool], None]:
    """Print « Portail : URL (bac à sable de formation) » once per portal and command (on stderr)."""
    shown: set[str] = set()

    def show(base_url: str, sandbox: bool) -> None:
        if base_url not in shown:
            shown.add(base_url)
            from ..portal.target import describe

            err_console.print(("Portal: " if STATE.lang == "en" else "Portail : ") + describe(base_url, sandbox, STATE.lang),
                              markup=False)

    return show


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code; never raises, never prints a traceback
    unless ``--debug``."""
    safe_output()  # a file or a pipe on Windows writes cp1252, which has no « ✓ »
    args = list(sys.argv[1:] if argv is None else argv)
    front, rest = split_global_options(args)
    prefetch_check(rest)  # a workbook to check is parsed on the other core while the command line is built
    STATE.__init__()  # type: ignore[misc]  # a fresh state for each invocation (tests call main twice)
    refused = _refused_lang(front)
    if refused:
        err_console.print(refused, markup=False)
        return 2
    _apply_global_options(front)
    from ..core import notices

    notices.LISTENERS[:] = [lambda message: err_console.print(message(STATE.lang), markup=False)]
    notices.TARGET_LISTENERS[:] = [_target_printer()]
    try:
        app = build_app()
        english = None
        if STATE.lang == "en":
            from .help_en import english_help

            english = english_help()
        command = localise(typer.main.get_command(app), STATE.lang, english)
        result = command.main(args=front + rest, prog_name="odwb-assist", standalone_mode=False)
        if result == INTERRUPTED_CODE:  # Typer turns Ctrl-C during a command into Exit(130), which comes back here
            raise KeyboardInterrupt
        return result if isinstance(result, int) else 0  # typer.Exit(n) comes back as a return value
    except OdwbError as error:
        if STATE.debug:
            traceback.print_exc()
        report_error(error)
        return error.exit_code
    except (click.exceptions.Exit, typer.Exit) as exc:
        return exc.exit_code
    except _USAGE_ERRORS as exc:  # usage errors (missing argument, unknown option), from click or Typer's own copy
        if STATE.lang == "fr" and hasattr(exc, "format_message"):
            from .usage_fr import french_usage_error

            err_console.print(french_usage_error(exc), markup=False)
        elif hasattr(exc, "show"):
            exc.show()
        else:
            err_console.print(str(exc), markup=False)
        return int(getattr(exc, "exit_code", 2))
    except (click.exceptions.Abort, typer.Abort, KeyboardInterrupt):
        err_console.print(INTERRUPTED_FR if STATE.lang == "fr" else INTERRUPTED_EN, markup=False)
        return INTERRUPTED_CODE
    except OSError as exc:  # a file or folder the system refused: say which and why, in the user's language
        if STATE.debug:
            traceback.print_exc()
        err_console.print(os_error_message(exc, STATE.lang), markup=False)
        return 2
    except Exception as exc:  # the last net: a short message, the traceback only with --debug
        if STATE.debug:
            traceback.print_exc()
        try:  # the message may hold anything, Rich markup included: print it as plain text
            detail = escape(f"{type(exc).__name__}: {exc}")
        except Exception:  # an exception whose str() fails must not break the last net
            detail = type(exc).__name__
        err_console.print(
            f"[bold red]Erreur interne[/] ({detail}). Relancez avec --debug et "
            "signalez ce problème avec la trace affichée."
            if STATE.lang == "fr" else
            f"[bold red]Internal error[/] ({detail}). Run again with --debug and "
            "report it with the traceback."
        )
        return 3


OS_REASONS = {  # errno -> (fr, en)
    errno.EACCES: ("permission refusée", "permission denied"),
    errno.EPERM: ("opération non permise", "operation not permitted"),
    errno.ENOENT: ("ce fichier ou ce dossier n'existe pas", "no such file or folder"),
    errno.ENOTDIR: ("un élément du chemin est un fichier, pas un dossier", "a part of the path is a file, not a folder"),
    errno.EISDIR: ("c'est un dossier, pas un fichier", "it is a folder, not a file"),
    errno.EEXIST: ("un fichier porte déjà ce nom", "a file already has that name"),
    errno.ENOSPC: ("le disque est plein", "the disk is full"),
    errno.EROFS: ("le support est en lecture seule", "the medium is read-only"),
}


def os_error_message(exc: OSError, lang: str | None) -> str:
    """A refused file operation in words: which path, and why, without the system's English."""
    fr, en = OS_REASONS.get(exc.errno or 0, ("le système a refusé l'opération", "the system refused the operation"))
    where = exc.filename if exc.filename is not None else ""
    if lang == "en":
        return f"Error: cannot use '{where}': {en}. Check the path and the folder's permissions, then run again."
    return f"Erreur : impossible d'utiliser « {where} » : {fr}. Vérifiez le chemin et les droits du dossier, puis relancez."


INTERRUPTED_CODE = 130  # the shell's code for a command ended by Ctrl-C (128 + SIGINT); no command exits so otherwise
# only a publication resumes where it stopped (its record of what reached the portal); a check or a fix starts again
INTERRUPTED_FR = "Interrompu : relancez la commande (une publication reprend là où elle s'est arrêtée)."
INTERRUPTED_EN = "Interrupted: run the command again (a publication resumes where it stopped)."


def run() -> None:
    exit_now(main())


def exit_now(code: int) -> None:
    """End the process without tearing the interpreter down: clearing a thousand modules (pandas, pyarrow…) object
    by object costs 0.1-0.2 s of CPU at the end of every command, for nothing. The exit callbacks still run and
    the standard streams are flushed; while another (non-daemon) thread runs, the ordinary exit waits for it."""
    import threading

    if any(thread.is_alive() and not thread.daemon for thread in threading.enumerate()
           if thread is not threading.current_thread()):
        sys.exit(code)
    import atexit
    import contextlib
    import os

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):  # a closed pipe (« | head »), no stream
            stream.flush()
    os._exit(code)
