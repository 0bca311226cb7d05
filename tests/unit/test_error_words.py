"""What went wrong, said in the user's words: a server that cannot be reached (the name of the library's exception,
« ConnectTimeout », is no French), a data file that cannot be read back (the JSON or TOML library's message is
English). Beside ``os_reason`` (test_os_reasons.py)."""

from __future__ import annotations

import json
import tomllib

import pytest
import requests

from odwb_assist.core.errors import data_reason, network_reason


@pytest.mark.parametrize(("exc", "french", "english"), [
    (requests.exceptions.ConnectionError(), "aucune connexion", "no connection"),
    (requests.exceptions.ReadTimeout(), "pas de réponse à temps", "no answer in time"),
    (requests.exceptions.ConnectTimeout(), "pas de réponse à temps pour se connecter", "no answer in time to connect"),
    (requests.exceptions.SSLError(), "certificat SSL du serveur refusé", "the server's SSL certificate refused"),
    (requests.exceptions.ProxyError(), "le proxy ne répond pas", "the proxy does not answer"),
    (requests.exceptions.ChunkedEncodingError(), "réponse interrompue", "answer cut short"),
    (requests.exceptions.TooManyRedirects(), "trop de redirections", "too many redirects"),
    (requests.exceptions.MissingSchema(), "adresse invalide", "invalid address"),
])
def test_each_failure_to_reach_a_server_is_said_in_words(exc: Exception, french: str, english: str) -> None:
    assert (network_reason(exc).fr, network_reason(exc).en) == (french, english)


@pytest.mark.parametrize(("text", "french"), [
    ('{"room": "jour7"}', "champ manquant « participants »"),
    ('{"room": "jour7",', "syntaxe JSON invalide, ligne 1, colonne 18"),
])
def test_a_data_file_that_cannot_be_read_back_is_said_in_words(text: str, french: str) -> None:
    with pytest.raises((KeyError, ValueError)) as info:
        json.loads(text)["participants"]
    assert data_reason(info.value).fr == french


def test_a_toml_syntax_error_is_said_with_its_line() -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as info:
        tomllib.loads('nom = "édition"\nprix = \n')
    assert data_reason(info.value).fr == "syntaxe TOML invalide, ligne 2, colonne 8"


def test_a_project_file_with_a_syntax_error_is_said_in_french_alone(tmp_path) -> None:  # noqa: ANN001
    from odwb_assist.core.config import parse
    from odwb_assist.core.errors import ConfigError

    with pytest.raises(ConfigError) as info:
        parse('[administration]\nname = "Ciney\n', tmp_path / "odwb.toml")
    french = info.value.message("fr")
    assert "ligne 2, colonne" in french and "erreur de syntaxe TOML" in french
    assert "line" not in french and "Expected" not in french and "Illegal" not in french


def test_a_metadata_file_that_is_no_json_is_said_in_french_alone(tmp_path) -> None:  # noqa: ANN001
    from odwb_assist.core.errors import MetadataError
    from odwb_assist.metadata.model import Metadata

    path = tmp_path / "metadata.json"
    path.write_text('{"default": {"title": "Vélos",}}', encoding="utf-8")
    with pytest.raises(MetadataError) as info:
        Metadata.load_json(path)
    french = info.value.message("fr")
    assert "syntaxe JSON invalide, ligne 1, colonne" in french and "Expecting" not in french
