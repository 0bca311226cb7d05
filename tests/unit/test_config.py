"""The project file: shapes accepted, clear messages for what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from odwb_assist.core import config
from odwb_assist.core.errors import ConfigError

GOOD = """
[administration]
name = "Ville de Ciney"
nis_code = "91030"
publisher = "Ville de Ciney"

[portal]
url = "https://www.odwb.be"
api_key_env = "ODWB_API_KEY"

[[datasets]]
id = "ciney-parkings-velos"
file = "data/parkings-velos.csv"
[datasets.metadata]
title = "Parkings vélos de Ciney"
license = "CC BY 4.0"
theme = ["Mobilité"]
keyword = ["vélo", "parking"]
"""


def test_issue_shape_is_accepted_and_paths_resolved(tmp_path: Path) -> None:
    file = tmp_path / "odwb.toml"
    file.write_text(GOOD, encoding="utf-8")
    cfg = config.load(file)
    assert cfg.administration.nis_code == "91030"
    ds = cfg.dataset()
    assert ds.file == tmp_path / "data" / "parkings-velos.csv"
    assert ds.metadata["theme"] == ["Mobilité"]
    assert cfg.portal.url == "https://www.odwb.be"


def test_table_form_of_datasets(tmp_path: Path) -> None:
    text = '[administration]\nname = "A"\n[datasets.mon-jeu]\nfile = "a.csv"\n[datasets.mon-jeu.metadata]\ntitle = "T"\n'
    cfg = config.parse(text, tmp_path / "odwb.toml")
    assert cfg.dataset("mon-jeu").metadata == {"title": "T"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[administration]\nname = "A"\n[portal]\napi_key = "abc123"\n', "ODWB_API_KEY"),
        ('[administration]\nname = "A"\ncolor = "blue"\n', "ligne 3"),
        ('[administration]\nname = "A"\n[portail]\nurl = "x"\n', "portail"),
        ('[administration\nname = "A"\n', "ligne 1, colonne"),
        ('[portal]\nurl = "x"\n', "name"),
        ('[administration]\nname = "A"\nnis_code = 91030\n', "nis_code"),
        ('[administration]\nname = "A"\n[[datasets]]\nid = "x"\n', "file"),
    ],
)
def test_bad_files_are_refused_with_a_located_message(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as info:
        config.parse(text, Path("/projet/odwb.toml"))
    assert expected in info.value.message("fr")
    assert "/projet/odwb.toml" in info.value.message("fr")


def test_literal_key_never_echoed(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        config.parse('[administration]\nname = "A"\n[portal]\napi_key = "SUPERSECRET"\n')
    assert "SUPERSECRET" not in info.value.message("fr") + info.value.message("en")


def test_key_pasted_as_api_key_env_is_refused_unechoed() -> None:
    key = "c1eb4bece7f22d7bbfd5c555f129cfcaba169416c5dfca40"
    for value in (key, "ma clé"):
        with pytest.raises(ConfigError) as info:
            config.parse(f'[administration]\nname = "A"\n[portal]\napi_key_env = "{value}"\n')
        text = info.value.message("fr") + info.value.message("en")
        assert value not in text and "ligne 4" in text
    assert config.parse('[administration]\nname = "A"\n[portal]\napi_key_env = "MA_CLE"\n').portal.api_key_env == "MA_CLE"


def test_portal_url_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    text = '[administration]\nname = "A"\n[portal]\nurl = "https://file.example"\n'
    assert config.parse(text).portal.url == "https://file.example"
    monkeypatch.setenv("ODWB_PORTAL_URL", "http://127.0.0.1:9/")
    assert config.parse(text).portal.url == "http://127.0.0.1:9"
    assert config.parse(text, portal_url="http://cli.example").portal.url == "http://cli.example"


def test_api_key_from_env_not_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ODWB_API_KEY", "k-12345")
    cfg = config.parse('[administration]\nname = "A"\n')
    assert cfg.portal.api_key() == "k-12345"
    assert "k-12345" not in repr(cfg)


def test_cli_init_then_show(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ODWB_API_KEY", "hidden-value")
    code, out, _ = cli("init", "--name", "Ville de Ciney", "--nis-code", "91030")
    assert code == 0 and (tmp_path / "odwb.toml").is_file()
    code, out, _ = cli("config", "show")
    assert code == 0 and "Ville de Ciney" in out and "définie" in out and "hidden-value" not in out
    code, out, err = cli("init", "--name", "Autre")
    assert code == 2 and "existe déjà" in err
    assert "Ville de Ciney" in (tmp_path / "odwb.toml").read_text(encoding="utf-8")


def test_cli_init_in_a_folder(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """« init . » (or a folder's name) wrote nothing: « . existe déjà ». The file goes into the folder."""
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("init", ".", "--name", "Ville de Dinant")
    assert code == 0 and "Ville de Dinant" in (tmp_path / "odwb.toml").read_text(encoding="utf-8"), err
    code, _, _ = cli("init", "ciney", "--name", "Ville de Ciney")
    assert code == 0 and (tmp_path / "ciney" / "odwb.toml").is_file()
    code, _, err = cli("init", ".", "--name", "Autre")
    assert code == 2 and "odwb.toml existe déjà" in err


def test_cli_init_proposes_the_tables_of_its_folder(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """« init » in a folder of tables said « déclarez vos jeux de données dans [[datasets]] »: each participant wrote
    the blocks by hand, « source = » for « file = » among the mistakes. The tables there (and one level down) are now
    proposed as commented blocks (the user chooses; often the clean copy is what is published), their ids unique on
    the whole portal (the territory first: thirty communes publish a « budget »); uncommented, they are valid."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    for name in ("budget.csv", "data/Budget.csv", "data/agenda.xlsx"):
        (tmp_path / name).write_text("a;b\n1;2\n", encoding="utf-8")
    (tmp_path / "budget.lignes-retirees.csv").write_text("x\n", encoding="utf-8")  # fix's side file: not a table
    code, out, _ = cli("init", ".", "--name", "Ville de Ciney")
    assert code == 0 and "3 tableau(x) trouvé(s)" in out
    project = tmp_path / "odwb.toml"
    assert not config.load(project).datasets  # proposed, not declared
    head, proposed = project.read_text(encoding="utf-8").split("# Les tableaux trouvés")
    proposed = proposed.replace("# [[datasets]]", "[[datasets]]").replace("# id = ", "id = ").replace("# file = ",
                                                                                                      "file = ")
    project.write_text(head + "# Les tableaux trouvés" + proposed, encoding="utf-8")
    assert [(d.id, Path(d.file).relative_to(tmp_path).as_posix()) for d in config.load(project).datasets] == [
        ("ciney-budget", "budget.csv"), ("ciney-budget-2", "data/Budget.csv"), ("ciney-agenda", "data/agenda.xlsx")]
    empty = tmp_path / "vide"
    code, out, _ = cli("init", empty, "--name", "Ville de Ciney")
    assert code == 0 and "déclarez vos jeux de données" in out
    assert "Les tableaux trouvés" not in (empty / "odwb.toml").read_text(encoding="utf-8")


def test_cli_bad_file_exit_2_no_traceback(tmp_path: Path, cli) -> None:
    bad = tmp_path / "odwb.toml"
    bad.write_text('[administration]\nname = "A"\n[portal]\napi_key = "zz"\n', encoding="utf-8")
    code, out, err = cli("config", "show", "--project", bad, "--lang", "en")
    assert code == 2 and "ODWB_API_KEY" in err and "line 4" in err and "zz" not in err


def test_cli_help_and_debug(cli, tmp_path: Path) -> None:
    code, out, _ = cli("--help")
    assert code == 0 and "odwb-assist" in out
    code, out, err = cli("--debug", "config", "show", "--project", tmp_path / "missing.toml")
    assert code == 2 and "Traceback" in err


def test_dataset_id_must_be_a_portal_slug() -> None:
    text = '[administration]\nname = "A"\n[[datasets]]\nid = "Parkings Vélos Ciney"\nfile = "a.csv"\n'
    with pytest.raises(ConfigError) as info:
        config.parse(text, Path("/p/odwb.toml"))
    assert "ligne 4" in info.value.message("fr") and 'id = "parkings-velos-ciney"' in info.value.message("fr")
