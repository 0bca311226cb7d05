"""Integration fixtures: a sandbox portal on a free loopback port, and the vendor's OpenAPI documents.

``sandbox`` starts one server per test module (seeded demo catalogue, in a temporary directory)
and stops it after; ``sandbox.user_key(name)`` creates a participant on first use.
``openapi`` validates response bodies against ``tests/data/ods-openapi`` (or ``$ODS_OPENAPI_DIR``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from odwb_assist.sandbox import SandboxServer

OPENAPI_DIR = Path(os.environ.get("ODS_OPENAPI_DIR", str(Path(__file__).resolve().parents[1] / "data" / "ods-openapi")))


@dataclass
class Sandbox:
    server: SandboxServer
    admin_key: str
    _keys: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def automation(self) -> str:
        return self.url + "/api/automation/v1.0"

    @property
    def explore(self) -> str:
        return self.url + "/api/explore/v2.1"

    def user_key(self, name: str) -> str:
        if name not in self._keys:
            self._keys[name] = self.server.add_user(name)
        return self._keys[name]


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    server = SandboxServer(tmp_path_factory.mktemp("sandbox"), seed=True, processing_delay=0.01)
    admin_key = server.add_user("formateur", admin=True)
    server.start()
    try:
        yield Sandbox(server, admin_key)
    finally:
        server.stop()


def _walk(node: Any) -> Any:
    """OpenAPI 3.0 ``nullable`` -> JSON Schema type lists; ``oneOf`` -> ``anyOf`` (the vendor's oneOf branches
    overlap, e.g. a ``default`` template also matches the free-form custom template)."""
    if isinstance(node, list):
        return [_walk(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {("anyOf" if k == "oneOf" else k): _walk(v) for k, v in node.items()}
    if node.pop("nullable", False) and isinstance(node.get("type"), str):
        node["type"] = [node["type"], "null"]
    return node


class OpenAPI:
    """Validate a response body against the schema the vendor's document gives for (method, path, status)."""

    def __init__(self, path: Path, uri: str) -> None:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        self.uri = uri
        self.doc = _walk(json.loads(path.read_text(encoding="utf-8")))
        self.registry = Registry().with_resource(uri, Resource.from_contents(self.doc, default_specification=DRAFT202012))

    def schema_pointer(self, method: str, path: str, status: int) -> str | None:
        operation = self.doc["paths"][path][method.lower()]
        responses = operation["responses"]
        key = str(status) if str(status) in responses else "default"
        assert key in responses, f"{method} {path}: status {status} is not documented"
        pointer = "/paths/" + path.replace("~", "~0").replace("/", "~1") + f"/{method.lower()}/responses/{key}"
        response = responses[key]
        if "$ref" in response:
            pointer = response["$ref"][1:]
            response = self.doc["components"]["responses"][pointer.rsplit("/", 1)[1]]
        content = response.get("content") or {}
        media = next((m for m in content if "json" in m and "schema" in content[m]), None)
        if media is None:
            return None
        return f"{pointer}/content/{media.replace('~', '~0').replace('/', '~1')}/schema"

    def validate(self, method: str, path: str, status: int, body: Any) -> None:
        from jsonschema import Draft202012Validator

        pointer = self.schema_pointer(method, path, status)
        if pointer is None:
            return
        validator = Draft202012Validator({"$ref": f"{self.uri}#{pointer}"}, registry=self.registry)
        errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
        assert not errors, f"{method} {path} {status}: " + "; ".join(
            f"{'/'.join(map(str, e.path))}: {e.message[:200]}" for e in errors[:5])


@pytest.fixture(scope="session")
def openapi() -> dict[str, OpenAPI]:
    if not OPENAPI_DIR.exists():
        pytest.fail(f"vendor OpenAPI documents not found in {OPENAPI_DIR}")
    return {
        "automation": OpenAPI(OPENAPI_DIR / "automation-v1.0.openapi.json", "urn:ods:automation"),
        "explore": OpenAPI(OPENAPI_DIR / "explore-v2.1.openapi.json", "urn:ods:explore"),
    }
