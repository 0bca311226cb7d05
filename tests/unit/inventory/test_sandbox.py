"""Replicability and status sync against the sandbox portal over loopback (real HTTP, seeded catalogue)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from odwb_assist.core.config import parse
from odwb_assist.inventory import Inventory, InventoryEntry, schema_from_portal, similar, sync_status

sandbox_module = pytest.importorskip("odwb_assist.sandbox")
portal = pytest.importorskip("odwb_assist.portal")
pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def sandbox_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = sandbox_module.SandboxServer(tmp_path_factory.mktemp("sandbox"), seed=True, processing_delay=0.01)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


def test_similar_and_schema(sandbox_url: str) -> None:
    client = portal.PortalClient(sandbox_url, api_key="")
    entry = InventoryEntry(identifier="INV-1", title="Parkings vélos", theme="Mobilité")
    found = similar(entry, client, exclude_publisher="Commune de Ciney", portal_url=sandbox_url)
    ids = [s.dataset_id for s in found]
    assert "namur-parkings-velos" in ids and "ciney-parkings-velos" not in ids
    assert found[0].score >= 2 and found[0].url.startswith(sandbox_url)
    schema = schema_from_portal("namur-parkings-velos", client, portal_url=sandbox_url)
    assert {f["odwb:ods_name"] for f in schema["fields"]} >= {"nom", "places"}


def test_sync_status_from_the_catalogue(sandbox_url: str, tmp_path: Path) -> None:
    client = portal.PortalClient(sandbox_url, api_key="")
    project = parse(f'[administration]\nname = "Namur"\n[portal]\nurl = "{sandbox_url}"\n', tmp_path / "odwb.toml")
    inventory = Inventory([InventoryEntry(identifier="A", dataset_id="namur-parkings-velos", status="nettoyé"),
                           InventoryEntry(identifier="B", dataset_id="namur-inconnu", status="nettoyé")])
    result = sync_status(inventory, project, client)
    assert [e.status for e in result.entries] == ["publié", "nettoyé"]
    assert any("namur-inconnu" in n.fr for n in result.notes)


def test_cli_against_the_sandbox(cli: Callable[..., tuple[int, str, str]], sandbox_url: str, tmp_path: Path) -> None:
    code, out, err = cli("--no-plugins", "inventory", "similar", "--theme", "Environnement", "--portal", sandbox_url,
                         "--json")
    assert code == 0, err
    assert any(d["dataset_id"].endswith("arbres-remarquables") for d in json.loads(out))
    target = tmp_path / "schema.json"
    code, out, err = cli("--no-plugins", "schema", "from-portal", "namur-parkings-velos", "--portal", sandbox_url,
                         "--output", target)
    assert code == 0, err
    assert json.loads(target.read_text(encoding="utf-8"))["odwb:derived_from"].startswith(sandbox_url)
