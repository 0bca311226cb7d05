"""The sandbox's field configurations, processors and full metadata, validated against the vendor's OpenAPI."""

from __future__ import annotations

import time
from typing import Any

import pytest
import requests

pytestmark = pytest.mark.integration

CSV = "Nom;Code INS;Places\nParking gare;91030;12\nParking église;91030;8\n".encode()


class Walker:
    """Calls the sandbox and validates each JSON answer against the vendor's OpenAPI document."""

    def __init__(self, sandbox: Any, openapi: Any, key: str) -> None:
        self.sandbox, self.openapi = sandbox, openapi
        self.headers = {"Authorization": f"Apikey {key}"}

    def auto(self, method: str, template: str, status: int, **values: Any) -> Any:
        return self._call("automation", self.sandbox.automation, method, template, status, values)

    def explore(self, method: str, template: str, status: int, **values: Any) -> Any:
        return self._call("explore", self.sandbox.explore, method, template, status, values)

    def _call(self, api: str, base: str, method: str, template: str, status: int, values: dict[str, Any]) -> Any:
        kwargs = {k: values.pop(k) for k in ("json", "files", "params") if k in values}
        url = base + template.format(**values)
        response = requests.request(method, url, headers=self.headers, timeout=10, **kwargs)
        assert response.status_code == status, f"{method} {url}: {response.status_code} {response.text[:300]}"
        if status == 204:
            return None
        body = response.json()
        if status < 400:
            self.openapi[api].validate(method, template, status, body)
        return body


def wait_idle(walker: Walker, uid: str) -> dict[str, Any]:
    for _ in range(200):
        status = walker.auto("GET", "/datasets/{dataset_uid}/status/", 200, dataset_uid=uid)
        if status["status"] in ("idle", "error"):
            return dict(status)
        time.sleep(0.02)
    raise AssertionError("processing never ended")


def test_field_configurations_and_processors_follow_the_vendor_document(sandbox: Any, openapi: Any) -> None:
    w = Walker(sandbox, openapi, sandbox.user_key("fields-api"))
    uid = w.auto("POST", "/datasets/", 201, json={"dataset_id": "fields-api-parkings",
                                                  "metadata": {"default": {"title": {"value": "Parkings"}}}})["uid"]
    # every active template, with its defaults, even when nothing was set (clients index into them)
    metadata = w.auto("GET", "/datasets/{dataset_uid}/metadata/", 200, dataset_uid=uid)
    assert {"default", "internal", "dcat", "visualization", "asset_content_configuration"} <= set(metadata)
    assert metadata["internal"]["draft"] == {"value": False} and metadata["internal"]["theme_id"] == {"value": []}
    assert w.auto("GET", "/datasets/{dataset_uid}/", 200, dataset_uid=uid)["metadata"]["visualization"]["map_disabled"] == {
        "value": False}

    path = "/datasets/{dataset_uid}/fields/"
    one = "/datasets/{dataset_uid}/fields/{field_uid}/"
    configs = [
        {"type": "rename", "label": "Libellé", "from_name": "nom", "to_name": "nom", "field_label": "Nom du parking"},
        {"type": "description", "label": "Description", "field": "places", "description": "Places pour vélos"},
        {"type": "annotate", "label": "Unité", "field": "places", "annotation": "unit", "args": ["places"]},
        {"type": "type", "label": "Type", "field": "code_ins", "type_param": "text"},
        {"type": "order", "label": "Ordre", "args": ["places", "nom"]},
    ]
    uids = [w.auto("POST", path, 201, dataset_uid=uid, json=c)["uid"] for c in configs]
    listed = w.auto("GET", path, 200, dataset_uid=uid)
    assert [c["uid"] for c in listed["results"]] == uids and listed["total_count"] == 5
    assert w.auto("GET", one, 200, dataset_uid=uid, field_uid=uids[1])["description"] == "Places pour vélos"
    w.auto("PUT", one, 200, dataset_uid=uid, field_uid=uids[1], json={**configs[1], "description": "Places (vélos)"})
    w.auto("DELETE", one, 204, dataset_uid=uid, field_uid=uids[3])
    bad = w.auto("POST", path, 400, dataset_uid=uid, json={"type": "type", "label": "x", "field": "a", "type_param": "geo"})
    assert bad["error_code"] == "validation_error" and "type_param" in bad["detail"]
    assert w.auto("POST", path, 400, dataset_uid=uid, json={"type": "rename", "label": "x"})["detail"] == {
        "from_name": ["This field is required."]}

    processors = w.auto("GET", "/processors/", 200)
    assert [p["type"] for p in processors] == ["string_replace"]
    created = w.auto("POST", "/datasets/{dataset_uid}/processors/", 201, dataset_uid=uid, json={
        "type": "string_replace", "label": "gare", "field": "nom", "old": "gare", "new": "Gare"})
    w.auto("GET", "/datasets/{dataset_uid}/processors/", 200, dataset_uid=uid)
    w.auto("GET", "/datasets/{dataset_uid}/processors/{processor_uid}/", 200, dataset_uid=uid,
           processor_uid=created["uid"])
    w.auto("DELETE", "/datasets/{dataset_uid}/processors/{processor_uid}/", 204, dataset_uid=uid,
           processor_uid=created["uid"])

    # the configurations shape the published fields
    file = w.auto("POST", "/datasets/{dataset_uid}/resources/files/", 201, dataset_uid=uid,
                  files={"file": ("p.csv", CSV, "text/csv")})
    w.auto("POST", "/datasets/{dataset_uid}/resources/", 201, dataset_uid=uid, json={
        "type": "csvfile", "title": "p.csv", "params": {"separator": ";", "encoding": "utf-8", "headers_first_row": True},
        "datasource": {"type": "uploaded_file", "file": {"uid": file["uid"]}}})
    w.auto("PUT", "/datasets/{dataset_uid}/metadata/{template_name}/{template_field_name}/", 200, dataset_uid=uid,
           template_name="asset_content_configuration", template_field_name="facets",
           json={"value": [{"field_name": "code_ins", "facetsort": "-count", "disjunctive": True}]})
    w.auto("POST", "/datasets/{dataset_uid}/publish/", 200, dataset_uid=uid)
    assert wait_idle(w, uid)["status"] == "idle"
    entry = w.explore("GET", "/catalog/datasets/{dataset_id}", 200, dataset_id="fields-api-parkings")
    shown = {f["name"]: f for f in entry["fields"]}
    assert [f["name"] for f in entry["fields"]][:2] == ["places", "nom"]
    assert shown["nom"]["label"] == "Nom du parking" and shown["places"]["description"] == "Places (vélos)"
    assert shown["places"]["annotations"] == {"unit": ["places"]}
    assert shown["code_ins"]["annotations"] == {"facet": [], "facetsort": ["-count"], "disjunctive": []}


def test_processors_run_on_the_text_values_before_typing_and_field_configurations(sandbox: Any, openapi: Any) -> None:
    w = Walker(sandbox, openapi, sandbox.user_key("fields-processors"))
    uid = w.auto("POST", "/datasets/", 201, json={"dataset_id": "fields-processors-parkings",
                                                  "metadata": {"default": {"title": {"value": "Parkings"}}}})["uid"]
    file = w.auto("POST", "/datasets/{dataset_uid}/resources/files/", 201, dataset_uid=uid,
                  files={"file": ("p.csv", "Nom;Places\nParking gare;12 pl.\nParking église;8 pl.\n".encode(),
                                  "text/csv")})
    w.auto("POST", "/datasets/{dataset_uid}/resources/", 201, dataset_uid=uid, json={
        "type": "csvfile", "title": "p.csv", "params": {"separator": ";", "encoding": "utf-8", "headers_first_row": True},
        "datasource": {"type": "uploaded_file", "file": {"uid": file["uid"]}}})
    for old, new, field in ((" pl.", "", "places"), ("Parking ", "P. ", "nom"), ("x", "y", "absent")):
        w.auto("POST", "/datasets/{dataset_uid}/processors/", 201, dataset_uid=uid, json={
            "type": "string_replace", "label": f"{old} -> {new}", "field": field, "old": old, "new": new})
    w.auto("POST", "/datasets/{dataset_uid}/fields/", 201, dataset_uid=uid, json={
        "type": "rename", "label": "Libellé", "from_name": "nom", "to_name": "parking", "field_label": "Parking"})
    w.auto("POST", "/datasets/{dataset_uid}/publish/", 200, dataset_uid=uid)
    assert wait_idle(w, uid)["status"] == "idle"
    entry = w.explore("GET", "/catalog/datasets/{dataset_id}", 200, dataset_id="fields-processors-parkings")
    types = {f["name"]: f["type"] for f in entry["fields"]}
    assert types == {"parking": "text", "places": "int"}  # « 12 pl. » became 12 before the field was typed
    records = w.explore("GET", "/catalog/datasets/{dataset_id}/records", 200, dataset_id="fields-processors-parkings",
                        params={"order_by": "places"})["results"]
    assert records == [{"parking": "P. église", "places": 8}, {"parking": "P. gare", "places": 12}]
