"""Third-party Opendatasoft clients from PyPI, unchanged, against the sandbox over loopback only.

Each test is skipped when its client is not installed (``pip install -e ".[clients]"``):
they are not dependencies of odwb-assist, only witnesses that the sandbox answers like the portal.
"""

from __future__ import annotations

import io
from typing import Any

import pytest

pytestmark = pytest.mark.integration

DATASET = "namur-parkings-velos"
RESTRICTED = "thirdparty-restreint"
CSV_HEADER = ["Nom", "Adresse", "Places", "Couvert", "Latitude", "Longitude"]


@pytest.fixture(scope="module")
def restricted(sandbox: Any) -> tuple[Any, str]:
    """A published restricted dataset owned by the user ``tiers`` (and that user's key)."""
    key = sandbox.user_key("tiers")
    store = sandbox.server.store
    if store.dataset_by_id(RESTRICTED) is None:
        metadata = {"default": {"title": "Réservé", "publisher": "Commune de Tiers", "language": "fr"}}
        created = store.create_dataset("tiers", RESTRICTED, True, metadata)
        fields = [{"name": "code", "label": "Code", "type": "text", "annotations": {}, "description": None}]
        store.finish_processing(created["uid"], fields, [("r0", {"code": "A1"}), ("r1", {"code": "B2"})], metadata)
    return sandbox, key


def test_odsclient_downloads_through_the_legacy_path(sandbox: Any, restricted: tuple[Any, str],
                                                    monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    odsclient = pytest.importorskip("odsclient")
    monkeypatch.delenv("ODS_APIKEY", raising=False)
    monkeypatch.chdir(tmp_path)  # no ods.apikey file around
    client = odsclient.ODSClient(base_url=sandbox.url, use_keyring=False)
    text = client.get_whole_dataset(DATASET)
    lines = text.splitlines()
    assert lines[0].split(";") == CSV_HEADER and len(lines) == 4
    frame = client.get_whole_dataframe(DATASET)
    assert list(frame.columns) == CSV_HEADER and len(frame) == 3
    assert frame["Places"].dtype.kind == "i"
    as_json = client.get_whole_dataset(DATASET, format="json")
    assert '"datasetid": "namur-parkings-velos"' in as_json
    _sandbox, key = restricted
    with pytest.raises(Exception):  # noqa: B017 - odsclient raises its own HTTP error types
        client.get_whole_dataset(RESTRICTED)
    keyed = odsclient.ODSClient(base_url=sandbox.url, apikey=key, use_keyring=False)
    assert keyed.get_whole_dataset(RESTRICTED).splitlines() == ["Code", "A1", "B2"]


def test_portalkit_detects_searches_and_reads(sandbox: Any) -> None:
    portalkit = pytest.importorskip("portalkit")
    portal = portalkit.open(sandbox.url, cache=False)  # detection itself must recognise an Opendatasoft portal
    assert portal.name == "opendatasoft"
    found = portal.search("parkings")
    assert DATASET in [info.id for info in found]
    info = portal.describe(DATASET)
    assert info.rows == 3 and [f.name for f in info.fields][:3] == ["nom", "adresse", "places"]
    frame = portal.dataset(DATASET).to_pandas(limit=2)
    assert len(frame) == 2 and "places" in frame.columns
    everything = portal.dataset(DATASET).to_pandas()  # no limit: the export endpoint
    assert len(everything) == 3
    with pytest.raises(portalkit.DatasetNotFound):
        portal.describe("nulle-part")


def test_ods_utils_py_reads_through_automation(restricted: tuple[Any, str], monkeypatch: pytest.MonkeyPatch) -> None:
    sandbox, key = restricted
    monkeypatch.setenv("ODS_API_KEY", key)  # read when the package is imported
    monkeypatch.setenv("ODS_DOMAIN", "sandbox.invalid")
    monkeypatch.setenv("ODS_API_TYPE", "automation/v1.0")
    pytest.importorskip("ods_utils_py")
    from ods_utils_py import _config

    # the library always builds https://<domain>: point it at the loopback sandbox instead
    monkeypatch.setattr(_config, "_get_ods_url", lambda: sandbox.automation)
    from ods_utils_py import get_dataset_title, get_number_of_datasets, get_template_metadata, get_uid_by_id

    assert get_number_of_datasets() == 1  # a participant sees only their own datasets
    uid = get_uid_by_id(RESTRICTED)
    assert uid.startswith("da_")
    assert get_dataset_title(dataset_id=RESTRICTED) == "Réservé"
    assert get_template_metadata("default", "publisher", dataset_uid=uid) == {"value": "Commune de Tiers"}


def test_vendor_javascript_client_under_node(sandbox: Any, tmp_path: Any) -> None:
    """The vendor's ``@opendatasoft/api-client`` (installed globally for node, or in the ``node_modules`` folder named
    by ``ODS_JS_CLIENT_NODE_PATH``) queries the sandbox unchanged."""
    import os
    import shutil
    import subprocess

    node = shutil.which("node")
    modules = os.environ.get("ODS_JS_CLIENT_NODE_PATH", "")
    if not modules and node is not None and shutil.which("npm"):  # else a global install (npm install -g …)
        found = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True, timeout=30)
        modules = found.stdout.strip() if found.returncode == 0 else ""
    if node is None or not modules or not os.path.isdir(os.path.join(modules, "@opendatasoft", "api-client")):
        pytest.skip("node or @opendatasoft/api-client not available (set ODS_JS_CLIENT_NODE_PATH to its node_modules)")
    script = tmp_path / "query.cjs"
    script.write_text(io.StringIO(JS_QUERY).read().replace("__DOMAIN__", sandbox.url), encoding="utf-8")
    result = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "NODE_PATH": modules}, cwd=modules)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[0] == "3" and lines[1] == '[{"n":3}]' and lines[2].startswith("[")


JS_QUERY = """
const { ApiClient, fromCatalog } = require('@opendatasoft/api-client');
(async () => {
  const client = new ApiClient({ domain: '__DOMAIN__' });
  const dataset = () => fromCatalog().dataset('namur-parkings-velos');
  const records = await client.get(dataset().records().limit(2));
  console.log(String(records.total_count));
  const counted = await client.get(dataset().records().select('count(*) as n'));
  console.log(JSON.stringify(counted.results));
  const facets = await client.get(fromCatalog().facets().facet('publisher'));
  console.log(JSON.stringify(facets.facets[0].facets.slice(0, 1)));
})().catch((error) => { console.error(error); process.exit(1); });
"""
