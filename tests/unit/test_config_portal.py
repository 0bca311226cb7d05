"""[portal] url and timeout are checked where they are read, at their line, without echoing a password."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.core import config, config_model
from odwb_assist.core.config_portal import redact_url
from odwb_assist.core.errors import ConfigError

HEAD = '[administration]\nname = "Ville de Ciney"\n[portal]\n'


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('url = ""', "vide"),
        ('url = "   "', "vide"),
        ('url = "ftp://www.odwb.be"', "https://"),
        ('url = "not a url"', "https://"),
        ('url = "http://127.0.0.1:99999"', "port"),
        ('url = "http://127.0.0.1:0"', "port"),
        ('url = "http://127.0.0.1:abc"', "port"),
        ('url = "https://"', "https://"),
        ("timeout = 0", "timeout"),
        ("timeout = -5", "timeout"),
        ("timeout = nan", "timeout"),
        ("timeout = inf", "timeout"),
        ("timeout = 100000", "timeout"),
    ],
)
def test_unusable_portal_settings_stop_at_their_line(line: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        config.parse(HEAD + line + "\n", Path("odwb.toml"))
    assert "ligne 4" in info.value.message("fr")
    assert expected in info.value.message("fr")


def test_credentials_in_the_url_are_refused_and_never_echoed() -> None:
    with pytest.raises(ConfigError) as info:
        config.parse(HEAD + 'url = "https://alice:s3cretPass@www.odwb.be"\n', Path("odwb.toml"))
    text = info.value.message("fr") + info.value.message("en")
    assert "s3cretPass" not in text and "alice" not in text
    assert "mot de passe" in info.value.message("fr")


def test_good_settings_pass_and_lose_their_trailing_slash() -> None:
    cfg = config.parse(HEAD + 'url = "http://127.0.0.1:8765/"\ntimeout = 12.5\n', Path("odwb.toml"))
    assert cfg.portal.url == "http://127.0.0.1:8765"
    assert cfg.portal.timeout == 12.5


def test_portal_option_and_environment_are_checked_with_their_origin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(config.PORTAL_URL_ENV, raising=False)
    with pytest.raises(ConfigError) as info:
        config.default_config("ftp://x")
    assert info.value.message("fr").startswith("--portal")
    monkeypatch.setenv(config.PORTAL_URL_ENV, "https://bob:pw@portal.example")
    with pytest.raises(ConfigError) as info:
        config.default_config()
    assert config.PORTAL_URL_ENV in info.value.message("fr") and "pw@" not in info.value.message("fr")
    monkeypatch.setenv(config.PORTAL_URL_ENV, "")  # an empty variable is unset
    assert config.default_config().portal.url == config_model.DEFAULT_PORTAL_URL


def test_a_project_file_saved_with_a_bom_is_read(tmp_path: Path) -> None:
    file = tmp_path / "odwb.toml"
    file.write_text(HEAD + 'url = "https://www.odwb.be"\n', encoding="utf-8-sig")  # what Windows Notepad writes
    assert config.load(file).administration.name == "Ville de Ciney"


def test_redact_url_keeps_host_and_port() -> None:
    assert redact_url("http://u:p@127.0.0.1:8000/x") == "http://127.0.0.1:8000/x"
    assert redact_url("https://www.odwb.be") == "https://www.odwb.be"
