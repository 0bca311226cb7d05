"""The Explore client: catalogue search, facets, paging with the 10,000 cap, records, exports."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import responses
from http_fake_portal import BASE
from responses import matchers

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "ods-samples"
EXPLORE = BASE + "/api/explore/v2.1"
CATALOG = json.loads((SAMPLES / "explore-v2.1_catalog-datasets_list.json").read_text())
SINGLE = json.loads((SAMPLES / "explore-v2.1_catalog-dataset_single.json").read_text())
RECORDS = json.loads((SAMPLES / "explore-v2.1_records.json").read_text())
FACETS = json.loads((SAMPLES / "explore-v2.1_catalog-facets.json").read_text())
DS = "geonames-all-cities-with-a-population-1000"


def test_catalog_datasets_returns_the_raw_page(rsps, client):
    rsps.add(responses.GET, EXPLORE + "/catalog/datasets", json=CATALOG,
             match=[matchers.query_param_matcher({"where": "modified>2020", "limit": "10", "offset": "0"})])
    page = client.explore.catalog_datasets(where="modified>2020")
    assert page["total_count"] == 19 and page["results"][0]["dataset_uid"] == "da_6kvv9v"


def test_search_filters_by_text_and_refines_and_gives_a_table(rsps, client):
    publishers = {"facets": [{"name": "publisher", "facets": [
        {"name": v, "value": v, "count": 1, "state": "displayed"}
        for v in ("Ville de Namur - Data Office GUN", "Ville de Namur - Mobilité", "CPAS de Namur", "Province de Namur")]}]}
    rsps.add(responses.GET, EXPLORE + "/catalog/facets", json=publishers)
    rsps.add(responses.GET, EXPLORE + "/catalog/datasets", json=CATALOG)
    frame = client.explore.search("arbres", publisher="Ville de Namur", theme="Environnement", limit=5)
    assert parse_qs(urlsplit(rsps.calls[1].request.url).query) == {
        "where": ['"arbres" AND publisher IN ("Ville de Namur - Data Office GUN", "Ville de Namur - Mobilité")'],
        "refine": ["theme:Environnement"], "limit": ["5"], "offset": ["0"]}
    assert list(frame.columns)[:3] == ["dataset_id", "title", "publisher"]
    assert frame.loc[0, "dataset_id"] == CATALOG["results"][0]["dataset_id"]
    assert frame.loc[0, "title"] == CATALOG["results"][0]["metas"]["default"]["title"]


def test_catalog_facets(rsps, client):
    rsps.add(responses.GET, EXPLORE + "/catalog/facets", json=FACETS)
    facets = client.explore.catalog_facets(["publisher", "language"])
    assert parse_qs(urlsplit(rsps.calls[0].request.url).query) == {"facet": ["publisher", "language"]}
    assert facets["facets"][0]["name"] == "publisher"


def test_iter_catalog_pages_up_to_the_cap_then_uses_the_export(rsps, client):
    total = 10_050
    offsets: list[tuple[int, int]] = []

    def page(request):
        query = parse_qs(urlsplit(request.url).query)
        offset, limit = int(query["offset"][0]), int(query["limit"][0])
        assert offset + limit < 10_000
        offsets.append((offset, limit))
        items = [{"dataset_id": f"ds-{i}", "metas": {"default": {}}} for i in range(offset, min(offset + limit, total))]
        return 200, {}, json.dumps({"total_count": total, "results": items})

    def export(request):
        query = parse_qs(urlsplit(request.url).query)
        start = int(query["offset"][0])
        return 200, {}, json.dumps([{"dataset_id": f"ds-{i}"} for i in range(start, total)])

    rsps.add_callback(responses.GET, re.compile(re.escape(EXPLORE) + r"/catalog/datasets\?.*"), callback=page)
    rsps.add_callback(responses.GET, re.compile(re.escape(EXPLORE) + r"/catalog/exports/json\?.*"), callback=export)
    ids = [item["dataset_id"] for item in client.explore.iter_catalog_datasets()]
    assert len(ids) == total and len(set(ids)) == total and offsets[-1] == (9900, 99)


def test_dataset_and_fields(rsps, client):
    rsps.add(responses.GET, f"{EXPLORE}/catalog/datasets/{DS}", json=SINGLE)
    rsps.add(responses.GET, f"{EXPLORE}/catalog/datasets/{DS}", json=SINGLE)
    assert client.explore.dataset(DS)["dataset_uid"] == "da_s2n5ed"
    fields = client.explore.fields(DS)
    assert fields[0]["name"] == "geoname_id" and fields[0]["annotations"]["id"] == []


def test_records_pages_by_100(rsps, client):
    def page(request):
        query = parse_qs(urlsplit(request.url).query)
        limit = int(query["limit"][0])
        return 200, {}, json.dumps({"total_count": 137611, "results": [RECORDS["results"][0]] * limit})

    rsps.add_callback(responses.GET, re.compile(re.escape(f"{EXPLORE}/catalog/datasets/{DS}/records") + r"\?.*"), callback=page)
    frame = client.explore.records(DS, where="population > 1000", limit=150)
    assert len(frame) == 150 and frame.loc[0, "name"] == "Saint-Leu"
    limits = [parse_qs(urlsplit(c.request.url).query)["limit"][0] for c in rsps.calls]
    assert limits == ["100", "50"]


def test_records_beyond_the_window_use_the_json_export(rsps, client):
    rsps.add(responses.GET, f"{EXPLORE}/catalog/datasets/{DS}/exports/json", json=RECORDS["results"],
             match=[matchers.query_param_matcher({"limit": "-1"})])
    assert len(client.explore.records(DS, limit=-1)) == 2


def test_export_csv_into_a_dataframe_and_into_a_file(rsps, client, tmp_path):
    body = "\ufeffname;population\nFraire;1492\nSaint-Leu;29278\n".encode()
    rsps.add(responses.GET, f"{EXPLORE}/catalog/datasets/{DS}/exports/csv", body=body)
    rsps.add(responses.GET, f"{EXPLORE}/catalog/datasets/{DS}/exports/csv", body=body)
    frame = client.explore.export(DS, "csv")
    assert list(frame.columns) == ["name", "population"] and frame.loc[0, "name"] == "Fraire"
    target = client.explore.export(DS, "csv", tmp_path / "out.csv")
    assert Path(target).read_bytes() == body and not (tmp_path / "out.csv.part").exists()


def test_export_parquet_and_geojson(rsps, client):
    buffer = io.BytesIO()
    pd.DataFrame({"name": ["Fraire"], "population": [1492]}).to_parquet(buffer)
    geo = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [4.5, 50.26]}, "properties": {"name": "Fraire"}}]}
    rsps.add(responses.GET, f"{EXPLORE}/catalog/datasets/{DS}/exports/parquet", body=buffer.getvalue())
    rsps.add(responses.GET, f"{EXPLORE}/catalog/datasets/{DS}/exports/geojson", json=geo)
    assert client.explore.export(DS, "parquet").loc[0, "population"] == 1492
    frame = client.explore.export(DS, "geojson")
    assert frame.loc[0, "name"] == "Fraire" and frame.loc[0, "geometry"]["type"] == "Point"
