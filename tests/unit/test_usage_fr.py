"""Usage errors of the command line in French (click only speaks English), exit code 2, no traceback."""

from __future__ import annotations

import pytest

from odwb_assist.cli.usage_fr import translate


@pytest.mark.parametrize(("english", "french"), [
    ("Missing argument 'file'.", "Il manque l'argument « file »."),
    ("Missing option '--output' / '-o'.", "Il manque l'option « --output » / « -o »."),
    ("No such option: --bogus", "Option inconnue : --bogus."),
    ("No such command 'chekc'. Did you mean 'check'?", "Commande inconnue : « chekc ». Vouliez-vous dire « check » ?"),
    ("Got unexpected extra argument(s) (b.csv)", "Argument(s) en trop : b.csv."),
    ("Invalid value for '--limit-errors': Input should be a valid integer, unable to parse string as an integer",
     "Valeur invalide pour « --limit-errors » : un nombre entier est attendu."),
    ("Something new from click", "Something new from click"),
])
def test_translate(english: str, french: str) -> None:
    assert translate(english) == french


def test_cli_usage_errors_are_french_by_default_and_english_on_request(cli, tmp_path) -> None:
    code, out, err = cli("check")
    assert code == 2 and "Il manque l'argument « FICHIER »." in err and "Aide : odwb-assist check --help" in err
    code, out, err = cli("check", "--lang", "en")
    assert code == 2 and "Missing argument 'files'." in err
    code, out, err = cli("chekc")
    assert code == 2 and "Vouliez-vous dire « check »" in err
