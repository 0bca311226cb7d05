"""Issue 14, point 3 over loopback: the licence and themes stick on a sandbox of either behaviour.

``internal`` (the vendor's document): ``internal.license_id`` is written, ``default.license_id`` refused;
``default`` (data.bs.ch's observation): ``internal.*`` is read-only and silently ignored, ``default.*`` is taken.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from odwb_assist.core.config import load
from odwb_assist.core.errors import PublicationError
from odwb_assist.portal import PortalClient
from odwb_assist.portal.vocabulary import Vocabulary
from odwb_assist.publish import plan
from odwb_assist.sandbox import SandboxServer

pytestmark = pytest.mark.integration

PROJECT = """[administration]
name = "Commune de Ciney"

[portal]
url = "{url}"
{extra}
[[datasets]]
id = "{dataset_id}"
file = "velos.csv"

[datasets.metadata]
title = "Parkings vélos"
description = "Les parkings vélos de la commune."
license = "CC BY 4.0"
theme = ["Mobilité"]
"""


@pytest.fixture(scope="module", params=["internal", "default"])
def sandbox(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SandboxServer, str]]:
    server = SandboxServer(tmp_path_factory.mktemp(f"licence-{request.param}"), processing_delay=0.01,
                           licence_path=request.param)
    key = server.add_user("ciney")
    server.start()
    try:
        yield server, key
    finally:
        server.stop()


def _project(folder: Path, url: str, dataset_id: str, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "velos.csv").write_text("nom,places\nGare,12\nPiscine,8\n", encoding="utf-8")
    path = folder / "odwb.toml"
    path.write_text(PROJECT.format(url=url, dataset_id=dataset_id, extra=extra), encoding="utf-8")
    return path


def _client(project_file: Path, key: str) -> PortalClient:
    return PortalClient.from_config(load(project_file), api_key=key, poll_interval=0.02)


def _internal(server: SandboxServer, key: str, uid: str) -> dict[str, object]:
    answer = requests.get(f"{server.url}/api/automation/v1.0/datasets/{uid}/metadata/internal/",
                          headers={"Authorization": f"Apikey {key}"}, timeout=10)
    return {name: value["value"] for name, value in answer.json().items()}


def test_licence_and_themes_stick_and_the_path_is_remembered(sandbox: tuple[SandboxServer, str], tmp_path: Path) -> None:
    server, key = sandbox
    mode = server.store.get_setting("licence_path")
    project_file = _project(tmp_path / "ciney", server.url, f"velos-{mode}")
    planned = plan(load(project_file), _client(project_file, key))
    assert ("internal.license_id" in planned.describe("fr"))  # first contact: the vendor's document first
    publication = planned.apply()
    verification = publication.verify()
    assert verification.ok, verification.describe("fr")  # Explore shows the licence and theme labels
    internal = _internal(server, key, publication.uid)
    assert internal["license_id"] == "77c1a7d" and internal["theme_id"] == ["22418d8"]  # read back through Automation
    vocabulary = Vocabulary(_client(project_file, key))
    assert vocabulary.path("license_id") == mode and vocabulary.path("theme_id") == mode
    assert json.loads(vocabulary.cache_file.read_text(encoding="utf-8"))["_paths"] == {"license_id": mode,  # type: ignore[union-attr]
                                                                                       "theme_id": mode}
    # a rerun sends nothing; a second dataset goes straight to the remembered path
    assert plan(load(project_file), _client(project_file, key)).steps == []
    second = _project(tmp_path / "ciney", server.url, f"velos-bis-{mode}")
    described = plan(load(second), _client(second, key)).describe("fr")
    assert f"= 77c1a7d  ({mode}.license_id)" in described and f"({mode}.theme_id)" in described


def test_forced_path_is_used_without_fallback(sandbox: tuple[SandboxServer, str], tmp_path: Path) -> None:
    server, key = sandbox
    mode = server.store.get_setting("licence_path")
    other = "default" if mode == "internal" else "internal"
    project_file = _project(tmp_path / "force", server.url, f"velos-force-{mode}", f'licence_path = "{other}"\n')
    with pytest.raises(PublicationError) as failed:
        plan(load(project_file), _client(project_file, key)).apply()
    assert "n'a pas enregistré la licence" in str(failed.value) and f"{other}.license_id" in str(failed.value)
    assert "Retirez « licence_path »" in str(failed.value)
    right = _project(tmp_path / "right", server.url, f"velos-right-{mode}", f'licence_path = "{mode}"\n')
    assert plan(load(right), _client(right, key)).apply().verify().ok


def test_a_remembered_path_that_no_longer_takes_falls_back_and_is_replaced(sandbox: tuple[SandboxServer, str],
                                                                           tmp_path: Path) -> None:
    server, key = sandbox
    mode = server.store.get_setting("licence_path")
    other = "default" if mode == "internal" else "internal"
    project_file = _project(tmp_path / "moved", server.url, f"velos-moved-{mode}")
    vocabulary = Vocabulary(_client(project_file, key))
    vocabulary.choices()
    vocabulary.remember_path("license_id", other)
    vocabulary.remember_path("theme_id", other)
    planned = plan(load(project_file), _client(project_file, key))
    assert f"{other}.license_id" in planned.describe("fr")
    assert planned.apply().verify().ok
    assert Vocabulary(_client(project_file, key)).path("license_id") == mode
    assert plan(load(project_file), _client(project_file, key)).steps == []
