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
    assert "Interrompu : relancez la commande (une publication reprend là où elle s'est arrêtée)." in err


def test_ctrl_c_during_a_command_says_how_to_resume(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typer turns Ctrl-C inside a command into a bare exit code 130: the message is said all the same."""
    from odwb_assist.cli import check as check_cli

    def interrupted(*args: object, **options: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(check_cli, "_check", interrupted)
    code, _out, err = cli("check", "x.csv")
    assert code == 130
    assert "Interrompu : relancez la commande (une publication reprend là où elle s'est arrêtée)." in err
    code, _out, err = cli("--lang", "en", "check", "x.csv")
    assert code == 130 and "Interrupted: run the command again (a publication resumes where it stopped)." in err


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


def test_a_refused_file_operation_names_the_path_and_the_reason(cli, tmp_path) -> None:
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    code, _out, err = cli("init", str(tmp_path / "fichier" / "odwb.toml"), "--name", "Ville de Ciney")
    assert code == 2 and "Erreur interne" not in err
    assert "impossible d'utiliser" in err and "fichier" in err


def test_os_errors_in_english_on_request(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_main, "build_app", _raise(PermissionError(13, "Permission denied", "/srv/rapport.html")))
    code, _out, err = cli("--lang", "en", "check", "x.csv")
    assert code == 2 and "cannot use '/srv/rapport.html': permission denied" in err
