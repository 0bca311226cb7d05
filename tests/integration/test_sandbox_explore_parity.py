"""Explore parity over loopback: group_by and aggregates, facet() and date facets, dataset facets and
attachments, dataset and catalogue exports (csv ;, xlsx, geojson, parquet, DCAT RDF), the legacy download
path; every JSON body validated against the vendor's OpenAPI document."""

from __future__ import annotations

import io
import json
from types import SimpleNamespace
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.integration

FIELDS = [
    {"name": "nom", "label": "Nom", "type": "text", "annotations": {}, "description": None},
    {"name": "commune", "label": "Commune", "type": "text", "annotations": {}, "description": None},
    {"name": "places", "label": "Places", "type": "int", "annotations": {}, "description": None},
    {"name": "tarif", "label": "Tarif (EUR)", "type": "double", "annotations": {}, "description": None},
    {"name": "ouverture", "label": "Ouverture", "type": "date", "annotations": {}, "description": None},
    {"name": "services", "label": "Services", "type": "text", "annotations": {"multivalued": [","]}, "description": None},
    {"name": "geo_point_2d", "label": "Position", "type": "geo_point_2d", "annotations": {}, "description": None},
]
ROWS = [
    {"nom": "Gare", "commune": "Namur", "places": 12, "tarif": 1.5, "ouverture": "2021-05-03", "services": ["vélo", "wc"],
     "geo_point_2d": {"lat": 50.4669, "lon": 4.8675}},
    {"nom": "Église", "commune": "Namur", "places": 8, "tarif": 0.0, "ouverture": "2021-11-30", "services": ["vélo"],
     "geo_point_2d": {"lat": 50.4601, "lon": 4.8601}},
    {"nom": "=HYPERLINK(\"http://x\",\"piège\")", "commune": "Ciney", "places": None, "tarif": 2.0,
     "ouverture": "2020-01-15", "services": [], "geo_point_2d": {"lat": 50.2967, "lon": 5.1}},
    {"nom": "Citadelle", "commune": "Namur", "places": 40, "tarif": 3.25, "ouverture": "2022-07-01",
     "services": ["wc"], "geo_point_2d": None},
]
DATASET = "parity-parkings"
FACET_CONFIG = [{"field_name": "commune", "facetsort": "alphanum", "disjunctive": True},
                {"field_name": "ouverture", "timerange_filter": True}]


@pytest.fixture(scope="module")
def parity(sandbox: Any) -> Any:
    """A published dataset with a geo point, a multivalued field and configured facets, written into the store."""
    store = sandbox.server.store
    if store.dataset_by_id(DATASET) is None:
        metadata = {"default": {"title": "Parkings (parité)", "publisher": "Commune de Parité", "language": "fr"},
                    "internal": {"license_id": "77c1a7d", "theme_id": ["22418d8"]},
                    "asset_content_configuration": {"facets": FACET_CONFIG}}
        created = store.create_dataset("parity-owner", DATASET, False, metadata)
        store.finish_processing(created["uid"], FIELDS, [(f"r{i}", row) for i, row in enumerate(ROWS)], metadata)
    return sandbox


def get(sandbox: Any, openapi: Any, template: str, params: dict[str, Any] | None = None, status: int = 200,
        **values: str) -> requests.Response:
    response = requests.get(sandbox.explore + template.format(**values), params=params, timeout=10)
    assert response.status_code == status, response.text[:400]
    if response.headers.get("Content-Type", "").split(";")[0] == "application/json":
        openapi["explore"].validate("GET", template, status, response.json())
    return response


RECORDS = "/catalog/datasets/{dataset_id}/records"


def records(parity: Any, openapi: Any, **params: Any) -> list[dict[str, Any]]:
    body = get(parity, openapi, RECORDS, params, dataset_id=DATASET).json()
    return list(body["results"])


def test_group_by_and_aggregates_on_records(parity: Any, openapi: Any) -> None:
    assert records(parity, openapi, select="count(*) as n, sum(places), avg(tarif), min(ouverture), max(places),"
                                           " median(places), count(distinct commune)") == [
        {"n": 4, "sum(places)": 60, "avg(tarif)": 1.6875, "min(ouverture)": "2020-01-15", "max(places)": 40,
         "median(places)": 12.0, "count(distinct commune)": 2}]
    assert records(parity, openapi, group_by="commune", select="count(*) as n", order_by="n desc") == [
        {"commune": "Namur", "n": 3}, {"commune": "Ciney", "n": 1}]
    assert records(parity, openapi, group_by="year(ouverture) as annee", select="count(*)") == [
        {"annee": 2020, "count(*)": 1}, {"annee": 2021, "count(*)": 2}, {"annee": 2022, "count(*)": 1}]
    assert records(parity, openapi, group_by="services", select="count(*)") == [
        {"services": "vélo", "count(*)": 2}, {"services": "wc", "count(*)": 2}, {"services": None, "count(*)": 1}]
    assert records(parity, openapi, group_by="range(places, *, 10, 20, *) as tranche", select="count(*)") == [
        {"tranche": "[*, 10[", "count(*)": 1}, {"tranche": "[10, 20[", "count(*)": 1}, {"tranche": "[20, *[", "count(*)": 1},
        {"tranche": None, "count(*)": 1}]
    assert [r["range(tarif, 2)"] for r in records(parity, openapi, group_by="range(tarif, 2)")] == ["[0, 2[", "[2, 4["]
    assert records(parity, openapi, group_by="range(ouverture, 1 year)", select="count(*) as n", order_by="n desc",
                   limit=1) == [{"range(ouverture, 1 year)": "[2021-01-01T00:00:00.000Z, 2022-01-01T00:00:00.000Z[", "n": 2}]
    assert records(parity, openapi, group_by="date_format(ouverture, 'yyyy-MM') as mois", where="commune = 'Namur'",
                   order_by="mois desc") == [{"mois": "2022-07"}, {"mois": "2021-11"}, {"mois": "2021-05"}]
    assert records(parity, openapi, where="year(ouverture) = 2021", select="nom, month(ouverture) as m") == [
        {"nom": "Gare", "m": 5}, {"nom": "Église", "m": 11}]
    assert [r["nom"] for r in records(parity, openapi, select="nom, month(ouverture) as m", order_by="m desc, nom")] == [
        "Église", "Citadelle", "Gare", ROWS[2]["nom"]]
    assert records(parity, openapi, select="places * 2 as double, (tarif + 1) / 2") == [
        {"double": 24, "(tarif + 1) / 2": 1.25}, {"double": 16, "(tarif + 1) / 2": 0.5},
        {"double": None, "(tarif + 1) / 2": 1.5}, {"double": 80, "(tarif + 1) / 2": 2.125}]
    assert records(parity, openapi, select="sum(places * 2) as s") == [{"s": 120}]
    assert records(parity, openapi, select="date_format(ouverture, 'EEEE d MMMM') as jour", lang="nl", limit=1) == [
        {"jour": "maandag 3 mei"}]
    shuffled = [r["nom"] for r in records(parity, openapi, order_by="random(7)")]
    assert shuffled == [r["nom"] for r in records(parity, openapi, order_by="random(7)")]
    assert sorted(shuffled) == sorted(r["nom"] for r in ROWS)
    assert records(parity, openapi, select="date'2021-01-01' as d, lower(commune)", limit=1) == [
        {"d": "2021-01-01T00:00:00", "lower(commune)": "namur"}]
    assert [r["nom"] for r in records(parity, openapi, order_by="year(ouverture) desc, places")] == [
        "Citadelle", "Église", "Gare", ROWS[2]["nom"]]


@pytest.mark.parametrize("params", [
    {"group_by": "commune", "select": "nom"},
    {"group_by": "range(ouverture, 2 months)"},
    {"group_by": "commune", "order_by": "nom"},
    {"select": "envelope(geo_point_2d)"},
    {"group_by": "commune", "limit": "20001"},
    {"where": "avg(places) > 3"},
    {"order_by": "count(*) desc"},
    {"group_by": "geo_point_2d"},
    {"lang": "klingon"},
    {"order_by": "random(x)"},
    {"order_by": ", ".join(["places"] * 51)},
])
def test_aggregation_errors_are_odsql_400(parity: Any, openapi: Any, params: dict[str, str]) -> None:
    body = get(parity, openapi, RECORDS, params, status=400, dataset_id=DATASET).json()
    assert body["error_code"] == "ODSQLError"


def test_group_by_on_the_catalogue(sandbox: Any, openapi: Any) -> None:
    body = get(sandbox, openapi, "/catalog/datasets", {"group_by": "publisher", "select": "count(*) as n",
                                                        "where": "publisher = 'Ville de Namur'"}).json()
    assert body == {"results": [{"publisher": "Ville de Namur", "n": 4}]}
    themes = get(sandbox, openapi, "/catalog/datasets", {"group_by": "theme", "select": "sum(records_count) as r"}).json()
    assert all(isinstance(row["r"], int) and row["r"] > 0 for row in themes["results"])


def test_group_count_is_bounded(parity: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from odwb_assist.sandbox import aggregation

    monkeypatch.setattr(aggregation, "MAX_GROUPS", 2)
    client = parity.server.app.test_client()
    response = client.get(f"/api/explore/v2.1/catalog/datasets/{DATASET}/records", query_string={"group_by": "nom"})
    assert response.status_code == 400 and "more than 2 groups" in response.get_json()["message"]


def test_facet_function_sort_limit_and_date_facets(parity: Any, openapi: Any) -> None:
    template = "/catalog/datasets/{dataset_id}/facets"
    configured = get(parity, openapi, template, dataset_id=DATASET).json()["facets"]
    assert [f["name"] for f in configured] == ["commune", "ouverture"]
    assert [v["name"] for v in configured[0]["facets"]] == ["Ciney", "Namur"]  # facetsort alphanum from the config
    assert [v["name"] for v in configured[1]["facets"]] == ["2020", "2021", "2022"]
    refined = get(parity, openapi, template, {"facet": "ouverture", "refine": "ouverture:2021"},
                  dataset_id=DATASET).json()["facets"][0]["facets"]
    year = next(v for v in refined if v["name"] == "2021")
    assert year["state"] == "refined" and [(m["value"], m["count"]) for m in year["facets"]] == [("2021/05", 1),
                                                                                               ("2021/11", 1)]
    custom = get(parity, openapi, template, {"facet": 'facet(name="services", sort="-count", limit=1)'},
                 dataset_id=DATASET).json()["facets"]
    assert custom == [{"name": "services", "facets": [{"name": "vélo", "count": 2, "state": "displayed", "value": "vélo"}]}]
    disjunctive = get(parity, openapi, template, {"facet": ['facet(name="commune", disjunctive=true)', "services"],
                                                   "refine": "commune:Ciney"}, dataset_id=DATASET).json()["facets"]
    assert {v["name"]: v["count"] for v in disjunctive[0]["facets"]} == {"Namur": 3, "Ciney": 1}
    assert disjunctive[1]["facets"] == []  # Ciney's row has no service
    catalogue = get(parity, openapi, "/catalog/facets", {"facet": 'facet(name="publisher", sort="alphanum", limit=2)'}).json()
    names = [v["name"] for v in catalogue["facets"][0]["facets"]]
    assert len(names) == 2 and names == sorted(names, key=str.lower)
    get(parity, openapi, template, {"facet": 'facet(name="commune", sort="sideways")'}, status=400, dataset_id=DATASET)
    get(parity, openapi, template, {"facet": "inconnu"}, status=400, dataset_id=DATASET)


def test_explore_dataset_shows_the_configured_facets_and_geo(parity: Any, openapi: Any) -> None:
    item = get(parity, openapi, "/catalog/datasets/{dataset_id}", dataset_id=DATASET).json()
    commune = next(f for f in item["fields"] if f["name"] == "commune")
    assert commune["annotations"] == {"facet": [], "facetsort": ["alphanum"], "disjunctive": []}
    assert "geo" in item["features"]


def test_attachments_from_automation_to_explore(parity: Any, openapi: Any) -> None:
    headers = {"Authorization": f"Apikey {parity.user_key('parity-owner')}"}
    uid = parity.server.store.dataset_by_id(DATASET)["uid"]
    base = f"{parity.automation}/datasets/{uid}/attachments/"
    pdf = b"%PDF-1.4 dictionnaire des donnees"
    created = requests.post(base, headers=headers, files={"file": ("Dictionnaire des données.pdf", pdf, "application/pdf")},
                            timeout=10)
    assert created.status_code == 201, created.text
    openapi["automation"].validate("POST", "/datasets/{dataset_uid}/attachments/", 201, created.json())
    listing = requests.get(base, headers=headers, timeout=10).json()
    openapi["automation"].validate("GET", "/datasets/{dataset_uid}/attachments/", 200, listing)
    assert [a["filename"] for a in listing["results"]] == ["Dictionnaire des données.pdf"]
    other = requests.get(base, headers={"Authorization": f"Apikey {parity.user_key('parity-stranger')}"}, timeout=10)
    assert other.status_code == 403

    explored = get(parity, openapi, "/catalog/datasets/{dataset_id}/attachments", dataset_id=DATASET).json()
    assert explored["attachments"][0]["metas"] == {"mime-type": "application/pdf", "title": "Dictionnaire des données.pdf",
                                                   "url": "odsfile://Dictionnaire des données.pdf",
                                                   "id": "dictionnaire_des_donn_es_pdf"}
    assert requests.get(explored["attachments"][0]["href"], timeout=10).content == pdf
    item = get(parity, openapi, "/catalog/datasets/{dataset_id}", dataset_id=DATASET).json()
    assert item["attachments"][0]["id"] == "dictionnaire_des_donn_es_pdf"
    assert requests.get(f"{base}{created.json()['uid']}/download/", headers=headers, timeout=10).content == pdf
    assert requests.delete(f"{base}{created.json()['uid']}/", headers=headers, timeout=10).status_code == 204
    assert get(parity, openapi, "/catalog/datasets/{dataset_id}/attachments", dataset_id=DATASET).json() == {
        "attachments": []}


EXPORT = "/catalog/datasets/{dataset_id}/exports/{format}"


def test_dataset_exports(parity: Any, openapi: Any) -> None:
    links = get(parity, openapi, "/catalog/datasets/{dataset_id}/exports", dataset_id=DATASET).json()["links"]
    assert {"csv", "json", "jsonl", "geojson", "xlsx", "parquet"} <= {link["rel"] for link in links}
    csv_export = get(parity, openapi, EXPORT, {"use_labels": "true"}, dataset_id=DATASET, format="csv")
    assert csv_export.headers["Content-Type"] == "text/csv; charset=utf-8"
    lines = csv_export.content.decode("utf-8").splitlines()
    assert lines[0] == "\ufeffNom;Commune;Places;Tarif (EUR);Ouverture;Services;Position"
    assert lines[1] == "Gare;Namur;12;1.5;2021-05-03;vélo,wc;50.4669, 4.8675"
    grouped = get(parity, openapi, EXPORT, {"group_by": "commune", "select": "count(*) as n", "with_bom": "false"},
                  dataset_id=DATASET, format="csv").text
    assert grouped.splitlines() == ["commune;n", "Ciney;1", "Namur;3"]

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(get(parity, openapi, EXPORT, dataset_id=DATASET, format="xlsx").content))
    sheet = workbook.active
    assert [c.value for c in sheet[1]] == [f["name"] for f in FIELDS]
    trap = sheet.cell(row=4, column=1)
    assert trap.data_type == "s" and trap.value.startswith("=HYPERLINK")  # text, never a live formula
    assert sheet.cell(row=2, column=3).value == 12

    geojson = get(parity, openapi, EXPORT, dataset_id=DATASET, format="geojson")
    assert geojson.headers["Content-Type"].startswith("application/geo+json")
    features = geojson.json()["features"]
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [4.8675, 50.4669]}
    assert features[3]["geometry"] is None and features[0]["properties"]["nom"] == "Gare"

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(get(parity, openapi, EXPORT, {"parquet_compression": "zstd"}, dataset_id=DATASET,
                                         format="parquet").content))
    assert table.num_rows == 4 and table.schema.field("places").type == pa.int64()
    assert table.schema.field("ouverture").type == pa.date32()
    assert table.column("tarif").to_pylist() == [1.5, 0.0, 2.0, 3.25]

    lines = get(parity, openapi, EXPORT, {"where": "places > 10"}, dataset_id=DATASET, format="jsonl").text.splitlines()
    assert [json.loads(line)["nom"] for line in lines] == ["Gare", "Citadelle"]
    get(parity, openapi, EXPORT, status=400, dataset_id=DATASET, format="shp")
    get(parity, openapi, EXPORT, {"epsg": "31370"}, status=400, dataset_id=DATASET, format="geojson")
    import gzip

    packed = get(parity, openapi, EXPORT, {"compressed": "true"}, dataset_id=DATASET, format="csv")
    assert packed.headers["Content-Type"] == "application/gzip" and 'filename="parity-parkings.csv.gz"' in \
        packed.headers["Content-Disposition"]
    assert gzip.decompress(packed.content).decode("utf-8-sig").startswith("nom;commune;places")


def test_catalogue_exports(sandbox: Any, openapi: Any) -> None:
    links = get(sandbox, openapi, "/catalog/exports").json()["links"]
    assert {"csv", "json", "xlsx", "rdf", "dcat", "dcat_ap_benap"} <= {link["rel"] for link in links}
    total = get(sandbox, openapi, "/catalog/datasets").json()["total_count"]
    assert len(get(sandbox, openapi, "/catalog/exports/{format}", format="json").json()) == total
    jsonl = get(sandbox, openapi, "/catalog/exports/{format}", {"where": "publisher = 'Ville de Namur'"}, format="jsonl")
    assert len(jsonl.text.splitlines()) == 4
    csv_export = get(sandbox, openapi, "/catalog/exports/{format}", {"limit": 3}, format="csv")
    assert csv_export.headers["Content-Type"] == "text/csv; charset=utf-8"
    lines = csv_export.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("dataset_id;dataset_uid;title;description;keyword;theme;license") and len(lines) == 4

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(get(sandbox, openapi, "/catalog/exports/{format}", format="xlsx").content)).active
    assert sheet.max_row == total + 1 and sheet.cell(row=1, column=1).value == "dataset_id"


def test_catalogue_as_dcat_ap(sandbox: Any, openapi: Any) -> None:
    from rdflib import Graph, Namespace, URIRef
    from rdflib.namespace import DCAT, DCTERMS, RDF

    vcard = Namespace("http://www.w3.org/2006/vcard/ns#")

    total = get(sandbox, openapi, "/catalog/datasets").json()["total_count"]
    graphs = {}
    for fmt, syntax in (("rdf", "xml"), ("dcat", "xml"), ("dcat_ap_benap", "xml"), ("ttl", "turtle")):
        response = get(sandbox, openapi, "/catalog/exports/{format}", format=fmt)
        assert response.headers["Content-Type"].startswith("text/turtle" if fmt == "ttl" else "application/rdf+xml")
        graphs[fmt] = Graph().parse(data=response.content, format=syntax)
    benap = graphs["dcat_ap_benap"]
    datasets = list(benap.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == total and len(list(benap.subjects(RDF.type, DCAT.Catalog))) == 1
    parking = URIRef(sandbox.url + "/explore/dataset/namur-parkings-velos/")
    assert (parking, DCTERMS.identifier, None) in benap
    assert str(benap.value(parking, DCTERMS.title)) and benap.value(parking, DCTERMS.title).language == "fr"
    assert (parking, DCAT.theme, URIRef("http://publications.europa.eu/resource/authority/data-theme/TRAN")) in benap
    assert (parking, DCTERMS.language, URIRef("http://publications.europa.eu/resource/authority/language/FRA")) in benap
    distributions = list(benap.objects(parking, DCAT.distribution))
    assert len(distributions) == 5
    for distribution in distributions:
        assert str(benap.value(distribution, DCTERMS.license)).startswith("https://creativecommons.org/")
        assert str(benap.value(distribution, DCAT.downloadURL)).startswith(sandbox.explore)
        assert str(benap.value(distribution, DCTERMS["format"])).startswith(
            "http://publications.europa.eu/resource/authority/file-type/")
    assert benap.value(parking, DCTERMS.accessRights) == URIRef(
        "http://publications.europa.eu/resource/authority/access-right/PUBLIC")
    publisher = benap.value(parking, DCTERMS.publisher)
    assert publisher is not None
    assert any(True for _ in benap.objects(parking, DCAT.contactPoint)) and (None, RDF.type, vcard.Organization) in benap
    narrowed = Graph().parse(data=get(sandbox, openapi, "/catalog/exports/{format}", {"include_exports": "csv,geojson"},
                                      format="dcat_ap_benap").content, format="xml")
    assert len(list(narrowed.objects(parking, DCAT.distribution))) == 2
    assert len(graphs["ttl"]) == len(graphs["rdf"])


def test_legacy_download_path(parity: Any) -> None:
    url = f"{parity.url}/explore/dataset/{DATASET}/download/"
    csv_text = requests.get(url, params={"format": "csv", "use_labels_for_header": "true", "csv_separator": ";"},
                            timeout=10)
    assert csv_text.status_code == 200 and csv_text.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_text.text.splitlines()[0] == "Nom;Commune;Places;Tarif (EUR);Ouverture;Services;Position"  # no BOM
    legacy = requests.get(url, params={"format": "json", "refine.commune": "Ciney"}, timeout=10).json()
    assert len(legacy) == 1 and legacy[0]["datasetid"] == DATASET and legacy[0]["recordid"] == "r2"
    assert "places" not in legacy[0]["fields"]  # v1 leaves empty fields out
    searched = requests.get(url, params={"format": "jsonl", "q": "citadelle"}, timeout=10).text.splitlines()
    assert [json.loads(line)["nom"] for line in searched] == ["Citadelle"]
    assert requests.get(f"{parity.url}/explore/dataset/inconnu/download/", timeout=10).status_code == 404


def test_records_pages_do_not_decode_the_whole_dataset(parity: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain page is one SQL LIMIT/OFFSET; a filtered read streams chunk by chunk (issue 18)."""
    from odwb_assist.sandbox import record_reads

    decoded: list[int] = []
    real_loads = record_reads.json.loads

    def counting(text: str) -> Any:
        decoded.append(1)
        return real_loads(text)

    monkeypatch.setattr(record_reads, "json", SimpleNamespace(loads=counting))
    monkeypatch.setattr(record_reads, "CHUNK", 3)
    client = parity.server.app.test_client()
    page = client.get(f"/api/explore/v2.1/catalog/datasets/{DATASET}/records", query_string={"limit": 1, "offset": 1})
    assert page.get_json() == {"total_count": 4, "results": [ROWS[1]]} and len(decoded) == 1
    decoded.clear()
    filtered = client.get(f"/api/explore/v2.1/catalog/datasets/{DATASET}/records", query_string={"where": "places > 10"})
    assert [r["nom"] for r in filtered.get_json()["results"]] == ["Gare", "Citadelle"] and len(decoded) == 4


WORDS = ["count(*)", "sum(", "avg(", "min(", "max(", "median(", "percentile(", "range(", "year(", "month(", "date_format(",
         "lower(", "ifnull(", "include(", "exclude(", "facet(", "name=", "sort=", "limit=", "disjunctive=true", " as ", ",",
         ")", "*", "places", "nom", "ouverture", "services", "commune", "1 day", "5", "-3", "date'2021-01-01'", "'x'",
         " desc", "distinct ", "1M", "0", "1e400", "99999999999999999999999", "geo_point_2d"]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(path=st.sampled_from(["records", "facets", "exports/csv", "exports/parquet", "exports/xlsx", "exports/geojson"]),
       params=st.dictionaries(st.sampled_from(["select", "group_by", "order_by", "facet", "where", "refine", "limit"]),
                              st.lists(st.sampled_from(WORDS), max_size=8).map("".join), max_size=3))
def test_odsql_words_never_give_a_500(parity: Any, path: str, params: dict[str, str]) -> None:
    response = parity.server.app.test_client().get(f"/api/explore/v2.1/catalog/datasets/{DATASET}/{path}",
                                                   query_string=params)
    assert response.status_code in (200, 400), (path, params, response.get_data(as_text=True)[:300])


def test_dcat_ap_benap_marks_restricted_datasets(parity: Any) -> None:
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS

    from odwb_assist.sandbox import catalog, dcat

    item = next(i for i in catalog.published(parity.server.store, None) if i["dataset_id"] == DATASET)
    with parity.server.app.test_request_context("/api/explore/v2.1/catalog/exports/dcat_ap_benap"):
        graph = dcat.catalog_graph([item], "http://portal.test", "dcat_ap_benap", {item["dataset_uid"]})
    node = URIRef(f"http://portal.test/explore/dataset/{DATASET}/")
    assert graph.value(node, DCTERMS.accessRights) == URIRef(
        "http://publications.europa.eu/resource/authority/access-right/RESTRICTED")
    assert dcat.eu_themes("Administration et services publics") == ["GOVE"]
    assert dcat.eu_themes("Culture, sport et loisirs") == ["EDUC"] and dcat.eu_themes("Actualités") == []


def test_timezone_moves_datetimes_not_dates(sandbox: Any, parity: Any, openapi: Any) -> None:
    def hours(zone: str) -> list[Any]:
        body = get(sandbox, openapi, "/catalog/datasets", {"group_by": "hour(metadata_processed) as h", "timezone": zone,
                                                           "where": "dataset_id = 'namur-parkings-velos'"}).json()
        return [row["h"] for row in body["results"]]

    utc, brussels = hours("UTC")[0], hours("Europe/Brussels")[0]
    assert (brussels - utc) % 24 in (1, 2)  # CET or CEST
    assert records(parity, openapi, group_by="day(ouverture)", timezone="Pacific/Kiritimati", where="nom = 'Gare'") == [
        {"day(ouverture)": 3}]  # a bare date is the day it is, in any zone
    for zone in ("Mars/Olympus", "Europe", "../../etc/passwd"):
        get(sandbox, openapi, "/catalog/datasets", {"timezone": zone}, status=400)
