"""Property test: no 5xx from any route of the sandbox, whatever the parameters and bodies (issue 18).

Every rule of the Flask app's ``url_map`` is called through the test client (no HTTP, for speed)
with generated path values (real uids mixed with junk), query parameters (hostile numbers, deep or
long ODSQL), bodies (JSON of any shape, 100,000-deep JSON, bytes, multipart files) and keys.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odwb_assist.sandbox import SandboxServer

NASTY = ["inf", "-inf", "nan", "1e400", "1e19", "-1", "0", "-99999999999999999999", "9" * 5000, "(" * 300,
         "a" * 20000, "\x00", "count(*)", "x > 1e400", "population > " + "9" * 5000, "1 and 2", "'", '"',
         "range(a, 1)", "é€😀", "' or 1=1 --", "-population", "random(1e400)", ",".join(["a"] * 500)]
PARAMS = ["limit", "offset", "where", "select", "order_by", "group_by", "refine", "exclude", "facet", "lang",
          "timezone", "q", "format", "delimiter", "type", "dataset_id", "count", "query", "include_links",
          "include_app_metas", "use_labels", "compressed", "csv_separator", "list_separator", "epsg", "with_bom"]


def _deep(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    server = SandboxServer(Path(tmp_path_factory.mktemp("fuzz")), seed=True, processing_delay=0)
    admin = server.add_user("formateur", admin=True)
    key = server.add_user("ciney")
    client = server.app.test_client()
    auth = {"Authorization": f"Apikey {key}"}
    created = client.post("/api/automation/v1.0/datasets/", json={"dataset_id": "ciney-arbres"}, headers=auth).get_json()
    uid = created["uid"]
    upload = client.post(f"/api/automation/v1.0/datasets/{uid}/resources/files/", headers=auth,
                         data={"file": (io.BytesIO("nom;hauteur\nchêne;12\nhêtre;20\n".encode()), "arbres.csv")})
    file_uid = upload.get_json()["uid"]
    resource = client.post(f"/api/automation/v1.0/datasets/{uid}/resources/", headers=auth, json={
        "type": "csvfile", "title": "arbres", "params": {"separator": ";"},
        "datasource": {"type": "uploaded_file", "file": {"uid": file_uid}}}).get_json()
    server.store.set_status(uid, "processing")
    server.worker.process(uid)
    seeded = server.store.datasets(published_only=True, limit=3)[1]
    records = server.store.records(uid)
    known: dict[str, list[str]] = {
        "uid": [uid, seeded[0]["uid"]], "dataset_id": ["ciney-arbres", seeded[0]["dataset_id"]],
        "file_uid": [file_uid], "resource_uid": [resource["uid"]], "record_id": [records[0][0]] if records else [],
        "template": ["default", "custom", "internal", "dcat", "nope"], "field": ["title", "description", "keyword"],
        "name": ["default", "dcat"], "fmt": ["csv", "json", "jsonl", "xlsx", "geojson", "rdf", "zip"],
        "attachment_uid": [], "attachment_id": [],
    }
    rules = [r for r in server.app.url_map.iter_rules() if r.endpoint != "static"]
    return {"server": server, "client": client, "keys": [key, admin, "wrong", None], "known": known, "rules": rules}


def _path(rule: Any, values: dict[str, str]) -> str:
    path = rule.rule
    for name in rule.arguments:
        path = path.replace(f"<{name}>", quote(values[name], safe=""))
        for converter in ("string", "path", "int"):
            path = path.replace(f"<{converter}:{name}>", quote(values[name], safe=""))
    return path


junk_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
param_values = st.one_of(st.sampled_from(NASTY), junk_text, st.integers().map(str),
                         st.floats(allow_nan=True, allow_infinity=True).map(repr))
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | junk_text,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(junk_text, inner, max_size=4),
                           max_leaves=12)
metadataish = st.fixed_dictionaries({}, optional={
    "dataset_id": st.one_of(junk_text, st.sampled_from(["ciney-arbres", "autre\n", "x" * 300]), json_values),
    "type": st.one_of(st.sampled_from(["csvfile", ["csvfile"], {"a": 1}]), json_values),
    "title": json_values, "params": st.one_of(json_values, st.fixed_dictionaries({"encoding": st.sampled_from(
        ["utf\x00-8", "utf-8", "nope", ["x"]]), "separator": json_values})),
    "datasource": json_values, "metadata": json_values, "value": json_values, "is_restricted": json_values,
    "default": json_values})
bodies = st.one_of(st.none(), json_values.map(lambda v: ("json", v)), metadataish.map(lambda v: ("json", v)),
                   st.just(("raw", _deep(100_000))), st.binary(max_size=64).map(lambda b: ("raw", b)),
                   st.tuples(st.binary(max_size=64), junk_text).map(lambda f: ("file", f)))


@settings(max_examples=2500, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(data=st.data())
def test_no_route_answers_5xx(world: dict[str, Any], data: st.DataObject) -> None:
    rule = data.draw(st.sampled_from(world["rules"]))
    method = data.draw(st.sampled_from(sorted(rule.methods - {"HEAD", "OPTIONS"})))
    values = {name: data.draw(st.one_of(st.sampled_from(world["known"].get(name) or ["x"]), junk_text), label=name)
              for name in rule.arguments}
    params = data.draw(st.dictionaries(st.one_of(st.sampled_from(PARAMS), junk_text), param_values, max_size=4))
    key = data.draw(st.sampled_from(world["keys"]))
    headers = {"Authorization": f"Apikey {key}"} if key else {}
    body = data.draw(bodies) if method in ("POST", "PUT", "PATCH") else None
    kwargs: dict[str, Any] = {"query_string": params, "headers": headers}
    if body is not None:
        kind, value = body
        if kind == "json":
            kwargs["data"], kwargs["content_type"] = json.dumps(value), "application/json"
        elif kind == "raw":
            kwargs["data"], kwargs["content_type"] = value, "application/json"
        else:
            kwargs["data"] = {"file": (io.BytesIO(value[0]), value[1] or "f.csv")}
    response = world["client"].open(_path(rule, values), method=method, **kwargs)
    assert response.status_code < 500, (method, rule.rule, values, params, body, response.get_data()[:300])
