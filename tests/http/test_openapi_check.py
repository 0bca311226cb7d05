"""The OpenAPI checking helper itself: it must catch what it claims to catch."""

from __future__ import annotations

import json

import requests
from openapi_check import OpenAPIChecker

BASE = "https://portal.test"
CHECKER = OpenAPIChecker()


def prepared(method: str, path: str, body: object = None, **kwargs: object) -> requests.PreparedRequest:
    return requests.Request(method, BASE + path, json=body, **kwargs).prepare()


def test_valid_requests_pass():
    assert CHECKER.problems(prepared("GET", "/api/automation/v1.0/datasets/?dataset_id=x&limit=100")) == []
    assert CHECKER.problems(prepared("PUT", "/api/automation/v1.0/datasets/da_1/metadata/default/title/", {"value": "T"})) == []
    body = {"type": "csvfile", "title": "x.csv", "params": {"separator": ","},
            "datasource": {"type": "uploaded_file", "file": {"uid": "fi_1"}}}
    assert CHECKER.problems(prepared("POST", "/api/automation/v1.0/datasets/da_1/resources/", body)) == []
    assert CHECKER.problems(prepared("GET", "/api/explore/v2.1/catalog/datasets/x/exports/csv?limit=-1")) == []


def test_unknown_path_method_param_and_keys_are_caught():
    assert CHECKER.problems(prepared("GET", "/api/automation/v1.0/nowhere/"))
    assert CHECKER.problems(prepared("PATCH", "/api/automation/v1.0/datasets/da_1/"))
    assert CHECKER.problems(prepared("GET", "/api/explore/v2.1/catalog/datasets?rows=10"))
    assert CHECKER.problems(prepared("GET", "/api/explore/v2.1/catalog/datasets?apikey=secret"))
    problems = CHECKER.problems(prepared("PUT", "/api/automation/v1.0/datasets/da_1/metadata/default/title/", {"valeur": 1}))
    assert any("valeur" in p for p in problems) and any("value" in p and "required" in p for p in problems)
    bad = {"dataset_id": "x", "uid": "da_1", "metadata": {"default": {"license": {"value": "CC BY"}}}}
    problems = CHECKER.problems(prepared("POST", "/api/automation/v1.0/datasets/", bad))
    assert any("uid: read-only" in p for p in problems) and any("license" in p for p in problems)
    wrong_source = {"type": "csvfile", "title": "x", "datasource": {"type": "uploaded_file", "fichier": {}}}
    assert CHECKER.problems(prepared("POST", "/api/automation/v1.0/datasets/da_1/resources/", wrong_source))


def test_multipart_parts_are_checked():
    good = prepared("POST", "/api/automation/v1.0/datasets/da_1/resources/files/", files={"file": ("a.csv", b"a\n1\n")})
    bad = prepared("POST", "/api/automation/v1.0/datasets/da_1/resources/files/", files={"upload": ("a.csv", b"a\n1\n")})
    assert CHECKER.problems(good) == []
    assert any("upload" in p for p in CHECKER.problems(bad))
    assert json.dumps(CHECKER.problems(bad))
