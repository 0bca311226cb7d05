"""The CLI's last nets: Ctrl-C and an unexpected error end in a short French message, never a crash."""

from __future__ import annotations

import pytest

from odwb_assist.cli import main as cli_main


def _raise(exc: BaseException):  # type: ignore[no-untyped-def]
    def build_app():  # type: ignore[no-untyped-def]
        raise exc

    return build_app


def test_ctrl_c_says_how_to_resume(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_main, "build_app", _raise(KeyboardInterrupt()))
    code, _out, err = cli("check", "x.csv")
    assert code == 130
    assert "Interrompu : relancez la commande, elle reprend là où elle s'est arrêtée." in err


def test_internal_error_with_rich_markup_in_its_message_is_printed_plainly(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_main, "build_app", _raise(RuntimeError("chemin [/tmp/x] et [bold]gras[/bold]")))
    code, _out, err = cli("check", "x.csv")
    assert code == 3
    assert "Erreur interne" in err and "[/tmp/x]" in err and "[bold]gras[/bold]" in err


def test_internal_error_whose_text_cannot_be_built_still_ends_cleanly(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    class Unprintable(Exception):
        def __str__(self) -> str:
            raise ValueError("no text")

    monkeypatch.setattr(cli_main, "build_app", _raise(Unprintable()))
    code, _out, err = cli("check", "x.csv")
    assert code == 3 and "Unprintable" in err
