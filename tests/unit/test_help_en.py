"""``--lang en`` gives English help texts (commands, options, arguments, plugin groups); French stays the default."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import typer

from odwb_assist.cli.help_en import HELP_EN, english_help
from odwb_assist.cli.main import build_app
from odwb_assist.core.hookspecs import hookimpl
from odwb_assist.core.plugins import get_plugin_manager

FRENCH = re.compile(r"\b(?:le|la|les|des|du|une|est|sans|avec|pour|dans|défaut|répétable|Fichier|Dossier|Affiche)\b")


def _texts(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    for text in (command.help, getattr(command, "short_help", None)):
        if text:
            yield " ".join(path), text
    for param in command.params:
        if getattr(param, "help", None):
            yield " ".join(path + (param.name,)), param.help
    for name, sub in sorted((getattr(command, "commands", None) or {}).items()):
        yield from _texts(sub, path + (name,))


def test_every_help_text_of_the_core_and_of_the_programme_plugin_has_its_english() -> None:
    texts = list(_texts(typer.main.get_command(build_app())))
    assert len(texts) > 300 and any(where.startswith("programme") for where, _ in texts)
    english = english_help()
    missing = sorted({where for where, text in texts if text not in english})
    assert not missing, f"help texts without English (add them to odwb_assist/cli/help_en.py): {missing}"
    assert not [en for en in english.values() if FRENCH.search(en)]  # no French left in an English text


def test_every_option_and_argument_says_what_it_does() -> None:
    """« programme import --sheet », « replace-participant --email » and the administration's name of eleven
    « programme » commands were listed with no word in --help."""
    def options(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
        for param in command.params:
            if not getattr(param, "hidden", False):
                yield " ".join((*path, param.opts[0])), param
        for name, sub in sorted((getattr(command, "commands", None) or {}).items()):
            yield from options(sub, (*path, name))

    found = list(options(typer.main.get_command(build_app())))
    assert len(found) > 150
    assert not sorted(where for where, param in found if not (param.help or "").strip())


@pytest.mark.parametrize(("path", "english", "french"), [
    (("check",), "Checks the quality of a file and explains how to fix each problem; with several files or a folder",
     "Vérifie la qualité d'un fichier"),
    (("fix",), "Writes the log of every fix to this CSV file", "Écrit dans ce fichier CSV le journal"),
    (("inventory", "check"), "Inventory to check (.xlsx or .csv;", "Inventaire à vérifier"),
    (("sandbox", "serve"), "Starts the sandbox portal (Ctrl+C to stop it).", "Démarre le portail bac à sable"),
    (("programme", "enrol"), "Record an enrolment request (the form filled in).", "Enregistrer une demande"),
    ((), "Takes a Walloon administration from its data", "Accompagne une administration wallonne"),
])
def test_help_in_english_with_lang_en(cli: Callable[..., tuple[int, str, str]], path: tuple[str, ...], english: str,
                                      french: str) -> None:
    code, out, _ = cli("--lang", "en", *path, "--help")
    flat = " ".join(out.replace("│", " ").split())
    assert code == 0 and english in flat and french not in flat and "Usage: odwb-assist" in out
    code, out, _ = cli(*path, "--help", "--lang", "en")  # the global option typed after the command
    assert english in " ".join(out.replace("│", " ").split())
    code, out, _ = cli(*path, "--help")  # French by default, in the next invocation too
    flat = " ".join(out.replace("│", " ").split())
    assert code == 0 and french in flat and english not in flat and "Utilisation : odwb-assist" in out


def test_a_plugins_commands_get_their_english_through_the_hook() -> None:
    class Greetings:
        @hookimpl
        def odwb_help_en(self) -> dict[str, str]:
            return {"Dire bonjour.": "Say hello."}

    pm = get_plugin_manager(load_entrypoints=False)
    pm.register(Greetings(), name="greetings")
    tables = [table for table in pm.hook.odwb_help_en() if table]
    assert {"Dire bonjour.": "Say hello."} in tables
    assert "Vérifie la qualité d'un fichier et explique comment corriger chaque problème ; avec plusieurs fichiers\nou " \
           "un dossier, un rapport par fichier et leur résumé.\n\nCodes de sortie : 0 aucune erreur, 1 erreurs trouvées, " \
           "2 fichier illisible (plusieurs fichiers : le pire)." in HELP_EN
