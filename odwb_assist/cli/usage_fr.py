"""Command-line usage errors (missing argument, unknown option…) in French: click only speaks English."""

from __future__ import annotations

import difflib
import re
from typing import Any

# (English message of click, French message); groups are kept in order.
PATTERNS: tuple[tuple[str, str], ...] = (
    (r"Missing argument '(.+)'\.", "Il manque l'argument « {0} »."),
    (r"Missing option '(.+)'\.", "Il manque l'option « {0} »."),
    (r"No such option: (\S+)\s+Did you mean (\S+)\?", "Option inconnue : {0}. Vouliez-vous dire {1} ?"),
    (r"No such option: (\S+)", "Option inconnue : {0}."),
    (r"No such command '(.+)'\.\s+Did you mean '(.+)'\?", "Commande inconnue : « {0} ». Vouliez-vous dire « {1} » ?"),
    (r"No such command '(.+)'\.", "Commande inconnue : « {0} »."),
    (r"Option '(.+)' requires an argument\.", "L'option « {0} » attend une valeur."),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", "Argument(s) en trop : {0}."),
)


# Reasons inside « Invalid value for … : reason ».
REASONS: tuple[tuple[str, str], ...] = (
    (r"Input should be a valid integer.*", "un nombre entier est attendu."),
    (r"Input should be a valid number.*", "un nombre est attendu."),
    (r"'(.+)' is not one of (.+)\.", "« {0} » n'est pas parmi {1}."),
    (r"(?:File|Path|Directory) '(.+)' does not exist\.", "« {0} » n'existe pas."),
)


def _first(rules: tuple[tuple[str, str], ...], text: str) -> str | None:
    for pattern, french in rules:
        match = re.fullmatch(pattern, text.strip(), flags=re.S)
        if match:
            # click names an option by all its names: « '--output' / '-o' » becomes « --output » / « -o »
            return french.format(*(group.replace("' / '", " » / « ") for group in match.groups()))
    return None


QUOTED = r"'([^']+)'"


def _either(names: list[str]) -> str:
    """« a », « a » ou « b », « a », « b » ou « c »: a list as a French sentence, not a Python list."""
    quoted = [f"« {n} »" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " ou " + quoted[-1]


def _suggestions(message: str) -> str | None:
    """Typo suggestions (« Did you mean 'check', 'schema'? », « (Possible options: --help, --schema) ») in French."""
    command = re.fullmatch(r"No such command '(.+?)'\.\s+Did you mean (.+)\?", message.strip(), flags=re.S)
    if command:
        names = re.findall(QUOTED, command.group(2))
        return f"Commande inconnue : « {command.group(1)} ». Vouliez-vous dire {_either(names)} ?"
    option = re.fullmatch(r"No such option: (\S+)\s+\(Possible options: (.+)\)", message.strip(), flags=re.S)
    if option:
        typed, possible = option.group(1), [o.strip() for o in option.group(2).split(",") if o.strip()]
        close = difflib.get_close_matches(typed, possible, n=2, cutoff=0.5) or possible[:3]
        return f"Option inconnue : {typed}. Vouliez-vous dire {_either(close)} ?"
    return None


def translate(message: str) -> str:
    """The French message for a click usage error (the English one when it is not a known form)."""
    invalid = re.fullmatch(r"Invalid value for '(.+?)': (.*)", message.strip(), flags=re.S)
    if invalid:
        reason = _first(REASONS, invalid.group(2)) or invalid.group(2)
        return f"Valeur invalide pour « {invalid.group(1)} » : {reason}"
    return _suggestions(message) or _first(PATTERNS, message) or message


SUPPORTED_LANGS = {"fr": "français", "en": "anglais"}


def unsupported_lang(value: str) -> str | None:
    """The message refusing a ``--lang`` the program does not speak (French and English), or None."""
    code = value.strip().lower().replace("_", "-").split("-")[0]
    if code in SUPPORTED_LANGS:
        return None
    listed = ", ".join(f"{c} ({name})" for c, name in SUPPORTED_LANGS.items())
    return (f"Erreur : la langue « {value} » n'est pas disponible. Langues disponibles : {listed}.\n"
            f"Error: language '{value}' is not available. Available languages: fr (French), en (English).")


def french_usage_error(error: Any) -> str:
    """The whole text to show: usage line, the error in French, where to find help."""
    ctx = getattr(error, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage().replace("Usage:", "Utilisation :", 1))
    lines.append(f"Erreur : {translate(error.format_message())}")
    command = ctx.command_path if ctx is not None else "odwb-assist"
    lines.append(f"Aide : {command} --help")
    return "\n".join(lines)
