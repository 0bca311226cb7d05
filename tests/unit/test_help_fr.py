"""Every ``--help`` of the application (core commands and plugin groups) is French by default: no English word
of click or Typer, types in words, « défaut : … »; ``--lang en`` keeps the libraries' English; an unsupported
``--lang`` is refused with the list."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import typer

from odwb_assist.cli.main import build_app
from odwb_assist.cli.usage_fr import translate

# What click and Typer print in English on their own (never in our help texts).
ENGLISH = ("Usage:", "Show this message", "[default:", "[required]", "[env var", "Commands", "COMMAND [ARGS]",
           "Try '", "(deprecated)", "<bool>", "<str>", "<path>", "<int", "<float", "<list", "x>=", "x<=")


def _paths(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    for name, sub in sorted((getattr(command, "commands", None) or {}).items()):
        if not getattr(sub, "hidden", False):
            yield from _paths(sub, path + (name,))


PATHS = list(_paths(typer.main.get_command(build_app())))


def test_the_walk_covers_core_and_plugin_groups() -> None:
    names = {p[0] for p in PATHS if p}
    assert {"check", "inventory", "metadata", "publish", "sandbox"} <= names
    assert len(PATHS) > 30


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "odwb-assist")
def test_every_help_is_french(cli: Callable[..., tuple[int, str, str]], path: tuple[str, ...]) -> None:
    code, out, err = cli(*path, "--help")
    assert code == 0, err
    found = [word for word in ENGLISH if word in out]
    assert not found, f"{' '.join(path)}: {found}\n{out}"
    assert "Utilisation : odwb-assist" in out and "Affiche ce message et quitte." in out


def test_defaults_and_types_in_words(cli: Callable[..., tuple[int, str, str]]) -> None:
    _code, out, _err = cli("check", "--help")
    assert "[défaut : text]" in out and re.search(r"--limit-errors\s+-?\s*nombre \[≥ 1\]", out)
    assert "FICHIER" in out and "chemin" in out


def test_english_help_stays_complete(cli: Callable[..., tuple[int, str, str]]) -> None:
    _code, out, _err = cli("--lang", "en", "check", "--help")
    assert "Usage: odwb-assist check" in out and "Show this message and exit." in out and "[default: text]" in out
    _code, out, _err = cli("check", "--help")  # French again in the next invocation
    assert "Usage:" not in out and "[défaut : text]" in out


@pytest.mark.parametrize("lang", ["de", "nl", "xx"])
def test_an_unsupported_lang_is_refused_with_the_list(cli: Callable[..., tuple[int, str, str]], lang: str) -> None:
    code, _out, err = cli("--lang", lang, "check", "x.csv")
    assert code == 2
    assert f"la langue « {lang} » n'est pas disponible" in err and "fr (français), en (anglais)" in err
    assert cli("--lang", "fr-BE", "--version")[0] == 0


def test_typo_suggestions_are_plain_french() -> None:
    assert translate("No such command 'chek'. Did you mean 'check', 'schema'?") == (
        "Commande inconnue : « chek ». Vouliez-vous dire « check » ou « schema » ?")
    assert translate("No such option: --shema (Possible options: --help, --schema, --sheet)") == (
        "Option inconnue : --shema. Vouliez-vous dire « --schema » ou « --sheet » ?")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_paragraph_of_help_is_one_line_so_that_it_rewraps(lang: str) -> None:
    """A docstring's line breaks cut sentences in the middle of the terminal (« publication / sur un portail »)."""
    from odwb_assist.cli.help_en import english_help
    from odwb_assist.cli.help_fr import localise

    command = localise(typer.main.get_command(build_app()), lang, english_help() if lang == "en" else None)
    cut = []
    for path in PATHS:
        found = command
        for name in path:
            found = found.commands[name]
        texts = [found.help or "", *(getattr(param, "help", None) or "" for param in found.params)]
        cut += [f"{' '.join(path)}: {part!r}" for text in texts for part in text.split("\n\n")
                if "\n" in part.strip() and not part.lstrip().startswith("\b")]
    assert not cut, "\n".join(cut)
    demo = command.commands["demo"].help
    assert ("publication sur un portail" if lang == "fr" else "publication on a local sandbox") in demo
