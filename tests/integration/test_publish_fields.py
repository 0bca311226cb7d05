"""Issue 14, points 1 and 2 over loopback: described columns and coordinates, published to the sandbox, read back
through Explore with their labels, descriptions, units, facets and a geo point field; a rerun sends nothing."""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from odwb_assist.core.config import load
from odwb_assist.portal import PortalClient
from odwb_assist.publish import plan
from odwb_assist.sandbox import SandboxServer

pytestmark = pytest.mark.integration

SAMPLES = Path(__file__).resolve().parents[2] / "odwb_assist" / "data" / "samples"
PROJECT = """[administration]
name = "Commune de Ciney"
nis_code = "91030"
contact_email = "opendata@ciney.be"

[portal]
url = "{url}"

[[datasets]]
id = "{dataset_id}"
file = "salles-communales.csv"

[datasets.metadata]
title = "Salles communales de Ciney"
description = "Les salles que la commune loue."
license = "CC BY 4.0"
theme = ["Sport, Loisirs"]
keyword = ["salle"]

[datasets.fields]
nom = {{ label = "Nom de la salle", description = "Le nom usuel de la salle.", position = 1 }}
capacite = {{ label = "Capacité", description = "Nombre de places assises.", unit = "places", type = "int" }}
localite = {{ description = "{localite}", facet = true }}
email = {{ facet = false }}
"""


class Writes:
    """WSGI middleware: the Automation writes the sandbox answered."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.entries: list[tuple[str, str]] = []
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        if method in ("POST", "PUT", "DELETE") and path.startswith("/api/automation/"):
            with self._lock:
                self.entries.append((method, path))
        return self.app(environ, start_response)

    def since(self, mark: int) -> list[tuple[str, str]]:
        with self._lock:
            return list(self.entries[mark:])


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SandboxServer, str, Writes]]:
    server = SandboxServer(tmp_path_factory.mktemp("fields-sandbox"), processing_delay=0.01)
    key = server.add_user("ciney-agent")
    writes = Writes(server.app.wsgi_app)
    server.app.wsgi_app = writes  # type: ignore[method-assign]
    server.start()
    try:
        yield server, key, writes
    finally:
        server.stop()


def _project(folder: Path, url: str, dataset_id: str, localite: str = "La section de la commune.") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "salles-communales.csv").write_bytes((SAMPLES / "salles-communales.csv").read_bytes())
    path = folder / "odwb.toml"
    path.write_text(PROJECT.format(url=url, dataset_id=dataset_id, localite=localite), encoding="utf-8")
    return path


def _client(server: SandboxServer, key: str, project_file: Path) -> PortalClient:
    return PortalClient.from_config(load(project_file), api_key=key, poll_interval=0.02)


def test_described_columns_read_back_through_explore_and_a_rerun_sends_nothing(
        portal: tuple[SandboxServer, str, Writes], tmp_path: Path) -> None:
    server, key, writes = portal
    project_file = _project(tmp_path / "ciney", server.url, "ciney-salles-decrites")
    project = load(project_file)
    planned = plan(project, _client(server, key, project_file))
    shown = planned.describe("fr")
    assert "Configurer le libellé de la colonne « capacite » = Capacité" in shown
    assert "Configurer l'unité de la colonne « capacite » = places" in shown
    assert "Configurer la description de la colonne « nom » = Le nom usuel de la salle." in shown
    assert "asset_content_configuration.facets" in shown
    publication = planned.apply()
    verification = publication.verify()
    assert verification.ok and "[OK] Colonnes décrites : " in verification.describe("fr"), verification.describe("fr")

    entry = requests.get(f"{server.url}/api/explore/v2.1/catalog/datasets/ciney-salles-decrites", timeout=10).json()
    fields = {f["name"]: f for f in entry["fields"]}
    assert fields["capacite"]["label"] == "Capacité" and fields["capacite"]["type"] == "int"
    assert fields["capacite"]["description"] == "Nombre de places assises."
    assert fields["capacite"]["annotations"]["unit"] == ["places"]
    assert fields["nom"]["label"] == "Nom de la salle" and fields["nom"]["description"] == "Le nom usuel de la salle."
    assert "facet" in fields["localite"]["annotations"] and "facet" not in fields["email"]["annotations"]
    assert fields["localite"]["description"] == "La section de la commune."
    assert [f["name"] for f in entry["fields"]][0] == "nom"
    # on the map: a geo_point_2d field made from the latitude and longitude columns
    assert fields["geo_point_2d"]["type"] == "geo_point_2d" and fields["geo_point_2d"]["label"] == "Position"
    assert "geo" in entry["features"]
    first = requests.get(f"{server.url}/api/explore/v2.1/catalog/datasets/ciney-salles-decrites/records",
                         params={"limit": 1}, timeout=10).json()["results"][0]
    assert first["geo_point_2d"] == {"lat": 50.28, "lon": 5.1} and first["latitude"] == 50.28

    # a rerun: nothing planned, nothing sent
    mark = len(writes.entries)
    again = plan(project, _client(server, key, project_file))
    assert again.steps == [], again.describe("fr")
    again.apply()
    assert writes.since(mark) == []

    # one column description changed: one PUT on its configuration, then publish
    project_file.write_text(project_file.read_text(encoding="utf-8").replace(
        "La section de la commune.", "Le village où se trouve la salle."), encoding="utf-8")
    mark = len(writes.entries)
    changed = plan(load(project_file), _client(server, key, project_file))
    assert [s.kind for s in changed.steps] == ["update-field", "publish"], changed.describe("fr")
    changed.apply()
    sent = writes.since(mark)
    assert len(sent) == 2 and sent[0][0] == "PUT" and "/fields/pr_" in sent[0][1] and sent[1][1].endswith("/publish/")
    entry = requests.get(f"{server.url}/api/explore/v2.1/catalog/datasets/ciney-salles-decrites", timeout=10).json()
    assert {f["name"]: f for f in entry["fields"]}["localite"]["description"] == "Le village où se trouve la salle."


LAMBERT = """[administration]
name = "Ville de Namur"

[portal]
url = "{url}"

[[datasets]]
id = "{dataset_id}"
file = "bornes.csv"

[datasets.metadata]
title = "Bornes de recharge"
description = "Les bornes de recharge."
license = "CC0 1.0"
theme = ["Mobilité"]
"""


def test_lambert72_coordinates_reach_the_map_in_degrees_and_unknown_ones_are_refused(
        portal: tuple[SandboxServer, str, Writes], tmp_path: Path) -> None:
    from odwb_assist.core.errors import PublicationBlocked

    server, key, _writes = portal
    folder = tmp_path / "namur"
    folder.mkdir()
    (folder / "bornes.csv").write_text("Borne,X,Y\nGare,185000,127000\nCitadelle,184500,126000\n", encoding="utf-8")
    project_file = folder / "odwb.toml"
    project_file.write_text(LAMBERT.format(url=server.url, dataset_id="namur-bornes"), encoding="utf-8")
    plan(load(project_file), _client(server, key, project_file)).apply()
    records = requests.get(f"{server.url}/api/explore/v2.1/catalog/datasets/namur-bornes/records", timeout=10).json()
    point = records["results"][0]["geo_point_2d"]
    assert abs(point["lat"] - 50.452797) < 1e-6 and abs(point["lon"] - 4.861597) < 1e-6
    assert records["results"][0]["x"] == 185000  # the source columns are published as they are
    assert plan(load(project_file), _client(server, key, project_file)).steps == []

    # Lambert 2008 metres: refused before anything is sent, with advice; published without a map when overridden
    (folder / "bornes.csv").write_text("Borne,X,Y\nGare,685000,627000\n", encoding="utf-8")
    project_file.write_text(LAMBERT.format(url=server.url, dataset_id="namur-bornes-2008"), encoding="utf-8")
    with pytest.raises(PublicationBlocked) as refused:
        plan(load(project_file), _client(server, key, project_file))
    assert "coordinates-unknown" in str(refused.value) and "WGS 84" in str(refused.value)
    planned = plan(load(project_file), _client(server, key, project_file),
                   overrides={"coordinates-unknown": "Coordonnées Lambert 2008, converties l'an prochain."})
    planned.apply()
    entry = requests.get(f"{server.url}/api/explore/v2.1/catalog/datasets/namur-bornes-2008", timeout=10).json()
    assert "geo_point_2d" not in {f["name"] for f in entry["fields"]} and "geo" not in entry["features"]


ZONES = LAMBERT.replace('file = "bornes.csv"', 'file = "zones.csv"').replace("Bornes de recharge", "Zones de stationnement") \
    .replace("Les bornes de recharge.", "Les zones de stationnement réglementé.")


def test_areas_written_in_wkt_reach_the_map_as_geojson_shapes(portal: tuple[SandboxServer, str, Writes],
                                                              tmp_path: Path) -> None:
    """A GIS's WKT (Lambert 72 metres here) becomes a geo_shape field in degrees; the column stays as written."""
    server, key, _writes = portal
    folder = tmp_path / "namur"
    folder.mkdir()
    zone = "SRID=31370;POLYGON ((185000 127000, 185100 127000, 185100 127100, 185000 127000))"
    with (folder / "zones.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["Zone", "Géométrie", "Places"], ["Centre", zone, "120"], ["Gare", zone, "40"]])
    project_file = folder / "odwb.toml"
    project_file.write_text(ZONES.format(url=server.url, dataset_id="namur-zones"), encoding="utf-8")
    plan(load(project_file), _client(server, key, project_file)).apply()
    entry = requests.get(f"{server.url}/api/explore/v2.1/catalog/datasets/namur-zones", timeout=10).json()
    fields = {f["name"]: f for f in entry["fields"]}
    assert fields["geo_shape"]["type"] == "geo_shape" and fields["geo_shape"]["label"] == "Forme"
    assert "geo" in entry["features"]
    records = requests.get(f"{server.url}/api/explore/v2.1/catalog/datasets/namur-zones/records", timeout=10).json()
    shape = records["results"][0]["geo_shape"]
    assert shape["type"] == "Polygon" and abs(shape["coordinates"][0][0][0] - 4.8616) < 0.001
    assert records["results"][0]["geometrie"] == zone  # the source column is published as it is
    assert plan(load(project_file), _client(server, key, project_file)).steps == []

    # Lambert 2008 metres: refused before anything is sent, with advice; published without shapes when overridden
    from odwb_assist.core.errors import PublicationBlocked

    zone_2008 = "POLYGON ((685000 627000, 685100 627000, 685100 627100, 685000 627000))"
    with (folder / "zones.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["Zone", "Géométrie"], ["Centre", zone_2008], ["Gare", zone_2008]])
    project_file.write_text(ZONES.format(url=server.url, dataset_id="namur-zones-2008"), encoding="utf-8")
    with pytest.raises(PublicationBlocked) as refused:
        plan(load(project_file), _client(server, key, project_file))
    assert "shapes-unknown" in str(refused.value) and "Lambert 72" in str(refused.value)
    plan(load(project_file), _client(server, key, project_file),
         overrides={"shapes-unknown": "Formes en Lambert 2008, converties l'an prochain."}).apply()
    entry = requests.get(f"{server.url}/api/explore/v2.1/catalog/datasets/namur-zones-2008", timeout=10).json()
    assert "geo_shape" not in {f["name"] for f in entry["fields"]} and "geo" not in entry["features"]
