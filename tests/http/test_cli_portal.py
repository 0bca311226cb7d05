"""``odwb-assist catalog …`` and ``odwb-assist publish …`` against mocked portals; the key never shown."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import responses
from http_fake_portal import BASE, FakePortal

import odwb_assist.metadata
import odwb_assist.quality
from odwb_assist.publish import read_records

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "ods-samples"
EXPLORE = BASE + "/api/explore/v2.1"
CATALOG = json.loads((SAMPLES / "explore-v2.1_catalog-datasets_list.json").read_text())
SINGLE = json.loads((SAMPLES / "explore-v2.1_catalog-dataset_single.json").read_text())
DS = SINGLE["dataset_id"]


def test_catalog_search_table_and_json(cli, rsps, key_guard):
    rsps.add(responses.GET, EXPLORE + "/catalog/datasets", json=CATALOG)
    rsps.add(responses.GET, EXPLORE + "/catalog/datasets", json=CATALOG)
    code, out, err = cli("catalog", "search", "world", "--portal", BASE)
    assert code == 0, err
    assert CATALOG["results"][0]["dataset_id"][:12] in out
    code, out, err = cli("catalog", "search", "--keyword", "x", "--json", "--portal", BASE)
    assert code == 0 and json.loads(out)[0]["dataset_id"] == CATALOG["results"][0]["dataset_id"]
    key_guard.check(out, err)


def test_catalog_show(cli, rsps, key_guard):
    rsps.add(responses.GET, f"{EXPLORE}/catalog/datasets/{DS}", json=SINGLE)
    code, out, err = cli("catalog", "show", DS, "--portal", BASE, "--lang", "en")
    assert code == 0, err
    assert "geoname_id" in out and "Title" in out
    key_guard.check(out, err)


def test_catalog_download_writes_a_file_and_never_overwrites(cli, rsps, tmp_path, key_guard):
    rsps.add(responses.GET, f"{EXPLORE}/catalog/datasets/{DS}/exports/csv", body=b"name;population\nFraire;1492\n")
    target = tmp_path / "out.csv"
    code, out, err = cli("catalog", "download", DS, "--format", "csv", "--output", target, "--portal", BASE)
    assert code == 0, err
    assert target.read_bytes() == b"name;population\nFraire;1492\n"
    target.write_text("mine", encoding="utf-8")
    code, out, err = cli("catalog", "download", DS, "--output", target, "--portal", BASE)
    assert code == 2 and "--force" in err and target.read_text(encoding="utf-8") == "mine"
    key_guard.check(out, err)


def test_catalog_unknown_dataset_is_a_message_not_a_traceback(cli, rsps):
    rsps.add(responses.GET, f"{EXPLORE}/catalog/datasets/nope", status=404,
             json={"error_code": "NotFound", "message": "Unknown dataset"})
    code, out, err = cli("catalog", "show", "nope", "--portal", BASE)
    assert code == 2 and "Introuvable" in err


@pytest.fixture
def project_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "velos.csv").write_text("nom,places\nGare,12\nPiscine,8\n", encoding="utf-8")
    (tmp_path / "odwb.toml").write_text(
        '[administration]\nname = "Ville de Ciney"\nnis_code = "91030"\n\n[portal]\nurl = "https://portal.test"\n\n'
        '[[datasets]]\nid = "ciney-velos"\nfile = "velos.csv"\n', encoding="utf-8")
    payload = {"default": {"title": "Parkings vélos", "description": "Les parkings vélos de Ciney.", "language": "fr",
                           "license": "CC0 1.0", "theme": "Mobilité"}}
    monkeypatch.setattr(odwb_assist.quality, "check", lambda *a, **k: SimpleNamespace(valid=True, errors=[], rows=2),
                        raising=False)
    monkeypatch.setattr(odwb_assist.metadata, "publication_parts", lambda project, dataset: (payload, []), raising=False)
    return tmp_path


def _run(cli: Any, portal: FakePortal, routes: tuple[str, ...], *args: str) -> tuple[int, str, str]:
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        portal.register(rsps, *routes)
        return cli("publish", *args)


def test_publish_dry_run_lists_the_steps_and_sends_nothing(cli, project_dir, key_guard):
    portal = FakePortal()
    code, out, err = _run(cli, portal, ("list", "templates", "explore_dataset"), "--project",
                          str(project_dir / "odwb.toml"), "--dry-run")
    assert code == 0, err
    assert "Créer le jeu de données « ciney-velos »" in out and "Simulation" in out and "Publier" in out
    assert portal.writes == [] and read_records(project_dir) == []
    key_guard.check(out, err)


def test_dry_run_says_when_the_dataset_id_is_taken_by_someone_else(cli, project_dir, key_guard):
    portal = FakePortal()  # the key lists nothing, but the public catalogue shows the id under another publisher
    portal.published["ciney-velos"] = {"dataset_id": "ciney-velos", "metas": {"default": {"publisher": "Participant 03"}}}
    code, out, err = _run(cli, portal, ("list", "templates", "explore_dataset"), "--project",
                          str(project_dir / "odwb.toml"), "--dry-run")
    assert code == 2 and portal.writes == []
    assert "L'identifiant « ciney-velos » est déjà utilisé par « Participant 03 »" in err
    assert "par exemple « ville-de-ciney-ciney-velos »" in err and "Traceback" not in err
    key_guard.check(out, err)


def test_publish_then_rerun_sends_nothing(cli, project_dir, key_guard):
    portal = FakePortal()
    portal.processing_polls = 0
    routes = ("list", "templates", "explore_dataset", "create", "upload", "create_resource", "set_field", "get_field",
              "publish", "status")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        portal.register(rsps, "list", "templates", "explore_dataset")
        code, out, err = cli("publish", "--project", str(project_dir / "odwb.toml"))
    assert code == 2 and "Première publication depuis ce projet sur https://portal.test, un portail réel" in err, err
    assert "Portail : https://portal.test (portail réel, pas un bac à sable)" in err and portal.writes == []
    routes = tuple(r for r in routes if r != "templates")  # the vocabulary was cached by the first run
    code, out, err = _run(cli, portal, routes, "--project", str(project_dir / "odwb.toml"), "--lang", "en", "--yes")
    assert code == 0, err
    assert "Published: https://portal.test/explore/dataset/ciney-velos/ (2 rows)" in out
    assert "[OK] Number of records: 2  (records_count)" in out
    assert len(read_records(project_dir)) == 1
    writes = list(portal.writes)
    code, out, err = _run(cli, portal, ("list", "status", "resources", "metadata"), "--project", str(project_dir / "odwb.toml"))
    assert code == 0 and "Rien à envoyer" in out and portal.writes == writes
    key_guard.check(out, err)


def test_publish_blocked_exits_1_with_the_reasons(cli, project_dir, monkeypatch, key_guard):
    monkeypatch.setattr(odwb_assist.metadata, "publication_parts", lambda project, dataset: ({"default": {"title": "T"}}, []),
                        raising=False)
    code, out, err = cli("publish", "--project", str(project_dir / "odwb.toml"))
    assert code == 1 and "missing-license" in err
    key_guard.check(out, err)


def test_publish_override_needs_a_justification(cli, project_dir):
    code, out, err = cli("publish", "--project", str(project_dir / "odwb.toml"), "--override", "license-not-open")
    assert code == 2 and "--justification" in err


def test_publish_without_key_names_the_variable(cli, project_dir, monkeypatch):
    monkeypatch.delenv("ODWB_API_KEY")
    monkeypatch.setattr("odwb_assist.core.config_model.PortalConfig.api_key", lambda self: None)
    code, out, err = cli("publish", "--project", str(project_dir / "odwb.toml"))
    assert code == 2 and "ODWB_API_KEY" in err
