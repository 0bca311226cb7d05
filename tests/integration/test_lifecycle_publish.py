"""Issues 5 and 6 end to end over loopback HTTP: the real CLI and Python API against a real sandbox portal.

First publication, a no-change rerun (zero writes, counted by the server), a data-only change, a
metadata-only change, interrupted publications (Ctrl-C after the upload, network cut after the upload)
completed by the next run without duplicates, ``verify()``, and the HTML catalogue. The API key must
appear in no output, record file or exception text.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from odwb_assist.core.config import load
from odwb_assist.core.errors import OdwbError, PortalConnectionError
from odwb_assist.portal import PortalClient
from odwb_assist.publish import plan, read_records
from odwb_assist.sandbox import SandboxServer

pytestmark = pytest.mark.integration

SAMPLES = Path(__file__).resolve().parents[2] / "odwb_assist" / "data" / "samples"
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
DATASETS = """[[datasets]]
id = "{dataset_id}"
file = "salles-communales.csv"

[datasets.metadata]
title = "Salles communales de Ciney"
description = "{description}"
license = "CC BY 4.0"
theme = ["Culture, sport et loisirs"]
keyword = ["salle", "location"]
"""


class RequestLog:
    """WSGI middleware on the sandbox app: every (method, path, status) the server answered."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.entries: list[tuple[str, str, int]] = []
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        def recording(status: str, headers: Any, *args: Any) -> Any:
            with self._lock:
                self.entries.append((environ["REQUEST_METHOD"], environ.get("PATH_INFO", ""), int(status.split()[0])))
            return start_response(status, headers, *args)

        return self.app(environ, recording)

    def mark(self) -> int:
        with self._lock:
            return len(self.entries)

    def writes(self, since: int) -> list[tuple[str, str]]:
        with self._lock:
            return [(m, p) for m, p, _s in self.entries[since:] if m in WRITE_METHODS and p.startswith("/api/automation/")]


class Portal:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.server = SandboxServer(data_dir, seed=True, processing_delay=0.01)
        self.admin_key = self.server.add_user("formateur", admin=True)
        self.key = self.server.add_user("ciney-agent")
        self.log = RequestLog(self.server.app.wsgi_app)
        self.server.app.wsgi_app = self.log  # type: ignore[method-assign]
        self.server.start()
        self.port = int(self.server.url.rsplit(":", 1)[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def restart(self) -> None:
        self.server.stop()
        self.server = SandboxServer(self.data_dir, port=self.port, processing_delay=0.01)
        self.log = RequestLog(self.server.app.wsgi_app)
        self.server.app.wsgi_app = self.log  # type: ignore[method-assign]
        self.server.start()

    def admin(self, path: str) -> Any:
        answer = requests.get(f"{self.url}/api/automation/v1.0{path}", headers={"Authorization": f"Apikey {self.admin_key}"},
                              timeout=10)
        answer.raise_for_status()
        return answer.json()

    def datasets_named(self, dataset_id: str) -> list[dict[str, Any]]:
        found = self.admin(f"/datasets/?dataset_id={dataset_id}")["results"]
        everything = self.admin("/datasets/?limit=100")["results"]
        assert len(found) == len([d for d in everything if d["dataset_id"] == dataset_id])
        return found

    def resources(self, uid: str) -> list[dict[str, Any]]:
        return list(self.admin(f"/datasets/{uid}/resources/")["results"])


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    the_portal = Portal(tmp_path_factory.mktemp("lifecycle-sandbox"))
    try:
        yield the_portal
    finally:
        the_portal.server.stop()


@pytest.fixture
def run(cli_with_key: Callable[[str], Any], portal: Portal) -> Iterator[Callable[..., tuple[int, str]]]:
    """Run the real CLI with ODWB_API_KEY set; every output is kept to check that the key never leaks."""
    call = cli_with_key(portal.key)
    yield call
    for text in call.outputs:
        assert portal.key not in text and portal.admin_key not in text


@pytest.fixture
def make_project(ciney_project: Callable[..., Path], portal: Portal) -> Callable[..., Path]:
    """``make_project(folder, dataset_id, description=…)``: the salles-communales project published to ``portal``."""

    def make(folder: Path, dataset_id: str, description: str = "Les salles que la commune loue.") -> Path:
        tables = DATASETS.format(dataset_id=dataset_id, description=description)
        return ciney_project(folder, portal.url, tables, SAMPLES / "salles-communales.csv")

    return make


def _assert_key_absent(folder: Path, *keys: str) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert all(key.encode() not in data for key in keys), path


def _change_capacity(folder: Path) -> None:
    csv = folder / "salles-communales.csv"
    text = csv.read_text(encoding="utf-8")
    csv.write_text(text.replace(",60,", ",65,", 1), encoding="utf-8")


def test_publish_rerun_data_change_metadata_change_verify_and_html(run: Callable[..., tuple[int, str]], portal: Portal,
                                                                   tmp_path: Path, make_project: Callable[..., Path]) -> None:
    dataset_id = "ciney-salles-a-louer"
    project_file = make_project(tmp_path / "ciney", dataset_id)
    rows = len((tmp_path / "ciney" / "salles-communales.csv").read_text(encoding="utf-8").splitlines()) - 1

    # 1. first publication
    mark = portal.log.mark()
    code, out = run("publish", "--project", project_file)
    assert code == 0, out
    first = portal.log.writes(mark)
    kinds = [(m, p.rstrip("/").rsplit("/", 1)[-1]) for m, p in first]
    assert kinds[0] == ("POST", "datasets") and ("POST", "files") in kinds and ("POST", "resources") in kinds
    assert kinds[-1] == ("POST", "publish") and kinds.count(("POST", "publish")) == 1
    assert f"{rows} lignes" in out and "[OK] Nombre d'enregistrements : " in out and "(records_count)" in out
    assert "DIFFÉRENT" not in out
    [dataset] = portal.datasets_named(dataset_id)
    assert len(portal.resources(dataset["uid"])) == 1

    # 2. no-change rerun: zero writes
    mark = portal.log.mark()
    code, out = run("publish", "--project", project_file)
    assert code == 0 and "Rien à envoyer" in out, out
    assert portal.log.writes(mark) == []

    # 3. data-only change: upload, resource replacement, publish; no metadata write
    _change_capacity(tmp_path / "ciney")
    mark = portal.log.mark()
    code, out = run("publish", "--project", project_file)
    assert code == 0, out
    data_writes = portal.log.writes(mark)
    assert [m for m, p in data_writes if "/metadata/" in p] == [], data_writes
    [resource] = portal.resources(dataset["uid"])
    base = f"/api/automation/v1.0/datasets/{dataset['uid']}"
    assert data_writes == [("POST", f"{base}/resources/files/"), ("PUT", f"{base}/resources/{resource['uid']}/"),
                           ("POST", f"{base}/publish/")], data_writes
    assert len(portal.resources(dataset["uid"])) == 1 and len(portal.datasets_named(dataset_id)) == 1
    records = requests.get(f"{portal.url}/api/explore/v2.1/catalog/datasets/{dataset_id}/records",
                           params={"where": "capacite = 65"}, timeout=10).json()
    assert records["total_count"] == 1

    # 4. metadata-only change: one PUT for the changed field (then publish to make it live); no upload
    project_file.write_text(project_file.read_text(encoding="utf-8").replace(
        "Les salles que la commune loue.", "Les salles communales que la commune loue aux associations."), encoding="utf-8")
    mark = portal.log.mark()
    code, out = run("publish", "--project", project_file)
    assert code == 0, out
    meta_writes = portal.log.writes(mark)
    assert meta_writes == [("PUT", f"/api/automation/v1.0/datasets/{dataset['uid']}/metadata/default/description/"),
                           ("POST", f"/api/automation/v1.0/datasets/{dataset['uid']}/publish/")], meta_writes
    shown = requests.get(f"{portal.url}/api/explore/v2.1/catalog/datasets/{dataset_id}", timeout=10).json()
    assert shown["metas"]["default"]["description"] == "Les salles communales que la commune loue aux associations."

    # 5. and again nothing to do, even after the file is saved again unchanged (a newer modification date)
    os.utime(tmp_path / "ciney" / "salles-communales.csv")
    mark = portal.log.mark()
    assert run("publish", "--project", project_file)[0] == 0 and portal.log.writes(mark) == []

    # the Python API's verify() passes; the HTML catalogue and the dataset page show the title
    config = load(project_file)
    client = PortalClient(config.portal.url, portal.key, poll_interval=0.05, state_dir=config.state_dir)
    again = plan(config, client)
    assert again.steps == []
    verification = again.apply().verify()
    assert verification.ok, verification.describe()
    home = requests.get(portal.url + "/", timeout=10)
    page = requests.get(f"{portal.url}/explore/dataset/{dataset_id}/", timeout=10)
    assert home.status_code == page.status_code == 200
    assert "Salles communales de Ciney" in home.text and "Salles communales de Ciney" in page.text
    assert "Salle communale de Braibant" in page.text  # the first records are shown
    records_file = read_records(tmp_path / "ciney")
    assert [r["dataset_id"] for r in records_file] == [dataset_id] * 3  # first, data change, metadata change
    _assert_key_absent(tmp_path, portal.key, portal.admin_key)


def _client(config: Any, portal: Portal, **kwargs: Any) -> PortalClient:
    return PortalClient(config.portal.url, portal.key, poll_interval=0.05, state_dir=config.state_dir, **kwargs)


def test_interrupted_publications_are_completed_by_the_next_run(run: Callable[..., tuple[int, str]], portal: Portal,
                                                                 tmp_path: Path, make_project: Callable[..., Path]) -> None:
    dataset_id = "ciney-salles-reprise"
    folder = tmp_path / "reprise"
    project_file = make_project(folder, dataset_id)
    config = load(project_file)
    errors: list[str] = []

    # a) Ctrl-C during the first publication, right after the upload (dataset created, file sent, no resource yet)
    def interrupt_after_upload(step: Any) -> None:
        if step.kind == "create-resource":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        plan(config, _client(config, portal)).apply(progress=interrupt_after_upload)
    [dataset] = portal.datasets_named(dataset_id)
    assert portal.resources(dataset["uid"]) == []
    resumed = plan(config, _client(config, portal))
    assert "create-dataset" not in [s.kind for s in resumed.steps] and "create-resource" in [s.kind for s in resumed.steps]
    code, out = run("publish", "--project", project_file)
    assert code == 0, out
    assert len(portal.datasets_named(dataset_id)) == 1 and len(portal.resources(dataset["uid"])) == 1

    # b) network cut on a data change: the server stops right after the upload, the client gives up
    _change_capacity(folder)
    config = load(project_file)

    def cut_after_upload(step: Any) -> None:
        if step.kind == "update-resource":
            portal.server.stop()

    with pytest.raises(PortalConnectionError) as failure:
        plan(config, _client(config, portal, max_retries=1, sleep=lambda _s: None)).apply(progress=cut_after_upload)
    errors.append(str(failure.value))
    assert "reprend" in str(failure.value)
    portal.restart()
    try:
        # the rerun replaces the resource's data and publishes (the file sent before the cut is not attached to
        # any resource, so it is sent again: no dataset, resource or metadata write is repeated)
        mark = portal.log.mark()
        code, out = run("publish", "--project", project_file)
        assert code == 0, out
        kinds = [p.rstrip("/").rsplit("/", 1)[-1] for _m, p in portal.log.writes(mark)]
        assert kinds == ["files", portal.resources(dataset["uid"])[0]["uid"], "publish"], kinds
        capacity = requests.get(f"{portal.url}/api/explore/v2.1/catalog/datasets/{dataset_id}/records",
                                params={"where": "capacite = 65"}, timeout=10).json()
        assert capacity["total_count"] == 1
        assert len(portal.datasets_named(dataset_id)) == 1 and len(portal.resources(dataset["uid"])) == 1
        verification = plan(config, _client(config, portal)).apply().verify()
        assert verification.ok, verification.describe()
        mark = portal.log.mark()
        assert run("publish", "--project", project_file)[0] == 0 and portal.log.writes(mark) == []
    finally:
        if portal.server._server is None:  # keep the module's portal usable whatever happened
            portal.restart()

    # c) a wrong key: a clear message naming the variable, never the key
    bad = "zz-wrong-key-" + portal.key[::-1]
    with pytest.raises(OdwbError) as refused:
        plan(config, PortalClient(portal.url, bad, poll_interval=0.05, state_dir=config.state_dir)).apply()
    errors.append(str(refused.value) + repr(refused.value))
    assert "ODWB_API_KEY" in str(refused.value)
    for text in errors:
        assert portal.key not in text and bad not in text
    _assert_key_absent(tmp_path, portal.key, bad)
    assert all(json.dumps(r).find(portal.key) < 0 for r in read_records(folder))
