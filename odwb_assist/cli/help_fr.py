"""``--help`` in French: click's and Typer's own strings translated, option types in words, defaults as
« défaut : … ». English (``--lang en``) keeps the libraries' own wording, and the help texts of the commands
take their English from :mod:`.help_en` (and the plugins' ``odwb_help_en``).

Typer renders the help with module-level strings of ``typer.rich_utils`` (panel titles, « [default: …] »,
« [required] ») and click's help option and usage line; :func:`localise` sets them for one invocation
and walks the command tree once (core and plugin groups alike) to give each parameter a French type word.
``typer.rich_utils`` (Rich's Markdown, tracebacks…) is heavy: its strings are set when a help is drawn,
so that a command that shows no help never imports it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

import typer
import typer.core

# typer.rich_utils string -> its French wording
RICH_STRINGS_FR: dict[str, str] = {
    "DEFAULT_STRING": "[défaut : {}]",
    "ENVVAR_STRING": "[variable d'environnement : {}]",
    "REQUIRED_LONG_STRING": "[obligatoire]",
    "DEPRECATED_STRING": "(obsolète) ",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commandes",
    "ERRORS_PANEL_TITLE": "Erreur",
    "ABORTED_TEXT": "Interrompu.",
    "RICH_HELP": "Aide : [blue]{command_path} {help_option}[/]",
}
RICH_STRINGS_EN: dict[str, str] = {}  # typer.rich_utils' own strings, kept when the French ones are first set
HELP_OPTION = {"fr": "Affiche ce message et quitte.", "en": "Show this message and exit."}
OPTIONS_METAVAR = {"fr": "[OPTIONS]", "en": "[OPTIONS]"}
SUBCOMMAND_METAVAR = {"fr": "COMMANDE [ARGUMENTS]...", "en": "COMMAND [ARGS]..."}
USAGE_PREFIX = {"fr": "Utilisation : ", "en": "Usage: "}

# Typer's type display (« <path> ») -> the French word shown instead; None hides it (flags).
TYPE_WORDS: dict[str, str | None] = {
    "<path>": "chemin", "<str>": "texte", "<int>": "nombre", "<int range>": "nombre", "<float>": "nombre",
    "<float range>": "nombre", "<bool>": None, "<list[str]>": "texte", "<list[path]>": "chemin", "<list[Path]>": "chemin",
    "<datetime>": "date",
}
# arguments that name files, whatever their type (text: a path or a web address)
PATH_ARGUMENTS = frozenset({"file", "files"})
# Typer's display of a list type -> its element's, in English
ENGLISH_TYPE_WORDS: dict[str, str] = {"<list[Path]>": "<path>", "<list[path]>": "<path>", "<list[str]>": "<str>"}
# Argument names -> French names (usage line, help table, « Il manque l'argument … »).
ARGUMENT_NAMES: dict[str, str] = {
    "file": "FICHIER", "files": "FICHIER", "path": "CHEMIN", "folder": "DOSSIER", "directory": "DOSSIER", "dataset_id": "JEU",
    "name": "NOM", "session": "SÉANCE", "entry": "LIGNE", "challenge": "DÉFI", "obligation": "OBLIGATION",
    "old": "ANCIEN", "new": "NOUVEAU", "participants": "PARTICIPANTS", "text": "TEXTE",
}

_state = {"lang": "fr"}
_patched = False


def _rich_strings() -> None:
    """Set typer.rich_utils' strings to the current language (called when a help is drawn)."""
    from typer import rich_utils

    if not RICH_STRINGS_EN:
        RICH_STRINGS_EN.update({name: getattr(rich_utils, name) for name in RICH_STRINGS_FR})
    for name, value in (RICH_STRINGS_FR if _state["lang"] == "fr" else RICH_STRINGS_EN).items():
        setattr(rich_utils, name, value)


def _patch_usage_prefix() -> None:
    """Click writes « Usage: » itself; its formatter asks us for the prefix of the current language. Typer's
    commands and groups set the Rich strings of that language before drawing their help."""
    global _patched
    if _patched:
        return
    formatter_class: Any = typer._click.formatting.HelpFormatter
    original = formatter_class.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original(self, prog, args, USAGE_PREFIX[_state["lang"]] if prefix is None else prefix)

    formatter_class.write_usage = write_usage
    for command_class in (typer.core.TyperCommand, typer.core.TyperGroup):
        _format_help_in_lang(command_class)
    _patched = True


def _format_help_in_lang(command_class: Any) -> None:
    original = command_class.format_help

    def format_help(self: Any, ctx: Any, formatter: Any) -> None:
        _rich_strings()
        original(self, ctx, formatter)

    command_class.format_help = format_help


def _range_fr(text: str) -> str:
    """« x>=1 » → « ≥ 1 », « 0<=x<=100 » → « de 0 à 100 »."""
    both = re.fullmatch(r"(-?[\d.]+)<=x<=(-?[\d.]+)", text)
    if both:
        return f"de {both.group(1)} à {both.group(2)}"
    return (text.replace("x>=", "≥ ").replace("x<=", "≤ ").replace("x>", "> ").replace("x<", "< ")
            .replace("<=x", " ≤ valeur").strip())


def _commands(command: Any) -> Iterator[Any]:
    yield command
    for sub in (getattr(command, "commands", None) or {}).values():
        yield from _commands(sub)


def _localise_param(param: Any, ctx: Any, lang: str) -> None:
    # a file given as text (a path, or a web address: ``check``, ``fix``) is shown as a path
    path_text = param.param_type_name == "argument" and param.name in PATH_ARGUMENTS
    if lang != "fr":
        english = "<path>" if path_text else ENGLISH_TYPE_WORDS.get(param.display_type(ctx))
        if english is not None:  # a list of paths is shown as each of them is
            param.display_type_rich = lambda ctx=None, word=english: word
        return
    shown = param.display_type(ctx)
    word = "chemin" if path_text else TYPE_WORDS.get(shown, shown)
    if param.param_type_name == "argument":
        param.metavar = ARGUMENT_NAMES.get(param.name, str(param.name).upper())
    param.display_type_rich = lambda ctx=None, word=word: word
    rng = param._get_number_range_help_str()
    if rng:
        param._get_number_range_help_str = lambda rng=rng: _range_fr(rng)


def _in_english(command: Any, english: dict[str, str]) -> None:
    """The command's and its parameters' help texts in English (:mod:`.help_en`; a text without one stays)."""
    for owner, name in [(command, "help"), (command, "short_help")] + [(param, "help") for param in command.params]:
        text = getattr(owner, name, None)
        # a help already made one line (:func:`one_line_paragraphs`) is found too: ``english_help`` holds both forms
        found = (english.get(text) or english.get(one_line_paragraphs(text) or "")) if text else None
        if found:
            setattr(owner, name, found)


def one_line_paragraphs(text: str | None) -> str | None:
    """A help text whose paragraphs are each one line, so that the help rewraps them to the terminal (a docstring's
    line breaks cut a sentence in the middle otherwise); a paragraph that opens with « \\b » is kept as written."""
    if not text:
        return text
    paragraphs = text.split("\n\n")
    return "\n\n".join(part if part.lstrip().startswith("\b") else " ".join(line.strip() for line in part.splitlines())
                       for part in paragraphs)


def localise(command: Any, lang: str, english: dict[str, str] | None = None) -> Any:
    """Set the help of ``command`` and every subcommand to ``lang`` (``fr`` or ``en``); returns ``command``.
    ``english`` (French text -> English, :func:`.help_en.english_help`) translates the help texts for ``en``."""
    lang = "en" if lang == "en" else "fr"
    _state["lang"] = lang
    _patch_usage_prefix()
    if "typer.rich_utils" in sys.modules:  # already imported (a second invocation in one process): set them now
        _rich_strings()
    context_class: Any = typer._click.Context
    for cmd in _commands(command):
        ctx = context_class(cmd, info_name=cmd.name)
        if lang == "en" and english:
            _in_english(cmd, english)
        cmd.help = one_line_paragraphs(cmd.help)
        for param in cmd.params:
            if getattr(param, "help", None):
                param.help = one_line_paragraphs(param.help)
        cmd.options_metavar = OPTIONS_METAVAR[lang]
        if hasattr(cmd, "subcommand_metavar") and getattr(cmd, "commands", None) is not None:
            cmd.subcommand_metavar = SUBCOMMAND_METAVAR[lang]
        help_option = cmd.get_help_option(ctx)
        if help_option is not None:
            help_option.help = HELP_OPTION[lang]
        for param in cmd.params:
            _localise_param(param, ctx, lang)
        if help_option is not None:
            _localise_param(help_option, ctx, lang)
    return command
