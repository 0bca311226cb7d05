"""The journal plugin: one line per event of a project, no secret, and check/fix/document announce with the project."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from odwb_assist.core import config, config_model
from odwb_assist.core.events import DATASET_CHECKED, DATASET_FIXED, Event
from odwb_assist.core.journal import journal_path, read_journal
from odwb_assist.core.plugins import announce, get_plugin_manager
from odwb_assist.quality import check, fix
from odwb_assist.workshop.prepare import sample_file

PROJECT = """[administration]
name = "Commune d'Essai"
nis_code = "91030"

[[datasets]]
id = "essai-parkings"
file = "parkings.csv"
"""


@pytest.fixture
def project(tmp_path: Path) -> config_model.ProjectConfig:
    (tmp_path / "odwb.toml").write_text(PROJECT, encoding="utf-8")
    shutil.copyfile(sample_file(), tmp_path / "parkings.csv")
    return config.load(tmp_path / "odwb.toml")


def test_event_with_project_dir_is_journaled_without_secrets(tmp_path: Path) -> None:
    pm = get_plugin_manager(load_entrypoints=False)
    announce(pm, Event("custom", {"source": "a.csv", "api_key": "SECRET1", "Authorization": "Apikey SECRET2",
                                  "rows": 3, "big": {"token": "SECRET3"}, "list": ["SECRET4"], "text": "x" * 1000},
                       administration="Essai", project_dir=str(tmp_path)))
    announce(pm, Event("custom", {"source": "b.csv"}))  # no project: nothing written anywhere
    text = journal_path(tmp_path).read_text(encoding="utf-8")
    assert "SECRET" not in text
    (entry,) = read_journal(tmp_path)
    assert entry["type"] == "custom" and entry["administration"] == "Essai"
    assert entry["payload"] == {"source": "a.csv", "rows": 3, "text": "x" * 300}


def test_missing_project_folder_is_not_created(tmp_path: Path) -> None:
    pm = get_plugin_manager(load_entrypoints=False)
    announce(pm, Event("custom", {}, project_dir=str(tmp_path / "absent")))
    assert not (tmp_path / "absent").exists()


def test_journal_can_be_blocked(tmp_path: Path) -> None:
    pm = get_plugin_manager(block=["journal"], load_entrypoints=False)
    announce(pm, Event("custom", {}, project_dir=str(tmp_path)))
    assert not journal_path(tmp_path).exists()


def test_check_and_fix_announce_with_the_project(project: config_model.ProjectConfig, tmp_path: Path) -> None:
    pm = get_plugin_manager(load_entrypoints=False)
    check(tmp_path / "parkings.csv", project=project, plugins=pm)
    fix(tmp_path / "parkings.csv", tmp_path / "propre.csv", project=project, plugins=pm)
    entries = read_journal(tmp_path)
    assert [e["type"] for e in entries] == [DATASET_CHECKED, DATASET_FIXED]
    assert all(e["administration"] == "Commune d'Essai" and e["nis_code"] == "91030" for e in entries)
    assert entries[0]["payload"]["valid"] is False and entries[1]["payload"]["output"] == str(tmp_path / "propre.csv")


def test_without_project_file_nothing_is_written_in_the_working_folder(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(sample_file(), tmp_path / "parkings.csv")
    pm = get_plugin_manager(load_entrypoints=False)
    check(tmp_path / "parkings.csv", project=config.default_config(), plugins=pm)
    fix(tmp_path / "parkings.csv", tmp_path / "propre.csv", project=config.default_config(), plugins=pm)
    assert not (tmp_path / ".odwb").exists()


def test_cli_uses_the_project_of_the_working_folder(project: config_model.ProjectConfig, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    cli: Callable[..., tuple[int, str, str]]) -> None:
    sub = tmp_path / "donnees"
    sub.mkdir()
    monkeypatch.chdir(sub)  # odwb.toml is found above
    assert cli("check", tmp_path / "parkings.csv", "--format", "json")[0] == 1
    assert cli("fix", tmp_path / "parkings.csv", "--output", tmp_path / "propre.csv")[0] == 0
    assert [e["type"] for e in read_journal(tmp_path)] == [DATASET_CHECKED, DATASET_FIXED]


def test_cli_check_works_beside_a_broken_project_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      cli: Callable[..., tuple[int, str, str]]) -> None:
    (tmp_path / "odwb.toml").write_text("[administration\nname=", encoding="utf-8")
    shutil.copyfile(sample_file(), tmp_path / "parkings.csv")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("check", "parkings.csv", "--format", "json")
    assert code == 1 and '"valid": false' in out
    assert not (tmp_path / ".odwb").exists()
