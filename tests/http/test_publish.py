"""The publication workflow against a mocked portal: the five scenarios of issue 5, blockers, records, events."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import requests
import responses
from http_fake_portal import BASE, READS, FakePortal
from openapi_check import OpenAPIChecker

from odwb_assist.core import config, config_model
from odwb_assist.core.errors import MetadataError, PortalConnectionError, PublicationBlocked
from odwb_assist.core.events import DATASET_PUBLISHED
from odwb_assist.core.findings import Finding, Severity
from odwb_assist.core.hookspecs import hookimpl
from odwb_assist.core.i18n import Msg
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.portal import PortalClient
from odwb_assist.publish import plan, read_records

CHECKER = OpenAPIChecker()
FIRST_RUN = ("list", "templates", "explore_dataset", "create", "upload", "create_resource", "set_field", "get_field",
             "create_field", "publish", "status")
PLAIN_RUN = tuple(r for r in FIRST_RUN if r != "create_field")  # a file without coordinates: no field configuration

CSV = "nom,latitude,longitude\nGare,50.29,5.09\nHôtel de ville,50.30,5.10\nPiscine,50.28,5.08\n"


def metadata(**changes: Any) -> dict[str, Any]:
    default = {"title": "Parkings vélos de Ciney", "description": "<p>Les parkings vélos.</p>",
               "keyword": ["vélo", "mobilité"], "publisher": "Ville de Ciney", "language": "fr",
               "license": "CC BY 4.0", "theme": ["Mobilité"]}
    default.update(changes)
    return {"default": default, "dcat": {"contact_email": "opendata@ciney.be"}}


def ok_report(path: Path, project: Any = None) -> SimpleNamespace:
    return SimpleNamespace(valid=True, errors=[], rows=3)


class Listener:
    def __init__(self) -> None:
        self.events: list[Any] = []

    @hookimpl
    def odwb_track_event(self, event: Any) -> None:
        self.events.append(event)


@pytest.fixture
def project(tmp_path: Path) -> config_model.ProjectConfig:
    (tmp_path / "parkings.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "odwb.toml").write_text(
        '[administration]\nname = "Ville de Ciney"\nnis_code = "91030"\n\n[portal]\nurl = "https://portal.test"\n\n'
        '[[datasets]]\nid = "ciney-parkings-velos"\nfile = "parkings.csv"\n', encoding="utf-8")
    return config.load(tmp_path / "odwb.toml")


@pytest.fixture
def listener() -> Listener:
    return Listener()


@pytest.fixture
def pm(listener: Listener):
    manager = get_plugin_manager(load_entrypoints=False)
    manager.register(listener, name="test-listener")
    return manager


@pytest.fixture
def portal() -> FakePortal:
    return FakePortal()


def make_client(project: config_model.ProjectConfig, sleeps: list[float] | None = None, **kwargs: Any) -> PortalClient:
    return PortalClient.from_config(project, session=requests.Session(), sleep=(sleeps or []).append,
                                    poll_interval=1.0, **kwargs)


def run(project, portal, routes, pm, *, meta=None, apply=True, client=None, **kwargs):
    """One ``publish`` run with only ``routes`` mocked (anything else fails the test)."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        portal.register(rsps, *routes)
        the_plan = plan(project, client or make_client(project), metadata=meta or metadata(), quality_check=ok_report,
                        plugins=pm, **kwargs)
        publication = the_plan.apply() if apply else None
        calls = list(rsps.calls)
    for call in calls:
        CHECKER.check(call.request)
    return the_plan, publication, calls


def first_publication(project, portal, pm):
    return run(project, portal, FIRST_RUN, pm)


def test_first_publication_creates_uploads_sets_metadata_publishes_records_and_announces(project, portal, pm, listener):
    the_plan, publication, _ = first_publication(project, portal, pm)
    assert [s.kind for s in the_plan.steps] == [
        "create-dataset", "upload-file", "create-resource", "set-metadata", "set-metadata", "set-metadata",
        "create-field", "create-field", "create-field", "publish"]
    assert portal.writes == ["create", "upload", "create_resource", "set_field", "set_field", "set_field",
                             "create_field", "create_field", "create_field", "publish"]
    (dataset,) = portal.datasets.values()
    # the latitude and longitude columns make the map column, typed geo_point_2d
    (sent,) = [f["content"].decode() for f in portal.files[dataset["uid"]].values()]
    assert sent.splitlines()[:2] == ["nom,latitude,longitude,geo_point_2d", 'Gare,50.29,5.09,"50.29,5.09"']
    configs = portal.field_configs[dataset["uid"]]
    assert configs[0] == {"uid": configs[0]["uid"], "type": "type", "label": "Type de geo_point_2d [odwb-assist]",
                          "field": "geo_point_2d", "type_param": "geo_point_2d"}
    assert [c["type"] for c in configs] == ["type", "rename", "description"]
    assert dataset["dataset_id"] == "ciney-parkings-velos" and dataset["is_restricted"] is False
    meta = dataset["metadata"]
    assert meta["default"]["title"] == {"value": "Parkings vélos de Ciney"}
    assert "license" not in meta["default"] and "theme" not in meta["default"]
    assert meta["internal"]["license_id"] == {"value": "5sylls5"}
    assert meta["internal"]["theme_id"] == {"value": ["06af88d"]}
    (resource,) = portal.resources[dataset["uid"]]
    assert resource["params"] == {"separator": ",", "encoding": "utf-8", "headers_first_row": True, "first_row_no": 1,
                                  "doublequote": True}
    assert publication.changed and publication.uid == dataset["uid"] and publication.records == 3

    (record,) = read_records(project.root)
    assert record["dataset_id"] == "ciney-parkings-velos" and record["uid"] == dataset["uid"]
    assert record["portal"] == BASE and record["records"] == 3 and record["checksum"].startswith("sha256:")
    assert record["administration"] == "Ville de Ciney" and record["nis_code"] == "91030"
    assert record["overrides"] == [] and record["restricted"] is False
    (event,) = listener.events
    assert event.type == DATASET_PUBLISHED and event.administration == "Ville de Ciney"
    assert event.payload["records"] == 3 and event.payload["uid"] == dataset["uid"]
    assert event.project_dir == str(project.root)

    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        portal.register(rsps, "explore_dataset")
        verification = publication.verify()
    assert verification.ok, verification.describe("en")


def test_no_change_rerun_sends_no_write_at_all(project, portal, pm, listener):
    first_publication(project, portal, pm)
    writes = list(portal.writes)
    the_plan, publication, calls = run(project, portal, READS, pm)
    assert the_plan.steps == [] and portal.writes == writes
    assert all(call.request.method == "GET" for call in calls)
    assert "Rien à envoyer" in the_plan.describe("fr") and "Nothing to send" in the_plan.describe("en")
    assert not publication.changed and len(read_records(project.root)) == 1 and len(listener.events) == 1


def test_data_only_change_uploads_replaces_the_resource_and_publishes(project, portal, pm):
    first_publication(project, portal, pm)
    (project.root / "parkings.csv").write_text(CSV + "Stade,50.27,5.07\n", encoding="utf-8")
    the_plan, publication, _ = run(project, portal, (*READS, "upload", "update_resource", "publish"), pm)
    assert [s.kind for s in the_plan.steps] == ["upload-file", "update-resource", "publish"]
    (dataset,) = portal.datasets.values()
    assert len(portal.resources[dataset["uid"]]) == 1 and len(portal.datasets) == 1
    assert publication.records == 4 and len(read_records(project.root)) == 2
    with responses.RequestsMock() as rsps:
        portal.register(rsps, "explore_dataset")
        assert publication.verify().ok


def test_metadata_only_change_sets_one_field_and_publishes(project, portal, pm):
    first_publication(project, portal, pm)
    new = metadata(title="Parkings pour vélos à Ciney")
    the_plan, publication, _ = run(project, portal, (*READS, "set_field", "publish"), pm, meta=new)
    assert [(s.kind, s.template, s.field_name) for s in the_plan.steps] == [
        ("set-metadata", "default", "title"), ("publish", None, None)]
    (dataset,) = portal.datasets.values()
    assert dataset["metadata"]["default"]["title"] == {"value": "Parkings pour vélos à Ciney"}
    assert dataset["metadata"]["default"]["keyword"] == {"value": ["vélo", "mobilité"]}  # untouched


def test_interrupted_upload_is_completed_by_the_next_run(project, portal, pm, sleeps):
    client = make_client(project, sleeps, max_retries=1)
    portal.fail("upload", requests.ConnectionError("cut"), requests.ConnectionError("cut"))
    with pytest.raises(PortalConnectionError):
        run(project, portal, ("list", "templates", "explore_dataset", "create", "upload"), pm, client=client)
    assert len(portal.datasets) == 1 and read_records(project.root) == []
    the_plan, publication, _ = run(project, portal, (
        "list", "status", "resources", "metadata", "fields", "upload", "create_resource", "set_field", "get_field",
        "create_field", "publish"), pm)
    assert [s.kind for s in the_plan.steps][:2] == ["upload-file", "create-resource"]
    assert len(portal.datasets) == 1 and len(next(iter(portal.resources.values()))) == 1
    assert publication.changed and len(read_records(project.root)) == 1


def test_ctrl_c_before_publish_is_completed_by_a_publish_only_run(project, portal, pm):
    first_publication(project, portal, pm)
    (project.root / "parkings.csv").write_text(CSV + "Stade,50.27,5.07\n", encoding="utf-8")
    portal.fail("publish", KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        run(project, portal, (*READS, "upload", "update_resource", "publish"), pm)
    the_plan, publication, _ = run(project, portal, (*READS, "file", "publish"), pm)
    assert [s.kind for s in the_plan.steps] == ["publish"]
    assert publication.records == 4 and read_records(project.root)[-1]["records"] == 4


def test_dry_run_plan_sends_no_write_and_describes_every_step(project, portal, pm):
    the_plan, _, calls = run(project, portal, ("list", "templates", "explore_dataset"), pm, apply=False)
    text = the_plan.describe("fr")
    assert "Créer le jeu de données « ciney-parkings-velos »" in text and "internal.license_id" in text
    assert "Publier" in the_plan.describe("fr") and "Publish" in the_plan.describe("en")
    assert portal.writes == [] and all(c.request.method == "GET" for c in calls)


def test_restricted_flag_changes_an_existing_dataset(project, portal, pm):
    first_publication(project, portal, pm)
    the_plan, _, _ = run(project, portal, (*READS, "put_dataset", "publish"), pm, restricted=True)
    assert [s.kind for s in the_plan.steps] == ["update-dataset", "publish"]
    (dataset,) = portal.datasets.values()
    assert dataset["is_restricted"] is True
    assert dataset["metadata"]["internal"]["license_id"] == {"value": "5sylls5"}  # metadata kept


def test_unknown_licence_label_is_refused_with_the_known_ones(project, portal, pm):
    with pytest.raises(MetadataError) as info:
        run(project, portal, ("templates",), pm, meta=metadata(license="Ma licence maison"), apply=False)
    assert "CC BY 4.0" in info.value.message("fr") and "[portal.licenses]" in info.value.message("fr")


def test_odwb_toml_overrides_the_licence_id(project, portal, pm):
    client = make_client(project, licenses={"Licence maison": "5sylls5"})
    the_plan, _, _ = run(project, portal, ("list", "templates", "explore_dataset"), pm,
                         meta=metadata(license="Licence maison"), client=client, apply=False)
    assert the_plan.metadata["internal"]["license_id"] == "5sylls5"


def bad_report(path: Path, project: Any = None) -> SimpleNamespace:
    finding = Finding("type-error", Severity.ERROR, Msg("« abc » n'est pas un nombre", "'abc' is not a number"),
                      Msg("", ""), row_number=4, field_name="latitude")
    return SimpleNamespace(valid=False, errors=[finding], rows=3)


def test_blockers_stop_before_anything_is_sent(project, pm):
    meta = metadata(license="CC BY-NC 4.0")
    del meta["default"]["license"]
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        with pytest.raises(PublicationBlocked) as info:
            plan(project, make_client(project), metadata=meta, quality_check=bad_report, plugins=pm)
        assert len(rsps.calls) == 0
    codes = [b.code for b in info.value.blockers]
    assert codes == ["invalid-file", "missing-license"] and info.value.exit_code == 1
    assert "ligne 4" in info.value.message("fr") and "latitude" in info.value.message("fr")


def test_overridden_blocker_is_recorded_with_its_justification(project, portal, pm):
    routes = ("list", "templates", "explore_dataset", "create", "upload", "create_resource", "set_field", "get_field",
              "create_field", "publish",
              "status")
    overrides = {"license-not-open": "Convention avec le fournisseur des données (2026)."}
    with pytest.raises(PublicationBlocked):
        run(project, portal, (), pm, meta=metadata(license="CC BY-NC 4.0"), apply=False)
    run(project, portal, routes, pm, meta=metadata(license="CC BY-NC 4.0"), overrides=overrides)
    (record,) = read_records(project.root)
    assert record["overrides"] == [{"code": "license-not-open", "justification": overrides["license-not-open"]}]


def test_non_overridable_blocker_cannot_be_lifted(project, pm):
    meta = metadata()
    del meta["default"]["license"]
    with pytest.raises(PublicationBlocked):
        plan(project, make_client(project), metadata=meta, quality_check=ok_report, plugins=pm,
             overrides={"missing-license": "pressé"})


def test_semicolon_windows_csv_is_converted_and_the_original_kept(project, portal, pm):
    original = "nom;commune\nGare;Ciney\nHôtel de ville;Ciney\n".encode("cp1252")
    (project.root / "parkings.csv").write_bytes(original)
    run(project, portal, PLAIN_RUN, pm)
    (files,) = portal.files.values()
    (stored,) = files.values()
    assert stored["content"] == "nom,commune\nGare,Ciney\nHôtel de ville,Ciney\n".encode()
    assert (project.root / "parkings.csv").read_bytes() == original


def test_xlsx_is_converted_to_csv(tmp_path, portal, pm):
    import pandas as pd

    pd.DataFrame({"nom": ["Gare", "Piscine"], "places": ["12", "8"]}).to_excel(tmp_path / "p.xlsx", index=False)
    (tmp_path / "odwb.toml").write_text('[administration]\nname = "Ciney"\n[portal]\nurl = "https://portal.test"\n'
                                        '[[datasets]]\nid = "p"\nfile = "p.xlsx"\n', encoding="utf-8")
    project = config.load(tmp_path / "odwb.toml")
    _, publication, _ = run(project, portal, PLAIN_RUN, pm)
    (files,) = portal.files.values()
    (stored,) = files.values()
    assert stored["content"] == b"nom,places\nGare,12\nPiscine,8\n" and publication.records == 2


def test_record_file_is_json_lines(project, portal, pm):
    first_publication(project, portal, pm)
    lines = (project.root / ".odwb" / "publications.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["title"] == "Parkings vélos de Ciney"


def test_a_record_that_cannot_be_written_is_said_announced_and_repaired_next_run(project, portal, pm, listener, monkeypatch):
    from odwb_assist.publish import record as publication_record

    real_append = publication_record.append

    def full_disk(*args, **kwargs):
        raise publication_record.PublicationRecordError("disque plein", "disk full", exit_code=1)

    monkeypatch.setattr(publication_record, "append", full_disk)
    with pytest.raises(publication_record.PublicationRecordError):
        first_publication(project, portal, pm)
    assert read_records(project.root) == [] and len(listener.events) == 1  # published and announced all the same
    writes = list(portal.writes)

    monkeypatch.setattr(publication_record, "append", real_append)
    the_plan, publication, _ = run(project, portal, (*READS, "file", "publish"), pm)
    assert [s.kind for s in the_plan.steps] == ["publish"]  # the portal's file is recognised: no second upload
    assert portal.writes == [*writes, "publish"]
    (record,) = read_records(project.root)
    assert record["uid"] == publication.uid
