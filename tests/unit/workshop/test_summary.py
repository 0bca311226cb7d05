"""``workshop summary``: progress from the participants' records, one catalogue request for the whole room."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses

from odwb_assist.core import config
from odwb_assist.core.plugins import get_plugin_manager
from odwb_assist.publish import record as publication_record
from odwb_assist.quality import check, fix
from odwb_assist.workshop import kit, prepare, summarise
from odwb_assist.workshop.render import room_table

PORTAL = "http://portail.test"
CATALOG = PORTAL + "/api/explore/v2.1/catalog/datasets"


@pytest.fixture
def room(tmp_path: Path) -> Path:
    prepare(tmp_path / "salle", 3, portal_url=PORTAL, sandbox_data=tmp_path / "sb")
    for toml in (tmp_path / "salle").glob("*/odwb.toml"):
        with toml.open("a", encoding="utf-8") as handle:
            handle.write(kit.DATASET_BLOCK)
    first = tmp_path / "salle" / "participant-01"
    project = config.load(first / "odwb.toml")
    pm = get_plugin_manager(load_entrypoints=False)
    check(first / "parkings-velos-ciney.csv", project=project, plugins=pm)
    fix(first / "parkings-velos-ciney.csv", first / "parkings-velos-propre.csv", project=project, plugins=pm)
    check(first / "parkings-velos-propre.csv", project=project, plugins=pm)
    (first / "documentation" / project.datasets[0].id).mkdir(parents=True)
    (first / "documentation" / project.datasets[0].id / "metadata.json").write_text("{}", encoding="utf-8")
    publication_record.append(first, dataset_id=project.datasets[0].id, uid="da_1", portal=PORTAL, records=24,
                              checksum="sha256:x")
    second = tmp_path / "salle" / "participant-02"
    check(second / "parkings-velos-ciney.csv", project=config.load(second / "odwb.toml"), plugins=pm)
    shutil.rmtree(tmp_path / "salle" / "participant-03")  # a participant deleted their folder
    return tmp_path / "salle"


def test_offline_progress_from_the_records(room: Path) -> None:
    summary = summarise(room, check_portal=False)
    one, two, three = summary.participants
    assert one.checked and one.valid is True and one.fixed and one.clean_file == "parkings-velos-propre.csv"
    assert one.documented and one.published and one.published_records == 24 and one.online is None
    assert two.checked and two.valid is False and two.errors and not (two.fixed or two.documented or two.published)
    assert three.problem == "missing-folder" and not three.checked
    assert summary.counts() == {"participants": 3, "checked": 2, "fixed": 1, "documented": 1, "published": 1,
                                "online": 0}


def test_fixed_needs_the_clean_file_to_exist(room: Path) -> None:
    (room / "participant-01" / "parkings-velos-propre.csv").unlink()
    assert not summarise(room, check_portal=False).participants[0].fixed


@responses.activate
def test_one_catalogue_request_for_the_room(room: Path) -> None:
    responses.get(CATALOG, json={"total_count": 1, "results": [
        {"dataset_id": "p01-ciney-parkings-velos", "metas": {"default": {"records_count": 24}}}]})
    summary = summarise(room)
    assert len(responses.calls) == 1
    where = parse_qs(urlsplit(str(responses.calls[0].request.url)).query)["where"][0]
    assert where.startswith("dataset_id IN (") and "p03-ciney-parkings-velos" in where
    assert "Authorization" not in responses.calls[0].request.headers  # the public view
    assert [p.online for p in summary.participants] == [True, False, False]
    assert summary.participants[0].online_records == 24 and summary.portal_error is None


@responses.activate
def test_unreachable_portal_is_reported_not_raised(room: Path) -> None:
    responses.get(CATALOG, body=requests.ConnectionError("refused"))
    summary = summarise(room)
    assert summary.portal_error is not None and "portail.test" in summary.portal_error("fr")
    assert all(p.online is None for p in summary.participants)
    assert summary.participants[0].published  # the local records still count


def test_table_and_json(room: Path) -> None:
    from rich.console import Console

    summary = summarise(room, check_portal=False)
    console = Console(width=200, record=True)
    console.print(room_table(summary, "fr"))
    text = console.export_text()
    assert "Vérifié 2/3" in text and "Corrigé 1/3" in text and "dossier absent" in text
    console.print(room_table(summary, "en"))
    assert "Published 1/3" in console.export_text()
    data = json.loads(summary.to_json())
    assert data["counts"]["published"] == 1 and data["participants"][0]["published"] is True


def test_cli_summary(room: Path, cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, err = cli("workshop", "summary", room, "--offline", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["counts"]["checked"] == 2
    code, out, err = cli("workshop", "summary", room, "--offline")
    assert code == 0 and "Salle « salle » — 3 participant(s)" in out
    code, out, err = cli("workshop", "summary", room.parent)
    assert code == 2 and "salle.json" in out + err
    code, out, err = cli("workshop", "summary", room, "--format", "xml")
    assert code == 2
