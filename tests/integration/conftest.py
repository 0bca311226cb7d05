"""Integration fixtures: a sandbox portal on a free loopback port, and the vendor's OpenAPI documents.

``sandbox`` starts one server per test module (seeded demo catalogue, in a temporary directory)
and stops it after; ``sandbox.user_key(name)`` creates a participant on first use.
``openapi`` validates response bodies against ``tests/data/ods-openapi`` (or ``$ODS_OPENAPI_DIR``).
``ciney_project`` writes a Commune de Ciney project for a portal URL; ``cli_with_key(key)`` runs the real CLI
with that API key and a fast-polling client, keeping every output to check that the key never leaks.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from odwb_assist.cli import publish as publish_cli
from odwb_assist.portal import PortalClient
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


CINEY = """[administration]
name = "Commune de Ciney"
nis_code = "91030"
contact_email = "opendata@ciney.be"

[portal]
url = "{url}"

"""


@pytest.fixture
def ciney_project() -> Callable[..., Path]:
    """``ciney_project(folder, url, tables, *data_files)``: ``folder/odwb.toml`` for Commune de Ciney on the portal at
    ``url``, followed by the TOML ``tables`` (datasets…), beside copies of ``data_files``; returns its path."""

    def write(folder: Path, url: str, tables: str, *data_files: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for data_file in data_files:
            shutil.copy(data_file, folder / data_file.name)
        project_file = folder / "odwb.toml"
        project_file.write_text(CINEY.format(url=url) + tables, encoding="utf-8")
        return project_file

    return write


class FastClient(PortalClient):
    """The CLI's client with a short status poll (the sandbox processes in ~10 ms; the default poll is 2 s)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("poll_interval", 0.05)
        super().__init__(*args, **kwargs)


@dataclass
class KeyedCli:
    """The real CLI: ``run(*args)`` gives (exit code, stdout + stderr); every output is kept in ``outputs``."""

    cli: Callable[..., tuple[int, str, str]]
    outputs: list[str] = field(default_factory=list)

    def __call__(self, *args: str | Path) -> tuple[int, str]:
        code, out, err = self.cli(*args)
        self.outputs.append(out + err)
        return code, out + err


@pytest.fixture
def cli_with_key(cli: Callable[..., tuple[int, str, str]], monkeypatch: pytest.MonkeyPatch) -> Callable[[str], KeyedCli]:
    """``cli_with_key(key)``: set ODWB_API_KEY to ``key``, make the CLI poll fast, and give a :class:`KeyedCli`."""

    def start(key: str) -> KeyedCli:
        monkeypatch.setenv("ODWB_API_KEY", key)
        monkeypatch.setattr(publish_cli, "PortalClient", FastClient)
        return KeyedCli(cli)

    return start


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
