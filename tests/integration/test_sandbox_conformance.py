"""Every implemented operation of the sandbox answers with a body that validates against the vendor's OpenAPI."""

from __future__ import annotations

import time
from typing import Any

import pytest
import requests

pytestmark = pytest.mark.integration

CSV = "Nom;Code INS;Places;Date\nParking gare;91030;12;2021-05-03\nParking église;91030;8;2021-06-10\n".encode()


class Walker:
    def __init__(self, sandbox: Any, openapi: Any, key: str) -> None:
        self.sandbox = sandbox
        self.openapi = openapi
        self.headers = {"Authorization": f"Apikey {key}"}
        self.seen: set[tuple[str, str]] = set()

    def auto(self, method: str, template: str, status: int, **values: Any) -> Any:
        return self._call("automation", self.sandbox.automation, method, template, status, values)

    def explore(self, method: str, template: str, status: int, **values: Any) -> Any:
        return self._call("explore", self.sandbox.explore, method, template, status, values)

    def _call(self, api: str, base: str, method: str, template: str, status: int, values: dict[str, Any]) -> Any:
        kwargs = {k: values.pop(k) for k in ("json", "files", "params") if k in values}
        url = base + template.format(**values)
        response = requests.request(method, url, headers=self.headers, timeout=10, **kwargs)
        assert response.status_code == status, f"{method} {url}: {response.status_code} {response.text[:300]}"
        self.seen.add((method, template))
        if status == 204:
            assert response.content == b""
            return None
        body = response.json() if "json" in response.headers.get("Content-Type", "") else response.content
        if isinstance(body, dict | list):
            self.openapi[api].validate(method, template, status, body)
        return body


def wait_idle(walker: Walker, uid: str) -> dict[str, Any]:
    for _ in range(200):
        status = walker.auto("GET", "/datasets/{dataset_uid}/status/", 200, dataset_uid=uid)
        if status["status"] in ("idle", "error"):
            return status
        time.sleep(0.02)
    raise AssertionError("processing never ended")


def test_walk_automation_operations(sandbox: Any, openapi: Any) -> None:
    w = Walker(sandbox, openapi, sandbox.user_key("conformance"))
    created = w.auto("POST", "/datasets/", 201, json={
        "dataset_id": "conformance-parkings", "is_restricted": False,
        "metadata": {"default": {"title": {"value": "Parkings"}, "language": {"value": "fr"}}}})
    uid = created["uid"]
    assert w.auto("GET", "/datasets/", 200, params={"dataset_id": "conformance-parkings"})["total_count"] == 1
    w.auto("GET", "/datasets/{dataset_uid}/", 200, dataset_uid=uid)
    w.auto("PUT", "/datasets/{dataset_uid}/", 200, dataset_uid=uid, json={"is_restricted": False})
    file = w.auto("POST", "/datasets/{dataset_uid}/resources/files/", 201, dataset_uid=uid,
                  files={"file": ("p.csv", CSV, "text/csv")})
    w.auto("GET", "/datasets/{dataset_uid}/resources/files/{file_uid}/", 200, dataset_uid=uid, file_uid=file["uid"])
    assert w.auto("GET", "/datasets/{dataset_uid}/resources/files/{file_uid}/download/", 200, dataset_uid=uid,
                  file_uid=file["uid"]) == CSV
    resource = w.auto("POST", "/datasets/{dataset_uid}/resources/", 201, dataset_uid=uid, json={
        "type": "csvfile", "title": "p.csv", "params": {"separator": ";", "encoding": "utf-8", "headers_first_row": True},
        "datasource": {"type": "uploaded_file", "file": {"uid": file["uid"]}}})
    w.auto("GET", "/datasets/{dataset_uid}/resources/", 200, dataset_uid=uid)
    w.auto("GET", "/datasets/{dataset_uid}/resources/{resource_uid}/", 200, dataset_uid=uid, resource_uid=resource["uid"])
    w.auto("PUT", "/datasets/{dataset_uid}/resources/{resource_uid}/", 200, dataset_uid=uid, resource_uid=resource["uid"],
           json={"title": "parkings.csv"})
    for template, field, value in [("default", "publisher", "Commune de Ciney"), ("default", "keyword", ["vélo"]),
                                   ("internal", "license_id", "77c1a7d"), ("internal", "theme_id", ["22418d8"]),
                                   ("dcat", "contact_email", "opendata@ciney.be")]:
        w.auto("PUT", "/datasets/{dataset_uid}/metadata/{template_name}/{template_field_name}/", 200, dataset_uid=uid,
               template_name=template, template_field_name=field, json={"value": value})
    w.auto("GET", "/datasets/{dataset_uid}/metadata/{template_name}/{template_field_name}/", 200, dataset_uid=uid,
           template_name="default", template_field_name="publisher")
    w.auto("GET", "/datasets/{dataset_uid}/metadata/{template_name}/", 200, dataset_uid=uid, template_name="default")
    w.auto("PUT", "/datasets/{dataset_uid}/metadata/{template_name}/", 200, dataset_uid=uid, template_name="dcat",
           json={"contact_email": {"value": "opendata@ciney.be"}, "accrualperiodicity": {"value": "Annuelle"}})
    everything = w.auto("GET", "/datasets/{dataset_uid}/metadata/", 200, dataset_uid=uid)
    w.auto("PUT", "/datasets/{dataset_uid}/metadata/", 200, dataset_uid=uid, json=everything)
    w.auto("DELETE", "/datasets/{dataset_uid}/metadata/{template_name}/{template_field_name}/", 204, dataset_uid=uid,
           template_name="dcat", template_field_name="accrualperiodicity")
    w.auto("GET", "/datasets/{dataset_uid}/metadata/{template_name}/{template_field_name}/", 404, dataset_uid=uid,
           template_name="dcat", template_field_name="accrualperiodicity")
    w.auto("POST", "/datasets/{dataset_uid}/publish/", 200, dataset_uid=uid)
    status = wait_idle(w, uid)
    assert status["status"] == "idle" and status["is_published"] is True
    w.auto("POST", "/datasets/{dataset_uid}/publish_metadata/", 200, dataset_uid=uid)
    w.auto("POST", "/datasets/{dataset_uid}/abort/", 400, dataset_uid=uid)
    w.auto("POST", "/datasets/{dataset_uid}/unpublish/", 200, dataset_uid=uid)
    w.auto("GET", "/metadata/templates/", 200)
    internal = w.auto("GET", "/metadata/templates/{template_name}/", 200, template_name="internal")
    assert "77c1a7d" in next(f for f in internal["schema"] if f["name"] == "license_id")["choices"]
    w.auto("GET", "/metadata/templates/{template_name}/fields/", 200, template_name="internal")
    w.auto("GET", "/metadata/templates/{template_name}/fields/{template_field_name}/", 200, template_name="internal",
           template_field_name="theme_id")
    hits = w.auto("GET", "/metadata/templates/{template_name}/fields/{template_field_name}/suggest/", 200,
                  template_name="internal", template_field_name="theme_id", params={"query": "mob"})
    assert hits["hits"] == ["Mobilité"]
    w.auto("GET", "/datasets/{dataset_uid}/", 404, dataset_uid="da_unknown")
    w.auto("POST", "/datasets/", 400, json={"dataset_id": "conformance-parkings", "metadata": {"default": {}}})
    w.auto("PUT", "/datasets/{dataset_uid}/metadata/{template_name}/{template_field_name}/", 400, dataset_uid=uid,
           template_name="internal", template_field_name="license_id", json={"value": "no-such-licence"})
    w.auto("DELETE", "/datasets/{dataset_uid}/resources/{resource_uid}/", 204, dataset_uid=uid, resource_uid=resource["uid"])
    w.auto("DELETE", "/datasets/{dataset_uid}/", 204, dataset_uid=uid)
    assert len(w.seen) >= 30


def test_walk_explore_operations(sandbox: Any, openapi: Any) -> None:
    w = Walker(sandbox, openapi, sandbox.user_key("conformance"))
    listing = w.explore("GET", "/catalog/datasets", 200, params={"limit": 5, "order_by": "title"})
    assert listing["total_count"] >= 36 and len(listing["results"]) == 5
    dataset_id = listing["results"][0]["dataset_id"]
    single = w.explore("GET", "/catalog/datasets/{dataset_id}", 200, dataset_id=dataset_id)
    assert single["metas"]["default"]["publisher"] and single["metas"]["default"]["license"]
    records = w.explore("GET", "/catalog/datasets/{dataset_id}/records", 200, dataset_id=dataset_id)
    assert records["total_count"] == len(records["results"]) > 0
    w.explore("GET", "/catalog/facets", 200, params={"facet": ["publisher", "theme", "keyword", "license"]})
    w.explore("GET", "/catalog/datasets/{dataset_id}/exports", 200, dataset_id=dataset_id)
    exported = w.explore("GET", "/catalog/datasets/{dataset_id}/exports/{format}", 200, dataset_id=dataset_id,
                         format="json")
    assert len(exported) == records["total_count"]
    grouped = w.explore("GET", "/catalog/datasets/{dataset_id}/records", 200, dataset_id=dataset_id,
                        params={"select": "count(*) as n"})
    assert grouped["results"] == [{"n": records["total_count"]}]
    w.explore("GET", "/catalog/datasets", 200, params={"group_by": "publisher", "select": "count(*)"})
    w.explore("GET", "/catalog/datasets/{dataset_id}/facets", 200, dataset_id=dataset_id,
              params={"facet": f'facet(name="{single["fields"][0]["name"]}", limit=3)'})
    w.explore("GET", "/catalog/datasets/{dataset_id}/attachments", 200, dataset_id=dataset_id)
    w.explore("GET", "/catalog/exports", 200)
    assert len(w.explore("GET", "/catalog/exports/{format}", 200, format="json")) == listing["total_count"]
    w.explore("GET", "/catalog/exports/{format}", 400, format="pdf")
    w.explore("GET", "/catalog/datasets", 400, params={"where": "within_distance(geo, geom'POINT(1 1)', 1km)"})


def test_error_bodies_follow_the_vendor_error_schema(sandbox: Any, openapi: Any) -> None:
    owner = Walker(sandbox, openapi, sandbox.user_key("conformance-owner"))
    uid = owner.auto("POST", "/datasets/", 201, json={"dataset_id": "conformance-errors", "metadata": {"default": {}}})["uid"]
    other = Walker(sandbox, openapi, sandbox.user_key("conformance-other"))
    other.auto("GET", "/datasets/{dataset_uid}/", 403, dataset_uid=uid)
    other.auto("POST", "/datasets/{dataset_uid}/publish/", 403, dataset_uid=uid)
    anonymous = Walker(sandbox, openapi, "")
    anonymous.headers = {}
    anonymous.auto("GET", "/datasets/", 401)
    anonymous.auto("GET", "/datasets/{dataset_uid}/status/", 401, dataset_uid=uid)
    owner.auto("GET", "/datasets/", 400, params={"limit": "5000"})
    owner.explore("GET", "/catalog/datasets/{dataset_id}/records", 400, dataset_id="namur-parkings-velos",
                  params={"where": "count(*) > 1"})
