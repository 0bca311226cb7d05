"""Replicability and status sync against the real portal client, with HTTP mocked by ``responses``."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import requests
import responses

from odwb_assist.core.config import parse
from odwb_assist.inventory import Inventory, InventoryEntry, schema_from_portal, similar, sync_status

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "ods-samples"
BASE = "http://127.0.0.1:9"
CATALOG = f"{BASE}/api/explore/v2.1/catalog/datasets"

portal = pytest.importorskip("odwb_assist.portal")
if not SAMPLES.is_dir():
    pytest.skip("the vendor's sample bodies are not available", allow_module_level=True)


def _client() -> object:
    return portal.PortalClient(BASE, api_key="", session=requests.Session(), sleep=lambda s: None, max_retries=0)


def _catalogue_page() -> dict[str, object]:
    page = json.loads((SAMPLES / "explore-v2.1_catalog-datasets_list.json").read_text())
    first = copy.deepcopy(page["results"][0])
    first["dataset_id"] = "namur-parkings-velos"
    first["metas"]["default"].update(title="Parkings vélos", publisher="Ville de Namur", theme=["Mobilité"],
                                     keyword=["vélo"])
    return {"total_count": 1, "results": [first]}


@responses.activate
def test_similar_through_the_explore_api() -> None:
    responses.get(CATALOG, json=_catalogue_page())
    responses.get(CATALOG, json={"total_count": 0, "results": []})
    found = similar(InventoryEntry(identifier="x", title="Parkings vélos", theme="Mobilité"), _client(),
                    portal_url=BASE)
    assert [s.dataset_id for s in found] == ["namur-parkings-velos"]
    assert found[0].publisher == "Ville de Namur" and found[0].keywords == ["vélo"] and found[0].score == 5
    assert "refine=theme" in str(responses.calls[1].request.url)


@responses.activate
def test_schema_from_portal_through_the_explore_api() -> None:
    body = json.loads((SAMPLES / "explore-v2.1_catalog-dataset_single.json").read_text())
    responses.get(f"{CATALOG}/geonames", json=body)
    schema = schema_from_portal("geonames", _client(), portal_url=BASE)
    assert schema["fields"][0]["odwb:ods_name"] == "geoname_id" and len(schema["fields"]) == len(body["fields"])


@responses.activate
def test_sync_status_through_the_explore_api(tmp_path: Path) -> None:
    body = json.loads((SAMPLES / "explore-v2.1_catalog-dataset_single.json").read_text())
    body["dataset_id"] = "ciney-arbres"
    responses.get(f"{CATALOG}/ciney-arbres", json=body)
    responses.get(f"{CATALOG}/ciney-salles", status=404,
                  json={"error_code": "NotFound", "message": "Dataset not found"})
    project = parse('[administration]\nname = "Ciney"\n', tmp_path / "odwb.toml")
    inventory = Inventory([InventoryEntry(identifier="A", dataset_id="ciney-arbres", status="documenté"),
                           InventoryEntry(identifier="B", dataset_id="ciney-salles", status="documenté")])
    result = sync_status(inventory, project, _client())
    assert [e.status for e in result.entries] == ["publié", "documenté"]
    assert any("ciney-salles" in n.fr for n in result.notes)
